"""The offline pack: unzipped and opened from file:// in Chromium, it navigates, searches and asks no server.
It is made from the finished site's pages (publish/offline.py): folders keep their index.html, and links to
folders get it."""

from __future__ import annotations

import posixpath
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from browser import chromium
from hromada.publish.offline import file_link, for_files


class Hrefs(HTMLParser):
    """The href of every element, as a browser reads it (not «href=\"…\"» in a page's text)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value or "" for name, value in attrs if name == "href"]


def hrefs(html: str) -> list[str]:
    parser = Hrefs()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize(("url", "expected"), [
    (".", "./index.html"),
    ("./", "./index.html"),
    ("..", "../index.html"),
    ("../..", "../../index.html"),
    ("../../..", "../../../index.html"),
    ("../", "../index.html"),
    ("znaiomstvo/", "znaiomstvo/index.html"),
    ("../hromadski-slukhannia/#krok-1", "../hromadski-slukhannia/index.html#krok-1"),
    ("../../best_practices/?oblast=kyivska", "../../best_practices/index.html?oblast=kyivska"),
    ("x/?q=a#b", "x/index.html?q=a#b"),
    ("x/..#top", "x/../index.html#top"),
    ("../../pdf/a/b.pdf", "../../pdf/a/b.pdf"),
    ("../assets/hromada/site.css", "../assets/hromada/site.css"),
    ("index.html", "index.html"),
    ("?q=слово", "?q=слово"),  # the same file, whatever its name
    ("", ""),
    ("#rozklad", "#rozklad"),
    ("/hromada/assets/x.css", "/hromada/assets/x.css"),
    ("https://example.org/hromada/curricula/", "https://example.org/hromada/curricula/"),
    ("//example.org/a/", "//example.org/a/"),
    ("mailto:info@example.org", "mailto:info@example.org"),
    ("data:image/png;base64,AAAA", "data:image/png;base64,AAAA"),
    ("tel:+380", "tel:+380"),
])
def test_a_link_to_a_folder_gets_its_index_html(url: str, expected: str) -> None:
    assert file_link(url) == expected


def test_a_folder_written_without_its_slash_is_found_among_the_folders() -> None:
    folders = frozenset({"curricula", "curricula/probnyi-treninh", "instrumenty/slukhannia"})
    assert file_link("../probnyi-treninh#a", "curricula/x", folders) == "../probnyi-treninh/index.html#a"
    assert file_link("../../instrumenty/slukhannia", "curricula/probnyi-treninh", folders) == \
        "../../instrumenty/slukhannia/index.html"
    assert file_link("../nema", "curricula/x", folders) == "../nema"  # not a folder of the site: as written
    assert file_link("skhema.png", "instrumenty", folders) == "skhema.png"


def test_only_hrefs_change_and_the_pack_does_not_offer_itself() -> None:
    page = ('<p class="hromada-downloads hromada-downloads--pack" data-search="skip"><a href="offline/hromada-site.zip" '
            'download>Увесь сайт (ZIP)<span class="hromada-size" data-size-of="offline/hromada-site.zip"></span></a></p>\n'
            '<a href="../" class="md-nav__link">Назад</a><img src="../" alt=""><p>href="../" у тексті</p>'
            '<a href="mailto:a@b.c">пошта</a>')
    assert for_files(page, "a") == ('<a href="../index.html" class="md-nav__link">Назад</a><img src="../" alt="">'
                                    '<p>href="../" у тексті</p><a href="mailto:a@b.c">пошта</a>')


def unpacked(site: Path, tmp_path: Path) -> Path:
    with zipfile.ZipFile(site / "offline/hromada-site.zip") as archive:
        assert all(n.startswith("hromada-site/") for n in archive.namelist())
        archive.extractall(tmp_path)
    return tmp_path / "hromada-site"


def broken_links(root: Path) -> list[str]:
    """Every href of every page of the unpacked pack that is relative (and not a fragment or a query alone)
    and does not name a file of the pack; a root path («/…») counts as broken: from file:// it is the disk's root."""
    broken = []
    pages = sorted(root.rglob("*.html"))
    for page in pages:
        for href in hrefs(page.read_text(encoding="utf-8")):
            if not href or href[0] in "#?" or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|//", href):
                continue
            path = unquote(re.split(r"[?#]", href, maxsplit=1)[0])
            target = Path(posixpath.normpath((page.parent / path).as_posix())) if not path.startswith("/") else None
            if target is None or not target.is_file() or not target.is_relative_to(root):
                broken.append(f"{page.relative_to(root)}: {href}")
    assert len(pages) > 5
    return broken


