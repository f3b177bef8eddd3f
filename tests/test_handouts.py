"""Printable handouts, checked by opening the real PDFs."""

from __future__ import annotations

import http.server
import os
import shutil
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, copy_project, run_hromada
from hromada.content.layout import Layout
from hromada.content.load import load_corpus
from hromada.handouts.build import CACHE_DIR, _engine_fingerprint, build_handouts
from hromada.website.siteconfig import SiteConfig
from pdf import fonts, outline_titles, qr_codes, text

SITE_URL = "https://example.org/hromada/"
EXPECTED = {
    "pdf/curricula/probnyi-treninh/znaiomstvo.pdf": ("Знайомство", "curricula/probnyi-treninh/znaiomstvo/"),
    "pdf/curricula/probnyi-treninh/hromadski-slukhannia.pdf": ("Громадські слухання в дії", "curricula/probnyi-treninh/hromadski-slukhannia/"),
    "pdf/curricula/probnyi-treninh/robochyi-zoshyt.pdf": ("Пробний тренінг", "curricula/probnyi-treninh/"),
    "pdf/curricula/probnyi-treninh/posibnyk-trenera.pdf": ("Пробний тренінг", "curricula/probnyi-treninh/"),
    "pdf/curricula/probnyi-treninh/rozdatkovi-materialy.pdf": ("Пробний тренінг", "curricula/probnyi-treninh/"),
    "pdf/best_practices/vyhadana-hromada.pdf": ("Слухання про сквер у Вербівці", "best_practices/vyhadana-hromada/"),
    "pdf/instrumenty/hromadski-slukhannia.pdf": ("Громадські слухання", "instrumenty/hromadski-slukhannia/"),
}


def test_every_printable_item_has_a_pdf(built_mini: Path) -> None:
    found = {p.relative_to(built_mini).as_posix() for p in (built_mini / "pdf").rglob("*.pdf")}
    assert found == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pdf_text_pages_fonts_outline_metadata(built_mini: Path, name: str) -> None:
    pdf = built_mini / name
    title, page = EXPECTED[name]
    reader = PdfReader(pdf)
    pages = len(reader.pages)
    first = text(pdf, 1, 1)
    assert title in first
    assert f"Сторінка 1 з {pages}" in first
    assert f"Сторінка {pages} з {pages}" in text(pdf, pages, pages)
    assert "CC BY 4.0" in first
    assert SITE_URL + page in first.replace("\n", "")
    assert outline_titles(reader), "no bookmarks"
    embedded = fonts(pdf)
    assert embedded and all(ok for _, ok in embedded), embedded
    assert all("Hromada-Sans" in name for name, _ in embedded), "a glyph fell back to a system font"
    meta = reader.metadata
    assert title in meta.title and meta.author
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "uk"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root  # tagged PDF


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_qr_code_decodes_to_the_page_url(built_mini: Path, name: str) -> None:
    assert qr_codes(built_mini / name) == [SITE_URL + EXPECTED[name][1]]


def test_trainer_notes_in_facilitator_guide_not_in_workbook(built_mini: Path) -> None:
    facilitator = text(built_mini / "pdf/curricula/probnyi-treninh/posibnyk-trenera.pdf")
    workbook = text(built_mini / "pdf/curricula/probnyi-treninh/robochyi-zoshyt.pdf")
    assert "Стежте за часом." in facilitator and "Нотатка для тренера" in facilitator
    assert "Стежте за часом." not in workbook and "Нотатка для тренера" not in workbook
    # The facilitator guide gathers preparation and materials, and times every step.
    assert "Підготовка і матеріали" in facilitator and "бейджі" in facilitator
    assert "Крок 1. Коло імен (40 хв) · 09:30–10:10" in facilitator
    assert "Крок 1. Рольова гра (45 хв) · 10:50–11:35" in facilitator
    # The workbook has the agenda, every session and pages for notes.
    for expected in ("Розклад", "09:30–10:30", "Знайомство", "Громадські слухання в дії", "Нотатки"):
        assert expected in workbook


def test_illustrative_case_is_labelled_in_print(built_mini: Path) -> None:
    assert "Навчальний приклад" in text(built_mini / "pdf/best_practices/vyhadana-hromada.pdf")


