"""End to end, as a participant: home → a training → a session → its PDF → search with an inflected
word → filter the case catalogue, on a phone (360×740) and on a desktop, clicking what a reader
clicks. A screenshot of every step is kept in test-artifacts/journeys/ (CI uploads the folder).
On the phone no step may scroll sideways."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from pypdf import PdfReader

from browser import chromium, serve_dir
from conftest import REPO

ARTIFACTS = Path(os.environ.get("HROMADA_ARTIFACTS", REPO / "test-artifacts")) / "journeys"
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
TRAINING = "curricula/mystetstvo-vzaiemodii/"
SESSION = "curricula/mystetstvo-vzaiemodii/osnovy-mediatsii/"


class Journey:
    def __init__(self, page, name: str) -> None:
        self.page, self.name, self.step = page, name, 0
        self.folder = ARTIFACTS / name
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()

    def shot(self, label: str) -> None:
        """Keep a screenshot and, on a phone, check that nothing scrolls sideways."""
        self.step += 1
        self.page.screenshot(path=str(self.folder / f"{self.step:02d}-{label}.png"))
        if self.name == "phone":
            width = self.page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{label}: the page is {width}px wide on a 360px screen"


def open_in_navigation(page, phone: bool, text: str) -> None:
    """Follow a navigation link: on a phone the navigation is in the drawer behind the menu button."""
    if phone:
        page.click("label.md-header__button[for=__drawer]")
        drawer = page.locator(".md-sidebar--primary")
        link = drawer.locator(".md-nav__link", has_text=text).first
        for _ in range(4):  # the drawer opens at the current page's level: back up («←») until the link shows
            try:
                link.click(timeout=1500)
                break
            except Exception:
                level = page.evaluate("() => [...document.querySelectorAll('.md-sidebar--primary input.md-nav__toggle:checked')]"
                                      ".map(e => e.id).pop()")
                drawer.locator(f"label.md-nav__title[for='{level}']").click()
                page.wait_for_timeout(400)
        else:
            raise AssertionError(f"«{text}» is not reachable in the drawer")
    else:
        page.locator(".md-sidebar--primary .md-nav__link", has_text=text).first.click()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", list(VIEWPORTS))
def test_participant_journey(built_repo: Path, name: str) -> None:
    phone = name == "phone"
    with serve_dir(built_repo) as origin, chromium() as browser:
        context = browser.new_context(viewport=VIEWPORTS[name], accept_downloads=True, is_mobile=phone, has_touch=phone)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        journey = Journey(page, name)

        page.goto(f"{origin}/", wait_until="networkidle")
        assert page.locator("article h1").is_visible()
        journey.shot("home")

        # The home page leads to the curricula, the curricula to a training.
        open_in_navigation(page, phone, "Навчальні програми")
        assert urlsplit(page.url).path == "/curricula/"
        page.locator("article a", has_text="Мистецтво взаємодії з людьми").first.click()
        page.wait_for_load_state("networkidle")
        assert urlsplit(page.url).path == f"/{TRAINING}"
        assert page.locator("h2#rozklad").is_visible() or page.locator("h2#rozklad").count() == 1
        journey.shot("training")

        # The agenda links to its sessions.
        page.locator("article table a", has_text="Основи медіації").first.click()
        page.wait_for_load_state("networkidle")
        assert urlsplit(page.url).path == f"/{SESSION}"
        assert "Основи медіації" in page.locator("article h1").inner_text()
        journey.shot("session")

        # Its workbook PDF downloads and is the session's handout.
        with page.expect_download() as download_info:
            page.locator(".hromada-downloads a", has_text="PDF").first.click()
        download = download_info.value
        saved = journey.folder / download.suggested_filename
        download.save_as(saved)
        assert saved.read_bytes()[:5] == b"%PDF-"
        reader = PdfReader(saved)
        assert len(reader.pages) >= 2 and "Основи медіації" in reader.pages[0].extract_text()
        saved.unlink()

        # Search with an inflected word.
        if phone:
            page.click("label.md-header__button[for=__search]")
        else:
            page.click("input.md-search__input")
        page.locator("input.md-search__input").fill("медіатора")
        page.wait_for_selector('.md-search-result__list[data-query="медіатора"] .md-search-result__item')
        first = page.locator(".md-search-result__item > a").first
        assert urlsplit(first.get_attribute("href")).path.endswith(SESSION)
        page.wait_for_timeout(600)  # Material's styles fade the results in
        journey.shot("search")
        first.click()
        page.wait_for_load_state("networkidle")
        assert urlsplit(page.url).path == f"/{SESSION}" and page.locator("article mark").count() > 0
        journey.shot("search-result-marked")

        # The case catalogue, filtered by theme and by a click on the map.
        open_in_navigation(page, phone, "Кращі практики")
        assert urlsplit(page.url).path == "/best_practices/"
        cards = page.locator(".hromada-card:visible")
        everything = cards.count()
        page.select_option('select[data-filter="theme"]', "молодь")
        narrowed = cards.count()
        assert 0 < narrowed < everything
        tile = page.locator("[data-tile] .hromada-tile__count:not(:text('0'))").first.locator("xpath=..")
        tile.click()
        assert 0 < cards.count() <= narrowed
        query = parse_qs(urlsplit(page.url).query)
        assert query["theme"] == ["молодь"] and "oblast" in query
        journey.shot("catalogue-filtered")
        page.reload(wait_until="networkidle")
        assert cards.count() <= narrowed  # the URL restores the filters
        assert errors == []
        context.close()
    assert len(list((ARTIFACTS / name).glob("*.png"))) == 6
