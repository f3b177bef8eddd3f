"""The MkDocs (and ProperDocs) driver's plugin: MkDocs' hooks translated into the core's phases.

prepare → on_config (the site value, and our navigation as MkDocs' nav); per page →
on_page_markdown / on_page_content; finish → on_post_build. No site rule lives here.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from hromada.content import layout
from hromada.content.facts import FACTS_FILE
from hromada.content.layout import Layout, Urls
from hromada.content.load import DocumentCache
from hromada.engines.mkdocs import halves, navhtml, theme
from hromada.engines.mkdocs.watch import Watchers
from hromada.handouts.build import Report, bar
from hromada.publish.finish import finish, theme_script
from hromada.resources import assets_dir, user_cache
from hromada.rules import RuleMemo
from hromada.search.index import SearchIndex
from hromada.website import identity, parts, render
from hromada.website.navigation import search_tier
from hromada.website.prepare import DEFAULT_NAV_ORDER, Options, Site, prepare, published_assets
from hromada.website.sanitize import publishable_file
from hromada.website.siteconfig import add_abbreviations, edit_base, last_commit_epoch, site_url

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.hromada")
pdf_log = logging.getLogger("mkdocs.plugins.hromada.pdf")  # `hromada build` shows it even when quiet
SITE_CSS = "assets/hromada/site.css"  # trainer notes, boxes, underlined links
SITE_JS = "assets/hromada/site.js"  # search and the rest of the page's behaviour


class HromadaConfig(Config):
    nav_order = opt.Type(list, default=list(DEFAULT_NAV_ORDER))
    pdf = opt.Type(bool, default=True)  # render handouts on build (never under serve unless HROMADA_SERVE_PDF=1)
    offline_pack = opt.Type(bool, default=False)  # also make offline/hromada-site.zip and link it (`hromada build`)
    edit_url = opt.Optional(opt.Type(str))  # e.g. https://github.com/ORG/REPO/edit/main/
    search = opt.Type(bool, default=True)  # our Ukrainian search box and index (instead of Material's)
    jobs = opt.Type(int, default=1)  # processes to share the pages of a build (`hromada build`: 2 given two cores)


class TrackedFile(File):
    """A page that also counts as modified (for dirty rebuilds) when what its generated parts
    take from other files has changed since the last build."""

    inputs_changed: bool = True

    def is_modified(self) -> bool:
        return self.inputs_changed or super().is_modified()


class GeneratedPage(File):
    """A generated index page: a dirty rebuild renders it again only when what it is made of
    (`parts.index_signature`) has changed since the last build and its output is there."""

    unchanged: bool = False

    def is_modified(self) -> bool:
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))


def index_signatures(site: Site) -> dict[str, str]:
    """rel → signature of each generated index page (`parts.index_signature`)."""
    return {rel: parts.index_signature(site.corpus, source) for rel in layout.GENERATED_INDEXES
            if (source := render.generated_source(site, rel)) is not None}


def index_pages(site: Site, config, built: dict[str, str]) -> list[GeneratedPage]:
    """The generated index pages; unchanged when their signature is the one in `built` (the last
    preview build's)."""
    out = []
    for rel in layout.GENERATED_INDEXES:
        if (source := render.generated_source(site, rel)) is not None:
            page = GeneratedPage.generated(config, rel, content=source)
            page.unchanged = built.get(rel) == parts.index_signature(site.corpus, source)
            out.append(page)
    return out


def faster_server(server, config, builder) -> LiveReloadServer:
    """MkDocs polls for changes every 0.5 s; a quarter second halves the wait after a save, and where
    inotify hears the save (engines/mkdocs/watch.py) there is no wait."""
    from mkdocs.livereload import LiveReloadServer  # only a preview needs it (18 ms of every build's start)

    faster = LiveReloadServer(builder=builder, host=server.server_address[0], port=server.server_address[1],
                              root=server.root, mount_path=server.mount_path)
    faster.error_handler = server.error_handler
    faster.observer = Watchers(polling_interval=0.25)  # inotify as well: a save is heard at once (watch.py)
    for path in (config.docs_dir, config.config_file_path):
        faster.watch(path)
    return faster


def adjust_config(config, lay: Layout, search: bool) -> None:
    """What every build of a Hromada site needs of MkDocs' settings: our content folders watched, our
    stylesheet, script and templates, reproducible dates, the abbreviations."""
    for extra in (layout.CURRICULA, layout.CASES, "vocabularies.yml", FACTS_FILE, "includes"):
        path = str(lay.root / extra)
        if os.path.exists(path) and path not in config.watch:
            config.watch.append(path)
    if SITE_CSS not in config.extra_css:
        config.extra_css.append(SITE_CSS)
    if SITE_JS not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(SITE_JS)
    theme.add_theme_layer(config.theme)
    if search and ("search" in config.plugins or "material/search" in config.plugins):
        log.warning("hromada: у mkdocs.yml увімкнено пошук Material (plugins: - search). Пошук дає плагін "
                    "hromada; приберіть рядок «- search», інакше кожна сторінка тягне зайвий індекс.")
    # Same commit, same bytes: dates in the sitemap come from the last commit, not the clock.
    if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := last_commit_epoch(lay.root)):
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    if "abbr" in config.markdown_extensions:
        add_abbreviations(config.mdx_configs, lay.root)


