"""Participants on phones (issue 13), in real Chromium at 360×740: the home page starts with three
ways in and the search, download buttons say how big their files are, the 404 page is Ukrainian
and works under a sub-path, abbreviations explain themselves on a tap, map tiles are a finger wide
and a tap says what it did, the agenda reads as a list, the glossary has a letter bar."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

from browser import chromium, serve_dir
from conftest import FIXTURES, copy_project, run_hromada
from hromada.publish.pages import Pages
from hromada.publish.sizes import human_size, root_error_page
from hromada.text.collate import ALPHABET

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
SIZE = re.compile(r"^, \d+(,\d)?\u00a0(КБ|МБ)$")
TRAINING = "curricula/mystetstvo-vzaiemodii/"


def phone_page(browser, console: bool = True):
    """console=False: a page served with status 404 logs its own status as a console error."""
    page = browser.new_context(**PHONE).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    if console:
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return page, errors


def wait_for_search_input(page) -> None:
    """The search field has focus (polled from here: the pages' CSP forbids wait_for_function's eval)."""
    for _ in range(50):
        if page.evaluate("document.activeElement && document.activeElement.name") == "q":
            return
        page.wait_for_timeout(100)
    raise AssertionError("the search field did not get focus")


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


# --- home ---------------------------------------------------------------------------------

def test_home_shows_three_ways_in_and_search_above_the_fold(built_repo: Path) -> None:
    ways = {"Я учасник/учасниця тренінгу": "/curricula/", "Ми — платформа / центр, що навчає інших": "/metodolohiia/",
            "Хочу щось змінити в громаді: інструменти": "/instrumenty/"}
    with serve_dir(built_repo) as origin, chromium() as browser:
        page, errors = phone_page(browser)
        page.goto(f"{origin}/", wait_until="networkidle")
        for text, path in ways.items():
            # the typeset text: no-break spaces, word joiners around «/» (nothing a reader sees)
            link = page.locator("a.hromada-ways__main", has_text=re.compile(
                r"\s*".join(re.escape(w) for w in text.replace("/", " / ").split()).replace("/", "\u2060?/\u2060?")))
            box = link.bounding_box()
            assert box and box["y"] + box["height"] <= 740, f"«{text}» is below the fold: {box}"
            assert link.evaluate("a => new URL(a.href).pathname") == path
            card = link.locator("xpath=..").locator("xpath=..")  # the whole card is the link's target
            assert card.bounding_box()["height"] >= 44
        search = page.locator(".hromada-search-here button.hromada-search-box")
        box = search.bounding_box()
        assert box and box["y"] + box["height"] <= 740 and box["height"] >= 44
        # The first way in leads to the trainings.
        page.locator("a.hromada-ways__main").first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/curricula/")
        page.go_back(wait_until="networkidle")
        # The search field in the page opens the search.
        page.locator(".hromada-search-here button").click()
        wait_for_search_input(page)
        page.keyboard.type("слухання")
        page.wait_for_selector(".md-search-result__list[data-query='слухання'] .md-search-result__item")
        no_sideways_scroll(page)
        assert errors == []


# --- download sizes -----------------------------------------------------------------------

def test_human_sizes_are_ukrainian() -> None:
    assert human_size(300) == "1\u00a0КБ"
    assert human_size(186651) == "182\u00a0КБ"
    assert human_size(1258291) == "1,2\u00a0МБ"
    assert human_size(11155802) == "11\u00a0МБ"


def test_download_buttons_carry_sizes(built_repo: Path) -> None:
    buttons = 0
    for path in built_repo.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r'<span class="hromada-size" data-size-of="([^"]+)"( data-size="(\d+)")?>([^<]*)</span>', text):
            buttons += 1
            assert m.group(3), f"{path}: no size for {m.group(1)}"
            assert int(m.group(3)) == (built_repo / m.group(1)).stat().st_size
            assert SIZE.match(m.group(4)), m.group(4)
    assert buttons > 50
    with serve_dir(built_repo) as origin, chromium() as browser:
        page, errors = phone_page(browser)
        page.goto(f"{origin}/", wait_until="networkidle")
        pack = page.locator(".hromada-downloads--pack .hromada-size[data-size]")
        pack.wait_for()
        assert SIZE.match(pack.text_content())
        assert int(pack.get_attribute("data-size")) == (built_repo / "offline/hromada-site.zip").stat().st_size
        page.goto(f"{origin}/{TRAINING}", wait_until="networkidle")
        labels = page.locator(".hromada-downloads a").all_inner_texts()
        assert labels and all(re.search(r"\((PDF|ZIP)\), \d+(,\d)?\s(КБ|МБ)$", t) for t in labels), labels
        assert errors == []


# --- 404 under a sub-path -----------------------------------------------------------------

class _Pages(http.server.SimpleHTTPRequestHandler):
    """As GitHub Pages does: a missing address gets the site's 404.html, with status 404."""

    error_page: Path

    def log_message(self, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or not self.error_page.is_file():
            return super().send_error(code, message, explain)
        body = self.error_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


@contextlib.contextmanager
def serve_under(root: Path, sub: str) -> Iterator[str]:
    handler = functools.partial(type("Handler", (_Pages,), {"error_page": root / sub / "404.html"}), directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def check_error_page(root: Path, sub: str) -> None:
    with serve_under(root, sub) as origin, chromium() as browser:
        page, errors = phone_page(browser, console=False)  # every other failed request is in `failed`
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.request.resource_type != "document" else None)
        response = page.goto(f"{origin}/{sub}/deep/missing/page/", wait_until="networkidle")
        assert response.status == 404
        assert page.locator("article h1").inner_text() == "Сторінку не знайдено"
        assert "Сторінку не знайдено" in page.title()
        assert failed == [], failed  # the theme's CSS, our CSS and script all loaded from the sub-path
        # Material's stylesheet is applied: the header is its coloured, fixed bar.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
        assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).fontSize") == "16px"
        home = page.locator("article a.md-button--primary", has_text="На головну")
        home.click()
        page.wait_for_load_state("networkidle")
        assert page.url == f"{origin}/{sub}/"
        page.go_back(wait_until="networkidle")
        page.locator(".hromada-search-here button").click()
        wait_for_search_input(page)
        no_sideways_scroll(page)
        assert errors == []