def test_every_relative_link_of_the_pack_names_a_file_of_it(built_mini: Path, tmp_path: Path) -> None:
    root = unpacked(built_mini, tmp_path)
    assert broken_links(root) == []
    assert (root / "curricula/probnyi-treninh/znaiomstvo/index.html").is_file()  # the site's folders, kept
    assert not (root / "404.html").exists()  # no server shows it; its links start from the site's root path


def test_every_relative_link_of_the_repositorys_pack_names_a_file_of_it(built_repo: Path, tmp_path: Path) -> None:
    root = unpacked(built_repo, tmp_path)
    assert broken_links(root) == []


def test_offline_pack_works_from_the_file_system(built_mini: Path, tmp_path: Path) -> None:
    pack = built_mini / "offline/hromada-site.zip"
    with zipfile.ZipFile(pack) as archive:
        names = archive.namelist()
        assert "hromada-site/pdf/curricula/probnyi-treninh/robochyi-zoshyt.pdf" in names
        assert not [n for n in names if n.startswith(("hromada-site/offline/", "hromada-site/admin/"))]
    root = unpacked(built_mini, tmp_path)
    home = (built_mini / "index.html").read_text(encoding="utf-8")
    assert 'href="offline/hromada-site.zip" download>Увесь сайт для роботи без інтернету (ZIP)' in home
    assert "hromada-site.zip" not in (root / "index.html").read_text(encoding="utf-8"), "the pack does not offer itself"
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((root / "index.html").as_uri())
        page.click('a[href$="curricula/probnyi-treninh/index.html"]')
        assert page.url.endswith("/curricula/probnyi-treninh/index.html")
        assert page.locator("h2#rozklad").count() == 1
        page.click("text=Знайомство >> nth=0")
        assert page.url.endswith("/curricula/probnyi-treninh/znaiomstvo/index.html")
        page.click('.md-header__button.md-logo')  # «../../..» on the site: the home page's file here
        assert page.url == (root / "index.html").as_uri()
        page.click("input.md-search__input")
        page.fill("input.md-search__input", "знайомству")  # an inflected form: the index loads from file:// too
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        first = page.locator(".md-search-result__item > a").first
        assert "/curricula/probnyi-treninh/znaiomstvo/index.html?q=" in first.get_attribute("href")
        first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith((root / "curricula/probnyi-treninh/znaiomstvo/index.html").as_uri() + "?q=")
        page.wait_for_selector("article mark")  # the query's words are marked on the page
        page.fill("input.md-search__input", "пробний")  # the home page is "" in the index: index.html here
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
        assert hrefs and all(re.search(r"/index\.html\?q=", h) for h in hrefs), hrefs
        # The PDF links of a page point into the pack.
        session = (root / "curricula/probnyi-treninh/znaiomstvo/index.html").read_text(encoding="utf-8")
        assert 'href="../../../pdf/curricula/probnyi-treninh/znaiomstvo.pdf"' in session
        # Its policy also names file: (not every browser counts file:// pages as 'self'); still no inline script.
        assert "script-src 'self' file:;" in session
        online = (built_mini / "curricula/probnyi-treninh/znaiomstvo/index.html").read_text(encoding="utf-8")
        assert "script-src 'self';" in online
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []


def test_the_repositorys_pack_goes_forward_and_back_from_files(built_repo: Path, tmp_path: Path) -> None:
    root = unpacked(built_repo, tmp_path)
    training = root / "curricula/mystetstvo-vzaiemodii/index.html"
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(training.as_uri())
        page.click(".md-footer__link--next")
        page.wait_for_load_state("load")
        assert page.url.startswith(training.parent.as_uri() + "/") and page.url.endswith("/index.html")
        assert page.url != training.as_uri() and page.locator("article h1").count() == 1
        page.click(".md-footer__link--prev")
        page.wait_for_load_state("load")
        assert page.url == training.as_uri()
        page.click(".md-footer__link--prev")  # «../» on the site: the trainings' list
        page.wait_for_load_state("load")
        assert page.url == (root / "curricula/index.html").as_uri()
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
