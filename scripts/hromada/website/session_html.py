"""A session's HTML cut into its parts (content/session_parts.py): each part in a <section> that says
who it is for, so that the page, the session PDF and the facilitator guide show the same split."""

from __future__ import annotations

import html
import re

from hromada.content.session_parts import COPIES_LABELS, WHERE_PRINTED, Part, kind_of, same_title

_H2 = re.compile(r"(?=<h2[\s>])")
_H3 = re.compile(r"(?=<h3[\s>])")
_H2_TEXT = re.compile(r"<h2[^>]*>(.*?)</h2>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_MARKER = "<!--hromada:"
_ROW = re.compile(r"<tr>((?:(?!</tr>).)*)</tr>", re.S)
_EMPTY_CELL = re.compile(r"<td(?:\s[^>]*)?>(?:\s|&nbsp;|\u00a0)*</td>")  # generated parts after the text stay outside the last part


def heading_text(chunk: str) -> str:
    m = _H2_TEXT.match(chunk)
    return html.unescape(_TAGS.sub("", m.group(1))).replace("¶", "").strip() if m else ""


def mark_parts(content: str, parts: list[Part], print_labels: bool = False) -> str:
    """Wrap each level-2 part of a session's HTML: `hromada-part--handout` (with how many copies)
    or `hromada-part--trainer`. The introduction before the first heading stays as it is."""
    chunks = _H2.split(content)
    out = [chunks[0]]
    tail = ""  # what is generated after the text (the key points) goes before the first handout
    first_handout = None
    for chunk in chunks[1:]:
        title = heading_text(chunk)
        kind = kind_of(title)
        part = next((p for p in parts if same_title(p.title, title)), None)
        if _MARKER in chunk:
            at = chunk.index(_MARKER)
            chunk, tail = chunk[:at], chunk[at:]
        if kind is None or kind.audience != "handout":
            out.append(f'<section class="hromada-part hromada-part--trainer">{chunk}</section>')
            continue
        copies = (part.copies if part else None) or kind.copies or "participant"
        label = f"Роздатковий матеріал: {COPIES_LABELS[copies]}; {WHERE_PRINTED[copies]}"
        note = "" if print_labels else f'<p class="hromada-part__label">{html.escape(label)}.</p>'
        heading_end = chunk.find("</h2>") + len("</h2>")
        inner = handout_html(chunk[heading_end:], cards=kind.prefix == "Картки")
        first_handout = len(out) if first_handout is None else first_handout
        out.append(f'<section class="hromada-part hromada-part--handout" data-copies="{copies}">'
                   f"{chunk[:heading_end]}{note}{inner}</section>")
    if tail:
        out.insert(len(out) if first_handout is None else first_handout, tail)
    return "".join(out)


def writing_rows(content: str) -> str:
    """Table rows with an empty cell are for writing in by hand: `tr.write` (print.css makes them tall)."""
    return _ROW.sub(lambda m: f'<tr class="write">{m.group(1)}</tr>' if _EMPTY_CELL.search(m.group(1)) else m.group(0), content)


def handout_html(content: str, cards: bool) -> str:
    """A handout's HTML for paper: tall rows where there is writing to do; cards (each a level-3
    heading and its text) in boxes with cutting lines."""
    content = writing_rows(content)
    if not cards:
        return content
    chunks = _H3.split(content)
    # Named apart from the catalogue's case cards (.hromada-card), whose styles are small print;
    # one wrapper so that the rows of cards are lines that may break anywhere (orphans/widows 1).
    cutouts = "".join(f'<div class="hromada-cutout">{c}</div>' for c in chunks[1:])
    return f'{chunks[0]}<div class="hromada-cutouts">{cutouts}</div>'
