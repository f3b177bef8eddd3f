"""The theme's stylesheet cut down to what this site shows. Material's main.*.min.css is 137 KB
(23 KB gzip), blocks the first paint of every page, and mostly styles what these pages never have
(other admonition types, tabs, grids, right to left, the icons of those).

    purge_styles(site, pages)  a step of `publish.finish.finish` once every page is finished, before the
                               offline lists and the pack (which must get the cut stylesheet)

Every theme stylesheet the pages link (under assets/stylesheets/; ours under assets/hromada/ stay
whole) is written again under the same name, its rules in their order, a rule kept whole when one
selector of it can match:

- an element of a built page. The selector is loosened first (`sheets.loosen`): pseudo-classes and
  pseudo-elements out, `[open]` out, `:is()`/`:where()` loosened inside, so that a state (:hover,
  :focus, :checked of the drawer and search toggles, :target, an open <details>) counts as reached;
  then cssselect2 matches it over each page's element tree (`tree`);
- an element our scripts (out/assets/hromada/*.js) may make or change: a selector that names a word of
  their string literals, a property they set (`.hidden`) or a `dataset` key, whose other names are all
  in some page;
- anything `loosen` does not understand (a namespace, nesting): kept;
- a selector whose names are all on `TRIES` pages: kept without a tree (it may match, and keeping a
  rule is the safe mistake). A page's names are read from its start tags (`quick_names`); a tree is
  built only for a page where a selector with its names on fewer pages, not matched yet, has them,
  so a big site costs little more than a small one.

Kept besides: @font-face, @page, @charset and any at-rule not known here; the rules of :root and
[data-md-color-*] that set custom properties only; of the custom properties in kept rules, those that a
kept declaration, our stylesheets or scripts, or a page's style attribute read (directly or through
another property: Mermaid's and unused icons' go); @keyframes a kept rule or our stylesheets name; @media and @supports
that still hold a rule (print as the screen). The source map goes: it maps the whole file.

The stylesheets are read as plain values made once per text (publish/sheets.py, kept in the user's
cache): their rules' texts, selectors loosened, declarations and what they read.

`purge_styles` returns a `Cut`: every linked stylesheet (ours too, whose files stay whole) as the
pieces of its kept rules; `Cut.for_page` gives what one page can use of it (a rule goes when none of
its selectors has all its names on the page or in our scripts), and that is what the page carries.

The name stays. Online the pages carry their part of it inline (publish/inline.py, the next step);
the offline pack links it; and had a page still linked it, the service worker refreshes a stored file by
its URL (assets/sw.js), so the page and its stylesheet are refreshed together, whereas under a new name
a stored page could ask for a stylesheet never stored. The web editor's preview shows content before
it is built: it gets the whole stylesheet, a copy beside it (`editor_copy`, online builds only: the
offline pack has no editor). Not in the live preview, which writes only the pages that changed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from types import MappingProxyType
from xml.etree import ElementTree

import cssselect2

from hromada.publish.pages import Pages
from hromada.publish.sheets import AtRule, Block, Probe, Sheet, Style, compiled
from hromada.text import markup
from hromada.website.prepare import Site

THEME_CSS = "assets/stylesheets/"
OURS = "assets/hromada"  # our scripts and stylesheets, as published
SKIP = ("admin/",)  # the web editor's page is not the site's
EDITOR_MARK = ".full"  # main.X.min.css → main.X.full.min.css: the whole of it, for the editor's preview
TRIES = 12  # pages with all the names a selector needs, on none of which it matched: kept from then on
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
_P_ENDS = frozenset({"address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
                     "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
                     "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul"})
_ROW_ENDS = frozenset({"tr", "tbody", "thead", "tfoot"})
# An open element of the key's kind ends where one of these starts (HTML's optional end tags).
ENDED_BY = MappingProxyType({
    "p": _P_ENDS, "li": frozenset({"li"}), "dt": frozenset({"dt", "dd"}), "dd": frozenset({"dt", "dd"}),
    "option": frozenset({"option", "optgroup"}), "tr": _ROW_ENDS, "td": _ROW_ENDS | {"td", "th"},
    "th": _ROW_ENDS | {"td", "th"}, "thead": frozenset({"tbody", "tfoot"}), "tbody": frozenset({"tbody", "tfoot"})})

_LINK = re.compile(r"""<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>""", re.I)
_HREF = re.compile(r"""\bhref=["']([^"']+)["']""", re.I)
_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`""")
_WORD = re.compile(r"-?[A-Za-z_][\w-]*")
_MEMBER = re.compile(r"\.([A-Za-z_]\w*)")
_DATASET = re.compile(r"\bdataset\.([A-Za-z_]\w*)")
_CAMEL = re.compile(r"[A-Z]")
_PROPERTY = re.compile(r"--[A-Za-z0-9_-]+")
_TAG = re.compile(r"""<[A-Za-z][A-Za-z0-9-]*(?:[^>"']+|"[^"]*"|'[^']*')*""")  # a start tag, without its ">"
_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")


