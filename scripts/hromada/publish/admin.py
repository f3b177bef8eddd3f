"""The web editor at /admin/: Decap CMS served from the site's own origin, with its own CSP.

    write_admin(site, out)       a step of `publish.finish.finish`: admin/index.html, config.yml, the bundle
    bundle_dir(root)             where `make cms` unpacked the pinned packages (.cache/cms/), or None

Only when the bundle is there (`make cms`; `make site` fetches it when npm is installed): without it the
build says so and writes no admin/ at all, never half of one. Not in the offline pack (file:// has no
GitHub to save to). Reader pages do not link here; editors find it in docs/redaktoram/vebredaktor.md.

The page's policy is not the public pages' one (publish/csp.py leaves a page that has its own alone):
Decap validates its config with ajv, which compiles code at run time ('unsafe-eval'), and saves to
GitHub's API (connect-src https://api.github.com; decap-server on localhost only in a build for a local
try or the test). Scripts still come only from this origin, and no inline script runs.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from hromada.publish.cms import Backend, config, dump, key_orders, typed_lists
from hromada.publish.purge import editor_copy
from hromada.resources import assets_dir
from hromada.website.prepare import Site
from hromada.website.siteconfig import read_mkdocs_yml

ADMIN = "admin"
BUNDLE_ENV = "HROMADA_CMS_DIR"  # another folder laid out as .cache/cms/ (tests build copies of a project)
BUNDLE = ".cache/cms"
DECAP = "decap-cms/package/dist"
JSYAML = "js-yaml/package/dist/js-yaml.min.js"
SCRIPT = "hromada-cms.js"  # ours: front matter through js-yaml, file names from titles, preview in the site's styles
GITHUB = ("https://api.github.com",)
AVATARS = ("https://avatars.githubusercontent.com",)
STYLES = ("assets/stylesheets/", "assets/hromada/site.css")  # the site's own CSS: Material's and ours


def bundle_dir(root: Path) -> Path | None:
    folder = Path(os.environ.get(BUNDLE_ENV) or root / BUNDLE)
    if (folder / DECAP / "decap-cms.js").is_file() and (folder / JSYAML).is_file():
        return folder
    return None


def write_admin(site: Site, out: Path) -> None:
    bundle = bundle_dir(site.root)
    if bundle is None:
        if not site.options.serving:
            print(f"Веб-редактор /admin/ не зібрано: немає пакета Decap CMS у {site.root / BUNDLE}.\n"
                  "  підказка: make cms (потрібен npm), потім зберіть сайт знову", file=sys.stderr)
        return
    raw = read_mkdocs_yml(site.root)
    # The live preview is on this computer: decap-server answers there if someone started it.
    backend = Backend.of(raw, local="1" if site.options.serving and not os.environ.get("HROMADA_CMS_LOCAL") else None)
    cfg = config(site.corpus, backend)
    target = out / ADMIN
    target.mkdir(parents=True, exist_ok=True)
    for source in bundle_files(bundle):
        copy_if_changed(source, target / source.name)
    copy_if_changed(assets_dir() / ADMIN / SCRIPT, target / SCRIPT)
    write_if_changed(target / "config.yml", dump(cfg))
    templates = [c["name"] for c in cfg["collections"] if "folder" in c]
    templates += [f["name"] for c in cfg["collections"] for f in c.get("files", ())]
    settings = {"typed-lists": typed_lists(cfg), "key-order": key_orders(cfg), "preview-styles": preview_styles(out),
                "templates": templates}
    write_if_changed(target / "index.html", page(str(raw.get("site_name") or "Hromada"), backend, settings))


def bundle_files(bundle: Path) -> list[Path]:
    """decap-cms.js, the chunks it loads on demand and their WebAssembly, the licences; js-yaml. No source maps."""
    dist = bundle / DECAP
    files = [dist / "decap-cms.js", dist / "decap-cms.js.LICENSE.txt"]
    files += sorted(p for p in dist.glob("*.decap-cms.js") if p.name.split(".", 1)[0].isdigit())
    files += sorted(dist.glob("*.wasm"))
    return [p for p in files if p.is_file()] + [bundle / JSYAML]


def write_if_changed(target: Path, text: str) -> None:
    if not (target.is_file() and target.read_text(encoding="utf-8") == text):
        target.write_text(text, encoding="utf-8")


def copy_if_changed(source: Path, target: Path) -> None:
    """A live preview rebuilds on every save: what did not change is not written again (6 MB of bundle)."""
    if target.is_file() and target.stat().st_size == source.stat().st_size and target.read_bytes() == source.read_bytes():
        return
    shutil.copyfile(source, target)


def preview_styles(out: Path) -> list[str]:
    """The stylesheets the home page loads (their names carry Material's hash), as seen from admin/;
    the theme's whole, not cut to the built pages (publish/purge.py): a page being written may need more."""
    home = out / "index.html"
    if not home.is_file():
        return []
    text = home.read_text(encoding="utf-8")
    found = []
    for href in _stylesheets(text):
        whole = editor_copy(href)
        href = whole if (out / whole).is_file() else href
        if href.startswith(STYLES) and (out / href).is_file():
            found.append("../" + href)
    return found


def _stylesheets(text: str) -> list[str]:
    """Linked, or written into the page (publish/inline.py names the file)."""
    return [html.unescape(h) for h in re.findall(r'<(?:link rel="stylesheet" href|style data-href)="([^"]+)"', text)]


def policy(backend: Backend) -> str:
    connect = ["'self'", "blob:", "data:", *GITHUB, *([_origin(backend.local)] if backend.local else [])]
    return ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob: {' '.join(AVATARS)}; font-src 'self' data:; connect-src {' '.join(connect)}; "
            "frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def page(site_name: str, backend: Backend, settings: dict[str, object]) -> str:
    """`settings` reach hromada-cms.js as data- attributes of its script tag (no inline script)."""
    attrs = " ".join(f'data-{k}="{html.escape(json.dumps(v, ensure_ascii=False), quote=True)}"' for k, v in settings.items())

    return f"""<!doctype html>
<html lang="uk">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="{policy(backend)}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <title>Веб-редактор — {html.escape(site_name)}</title>
  <link rel="icon" href="../assets/hromada/favicon.svg">
  <link rel="cms-config-url" type="text/yaml" href="config.yml">
</head>
<body>
  <noscript>Веб-редактор працює лише з увімкненим JavaScript.</noscript>
  <script src="js-yaml.min.js"></script>
  <script src="decap-cms.js"></script>
  <script src="{SCRIPT}" {attrs}></script>
</body>
</html>
"""
