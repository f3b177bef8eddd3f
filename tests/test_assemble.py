"""The facilitator guide assembled from parts laid out alone reads, links, bookmarks and is tagged
as the same guide laid out whole by WeasyPrint: compared page by page on the real PDFs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from hromada.content.layout import Layout
from hromada.content.load import load_corpus
from hromada.handouts import engine
from hromada.handouts.assemble import BOOK_LINK
from hromada.handouts.plan import plan
from hromada.handouts.printdoc import Printer
from hromada.website.siteconfig import SiteConfig
from pdf import fonts, require, text

GUIDE = "pdf/curricula/probnyi-treninh/posibnyk-trenera.pdf"
PACK = "pdf/curricula/probnyi-treninh/rozdatkovi-materialy.pdf"


@pytest.fixture(scope="module", params=[GUIDE, PACK])
def guides(request: pytest.FixtureRequest, built_mini: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the book as the build assembles it, the same book laid out whole): the facilitator guide, the handout pack."""
    root = built_mini.parent
    corpus = load_corpus(Layout(root))
    handout = next(h for h in plan(corpus) if h.output == request.param)
    whole = tmp_path_factory.mktemp("whole") / "book.pdf"
    engine.quiet()
    renderer = engine.Renderer(root)
    renderer.render(Printer(corpus, SiteConfig.load(root)).document(handout), (root / handout.page_rel).parent.as_uri() + "/", whole)
    renderer.close()
    return built_mini / request.param, whole


def _pages(pdf: Path) -> list[str]:
    reader = PdfReader(pdf)
    return [text(pdf, n, n) for n in range(1, len(reader.pages) + 1)]


def test_every_page_reads_as_laid_out_whole_with_its_number_of_the_book(guides: tuple[Path, Path]) -> None:
    assembled, whole = guides
    pages = _pages(assembled)
    assert len(pages) >= 4 and pages == _pages(whole)
    for n, page in enumerate(pages, start=1):
        assert page.count(f"Сторінка {n} з {len(pages)}") == 1, page


def _bookmarks(pdf: Path) -> list[tuple[int, str, int]]:
    reader = PdfReader(pdf)
    out: list[tuple[int, str, int]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


def test_bookmarks_are_the_same_tree_pointing_at_the_same_pages(guides: tuple[Path, Path]) -> None:
    assembled, whole = guides
    marks = _bookmarks(assembled)
    assert marks == _bookmarks(whole)
    assert {0, 1} <= {depth for depth, _, _ in marks} and len({page for _, _, page in marks}) >= 3
    titles = {title.replace("\xa0", " ") for _, title, _ in marks}  # a heading's text alone (the page header is set apart from it)
    assert {"Знайомство", "Громадські слухання в дії"} <= titles or {"Що копіювати", "Робочий аркуш"} <= titles, titles


def _links(pdf: Path) -> list[tuple[int, tuple[int, ...], object]]:
    """(page, where on it, the page it goes to or the address it opens) of every link."""
    reader = PdfReader(pdf)
    ids = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    named = {name: ids[d.page.idnum] for name, d in reader.named_destinations.items()}
    out = []
    for n, page in enumerate(reader.pages):
        for ref in page.get("/Annots", ()):
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            dest = annot.get("/Dest")
            if dest is not None:
                target = named[dest] if isinstance(dest, str) else ids[dest[0].idnum]
            else:
                target = annot["/A"]["/URI"]
            out.append((n, tuple(round(float(x)) for x in annot["/Rect"]), target))
    return out


def test_links_inside_the_book_go_to_the_same_page_as_laid_out_whole(guides: tuple[Path, Path]) -> None:
    assembled, whole = guides
    links = _links(assembled)
    assert links == _links(whole)
    assert not any(isinstance(t, str) and t.startswith(BOOK_LINK) for _, _, t in links)
    pages = _pages(assembled)
    if assembled.name == Path(GUIDE).name:  # the first session links to a step of the second, another part
        to = next(p for p, t in enumerate(pages) if "Громадські слухання в дії" in t and "Крок 1. Рольова гра" in t)
    else:  # «Що копіювати» on the cover's part links to each sheet, in the sessions' parts
        to = next(p for p, t in enumerate(pages) if "Робочий аркуш" in t and "Що копіювати" not in t)
    assert any(target == to and page < to for page, _, target in links)


def test_tagged_structure_is_the_guide_laid_out_whole(guides: tuple[Path, Path]) -> None:
    assembled, whole = guides
    require("pdfinfo", "poppler-utils")

    def structure(pdf: Path) -> str:
        out = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True, check=True).stdout
        return re.sub(r"\d+-\d+-\d+|Object \d+ \d+", "N", out)  # object numbers differ, nothing else may

    tree = structure(assembled)
    assert tree.startswith("Document\n") and tree.count("\nDocument") == 0
    assert tree.count("\n") > 40 and ("Коло імен" in tree or "Робочий аркуш" in tree)
    assert tree == structure(whole)
    root = PdfReader(assembled).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "uk"


def test_one_subset_of_each_face_for_the_whole_book(guides: tuple[Path, Path]) -> None:
    assembled, whole = guides
    names = [name.partition("+")[2] for name, embedded in fonts(assembled) if embedded]
    assert names and len(names) == len(set(names)) == len(fonts(assembled))
    assert set(names) <= set(engine.BOOK_FONTS)
    assert assembled.stat().st_size < 1.25 * whole.stat().st_size
