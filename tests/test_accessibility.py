"""axe-core in real Chromium on every page type: no serious or critical accessibility violation."""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from browser import chromium, serve_dir


def page_types(site: Path) -> list[str]:
    training = sorted(site.glob("curricula/*/index.html"))[0].parent
    session = sorted(training.glob("*/index.html"))[0].parent
    case = sorted(site.glob("best_practices/*/index.html"))[0].parent
    rel = lambda p: p.relative_to(site).as_posix() + "/"  # noqa: E731
    return ["", "prohrama/", "curricula/", rel(training), rel(session), "best_practices/", rel(case),
            "instrumenty/hromadski-slukhannia/", "hlosarii/", "shablony/biudzhet/", "redaktoram/format/"]


def test_no_serious_or_critical_violations(built_repo: Path) -> None:
    axe = Axe()
    found: dict[str, list[tuple[str, str, int]]] = {}
    with serve_dir(built_repo) as origin, chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        for path in page_types(built_repo):
            page.goto(f"{origin}/{path}", wait_until="networkidle")
            violations = axe.run(page).response["violations"]
            bad = [(v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
            if bad:
                found[path or "/"] = bad
    assert found == {}


def test_search_with_results_has_no_serious_or_critical_violations(built_repo: Path) -> None:
    """The search box open with results, on a phone and on a desktop."""
    axe = Axe()
    with serve_dir(built_repo) as origin, chromium() as browser:
        for viewport in ({"width": 360, "height": 740}, {"width": 1280, "height": 900}):
            page = browser.new_page(viewport=viewport)
            page.goto(f"{origin}/curricula/", wait_until="networkidle")
            page.keyboard.press("/")
            page.fill("input.md-search__input", "громадських слуханнях")
            page.wait_for_selector('.md-search-result__list[data-query="громадських слуханнях"] .md-search-result__item')
            page.wait_for_timeout(800)  # Material fades the results in: axe must see the final colours
            violations = axe.run(page).response["violations"]
            bad = [(v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
            assert bad == [], viewport
            page.close()
