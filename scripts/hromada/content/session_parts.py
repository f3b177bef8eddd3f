"""Who a session's parts are for: the split behind the participant workbook, the handout pack,
the facilitator guide, the session PDF and the session page.

A session's text is cut at its level-2 headings. Each part's heading names what it is:
«Хід заняття» and «Запитання для обговорення» are the trainer's script; «Робочий аркуш…»,
«Бланк…», «Пам'ятка…» are handed to every participant; «Картки…» are cut out, one set per group.
The text before the first heading introduces the session to whoever leads it. A heading that
names none of these is treated as the trainer's (never shown to participants by mistake) and
`hromada check` says so (HR063).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from hromada.content.mdscan import plain

if TYPE_CHECKING:
    from hromada.content.load import Document

Audience = Literal["trainer", "handout"]
Copies = Literal["participant", "group", "one"]
COPIES: tuple[Copies, ...] = ("participant", "group", "one")
COPIES_LABELS: Mapping[str, str] = MappingProxyType({
    "participant": "по одному на кожного учасника й учасницю",
    "group": "один набір на кожну групу",
    "one": "один примірник на тренінг",
})
WHERE_PRINTED: Mapping[str, str] = MappingProxyType({
    "participant": "є в робочому зошиті й у роздаткових матеріалах тренінгу",
    "group": "друкують і розрізають із роздаткових матеріалів тренінгу; у робочий зошит не входить",
    "one": "друкують із роздаткових матеріалів тренінгу; у робочий зошит не входить",
})
INTRO = ""  # the title of the part before the first heading


@dataclass(frozen=True)
class PartKind:
    prefix: str  # a heading that starts with this (case does not matter) is such a part
    audience: Audience
    copies: Copies | None = None  # handouts: how many to photocopy unless the session says otherwise


PART_KINDS: tuple[PartKind, ...] = (
    PartKind("Хід заняття", "trainer"),
    PartKind("Запитання для обговорення", "trainer"),
    PartKind("Джерела", "trainer"),
    PartKind("Робочий аркуш", "handout", "participant"),
    PartKind("Бланк", "handout", "participant"),
    PartKind("Анкета", "handout", "participant"),
    PartKind("Пам'ятка", "handout", "participant"),
    PartKind("Картки", "handout", "group"),
)
KNOWN_HEADINGS = tuple(k.prefix for k in PART_KINDS)

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_H2 = re.compile(r"^##(?!#)\s+(.+?)\s*#*\s*$")
_BOLD_OPENING = re.compile(r"\*\*(?!\s)(.+?)(?<!\s)\*\*")
_APOSTROPHES = MappingProxyType(str.maketrans({"’": "'", "ʼ": "'", "`": "'"}))


@dataclass(frozen=True)
class Part:
    title: str  # the heading's text; INTRO for the text before the first heading
    kind: PartKind | None  # None: the introduction, or a heading that names no known part
    line: int  # of the heading in the file (the introduction: of its first line)
    text: str  # the part's Markdown, its heading included
    copies: Copies | None = None

    @property
    def audience(self) -> Audience:
        return self.kind.audience if self.kind else "trainer"

    @property
    def is_handout(self) -> bool:
        return self.audience == "handout"

    @property
    def for_participants(self) -> bool:
        """In the participant's workbook: handouts each participant gets (not group cards)."""
        return self.is_handout and self.copies == "participant"

    @property
    def name(self) -> str:
        """The heading, and what the part itself is called when it opens with a bold line, as every
        worksheet does («Робочий аркуш: Бюджет міні-проєкту»): a list of what to copy then tells
        33 worksheets apart without the session beside them."""
        opening = next((line.strip() for line in self.text.split("\n")[1:] if line.strip()), "")
        m = _BOLD_OPENING.match(opening)
        if self.title == INTRO or not m:
            return self.title
        called = plain(m.group(1)).strip(" .:")  # «**Полотно** (заповнюйте знизу вгору)»: the note after it is not its name
        return f"{self.title}: {called}" if called and not same_title(called, self.title) else self.title


def kind_of(title: str) -> PartKind | None:
    key = title.translate(_APOSTROPHES).strip().lower()
    for kind in PART_KINDS:
        if key.startswith(kind.prefix.lower()):
            return kind
    return None


def split(body: str, first_line: int = 1, copies: Mapping[str, str] | None = None) -> list[Part]:
    """The parts of a session body in order. `copies` (front matter) overrides a handout's default."""
    chunks: list[tuple[str, int, list[str]]] = [(INTRO, first_line, [])]
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
        m = None if in_fence else _H2.match(line)
        if m:
            chunks.append((m.group(1).strip(), first_line + offset, [line]))
        else:
            chunks[-1][2].append(line)
    overrides = {_key(k): v for k, v in (copies or {}).items()}
    parts = []
    for title, line, lines in chunks:
        text = "\n".join(lines)
        if title == INTRO and not text.strip():
            continue
        kind = kind_of(title) if title != INTRO else None
        count = overrides.get(_key(title), kind.copies if kind else None) if kind and kind.audience == "handout" else None
        parts.append(Part(title, kind, line, text, count))  # type: ignore[arg-type]
    return parts


def handouts(parts: list[Part]) -> list[Part]:
    return [p for p in parts if p.is_handout]


def _key(title: str) -> str:
    return " ".join(title.translate(_APOSTROPHES).lower().split())


def same_title(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def of_session(doc: Document) -> list[Part]:
    """A loaded session's parts (an invalid one's: every heading with default copies)."""
    copies = getattr(doc.model, "copies", None) or {}
    return split(doc.fm.body, doc.fm.body_line, copies)