def test_pages_offer_their_pdfs(built_mini: Path) -> None:
    session = (built_mini / "curricula/probnyi-treninh/znaiomstvo/index.html").read_text(encoding="utf-8")
    assert 'href="../../../pdf/curricula/probnyi-treninh/znaiomstvo.pdf" download>Завантажити PDF' in session
    training = (built_mini / "curricula/probnyi-treninh/index.html").read_text(encoding="utf-8")
    assert 'href="../../pdf/curricula/probnyi-treninh/robochyi-zoshyt.pdf"' in training
    assert 'href="../../pdf/curricula/probnyi-treninh/posibnyk-trenera.pdf"' in training
    guide = (built_mini / "index.html").read_text(encoding="utf-8")
    assert "Завантажити PDF" not in guide  # the home page has no handout


def _rendered(report) -> set[str]:
    return set(report.rendered)


def test_cache_renders_nothing_warm_and_only_what_an_edit_touches(tmp_path: Path) -> None:
    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    config = SiteConfig.load(root)
    config.site_url = SITE_URL
    out = tmp_path / "site"
    caches = root / CACHE_DIR  # what an older engine (another Hromada, WeasyPrint) and the flat cache before it left
    (caches / "0123456789abcdef").mkdir(parents=True)
    (caches / "0123456789abcdef/old.pdf").write_bytes(b"%PDF-old")
    (caches / "fedcba9876543210").mkdir()  # written a moment ago: another checkout may be building with it
    (caches / "h-flat.pdf").write_bytes(b"%PDF-flat")
    two_hours_ago = time.time() - 7200
    for stale in ("0123456789abcdef", "h-flat.pdf"):
        os.utime(caches / stale, (two_hours_ago, two_hours_ago))
    only = build_handouts(load_corpus(Layout(root)), config, out, only="best_practices/*")
    assert only.ok and (caches / "0123456789abcdef/old.pdf").is_file()  # a partial build prunes nothing
    cold = build_handouts(load_corpus(Layout(root)), config, out)
    assert cold.ok and len(cold.rendered) == len(EXPECTED) - 1  # the case study's PDF came from the partial build
    assert sorted(p.name for p in caches.iterdir()) == sorted(["fedcba9876543210", _engine_fingerprint().hex()[:16]])
    warm = build_handouts(load_corpus(Layout(root)), config, out)
    assert warm.rendered == [] and len(warm.cached) == len(EXPECTED)
    session = root / "curricula/probnyi-treninh/znaiomstvo.md"
    session.write_text(session.read_text(encoding="utf-8").replace("Кожен називає себе.", "Кожен називає своє ім'я."),
                       encoding="utf-8")
    edited = build_handouts(load_corpus(Layout(root)), config, out)
    # A step is in the session's PDF and the facilitator guide; the workbook and the handout pack
    # hold no steps: their HTML is the same, so they are not laid out again.
    assert _rendered(edited) == {"pdf/curricula/probnyi-treninh/znaiomstvo.pdf",
                                 "pdf/curricula/probnyi-treninh/posibnyk-trenera.pdf"}
    assert set(edited.cached) == set(EXPECTED) - _rendered(edited)
    # The guide is assembled from parts laid out alone: of its three (front, two sessions) only the edited session's.
    assert edited.parts_rendered == ["pdf/curricula/probnyi-treninh/posibnyk-trenera.pdf#1"]
    assert sorted(cold.parts_rendered) == [f"pdf/curricula/probnyi-treninh/{book}.pdf#{n}" for book, n in (
        ("posibnyk-trenera", 0), ("posibnyk-trenera", 1), ("posibnyk-trenera", 2),
        ("rozdatkovi-materialy", 0), ("rozdatkovi-materialy", 1))]  # the pack: its cover, the one session with sheets
    assert "своє ім'я" in text(out / "pdf/curricula/probnyi-treninh/znaiomstvo.pdf")
    assert "своє ім'я" in text(out / "pdf/curricula/probnyi-treninh/posibnyk-trenera.pdf")
    assert "своє ім'я" not in text(out / "pdf/curricula/probnyi-treninh/robochyi-zoshyt.pdf")
    session.write_text(session.read_text(encoding="utf-8").replace("Познайомитися.", "Познайомитися з групою."),
                       encoding="utf-8")
    objectives = build_handouts(load_corpus(Layout(root)), config, out)  # the workbook has a session's objectives
    assert _rendered(objectives) == {"pdf/curricula/probnyi-treninh/znaiomstvo.pdf",
                                     "pdf/curricula/probnyi-treninh/robochyi-zoshyt.pdf",
                                     "pdf/curricula/probnyi-treninh/posibnyk-trenera.pdf"}
    assert "з групою" in text(out / "pdf/curricula/probnyi-treninh/robochyi-zoshyt.pdf")
    session.write_text(session.read_text(encoding="utf-8").replace("своє ім'я", "себе"), encoding="utf-8")
    session.write_text(session.read_text(encoding="utf-8").replace(" з групою.", "."), encoding="utf-8")
    back = build_handouts(load_corpus(Layout(root)), config, out)  # as it was at first: every PDF made then
    assert back.rendered == [] and back.parts_rendered == [] and "своє ім'я" not in text(out / "pdf/curricula/probnyi-treninh/znaiomstvo.pdf")


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_handouts_read_nothing_outside_the_repository(tmp_path: Path) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        root = copy_project(FIXTURES / "mini", tmp_path / "mini")
        port = server.server_address[1]
        secret = tmp_path / "secret.txt"
        secret.write_text("ТАЄМНИЙ-ВМІСТ-ПОЗА-РЕПОЗИТОРІЄМ", encoding="utf-8")
        guide = root / "docs/instrumenty/hromadski-slukhannia.md"
        guide.write_text(guide.read_text(encoding="utf-8") + (
            f"\n![passwd](file:///etc/passwd)\n\n![secret]({secret.as_uri()})\n\n"
            f"![remote](http://127.0.0.1:{port}/tracker.png)\n\n"
            f'<img src="http://127.0.0.1:{port}/raw.png" alt="raw">\n\n'
            f'<object data="{secret.as_uri()}"></object>\n'), encoding="utf-8")
        config = SiteConfig.load(root)
        report = build_handouts(load_corpus(Layout(root)), config, tmp_path / "site", only="pdf/instrumenty/*")
        assert report.ok
        pdf = tmp_path / "site/pdf/instrumenty/hromadski-slukhannia.pdf"
        content = text(pdf)
        assert "root:" not in content and "ТАЄМНИЙ" not in content
        assert _Recorder.hits == []
        images = [img for page in PdfReader(pdf).pages for img in page.images]
        assert len(images) == 1  # the guide's own skhema.png from the repository, nothing else
    finally:
        server.shutdown()


