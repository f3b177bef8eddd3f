"""A file from `hromada new` that is not filled in yet: the template's words are still there, its
sections are empty. It validates (the template is valid on purpose), so without these warnings a
new editor would read «0 errors, 0 warnings» and publish «Назва»."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from hromada.content.diagnostics import Diagnostic, warning
from hromada.content.load import Corpus, Document
from hromada.content.scaffold import PLACEHOLDER_TEXT, PLACEHOLDER_VALUES

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def unfilled_templates(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.documents.values():
        yield from _placeholder_values(doc)
        yield from _body(doc)


def _placeholder_values(doc: Document) -> Iterator[Diagnostic]:
    for path, value in _strings(doc.fm.data, ()):
        if value.strip() in PLACEHOLDER_VALUES:
            line, col = doc.fm.line_of(path)
            yield warning(doc.rel, line, col, "HR081", f"«{_field(path)}» ще не заповнено: тут слова зі зразка («{value.strip()}»)",
                          "замініть їх своїм текстом; приклад заповненого файлу — у довідці для редакторів (docs/redaktoram/)")


def _strings(value: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def _field(path: tuple) -> str:
    """«location, settlement», «lessons, пункт 1»: as people count."""
    return ", ".join(f"пункт {p + 1}" if isinstance(p, int) else str(p) for p in path)


def _body(doc: Document) -> Iterator[Diagnostic]:
    """Sample sentences left in the text, and level-2 sections with nothing under them."""
    lines = doc.fm.body.split("\n")
    in_fence = False
    open_section: tuple[int, str] | None = None  # (line, title) of a «## …» with no text under it yet
    for offset, raw in enumerate(lines):
        line_no = doc.fm.body_line + offset
        if _FENCE.match(raw):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(raw)
        if heading and len(heading.group(1)) <= 2:
            if open_section:
                yield _empty(doc, *open_section)
            open_section = (line_no, heading.group(2)) if len(heading.group(1)) == 2 else None
            continue
        if raw.strip():
            open_section = None  # text or a sub-heading: the section has something
            if raw.strip() in PLACEHOLDER_TEXT:
                yield warning(doc.rel, line_no, 1, "HR081", f"у тексті лишилося речення зі зразка: «{raw.strip()}»",
                              "напишіть замість нього свій текст")
    if open_section:
        yield _empty(doc, *open_section)


def _empty(doc: Document, line: int, title: str) -> Diagnostic:
    return warning(doc.rel, line, 1, "HR082", f"розділ «{title}» порожній",
                   "напишіть текст цього розділу або видаліть заголовок, якщо розділ не потрібен")
