"""Hromada's Ukrainian search: the index as built, and the search box in real Chromium."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser import chromium, serve_dir
from conftest import run_hromada
from hromada.resources import assets_dir
from hromada.search.index import DERIVED, INDEX_FILE, SHARD_DIR, STOP_WORDS, SearchIndex, sections, stems
from hromada.search.stemmer import stem
from hromada.text.translit import slugify

TERM = re.compile(r"[0-9a-zа-яёєіїґ]+")


def _payload(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("({") + 1: text.rindex(")")])


def read_index(site: Path) -> dict:
    """The index with its shards put back together: terms and postings in one sorted list."""
    index = _payload(site / INDEX_FILE)
    index["terms"], index["postings"] = [], []
    keys = index["shards"]
    prefixes: set[str] = set()
    for number, key in enumerate(keys):
        shard = _payload(site / SHARD_DIR / f"{number}.js")
        assert shard["n"] == number and shard["terms"][0].startswith(key)
        assert all(key <= t[:2] and (number + 1 == len(keys) or t[:2] < keys[number + 1]) for t in shard["terms"])
        here = {t[:2] for t in shard["terms"]}
        assert not here & prefixes  # terms that share their first two letters share a shard
        prefixes |= here
        index["terms"] += shard["terms"]
        index["postings"] += shard["postings"]
    assert len(list((site / SHARD_DIR).iterdir())) == len(index["shards"])  # no shard left from an older build
    return index


def test_sections_split_at_headings_and_leave_out_what_is_not_text() -> None:
    html = ('<h1 id="t">Заголовок<a class="headerlink" href="#t">#</a></h1>'
            '<p class="hromada-downloads" data-search="skip"><a>Завантажити PDF</a></p>'
            '<div class="admonition"><p>Генерована довідка</p></div>'
            '<p>Перший абзац тексту.</p><script>var x = "код";</script><svg><text>іконка</text></svg>'
            '<h2 id="druhyi">Другий розділ<a class="headerlink" href="#druhyi">#</a></h2><p>Текст <abbr title="пояснення">ГО</abbr>.</p>'
            '<h4>Дрібний заголовок</h4><p>ще текст</p>')
    top, second = sections(html, "Назва сторінки")
    assert (top.anchor, top.title) == ("", "Назва сторінки")
    assert "Генерована довідка" in top.text and "Перший абзац" in top.text
    assert "PDF" not in top.text and "код" not in top.text and "іконка" not in top.text and "#" not in top.text
    assert top.excerpt == "Перший абзац тексту."  # the first paragraph of running text, not the generated box
    assert (second.anchor, second.title) == ("druhyi", "Другий розділ")
    assert "пояснення" not in second.text and "ГО" in second.text and "Дрібний заголовок" in second.text



def test_sections_read_html_as_a_browser_does() -> None:
    """The regex tokens (text/markup.py) give what html.parser gave: entities unescaped in text and
    attributes, script text no markup, a quoted «>» inside a tag, self-closed and unclosed tags."""
    html = ('<p>Перший&nbsp;абзац &amp; «лапки» a &lt; b</p><!-- <h2 id="x">коментар</h2> -->'
            '<script>document.write("<h2 id=\'z\'>не заголовок</h2>")</script>'
            '<h2 id="dva" title="a > b">Другий&#8209;розділ</h2><p>рядок<br/>другий<img src="x.png" alt="фото"></p>'
            '<h3 id="try" data-search="skip">пропущений</h3><p data-search="skip">теж</p><p>видно'
            '<H2 ID="Chetvertyi">Четвертий</H2><p>кінець <a href="#dva" class="headerlink">¶</a></p><h2 id="obirvanyi"')
    found = sections(html, "Сторінка")
    assert [(s.anchor, s.title) for s in found] == [("", "Сторінка"), ("dva", "Другий\u2011розділ"), ("Chetvertyi", "Четвертий")]
    assert found[0].text == "Перший абзац & «лапки» a < b"  # a no-break space is a space to search
    assert found[1].text == "рядок другий видно"  # the skipped h3 and its paragraph gone, the next one kept
    assert found[2].text == "кінець"  # a tag the page ends inside is no text (html.parser made it text)


def test_terms_are_stems_split_on_punctuation_without_stop_words() -> None:
    assert stems("Петиції, петицію; петиціями.") == [stem("петиції")] * 3
    assert stems("і та але також через що") == []
    assert stems("громадсько-політичний 3703-IX") == [stem("громадсько"), stem("політичний"), "3703", "ix"]


def test_index_of_the_site_is_compact_utf8_and_consistent(built_repo: Path) -> None:
    raw = "".join(p.read_text(encoding="utf-8") for p in (built_repo / "search").rglob("*.js"))
    assert "\\u04" not in raw and "петиц" in raw and "Електронні петиції" in raw  # UTF-8, not \\uXXXX escapes
    index = read_index(built_repo)
    terms = index["terms"]
    assert terms == sorted(terms) and len(set(terms)) == len(terms)
    assert all(TERM.fullmatch(t) for t in terms), [t for t in terms if not TERM.fullmatch(t)][:5]
    assert not {stem(w) for w in ("також", "тільки", "через", "якщо", "навіть")} & set(terms)  # stop words
    assert sorted(index["stop"]) == sorted(STOP_WORDS)
    urls = [p[0] for p in index["pages"]]
    assert "instrumenty/elektronni-petytsii/" in urls and len(urls) == len(set(urls)) > 50
    assert all((built_repo / u / "index.html").is_file() for u in urls)
    for postings in index["postings"]:
        assert len(postings) % 2 == 0
        doc = 0
        for i in range(0, len(postings), 2):
            doc += postings[i]
            assert (i == 0 or postings[i] > 0) and 0 <= doc < len(index["docs"]) and 1 <= postings[i + 1] <= 99
    # Every section a result links to exists on its page.
    html = {u: (built_repo / u / "index.html").read_text(encoding="utf-8") for u in urls}
    derived = 0
    for page, anchor, heading, length, *excerpt in index["docs"]:
        assert length >= 0 and (anchor == "") == bool(excerpt)
        if anchor == DERIVED:  # left out: the heading's slug, made by search.js (its twin is tested below)
            anchor, derived = slugify(heading), derived + 1
        if anchor:
            assert f'id="{anchor}"' in html[urls[page]] and heading
    assert derived > len(index["docs"]) / 2


SLUG_SAMPLES = ["Громадські слухання", "Зґвалтування? Ні: «Згода» і Згорани", "Їжак, Єнакієве та ЮЩЕНКО-ЯРЕМА",
                "Об'єднання, обʼєднання й об’єднання", "Крок 1: заява (ст. 13)", "Café «Ява» — 2019 р.",
                "  Пробіли   і_підкреслення__тут ", "ЩЕДРИК і Щука", "Стаття 8-1. Я/ми", "День 2 — 09:30"]


def test_the_browser_makes_each_left_out_anchor_as_the_table_of_contents_does(built_repo: Path) -> None:
    """search.js `slug` (the anchors the index leaves out) is text/translit.py's slugify: every heading of
    the built index and hard cases (word-start є/ї/й/ю/я, «зг», apostrophes, capitals, Latin, digits)."""
    index = read_index(built_repo)
    headings = sorted({d[2] for d in index["docs"] if d[2]}) + SLUG_SAMPLES
    with chromium() as browser:
        page = browser.new_page()
        page.set_content('<!doctype html><meta charset="utf-8"><title>slug</title><input type="checkbox" id="__search">'
                         '<div class="hromada-search"><form name="hromada-search"><input name="q"></form>'
                         '<div class="md-search-result__meta"></div><ol class="md-search-result__list"></ol></div>')
        page.evaluate("window.hromadaCore = {load: () => Promise.resolve(), base: '', article: null}")
        page.add_script_tag(content=(assets_dir() / "hromada/search.js").read_text(encoding="utf-8"))
        js = page.evaluate("hs => hs.map(h => window.hromadaSearch.slug(h))", headings)
    differ = [(h, slugify(h), j) for h, j in zip(headings, js, strict=True) if slugify(h) != j]
    assert differ == [], differ[:10]



def test_a_preview_rebuild_replaces_a_page_and_drops_a_deleted_one() -> None:
    index = SearchIndex()
    index.add("a.md", "a/", "Перша", "<p>петиція</p>")
    index.add("b.md", "b/", "Друга", "<p>слухання</p>")
    index.add("a.md", "a/", "Перша", "<p>референдум</p>")
    index.keep_only({"a.md"})
    built = index.build()
    assert [p[0] for p in built["pages"]] == ["a/"]
    assert stem("референдум") in built["terms"] and stem("петиція") not in built["terms"] and stem("слухання") not in built["terms"]


# ---- In the browser -------------------------------------------------------------------------

QUERIES = [
    ("петиціями", "instrumenty/elektronni-petytsii/"),
    ("петицію", "instrumenty/elektronni-petytsii/"),
    ("петиції", "instrumenty/elektronni-petytsii/"),
    ("громадських слуханнях", "instrumenty/hromadski-slukhannia/"),
    ("референдумом", "instrumenty/mistsevyi-referendum/"),
    ("статуту громади", "instrumenty/statut-hromady/"),
    ("громадських слухань", "instrumenty/hromadski-slukhannia/"),  # «слухань»: a stem the query side restores
    ("публічних обіцянок", "curricula/mystetstvo-vzaiemodii/plan-nastupnykh-krokiv/"),  # «обіцянок» → обіцянк-
]


def wait_until(page, expression: str, arg: object = None, timeout: float = 10) -> None:
    """Poll from Python: Playwright's wait_for_function evaluates strings, which the site's CSP forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression, arg):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(50)