@dataclass(frozen=True)
class Usage:
    """What the pages and scripts can show: the probes that matched an element of a page, every name in
    some page, every name our scripts may set, custom properties pages and our files mention."""

    matched: frozenset[str]
    seen: frozenset[str]
    scripted: frozenset[str]
    properties: frozenset[str] = frozenset()
    pages: tuple[frozenset[str], ...] = field(default=(), compare=False, repr=False)  # each page's names, in order

    def keeps(self, probe: Probe | None) -> bool:
        return probe is None or probe.css in self.matched or self.scriptable(probe)

    def scriptable(self, probe: Probe) -> bool:
        """A script names part of it and the pages have the rest."""
        touched = False
        for need in probe.needs:
            if need in self.scripted or need.split("=", 1)[0] in self.scripted:
                touched = True
            elif need not in self.seen:
                return False
        return touched


@dataclass(frozen=True)
class Cut:
    """Every stylesheet of the site the pages link (the theme's, cut in its file; ours, whose files
    stay whole) as the `Piece`s of its kept rules, and the names our scripts may set: what
    publish/inline.py needs to write into each page only the part of a stylesheet it can use.
    `parts` remembers a part by the names it was made for (pages of a kind share it)."""

    sheets: MappingProxyType
    scripted: frozenset[str] = frozenset()
    vocabulary: frozenset[str] = frozenset()  # every name a piece wants: the only names a part depends on
    parts: dict[tuple[str, frozenset[str]], str] = field(default_factory=dict, compare=False, repr=False)
    read: Mapping[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)  # page text → names, as the scan read them

    def names(self, html: str, known: dict[str, frozenset[str]] | None = None) -> frozenset[str]:
        """What a page has (and our scripts may add) of the names the pieces want. A page the
        scan read is not read again (a text keeps its hash: the lookup costs nothing); a page
        changed since (home, with the offline pack's size) is."""
        found = self.read.get(html)
        if found is None:
            found = quick_names(_TAG.findall(html), known)
        return frozenset((found | self.scripted) & self.vocabulary)

    def part(self, rel: str, names: frozenset[str]) -> str | None:
        """The part of stylesheet `rel` (a path under the output folder) that a page with `names`
        (`Cut.names`) can use; None when it is not one of the site's linked stylesheets."""
        sheet = self.sheets.get(rel)
        if sheet is None:
            return None
        key = (rel, names)
        if key not in self.parts:
            self.parts[key] = for_page(sheet, names)
        return self.parts[key]


def cut_of(sheets: dict[str, tuple[Piece, ...]], scripted: frozenset[str],
           read: Mapping[str, frozenset[str]] | None = None) -> Cut:
    wanted: set[str] = set()
    todo = [piece for sheet in sheets.values() for piece in sheet]
    while todo:
        piece = todo.pop()
        wanted.update(name for want in piece.wants or () for name in want)
        todo.extend(piece.inner or ())
    return Cut(MappingProxyType(dict(sheets)), scripted, frozenset(wanted), read=dict(read or {}))


