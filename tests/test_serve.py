"""Live preview: an edit re-renders only the pages it touches, and generated pages stay right."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path


def edit_session_minutes(root: Path) -> None:
    """Znaiomstvo grows from 60 to 75 minutes (its steps too), so every later time moves by 15."""
    path = root / "curricula/probnyi-treninh/znaiomstvo.md"
    text = path.read_text(encoding="utf-8").replace("minutes: 60", "minutes: 75").replace("(40 хв)", "(55 хв)")
    path.write_text(text, encoding="utf-8")


def serve_builds(root: Path, site: Path):
    """Builds as `mkdocs serve --dirty` runs them: one process, the plugin kept between rebuilds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    first = True
    while True:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
        if first:
            config.plugins.on_startup(command="serve", dirty=True)
            first = False
        build(config, dirty=True)
        yield config


def _search_index_text(site: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted((site / "search").rglob("*.js")))


def _mtimes(site: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}


def _changed(site: Path, before: dict[Path, int]) -> set[str]:
    return {p.relative_to(site).as_posix() for p, t in before.items() if p.stat().st_mtime_ns != t}


def test_dirty_rebuild_touches_only_dependent_pages(mini: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    rebuild = serve_builds(mini, site)
    next(rebuild)
    # 1. Text only: the session is re-rendered, and stemmed again for search, alone.
    before = _mtimes(site)
    time.sleep(0.05)
    session = mini / "curricula/probnyi-treninh/znaiomstvo.md"
    index_before = _search_index_text(site)
    session.write_text(session.read_text(encoding="utf-8") + "\nНовий абзац. Жабокряківка.\n", encoding="utf-8")
    config = next(rebuild)
    changed = _changed(site, before)
    assert "Новий абзац." in (site / "curricula/probnyi-treninh/znaiomstvo/index.html").read_text(encoding="utf-8")
    assert "curricula/probnyi-treninh/hromadski-slukhannia/index.html" not in changed
    assert "best_practices/vyhadana-hromada/index.html" not in changed
    assert "best_practices/index.html" not in changed, "the catalogue is made of front matter only"
    # The search index follows the edit and keeps the pages that were not re-rendered.
    index_after = _search_index_text(site)
    stemmed = config.plugins["hromada"].search_index.stemmed
    assert list(stemmed) == ["curricula/probnyi-treninh/znaiomstvo.md"], "a text edit re-stems the edited page, no other"
    assert len(config.plugins["hromada"].search_index.pages) >= 8, "the other pages stay in the index"
    assert '"жабокряківк"' in index_after and '"жабокряківк"' not in index_before
    assert index_after.count('"best_practices/vyhadana-hromada/"') == index_before.count('"best_practices/vyhadana-hromada/"') == 1
    # 2. Minutes: every time after it moves, so the agenda and the later session follow.
    before = _mtimes(site)
    time.sleep(0.05)
    edit_session_minutes(mini)
    next(rebuild)
    changed = _changed(site, before)
    agenda = (site / "curricula/probnyi-treninh/index.html").read_text(encoding="utf-8")
    assert "10:45–11:05" in agenda and "11:05–12:35" in agenda
    later = (site / "curricula/probnyi-treninh/hromadski-slukhannia/index.html").read_text(encoding="utf-8")
    assert "день 1, 11:05–12:35" in later
    assert {"curricula/probnyi-treninh/znaiomstvo/index.html", "curricula/probnyi-treninh/index.html",
            "curricula/probnyi-treninh/hromadski-slukhannia/index.html"} <= changed
    # Untouched pages are not rendered again.
    assert "best_practices/vyhadana-hromada/index.html" not in changed
    assert "instrumenty/hromadski-slukhannia/index.html" not in changed
    # 3. A case's settlement: the catalogue (its cards and map) follows.
    before = _mtimes(site)
    time.sleep(0.05)
    case = mini / "best_practices/vyhadana-hromada.md"
    case.write_text(case.read_text(encoding="utf-8").replace("село Вербівка", "село Вербівка-Нова", 1), encoding="utf-8")
    next(rebuild)
    assert "best_practices/index.html" in _changed(site, before)
    assert "Вербівка-Нова" in (site / "best_practices/index.html").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if needle in _get(url):
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


BANNER = "Помилки у\u00a0цьому файлі"  # typeset: the one-letter word holds to the next


@contextlib.contextmanager
def serving(root: Path, log: Path | None = None, temp: Path | None = None) -> Iterator[str]:
    """`hromada serve` on a free port; yields the site's base URL (served under site_url's path).
    `log`: where its messages go (else nowhere); `temp`: its temporary folder (TMPDIR)."""
    port = _free_port()
    out = log.open("w", encoding="utf-8") if log else subprocess.DEVNULL
    env = {**os.environ, "TMPDIR": str(temp)} if temp else None
    proc = subprocess.Popen([sys.executable, "-m", "hromada.cli", "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            stdout=out, stderr=subprocess.STDOUT if log else subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env)
    try:
        yield f"http://127.0.0.1:{port}/hromada/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()


def test_a_stopped_preview_leaves_no_temporary_site(mini: Path, tmp_path: Path) -> None:
    """Stopped with SIGTERM (a process manager, an editor's IDE, these tests) as with Ctrl-C: the
    preview's whole site in /tmp/mkdocs_* goes with it."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    with serving(mini, temp=temp) as base:
        assert _wait_for(base, "</html>", 90), "serve did not come up"
        assert list(temp.glob("mkdocs_*")), "the preview builds into a temporary folder"
    assert not list(temp.glob("mkdocs_*"))


def test_serve_updates_agenda_after_editing_a_session(mini: Path) -> None:
    with serving(mini) as base:
        url = base + "curricula/probnyi-treninh/"
        assert _wait_for(url, "10:30–10:50", 90), "serve did not come up"
        edit_session_minutes(mini)
        assert _wait_for(url, "10:45–11:05", 30), "agenda was not rebuilt after the edit"


def test_serve_keeps_running_and_shows_errors_on_the_page(mini: Path) -> None:
    from conftest import FIXTURES

    broken = FIXTURES / "bad/steps-do-not-add-up/files/curricula/probnyi-treninh/znaiomstvo.md"
    session = mini / "curricula/probnyi-treninh/znaiomstvo.md"
    session.write_bytes(broken.read_bytes())
    with serving(mini) as base:
        url = base + "curricula/probnyi-treninh/znaiomstvo/"
        assert _wait_for(url, BANNER, 90), "no error banner in the preview"
        assert "кроки заняття тривають разом 65\u00a0хв" in _get(url)
        session.write_text(session.read_text(encoding="utf-8").replace("(25 хв)", "(20 хв)"), encoding="utf-8")
        deadline = time.monotonic() + 30
        while BANNER in _get(url) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert BANNER not in _get(url)


def test_serve_says_a_broken_link_once_in_ukrainian(mini: Path, tmp_path: Path) -> None:
    """MkDocs' English «Doc file … contains a link …, but the target is not found» repeated our HR040."""
    page = mini / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nДив. [звіт](zvit.pdf) і [розділ](#nemaie-takoho).\n", encoding="utf-8")
    log = tmp_path / "serve.log"
    with serving(mini, log) as base:
        assert _wait_for(base, "</html>", 90), "serve did not come up"
    text = log.read_text(encoding="utf-8")
    assert "HR040" in text and "«zvit.pdf»" in text and "HR041" in text, text
    assert "Doc file" not in text and "not found" not in text and "anchor" not in text.lower(), text


def test_a_rebuild_checks_again_only_saved_files_and_finds_the_same(mini: Path) -> None:
    """The preview's remembered findings are exactly what a fresh check finds, after each save."""
    from hromada.content.layout import Layout
    from hromada.content.load import DocumentCache, load_corpus
    from hromada.rules import RuleMemo, check

    lay, cache, memo = Layout(mini), DocumentCache(), RuleMemo()
    assert check(load_corpus(lay, cache), memo) == check(load_corpus(lay))
    session = mini / "curricula/probnyi-treninh/znaiomstvo.md"
    original = session.read_text(encoding="utf-8")
    for text in (original + "\nЦіна — {{ факт: такого-немає }}.\n", original):
        session.write_text(text, encoding="utf-8")
        remembered = check(load_corpus(lay, cache), memo)
        assert remembered == check(load_corpus(lay))
        codes = {d.code for d in remembered if d.path == "curricula/probnyi-treninh/znaiomstvo.md"}
        assert ("HR055" in codes) == ("такого-немає" in text)