def wait_for_results(page, query: str) -> None:
    """Until the list shows this query's results (site.js marks the list with the query it shows)."""
    wait_until(page, "q => document.querySelector('.md-search-result__list').dataset.query === q", query)


def result_pages(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all(".md-search-result__item > a:first-child", "els => els.map(e => e.href)")
    return [urlsplit(h).path.lstrip("/") for h in hrefs]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 360, "height": 740}], ids=["desktop", "phone"])
def test_inflected_queries_find_their_page_and_nothing_loads_before_search_opens(built_repo: Path, viewport: dict) -> None:
    with serve_dir(built_repo) as origin, chromium() as browser:
        page = browser.new_page(viewport=viewport)
        requested: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requested.append(urlsplit(r.url).path))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{origin}/curricula/", wait_until="networkidle")
        assert not [r for r in requested if "search" in r or r.endswith("stem.js")]  # nothing until opened
        if viewport["width"] < 600:
            page.click("label.md-header__button[for=__search]")
        else:
            page.click("input.md-search__input")
        wait_until(page, "() => document.querySelector('.md-search-result__meta').textContent.includes('Розпочніть')")
        assert "/search/index.js" in requested
        shards_before = len([r for r in requested if r.startswith("/search/t/")])
        for query, expected in QUERIES:
            page.fill("input.md-search__input", query)
            wait_for_results(page, query)
            assert expected in result_pages(page, origin)[:3], (query, result_pages(page, origin)[:5])
            marks = page.locator(".md-search-result__list mark")
            assert marks.count() > 0
        # Each query fetched only the shards of its words: a handful of small files, not the index.
        shards = [r for r in requested if r.startswith("/search/t/")]
        assert shards_before == 0 and 0 < len(shards) <= sum(len(q.split()) for q, _ in QUERIES)
        assert len(set(shards)) == len(shards)  # each fetched once
        assert errors == []