def purge_styles(site: Site, pages: Pages) -> Cut | None:
    """Cut the theme's stylesheets in place, and say what of every linked stylesheet each page can use."""
    if site.options.serving:
        return None
    out = pages.out
    rels = page_rels(pages)
    texts = [pages.text(rel) for rel in rels]
    linked = linked_sheets(out, [out / rel for rel in rels], texts)
    sheets = [rel for rel in linked if rel.startswith(THEME_CSS)]
    if not linked:
        return None
    sources = {rel: source_of(out, rel) for rel in linked}
    ours = [p.read_text(encoding="utf-8") for p in sorted((out / OURS).glob("*.js"))]
    styles = [p.read_text(encoding="utf-8") for p in sorted((out / OURS).glob("*.css"))]
    made = compiled([*sources.values(), *styles])  # our linked stylesheets are among `styles`: read once
    parsed = {rel: made[text] for rel, text in sources.items()}
    probes = [p for sheet in parsed.values() for p in probes_of(sheet.rules) if p is not None]
    usage = scan(texts, probes, ours, styles)
    extra = frozenset().union(*(made[css].idents for css in styles))
    cut = {rel: sheet_pieces(parsed[rel], usage, extra) for rel in linked}
    for rel in sheets:
        editor = out / editor_copy(rel)  # the offline pack leaves it out (publish/offline.py)
        if not editor.is_file():
            editor.write_text(sources[rel], encoding="utf-8")
        (out / rel).write_text(for_page(cut[rel], None), encoding="utf-8")  # `purge`'s text, from the pieces made once
        (out / (rel + ".map")).unlink(missing_ok=True)
    return cut_of(cut, usage.scripted, dict(zip(texts, usage.pages, strict=True)))


def editor_copy(rel: str) -> str:
    """Where the whole stylesheet is kept for the web editor: assets/stylesheets/main.X.full.min.css."""
    for suffix in (".min.css", ".css"):
        if rel.endswith(suffix):
            return rel.removesuffix(suffix) + EDITOR_MARK + suffix
    return rel + EDITOR_MARK


def source_of(out: Path, rel: str) -> str:
    """The whole stylesheet: the editor's copy if an earlier run of this step cut it already."""
    editor = out / editor_copy(rel)
    text = (editor if editor.is_file() else out / rel).read_text(encoding="utf-8")
    return _SOURCE_MAP.sub("", text)


def readers_page(rel: str) -> bool:
    """A page of the site's readers (not the web editor's), by its path under the output folder."""
    return not rel.startswith(SKIP)


def page_files(out: Path) -> list[Path]:
    """The readers' pages on disk (the tests read them there)."""
    return [p for p in sorted(out.rglob("*.html")) if readers_page(p.relative_to(out).as_posix())]


def page_rels(pages: Pages) -> list[str]:
    """The readers' pages of those held in memory."""
    return [rel for rel in pages if readers_page(rel)]


def linked_sheets(out: Path, pages: Iterable[Path], texts: Iterable[str] | None = None) -> list[str]:
    """The stylesheets of the site the pages link (the theme's under assets/stylesheets/, ours under
    assets/hromada/), as paths under `out`; `texts`: the pages' HTML, when read already."""
    found: set[str] = set()
    root = out.resolve()
    pages = list(pages)
    texts = list(texts) if texts is not None else [p.read_text(encoding="utf-8") for p in pages]
    looked_up: set[str] = set()  # link addresses from the root: 500 pages in 500 folders link 3 files
    for path, text in zip(pages, texts, strict=True):
        for tag in _LINK.findall(text):
            m = _HREF.search(tag)
            href = m.group(1).split("?", 1)[0].split("#", 1)[0] if m else ""
            if not href or "://" in href or href.startswith("//"):
                continue
            address = link_address(path, href)
            if address in looked_up:
                continue
            looked_up.add(address)
            target = (root / href.lstrip("/") if href.startswith("/") else path.parent.resolve() / href).resolve()
            rel = target.relative_to(root).as_posix() if target.is_relative_to(root) and target.is_file() else ""
            if rel.startswith((THEME_CSS, OURS + "/")) and rel.endswith(".css") and EDITOR_MARK + "." not in rel:
                found.add(rel)
    return sorted(found)


def link_address(page: Path, href: str) -> str:
    """The file a link of `page` names, as a path written out (not resolved): pages in many folders
    linking one file give one address, so it is looked up once."""
    return href if href.startswith("/") else os.path.normpath(os.path.join(page.parent, href))