def test_a_failing_document_is_reported_and_the_rest_are_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hromada.handouts import engine

    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    real = engine.render

    def flaky(html: str, base_url: str, root_: Path, target: Path) -> None:
        if "Занедбаний сквер" in html:  # the case's own text
            raise RuntimeError("зламаний документ")
        real(html, base_url, root_, target)

    monkeypatch.setattr(engine, "render", flaky)  # forked workers inherit the patched module
    report = build_handouts(load_corpus(Layout(root)), SiteConfig.load(root), tmp_path / "site", workers=1)
    assert report.failed == [("best_practices/vyhadana-hromada.md", "RuntimeError: зламаний документ")]
    assert len(report.rendered) == len(EXPECTED) - 1


def test_cli_only_glob_and_exit_code(tmp_path: Path) -> None:
    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    result = run_hromada(root, "handouts", "--only", "best_practices/*")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (root / "site/pdf").rglob("*.pdf")] == ["vyhadana-hromada.pdf"]
    assert "PDF: 1 (зібрано 1, з кешу 0)" in result.stderr


def test_tabs_tables_and_images_print(built_mini: Path) -> None:
    pdf = built_mini / "pdf/instrumenty/hromadski-slukhannia.pdf"
    content = text(pdf)
    # Both content tabs are printed, one after the other; the table and the image too.
    assert "Оголошення на дошці біля магазину." in content and "Допис у міській групі." in content
    assert "за 10 днів" in content
    assert "Станом на 1 червня 2025 року." in content  # the legal date prints too
    assert sum(len(page.images) for page in PdfReader(pdf).pages) == 1


def test_without_a_site_address_the_pdf_names_no_half_address(tmp_path: Path) -> None:
    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    config = SiteConfig.load(root)
    config.site_url = ""  # no site_url and no GitHub origin
    report = build_handouts(load_corpus(Layout(root)), config, tmp_path / "site", only="best_practices/*")
    assert report.ok
    pdf = tmp_path / "site/pdf/best_practices/vyhadana-hromada.pdf"
    content = text(pdf)
    assert "Онлайн:" not in content and "/best_practices/" not in content and "CC BY 4.0" in content
    assert qr_codes(pdf) == []


