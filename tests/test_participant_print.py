"""What participants and printers get on paper, checked on the real PDFs of the real repository:
a workbook that is theirs, a handout pack to photocopy, sheets one can write in with a pen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, copy_project, run_hromada
from hromada.content.layout import Layout
from hromada.content.load import load_corpus
from hromada.content.session_parts import of_session, split
from hromada.handouts import printdoc
from hromada.website import parts
from hromada.website.schedule import fmt_time
from pdf import text

MM = 72 / 25.4
TRAINER_TEXT = ("Хід заняття", "Запитання для обговорення", "Нотатка для тренера", "Підготовка і матеріали",
                "сестри сперечалися")  # the orange parable: a session's exercise given away
STEP = re.compile(r"Крок\s+\d+\.")


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(Layout(REPO))


def _pdf(site: Path, slug: str, name: str) -> Path:
    return site / "pdf" / "curricula" / slug / f"{name}.pdf"


def _pages(pdf: Path) -> list[str]:
    return [" ".join(page.split()) for page in text(pdf).split("\f")][:-1]


def _flat(s: str) -> str:
    return " ".join(re.sub(r"[*_`|]", " ", s).split())


def _first_words(part_text: str) -> str:
    """A handout's first line of its own text, to find it in the PDF."""
    for line in part_text.split("\n")[1:]:
        line = _flat(line.strip("-[] "))
        if line and not line.startswith(("<", "!", ":")) and not set(line) <= set("-: "):
            return " ".join(line.split()[:4])
    return ""


def test_the_split_is_read_from_the_headings() -> None:
    body = "Вступ.\n\n## Хід заняття\n\n### Крок 1. А (5 хв)\n\n```\n## не заголовок\n```\n\n## Робочий аркуш\n\nТаблиця.\n\n## Картки ролей\n\n### Роль"
    got = [(p.title, p.audience, p.copies, p.line) for p in split(body, 10, {"картки ролей": "one"})]
    assert got == [("", "trainer", None, 10), ("Хід заняття", "trainer", None, 12),
                   ("Робочий аркуш", "handout", "participant", 20), ("Картки ролей", "handout", "one", 24)]


def test_a_worksheet_is_named_by_its_opening_bold_line() -> None:
    body = ("## Робочий аркуш\n\n**Полотно «Дерево проблем»** (заповнюйте знизу вгору)\n\n| А |\n|---|\n\n"
            "## Картки ролей\n\n### Роль 1\n\n## Робочий аркуш 2\n\n**Робочий аркуш 2**\n\n## Пам'ятка\n\nТекст **жирний**.")
    assert [p.name for p in split(body)] == ["Робочий аркуш: Полотно «Дерево проблем»", "Картки ролей",
                                               "Робочий аркуш 2", "Пам'ятка"]
    linked = split("## Бланк\n\n**Шаблон [листа до ради](../lyst.md) і `коду`**\n\nТекст.")
    assert [p.name for p in linked] == ["Бланк: Шаблон листа до ради і коду"]


@pytest.mark.parametrize("slug", ["mystetstvo-vzaiemodii", "sotsialnyi-marketynh"])
def test_workbook_is_the_participants_own(built_repo: Path, corpus, slug: str) -> None:
    pdf = _pdf(built_repo, slug, "robochyi-zoshyt")
    pages = _pages(pdf)
    assert len(pages) <= 35, f"{len(pages)} pages for 20 copies"
    whole = " ".join(pages)
    for phrase in TRAINER_TEXT:
        assert phrase not in whole, phrase
    assert not STEP.search(whole), STEP.search(whole)
    assert "Розклад" in whole and "Нотатки" in whole
    sessions = corpus.sessions_of(slug)
    worksheets = 0
    for doc in sessions.values():
        assert _flat(doc.title) in whole, doc.title
        for part in of_session(doc):
            if part.for_participants:
                worksheets += 1
                assert _first_words(part.text) in whole, (doc.rel, part.title, _first_words(part.text))
            elif part.is_handout:  # cards for groups give the exercise away
                assert _first_words(part.text) not in whole, (doc.rel, part.title)
    assert worksheets >= len(sessions)


@pytest.mark.parametrize("slug", ["mystetstvo-vzaiemodii", "sotsialnyi-marketynh"])
def test_handout_pack_has_every_handout_from_its_own_page_in_agenda_order(built_repo: Path, corpus, slug: str) -> None:
    pages = _pages(_pdf(built_repo, slug, "rozdatkovi-materialy"))
    training = corpus.documents[f"curricula/{slug}/index.md"]
    slots = parts.session_slots(corpus)
    expected = []
    for plan in parts.training_plans(corpus, training):
        for slot in plan.slots:
            doc = corpus.sessions_of(slug).get(slot.session or "")
            if doc is None:
                continue
            for part in of_session(doc):
                if part.is_handout:
                    _, day, s = slots[doc.rel]
                    expected.append((f"{doc.title} · день {day}, {fmt_time(s.start)}".upper(), _flat(part.title)))
    starts = []
    for page in pages[2:]:
        for kicker, title in expected:
            if _flat(kicker) in page[:400] and title in page[:600]:
                starts.append((kicker, title))
                break
    assert starts == expected
    contents = pages[1]
    assert "Скільки копій" in contents and "по одному на кожного" in contents
    # Each worksheet is listed by its own name, not only as «Робочий аркуш».
    first_sheet = next(i for i, page in enumerate(pages) if i >= 2 and _flat(expected[0][0]) in page[:400])
    pdf = _pdf(built_repo, slug, "rozdatkovi-materialy")
    listed = {_flat((row[1] or "").replace("-\n", "-")) for number, _, rows in _writing_tables(pdf)
              if 2 <= number <= first_sheet for row in rows if len(row) == 4}  # pages 2…: «Що копіювати»
    names = [_flat(part.name) for doc in corpus.sessions_of(slug).values() for part in of_session(doc) if part.is_handout]
    assert sum(name.startswith("Робочий аркуш: ") for name in names) >= 10
    assert [name for name in names if name not in listed] == []


