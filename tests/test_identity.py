"""A page's identity when shared and dated, and the editors' guide out of the readers' way: each page's
own description and Open Graph tags, «Назва — Сайт» titles, the organisation's contact block, «Оновлено»
from the last commit of the page's file (one `git log`), and the editors' guide outside the menu, reached
from the footer and listed after every reader's page in search."""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from browser import chromium, serve_dir
from conftest import FIXTURES, REPO, copy_project, run_hromada
from hromada.content.layout import Layout, Urls
from hromada.search.stemmer import normalize, stem, tokens
from hromada.website import identity
from hromada.website.navigation import EDITORS
from hromada.website.parts import fmt_date
from hromada.website.prepare import Options, last_commits, parse_log, prepare
from hromada.website.siteconfig import read_mkdocs_yml
from test_search import read_index, result_pages, wait_for_results, wait_until

SITE_NAME = "Пробний сайт"
SITE_DESCRIPTION = 'Опис «пробного» сайту & <перевірка> "лапок"'
HOSTILE_TITLE = 'Назва "у лапках" & <b>теги</b>'
HOSTILE_SUMMARY = 'Опис «з лапками» "подвійними" & <script>alert(1)</script> </title>'
FIRST = "2026-03-12T10:00:00+02:00"  # every file
SECOND = "2026-04-03T23:30:00+03:00"  # the petitions page changes again (late in the evening, Kyiv time)
TOOL = "docs/instrumenty/petytsii.md"
DRAFT = "docs/chernetka.md"  # never committed
EDITOR_PAGE = f"docs/{EDITORS}/petytsii.md"

PAGES = {
    TOOL: "---\ntitle: Електронні петиції\nsummary: Як подати петицію до ради.\n---\n\nПетиції подають онлайн.\n",
    "docs/instrumenty/zbory.md": "---\ntitle: Загальні збори\nsummary: Збори жителів.\n---\n\n"
                                 "Збори можуть ухвалити звернення; петиції тут лише згадано.\n",
    "docs/lapky.md": f"---\ntitle: '{HOSTILE_TITLE}'\nsummary: '{HOSTILE_SUMMARY}'\n---\n\nТекст.\n",
    f"docs/{EDITORS}/index.md": "---\ntitle: Довідка для редакторів\nsummary: Як працювати з файлами сайту.\n---\n\n"
                                "Довідка для тих, хто додає матеріали.\n",
    # An editors' page that matches «петиції» far better than any reader's page does.
    EDITOR_PAGE: "---\ntitle: Петиції у файлах сайту\nsummary: Як описати петиції й підписи.\n---\n\n"
                 + "Петиції, петицію, петиціями, підписи під петиціями. " * 5 + "\n",
}


def git(root: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Тест", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Тест", "GIT_COMMITTER_EMAIL": "test@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", "-C", str(root), *args], env=env, check=True, capture_output=True, text=True).stdout


