"""Phase one of a build: the corpus loaded and checked once, every relationship resolved once,
into one value that the page phase and the finish phase only read.

    prepare(layout, urls, options) -> Site   load, check, navigation (engines derive «Назад/Вперед» from it), handouts,
                                          signatures, the date each page last changed (one `git log`)
    website.render                        per page: composed Markdown, generated HTML, downloads
    publish.finish                        over the built output: search, CSP, PDFs, ZIPs, offline pack

An engine driver (engines/mkdocs, engines/zensical) calls these; none of them imports an engine.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from hromada.content.diagnostics import Diagnostic
from hromada.content.layout import CONTENT_ROOTS, Layout, Urls
from hromada.content.load import Corpus, Document, DocumentCache, load_corpus
from hromada.handouts.plan import Handout, by_page, plan
from hromada.rules import RuleMemo, check
from hromada.website import parts
from hromada.website.navigation import NavItem, navigation, reading_order, split_editors
from hromada.website.sanitize import publishable_file
from hromada.website.siteconfig import plugin_options, read_mkdocs_yml, site_url

DEFAULT_NAV_ORDER = ("index.md", "prohrama", "curricula", "metodolohiia", "instrumenty", "best_practices")
_COMMIT = "\x1f"  # starts the line of a commit in our `git log` output; never the start of a path
GIT_TIMEOUT = 20  # seconds; a slower git gives pages without dates, not a failed build


@dataclass(frozen=True)
class Options:
    """What this build makes (from the plugin's options in mkdocs.yml, or from `hromada build`)."""

    nav_order: tuple[str, ...] = DEFAULT_NAV_ORDER
    pdf: bool = True  # render handouts (never under serve unless asked)
    pdf_links: bool = True  # pages offer the PDFs this build makes
    offline_pack: bool = False  # this build also makes offline/hromada-site.zip (publish/offline.py), linked from home
    search: bool = True  # our Ukrainian search box and index
    serving: bool = False  # a live preview: errors go on their pages instead of stopping the build


@dataclass(frozen=True)
class Site:
    corpus: Corpus
    urls: Urls
    options: Options
    problems: tuple[Diagnostic, ...]
    nav: tuple[NavItem, ...]  # the readers' navigation: the engines' menu
    order: tuple[str, ...]  # every page, in navigation order: «Назад/Вперед» are its neighbours
    crumbs: Mapping[str, str]  # page → title of its section (searching a session finds its training)
    handouts: Mapping[str, tuple[Handout, ...]]  # by the page that offers them
    signatures: Mapping[str, str]  # what each page's generated parts take from other files
    errors_by_page: Mapping[str, tuple[Diagnostic, ...]] = field(default_factory=lambda: MappingProxyType({}))
    editors: tuple[NavItem, ...] = ()  # the editors' guide, outside the menu (footer link, its own section list)
    updated: Mapping[str, dt.date] = field(default_factory=lambda: MappingProxyType({}))  # page → its last commit

    @property
    def root(self):
        return self.corpus.layout.root

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.problems if d.is_error]

    def document(self, rel: str) -> Document | None:
        return self.corpus.documents.get(rel)


def prepare(lay: Layout, urls: Urls, options: Options, cache: DocumentCache | None = None,
            memo: RuleMemo | None = None) -> Site:
    """`cache` and `memo`: a preview session's, so that a rebuild reads and checks again only saved files."""
    corpus = load_corpus(lay, cache)
    problems = tuple(check(corpus, memo))
    nav, editors = split_editors(navigation(corpus, options.nav_order))
    order = reading_order(nav) + reading_order(editors)
    rels = [rel for rel, _ in order]
    errors: dict[str, list[Diagnostic]] = {}
    for d in problems:
        if d.is_error:
            errors.setdefault(d.path, []).append(d)
    return Site(
        corpus=corpus, urls=urls, options=options, problems=problems, nav=nav, order=tuple(rels),
        crumbs=MappingProxyType(dict(order)),
        handouts=MappingProxyType({k: tuple(v) for k, v in by_page(plan(corpus)).items()}),
        signatures=MappingProxyType({rel: parts.signature(corpus, doc) for rel, doc in corpus.documents.items()
                                     if doc.model is not None}),
        errors_by_page=MappingProxyType({k: tuple(v) for k, v in errors.items()}),
        editors=editors,
        updated=MappingProxyType({rel: day for rel, day in last_commits(lay.root).items() if rel in corpus.documents}),
    )


def last_commits(root: Path, folders: Iterable[str] = CONTENT_ROOTS) -> dict[str, dt.date]:
    """Path (from `root`) → the date of the last commit that changed it, from one `git log` over
    the content folders. Without git, outside a repository, or for a file never committed: no date
    (a file's mtime would be the checkout's time on a build server, and would make two builds of
    one commit differ). In a shallow clone the oldest commit is «grafted»: it lists every file as
    added, so its files get no date either (a wrong, too recent date is worse than none)."""
    command = ["git", "-c", "core.quotepath=off", "-C", str(root), "log", "--no-color", "--no-show-signature", "--date=short",
               f"--format={_COMMIT}%cd %D", "--name-only", "--relative", "--", *folders]
    try:
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                                timeout=GIT_TIMEOUT, check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_log(result.stdout) if result.returncode == 0 else {}


def parse_log(text: str) -> dict[str, dt.date]:
    """`git log` newest first: a path's first commit is its last change."""
    dates: dict[str, dt.date] = {}
    seen: set[str] = set()
    day: dt.date | None = None
    for line in text.splitlines():
        if line.startswith(_COMMIT):
            stamp, _, refs = line[1:].partition(" ")
            grafted = "grafted" in (r.strip() for r in refs.split(","))
            day = None if grafted else _date(stamp)
        elif line and line not in seen:
            seen.add(line)
            if day is not None:  # an undatable last change leaves the path undated, not dated by an older one
                dates[line] = day
    return dates


def _date(stamp: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(stamp)
    except ValueError:
        return None


def published_assets(site: Site) -> list[str]:
    """Files of the content folders besides pages that the site publishes (images, documents)."""
    return [rel for rel in sorted(site.corpus.assets) if publishable_file(site.corpus.layout.path(rel), rel)]


def for_build(lay: Layout, offline: bool = True, pdf: bool = True) -> Site:
    """The site `hromada build` makes, from mkdocs.yml's settings and the command's switches."""
    raw = read_mkdocs_yml(lay.root)
    plugin = plugin_options(raw)
    pdf = pdf and plugin.get("pdf", True) is not False
    options = Options(nav_order=tuple(plugin.get("nav_order") or DEFAULT_NAV_ORDER), pdf=pdf, pdf_links=pdf,
                      offline_pack=offline, search=plugin.get("search", True) is not False)
    urls = Urls(raw.get("use_directory_urls", True) is not False, site_url(lay.root, raw.get("site_url")))
    return prepare(lay, urls, options)