def _writing_tables(pdf: Path):
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            for table in page.find_tables():
                rows = table.extract()
                yield number, table, rows


@pytest.mark.parametrize("name", ["rozdatkovi-materialy", "robochyi-zoshyt"])
def test_worksheet_rows_are_tall_enough_to_write_and_labels_leave_room(built_repo: Path, name: str) -> None:
    pdf = _pdf(built_repo, "mystetstvo-vzaiemodii", name)
    measured = 0
    for number, table, rows in _writing_tables(pdf):
        for row, texts in zip(table.rows, rows, strict=False):
            cells = [(c, t) for c, t in zip(row.cells, texts, strict=False) if c is not None]
            if len(cells) < 2 or any((t or "").strip() for _, t in cells[1:]):
                continue  # not a grid row, or nothing to fill in
            height = row.bbox[3] - row.bbox[1]
            if row is table.rows[-1] and height < 12 * MM and row.bbox[3] > 760:
                continue  # cut by the page's end: the rest is on the next page
            measured += 1
            assert height >= 12 * MM - 0.3, f"page {number}: a writing row is {height / MM:.1f} mm"
            width = cells[-1][0][2] - cells[0][0][0]
            label = cells[0][0]
            if 2 <= len(cells) <= 3 and (cells[0][1] or "").strip():
                assert (label[2] - label[0]) / width <= 0.35, f"page {number}: label column {(label[2] - label[0]) / width:.0%}"
    assert measured >= 40, measured


def test_no_agenda_splits_after_its_first_row(built_repo: Path, corpus) -> None:
    for training in corpus.trainings:
        pages = _pages(_pdf(built_repo, training.slug, "posibnyk-trenera"))
        for plan in parts.training_plans(corpus, training):
            first, last = plan.slots[0], plan.slots[-1]
            first_at = f"{fmt_time(first.start)}–{fmt_time(first.end)}"
            last_at = f"{fmt_time(last.start)}–{fmt_time(last.end)}"
            start = f"День {plan.day} Час Заняття Тривалість {first_at}"
            summary = f"День триває {fmt_time(plan.start)}–{fmt_time(plan.end)}"
            found = [p[p.index(start):] for p in pages if start in p]
            assert found, (training.slug, plan.day, "no agenda")
            day = found[0].split(summary)[0]
            assert summary in found[0] and last_at in day, (training.slug, plan.day, "the day's agenda is split")


def test_page_headers_are_short(built_repo: Path) -> None:
    for pdf in (built_repo / "pdf").rglob("*.pdf"):
        for page in text(pdf).split("\f")[1:-1]:
            header = next((line for line in page.split("\n") if line.strip()), "")
            halves = [h for h in re.split(r"\s{3,}", header.strip()) if h]
            assert len(halves) <= 2 and all(len(h) <= 58 for h in halves), (pdf.name, header)


@pytest.mark.parametrize(("title", "short"), [
    ("Мистецтво взаємодії з людьми. Створення та розвиток спільнот", "Мистецтво взаємодії з людьми"),
    ("Оцінювання, рефлексія і закриття тренінгу для учасників і учасниць", "Оцінювання, рефлексія і закриття тренінгу…"),
    ("Коротка назва", "Коротка назва"),
])
def test_running_header_forms(title: str, short: str) -> None:
    assert printdoc.shorten(title, 56) == short


def test_check_names_parts_that_fit_no_one(tmp_path: Path) -> None:
    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    session = root / "curricula/probnyi-treninh/hromadski-slukhannia.md"
    source = session.read_text(encoding="utf-8")
    source = source.replace("group_size:", 'copies: {"Картки сценок": one}\ngroup_size:', 1)
    source = source.replace("Запишіть, хто прийде", "Ведучі пояснюють, хто прийде", 1)
    source = source.replace("## Картки ролей", "## Нотатки ведучих\n\nТекст.\n\n## Картки ролей", 1)
    session.write_text(source, encoding="utf-8")
    result = run_hromada(root, "check")
    out = result.stdout + result.stderr
    rel = "curricula/probnyi-treninh/hromadski-slukhannia.md"
    lines = source.split("\n")
    at = {code: next(i for i, line in enumerate(lines, start=1) if marker in line)
          for code, marker in (("HR063", "## Нотатки ведучих"), ("HR064", "Ведучі пояснюють"), ("HR065", "copies:"))}
    for code, line in at.items():
        assert f"{rel}:{line}:" in out and code in out, (code, out)
    assert "Картки сценок" in out and "«Робочий аркуш», «Картки ролей»" in out  # the hint names what there is
    assert result.returncode == 1 and "Traceback" not in out


def test_session_page_says_who_each_part_is_for(built_mini: Path) -> None:
    page = (built_mini / "curricula/probnyi-treninh/hromadski-slukhannia/index.html").read_text(encoding="utf-8")
    page = page.replace("\u00a0", " ").replace("\u2060", "")  # the typeset text, read as words
    assert 'class="hromada-part hromada-part--handout" data-copies="participant"' in page
    assert 'data-copies="group"' in page and "у робочий зошит не входить" in page
    article = page[page.index("<article"):]  # the styles written into <head> name the class too
    assert article.index("Ключові думки") < article.index("hromada-part--handout")  # key points before the sheets
    assert page.count('class="hromada-cutout"') == 2  # each card its own box, to cut out
