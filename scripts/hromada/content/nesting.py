"""Nested lists as GitHub (CommonMark) reads them, written the way Python-Markdown needs them.

CommonMark puts a line into a list item when it is indented at least to the item's text: 2 spaces
under «- », 3 under «1. », 4 under «10. ». Python-Markdown wants 4 spaces for every level, so a
sub-list indented by 2 or 3 is flattened into its parent list. `nest_lists` moves such lines (and
everything inside them) to where Python-Markdown looks for them, before any engine or the print
converter sees the page. Text nested 4 spaces a level, as Python-Markdown wants it, is left byte
for byte as it is, and so is everything outside lists: fenced and indented code, tables, the bodies
of «!!! note», «??? note» and «=== "Вкладка"» blocks (lists inside those bodies nest the same way).

Only indentation changes, never the number of lines: line numbers stay those of the file.
Not covered: lists inside «>» quotes, and what Python-Markdown itself reads otherwise than GitHub
(an item right after a paragraph inside the item above it, without an empty line between them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

TAB = 4  # Python-Markdown's tab_length: one level of nesting
_ITEM = re.compile(r"(?P<mark>[*+-]|(?P<num>\d{1,9})\.)(?P<gap>[ ]*)(?P<rest>.*)$")
_HR = re.compile(r"([-*_])(?:[ ]*\1){2,}[ ]*$")
# «!!! note», «??? note», «=== "Вкладка"»: blocks whose body is indented by 4
_BLOCK = re.compile(r"(?:!!!|\?\?\?\+?)(?:[ ]|(?=\w))|===[+!]?[ ]+\"")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_QUOTE = ">"


@dataclass(frozen=True)
class _Box:
    """An open list item or indented block: which lines of the file are in it and where they go."""

    inside: int  # a line indented at least this much is in the box (CommonMark: the item's text column)
    source: int  # the file's column that becomes `out`; less indented lines of the box go to `out` too
    out: int     # where its content starts in the output (4 spaces a level, as Python-Markdown wants)
    code: int    # 4 spaces more than this is indented code, which keeps its own indentation
    text: int    # where CommonMark sees the item's text: 4 spaces more is never a sub-list


_ROOT = _Box(0, 0, 0, 0, 0)


@dataclass(frozen=True)
class Placed:
    """One line as it is written out."""

    text: str
    at_start: bool  # the line begins a block at its box's content column (a heading here is one)
    nested: bool    # the line is inside a list item or an indented block


@dataclass
class _State:
    stack: list[_Box]
    block: str | None = None  # "para", "code" or None (after a blank line, a heading, …)
    para_depth: int = 0       # how many boxes hold the open paragraph
    fence: tuple[str, int, int] | None = None  # the open fence: its run of ``` or ~~~, its indent, where it went
    fence_depth: int = 0


def nest_lists(body: str) -> str:
    """`body` with list items' sub-lists and paragraphs indented as Python-Markdown needs."""
    if "\n " not in body and "\n\t" not in body:
        return body  # nothing is indented: nothing can be nested
    return "\n".join(p.text for p in _layout(body))


def nested_block_starts(body: str) -> frozenset[int]:
    """Offsets (0-based) of the lines inside a list item or block that begin a block at its
    content column: what Python-Markdown reads there as a heading, a list, a table."""
    if "\n " not in body and "\n\t" not in body:
        return frozenset()
    return frozenset(i for i, p in enumerate(_layout(body)) if p.nested and p.at_start)


def _layout(body: str) -> Iterator[Placed]:
    """Every line of `body` where Python-Markdown needs it, one after another."""
    state = _State([])
    for raw in body.split("\n"):
        yield _place(state, raw)


def _place(state: _State, raw: str) -> Placed:
    text = raw.expandtabs(TAB) if "\t" in raw else raw
    stripped = text.lstrip(" ")
    indent = len(text) - len(stripped)
    if state.fence is not None:
        placed = _in_fence(state, state.fence, raw, stripped, indent)
        if placed is not None:
            return placed
    if not stripped:
        state.block = None
        return Placed(raw, False, bool(state.stack))
    depth = _depth(state.stack, indent)
    box = state.stack[depth - 1] if depth else _ROOT
    code = indent - box.code >= TAB and indent - box.text >= TAB  # code to both readers
    # CommonMark's reach for every block; Python-Markdown's 4 spaces too for a sub-list, which it nests
    # there, and for a line outside the paragraph's own item, whose item may have moved left of it.
    lenient = _ITEM.match(stripped) is not None or depth < len(state.stack)
    reach = indent - box.text < TAB or (lenient and indent - box.source < TAB)
    starter = reach and _starts_block(stripped, interrupting=state.block == "para" and depth >= state.para_depth)
    if (state.block == "para" and not starter) or (state.block == "code" and depth == len(state.stack) and code):
        # The block goes on, moving as its box did; a lazy line (outside the paragraph's item) stays.
        top = state.stack[-1] if state.stack else _ROOT
        moved = indent if depth < len(state.stack) else indent + top.out - (top.code if code else top.source)
        return Placed(_moved(raw, stripped, moved), False, bool(state.stack))
    del state.stack[depth:]
    out = _column(box, indent, code, snap=depth > 0)
    _open(state, stripped, indent, out, box, code)
    return Placed(_moved(raw, stripped, out), out == box.out, depth > 0)


