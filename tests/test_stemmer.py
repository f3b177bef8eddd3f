"""The Ukrainian stemmer and its JavaScript twin agree on every word form of the site.

The shared vectors (tests/fixtures/stem-vectors.tsv: word, stem) are the contract between
search/stemmer.py and assets/hromada/stem.js. After a deliberate change of the rules, regenerate them:
HROMADA_UPDATE_VECTORS=1 pytest tests/test_stemmer.py
"""

from __future__ import annotations

import json
import os

import pytest

from browser import chromium
from conftest import FIXTURES, REPO
from hromada.search.stemmer import normalize, stem, tokens

VECTORS = FIXTURES / "stem-vectors.tsv"
JS = REPO / "scripts/hromada/assets/hromada/stem.js"


def site_words() -> list[str]:
    words: set[str] = set()
    for folder in ("docs", "curricula", "best_practices"):
        for path in (REPO / folder).rglob("*.md"):
            words.update(t for t in tokens(path.read_text(encoding="utf-8")) if any("а" <= c <= "я" or c in "іїєґ" for c in t))
    return sorted(words)


def load_vectors() -> dict[str, str]:
    if os.environ.get("HROMADA_UPDATE_VECTORS"):
        VECTORS.write_text("".join(f"{w}\t{stem(w)}\n" for w in site_words()), encoding="utf-8")
    pairs = (line.split("\t") for line in VECTORS.read_text(encoding="utf-8").splitlines())
    return {w: s for w, s in pairs}


def test_vectors_cover_thousands_of_forms_and_python_agrees() -> None:
    vectors = load_vectors()
    assert len(vectors) >= 5000
    assert {w: stem(w) for w in vectors} == vectors


@pytest.mark.parametrize("forms", [
    ["петиції", "петицію", "петиціями", "петиція", "петицій", "петиціях"],
    ["громадські", "громадських", "громадська", "громадського", "громадською"],
    ["слухання", "слуханнях", "слуханням", "слуханні"],
    ["громада", "громади", "громадою", "громаді"],
    ["бюджет", "бюджету", "бюджетом", "бюджети"],
    ["освіта", "освіти", "освітою", "освіті"],
    ["місцевий", "місцеві", "місцевої", "місцевих", "місцевому"],
    ["ініціатива", "ініціативи", "ініціативою", "ініціатив"],
    ["Зміна", "ЗМІНИ", "зміну"],
    ["м'ята", "мʼяту", "м’яти"],
])
def test_word_forms_share_a_stem(forms: list[str]) -> None:
    assert len({stem(f) for f in forms}) == 1, {f: stem(f) for f in forms}


def test_javascript_twin_gives_identical_stems() -> None:
    vectors = load_vectors()
    words = list(vectors)
    with chromium() as browser:
        page = browser.new_page()
        page.set_content("<!doctype html><meta charset='utf-8'><title>stem</title>")
        page.add_script_tag(content=JS.read_text(encoding="utf-8"))
        stems = page.evaluate("words => words.map(w => window.hromadaStem(w))", words)
        text = "Громадські слухання, 3703-IX; зв’язок з об'єднанням «Ґрунт». Ёж"
        js_tokens = page.evaluate("t => window.hromadaStem.tokens(t).map(window.hromadaStem.normalize)", text)
    differ = {w: (vectors[w], s) for w, s in zip(words, stems, strict=True) if vectors[w] != s}
    assert differ == {}, json.dumps(dict(list(differ.items())[:20]), ensure_ascii=False)
    # The query is split and normalised in the browser as the pages were at build time.
    assert js_tokens == [normalize(t) for t in tokens(text)] == [
        "громадські", "слухання", "3703", "ix", "звязок", "з", "обєднанням", "ґрунт", "ёж"]  # ы ъ э ё belong to a word (issue 16)


def test_one_word_pattern_for_python_and_javascript() -> None:
    """A word is defined once per language: stemmer.py's _TOKEN and stem.js's TOKEN are the same
    pattern, and search.js (which marks the words in results) uses stem.js's, not a copy."""
    import re

    from hromada.search import stemmer

    js = JS.read_text(encoding="utf-8")
    token = re.search(r'var TOKEN = "([^"]+)";', js)
    assert token is not None and token.group(1) == stemmer._TOKEN.pattern
    search_js = (JS.parent / "search.js").read_text(encoding="utf-8")
    assert token.group(1) not in search_js and "hromadaStem.TOKEN" in search_js
