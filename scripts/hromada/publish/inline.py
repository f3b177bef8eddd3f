"""The site's stylesheets written into the pages that load them: on a phone link with 400 ms of
latency every stylesheet in <head> holds the first paint back by a round trip and its transfer
(bench/weight.py --paint: home 1.47 s with the cut stylesheet as a file, 0.71 s inline; a later page
with the file cached 0.51 s, inline 0.73 s). The policy allows inline styles, never inline scripts.

    inline_styles(site, pages, cut) a step of `publish.finish.finish`, after `purge_styles` (whose `Cut`
                                says what of each stylesheet a page can use: only that goes in) and
                                before the offline lists (which then store no stylesheet a page does not load)
    style_element(out, page, href)   <style data-href="…">…</style> for one stylesheet link, or None

<link rel="stylesheet" href="…"> of a file in the site becomes <style data-href="…">, its text, in place
(the cascade keeps its order; data-href says which file it is: the web editor's preview loads the same;
a link in <body> goes to the end of <head>, since <style> may not be in <body>).
A stylesheet that refers to other files (url() other than data:, @import) stays a link: its
addresses are relative to it, not to the page. Not for the offline pack (opened from files: no
round trips, and every page would carry its copy) nor for the live preview.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from hromada.publish.pages import Pages
from hromada.publish.purge import Cut, link_address, page_rels
from hromada.website.prepare import Site

_LINK = re.compile(r"""<link rel="stylesheet" href="([^"]+)">""")
_REFERS = re.compile(r"""@import|url\(\s*(?!["']?(?:data:|#))""", re.I)
_END = re.compile(r"</style", re.I)


@dataclass
class Stylesheets:
    """What the pages' links were found to name, kept for all the pages of a build: a stylesheet's
    text (None: it cannot be moved), and the file a link's address names (pages in many folders
    link one file; resolving it was a quarter of this step)."""

    root: Path  # the output folder, resolved
    texts: dict[Path, str | None] = field(default_factory=dict)
    targets: dict[str, Path | None] = field(default_factory=dict)  # the link's address from the site's root


def inline_styles(site: Site, pages: Pages, cut: Cut | None = None) -> None:
    if site.options.serving:
        return
    out = pages.out
    base = urlsplit(site.urls.site_url).path if site.urls.site_url else "/"
    known: dict[str, frozenset[str]] = {}  # the names of a start tag's text, shared by the pages
    files = Stylesheets(out.resolve())  # read once for all pages
    for rel in page_rels(pages):
        text = pages.text(rel)
        part = None
        if cut is not None:
            names = cut.names(text, known)
            part = lambda rel, names=names: cut.part(rel, names)  # noqa: E731
        pages.update(rel, inlined(out, pages.path(rel), text, base, part, files))


def inlined(out: Path, page: Path, text: str, base: str = "/", part: Callable[[str], str | None] | None = None,
            files: Stylesheets | None = None) -> str:
    """The page with its stylesheet links as <style>: in <head> where they are; one in <body> (the
    case catalogue's, before the catalogue) goes to the end of <head>, where <style> may be, and
    where it still comes after every other style of the page. `part(rel)`: what of the stylesheet at
    `rel` (under `out`) this page can use, None for the whole file."""
    end = text.find("</head>")
    if end < 0:
        return text
    files = Stylesheets(out.resolve()) if files is None else files
    head = _LINK.sub(lambda m: style_element(out, page, m.group(1), base, part, files) or m.group(0), text[:end])
    moved: list[str] = []

    def move(m: re.Match) -> str:
        style = style_element(out, page, m.group(1), base, part, files)
        if style is None:
            return m.group(0)
        moved.append(style)
        return ""

    body = _LINK.sub(move, text[end:])
    return head + "".join(moved) + body


def style_element(out: Path, page: Path, href: str, base: str = "/",
                  part: Callable[[str], str | None] | None = None,
                  files: Stylesheets | None = None) -> str | None:
    """The stylesheet `href` (as written in `page`) as a <style> element (of it, what `part` says the
    page can use); None when it is not a file of the site or cannot be moved (see the module's docstring).
    `files`: the stylesheets read so far (by their path) and the files links named (by the link's
    address from the site's root: pages in many folders link one file)."""
    files = Stylesheets(out.resolve()) if files is None else files
    address = link_address(page, href)
    if address not in files.targets:
        files.targets[address] = resolve(out, page, href, base)
    target = files.targets[address]
    if target is None:
        return None
    if target not in files.texts:
        whole = target.read_text(encoding="utf-8")
        files.texts[target] = None if _REFERS.search(whole) or _END.search(whole) else whole
    whole = files.texts[target]
    if whole is None:
        return None
    css = part(target.relative_to(files.root).as_posix()) if part else None
    return f'<style data-href="{html.escape(href, quote=True)}">{whole if css is None else css}</style>'


def resolve(out: Path, page: Path, href: str, base: str) -> Path | None:
    """The file a stylesheet link names, when it is in the site (a root-relative address under the
    site's own path, as the error page has them, too)."""
    if "://" in href or href.startswith("//") or "?" in href or "#" in href:
        return None
    root = out.resolve()
    if href.startswith("/"):
        prefix = base if base.endswith("/") else base + "/"
        if not href.startswith(prefix):
            return None
        target = root / href[len(prefix):]
    else:
        target = page.parent.resolve() / href
    target = target.resolve()
    return target if target.is_relative_to(root) and target.is_file() and target.suffix == ".css" else None