# ---- pages and scripts ----------------------------------------------------------------------------

class _TreeBuilder:
    """An element tree of a page, as the HTML parser builds it for markup that closes what it opens
    (ours and MkDocs' templates, content after nh3): void elements, optional end tags, a table row's
    tbody. tests/test_purge.py checks that every built page gives tinyhtml5's tree; ten times faster.
    Read by markup.walk."""

    def __init__(self) -> None:
        self.root = ElementTree.Element("html")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: dict[str, str | None]) -> None:
        values = {k: v or "" for k, v in attrs.items()}
        if tag == "html" and len(self.stack) == 1:
            self.root.attrib.update(values)
            return
        while len(self.stack) > 1 and tag in ENDED_BY.get(self.stack[-1].tag, ()):
            self.stack.pop()
        if tag == "tr" and self.stack[-1].tag == "table":
            self.stack.append(ElementTree.SubElement(self.stack[-1], "tbody"))
        element = ElementTree.SubElement(self.stack[-1], tag, values)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()  # <path/> inside an <svg>

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        pass  # selectors match elements, not their text


def tree(html: str) -> ElementTree.Element:
    """The page's <html> element (with <head> and <body> as the page has them)."""
    builder = _TreeBuilder()
    markup.walk(html, builder)
    root = builder.root
    for name in ("head", "body"):
        if root.find(name) is None:
            ElementTree.SubElement(root, name)
    return root


def names_of(root: ElementTree.Element) -> set[str]:
    """Every element, class, id and attribute (with its value) in the tree, lower case."""
    names: set[str] = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        names.add("tag:" + element.tag.rpartition("}")[2].lower())
        for key, value in element.attrib.items():
            name = key.rpartition("}")[2].lower()
            names.add("attr:" + name)
            names.add(f"attr:{name}={value.lower()}")
            if name == "class":
                names.update("class:" + c for c in value.lower().split())
            elif name == "id":
                names.add("id:" + value.lower())
    return names


def quick_names(tags: Iterable[str], known: dict[str, frozenset[str]] | None = None) -> set[str]:
    """`names_of(tree(html))` or more, from the text of its start tags (`_TAG.findall(html)`; a tree
    costs 5 ms a page, this a fraction of it): a tag in a comment or a script counts too, which at
    worst keeps a rule more. `known`: the names of a tag's text already read (the header, menu and
    footer repeat on every page)."""
    known = {} if known is None else known
    names = {"tag:html", "tag:head", "tag:body"}
    for tag in tags:
        found = known.get(tag)
        if found is None:
            found = known[tag] = tag_names(tag)
        names |= found
    if "tag:tr" in names:
        names.add("tag:tbody")  # the tree puts a row of a table straight in it into one
    return names


def tag_names(tag: str) -> frozenset[str]:
    """The names of one start tag's text («<a class="x y" href="…"»)."""
    tag_name = _TAG_NAME.match(tag, 1).group(0)
    names = {"tag:" + tag_name.lower()}
    rest = tag[1 + len(tag_name):]
    for key, double, single, bare in markup.ATTRIBUTE.findall(rest):
        key = key.lower()
        value = unescape(double or single or bare).lower()
        names.add("attr:" + key)
        names.add(f"attr:{key}={value}")
        if key == "class":
            names.update("class:" + c for c in value.split())
        elif key == "id":
            names.add("id:" + value)
    return frozenset(names)


def script_names(scripts: Iterable[str]) -> frozenset[str]:
    """Names our scripts may give an element, as any kind of name: words of their string literals
    (class names, tags, attributes, markup), properties they set (`.hidden`), dataset keys."""
    words: set[str] = set()
    for source in scripts:
        for m in _STRING.finditer(source):
            words.update(w.lower() for w in _WORD.findall(next(g for g in m.groups() if g is not None)))
        words.update(w.lower() for w in _MEMBER.findall(source))
        words.update("data-" + _CAMEL.sub(lambda c: "-" + c.group(0).lower(), key) for key in _DATASET.findall(source))
    return frozenset(f"{kind}:{w}" for w in words for kind in ("class", "id", "tag", "attr"))


