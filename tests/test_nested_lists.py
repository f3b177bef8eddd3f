"""Sub-lists indented by 2–3 spaces (as GitHub nests them) nest on the site and in the PDFs too."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from conftest import FIXTURES, REPO, copy_project, run_hromada
from hromada.content.mdscan import scan
from hromada.content.nesting import nest_lists, nested_block_starts
from hromada.website.siteconfig import SiteConfig
from pdf import text as pdf_text


def render(md: str) -> str:
    """The page's Markdown as the site converts it: nested first, then the repository's extensions."""
    config = SiteConfig.load(REPO)
    return markdown.Markdown(extensions=config.extensions, extension_configs=config.extension_configs).convert(nest_lists(md))


class _Items(HTMLParser):
    """Every <li> of an HTML page as (the lists it is in, its text): «ol3/ul4», «Друге правило…»."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lists: list[str] = []
        self.count = 0
        self.open: list[int] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self.count += 1
            self.lists.append(f"{tag}{self.count}")
        elif tag == "li":
            self.open.append(len(self.found))
            self.found.append(("/".join(self.lists), ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "li" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open:
            where, said = self.found[self.open[-1]]
            self.found[self.open[-1]] = (where, said + data)


def items(html: str) -> list[tuple[str, str]]:
    parser = _Items()
    parser.feed(html)
    return parser.found


def where(html: str, word: str) -> str:
    """The lists holding the first item that says `word` (before any sub-list of its own)."""
    return next(path for path, said in items(html) if word in said.strip().split("\n")[0])


def in_list(html: str, path: str) -> list[str]:
    """The first line of every item directly in the list at `path`."""
    return [said.strip().split("\n")[0] for p, said in items(html) if p == path]


# --- the transformation -----------------------------------------------------------------------


def test_two_space_bullets_nest_under_a_bullet() -> None:
    md = "- перший\n  - вкладений\n  - ще один\n- другий"
    assert nest_lists(md) == "- перший\n    - вкладений\n    - ще один\n- другий"
    html = render(md)
    assert where(html, "вкладений") == where(html, "перший") + "/ul2"
    assert in_list(html, "ul1") == ["перший", "другий"]


def test_three_spaces_under_a_number_nest_and_the_numbering_goes_on() -> None:
    md = "1. один\n2. два:\n   - альфа\n   - бета\n3. три\n4. чотири"
    html = render(md)
    assert where(html, "альфа") == where(html, "бета") == "ol1/ul2"
    assert in_list(html, "ol1") == ["один", "два:", "три", "чотири"]


def test_four_spaces_under_a_two_digit_number_three_under_one_digit() -> None:
    md = "9. дев'ять\n   - під дев'ятьма\n10. десять\n    - під десятьма\n11. одинадцять"
    assert nest_lists(md) == "9. дев'ять\n    - під дев'ятьма\n10. десять\n    - під десятьма\n11. одинадцять"
    html = render(md)
    assert where(html, "під дев'ятьма") == "ol1/ul2" and where(html, "під десятьма") == "ol1/ul3"
    assert in_list(html, "ol1") == ["дев'ять", "десять", "одинадцять"]


def test_mixed_numbers_under_bullets_and_bullets_under_numbers() -> None:
    md = "- етапи:\n  1. формування\n  2. бурління\n- стилі:\n  - директивний\n\nТекст.\n\n1. крок\n   - дія"
    html = render(md)
    assert where(html, "формування") == "ul1/ol2"
    assert where(html, "директивний") == "ul1/ul3"
    assert where(html, "дія") == "ol4/ul5"


def test_deeper_nesting() -> None:
    md = "- a\n  - b\n    - c\n      1. d\n         - e\n- f"
    assert nest_lists(md) == "- a\n    - b\n        - c\n            1. d\n                - e\n- f"
    html = render(md)
    assert where(html, "e") == "ul1/ul2/ul3/ol4/ul5"
    assert in_list(html, "ul1") == ["a", "f"]


def test_a_paragraph_indented_under_an_item_stays_in_it() -> None:
    # An empty line before the next item: Python-Markdown would take «4.» into the paragraph otherwise.
    md = "3. шкала:\n   - 5 — так;\n   - 1 — ні.\n\n   Тих, хто показав 1, просять пояснити.\n\n4. далі"
    html = render(md)
    scale = next(said for _, said in items(html) if said.strip().startswith("шкала"))
    assert "Тих, хто показав" in scale
    assert in_list(html, "ol1") == ["шкала:", "далі"]


GITHUB_STYLE = "- зверху\n  - знизу"  # must nest: every test below also shows that it does
NESTED_STYLE = "- зверху\n    - знизу"


def kept_beside_a_nested_list(md: str) -> None:
    """`md` comes out as it is, while a 2-space sub-list after it is nested."""
    assert nest_lists(md + "\n\n" + GITHUB_STYLE) == md + "\n\n" + NESTED_STYLE


def test_text_written_for_python_markdown_is_left_as_it_is() -> None:
    kept_beside_a_nested_list("- a\n    - b\n        - c\n  wrapped text\n- d\n\n    paragraph of d\n\n1. one\n    - x\n"
                              "\n!!! note\n    - in a note\n        - nested in a note")


def test_fenced_code_is_untouched() -> None:
    md = "```\n- a\n  - b\n```\n\n~~~yaml\nkey:\n  - value\n~~~"
    kept_beside_a_nested_list(md)
    assert "<code>- a\n  - b\n</code>" in render(md + "\n\n" + GITHUB_STYLE)


def test_a_fence_inside_an_item_moves_as_a_whole() -> None:
    md = "- a\n\n  ```\n  code\n    more\n  ```\n\n- b"
    assert nest_lists(md) == "- a\n\n    ```\n    code\n      more\n    ```\n\n- b"
    assert "<code>code\n  more\n</code>" in render(md)


def test_admonition_bodies_are_untouched() -> None:
    md = "- a\n\n!!! trainer \"Нотатка\"\n    Текст нотатки.\n\n    - пункт\n\n??? note\n    Згорнуте.\n\n=== \"Вкладка\"\n    Текст."
    kept_beside_a_nested_list(md)
    html = render(md + "\n\n" + GITHUB_STYLE)
    assert '<div class="admonition trainer">' in html and "<details" in html and where(html, "знизу").count("/") == 1


def test_a_list_inside_a_note_nests_the_same_way() -> None:
    md = "!!! tip \"Порада\"\n    - зверху\n      - знизу\n    Текст поради."
    assert nest_lists(md) == "!!! tip \"Порада\"\n    - зверху\n        - знизу\n    Текст поради."
    html = render(md)
    assert '<div class="admonition tip">' in html and where(html, "знизу") == "ul1/ul2"


def test_indented_code_and_tables_are_untouched() -> None:
    md = "Текст.\n\n    - not a list\n      - code\n\n| a | b |\n|---|---|\n| - x | y |"
    kept_beside_a_nested_list(md)
    html = render(md + "\n\n" + GITHUB_STYLE)
    assert "<table>" in html and "<code>- not a list\n  - code\n</code>" in html
    table_in_item = render("- item\n\n  | c | d |\n  |---|---|\n  | 1 | 2 |")
    assert re.search(r"<li>\s*<p>item</p>\s*<table>", table_in_item)


def test_one_space_is_a_sibling_as_on_github() -> None:
    md = "- a\n - b"
    kept_beside_a_nested_list(md)
    assert in_list(render(md), "ul1") == ["a", "b"]


def test_idempotent_and_keeps_every_line() -> None:
    samples = ["- a\n  - b\n    - c\n- d", "1. a\n   - b\n\n   text\n2. c", "- a\n\n  ```\n  x\n  ```",
               "1. a\n   1. b\n      - c\n2. d", "- a\n  !!! note\n      body"]
    for md in samples:
        once = nest_lists(md)
        assert once != md and nest_lists(once) == once, md
        assert once.count("\n") == md.count("\n"), md


def test_the_scanner_finds_a_heading_inside_an_item_as_rendered() -> None:
    md = "1. a\n\n   ### Підзаголовок у пункті\n\n2. b"
    assert 2 in nested_block_starts(md)
    assert [h.anchor for h in scan(md).headings] == ["pidzaholovok-u-punkti"]
    assert 'id="pidzaholovok-u-punkti"' in render(md)


# --- the real pipeline: site and PDF ------------------------------------------------------------

SESSION = "curricula/probnyi-treninh/znaiomstvo"
NESTED = """
Ведучі пояснюють правила кола:

1. Перше правило: говорить одна людина.
2. Друге правило — як говорити:
   - коротко, до хвилини;
   - від себе, без оцінок.
3. Третє правило — хто починає:
   1. ведучий;
   2. сусід праворуч.
4. Четверте правило: можна пропустити хід.

Що взяти із собою:

- бейдж з іменем:
  - ім'я великими літерами;
    - без прізвища.
- ручку.
"""


@pytest.fixture(scope="module")
def nested_mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project with sub-lists indented as on GitHub in a session's step, built with PDFs."""
    root = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("nested") / "mini")
    page = root / f"{SESSION}.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Кожен називає себе.\n", "Кожен називає себе.\n" + NESTED),
                    encoding="utf-8")
    result = run_hromada(root, "build", "--strict", "--no-offline")
    assert result.returncode == 0, result.stderr
    return root


