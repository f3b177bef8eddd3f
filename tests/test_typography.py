"""Ukrainian typography (issue 13): where a line may not break, on screen and in print, and one
hryvnia notation. Sentences are the content's own (curricula/, best_practices/, docs/).

In the expectations «~» is U+00A0 and «^» U+2060 WORD JOINER, so a missing one shows."""

from __future__ import annotations

import io
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hromada
from hromada.text.typography import NBSP, WORD_JOINER, currency_notations, typeset, typeset_html

REPO = Path(__file__).resolve().parent.parent
FONT = Path(hromada.__file__).resolve().parent / "assets/fonts/NotoSans_400Regular.ttf"


def shown(text: str) -> str:
    return text.replace(NBSP, "~").replace(WORD_JOINER, "^")


def ts(text: str) -> str:
    return shown(typeset(text))


# --- numbers, units, currency ---------------------------------------------------------------------


@pytest.mark.parametrize(("source", "expected"), [
    ("Міжнародний гуманітарний фонд — 380 000 грн на вентиляцію та генератор.",
     "Міжнародний гуманітарний фонд~— 380~000~грн на вентиляцію та генератор."),
    ("Міська рада — 1 250 000 грн через зміни до бюджету",
     "Міська рада~— 1~250~000~грн через зміни до бюджету"),
    ("Комітет зібрав по 500 грн з 76 домогосподарств (38 000 грн)",
     "Комітет зібрав по 500~грн з~76 домогосподарств (38~000~грн)"),
    ("за 10 244 голоси", "за 10~244 голоси"),  # a counted noun is an ordinary word: not joined
    ("1\u202f200\u202f000 грн", "1~200~000~грн"),  # narrow no-break spaces from a source become one kind
    ("1 200 000\nгрн", "1~200~000~грн"),  # a soft line break in Markdown is a space too
    ("22,4 % власного внеску", "22,4~% власного внеску"),
    ("120 тис. грн і 1,2 млн грн", "120~тис.~грн і~1,2~млн~грн"),
])
def test_numbers_and_their_units_stay_together(source: str, expected: str) -> None:
    assert ts(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    ("### Крок 3. Робота в командах: полотно 4P (35 хв)", "### Крок 3. Робота в~командах: полотно 4P (35~хв)"),
    ("Закон № 3703-IX", "Закон №~3703-IX"),
    ("Конституція України (ст. 140, ч. 6) дозволяє", "Конституція України (ст.~140, ч.~6) дозволяє"),
    ("Ст. 12, п. 3, розд. 2", "Ст.~12, п.~3, розд.~2"),
    ("з 2019 р. до 2019–2020 рр.", "з~2019~р. до 2019–2020~рр."),
    ("5 км, 3 кг, 20 м²", "5~км, 3~кг, 20~м²"),
    ("і т. д., та ін.", "і~т.~д., та~ін."),
])
def test_abbreviations_and_signs_before_or_after_a_number(source: str, expected: str) -> None:
    assert ts(source) == expected


@pytest.mark.parametrize("source", [
    "+380 44 123 45 67",  # a telephone is not a grouped number
    "067 123 45 67",
    "тел. 044 123 456",
    "програма 2019–2020 років",  # a range and a time have no space to bind
    "17:45–18:00",
    "навчальний рік 2019/2020",
    "https://stepngo.in.ua/a/b",
    "Крок 1. Від бар'єрів до рішень",  # «1.» then a word: no unit
    "15 учасників і учасниць",  # «і» is followed by a word, «15» by an ordinary word
    "версія 3 000000",
])
def test_what_is_left_alone(source: str) -> None:
    expected = source.replace(" і ", f" і{NBSP}")
    assert typeset(source) == expected


def test_law_numbers_and_times_bind_only_the_sign() -> None:
    assert ts("Закон № 280/97-ВР") == "Закон №~280/97-ВР"
    assert ts("Дні тривають з 09:00 до 17:45–18:00") == "Дні тривають з~09:00 до 17:45–18:00"