def scan(pages: Iterable[str], probes: Iterable[Probe], scripts: Iterable[str] = (), styles: Iterable[str] = (),
         tries: int = TRIES) -> Usage:
    """What the pages (their HTML) and scripts can show. A probe is kept (in `Usage.matched`) when it
    matches an element of a page, when cssselect2 cannot compile it, or when `tries` pages have every
    name it needs: trying those pages one by one would make this step half of a 2000-page build (32 s
    of 83), and keeping a rule is the safe mistake. So the pages' names are read first (cheap, from
    their start tags) and a tree is built only for a page where a probe with its names on fewer pages
    may match: 4 trees for 100 pages, where trying each probe until it matched or had failed
    `tries` times took 28 (the same probes kept)."""
    pages, scripts = list(pages), list(scripts)
    waiting = sorted(set(probes), key=lambda p: p.css)
    matched: set[str] = set()
    seen: set[str] = set()
    properties = {name for text in [*scripts, *styles] for name in _PROPERTY.findall(text)}
    found_on: dict[str, list[int]] = {}  # a probe's pages with all its names, up to `tries` of them
    known: dict[str, frozenset[str]] = {}
    read: list[frozenset[str]] = []
    for number, html in enumerate(pages):
        tags = _TAG.findall(html)
        names = frozenset(quick_names(tags, known))
        read.append(names)
        seen |= names
        properties.update(p for tag in tags if "--" in tag and "style" in tag for p in _PROPERTY.findall(tag))
        common = False
        for p in waiting:
            if p.needs <= names:
                on = found_on.setdefault(p.css, [])
                on.append(number)
                if len(on) >= tries:
                    matched.add(p.css)
                    common = True
        if common:
            waiting = [p for p in waiting if p.css not in matched]
    to_try: dict[int, list[tuple[str, list]]] = {}
    for css, on in found_on.items():
        if css in matched:
            continue
        selectors = compiled_or_none(css)
        if selectors is None:
            matched.add(css)
            continue
        for number in on:
            to_try.setdefault(number, []).append((css, selectors))
    for number in sorted(to_try):
        here = [(css, selectors) for css, selectors in to_try[number] if css not in matched]
        if here:  # none left once each kind of page has been seen
            matched |= matches(tree(pages[number]), here)
    return Usage(frozenset(matched), frozenset(seen), script_names(scripts), frozenset(properties), tuple(read))


def compiled_or_none(css: str) -> list | None:
    try:
        return cssselect2.compile_selector_list(css)
    except (cssselect2.SelectorError, ValueError, KeyError, IndexError):
        return None


def matches(root: ElementTree.Element, probes: list[tuple[str, list]]) -> set[str]:
    """The probes (css, compiled) that match an element of the tree."""
    matcher = cssselect2.Matcher()
    for css, selectors in probes:
        for selector in selectors:
            matcher.add_selector(selector, css)
    found: set[str] = set()
    for element in cssselect2.ElementWrapper.from_html_root(root).iter_subtree():
        found.update(m[3] for m in matcher.match(element))
    return found


# ---- the stylesheet ------------------------------------------------------------------------------

def probes_of(rules: Iterable) -> Iterator[Probe | None]:
    """Every selector of a `Sheet`'s rules, loosened (None: not understood)."""
    for rule in rules:
        if isinstance(rule, Style):
            yield from rule.probes
        elif isinstance(rule, Block):
            yield from probes_of(rule.rules)


def purge(sheet: Sheet, usage: Usage, extra: frozenset[str] = frozenset()) -> str:
    """The stylesheet with what `usage` can show; @keyframes that a kept rule or `extra` names: every
    piece of `sheet_pieces`, which is what `purge_styles` writes."""
    return for_page(sheet_pieces(sheet, usage, extra), None)


def final_rules(sheet: Sheet, usage: Usage, extra: frozenset[str]) -> list:
    """`kept_rules` without the @keyframes that no kept rule nor `extra` names."""
    kept = kept_rules(sheet.rules, usage)
    named = set(extra)
    for rule in walk(kept):
        if isinstance(rule, Style):
            for d in rule.declarations:
                named |= d.animations
    return [r for r in kept if not isinstance(r, AtRule) or r.keyframes is None or r.keyframes in named]