def test_404_in_ukrainian_under_a_sub_path_with_site_url(tmp_path: Path) -> None:
    """mkdocs.yml names site_url (…/hromada/): the error page's links start from /hromada/."""
    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    assert "site_url: https://example.org/hromada/" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    served = tmp_path / "www"
    result = run_hromada(root, "build", "--no-pdf", "--no-offline", "--site-dir", str(served / "hromada"))
    assert result.returncode == 0, result.stderr
    check_error_page(served, "hromada")


def test_404_under_the_sub_path_of_a_site_url_from_git(built_repo: Path, tmp_path: Path) -> None:
    """No site_url in mkdocs.yml: MkDocs writes "/assets/…", and the address known from git's
    origin (GitHub Pages' /<repo>/) is put in front of them, once."""
    served = tmp_path / "www" / "repo"
    shutil.copytree(built_repo, served)

    def rooted() -> str:
        pages = Pages.read(served)
        root_error_page(pages, "https://someone.github.io/repo/")
        pages.write()
        return (served / "404.html").read_text(encoding="utf-8")

    once = rooted()
    assert rooted() == once  # once more changes nothing
    assert 'href="/repo/assets/' in once and 'href="/assets/' not in once and 'src="/assets/' not in once
    check_error_page(served.parent, "repo")


# --- abbreviations ------------------------------------------------------------------------