def make_project(dest: Path) -> Path:
    """The small project with the pages above, the real site's organisation and a git history of two commits."""
    root = copy_project(FIXTURES / "mini", dest)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(f"site_name: {SITE_NAME}\n",
                            f"site_name: {SITE_NAME}\nsite_description: '{SITE_DESCRIPTION}'\n")
    config += yaml.safe_dump({"extra": {"organisation": organisation()}}, allow_unicode=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    home = root / "docs/index.md"
    home.write_text(home.read_text(encoding="utf-8").replace("title: Головна", f"title: {SITE_NAME}"), encoding="utf-8")
    for rel, text in PAGES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Перший", date=FIRST)
    (root / TOOL).write_text(PAGES[TOOL] + "\nЩе рядок.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Другий", date=SECOND)
    (root / DRAFT).write_text("---\ntitle: Чернетка\nsummary: Ще не в git.\n---\n\nТекст.\n", encoding="utf-8")
    return root


def real_config() -> dict:
    return read_mkdocs_yml(REPO)


def organisation() -> dict:
    return real_config()["extra"]["organisation"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("identity") / "mini")


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    result = run_hromada(project, "build", "--no-pdf", "--no-offline")
    assert result.returncode == 0, result.stderr
    return project / "site"


# --- the built page, parsed ---------------------------------------------------------------------


class Parsed(HTMLParser):
    """What a page says about itself: <title>, meta tags, the menu's links, the footer's, «Оновлено»."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}
        self.nav_links: list[tuple[str, str | None]] = []  # (href, aria-current) in the primary menu
        self.footer_links: list[tuple[str, str]] = []  # (href, text) in the footer's meta part
        self.contact = ""
        self.updated: list[tuple[str, str]] = []  # (datetime, text)
        self._in: dict[str, int] = {}  # region → depth of its own tag while inside
        self._tag: dict[str, str] = {}
        self._text: list[str] = []
        self._href: str | None = None

    def _enter(self, region: str, tag: str) -> None:
        self._in[region], self._tag[region] = 1, tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        for region in list(self._in):
            if tag == self._tag[region]:
                self._in[region] += 1
        if tag == "title" and not self.title:  # the page's, not an SVG's further down
            self._enter("title", "title")
        elif tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "nav" and "md-nav--primary" in classes:
            self._enter("nav", "nav")
        elif tag == "div" and "md-footer-meta" in classes:
            self._enter("footer", "div")
        elif tag == "div" and "hromada-contact" in classes:
            self._enter("contact", "div")
        elif tag == "time" and "updated" in self._in:
            self.updated.append((a.get("datetime", ""), ""))
            self._enter("time", "time")
        elif tag == "aside" and "hromada-updated" in classes:
            self._enter("updated", "aside")
        if tag == "a" and "nav" in self._in:
            self.nav_links.append((a.get("href", ""), a.get("aria-current")))
        if tag == "a" and "footer" in self._in:
            self._href, self._text = a.get("href", ""), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.footer_links.append((self._href, "".join(self._text).strip()))
            self._href = None
        for region in list(self._in):
            if tag == self._tag[region]:
                self._in[region] -= 1
                if not self._in[region]:
                    del self._in[region]

    def handle_data(self, data: str) -> None:
        if "title" in self._in:
            self.title += data
        if "contact" in self._in:
            self.contact += data
        if "time" in self._in:
            self.updated[-1] = (self.updated[-1][0], self.updated[-1][1] + data)
        if self._href is not None:
            self._text.append(data)


def parse(page: Path) -> Parsed:
    parsed = Parsed()
    parsed.feed(page.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def page_file(site: Path, rel: str) -> Path:
    return site / Urls().page(rel) / "index.html"


def resolve(site: Path, page: Path, href: str) -> Path:
    target = (page.parent / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


def prepared(root: Path):
    return prepare(Layout(root), Urls(), Options(pdf=False))


def front(root: Path, rel: str) -> dict:
    return yaml.safe_load((root / rel).read_text(encoding="utf-8").split("---")[1])


# --- description, Open Graph, titles --------------------------------------------------------------


def test_every_page_describes_itself_with_its_own_summary_and_title(project: Path, site: Path) -> None:
    checked = 0
    for rel in prepared(project).order:
        page = parse(page_file(site, rel))
        meta, title = page.meta, page.title.strip()
        own = front(project, rel) if (project / rel).is_file() else {}
        description = own.get("summary") or (identity.session_description(prepared(project), prepared(project).document(rel))
                                             if rel.startswith("curricula/") and not rel.endswith("index.md") else SITE_DESCRIPTION)
        assert meta["description"] == description == meta["og:description"], rel
        assert meta["og:site_name"] == SITE_NAME and meta["og:locale"] == "uk_UA" and meta["twitter:card"] == "summary"
        assert meta["og:url"] == "https://example.org/hromada/" + Urls().page(rel), rel
        assert not [k for k in meta if k.startswith("og:image")]  # none: it would be a request to another origin
        if rel == "docs/index.md":
            assert (title, meta["og:title"], meta["og:type"]) == (SITE_NAME, SITE_NAME, "website")  # the name once
        else:
            assert title == f"{meta['og:title']} — {SITE_NAME}" and meta["og:type"] == "article", rel
            if own.get("title"):
                assert meta["og:title"] == own["title"], rel
        checked += 1
    assert checked >= 9
    hostile = parse(page_file(site, "docs/lapky.md"))
    assert hostile.meta["description"] == HOSTILE_SUMMARY and hostile.title == f"{HOSTILE_TITLE} — {SITE_NAME}"
    raw = page_file(site, "docs/lapky.md").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "<b>теги" not in raw and '"подвійними"' not in raw


def test_the_real_home_page_is_titled_with_the_site_name_once(built_repo: Path) -> None:
    name = real_config()["site_name"]
    assert parse(built_repo / "index.html").title.strip() == name
    assert parse(built_repo / "hlosarii/index.html").title.strip() == f"Глосарій — {name}"


# --- the footer: contact block and the editors' guide ------------------------------------------------


def test_every_page_has_the_contact_block_and_a_link_to_the_editors_guide(project: Path, site: Path) -> None:
    org = organisation()
    pages = sorted(p for p in site.rglob("index.html"))
    assert len(pages) >= 10
    guide = page_file(site, f"docs/{EDITORS}/index.md").resolve()
    for path in pages:
        page = parse(path)
        assert org["name"] in page.contact and f"з {org['since']} року" in page.contact, path
        assert (org["site"], "stepngo.in.ua") in page.footer_links, path
        editors = [href for href, text in page.footer_links if text == "Для редакторів"]
        assert len(editors) == 1 and resolve(site, path, editors[0]) == guide, path
    missing = parse(site / "404.html")  # no page of the site: the contact block, but no link to a page
    assert org["name"] in missing.contact and (org["site"], "stepngo.in.ua") in missing.footer_links


def test_the_contact_block_states_only_facts_of_the_programme_description() -> None:
    """No phone, address or e-mail: the programme description gives none."""
    org = organisation()
    assert set(org) == {"name", "since", "site"}
    assert org["site"] == "https://stepngo.in.ua" and org["since"] == 2009
    assert "Стратегії і технології ефективного партнерства" in org["name"]


def test_the_editors_guide_is_out_of_the_menu_and_lists_its_own_section(project: Path, site: Path) -> None:
    lay = prepared(project)
    assert all(item.name != EDITORS for item in lay.nav) and [i.name for i in lay.editors] == [EDITORS]
    editor_pages = {page_file(site, rel).resolve() for rel in lay.order if rel.startswith(f"docs/{EDITORS}/")}
    assert len(editor_pages) == 2
    for rel in lay.order:
        path = page_file(site, rel)
        links = {resolve(site, path, href): current for href, current in parse(path).nav_links}
        if path.resolve() in editor_pages:
            assert set(links) - {(site / "index.html").resolve()} == editor_pages, rel  # the logo goes home
            assert links[path.resolve()] == "page"
        else:
            assert not set(links) & editor_pages, rel
            assert (site / "curricula/index.html").resolve() in links, rel  # the readers' menu is still there
    # and the readers' reading order never leads into the guide
    last = page_file(site, lay.order[len(lay.order) - len(editor_pages) - 1]).read_text(encoding="utf-8")
    assert EDITORS not in re.search(r"<head>.*?</head>", last, re.S).group(0)


# --- «Оновлено» ----------------------------------------------------------------------------------


def test_updated_is_the_date_of_the_last_commit_of_the_page_file(project: Path, site: Path) -> None:
    expected = {TOOL: dt.date(2026, 4, 3), "docs/instrumenty/zbory.md": dt.date(2026, 3, 12),
                "docs/index.md": dt.date(2026, 3, 12), "curricula/probnyi-treninh/znaiomstvo.md": dt.date(2026, 3, 12)}
    for rel, day in expected.items():
        assert parse(page_file(site, rel)).updated == [(day.isoformat(), fmt_date(day))], rel
    assert fmt_date(expected[TOOL]) == "3 квітня 2026"
    assert parse(page_file(site, DRAFT)).updated == []  # never committed: no date rather than a made-up one
    assert parse(page_file(site, "curricula/index.md")).updated == []  # generated: no file of its own
    assert prepared(project).updated[TOOL] == dt.date(2026, 4, 3)


def test_one_git_call_reads_every_date(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(command, *args, **kwargs):
        if command and command[0] == "git" and "log" in command:
            calls.append(command)
        return real(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    dates = last_commits(project)
    assert len(calls) == 1 and len(dates) >= 8 and DRAFT not in dates


def test_without_git_or_outside_a_repository_pages_have_no_date_and_the_build_works(project: Path, tmp_path: Path) -> None:
    plain = copy_project(project, tmp_path / "plain")  # copy_project leaves .git out
    assert last_commits(plain) == {} and prepared(plain).updated == {}
    empty = tmp_path / "no-bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    result = subprocess.run([sys.executable, "-m", "hromada.cli", "--root", str(project), "build", "--no-pdf", "--no-offline",
                             "--site-dir", str(tmp_path / "site")], env=env, capture_output=True, text=True, timeout=300,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert parse(page_file(tmp_path / "site", TOOL)).updated == []


def test_a_shallow_clone_dates_only_what_its_commits_show(project: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", project.as_uri(), str(clone)], check=True, capture_output=True)
    assert last_commits(clone) == {}  # its only commit is grafted: every file looks added in it
    deeper = tmp_path / "deeper"
    subprocess.run(["git", "clone", "-q", "--depth", "2", project.as_uri(), str(deeper)], check=True, capture_output=True)
    assert last_commits(deeper) == {TOOL: dt.date(2026, 4, 3)}


def test_the_log_parser_takes_the_newest_commit_of_each_path() -> None:
    log = ("\x1f2026-05-01 HEAD -> main\n\ndocs/a.md\n\x1f2026-04-01 \n\ndocs/a.md\ndocs/b.md\n"
           "\x1fnot-a-date \n\ndocs/c.md\n\x1f2026-01-01 grafted\n\ndocs/d.md\n\x1f2025-01-01 \n\ndocs/c.md\n")
    assert parse_log(log) == {"docs/a.md": dt.date(2026, 5, 1), "docs/b.md": dt.date(2026, 4, 1)}


# --- search: the editors' guide after the readers' pages ----------------------------------------------


def ranked(index: dict, query: str) -> list[str]:
    """The result order of assets/hromada/search.js `search()` over the built index, in Python (all of it,
    where the browser shows 20): tier, then pages matching every word (a generic verb, index["soft"], adds
    to the score only), then BM25. For queries whose words are in the index as typed: the forgiving forms
    of issue 16 (Latin layout, transliteration, loose matches) are left to the browser tests."""
    stop, docs, soft = set(index["stop"]), index["docs"], set(index.get("soft", ()))
    terms = {t: i for i, t in enumerate(index["terms"])}
    average = sum(d[3] for d in docs) / max(1, len(docs)) or 1
    words = [w for w in map(normalize, tokens(query)) if w and w not in stop]
    typing = not query[-1:].isspace()
    score: dict[int, float] = {}
    hits: dict[int, int] = {}
    for n, word in enumerate(words):
        found = [(terms[stem(word)], 1.0)] if stem(word) in terms else []
        for alt in ([word[:-2] + "к"] if re.search(r"[^аеєиіїоуюяь][ое]к$", word) else []) + \
                   ([word[:-1] + "н"] if re.search(r"[^н]нь$", word) else []):
            if alt in terms and alt != stem(word):
                found.append((terms[alt], 0.9))
        if typing and n == len(words) - 1 and len(word) >= 2:
            found += [(i, 0.8) for t, i in sorted(terms.items()) if t.startswith(word) and t != stem(word)][:40 - len(found)]
        best: dict[int, float] = {}
        for term, weight in found:
            postings = index["postings"][term]
            df = len(postings) / 2
            idf = math.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
            doc = 0
            for i in range(0, len(postings), 2):
                doc += postings[i]
                tf = postings[i + 1]
                norm = index["k1"] * (1 - index["b"] + index["b"] * docs[doc][3] / average)
                best[doc] = max(best.get(doc, -1.0), weight * idf * tf * (index["k1"] + 1) / (tf + norm))
        counts = 0 if len(words) > 1 and stem(word) in soft else 1
        for doc, s in best.items():
            score[doc], hits[doc] = score.get(doc, 0) + s, hits.get(doc, 0) + counts
    pages: dict[int, list] = {}
    for doc in sorted(score, key=lambda d: (-hits[d], -score[d], d)):
        number = docs[doc][0]
        if number in pages:
            pages[number][2] += score[doc] / 4
        else:
            pages[number] = [tier(index["pages"][number]), hits[doc], score[doc]]
    order = sorted(pages, key=lambda p: (pages[p][0], -pages[p][1], -pages[p][2]))
    return [index["pages"][p][0] for p in order]


def tier(page: list) -> int:
    """[url, title, crumb, tier?]: an index without tiers (an older build) reads as all 0."""
    return page[3] if len(page) > 3 else 0


def editors_after_readers(urls: list[str]) -> bool:
    editors = [i for i, u in enumerate(urls) if u.startswith(f"{EDITORS}/")]
    readers = [i for i, u in enumerate(urls) if not u.startswith(f"{EDITORS}/")]
    return not editors or not readers or min(editors) > max(readers)


@pytest.mark.parametrize("query", ["петиції", "петиції ", "громадські слухання", "статут", "грант", "грант "])
def test_on_the_real_site_no_editors_page_ranks_above_a_readers_page(built_repo: Path, query: str) -> None:
    found = ranked(read_index(built_repo), query)
    assert any(u.startswith(f"{EDITORS}/") for u in found) and len(found) > 20  # the guide does match
    assert editors_after_readers(found), [(i + 1, u) for i, u in enumerate(found) if u.startswith(EDITORS)]


def test_the_index_marks_the_editors_pages_and_the_browser_lists_them_last(site: Path) -> None:
    index = read_index(site)
    tiers = {p[0]: tier(p) for p in index["pages"]}
    assert {u for u, t in tiers.items() if t} == {f"{EDITORS}/", f"{EDITORS}/petytsii/"}
    assert all(len(p) == 3 for p in index["pages"] if not p[0].startswith(EDITORS))  # the old shape for the rest
    for query in ("петиції", "петиції підписи"):  # the guide matches both words, the readers' pages one
        assert ranked(index, query)[-1] == f"{EDITORS}/petytsii/"
    with serve_dir(site) as origin, chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(f"{origin}/", wait_until="networkidle")
        page.click("label.md-header__button[for=__search]")
        wait_until(page, "() => document.querySelector('.md-search-result__meta').textContent.includes('Розпочніть')")
        for query in ("петиції", "петиції підписи"):
            page.fill("input.md-search__input", query)
            wait_for_results(page, query)
            found = result_pages(page, origin)
            assert found[0] == "instrumenty/petytsii/" and found[-1] == f"{EDITORS}/petytsii/", found
            assert editors_after_readers(found) and len(found) >= 3, found
