"""HTML read as a run of tokens by regular expressions, for the steps that read every built page
(typography, the search index, the stylesheet purge): html.parser's state machine was a third to a
half of what each of them cost a page.

    MARKUP               one token of markup: a comment, a doctype, a start or end tag (groups: "/" of
                         an end tag, the tag name, its attribute text, ">" unless the page ends first)
    RAW_TEXT[name]       the end of an element whose content is raw text (<script>, <style>, …)
    ATTRIBUTE            one attribute of a tag's attribute text: name, then its value double-quoted,
                         single-quoted or bare
    attributes(text)     a tag's attributes as html.parser gives them: names lower case, values
                         unescaped, None for an attribute without a value
    walk(html, reader)   html.parser's callbacks on `reader` (handle_starttag(name, attributes),
                         handle_startendtag, handle_endtag(name), handle_data(unescaped text)), twice
                         as fast; a tag the page ends inside is dropped, as a browser does
"""

from __future__ import annotations

import re
from html import unescape
from types import MappingProxyType
from typing import Protocol

# Unterminated comments, quotes and tags run to the end, as a browser reads them, so a broken page
# is left alone rather than read inside a tag.
MARKUP = re.compile(
    r"<!---?>"
    r"|<!--.*?(?:-->|\Z)"
    r"|<[!?][^>]*>?"
    r"|<(/?)([A-Za-z][^\t\n\f\r />]*)((?:\"[^\"]*(?:\"|\Z)|'[^']*(?:'|\Z)|[^>\"'])*)(>?)",
    re.S,
)
# Their content is raw text up to the closing tag: nothing inside is markup.
RAW_TEXT = MappingProxyType({name: re.compile(rf"</{name}[\t\n\f\r />]", re.I) for name in
                             ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript")})
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def attributes(text: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for m in ATTRIBUTE.finditer(text):
        key, double, single, bare = m.groups()
        value = double if double is not None else single if single is not None else bare
        found[key.lower()] = unescape(value) if value is not None and "&" in value else value
    return found


class Reader(Protocol):
    def handle_starttag(self, tag: str, attrs: dict[str, str | None]) -> None: ...
    def handle_startendtag(self, tag: str, attrs: dict[str, str | None]) -> None: ...
    def handle_endtag(self, tag: str) -> None: ...
    def handle_data(self, data: str) -> None: ...


_CDATA = frozenset({"script", "style"})  # raw text to html.parser (its CDATA_CONTENT_ELEMENTS)


def walk(html: str, reader: Reader) -> None:
    pos, end = 0, len(html)
    while pos < end:
        m = MARKUP.search(html, pos)
        start = m.start() if m else end
        if start > pos:
            text = html[pos:start]
            reader.handle_data(unescape(text) if "&" in text else text)
        if m is None:
            return
        pos = m.end()
        closing, name, rest, closed = m.groups()
        if not name or not closed:  # a comment, a doctype, a tag the page ends inside
            continue
        name = name.lower()
        if closing:
            reader.handle_endtag(name)
        elif rest.endswith("/"):
            reader.handle_startendtag(name, attributes(rest))
        else:
            reader.handle_starttag(name, attributes(rest))
            if name in _CDATA:
                raw_end = RAW_TEXT[name].search(html, pos)
                stop = raw_end.start() if raw_end else end  # unclosed: its text runs to the end
                if stop > pos:
                    reader.handle_data(html[pos:stop])
                pos = stop
