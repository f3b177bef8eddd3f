"""ZIP archives with fixed timestamps and order: the same files give the same archive bytes."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

FIXED_TIME = (2020, 1, 1, 0, 0, 0)
STORED = (".pdf", ".zip", ".png", ".gz")  # compressed already: deflating them again costs time for nothing


def write_zip(target: Path, members: Iterable[tuple[str, Path | bytes]]) -> None:
    """`members`: (name inside the archive, file on disk or its bytes), written in the order given."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, source in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if PurePosixPath(name).suffix.lower() in STORED else zipfile.ZIP_DEFLATED
            archive.writestr(info, source if isinstance(source, bytes) else source.read_bytes())
