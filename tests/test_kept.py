"""Documents kept between runs (content/kept.py): an unchanged page is taken as an earlier run read
it, with its diagnostics; a changed one is read again; a broken or unwritable store costs the
reading and nothing else; another version of the code never reads an old entry."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project
from hromada.content import kept as kept_mod
from hromada.content import load
from hromada.content.kept import Kept
from hromada.content.layout import Layout


def test_values_are_kept_for_the_next_run_and_only_this_runs(tmp_path: Path) -> None:
    first = Kept.open("things", "v1", folder=tmp_path)
    assert first.get("a") is None
    first.put("a", {"x": 1})
    first.put("b", [2])
    first.save()
    second = Kept.open("things", "v1", folder=tmp_path)
    assert second.get("a") == {"x": 1}  # b is not read in this run
    second.save()
    assert Kept.open("things", "v1", folder=tmp_path).found == {"a": {"x": 1}}  # b went: no run needs it
    assert Kept.open("things", "v2", folder=tmp_path).get("a") is None  # another version: another file


def test_a_broken_or_unwritable_store_costs_only_the_reading(tmp_path: Path) -> None:
    store = Kept.open("things", "v1", folder=tmp_path)
    store.put("a", 1)
    store.save()
    assert store.path is not None
    store.path.write_bytes(b"\x80\x04 not a pickle")
    assert Kept.open("things", "v1", folder=tmp_path).found == {}
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    unwritable = Kept.open("things", "v1", folder=blocked / "under")  # a folder under a file: cannot be made
    unwritable.put("a", 1)
    unwritable.save()  # no error
    assert Kept.open("things", "v1", folder=blocked / "under").found == {} and not list(tmp_path.rglob("*.tmp"))


def test_old_versions_files_go_but_the_last_few_stay(tmp_path: Path) -> None:
    for number in range(kept_mod.KEEP_OTHERS + 3):
        store = Kept.open("things", f"v{number}", folder=tmp_path)
        store.put("a", number)
        store.save()
        os.utime(store.path, ns=(number * 10**9, number * 10**9))  # written in this order
    assert len(list(tmp_path.glob("*.pickle"))) == kept_mod.KEEP_OTHERS + 1
    assert Kept.open("things", f"v{kept_mod.KEEP_OTHERS + 2}", folder=tmp_path).get("a") == kept_mod.KEEP_OTHERS + 2
    assert Kept.open("things", "v0", folder=tmp_path).get("a") is None


def test_an_unchanged_page_is_taken_as_read_and_a_changed_one_is_read_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    session = root / "curricula/probnyi-treninh/znaiomstvo.md"
    training = root / "curricula/probnyi-treninh/index.md"
    training.write_text(training.read_text(encoding="utf-8").replace("\n---\n", "\nnevidome_pole: 1\n---\n", 1),
                        encoding="utf-8")  # an invalid page is kept with its diagnostics
    first = load.load_corpus(Layout(root))
    assert first.documents[training.relative_to(root).as_posix()].diagnostics  # the unknown key
    real_read = load._read
    read: list[str] = []
    monkeypatch.setattr(load, "_read", lambda raw, rel, *where: read.append(rel) or real_read(raw, rel, *where))
    second = load.load_corpus(Layout(root))
    assert read == []
    assert {rel: (d.model, d.diagnostics, d.scan, d.fm.data) for rel, d in second.documents.items()} == \
        {rel: (d.model, d.diagnostics, d.scan, d.fm.data) for rel, d in first.documents.items()}
    session.write_text(session.read_text(encoding="utf-8").replace("title:", "title: Змінено —", 1), encoding="utf-8")
    third = load.load_corpus(Layout(root))
    rel = session.relative_to(root).as_posix()
    assert read == [rel]
    assert third.documents[rel].title.startswith("Змінено —")


def test_a_live_preview_reads_the_store_on_its_first_load_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its own cache serves the rebuilds: the store is opened (and saved) once per preview session."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    opened: list[str] = []
    real_open = Kept.open
    monkeypatch.setattr(Kept, "open", classmethod(lambda cls, kind, *v, **k: opened.append(kind) or real_open(kind, *v, **k)))
    session = load.DocumentCache()
    first = load.load_corpus(Layout(root), session)
    again = load.load_corpus(Layout(root), session)
    assert opened == ["documents"] and again.documents.keys() == first.documents.keys()
    assert list((tmp_path / "cache/hromada/documents").glob("*.pickle"))  # saved for the next run


def test_two_projects_keep_their_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run of one project does not drop what another project's run kept."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = copy_project(FIXTURES / "mini", tmp_path / "one")
    second = copy_project(FIXTURES / "mini", tmp_path / "two")
    (second / "curricula/probnyi-treninh/znaiomstvo.md").unlink()
    load.load_corpus(Layout(first))
    load.load_corpus(Layout(second))
    real_read = load._read
    read: list[str] = []
    monkeypatch.setattr(load, "_read", lambda raw, rel, *where: read.append(rel) or real_read(raw, rel, *where))
    load.load_corpus(Layout(first))
    assert read == []
