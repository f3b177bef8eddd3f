"""What the live preview watches, heard as it happens: on Linux inotify reports a save at once, where
MkDocs' own watcher finds it by listing the folders every so often (every 0.25 s here; half of that
on average, before any rebuild starts).

The poller stays beside it: inotify hears nothing from some folders (a Windows drive under WSL, a
network share), and there the poller still finds the change. A change inotify told is not told
again by the poller (`TOLD`): one rebuild, not two. Only changes are heard, never a file being opened
or read: the rebuild reads every page, and hearing that would rebuild for ever.

    Watchers(polling_interval)   an observer for mkdocs' LiveReloadServer (schedule, unschedule,
                                 start, stop, join), `plugin.faster_server` sets it
"""

from __future__ import annotations

import contextlib
import math
import sys
import time
from typing import Any

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

TOLD = 2.0  # seconds: the poller's report of a path inotify reported this recently is dropped
CHANGES = (FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
           DirCreatedEvent, DirDeletedEvent, DirModifiedEvent, DirMovedEvent)


class _Forward(FileSystemEventHandler):
    """MkDocs' handler behind one of the two observers: inotify's notes the paths it told, the
    poller's leaves out what inotify told within `told` seconds."""

    def __init__(self, handler: FileSystemEventHandler, heard: dict[str, float], polled: bool, told: float) -> None:
        self.handler, self.heard, self.polled, self.told = handler, heard, polled, told

    def dispatch(self, event: FileSystemEvent) -> None:
        paths = [str(event.src_path), *([str(event.dest_path)] if getattr(event, "dest_path", "") else [])]
        now = time.monotonic()
        if self.polled:
            if all(now - self.heard.get(path, -math.inf) < self.told for path in paths):
                return
        else:
            for path in paths:
                self.heard[path] = now
        self.handler.dispatch(event)


def _inotify() -> BaseObserver | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # pragma: no cover - a watchdog without it
        return None
    return InotifyObserver()


class Watchers:
    def __init__(self, polling_interval: float, instant: bool = True, told: float = TOLD) -> None:
        self.polling = PollingObserver(timeout=polling_interval)
        self.instant = _inotify() if instant else None
        self.heard: dict[str, float] = {}  # path → when inotify told it (its thread writes, the poller's reads)
        self.told = told

    def schedule(self, handler: FileSystemEventHandler, path: str, *, recursive: bool = False) -> tuple[Any, Any]:
        polled = self.polling.schedule(_Forward(handler, self.heard, True, self.told), path, recursive=recursive)
        instant = None
        if self.instant is not None:
            with contextlib.suppress(OSError, ValueError):  # a path inotify cannot watch: the poller has it
                instant = self.instant.schedule(_Forward(handler, self.heard, False, self.told), path,
                                                recursive=recursive, event_filter=list(CHANGES))
        return polled, instant

    def unschedule(self, watch: tuple[Any, Any]) -> None:
        polled, instant = watch
        self.polling.unschedule(polled)
        if instant is not None and self.instant is not None:
            self.instant.unschedule(instant)

    def start(self) -> None:
        self.polling.start()
        if self.instant is not None:
            try:
                self.instant.start()
            except OSError:  # no inotify instance left for this user: polling only
                self.instant = None

    def stop(self) -> None:
        self.polling.stop()
        if self.instant is not None:
            self.instant.stop()

    def join(self, timeout: float | None = None) -> None:
        self.polling.join(timeout)
        if self.instant is not None:
            self.instant.join(timeout)
