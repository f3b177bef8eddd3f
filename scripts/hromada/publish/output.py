"""A build writes into a fresh folder beside the target and swaps it in only when it succeeded:
a failed build leaves the previous site as it was, and never half a site."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def fresh_folder(target: Path) -> Iterator[Path]:
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    tmp = target.parent / f".{target.name}-new-{os.getpid()}"
    old = target.parent / f".{target.name}-old-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def scratch_folder(beside: Path, name: str) -> Path:
    folder = beside.parent / f".{beside.name}-{name}-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def remove_leftovers(site: Path) -> None:
    """Folders of a build that was killed half-way (its process is gone) are thrown away."""
    for folder in site.parent.glob(f".{site.name}-*-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