@pytest.mark.parametrize(("source", "expected"), [
    ("коштує 100 грн. Далі", "коштує 100~грн. Далі"),  # the dot ends the sentence
    ("коштує 100 грн.", "коштує 100~грн."),
    ("по 100 грн. на місяць", "по 100~грн на місяць"),  # inside a sentence the dot is the abbreviation's
    ("100 грн., а решта", "100~грн, а~решта"),
    ("Ціна, грн.", "Ціна, грн."),  # no number: not ours to change (currency_notations reports it)
])
def test_one_currency_notation(source: str, expected: str) -> None:
    assert ts(source) == expected


# --- one-letter words, dashes, slashes ----------------------------------------------------------------


@pytest.mark.parametrize(("source", "expected"), [
    ("Одна людина з кожної команди залишається біля полотна", "Одна людина з~кожної команди залишається біля полотна"),
    ("Я і ти, а він в хаті", "Я~і~ти, а~він в~хаті"),
    ("У громаді й у раді", "У~громаді й~у~раді"),
    ("Є запитання? О так.", "Є~запитання? О~так."),
    ("сім'я і громада", "сім'я і~громада"),  # «я» of «сім'я» is no word
    ("будь-я справа", "будь-я справа"),
    ("т. і т. д.", "т. і~т.~д."),
])
def test_a_one_letter_word_never_ends_a_line(source: str, expected: str) -> None:
    assert ts(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    ("пояснити чотири складники — продукт, ціну, місце", "пояснити чотири складники~— продукт, ціну, місце"),
    ("травень – серпень 2020", "травень~– серпень 2020"),
    ("слово\n— далі", "слово~— далі"),  # a Markdown line that starts with a dash
    ("На обговорення в кроці 5 — 5 хвилин", "На обговорення в~кроці 5~— 5 хвилин"),
    ("— Привіт, — сказав він.", "— Привіт,~— сказав він."),  # a dialogue dash opens the paragraph
])
def test_no_line_starts_with_a_dash(source: str, expected: str) -> None:
    assert ts(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    ("підтримка менторів/ок", "підтримка менторів^/^ок"),
    ("навички учасників/ць за тематикою", "навички учасників^/^ць за тематикою"),
    ("(так/ні),", "(так^/^ні),"),
    ("«З тексту/CSV»", "«З~тексту^/^CSV»"),
    ("та/або", "та^/^або"),
    ("5 км/год", "5~км^/^год"),
])
def test_a_slash_between_words_is_no_break(source: str, expected: str) -> None:
    assert ts(source) == expected


@pytest.mark.parametrize("source", ["https://stepngo.in.ua/a/b", "stepngo.in.ua/a/b", "docs/redaktoram", "2019/2020",
                                    "best_practices/", "mailto:a@b.ua/x"])
def test_urls_paths_and_numbers_with_slashes_are_not_joined(source: str) -> None:
    assert WORD_JOINER not in typeset(source)


@pytest.mark.parametrize("source", [
    "Міжнародний гуманітарний фонд — 380 000 грн на вентиляцію, підтримка менторів/ок і учасників/ць.",
    "по 100 грн. на місяць, ст. 12, № 55, і т. д.", "слово\n— далі", "1\u202f200 грн.", "",
])
def test_typeset_is_idempotent(source: str) -> None:
    once = typeset(source)
    assert typeset(once) == once


# --- HTML -------------------------------------------------------------------------------------------


def th(html: str) -> str:
    return shown(typeset_html(html))


def test_only_text_nodes_change() -> None:
    page = ('<p class="a — b" title="380 000 грн">Фонд — 380 000 грн, '
            '<a href="https://stepngo.in.ua/a/b">https://stepngo.in.ua/a/b</a></p>')
    assert th(page) == ('<p class="a — b" title="380 000 грн">Фонд~— 380~000~грн, '
                        '<a href="https://stepngo.in.ua/a/b">https://stepngo.in.ua/a/b</a></p>')


