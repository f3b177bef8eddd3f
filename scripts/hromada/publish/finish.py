"""Phase three, over the built output folder, whichever engine wrote it: the search files, the
content security policy on every page, the theme's unused scripts and styles out, the PDFs and ZIPs, the offline pack, the web editor."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from hromada.handouts.build import Report, build_handouts
from hromada.publish.admin import write_admin
from hromada.publish.csp import with_policy
from hromada.publish.inline import inline_styles
from hromada.publish.minify import minify_assets
from hromada.publish.offline import write_pack
from hromada.publish.pages import Pages
from hromada.publish.purge import purge_styles
from hromada.publish.sizes import finish_pages
from hromada.publish.webapp import write_webapp
from hromada.search.index import SHARD_DIR, SearchIndex
from hromada.website.prepare import Site
from hromada.website.siteconfig import SiteConfig


def finish(site: Site, out: Path, index: SearchIndex | None,
           progress: Callable[[int, int, str], None] | None = None, since_ns: int | None = None) -> Report | None:
    """Returns the PDF report when PDFs were made (the caller says how it went). `since_ns`: a live
    preview's rebuild began then; only the pages it wrote need finishing (`Pages.read`)."""
    remove_theme_scripts(out)
    minify_assets(site, out)  # our scripts and stylesheets without comments (not the preview)
    if site.options.search and index is not None:
        write_search(index, out)
    # The steps below change the pages in memory; they are written once, before the web editor.
    pages = Pages.read(out, since_ns if site.options.serving else None)
    if not site.options.serving:  # a live preview adds its reload script inline to every page
        apply_policy(pages)
    report = build_handouts(site.corpus, handout_config(site), out, progress=progress) if site.options.pdf else None
    finish_pages(site, pages)  # download sizes (the PDFs and ZIPs exist now), the 404 page's links
    cut = purge_styles(site, pages)  # the theme's stylesheet cut to what the pages and our scripts use (not the preview)
    write_pack(site, pages)  # offline/hromada-site.zip from these pages, for file://; then its size on home
    inline_styles(site, pages, cut)  # what a page uses of them, into it: no round trip before the first paint (not file://)
    write_webapp(site, pages)  # manifest, service worker, per-training offline lists (not for file:// nor the preview)
    pages.write()
    write_admin(site, out)  # /admin/ with its own policy, after every page of the readers is finished (reads home)
    return report


def handout_config(site: Site) -> SiteConfig:
    """mkdocs.yml's settings, with this build's URL policy (QR codes point at these pages)."""
    config = SiteConfig.load(site.root)
    return dataclasses.replace(config, site_url=site.urls.site_url, directory_urls=site.urls.directory)


def write_search(index: SearchIndex, out: Path) -> None:
    shutil.rmtree(out / SHARD_DIR, ignore_errors=True)  # shards of an earlier preview build
    for rel, script in index.files().items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(script, encoding="utf-8")


def apply_policy(pages: Pages) -> None:
    """The policy as a meta tag in every HTML file (GitHub Pages sets no headers; the offline pack
    names file: in its copies, publish/offline.py)."""
    for rel in pages:
        pages.update(rel, with_policy(pages.text(rel)))


THEME_SCRIPTS = ("assets/javascripts/workers/", "assets/javascripts/lunr/")
_BUNDLE = re.compile(r"assets/javascripts/bundle\.[^/]*\.js")  # with its .map


def theme_script(rel: str) -> bool:
    """Material's bundle, search worker and lunr, by a file's path in the site: copied with the theme
    but never loaded here (theme/main.html). An engine that can leave them out of its copy does
    (engines/mkdocs/plugin.py: 38 files, 2.3 MB); `remove_theme_scripts` takes out any copied."""
    return rel.startswith(THEME_SCRIPTS) or _BUNDLE.match(rel) is not None


def remove_theme_scripts(out: Path) -> None:
    """The files `theme_script` names, and the folders they leave empty: 1.5 MB less to publish and
    to carry in the offline pack."""
    scripts = out / "assets" / "javascripts"
    if not scripts.is_dir():
        return
    for path in sorted(scripts.rglob("*"), reverse=True):  # a folder's files before the folder
        rel = path.relative_to(out).as_posix()
        if path.is_file() and theme_script(rel):
            path.unlink()
        elif path.is_dir() and theme_script(rel + "/") and not any(path.iterdir()):
            path.rmdir()
    if not any(scripts.iterdir()):
        scripts.rmdir()
