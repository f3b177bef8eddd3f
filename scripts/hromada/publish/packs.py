"""ZIP archives with fixed timestamps and order: the same files give the same archive bytes."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

FIXED_TIME = (2020, 1, 1, 0, 0, 0)
STORED = (".pdf", ".zip", ".png", ".gz")  # compressed already: deflating them again costs time for nothing


def write_zip(target: Path, members: Iterable[tuple[str, Path]]) -> None:
    """`members`: (name inside the archive, file on disk), written in the order given."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if path.suffix.lower() in STORED else zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def folder_members(folder: Path, prefix: str) -> list[tuple[str, Path]]:
    """Every file under `folder`, sorted, named `prefix/<path inside folder>`."""
    return [(f"{prefix}/{p.relative_to(folder).as_posix()}", p) for p in sorted(folder.rglob("*")) if p.is_file()]
