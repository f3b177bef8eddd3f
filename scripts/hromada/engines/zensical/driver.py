"""Building with Zensical, Material's successor, which ignores plugins it does not know.

Zensical gets a staging tree: every page's composed Markdown (markers where generated HTML goes,
between two comments carrying a nonce of this build), our theme layer, our navigation and a
generated mkdocs.yml. After it rendered, each page's content between the comments goes through
the same `render.finish` as under MkDocs (sanitised, generated parts filled in), and `finish`
runs over the output. Generated links are put in after Zensical, so it never rewrites them.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import types
from pathlib import Path

import yaml
from markupsafe import escape

from hromada.content import layout
from hromada.content.layout import Urls
from hromada.engines.zensical import search_css
from hromada.handouts.build import bar
from hromada.publish.finish import finish
from hromada.publish.output import fresh_folder, scratch_folder
from hromada.resources import assets_dir, package_dir, theme_dir
from hromada.search.index import SearchIndex
from hromada.website import identity, render
from hromada.website.navigation import NavItem, page_title, search_tier
from hromada.website.prepare import Site, published_assets
from hromada.website.siteconfig import add_abbreviations, read_mkdocs_yml

ANSI = re.compile(r"\x1b\[[0-9;]*m")  # Zensical colours its messages whatever the terminal
SEARCH_CSS = "assets/hromada/zensical-search.css"
KEPT_SETTINGS = ("site_name", "site_description", "site_author", "copyright", "markdown_extensions", "extra")


class EngineError(Exception):
    """Zensical is missing or stopped; the message is for editors."""


def build(site: Site, target: Path, strict: bool = False) -> None:
    command = zensical_command()
    with fresh_folder(target) as tmp:
        build_once(site, tmp, command, strict)


def zensical_command() -> list[str]:
    beside = Path(sys.executable).with_name("zensical")  # the same virtual environment as hromada
    found = str(beside) if beside.is_file() else shutil.which("zensical")
    if not found:
        raise EngineError("hromada: Zensical не встановлено; встановіть його: pip install zensical")
    return [found]


def build_once(site: Site, out: Path, command: list[str], strict: bool = False) -> None:
    nonce = secrets.token_hex(8)  # content cannot write a comment that ends our part early
    stage = scratch_folder(out, "zensical")
    try:
        composed = write_stage(site, stage, nonce)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(package_dir().parent), os.environ.get("PYTHONPATH", "")])}
        result = subprocess.run([*command, "build", "--clean", "-f", str(stage / "mkdocs.yml"), *(["--strict"] if strict else [])],
                                capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, check=False)
        messages = ANSI.sub("", result.stderr).strip()
        if result.returncode != 0:
            raise EngineError(f"hromada: Zensical зупинив збірку: {messages[-2000:]}")
        if messages and messages != "No issues found":  # its warnings (a broken link…), as MkDocs' are shown
            print(messages, file=sys.stderr)
        shutil.move(str(stage / "site"), str(out))
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    index = SearchIndex()
    for rel, page in composed.items():
        finish_page(site, out, rel, page, nonce, index)
    (out / "search.json").unlink(missing_ok=True)  # Zensical's own index: ours is search/
    shutil.rmtree(out / "assets" / "stylesheets" / "modern", ignore_errors=True)  # the stage asks for "classic"
    report = finish(site, out, index, progress=bar)
    if report is not None:
        print(report.summary(), *report.failures(), sep="\n", file=sys.stderr)
        if report.failed:
            raise EngineError(f"hromada: не зібрано PDF: {len(report.failed)}")


def write_stage(site: Site, stage: Path, nonce: str) -> dict[str, render.Composed]:
    docs = stage / "docs"
    composed: dict[str, render.Composed] = {}
    description = read_mkdocs_yml(site.root).get("site_description")
    for rel in site.order:
        page = composed[rel] = render.compose(site, rel)
        doc = site.document(rel)
        meta = identity.page_meta(site, rel, description) | (render.theme_meta(doc) if doc else {})
        # Zensical prints titles as they are, and takes one from the first heading otherwise:
        # every page gets its title here, escaped (a title is text, never markup).
        meta["title"] = escape(page_title(site.corpus, rel))
        head = yaml.safe_dump({k: str(v) if k in ("title", "description") else v for k, v in meta.items()}, allow_unicode=True)
        target = docs / layout.site_uri(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        body = f"<!--hromada:{nonce}:start-->\n\n{page.markdown}\n\n<!--hromada:{nonce}:end-->\n"
        target.write_text(f"---\n{head}---\n\n{body}", encoding="utf-8")
    for rel in published_assets(site):
        target = docs / layout.site_uri(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site.corpus.layout.path(rel), target)
    shutil.copytree(assets_dir() / "hromada", docs / "assets" / "hromada", dirs_exist_ok=True)
    (docs / SEARCH_CSS).write_text(search_css.stylesheet(), encoding="utf-8")
    shutil.copytree(theme_dir(), stage / "overrides")
    (stage / "mkdocs.yml").write_text(yaml.dump(stage_config(site), Dumper=_Dumper, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    return composed


def stage_config(site: Site) -> dict:
    raw = read_mkdocs_yml(site.root)
    config = {key: raw[key] for key in KEPT_SETTINGS if key in raw}
    theme = dict(raw.get("theme") or {})
    theme.update({"name": "material", "custom_dir": "overrides", "variant": "classic"})
    extensions = []
    for entry in config.get("markdown_extensions") or []:
        if entry == "abbr" or (isinstance(entry, dict) and "abbr" in entry):
            options: dict = dict(entry["abbr"] or {}) if isinstance(entry, dict) else {}
            holder = {"abbr": options}
            add_abbreviations(holder, site.root)
            entry = {"abbr": holder["abbr"]} if holder["abbr"] else "abbr"
        extensions.append(entry)
    extra = dict(config.get("extra") or {})
    extra["hromada"] = {"search": site.options.search}  # Zensical has no plugins: our templates read this
    config.update({
        "site_url": site.urls.site_url or None, "docs_dir": "docs", "site_dir": "site",
        "use_directory_urls": site.urls.directory, "theme": theme, "markdown_extensions": extensions,
        "extra": extra, "extra_css": [SEARCH_CSS, "assets/hromada/site.css"], "extra_javascript": ["assets/hromada/site.js"],
        "plugins": [{"search": {"enabled": False}}], "nav": stage_nav(site.nav),
    })
    return {k: v for k, v in config.items() if v is not None}


def stage_nav(items: tuple[NavItem, ...]) -> list:
    return [layout.site_uri(i.rel) if i.rel else {str(escape(i.title)): stage_nav(i.children)} for i in items]


def output_file(out: Path, urls: Urls, rel: str) -> Path:
    url = urls.page(rel)
    return out / (url + "index.html" if url.endswith("/") or url == "" else url)


def finish_page(site: Site, out: Path, rel: str, composed: render.Composed, nonce: str, index: SearchIndex) -> None:
    """The page's content as Zensical made it → `render.finish`, as under MkDocs; then indexed."""
    path = output_file(out, site.urls, rel)
    text = path.read_text(encoding="utf-8")
    start, end = f"<!--hromada:{nonce}:start-->", f"<!--hromada:{nonce}:end-->"
    i, j = text.find(start), text.find(end)
    if i < 0 or j < i:
        raise EngineError(f"hromada: Zensical не зберіг сторінку {rel} повністю")
    page = render.finish(site, composed, text[i + len(start): j])
    path.write_text(text[:i] + page.html + text[j + len(end):], encoding="utf-8")
    doc = site.document(rel)
    excluded = bool(doc and getattr(doc.model, "search", None) and doc.model.search.exclude)
    if site.options.search and not excluded:
        index.add(layout.site_uri(rel), site.urls.page(rel), page_title(site.corpus, rel), page.html, site.crumbs.get(rel, ""),
                  search_tier(rel))


def failure(exc: BaseException) -> str:
    message = str(exc).strip()
    if message.startswith("hromada:"):
        return message[len("hromada:"):].strip()
    if isinstance(exc, OSError):
        return f"не вдалося прочитати або записати файл {exc.filename or ''} ({exc.strerror or exc.__class__.__name__})"
    return f"внутрішня помилка ({exc.__class__.__name__}: {message[:200]}); повідомте розробникам"


class _Dumper(yaml.SafeDumper):
    """mkdocs.yml names Python functions (toc's slugify) with !!python/name:."""


def _function(dumper: yaml.SafeDumper, value: types.FunctionType) -> yaml.Node:
    return dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value.__module__}.{value.__qualname__}", "")


_Dumper.add_representer(types.FunctionType, _function)