def add_site_files(site: Site, files: Files, config, built: dict[str, str]) -> None:
    """Our content folders' pages and files, the generated index pages and our assets in MkDocs'
    list; out of it, what a content folder must never publish (scripts, HTML pages, active SVG)."""
    docs = Path(config.docs_dir).resolve()
    for file in list(files):
        if theme_script(file.src_uri):  # removed after the build anyway: not copied
            files.remove(file)
            continue
        source = Path(file.abs_src_path or "").resolve()
        if not file.is_documentation_page() and source.is_relative_to(docs) and not publishable_file(source, file.src_uri):
            files.remove(file)
    for rel in sorted([*site.corpus.documents, *published_assets(site)]):
        if not rel.startswith(layout.DOCS + "/"):  # docs/ is MkDocs' own docs_dir
            files.append(TrackedFile(rel, str(site.root), config.site_dir, config.use_directory_urls))
    for page in index_pages(site, config, built):
        files.append(page)
    for asset in sorted((assets_dir() / "hromada").iterdir()):  # the site's own scripts and styles
        files.append(File.generated(config, f"assets/hromada/{asset.name}", abs_src_path=str(asset)))


def tell_pdfs(report: Report | None) -> None:
    """How the PDFs went (`hromada build` shows it even when quiet); one that failed fails the build."""
    if report is None:
        return
    pdf_log.info(report.summary())
    for line in report.failures():
        log.error(line)
    if report.failed:
        raise PluginError(f"hromada: не зібрано PDF: {len(report.failed)}")