def test_prefix_as_you_type_and_keyboard(built_repo: Path) -> None:
    with serve_dir(built_repo) as origin, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{origin}/", wait_until="networkidle")
        page.keyboard.press("/")  # opens search
        wait_until(page, "() => !!document.activeElement && document.activeElement.classList.contains('md-search__input')")
        box = page.locator("input.md-search__input")
        for typed in ("рефер", "референ", "референдум"):
            box.fill(typed)
            wait_for_results(page, typed)
            assert result_pages(page, origin)[0] == "instrumenty/mistsevyi-referendum/", typed
        box.fill("громадські слух")  # the last word is still being typed
        wait_for_results(page, "громадські слух")
        assert "instrumenty/hromadski-slukhannia/" in result_pages(page, origin)[:3]
        box.fill("петиція квазімодозябра")
        wait_for_results(page, "петиція квазімодозябра")
        assert "квазімодозябра" in page.inner_text(".md-search-result__meta")  # the word found nowhere is named
        assert "instrumenty/elektronni-petytsii/" in result_pages(page, origin)[:3]
        box.fill("петиція")
        wait_for_results(page, "петиція")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert urlsplit(page.url).path == "/instrumenty/elektronni-petytsii/"
        assert "q=" in urlsplit(page.url).query
        page.wait_for_selector("article mark")  # the query's words are marked on the page
        assert page.locator("article mark").count() >= 3
        page.goto(f"{origin}/", wait_until="networkidle")
        page.keyboard.press("/")
        page.keyboard.press("Escape")
        assert page.evaluate("document.getElementById('__search').checked") is False


def test_without_javascript_the_search_box_is_hidden(built_repo: Path) -> None:
    with serve_dir(built_repo) as origin, chromium() as browser:
        context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{origin}/", wait_until="load")
        assert page.locator(".md-search").is_hidden()
        assert page.locator("article h1").is_visible()
        context.close()


def test_a_page_can_leave_the_search_and_the_index_follows_the_build(mini: Path) -> None:
    (mini / "docs/robocha-notatka.md").write_text("---\ntitle: Робоча нотатка\nsearch:\n  exclude: true\n---\n\n"
                                                 "# Робоча нотатка\n\nКвазімодозябра для координаторів.\n", encoding="utf-8")
    (mini / "docs/vidkryta.md").write_text("---\ntitle: Відкрита сторінка\n---\n\n# Відкрита сторінка\n\n"
                                          "Жабокряківка для всіх.\n", encoding="utf-8")
    result = run_hromada(mini, "build", "--no-offline")
    assert result.returncode == 0, result.stderr
    index = read_index(mini / "site")
    urls = [p[0] for p in index["pages"]]
    assert "vidkryta/" in urls and "robocha-notatka/" not in urls
    assert stem("жабокряківка") in index["terms"] and stem("квазімодозябра") not in index["terms"]
    assert (mini / "site/robocha-notatka/index.html").is_file()  # left out of search, not of the site