@pytest.mark.parametrize("tag", ["code", "pre", "kbd", "samp", "script", "style", "textarea"])
def test_code_and_raw_text_are_untouched(tag: str) -> None:
    inside = "в хаті 380 000 грн — менторів/ок <b>і я</b>" if tag not in ("script", "style", "textarea") else \
        "var s = 'в хаті 380 000 грн — менторів/ок</b>';"
    page = f"<p>а б</p><{tag} class=\"x\">{inside}</{tag}><p>а б</p>"
    assert typeset_html(page) == f"<p>а{NBSP}б</p><{tag} class=\"x\">{inside}</{tag}><p>а{NBSP}б</p>"


def test_nested_code_inside_pre() -> None:
    page = '<pre><code class="language-yaml"><span>в хаті</span>: 380 000 грн</code></pre><p>в хаті</p>'
    assert th(page) == '<pre><code class="language-yaml"><span>в хаті</span>: 380 000 грн</code></pre><p>в~хаті</p>'


def test_comments_survive_byte_for_byte() -> None:
    page = "<p>в хаті</p>\n<!--hromada:after-->\n<!-- в хаті — 380 000 грн <p> -->\n<p>а я</p>"
    assert typeset_html(page) == page.replace("в хаті</p>", f"в{NBSP}хаті</p>").replace("а я", f"а{NBSP}я")
    assert typeset_html("<!--hromada:before-->") == "<!--hromada:before-->"


def test_entities_are_not_broken() -> None:
    assert th("<p>380&nbsp;000 грн &amp; AT&amp;T, a &lt;b&gt; в хаті</p>") == \
        "<p>380~000~грн &amp; AT&amp;T, a &lt;b&gt; в~хаті</p>"
    assert typeset_html("<p>AT&amp;T&nbsp;&#8212; ок</p>") == "<p>AT&amp;T&nbsp;&#8212; ок</p>"  # unchanged node: same bytes


def test_words_across_inline_tags() -> None:
    assert th('<p>Зареєструйтесь у <a href="#">Дії</a></p>') == '<p>Зареєструйтесь у~<a href="#">Дії</a></p>'
    assert th("<p><strong>Ментор</strong> — людина</p>") == "<p><strong>Ментор</strong>~— людина</p>"
    assert th("<p><strong>380 000</strong> грн</p>") == "<p><strong>380~000</strong>~грн</p>"
    assert th("<p>змініть у <code>mkdocs.yml</code></p>") == "<p>змініть у~<code>mkdocs.yml</code></p>"
    assert th("<p>в <b>5 км</b></p>") == "<p>в~<b>5~км</b></p>", "the neighbour changes too"
    assert th("<p><b>раз</b> і ще</p>") == "<p><b>раз</b> і~ще</p>", "the «з» of «раз» is no word"
    assert th("<p><b>його ставки</b> — вища</p>") == "<p><b>його ставки</b>~— вища</p>", "nor the «о» of «його»"
    assert th("<p>5 <b>годин</b></p>") == "<p>5 <b>годин</b></p>", "the «г» of «годин» is no unit"
    assert th("<p>Фонд</p>\n<p>— далі</p>") == "<p>Фонд</p>\n<p>— далі</p>", "a block ends the run"
    assert th("<li>в\n</li><li>хаті</li>") == "<li>в\n</li><li>хаті</li>"
    assert th("<p>а<br>\nб</p>") == "<p>а<br>\nб</p>"


