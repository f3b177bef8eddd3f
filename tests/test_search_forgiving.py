"""Issue 16, «search that forgives»: queries as people type them still find their page.

Latin look-alike letters inside a Cyrillic word, Ukrainian typed with the Latin layout on, transliteration,
misspellings and questions. The normalisation is shared by search/stemmer.py and assets/hromada/stem.js
(checked here to agree); the layout, the transliteration and the loose match live in search.js (checked in
real Chromium on a phone viewport, with queries of bench/search_queries_forgiving.tsv).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import chromium, serve_dir
from conftest import REPO
from hromada.search.index import SOFT_WORDS, STOP_WORDS, SearchIndex
from hromada.search.stemmer import loose, normalize, stem, tokens
from test_search import result_pages, wait_for_results, wait_until
from test_stemmer import JS, load_vectors

MIXED = ["cтатут", "петицiя", "рeферендум", "мeдiацiя", "кoаліція", "грантoва", "громадcькі", "Koнфлікти",
         "iнiцiативна", "yчасті", "Mиргород", "aктивне", "cлухaння", "ABCD", "SMART", "HR013", "3703-IX"]
MISSPELT = ["петиции", "инициативи", "громадскі", "громадьский", "слуханя", "маппування", "группа", "рефферендум",
            "самоорганизації", "адвокацыя", "медиація", "проектний", "активности", "обгрунтування", "м'ята", "мʼята"]


def test_latin_look_alikes_in_a_cyrillic_word_are_read_as_cyrillic() -> None:
    assert normalize("cтатут") == "статут" and stem("cтатут") == stem("статут")
    assert normalize("Koнфлікти") == "конфлікти"
    assert normalize("iнiцiативна") == "ініціативна"
    assert normalize("yчасті") == "участі" and normalize("Mиргород") == "миргород"
    assert {stem(w) for w in ("cлухaння", "слухання")} == {stem("слухання")}
    # A word wholly in Latin letters (or with digits) stays as it is.
    assert [normalize(w) for w in ("ABCD", "SMART", "HR013", "ix")] == ["abcd", "smart", "hr013", "ix"]


def test_the_tokenizer_keeps_russian_letters_inside_a_word() -> None:
    assert tokens("адвокацыя, объект, этап, ёж") == ["адвокацыя", "объект", "этап", "ёж"]


def test_the_loose_key_forgives_soft_signs_i_doubled_letters_and_the_2019_spellings() -> None:
    assert loose(stem("петиции")) == loose(stem("петиції"))
    assert loose(stem("инициативи")) == loose(stem("ініціативи"))
    assert loose(stem("громадскі")) == loose(stem("громадські")) == loose(stem("громадьский"))
    assert loose(stem("слуханя")) == loose(stem("слухання"))
    assert loose(stem("маппування")) == loose(stem("мапування"))
    assert loose(stem("рефферендум")) == loose(stem("референдум"))
    assert loose(stem("проектний")) == loose(stem("проєктний"))
    assert loose(stem("обгрунтування")) == loose(stem("обґрунтування"))
    assert loose(stem("активности")) == loose(stem("активності"))
    assert loose("мʼят") == loose("м'ят") == "мят"
    assert loose(stem("бюджет")) != loose(stem("будинок"))


def test_question_words_are_stop_words_and_generic_verbs_are_soft() -> None:
    assert {"де", "хто", "навіщо", "скільки", "куди", "чому"} <= STOP_WORDS
    index = SearchIndex()
    index.add("a", "a/", "Петиції", "<p>Як написати петицію</p>")
    built = index.build()
    assert built["soft"] == sorted({stem(w) for w in SOFT_WORDS}) and stem("написати") in built["soft"]


def test_javascript_twin_normalises_and_loosens_as_python() -> None:
    words = MIXED + MISSPELT + list(load_vectors())[::7]
    with chromium() as browser:
        page = browser.new_page()
        page.set_content("<!doctype html><meta charset='utf-8'><title>stem</title>")
        page.add_script_tag(content=JS.read_text(encoding="utf-8"))
        js = page.evaluate("""words => words.map(w => {
            const s = window.hromadaStem;
            return [s.tokens(w).map(s.normalize), s(w), s.loose(s(w)), s.loose(s.normalize(w))];
        })""", words)
    python = [[[normalize(t) for t in tokens(w)], stem(w), loose(stem(w)), loose(normalize(w))] for w in words]
    differ = {w: (p, j) for w, p, j in zip(words, python, js, strict=True) if p != j}
    assert differ == {}, list(differ.items())[:10]


def forgiving(category: str) -> list[tuple[str, tuple[str, ...]]]:
    rows = []
    for line in (REPO / "bench/search_queries_forgiving.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        query, expected, note = line.split("\t")
        if note.split(":")[0].strip() == category:
            rows.append((query, tuple(expected.split("|"))))
    return rows


CASES = {  # two queries of each category, as the benchmark has them
    "latin-lookalike": ["cтатут громади", "Koнфлікти в громаді"],
    "layout": ["gtnbws]", "uhjvflcmrbq ,.l;tn"],
    "translit": ["hromadski slukhannia", "gromadskyi budzhet"],
    "misspelling": ["місцеві инициативи", "рефферендум"],
    "question": ["як написати звіт за грантом", "як створити молодіжну раду"],
}


@pytest.mark.parametrize("category", list(CASES))
def test_forgiving_queries_find_their_page_on_a_phone(built_repo: Path, category: str) -> None:
    expected = dict(forgiving(category))
    with serve_dir(built_repo) as origin, chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{origin}/", wait_until="networkidle")
        page.click("label.md-header__button[for=__search]")
        wait_until(page, "() => document.querySelector('.md-search-result__meta').textContent.includes('Розпочніть')")
        for query in CASES[category]:
            page.fill("input.md-search__input", query)
            wait_for_results(page, query)
            found = result_pages(page, origin)[:3]
            assert set(found) & set(expected[query]), (query, found)
        assert errors == []


def test_a_converted_query_says_what_was_searched(built_repo: Path) -> None:
    with serve_dir(built_repo) as origin, chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(f"{origin}/", wait_until="networkidle")
        page.click("label.md-header__button[for=__search]")
        wait_until(page, "() => document.querySelector('.md-search-result__meta').textContent.includes('Розпочніть')")
        page.fill("input.md-search__input", "gtnbws]")
        wait_for_results(page, "gtnbws]")
        assert "Шукали: петиції" in page.inner_text(".md-search-result__meta")
        page.fill("input.md-search__input", "SMART")  # a Latin word the site has is searched as it is
        wait_for_results(page, "SMART")
        assert "Шукали" not in page.inner_text(".md-search-result__meta") and result_pages(page, origin)