def test_a_tapped_abbreviation_shows_its_expansion(built_repo: Path) -> None:
    with serve_dir(built_repo) as origin, chromium() as browser:
        page, errors = phone_page(browser)
        page.goto(f"{origin}/hlosarii/", wait_until="networkidle")
        abbr = page.locator("article abbr", has_text=re.compile("^ВПО$")).first
        title = abbr.get_attribute("title")
        tip = page.locator(".hromada-abbr-tip")
        assert not tip.is_visible()
        abbr.scroll_into_view_if_needed()
        abbr.tap()
        assert tip.is_visible() and tip.inner_text() == f"ВПО — {title}"
        box = tip.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        assert abbr.get_attribute("aria-describedby") == "hromada-abbr-tip"
        page.locator("article h1").tap()  # a tap elsewhere closes it
        assert not tip.is_visible()
        # Keyboard: the first of each abbreviation is a tab stop, and focus shows the expansion.
        first = page.locator("article abbr[tabindex='0']").first
        first.focus()
        assert tip.is_visible() and first.get_attribute("title") in tip.inner_text()
        page.keyboard.press("Escape")
        assert not tip.is_visible()
        no_sideways_scroll(page)
        assert errors == []


# --- the map ------------------------------------------------------------------------------

def test_map_tiles_are_a_finger_wide_and_a_tap_says_what_it_did(built_repo: Path) -> None:
    with serve_dir(built_repo) as origin, chromium() as browser:
        page, errors = phone_page(browser)
        page.goto(f"{origin}/best_practices/", wait_until="networkidle")
        sizes = page.eval_on_selector_all(".hromada-tile rect", "rs => rs.map(r => { const b = r.getBoundingClientRect(); "
                                          "return [b.width, b.height]; })")
        assert len(sizes) == 27 and min(min(s) for s in sizes) >= 44, sizes
        label = page.eval_on_selector_all(".hromada-tile text:not(.hromada-tile__count)",
                                          "ts => Math.min(...ts.map(t => t.getBoundingClientRect().height))")
        assert label >= 12  # rendered line box of the region's name (was 9 px)
        names = page.eval_on_selector_all(".hromada-tile text:not(.hromada-tile__count)", "ts => ts.map(t => t.textContent)")
        assert len(set(names)) == len(names)
        no_sideways_scroll(page)  # the map scrolls inside its box, never the page
        counter = page.locator(".hromada-count")
        total = page.locator(".hromada-card").count()

        full = page.locator(".hromada-tile:not([data-level='0'])").first
        name, n = full.get_attribute("data-name"), int(full.locator(".hromada-tile__count").text_content())
        full.tap()
        assert counter.inner_text() == f"Кейсів: {n} з {total} · {name}"
        assert page.locator(".hromada-card:visible").count() == n
        box = counter.bounding_box()
        assert 0 <= box["y"] < 740, "the tap scrolls to the results"

        page.click(".hromada-reset")
        empty = page.locator(".hromada-tile[data-level='0']").first
        empty.scroll_into_view_if_needed()
        empty.tap()
        assert counter.inner_text().startswith(f"{empty.get_attribute('data-name')}: кейсів поки немає")
        assert page.locator(".hromada-card:visible").count() == total
        assert errors == []


# --- readable at 360 px -------------------------------------------------------------------