def test_training_zip_holds_every_pdf_of_the_training(built_mini: Path) -> None:
    import zipfile

    archive = built_mini / "pdf/curricula/probnyi-treninh/probnyi-treninh-usi-materialy.zip"
    with zipfile.ZipFile(archive) as z:
        names = sorted(z.namelist())
        assert names == sorted(f"probnyi-treninh/{n}" for n in ("znaiomstvo.pdf", "hromadski-slukhannia.pdf",
                                                                  "robochyi-zoshyt.pdf", "posibnyk-trenera.pdf",
                                                                  "rozdatkovi-materialy.pdf"))
        assert z.read("probnyi-treninh/znaiomstvo.pdf") == (built_mini / "pdf/curricula/probnyi-treninh/znaiomstvo.pdf").read_bytes()
    training = (built_mini / "curricula/probnyi-treninh/index.html").read_text(encoding="utf-8")
    assert 'href="../../pdf/curricula/probnyi-treninh/probnyi-treninh-usi-materialy.zip" download>Усі PDF тренінгу (ZIP)' in training


def test_the_pdf_cache_key_covers_every_file_of_the_package(tmp_path: Path) -> None:
    """Editing any module or asset of the package (not only those once listed by name, e.g. the
    transliteration or the Markdown scanner) makes every cached PDF stale; nothing else does."""
    from hromada.handouts.build import _engine_fingerprint
    from hromada.resources import package_dir

    copy = tmp_path / "hromada"
    shutil.copytree(package_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = _engine_fingerprint(copy)
    assert _engine_fingerprint(copy) == before
    (copy / "__pycache__").mkdir()
    (copy / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"compiled")
    assert _engine_fingerprint(copy) == before, "byte-code is not code that shapes a PDF"
    for rel in ("text/translit.py", "content/mdscan.py", "content/layout.py", "assets/print.css", "theme/main.html"):
        path = copy / rel
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert _engine_fingerprint(copy) != before, rel
        path.write_bytes(original)
    (copy / "rules" / "new_family.py").write_text("# a new module\n", encoding="utf-8")
    assert _engine_fingerprint(copy) != before, "a new file counts too"


def test_first_page_has_no_running_headers(built_mini: Path) -> None:
    """print.css is a user stylesheet (engine.Renderer): the document's own <style> keeps the first
    page's headers empty, the cover of a book and the head of a single PDF alike."""

    def top_line(pdf: Path, page: int) -> str:
        return next(line for line in text(pdf, page, page).splitlines() if line.strip())

    book = built_mini / "pdf/curricula/probnyi-treninh/posibnyk-trenera.pdf"
    assert "Посібник тренера ·" not in top_line(book, 1) and "Посібник тренера ·" in top_line(book, 2)
    single = built_mini / "pdf/curricula/probnyi-treninh/hromadski-slukhannia.pdf"
    assert len(PdfReader(single).pages) > 1
    assert "Пробний тренінг" not in top_line(single, 1)  # «ПРОБНИЙ ТРЕНІНГ», the head's kicker
    assert top_line(single, 2).rstrip().endswith("Пробний тренінг")  # the right-hand header


def test_fonts_are_subset_with_harfbuzz_or_the_summary_says_how(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """setup-system.sh installs libharfbuzz-subset0: without it every PDF takes ten times longer
    (WeasyPrint falls back to fontTools), and the build says what to install."""
    from hromada.handouts import engine

    assert engine.fast_font_subsets(), "libharfbuzz-subset0 is missing: bash scripts/setup-system.sh test"
    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    corpus, config = load_corpus(Layout(root)), SiteConfig.load(root)
    monkeypatch.setattr(engine, "fast_font_subsets", lambda: False)
    report = build_handouts(corpus, config, tmp_path / "site", only="best_practices/*", workers=1)
    assert report.slow_fonts and "sudo apt-get install -y libharfbuzz-subset0" in report.summary()
    warm = build_handouts(corpus, config, tmp_path / "site", only="best_practices/*", workers=1)
    assert not warm.slow_fonts and "libharfbuzz" not in warm.summary()  # nothing laid out: nothing to say