class HromadaPlugin(BasePlugin[HromadaConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.handed: Site | None = None  # `hromada build` prepares the site once and hands it over
        self.site: Site | None = None
        self.serving = False
        self.builds = 0
        self.started_ns: int | None = None  # when the current (re)build began
        self.documents = DocumentCache()  # a preview session's: only saved files are read again
        self.rule_memo = RuleMemo()  # and checked again
        self.search_index = SearchIndex()  # likewise: a rebuild replaces the pages it re-renders
        self.bytecode = theme.MemoryBytecodeCache()
        self.composed: dict[str, render.Composed] = {}
        self.signatures: dict[str, str] = {}  # rel → signature of the last finished build
        self.index_signatures: dict[str, str] = {}  # likewise, for the generated index pages
        self.split: halves.Split | None = None  # this build's pages shared with a second process
        self.own_dirs: dict[str, bool] = {}  # a file's src_dir → whether it is the project's root (a resolve each: 16 µs)

    def on_startup(self, *, command: str, dirty: bool) -> None:  # keeps this plugin alive between rebuilds of a preview
        self.serving = command == "serve"

    def on_config(self, config):
        self.started_ns = time.time_ns()  # a preview's rebuild finishes only the pages written since (finish)
        if self.serving and self.builds:
            config.theme.static_templates.clear()  # 404.html and sitemap.xml of the first build stay
        self.builds += 1
        lay = Layout(Path(config.config_file_path).resolve().parent)
        linked = layout.linked_folder(Path(config.docs_dir))  # MkDocs would walk it before any hook of ours
        if linked:
            raise PluginError(f"hromada: {os.path.relpath(linked, lay.root)}: "
                              "символьне посилання на теку у вмісті; замініть його справжньою текою")
        adjust_config(config, lay, self.config.search)
        self.bytecode.keep_in(user_cache("jinja"))  # compiled theme templates
        self.edit_base = edit_base(lay.root, self.config.edit_url)
        if self.serving:
            # The preview shows our HR040/HR041 for every broken link and anchor, in Ukrainian with a hint;
            # MkDocs' English warnings would say it again. A build keeps them: in --strict they are a safety net.
            config.validation.links.not_found = logging.DEBUG
            config.validation.links.anchors = logging.DEBUG
        self.site = self._site(lay, config)
        self.own_dirs = {}
        config.nav = theme.mkdocs_nav(self.site.nav)
        return config

    def _site(self, lay: Layout, config) -> Site:
        pdf = self.config.pdf and (not self.serving or bool(os.environ.get("HROMADA_SERVE_PDF")))
        options = Options(tuple(self.config.nav_order), pdf, pdf, self.config.offline_pack,
                          self.config.search, self.serving)
        urls = Urls(config.use_directory_urls, site_url(lay.root, config.site_url))
        if self.handed is not None and self.handed.root == lay.root and self.handed.urls == urls:
            return self.handed
        return prepare(lay, urls, options, self.documents, self.rule_memo if self.serving else None)

    def on_files(self, files: Files, *, config) -> Files:
        site = self.site
        assert site is not None
        for d in site.problems:
            (log.error if d.is_error else log.info)(d.format_text())
        if site.errors and not self.serving:
            raise PluginError(f"hromada: знайдено помилок у вмісті: {len(site.errors)}. Виправте їх і зберіть сайт знову.")
        add_site_files(site, files, config, self.index_signatures if self.serving else {})
        self.search_index.keep_only({f.src_uri for f in files.documentation_pages()})
        for file in list(files):
            rel = self._rel(file)
            if rel not in site.signatures:
                continue
            if not isinstance(file, TrackedFile):
                files.remove(file)
                files.append(file := TrackedFile(file.src_uri, file.src_dir, config.site_dir, config.use_directory_urls))
            file.inputs_changed = self.signatures.get(rel) != site.signatures[rel]
        return files

    def _rel(self, file: File) -> str:
        if self.site and file.src_dir:
            if file.src_dir not in self.own_dirs:
                self.own_dirs[file.src_dir] = Path(file.src_dir).resolve() == self.site.root
            if self.own_dirs[file.src_dir]:
                return file.src_uri
        return layout.repo_path(file.src_uri)

    def on_serve(self, server, *, config, builder):
        return faster_server(server, config, builder)

    def on_nav(self, nav, *, config, files: Files):
        self.split = None if self.serving else halves.start(config, files, self.config.jobs)
        return nav

    def on_pre_page(self, page: Page, *, config, files: Files):
        return halves.reading(self.split, page) if self.split else page

    def on_env(self, env, *, config, files):
        env.bytecode_cache = self.bytecode
        if self.split:
            halves.swap_pages(self.split, files, config)
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config, files: Files) -> str:
        assert self.site is not None
        if isinstance(page, halves.Elsewhere):
            return markdown
        rel = self._rel(page.file)
        doc = self.site.document(rel)  # the front matter as Hromada read it, never as MkDocs did; ours beside it
        page.meta = identity.page_meta(self.site, rel, config.site_description) | (render.theme_meta(doc) if doc else {})
        composed = self.composed[rel] = render.compose(self.site, rel, markdown)
        return composed.markdown

    def on_page_content(self, html: str, *, page: Page, config, files: Files) -> str:
        assert self.site is not None
        if isinstance(page, halves.Elsewhere):
            return html
        rel = self._rel(page.file)
        title = theme.escape_title(page)
        built = render.finish(self.site, self.composed.pop(rel, None) or render.compose(self.site, rel, page.markdown or ""), html)
        theme.add_to_toc(page, built.headings)
        excluded = isinstance(page.meta.get("search"), dict) and page.meta["search"].get("exclude") is True
        if self.config.search and not excluded:
            self.search_index.add(page.file.src_uri, page.url, title, built.html, self.site.crumbs.get(rel, ""), search_tier(rel))
        else:
            self.search_index.remove(page.file.src_uri)
        return built.html

    def on_page_context(self, context, *, page: Page, config, nav):
        if self.split and not halves.laying_out(self.split, page):
            return context
        if self.edit_base and page.file.abs_src_path and self.site:
            page.edit_url = self.edit_base + Layout(self.site.root).rel(Path(page.file.abs_src_path))
        context["hromada_nav"] = navhtml.items(nav, page, config.theme.get("features") or [])  # theme/partials/nav.html
        return context

    def on_post_page(self, output: str, *, page: Page, config) -> str:
        if self.split:
            halves.laid_out(self.split, page, self.search_index)
        return output

    def on_build_error(self, *, error: Exception) -> None:
        if self.split:
            halves.failed(self.split, error)  # a worker leaves here
            self.split = None

    def on_post_build(self, *, config) -> None:
        assert self.site is not None
        if self.split:
            halves.join(self.split, self.search_index)
            self.split = None
        self.signatures.update(self.site.signatures)
        self.index_signatures = index_signatures(self.site)
        if self.site.options.pdf and not self.site.urls.site_url:
            log.info("hromada: site_url не задано і його не видно з git origin — PDF будуть без QR-кодів")
        tell_pdfs(finish(self.site, Path(config.site_dir), self.search_index, progress=bar, since_ns=self.started_ns))
