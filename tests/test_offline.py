"""The offline pack: unzipped and opened from file:// in Chromium, it navigates, searches and asks no server."""

from __future__ import annotations

import zipfile
from pathlib import Path

from browser import chromium


def test_offline_pack_works_from_the_file_system(built_mini: Path, tmp_path: Path) -> None:
    pack = built_mini / "offline/hromada-site.zip"
    with zipfile.ZipFile(pack) as archive:
        names = archive.namelist()
        assert "hromada-site/pdf/curricula/probnyi-treninh/robochyi-zoshyt.pdf" in names
        archive.extractall(tmp_path)
    root = tmp_path / "hromada-site"
    home = (built_mini / "index.html").read_text(encoding="utf-8")
    assert 'href="offline/hromada-site.zip" download>Увесь сайт для роботи без інтернету (ZIP)' in home
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((root / "index.html").as_uri())
        page.click('a[href$="curricula/probnyi-treninh/index.html"]')
        assert page.url.endswith("/curricula/probnyi-treninh/index.html")
        assert page.locator("h2#rozklad").count() == 1
        page.click("text=Знайомство >> nth=0")
        assert page.url.endswith("/curricula/probnyi-treninh/znaiomstvo.html")
        page.goto((root / "index.html").as_uri())
        page.click("input.md-search__input")
        page.fill("input.md-search__input", "знайомству")  # an inflected form: the index loads from file:// too
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        first = page.locator(".md-search-result__item > a").first
        assert "/curricula/probnyi-treninh/znaiomstvo.html?q=" in first.get_attribute("href")
        first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith((root / "curricula/probnyi-treninh/znaiomstvo.html").as_uri())
        page.wait_for_selector("article mark")  # the query's words are marked on the page
        # The PDF links of a page point into the pack.
        session = (root / "curricula/probnyi-treninh/znaiomstvo.html").read_text(encoding="utf-8")
        assert 'href="../../pdf/curricula/probnyi-treninh/znaiomstvo.pdf"' in session
        # Its policy also names file: (not every browser counts file:// pages as 'self'); still no inline script.
        assert "script-src 'self' file:;" in session
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
