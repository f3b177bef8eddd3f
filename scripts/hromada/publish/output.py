"""A build writes into a fresh folder beside the target and swaps it in only when it succeeded:
a failed build leaves the previous site as it was, and never half a site."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from hromada.content import layout
from hromada.publish.packs import folder_members, write_zip
from hromada.publish.sizes import fill_sizes


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


def offline_pack(site_dir: Path, build_into: Callable[[Path], None]) -> None:
    """The whole site as a ZIP that works from a USB stick (file://): built again by the engine
    with links to files (…/index.html), with the PDFs of the main build. Search needs nothing
    more: its index is a script, and scripts load from file://."""
    tmp = scratch_folder(site_dir, "offline")
    try:
        build_into(tmp)
        if (site_dir / "pdf").is_dir():
            shutil.copytree(site_dir / "pdf", tmp / "pdf")
            fill_sizes(tmp)  # its pages name the PDFs' sizes too
        write_zip(site_dir / layout.OFFLINE_PACK, folder_members(tmp, "hromada-site"))
        fill_sizes(site_dir)  # the pages were finished before the ZIP existed: now it has a size
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


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