@dataclass(frozen=True)
class Piece:
    """A rule of the cut stylesheet as text, and which pages need it: None, every page (an at-rule,
    custom properties of :root, a selector not understood); else a page that has every name of one
    of `wants` (a selector's `Probe.needs`) or gets it from our scripts. Of an @media, `text` opens
    it and `inner` are its rules."""

    text: str
    wants: tuple[frozenset[str], ...] | None = None
    inner: tuple[Piece, ...] | None = None


def sheet_pieces(sheet: Sheet, usage: Usage, extra: frozenset[str] = frozenset()) -> tuple[Piece, ...]:
    """The rules `purge` keeps, as pieces: `for_page(pieces, every name)` is `purge`'s text."""
    kept = final_rules(sheet, usage, extra)
    return pieces(kept, usage, used_properties(kept, usage.properties))


def pieces(kept: Iterable, usage: Usage, properties: frozenset[str]) -> tuple[Piece, ...]:
    found: list[Piece] = []
    for rule in kept:
        if isinstance(rule, Block):
            inner = pieces(rule.rules, usage, properties)
            if inner:
                found.append(Piece(rule.opening, None, inner))
            continue
        text = serialize(rule, properties)
        if not text:
            continue
        if not isinstance(rule, Style) or rule.always:
            found.append(Piece(text))
            continue
        wants = None if None in rule.probes else tuple(p.needs for p in rule.probes if usage.keeps(p))
        found.append(Piece(text, wants))
    return tuple(found)


def for_page(sheet: Iterable[Piece], names: frozenset[str] | set[str] | None) -> str:
    """The part of a cut stylesheet a page with these names (its own and our scripts') can use: a
    rule none of whose selectors has all its names there cannot match anything of that page.
    None: every piece (the cut stylesheet's file)."""
    parts: list[str] = []
    for piece in sheet:
        if piece.inner is not None:
            inner = for_page(piece.inner, names)
            if inner:
                parts.append(piece.text + inner + "}")
        elif piece.wants is None or names is None or any(want <= names for want in piece.wants):
            parts.append(piece.text)
    return "".join(parts)


def kept_rules(rules: Iterable, usage: Usage) -> list:
    """Styles and at-rules kept; a `Block` with the rules kept in it."""
    kept: list = []
    for rule in rules:
        if isinstance(rule, Style):
            if rule.always or any(usage.keeps(p) for p in rule.probes):
                kept.append(rule)
        elif isinstance(rule, Block):
            inner = kept_rules(rule.rules, usage)
            if inner:
                kept.append(rule._replace(rules=tuple(inner)))
        else:
            kept.append(rule)  # @font-face, @keyframes (decided later), @page, @charset, the unknown
    return kept


def walk(kept: Iterable) -> Iterator:
    for rule in kept:
        if isinstance(rule, Block):
            yield from walk(rule.rules)
        else:
            yield rule


def used_properties(kept: Iterable, mentioned: frozenset[str]) -> frozenset[str]:
    """Custom properties that a kept declaration (other than custom ones), an at-rule kept whole or
    `mentioned` reads, and those they read in turn."""
    reads: dict[str, set[str]] = {}
    wanted = set(mentioned)
    for rule in walk(kept):
        if not isinstance(rule, Style):
            wanted |= rule.reads
            continue
        for d in rule.declarations:
            if d.custom:
                reads.setdefault(d.name, set()).update(d.reads)
            else:
                wanted |= d.reads
    todo = list(wanted)
    while todo:
        for name in reads.get(todo.pop(), ()):
            if name not in wanted:
                wanted.add(name)
                todo.append(name)
    return frozenset(wanted)


def serialize(rule: Style | AtRule, properties: frozenset[str]) -> str:
    """A rule's text, of its custom properties those in `properties` (a `Block` is `pieces`' to write)."""
    if not isinstance(rule, Style):
        return rule.text
    kept = [d for d in rule.declarations if not d.custom or d.name in properties]
    if len(kept) == len(rule.declarations):
        return rule.text
    if not kept:
        return ""
    return rule.prelude + "{" + ";".join(d.text for d in kept) + "}"