@pytest.mark.parametrize(("broken", "expected"), [
    ('<p>в хаті <a href="x>в хаті</a>', '<p>в~хаті <a href="x>в хаті</a>'),  # an unterminated value: the rest is the tag's
    ("<p>в хаті <!-- a > в хаті", "<p>в~хаті <!-- a > в хаті"),  # an unterminated comment runs to the end
    ("<p>в хаті <code>в хаті", "<p>в~хаті <code>в хаті"),  # unclosed code: the rest stays
    ("<p>в хаті</b></code></pre> в хаті", "<p>в~хаті</b></code></pre> в~хаті"),  # stray end tags
    ("<p>a < b в хаті > c</p>", "<p>a &lt; b в~хаті &gt; c</p>"),
    ("<script>в хаті", "<script>в хаті"),
    ("<p title='в хаті", "<p title='в хаті"),
    ("<p>в хаті <p", "<p>в~хаті <p"),
    ("</", "</"),
    ("<", "<"),
])
def test_malformed_html(broken: str, expected: str) -> None:
    out = typeset_html(broken)
    assert shown(out) == expected
    assert typeset_html(out) == out


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[object, ...]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append(("start", tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.found.append(("end", tag))

    def handle_comment(self, data: str) -> None:
        self.found.append(("comment", data))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> tuple[list[tuple[object, ...]], str]:
    """Tags and comments as they are; the text as a reader sees it (spaces of any kind alike)."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    text = re.sub(r"\s+", " ", "".join(parser.text).replace(WORD_JOINER, "")).replace("грн.", "грн")
    return parser.found, text


PIECES = ["в ", "і ", "380 000 ", "грн", "грн. ", "на рік", " — ", "менторів/ок", "&nbsp;", "&amp;", " ", "\n",
          "<p>", "</p>", "<a href=\"/a/b?x=1&amp;y=в хаті\">", "</a>", "<strong>", "</strong>", "<code>", "</code>",
          "<pre>", "</pre>", "<!--hromada:after-->", "<br>", "ст. ", "12", "№ ", "https://x.ua/a/b"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_random_pages_keep_their_markup_and_settle(pieces: list[str]) -> None:
    page = "".join(pieces)
    once = typeset_html(page)
    assert typeset_html(once) == once
    assert parsed(once) == parsed(page), "no tag, comment or character lost, none moved"
    assert once.count("<!--hromada:after-->") == page.count("<!--hromada:after-->")


def test_a_200_kb_page_is_fast() -> None:
    """Measured: some 20–25 ms for 200 KB of the curricula on a developer's machine."""
    sources = sorted((REPO / "curricula").rglob("*.md")) + sorted((REPO / "best_practices").glob("*.md"))
    md = markdown.Markdown(extensions=["tables", "fenced_code", "attr_list", "admonition"])
    page = md.convert("\n\n".join(p.read_text(encoding="utf-8").split("---", 2)[-1] for p in sources))
    while len(page.encode()) < 200_000:
        page += page
    page = page.encode()[:200_000].decode("utf-8", "ignore")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        out = typeset_html(page)
        best = min(best, time.perf_counter() - start)
    assert out.count(NBSP) > page.count(NBSP) + 500
    assert best < 0.2, f"{best * 1000:.0f} ms for 200 KB"


# --- currency notations ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kinds"), [
    ("Міська рада — 1 250 000 грн через зміни", []),
    ("загальна сума 600 тисяч гривень, 142 тисячі гривень, 120 тис. грн, 1,2 млн грн", []),
    ("коштує 100 грн.", []),  # the sentence ends
    ("Запитувана сума: ________ грн.", []),
    ("| Ціна, грн | Сума, грн |", []),
    ("1 250 000 UAH", ["code"]),
    ("вартість 500 ₴", ["sign"]),
    ("₴500 і ₴ 600", ["sign", "sign"]),
    ("400грн", ["glued"]),
    ("500 гр. за квиток", ["abbreviation"]),
    ("грн 600", ["before"]),
    ("по 100 грн. на місяць", ["dot"]),
    ("| Сума, грн. |", ["dot"]),
    ("100 грв", ["code"]),
])
def test_currency_notations(text: str, kinds: list[str]) -> None:
    found = currency_notations(text)
    assert [n.kind for n in found] == kinds
    for n in found:
        assert text[n.start : n.end] == n.found and n.suggestion


