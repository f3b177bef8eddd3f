"""Documents read before, kept for the next run in the user's cache (~/.cache/hromada/documents/):
a build or check of a project whose files have not changed decodes, parses and validates no page
again (at 100 pages 0.04 s, and pydantic's validators, built only when a page is validated, 0.03 s more).

    Kept.open(kind, *versions)  the values kept of this kind for these versions (one file each; the
                                project's folder is one of a document's: a project's run keeps its own)
    kept.get(key)               a value kept under `key` by an earlier run, or None
    kept.put(key, value)        a value made in this run
    kept.save()                 this run's values (only those: a deleted page's go) for the next run
    package_version()           a hash of every module of hromada: what a document read depends on

The file's name is a hash of the versions given, so changed code never reads an old entry; the
eight other files used last stay (other projects, another checkout's code, a test's), older ones go.
A store that cannot be read or written costs the reading, nothing else; two runs at once each write
a whole file (the last one stays).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from pathlib import Path

from hromada.resources import read_kept, user_cache, write_kept

KEEP_OTHERS = 8  # other files kept beside this one's, those used last


class Kept:
    def __init__(self, path: Path | None, found: dict[str, object]) -> None:
        self.path = path
        self.found = found  # what the file held
        self.used: dict[str, object] = {}  # what this run read or made, in order

    @classmethod
    def open(cls, kind: str, *versions: str, folder: Path | None = None) -> Kept:
        folder = user_cache(kind) if folder is None else folder
        name = hashlib.sha256("\0".join([sys.version, str(pickle.HIGHEST_PROTOCOL), *versions]).encode()).hexdigest()
        path = folder / f"{name}.pickle"
        loaded = read_kept(path)
        if not isinstance(loaded, dict):
            return cls(path, {})
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the last to go when other files are pruned
        return cls(path, loaded)

    def get(self, key: str) -> object | None:
        value = self.found.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: object) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Written when this run made a value (a key the file lacks) or no longer needs one it held."""
        if self.path is None or self.used.keys() == self.found.keys():
            return
        write_kept(self.path, self.used)
        with contextlib.suppress(OSError):  # the files used longest ago
            others = sorted((p for p in self.path.parent.glob("*.pickle") if p != self.path),
                            key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in others[KEEP_OTHERS:]:
                old.unlink(missing_ok=True)
        self.found = dict(self.used)


def package_version() -> str:
    """A hash of the source of every module of the package (2 ms): any change to the code that reads
    documents, or to the classes they are made of, is a new version."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def document_key(rel: str, raw: bytes) -> str:
    return hashlib.sha256(rel.encode() + b"\0" + raw).hexdigest()
