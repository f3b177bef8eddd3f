"""The thin MkDocs adapter: content folders in, checks run, generated Markdown added.

The only module that imports MkDocs. Everything it shows comes from the core modules.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from html import escape as html_escape
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from hromada.content import layout
from hromada.content.load import Corpus, load_corpus
from hromada.content.mdscan import map_outside_code
from hromada.handouts.build import bar, build_handouts
from hromada.handouts.plan import Handout, by_page, plan, training_zip
from hromada.handouts.printdoc import asset_dir
from hromada.publish.csp import with_policy
from hromada.resources import theme_dir
from hromada.rules import check
from hromada.search.index import SHARD_DIR, SearchIndex
from hromada.text.collate import uk_key
from hromada.website import parts, sanitize
from hromada.website.catalogue import catalogue, region_label
from hromada.website.siteconfig import SiteConfig, add_abbreviations, github_remote, last_commit_epoch
from hromada.website.sitelinks import to_site

log = logging.getLogger("mkdocs.plugins.hromada")
pdf_log = logging.getLogger("mkdocs.plugins.hromada.pdf")  # `hromada build` shows it even when quiet
CASES_PER_SECTION = 40
OFFLINE_PACK = "offline/hromada-site.zip"
SITE_CSS = "assets/hromada/site.css"
SITE_JS = "assets/hromada/site.js"
_TASK_ITEM = re.compile(r'(<li class="task-list-item">\s*<input type="checkbox"[^>]*?)\s*/?>([^<]*)')
# Tables scroll sideways inside Material's wrapper (its bundle added it in the browser; we do it once here).
_TABLE = re.compile(r"<table\b(?:(?!</table>).)*</table>", re.S)
_TRAINER = re.compile(r"^(\s*)!!!(\+?)\s+trainer\b", re.MULTILINE)


class HromadaConfig(Config):
    nav_order = opt.Type(list, default=["index.md", "prohrama", "curricula", "metodolohiia", "instrumenty", "best_practices"])
    pdf = opt.Type(bool, default=True)  # render handouts on build (never under serve unless HROMADA_SERVE_PDF=1)
    offline_pack = opt.Type(bool, default=False)  # `hromada build` makes offline/hromada-site.zip: link it
    file_urls = opt.Type(bool, default=False)  # this build is the offline pack, opened from file://
    edit_url = opt.Optional(opt.Type(str))  # e.g. https://github.com/ORG/REPO/edit/main/
    search = opt.Type(bool, default=True)  # our Ukrainian search box and index (instead of Material's)


class TrackedFile(File):
    """A page that also counts as modified (for dirty rebuilds) when what its generated parts
    take from other files has changed since the last build."""

    inputs_changed: bool = True

    def is_modified(self) -> bool:
        return self.inputs_changed or super().is_modified()


class HromadaPlugin(BasePlugin[HromadaConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.corpus: Corpus | None = None
        self.edit_base: str | None = None
        self.generated: dict[str, parts.Generated] = {}  # by repository path, for this build
        self.handouts: dict[str, list[Handout]] = {}  # by the page that offers them
        self.serving = False
        self.problems: dict[str, list] = {}  # under serve: errors shown on their pages instead of stopping
        self.builds = 0
        self.signatures: dict[str, str] = {}  # rel → signature of the last finished build
        self.pending: dict[str, str] = {}
        self.bytecode = _MemoryBytecodeCache()
        self.search_index = SearchIndex()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Its presence keeps this plugin alive between rebuilds of `mkdocs serve`."""
        self.serving = command == "serve"

    def on_config(self, config):
        if self.serving and self.builds:
            # Preview rebuilds: 404.html and sitemap.xml were written by the first build and
            # re-rendering them (each with the whole navigation) is most of a one-page rebuild.
            config.theme.static_templates.clear()
        self.builds += 1
        self.layout = layout.Layout(Path(config.config_file_path).resolve().parent)
        # MkDocs walks docs_dir following links to folders, before any hook of ours sees a file:
        # a link to a folder above itself would never end.
        linked = _linked_folder(Path(config.docs_dir))
        if linked:
            raise PluginError(f"hromada: {os.path.relpath(linked, self.layout.root)}: "
                              "символьне посилання на теку у вмісті; замініть його справжньою текою")
        for folder in (layout.CURRICULA, layout.CASES):
            path = str(self.layout.root / folder)
            if os.path.isdir(path) and path not in config.watch:
                config.watch.append(path)
        for extra in ("vocabularies.yml", "includes"):
            path = str(self.layout.root / extra)
            if os.path.exists(path) and path not in config.watch:
                config.watch.append(path)
        if SITE_CSS not in config.extra_css:
            config.extra_css.append(SITE_CSS)  # trainer notes, boxes, underlined links
        if SITE_JS not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(SITE_JS)  # search and the rest of the page's behaviour
        _add_theme_layer(config.theme)
        if self.config.search and ("search" in config.plugins or "material/search" in config.plugins):
            log.warning("hromada: у mkdocs.yml увімкнено пошук Material (plugins: - search). Пошук дає плагін "
                        "hromada; приберіть рядок «- search», інакше кожна сторінка тягне зайвий індекс.")
        self.edit_base = self.config.edit_url or _edit_base_from_git(self.layout.root)
        # Same commit, same bytes: dates in the sitemap come from the last commit, not the clock.
        if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := last_commit_epoch(self.layout.root)):
            os.environ["SOURCE_DATE_EPOCH"] = epoch
        if "abbr" in config.markdown_extensions:
            add_abbreviations(config.mdx_configs, self.layout.root)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        layout.DIRECTORY_URLS = config.use_directory_urls  # after every on_config (the offline build turns it off)
        corpus = self.corpus = load_corpus(self.layout)
        self.generated = {}
        problems = check(corpus)
        errors = [d for d in problems if d.is_error]
        for d in problems:
            (log.error if d.is_error else log.info)(d.format_text())
        self.problems = {}
        for d in errors:
            self.problems.setdefault(d.path, []).append(d)
        if errors and not self.serving:
            raise PluginError(f"hromada: знайдено помилок у вмісті: {len(errors)}. Виправте їх і зберіть сайт знову.")
        for file in list(files):
            if not file.is_documentation_page() and not self._publishable(file, config):
                files.remove(file)  # content folders never publish scripts, HTML pages or active SVG
        root = str(self.layout.root)
        for rel in sorted([*corpus.documents, *corpus.assets]):
            if rel.startswith(layout.DOCS + "/") or (rel in corpus.assets and not _safe_asset(self.layout.path(rel), rel)):
                continue
            files.append(TrackedFile(rel, root, config.site_dir, config.use_directory_urls))
        for rel, make in zip(layout.GENERATED_INDEXES, (parts.curricula_index, parts.cases_index), strict=True):
            if rel not in corpus.documents:
                files.append(File.generated(config, rel, content=make(corpus)))
        for asset in sorted((asset_dir() / "hromada").iterdir()):  # the catalogue's script and styles
            files.append(File.generated(config, f"assets/hromada/{asset.name}", abs_src_path=str(asset)))
        self.handouts = by_page(plan(corpus))
        self.search_index.keep_only({f.src_uri for f in files.documentation_pages()})
        for file in list(files):
            doc = corpus.documents.get(self._rel(file))
            if doc is None or doc.model is None:
                continue
            if not isinstance(file, TrackedFile):
                tracked = TrackedFile(file.src_uri, file.src_dir, config.site_dir, config.use_directory_urls)
                files.remove(file)
                files.append(tracked)
                file = tracked
            sig = parts.signature(corpus, doc)
            file.inputs_changed = self.signatures.get(doc.rel) != sig
            self.pending[doc.rel] = sig
        return files

    def _publishable(self, file: File, config) -> bool:
        """Files of docs/ that MkDocs copies: the theme's are kept, content's only when safe."""
        if not file.abs_src_path or not Path(file.abs_src_path).resolve().is_relative_to(Path(config.docs_dir).resolve()):
            return True
        return _safe_asset(Path(file.abs_src_path), file.src_uri)

    def _rel(self, file: File) -> str:
        if file.src_dir and Path(file.src_dir).resolve() == self.layout.root:
            return file.src_uri
        return layout.repo_path(file.src_uri)

    def on_nav(self, nav: Navigation, *, config, files: Files) -> Navigation:
        assert self.corpus is not None
        for item in nav.items:
            if isinstance(item, Section):
                self._group_cases(item)
        nav.items = self._sorted(nav.items, top=True)
        return nav

    def _group_cases(self, section: Section) -> None:
        """Many cases are grouped by oblast. Every page carries its open section of the
        navigation, so a flat list of hundreds of cases would make every case page heavy."""
        corpus = self.corpus
        assert corpus is not None
        cases = [c for c in section.children if isinstance(c, Page)
                 and (doc := corpus.documents.get(self._rel(c.file))) is not None and doc.kind == "case" and doc.model]
        if len(cases) <= CASES_PER_SECTION:
            return
        groups: dict[str, list[Page]] = {}
        for page in cases:
            groups.setdefault(corpus.documents[self._rel(page.file)].model.location.oblast, []).append(page)
        subsections = []
        for oblast, members in groups.items():
            sub = Section(escape(region_label(oblast)), members)
            sub.parent = section
            for page in members:
                page.parent = sub
            subsections.append(sub)
        section.children = [c for c in section.children if c not in cases] + subsections

    def _sorted(self, items: list, top: bool = False) -> list:
        corpus = self.corpus
        assert corpus is not None
        order = self.config.nav_order

        def rel_of(item) -> str | None:
            if isinstance(item, Page):
                return self._rel(item.file)
            return None

        def folder(item) -> str:
            if isinstance(item, Section):
                first = next((c for c in item.children if isinstance(c, Page)), None)
                return os.path.dirname(layout.site_uri(rel_of(first) or "")) if first else item.title
            return ""

        for item in items:
            if isinstance(item, Section):
                item.children = self._sorted(item.children)
                index = next((c for c in item.children if isinstance(c, Page) and c.file.name == "index"), None)
                if index is not None:
                    doc = corpus.documents.get(self._rel(index.file))
                    item.title = escape(doc.title if doc else _GENERATED_TITLES.get(self._rel(index.file), item.title))
        agenda = self._agenda_order(items)

        def key(item):
            rel = rel_of(item)
            name = folder(item).split("/")[-1] if isinstance(item, Section) else layout.site_uri(rel or "").split("/")[-1]
            is_index = isinstance(item, Page) and item.file.name == "index"
            top_rank = order.index(name) if top and name in order else len(order)
            doc = corpus.documents.get(rel) if rel else None
            title = doc.title if doc else str(item.title or "")
            return (not is_index, top_rank, agenda.get(rel, 0), uk_key(title))

        return sorted(items, key=key)

    def _agenda_order(self, items: list) -> dict[str, int]:
        """Sessions in the order of their training's agenda."""
        corpus = self.corpus
        assert corpus is not None
        ranks: dict[str, int] = {}
        for training in corpus.trainings:
            n = 0
            for day in training.model.days:
                for entry in day.agenda:
                    slug = getattr(entry, "session", None)
                    if slug:
                        n += 1
                        ranks[f"{layout.CURRICULA}/{training.slug}/{slug}.md"] = n
        return ranks

    def on_env(self, env, *, config, files):
        # Theme templates compile once per process, not on every preview rebuild.
        env.bytecode_cache = self.bytecode
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config, files: Files) -> str:
        corpus = self.corpus
        assert corpus is not None
        doc = corpus.documents.get(self._rel(page.file))
        if doc is None:
            return markdown
        # The body and the front matter as Hromada read them, never as MkDocs did: the two readers
        # differ on edge cases, and MkDocs then shows a front matter it could not read as page text.
        page.meta = _theme_meta(doc)
        body = to_site(doc.fm.body, doc.rel, corpus.exists)
        body = map_outside_code(body, lambda line: _TRAINER.sub(r"\1???\2 trainer", line))  # trainer notes fold on the site
        gen = self.generated[doc.rel] = parts.generated(corpus, doc)
        return parts.compose(gen, body)

    def on_page_content(self, html: str, *, page: Page, config, files: Files) -> str:
        corpus = self.corpus
        assert corpus is not None
        html = sanitize.clean(html)  # whatever the content's Markdown made, before anything of ours goes in
        title = _escape_title(page)
        catalogue_mark = parts.MARK.format("catalogue")
        if catalogue_mark in html:
            root = _to_root(page.url)
            html = html.replace(catalogue_mark, catalogue(corpus, self._rel(page.file), f"{root}assets/hromada/catalogue.js",
                                                          f"{root}assets/hromada/catalogue.css"))
        doc = corpus.documents.get(self._rel(page.file))
        if doc is None:
            listing = parts.index_parts(corpus, self._rel(page.file))
            if listing is not None:
                for level, heading, anchor in listing.headings:
                    _toc_parent(page.toc.items, level).append(AnchorLink(escape(heading), anchor, level))
                html = parts.fill(listing, html)
            return self._finish(page, html, title)
        gen = self.generated.pop(doc.rel, None) or parts.generated(corpus, doc)
        for level, heading, anchor in gen.headings:
            _toc_parent(page.toc.items, level).append(AnchorLink(escape(heading), anchor, level))
        archive = training_zip(doc.slug) if doc.kind == "training" and self.config.pdf else None
        if doc.rel == f"{layout.DOCS}/index.md" and self.config.offline_pack:
            html = (f'<p class="hromada-downloads" data-search="skip"><a class="md-button" href="{OFFLINE_PACK}" download>'
                    "Увесь сайт для роботи без інтернету (ZIP)</a></p>\n") + html
        html = _TASK_ITEM.sub(lambda m: f'{m.group(1)} aria-label="{html_escape(m.group(2).strip()[:120])}">{m.group(2)}', html)
        html = (_problems_banner(self.problems.get(doc.rel, [])) + _downloads(self.handouts.get(doc.rel, []), page.url, archive)
                + parts.fill(gen, html))
        return self._finish(page, html, title)

    def _finish(self, page: Page, html: str, title: str) -> str:
        """Tables wrapped to scroll sideways, as Material's bundle did in the browser; the page indexed."""
        html = _TABLE.sub(r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">\g<0></div></div>', html)
        excluded = isinstance(page.meta.get("search"), dict) and page.meta["search"].get("exclude") is True
        if self.config.search and not excluded:
            crumb = page.parent.title if page.parent and not page.is_index else ""
            self.search_index.add(page.file.src_uri, page.url, title, html, _plain(crumb or ""))
        else:
            self.search_index.remove(page.file.src_uri)
        return html

    def on_post_page(self, output: str, *, page: Page, config) -> str:
        if self.serving:
            return output  # `mkdocs serve` adds its live-reload script inline to every page
        return with_policy(output, file_urls=self.config.file_urls)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        # 404.html is a page too (sitemap.xml is not).
        if template_name.endswith(".html") and not self.serving:
            return with_policy(output_content, file_urls=self.config.file_urls)
        return output_content

    def on_post_build(self, *, config) -> None:
        self.signatures.update(self.pending)
        _remove_material_scripts(Path(config.site_dir))
        if self.config.search:
            shutil.rmtree(Path(config.site_dir) / SHARD_DIR, ignore_errors=True)  # shards of an earlier preview build
            for rel, script in self.search_index.files().items():
                target = Path(config.site_dir) / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(script, encoding="utf-8")
        if not self.config.pdf or (self.serving and not os.environ.get("HROMADA_SERVE_PDF")):
            return
        assert self.corpus is not None
        site = SiteConfig.load(self.layout.root)
        if config.site_url:
            site.site_url = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        if not site.site_url:
            log.info("hromada: site_url не задано і його не видно з git origin — PDF будуть без QR-кодів")
        report = build_handouts(self.corpus, site, Path(config.site_dir), progress=bar)
        pdf_log.info(report.summary())
        for source, message in report.failed:
            log.error(f"{source}: error[HR100]: PDF не зібрано: {message}")
        if report.failed:
            raise PluginError(f"hromada: не зібрано PDF: {len(report.failed)}")

    def on_page_context(self, context, *, page: Page, config, nav):
        if self.edit_base and page.file.abs_src_path:
            page.edit_url = self.edit_base + self.layout.rel(Path(page.file.abs_src_path))
        return context


def _theme_meta(doc) -> dict:
    """What the theme may read of a page's front matter. Values are escaped here, once: Material's
    templates print them as they are (a title is text, never markup)."""
    meta: dict = {}
    title = doc.fm.data.get("title")
    if isinstance(title, str) and title.strip():
        meta["title"] = title  # escaped with the rest of the titles in on_page_content
    model = doc.model
    if getattr(model, "description", None):
        meta["description"] = escape(model.description)
    if getattr(model, "hide", None):
        meta["hide"] = list(model.hide)
    if getattr(model, "search", None) is not None:
        meta["search"] = {"exclude": model.search.exclude}
    return meta


def _escape_title(page: Page) -> str:
    """The page's title as plain text; the page keeps it escaped, for the theme. MkDocs takes a
    title from the front matter or from the first heading's text: either may hold «<»."""
    title = page.title
    if title is None:
        return ""
    if isinstance(title, Markup):
        return _plain(title)
    if "title" in page.meta:
        page.meta["title"] = escape(title)
    else:
        page._title_from_render = escape(title)  # MkDocs keeps the first heading's text here
    return str(title)


def _plain(text: str) -> str:
    return Markup(text).unescape() if isinstance(text, Markup) else str(text)


def _safe_asset(path: Path, rel: str) -> bool:
    if not layout.publishable(rel):
        return False
    if rel.lower().endswith(".svg"):
        try:
            return sanitize.svg_problem(path.read_bytes()) is None
        except OSError:
            return False
    return True


def _linked_folder(docs_dir: Path) -> Path | None:
    """The first link to a folder inside docs_dir, if any (MkDocs would follow it, maybe forever)."""
    for folder, dirs, _ in os.walk(docs_dir):
        for name in dirs:
            path = Path(folder, name)
            if path.is_symlink():
                return path
    return None


def _remove_material_scripts(site_dir: Path) -> None:
    """Material's bundle, search worker and lunr are copied with the theme but never loaded here
    (theme/main.html): 1.5 MB less to publish and to carry in the offline pack."""
    scripts = site_dir / "assets" / "javascripts"
    for path in [*scripts.glob("bundle.*.js*"), scripts / "workers", scripts / "lunr"]:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    if scripts.is_dir() and not any(scripts.iterdir()):
        scripts.rmdir()


def _add_theme_layer(theme) -> None:
    """Our templates (theme/) go in front of Material's, behind an editor's own custom_dir."""
    ours = str(theme_dir())
    if ours in theme.dirs:
        return
    material = next((i for i, d in enumerate(theme.dirs) if Path(d, "partials", "header.html").exists()
                     and "material" in Path(d).parts), 0)
    theme.dirs.insert(material, ours)


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def _problems_banner(problems: list) -> str:
    """Live preview keeps running on broken content and shows each page its own errors."""
    if not problems:
        return ""
    items = "".join(f"<li>рядок {d.line}: {html_escape(d.message)}<br><em>{html_escape(d.hint)}</em></li>" for d in problems)
    return (f'<div class="admonition failure"><p class="admonition-title">Помилки у цьому файлі (їх бачите лише ви, '
            f"у попередньому перегляді)</p><ul>{items}</ul></div>\n")


def _downloads(handouts: list[Handout], page_url: str, archive: str | None = None) -> str:
    """«Завантажити PDF» buttons at the top of a page that has handouts (a training also offers a ZIP of all)."""
    if not handouts:
        return ""
    prefix = _to_root(page_url)
    labels = {"workbook": "Робочий зошит (PDF)", "facilitator": "Посібник тренера (PDF)"}
    links = "".join(f'<a class="md-button" href="{prefix}{h.output}" download>{labels.get(h.kind, "Завантажити PDF")}</a> '
                    for h in handouts)
    if archive:
        links += f'<a class="md-button" href="{prefix}{archive}" download>Усі PDF тренінгу (ZIP)</a>'
    return f'<p class="hromada-downloads" data-search="skip">{links}</p>\n'


def _to_root(page_url: str) -> str:
    """From a page's folder back to the site root, as a relative path prefix."""
    return "../" * page_url.count("/")


def _toc_parent(items: list, level: int) -> list:
    """The list a heading of `level` belongs in: under the last entry of a higher level."""
    while items and items[-1].level < level:
        items = items[-1].children
    return items


_GENERATED_TITLES = {layout.GENERATED_INDEXES[0]: "Навчальні програми", layout.GENERATED_INDEXES[1]: "Кращі практики"}


def _edit_base_from_git(root: Path) -> str | None:
    """GitHub edit links from the clone's origin, so that no repository address is hard-coded."""
    remote = github_remote(root)
    return f"https://github.com/{remote}/edit/main/" if remote else None
