"""The finishing steps hold the pages in memory (publish/pages.py): what they change is written once,
and nothing else is written."""

from __future__ import annotations

import os
import time
from pathlib import Path

from hromada.publish.pages import SLACK_NS, Pages
from hromada.publish.webapp import _GENERATOR, as_read, without_generator


def test_only_changed_pages_are_written(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    for rel in ("index.html", "a/index.html", "b.html"):
        (tmp_path / rel).write_text(f"<p>{rel}</p>", encoding="utf-8")
    (tmp_path / "style.css").write_text("p{}", encoding="utf-8")
    pages = Pages.read(tmp_path)
    assert list(pages) == ["a/index.html", "b.html", "index.html"]  # sorted paths: folders' pages first
    assert "style.css" not in pages
    pages.update("b.html", pages.text("b.html"))  # the same text: no change
    pages.update("a/index.html", "<p>new</p>")
    # Were the untouched pages written again, these outside edits would be lost.
    (tmp_path / "b.html").write_text("outside", encoding="utf-8")
    (tmp_path / "index.html").write_text("outside", encoding="utf-8")
    assert pages.write() == 1
    assert (tmp_path / "a/index.html").read_text(encoding="utf-8") == "<p>new</p>"
    assert (tmp_path / "b.html").read_text(encoding="utf-8") == "outside"
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "outside"
    assert pages.write() == 0  # written already


def test_the_generator_line_goes_as_the_pattern_takes_it(built_repo: Path) -> None:
    """`without_generator` looks only where the tag is; it must take out what the pattern does, on
    every built page and on the lines the pattern must leave."""
    cases = ['<head>\n  <meta name="generator" content="mkdocs-1.6">\n<x>',
             'a<meta name="generator" x>\n',  # not at the line's start: stays
             '<meta name="generator" a>\n\t<meta name="generator" b>  \nz',
             'x\n <p><meta name="generator"></p>\n', "nothing"]
    pages = [p.read_text(encoding="utf-8") for p in sorted(built_repo.rglob("*.html"))]
    assert sum('<meta name="generator"' in p for p in pages) > len(pages) / 2
    for text in cases + pages:
        assert without_generator(text) == _GENERATOR.sub("", text)
    assert '<meta name="generator"' not in as_read(cases[0])


def test_a_preview_rebuild_reads_only_the_pages_it_wrote(tmp_path: Path) -> None:
    since = time.time_ns()
    for rel, age in (("old.html", -5_000_000_000), ("new.html", 0), ("just-before.html", -SLACK_NS // 2)):
        (tmp_path / rel).write_text(rel, encoding="utf-8")
        os.utime(tmp_path / rel, ns=(since + age, since + age))
    assert list(Pages.read(tmp_path, since)) == ["just-before.html", "new.html"]  # a coarse clock's tick earlier counts
    assert len(Pages.read(tmp_path).texts) == 3
