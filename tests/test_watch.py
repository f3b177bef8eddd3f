"""The live preview's watcher (engines/mkdocs/watch.py): a save is heard at once and once; a file
read is not a change; where inotify hears nothing the poller still does."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from hromada.engines.mkdocs.watch import Watchers

POLL = 0.4  # long: an event inotify did not deliver comes late


class Heard(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[tuple[float, FileSystemEvent]] = []
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            with self.lock:
                self.events.append((time.monotonic(), event))


def watching(folder: Path, instant: bool) -> tuple[Watchers, Heard]:
    watchers, heard = Watchers(POLL, instant=instant), Heard()
    watchers.schedule(heard, str(folder), recursive=True)
    watchers.start()
    time.sleep(3 * POLL)  # the poller's first listing is made
    return watchers, heard


def stop(watchers: Watchers) -> None:
    watchers.stop()
    watchers.join(5)


def test_a_save_is_heard_at_once_by_inotify(tmp_path: Path) -> None:
    page = tmp_path / "curricula" / "t" / "s.md"
    page.parent.mkdir(parents=True)
    page.write_text("перше\n", encoding="utf-8")
    watchers, heard = watching(tmp_path, instant=True)
    try:
        assert watchers.instant is not None, "inotify is there on Linux"
        saved = time.monotonic()
        page.write_text("друге\n", encoding="utf-8")
        time.sleep(5 * POLL)
    finally:
        stop(watchers)
    about = [at for at, e in heard.events if str(e.src_path) == str(page)]
    assert str(page) in watchers.heard  # told by inotify, not found by a listing
    assert about and about[0] - saved < POLL / 2, [round(at - saved, 3) for at in about]


def test_what_inotify_told_the_poller_does_not_tell_again() -> None:
    """One rebuild per save, not two: the poller's report of a path inotify told within TOLD s is dropped."""
    from watchdog.events import FileModifiedEvent, FileMovedEvent

    from hromada.engines.mkdocs.watch import _Forward

    got, heard = Heard(), {}
    instant, polled = _Forward(got, heard, polled=False, told=1.0), _Forward(got, heard, polled=True, told=1.0)
    instant.dispatch(FileMovedEvent("/p/.s.md.swp", "/p/s.md"))  # an editor's save by rename
    polled.dispatch(FileModifiedEvent("/p/s.md"))  # the poller finds the same save: dropped
    polled.dispatch(FileModifiedEvent("/p/other.md"))  # a change inotify never told: passed on
    heard["/p/s.md"] -= 2.0  # told long ago: a new change the poller finds is passed on
    polled.dispatch(FileModifiedEvent("/p/s.md"))
    assert [(type(e).__name__, e.src_path) for _, e in got.events] == [
        ("FileMovedEvent", "/p/.s.md.swp"), ("FileModifiedEvent", "/p/other.md"), ("FileModifiedEvent", "/p/s.md")]


def test_reading_a_file_is_no_change(tmp_path: Path) -> None:
    """The rebuild reads every page: were that heard, it would rebuild for ever."""
    page = tmp_path / "s.md"
    page.write_text("текст\n", encoding="utf-8")
    watchers, heard = watching(tmp_path, instant=True)
    try:
        for _ in range(3):
            page.read_text(encoding="utf-8")
        time.sleep(4 * POLL)
    finally:
        stop(watchers)
    assert heard.events == []


@pytest.mark.parametrize("instant", [False, True])
def test_the_poller_hears_what_inotify_does_not(tmp_path: Path, instant: bool) -> None:
    """Without inotify (a Windows drive under WSL, a network share: simulated by not starting it, or by
    a change inotify never told), the poller reports the change within its interval."""
    page = tmp_path / "s.md"
    page.write_text("перше\n", encoding="utf-8")
    watchers, heard = watching(tmp_path, instant=instant)
    try:
        if watchers.instant is not None:
            watchers.instant.unschedule_all()  # inotify goes deaf, as on such a folder
        page.write_text("друге\n", encoding="utf-8")
        deadline = time.monotonic() + 20 * POLL
        while time.monotonic() < deadline and not any(str(e.src_path) == str(page) for _, e in heard.events):
            time.sleep(POLL / 4)
    finally:
        stop(watchers)
    assert any(str(e.src_path) == str(page) for _, e in heard.events), heard.events