def _column(box: _Box, indent: int, code: bool, snap: bool) -> int:
    """Where a line that starts a block goes. Inside an item, a block 1–3 spaces further in means the
    same to CommonMark, and Python-Markdown reads a sub-list, heading or note only at the content's start."""
    if code:
        return box.out + indent - box.code
    return box.out if snap else box.out + max(indent - box.source, 0)


def _in_fence(state: _State, fence: tuple[str, int, int], raw: str, stripped: str, indent: int) -> Placed | None:
    """A line of fenced code goes with its fence; None when it closes the fence's list item."""
    run, at, out = fence
    depth = state.fence_depth
    if not stripped or not depth:
        moved = indent  # outside lists code stays byte for byte
    elif indent < state.stack[depth - 1].inside:
        state.fence = None  # CommonMark: the item ends, and its fence with it
        return None
    else:  # CommonMark takes the fence's own indentation off its lines, and no more
        moved = out + max(indent - at, 0)
    if stripped.startswith(run) and not stripped.strip(run[0]).strip():
        state.fence = None
    return Placed(_moved(raw, stripped, moved) if stripped else raw, False, depth > 0)


def _depth(stack: list[_Box], indent: int) -> int:
    """How many open boxes a line indented by `indent` is in."""
    depth = 0
    while depth < len(stack) and indent >= stack[depth].inside:
        depth += 1
    return depth


def _starts_block(stripped: str, interrupting: bool) -> bool:
    """Whether the line starts a block of its own rather than going on with a paragraph."""
    if _HR.match(stripped) or _HEADING.match(stripped) or _FENCE.match(stripped) or _BLOCK.match(stripped):
        return True
    if stripped.startswith(_QUOTE):
        return True
    m = _ITEM.match(stripped)
    if m is None or (m.group("rest") and not m.group("gap")):
        return False
    # Inside a paragraph's own box a list may start only with «1.» or a bullet, and not empty.
    return not interrupting or (bool(m.group("rest")) and m.group("num") in (None, "1"))


def _open(state: _State, stripped: str, indent: int, out: int, box: _Box, code: bool) -> None:
    """What a line that starts a block opens: a list item, a block with a body, a fence, a paragraph."""
    state.para_depth = len(state.stack)
    state.block = "code" if code else "para"
    if code:
        return
    m = None if _HR.match(stripped) else _ITEM.match(stripped)
    if m is not None and (m.group("gap") or not m.group("rest")):
        gap = len(m.group("gap"))
        content = indent + len(m.group("mark")) + (gap if 1 <= gap <= 4 and m.group("rest") else 1)
        state.stack.append(_item(box, indent, content, nested=bool(state.stack)))
        state.para_depth = len(state.stack)
        state.block = "para" if m.group("rest") else None
    elif _BLOCK.match(stripped) and out == box.out:  # Python-Markdown reads it only at the content's start
        state.stack.append(_Box(indent + TAB, indent + TAB, out + TAB, indent + TAB, indent + TAB))
        state.block = None
    elif (fence := _FENCE.match(stripped)) is not None:
        state.fence, state.fence_depth, state.block = (fence.group(1), indent, out), len(state.stack), None
    elif _HR.match(stripped) or _HEADING.match(stripped):
        state.block = None


def _item(box: _Box, indent: int, content: int, nested: bool) -> _Box:
    """The box of a list item whose marker is at `indent` and text at `content`."""
    if not nested:  # a top-level item, as Python-Markdown has always read it: its text 4 spaces in
        return _Box(min(content, TAB), TAB, TAB, TAB, content)
    # A sub-item goes to its parent's content column; its lines keep their place beside its marker.
    # Indented code under it is where the one that sees it as an item expects it: Python-Markdown
    # when the marker is where it wants it, CommonMark when only CommonMark nests it.
    source = indent + TAB
    code = source if indent >= box.source else content
    return _Box(min(content, source), source, box.out + TAB, code, content)


def _moved(raw: str, stripped: str, indent: int) -> str:
    """The line at `indent` spaces (unchanged when it already is there)."""
    current = raw.expandtabs(TAB) if "\t" in raw else raw
    if len(current) - len(stripped) == indent:
        return raw
    return " " * indent + stripped
