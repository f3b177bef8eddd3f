"""The built site's HTML files, held for the finishing steps of `publish.finish.finish`: read once
when they begin, changed in memory by each step (the policy, the download sizes, the styles, the web
app's tags), written once at the end, and only the files that changed. Each step reading and
writing every page itself was four reads and four writes of each page (at 500 pages 85 KB each).

    pages = Pages.read(out)      every *.html under `out`, in the order of sorted paths
    Pages.read(out, since_ns)    those written since then (a live preview's rebuild)
    pages.text(rel)              a page's HTML as the steps so far left it
    pages.update(rel, text)      a step's change
    pages.write()                the changed pages to their files; what a later reader sees
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SLACK_NS = 200_000_000  # 0.2 s: reading a page more costs little, leaving one unfinished shows a wrong page


@dataclass
class Pages:
    out: Path
    texts: dict[str, str]  # path under `out` → HTML
    changed: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, out: Path, since_ns: int | None = None) -> Pages:
        """`since_ns`: only the files written since then (a live preview's rebuild writes the pages that
        changed; the others were finished by an earlier one). A file's time comes from a coarse clock
        that can lag the moment it was written by a tick: anything SLACK_NS before counts too."""
        paths = sorted(out.rglob("*.html"))  # one order whatever the file system lists first: the steps' output follows it
        if since_ns is not None:
            paths = [p for p in paths if p.stat().st_mtime_ns >= since_ns - SLACK_NS]
        return cls(out, {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in paths})

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)

    def __contains__(self, rel: object) -> bool:
        return rel in self.texts

    def text(self, rel: str) -> str:
        return self.texts[rel]

    def path(self, rel: str) -> Path:
        return self.out / rel

    def update(self, rel: str, text: str) -> None:
        if text != self.texts[rel]:
            self.texts[rel] = text
            self.changed.add(rel)

    def write(self) -> int:
        """The pages changed since they were read (or last written); how many."""
        for rel in sorted(self.changed):
            (self.out / rel).write_text(self.texts[rel], encoding="utf-8")
        count, self.changed = len(self.changed), set()
        return count