def test_agenda_reads_as_a_list_and_boxes_are_readable(built_repo: Path) -> None:
    with serve_dir(built_repo) as origin, chromium() as browser:
        page, errors = phone_page(browser)
        page.goto(f"{origin}/{TRAINING}", wait_until="networkidle")
        rows = page.eval_on_selector_all(".hromada-agenda tbody tr", """rows => rows.map(r => {
            const box = c => r.querySelector(c).getBoundingClientRect();
            const t = box('.hromada-agenda__time'), m = box('.hromada-agenda__minutes'), s = box('.hromada-agenda__title');
            const line = parseFloat(getComputedStyle(r.querySelector('.hromada-agenda__title')).lineHeight);
            return {time: [t.top, t.left], minutes: [m.top, m.right], title: [s.top, s.left, s.height / line, s.right]};
        })""")
        assert len(rows) > 10
        aria = page.locator(".hromada-agenda").first.aria_snapshot()  # laid out as a list, still a table to a reader
        assert aria.startswith("- table:") and 'columnheader "Час"' in aria and "cell " in aria
        for row in rows:
            assert abs(row["time"][0] - row["minutes"][0]) < 2, row  # time and minutes on one line
            assert row["title"][0] > row["time"][0] + 10, row  # the name under them, from the left edge
            assert abs(row["title"][1] - row["time"][1]) < 2 and row["minutes"][1] <= 360, row
            assert row["title"][2] <= 3.2, row  # at most three lines (a squeezed column made four or five)
        sizes = page.evaluate("""() => ({
            box: getComputedStyle(document.querySelector('.md-typeset .admonition p')).fontSize,
            agenda: getComputedStyle(document.querySelector('.hromada-agenda td')).fontSize})""")
        assert all(float(v[:-2]) >= 15 for v in sizes.values()), sizes
        no_sideways_scroll(page)
        # A wide table elsewhere says that it scrolls.
        page.goto(f"{origin}/curricula/sotsialnyi-marketynh/biudzhet-mini-proiektu/", wait_until="networkidle")
        assert float(page.evaluate("getComputedStyle(document.querySelector('.md-typeset td')).fontSize")[:-2]) >= 15
        hint = page.locator(".hromada-scroll-hint").first
        assert hint.inner_text().startswith("Таблиця ширша за екран")
        assert hint.evaluate("h => h.nextElementSibling.classList.contains('md-typeset__scrollwrap')")
        no_sideways_scroll(page)
        assert errors == []


# --- the glossary -------------------------------------------------------------------------

def test_glossary_has_a_letter_bar_that_stays_in_reach(built_repo: Path) -> None:
    html = (built_repo / "hlosarii/index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="([^"]+)">(\w)<a class="headerlink"', html)
    bar = re.search(r'<p class="hromada-abc">(.*?)</p>', html, re.S)
    assert bar, "no letter bar"
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', bar.group(1))
    assert [(a, t) for a, t in links if t != "A–Z"] == headings  # every letter that has entries, no other
    assert [t for _, t in headings] == sorted((t for _, t in headings), key=lambda c: ALPHABET.index(c.lower()))
    assert links[-1] == ("latynski-skorochennia", "A–Z") and 'id="latynski-skorochennia"' in html
    with serve_dir(built_repo) as origin, chromium() as browser:
        page, errors = phone_page(browser)
        page.goto(f"{origin}/hlosarii/", wait_until="networkidle")
        letters = page.locator(".hromada-abc a")
        assert min(b["height"] for b in (letters.nth(i).bounding_box() for i in range(letters.count()))) >= 44
        page.evaluate("window.scrollTo(0, 12000)")
        page.wait_for_timeout(200)
        bar_box = page.locator(".hromada-abc").bounding_box()
        assert 0 <= bar_box["y"] <= 60, bar_box  # sticky under the header
        letter = page.locator(".hromada-abc a", has_text="Т")
        letter.scroll_into_view_if_needed()
        letter.tap()
        page.wait_for_timeout(300)
        heading = page.locator("h2#t").bounding_box()
        bar_box = page.locator(".hromada-abc").bounding_box()
        assert bar_box["y"] + bar_box["height"] <= heading["y"] + 1 and heading["y"] < 300, (bar_box, heading)
        no_sideways_scroll(page)
        assert errors == []


def test_as_of_date_is_said_once_per_page(built_repo: Path) -> None:
    """«Станом на …» once: the page's dated-law note, not again in a box of its own beside it."""
    dated = 0
    for path in built_repo.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        notes = text.count('class="hromada-legal-as-of"')
        starts = len(re.findall(r"<(?:p|div|strong|span)[^>]*>\s*(?:<strong>)?\s*Станом на\b", text))
        if "/redaktoram/" in path.as_posix():
            continue  # the editors' guide shows the note as an example
        assert notes <= 1 and starts <= 1, (path, notes, starts)
        dated += notes
    assert dated >= 10
