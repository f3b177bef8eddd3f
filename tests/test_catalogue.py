"""The case catalogue in real Chromium: filters combine and narrow the cards, the URL keeps
their state, the map filters by oblast, and without JavaScript every case is listed."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from browser import chromium, serve_dir
from conftest import REPO
from hromada.content.layout import Layout
from hromada.content.load import load_corpus


def visible_cards(page) -> int:
    return page.locator(".hromada-card:visible").count()


def test_filters_map_and_url_state(built_repo: Path) -> None:
    cases = [c.model for c in load_corpus(Layout(REPO)).cases]
    theme = "молодь"
    with_theme = [c for c in cases if theme in c.themes]
    oblast = with_theme[0].location.oblast
    both = [c for c in with_theme if c.location.oblast == oblast]
    assert 1 <= len(both) < len(with_theme) < len(cases)
    with serve_dir(built_repo) as origin, chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(f"{origin}/best_practices/", wait_until="networkidle")
        assert visible_cards(page) == len(cases)
        page.select_option('select[data-filter="theme"]', theme)
        assert visible_cards(page) == len(with_theme)
        assert parse_qs(urlsplit(page.url).query) == {"theme": [theme]}
        assert page.locator(".hromada-count").inner_text() == f"Кейсів: {len(with_theme)} з {len(cases)}"
        # The map counts follow the other filters, and a click on a region filters by it.
        tile = page.locator(f'[data-tile="{oblast}"]')
        assert tile.locator(".hromada-tile__count").text_content() == str(len(both))
        tile.click()
        assert visible_cards(page) == len(both)
        assert parse_qs(urlsplit(page.url).query) == {"oblast": [oblast], "theme": [theme]}
        # The URL restores the state.
        page.reload(wait_until="networkidle")
        assert page.locator('select[data-filter="oblast"]').input_value() == oblast
        assert visible_cards(page) == len(both)
        page.click(".hromada-reset")
        assert visible_cards(page) == len(cases) and urlsplit(page.url).query == ""


def test_catalogue_reads_without_javascript(built_repo: Path) -> None:
    cases = load_corpus(Layout(REPO)).cases
    with serve_dir(built_repo) as origin, chromium() as browser:
        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto(f"{origin}/best_practices/")
        assert visible_cards(page) == len(cases)
        assert not page.locator(".hromada-filters").is_visible()


def test_case_pages_do_not_repeat_themselves(built_repo: Path) -> None:
    """«Результати» and «Уроки» once: the results table goes inside the text's own section, the
    front matter's short lessons only where the text has none (issue 13)."""
    import html
    import re

    corpus = load_corpus(Layout(REPO))
    for case in corpus.cases:
        page = (built_repo / case.rel.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        article = page[page.index("<article"):page.index("</article>")].replace("\u00a0", " ").replace("\u2060", "")
        titles = [re.sub(r"<[^>]+>", "", t).replace("¶", "").strip() for t in re.findall(r"<h2[^>]*>(.*?)</h2>", article, re.S)]
        assert not {"Показники", "Головні уроки"} & set(titles), (case.rel, titles)
        assert len(titles) == len(set(titles)), (case.rel, titles)
        if case.model.results:
            sections = re.split(r"<h2[^>]*>", article)
            results = next(s for s in sections if s.split("</h2>")[0].startswith("Результати"))
            assert 'class="hromada-results"' in results, case.rel
            assert all(r.indicator in html.unescape(results) for r in case.model.results), case.rel