def test_currency_notation_offsets() -> None:
    text = "Грант 380 000 UAH, внесок 38 000 грн. на рік"
    found = currency_notations(text)
    assert [(n.found, n.kind) for n in found] == [("UAH", "code"), ("грн.", "dot")]
    assert found[0].start == text.index("UAH")


# --- print: WeasyPrint keeps the pieces on one line -------------------------------------------------------


def pdf_lines(paragraphs: list[str]) -> list[str]:
    import pdfplumber
    import weasyprint

    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (f'<html lang="uk"><head><meta charset="utf-8"><style>@font-face {{ font-family: T; src: url("{FONT.as_uri()}") }}'
            "@page { size: 80mm 600mm; margin: 5mm } p { font: 11pt/1.3 T; width: 40mm; margin: 0 0 4mm }"
            f"</style></head><body>{body}</body></html>")
    pdf = weasyprint.HTML(string=page).write_pdf()
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    return [line.replace(WORD_JOINER, "").replace(NBSP, " ").strip() for line in text.splitlines()]


LEADS = ["Грант", "Грант був", "Грант склав", "Гранти склали", "Грант склав би", "Грант становив", "Наш грант склав",
         "Грант нам дав", "Так, грант склав", "Грант фонду склав", "Грант склав тоді"]


def broken_pieces(lines: list[str]) -> list[str]:
    bad = []
    for line in lines:
        if "380" in line and "380 000 грн" not in line:
            bad.append(line)
        if "менторів" in line and "менторів/ок" not in line:
            bad.append(line)
        if line.endswith((" і", " в")) or line.startswith("—"):
            bad.append(line)
    return bad


def test_weasyprint_keeps_numbers_slashes_one_letter_words_and_dashes_on_their_line() -> None:
    paragraphs = [f"{lead} 380 000 грн" for lead in LEADS] + [f"{lead} менторів/ок" for lead in LEADS] \
        + [f"{lead} і вже" for lead in LEADS] + [f"{lead} — так" for lead in LEADS]
    plain = broken_pieces(pdf_lines(paragraphs))
    assert plain, "without typesetting a 40 mm box breaks these somewhere, or the test proves nothing"
    assert any(line.endswith("менторів/") for line in plain), plain
    assert broken_pieces(pdf_lines([typeset_html(p) for p in paragraphs])) == []


def test_the_built_site_and_its_pdfs_are_typeset(built_repo: Path) -> None:
    """The rules are applied where pages are finished (website/render.finish) and printed
    (handouts/printdoc): an amount and its unit never part, on the web and on paper."""
    amounts = 0
    for page in (built_repo / "best_practices").glob("*/index.html"):
        text = re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))
        assert not re.search(r"\d \d{3}\b|\d грн\b", text), page  # a plain space: a line may break there
        amounts += len(re.findall(r"\d\u00a0грн\b", text))
    assert amounts >= 10
    from hromada.content.layout import Layout
    from hromada.content.load import load_corpus
    from hromada.handouts.build import jobs_for
    from hromada.handouts.printdoc import Printer, asset_dir
    from hromada.website.siteconfig import SiteConfig

    root = REPO
    corpus, config = load_corpus(Layout(root)), SiteConfig.load(root)
    printer = Printer(corpus, config, (asset_dir() / "print.css").as_uri())
    printed = "".join(printer.document(j.handout) for j in jobs_for(corpus, config, "pdf/best_practices/*"))
    body = re.sub(r"<[^>]+>", "", printed.split("<body", 1)[1])
    assert not re.search(r"\d грн\b", body) and len(re.findall(r"\d\u00a0грн\b", body)) >= 10
