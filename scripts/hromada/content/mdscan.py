"""A light scan of Markdown bodies: headings (with anchors), links, images, steps, words.

Not a Markdown parser: it skips fenced code and inline code and reads the forms editors
use. Each item keeps its line so checks can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from hromada.content.nesting import nested_block_starts
from hromada.text.translit import slugify

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_INLINE_CODE = re.compile(r"`+[^`]*`+")
# [text](target "title") and ![alt](target); target may be in <…>.
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*[\"')])?\s*\)")
_REFDEF = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?$")
_STEP = re.compile(r"\((\d+)\s*хв\.?\)\s*$")
_WORD = re.compile(r"[\w'’ʼ-]+")
_RAW_HTML = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int
    step_minutes: int | None


@dataclass(frozen=True)
class Link:
    target: str
    line: int
    col: int
    image: bool


@dataclass(frozen=True)
class HtmlTag:
    name: str
    attrs: str
    line: int
    col: int


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines outside code: what Markdown's inline parsing works on at once."""

    line: int
    chars: int
    brackets: int  # «[» and «<»: each may start a link or a tag that the parser scans ahead for


@dataclass(frozen=True)
class Depth:
    """The deepest nesting of one kind and where it is."""

    levels: int = 0
    line: int = 0


@dataclass
class Scan:
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    html: list[HtmlTag] = field(default_factory=list)
    words: int = 0
    blocks: list[Block] = field(default_factory=list)
    quote_depth: Depth = Depth()
    indent: Depth = Depth()
    html_depth: Depth = Depth()

    @property
    def anchors(self) -> set[str]:
        return {h.anchor for h in self.headings}

    def steps(self) -> list[Heading]:
        return [h for h in self.headings if h.step_minutes is not None]


_VOID = frozenset({"br", "hr", "img", "input", "wbr", "meta", "link", "source", "col", "area", "base", "embed",
                   "param", "track"})
_QUOTES = re.compile(r"^[ \t]*(?:>[ \t]*)+")


def scan(body: str, first_line: int = 1, count_words: bool = True) -> Scan:
    result = Scan()
    seen: dict[str, int] = {}
    in_fence = False
    block: list[int] = []  # line, chars, brackets of the block being read
    open_tags = 0
    nested = nested_block_starts(body)  # a heading inside a list item or a note is one too, as rendered
    for offset, raw in enumerate(body.split("\n")):
        line_no = first_line + offset
        if _FENCE.match(raw):
            in_fence = not in_fence
            _close(block, result)
            continue
        if in_fence:
            continue
        if not raw.strip():
            _close(block, result)
            continue
        if not block:
            block[:] = [line_no, 0, 0]
        block[1] += len(raw) + 1
        block[2] += raw.count("[") + raw.count("<")
        _deepest(result, "indent", len(raw) - len(raw.lstrip(" \t")), line_no)
        if raw.lstrip().startswith(">"):
            quotes = _QUOTES.match(raw)
            if quotes:
                _deepest(result, "quote_depth", quotes.group(0).count(">"), line_no)
        line = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), raw) if "`" in raw else raw
        if count_words:
            result.words += len(_WORD.findall(line))
        if line.startswith("#") or (offset in nested and line.lstrip(" \t").startswith("#")):
            heading = _HEADING.match(line.lstrip(" \t"))
            if heading:
                result.headings.append(_heading(heading, line_no, seen))
        if "]" in line:
            for m in _LINK.finditer(line):
                result.links.append(Link(m.group(3), line_no, m.start(3) + 1, m.group(1) == "!"))
            ref = _REFDEF.match(line)
            if ref:
                result.links.append(Link(ref.group(2), line_no, ref.start(2) + 1, False))
        if "<" in line:
            for m in _RAW_HTML.finditer(line):
                name = m.group(2).lower()
                if not m.group(1):
                    result.html.append(HtmlTag(name, m.group(3), line_no, m.start() + 1))
                    if name not in _VOID and not m.group(3).rstrip().endswith("/"):
                        open_tags += 1
                        _deepest(result, "html_depth", open_tags, line_no)
                elif open_tags:
                    open_tags -= 1
    _close(block, result)
    return result


def _close(block: list[int], result: Scan) -> None:
    if block:
        result.blocks.append(Block(*block))
        block.clear()


def _deepest(result: Scan, kind: str, levels: int, line: int) -> None:
    if levels > getattr(result, kind).levels:
        setattr(result, kind, Depth(levels, line))


def _heading(m: re.Match[str], line_no: int, seen: dict[str, int]) -> Heading:
    text = m.group(2)
    explicit = _ATTR_ID.search(text)
    if explicit:
        anchor = explicit.group(1)
        text = text[: explicit.start()].rstrip()
    else:
        anchor = slugify(plain(text))
        # Python-Markdown's toc makes repeated anchors unique with _1, _2, …
        if anchor in seen:
            seen[anchor] += 1
            anchor = f"{anchor}_{seen[anchor]}"
    seen.setdefault(anchor, 0)
    step = _STEP.search(text)
    return Heading(len(m.group(1)), text, anchor, line_no, int(step.group(1)) if step else None)


def plain(text: str) -> str:
    """Heading text as the toc extension sees it: without Markdown emphasis and links."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text)


def map_outside_code(body: str, fn: Callable[[str], str]) -> str:
    """Apply `fn` to every line that is not inside a fenced code block."""
    out: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            line = fn(line)
        out.append(line)
    return "\n".join(out)


def rewrite_links(body: str, fix: Callable[[str], str | None]) -> str:
    """Replace link targets outside code: `fix(target)` returns a new target or None to keep it."""
    out: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and ("](" in line or _REFDEF.match(line)):
            line = _rewrite_line(line, fix)
        out.append(line)
    return "\n".join(out)


def _rewrite_line(line: str, fix: Callable[[str], str | None]) -> str:
    code_spans = [m.span() for m in _INLINE_CODE.finditer(line)]

    def in_code(pos: int) -> bool:
        return any(a <= pos < b for a, b in code_spans)

    def repl(m: re.Match[str], group: int) -> str:
        if in_code(m.start()):
            return m.group(0)
        new = fix(m.group(group))
        if new is None:
            return m.group(0)
        a, b = m.span(group)
        return m.group(0)[: a - m.start()] + new + m.group(0)[b - m.start() :]

    ref = _REFDEF.match(line)
    if ref:
        return repl(ref, 2)
    return _LINK.sub(lambda m: repl(m, 3), line)
