"""The navigation of the site, as data: sections and pages in reading order.

Computed once from the corpus; the engines are given it (MkDocs as its `nav`), so that the menu,
the «Назад/Вперед» links at the foot of every page and the offline pack all follow one order.
The editors' guide (docs/redaktoram/) is kept apart: readers reach it from the footer, not the menu.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from hromada.content import layout
from hromada.content.load import Corpus
from hromada.content.model import CaseStudy
from hromada.text.collate import uk_key
from hromada.website.catalogue import region_label

CASES_PER_SECTION = 40  # more cases than this in one section are grouped by oblast
GENERATED_TITLES = MappingProxyType({layout.TRAININGS_INDEX: "Навчальні програми", layout.CASES_INDEX: "Кращі практики"})
EDITORS = "redaktoram"  # the folder of docs/ written for editors: not in the readers' menu, last in search
EDITORS_INDEX = f"{layout.DOCS}/{EDITORS}/index.md"


@dataclass(frozen=True)
class NavItem:
    title: str  # plain text
    rel: str | None = None  # the page's repository path; None for a section
    children: tuple[NavItem, ...] = ()
    name: str = ""  # a section's folder: what mkdocs.yml's nav_order names

    @property
    def is_index(self) -> bool:
        return self.rel is not None and posixpath.basename(self.rel) == "index.md"


def page_rels(corpus: Corpus) -> list[str]:
    """Every page of the site: the corpus, and the generated indexes an editor did not write."""
    return sorted({*corpus.documents, *layout.GENERATED_INDEXES})


def navigation(corpus: Corpus, nav_order: Iterable[str]) -> tuple[NavItem, ...]:
    order = tuple(nav_order)
    tree: dict = {}
    for rel in page_rels(corpus):
        *folders, _ = layout.site_uri(rel).split("/")
        node = tree
        for folder in folders:
            node = node.setdefault(folder, {})
        node.setdefault("", []).append(rel)
    ranks = _agenda_ranks(corpus)
    return _sorted(_items(corpus, tree), ranks, order, top=True)


def _items(corpus: Corpus, tree: dict) -> list[NavItem]:
    items = [NavItem(page_title(corpus, rel), rel) for rel in tree.get("", [])]
    for folder, sub in tree.items():
        if folder == "":
            continue
        children = _items(corpus, sub)
        index = next((c for c in children if c.is_index), None)
        title = page_title(corpus, index.rel) if index and index.rel else _dirname_to_title(folder)
        items.append(NavItem(title, None, tuple(_grouped(corpus, children)), folder))
    return items


def for_editors(rel: str) -> bool:
    return rel.startswith(f"{layout.DOCS}/{EDITORS}/")


def search_tier(rel: str) -> int:
    """Search lists every page of tier 0 before any of tier 1: a reader looking for «петиції»
    wants the tool, not the editors' page on how petitions are written up."""
    return 1 if for_editors(rel) else 0


def split_editors(items: tuple[NavItem, ...]) -> tuple[tuple[NavItem, ...], tuple[NavItem, ...]]:
    """(the readers' navigation, the editors' section alone): the engines' menu is the first."""
    editors = tuple(i for i in items if i.rel is None and i.name == EDITORS)
    return tuple(i for i in items if i not in editors), editors


def page_title(corpus: Corpus, rel: str) -> str:
    doc = corpus.documents.get(rel)
    return doc.title if doc else GENERATED_TITLES.get(rel, posixpath.basename(rel)[:-3])


def _grouped(corpus: Corpus, children: list[NavItem]) -> list[NavItem]:
    """Many cases are grouped by oblast. Every page carries its open section of the navigation,
    so a flat list of hundreds of cases would make every case page heavy."""
    cases = [c for c in children if c.rel and isinstance(getattr(corpus.documents.get(c.rel), "model", None), CaseStudy)]
    if len(cases) <= CASES_PER_SECTION:
        return children
    groups: dict[str, list[NavItem]] = {}
    for item in cases:
        groups.setdefault(corpus.documents[item.rel or ""].model.location.oblast, []).append(item)
    rest = [c for c in children if c not in cases]
    return rest + [NavItem(region_label(oblast), None, tuple(members)) for oblast, members in groups.items()]


def _sorted(items: list[NavItem], ranks: Mapping[str, int], order: tuple[str, ...], top: bool = False) -> tuple[NavItem, ...]:
    items = [NavItem(i.title, i.rel, _sorted(list(i.children), ranks, order), i.name) if i.rel is None else i for i in items]

    def key(item: NavItem) -> tuple:
        name = posixpath.basename(layout.site_uri(item.rel)) if item.rel else item.name
        top_rank = order.index(name) if top and name in order else len(order)
        return (not item.is_index, top_rank, ranks.get(item.rel or "", 0), uk_key(item.title))

    return tuple(sorted(items, key=key))


def _agenda_ranks(corpus: Corpus) -> dict[str, int]:
    """Sessions in the order of their training's agenda."""
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


def _dirname_to_title(folder: str) -> str:
    """A folder without an index page is named as MkDocs would name it."""
    title = folder.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def reading_order(items: Iterable[NavItem], section: str = "") -> list[tuple[str, str]]:
    """(page, title of the section it is in) for every page, in the order the navigation shows them."""
    out: list[tuple[str, str]] = []
    for item in items:
        if item.rel:
            out.append((item.rel, "" if item.is_index else section))
        else:
            out += reading_order(item.children, item.title)
    return out