def _assert_nested(html: str) -> None:
    rules = where(html, "Перше правило")
    assert where(html, "коротко") == where(html, "оцінок") and where(html, "коротко").startswith(rules + "/ul")
    assert where(html, "ведучий").startswith(rules + "/ol")
    assert [re.split(r"[\s\u00a0]*[:—]", s)[0] for s in in_list(html, rules)] == [
        "Перше правило", "Друге правило", "Третє правило", "Четверте правило"]
    badge = where(html, "іменем")
    assert where(html, "великими").startswith(badge + "/ul")
    assert where(html, "прізвища").startswith(where(html, "великими") + "/ul")
    assert where(html, "ручку") == badge


def test_site_nests_sub_lists_in_their_item(nested_mini: Path) -> None:
    _assert_nested((nested_mini / "site" / SESSION / "index.html").read_text(encoding="utf-8"))


def test_zensical_nests_them_too(nested_mini: Path, tmp_path: Path) -> None:
    site = tmp_path / "zensical-site"
    result = run_hromada(nested_mini, "build", "--engine", "zensical", "--no-pdf", "--no-offline", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    _assert_nested((site / SESSION / "index.html").read_text(encoding="utf-8"))


def _column(lines: list[str], word: str) -> tuple[int, int]:
    """(line number, column of the line's first character) of the first line saying `word`."""
    at = next(i for i, line in enumerate(lines) if word in line)
    return at, len(lines[at]) - len(lines[at].lstrip())


def test_pdf_indents_sub_items_and_the_numbering_goes_on(nested_mini: Path) -> None:
    lines = pdf_text(nested_mini / "site" / "pdf" / f"{SESSION}.pdf").splitlines()
    first, number = _column(lines, "Перше правило")
    assert re.match(r"\s*1\.\s+Перше правило", lines[first])
    second, _ = _column(lines, "Друге правило")
    short, short_col = _column(lines, "коротко")
    leader, leader_col = _column(lines, "ведучий")
    fourth, fourth_col = _column(lines, "Четверте правило")
    assert first < second < short < leader < fourth
    assert short_col > number + 2 and leader_col > number + 2  # under their item's text, not beside its number
    assert re.match(r"\s*4\.\s+Четверте правило", lines[fourth]) and fourth_col == number
    assert re.match(r"\s*1\.\s+ведучий", lines[leader])
    _, badge_col = _column(lines, "іменем")
    _, capital_col = _column(lines, "великими")
    _, surname_col = _column(lines, "прізвища")
    assert badge_col < capital_col < surname_col


# --- the repository's own content -------------------------------------------------------------

MEETING = "curricula/mystetstvo-vzaiemodii/zustrich-hromady-planuvannia"


def test_meeting_session_step_3_agenda_is_nested(built_repo: Path) -> None:
    html = (built_repo / MEETING / "index.html").read_text(encoding="utf-8")
    step = html[html.index('id="krok-3-'):html.index('id="krok-4-')]
    agenda = where(step, "Порядок")
    assert where(step, "відкриття") == where(step, "завершення") == agenda + "/ul2"
    assert len(in_list(step, agenda)) == 4  # Результат, Учасники, Порядок денний, Організація
    lines = pdf_text(built_repo / "pdf" / f"{MEETING}.pdf").splitlines()
    _, number = _column(lines, "Порядок")
    _, sub = _column(lines, "відкриття")
    organisation, organisation_col = _column(lines, "Організація.")
    assert sub > number + 2
    assert re.match(r"\s*4\.\s+Організація", lines[organisation]) and organisation_col == number
