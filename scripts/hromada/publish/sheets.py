"""A stylesheet as plain values, for the purge (publish/purge.py): each rule's text, its selectors
loosened into `Probe`s, its declarations with the custom properties they read. Made once per
stylesheet text and kept in the user's cache (~/.cache/hromada/sheets/, beside the compiled
templates): tinycss2 parsing Material's 137 KB, and the purge asking it again for each rule's
declarations, was a third of a 100-page build's finish (0.1 s); loading the kept values takes 5 ms.

    compiled(texts)      text → the `Sheet` of each stylesheet's text, from the cache when it is there
    compile_sheet(css)   made now (the cache's key is the text and this module's own source)
    loosen(tokens)       one selector as it matches an element in any state (a `Probe`), or None

A rule is a `Style` (a qualified rule), a `Block` (@media, @supports… with rules inside) or an
`AtRule` (@font-face, @keyframes, @page, @charset, anything else: kept whole by the purge).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import tinycss2
from tinycss2 import ast

from hromada.resources import read_kept, user_cache, write_kept

STATE_ATTRIBUTES = frozenset({"open"})  # the browser sets them (<details>, <dialog>)
LIST_PSEUDOS = frozenset({"is", "where", "matches", "any", "-webkit-any", "-moz-any"})
NESTED = frozenset({"media", "supports", "container", "layer", "document"})
COMBINATORS = frozenset({">", "+", "~"})
ANIMATION = frozenset({"animation", "animation-name"})


class Probe(NamedTuple):
    """One selector of a rule, loosened: cssselect2 matches `css`; a page can match it only if it has
    every name in `needs` ("class:x", "id:x", "tag:x", "attr:x", "attr:x=value"; lower case)."""

    css: str
    needs: frozenset[str]


class Declaration(NamedTuple):
    name: str  # as written: custom properties are case-sensitive
    text: str
    custom: bool  # a custom property (--x)
    reads: frozenset[str]  # the custom properties its value reads (var())
    animations: frozenset[str]  # the names in an animation(-name) value: @keyframes it needs


class Style(NamedTuple):
    """A qualified rule. `always`: custom properties only, of :root or a colour scheme."""

    text: str
    prelude: str
    probes: tuple[Probe | None, ...]  # a selector `loosen` does not understand: None
    declarations: tuple[Declaration, ...]
    always: bool


class Block(NamedTuple):
    """@media, @supports… : `opening` is «@media print{», `rules` what it holds."""

    opening: str
    rules: tuple


class AtRule(NamedTuple):
    text: str
    keyframes: str | None  # the name of an @keyframes
    reads: frozenset[str]  # custom properties it reads


class Sheet(NamedTuple):
    rules: tuple
    idents: frozenset[str]  # every identifier of the text: the names another stylesheet may use of ours


def compiled(texts: Iterable[str], cache: Path | None = None) -> dict[str, Sheet]:
    """text → `compile_sheet(text)` of each distinct text, kept under `cache` (the user's by default)
    by a hash of the text and of this module: a change here makes new entries, never reads an old
    one. A cache that cannot be read or written costs the compile, nothing else."""
    folder = user_cache("sheets") if cache is None else cache
    own = Path(__file__).read_bytes() + tinycss2.__version__.encode()
    return {css: _kept(css, folder / f"{hashlib.sha256(own + css.encode('utf-8')).hexdigest()}.pickle")
            for css in dict.fromkeys(texts)}


def _kept(css: str, path: Path) -> Sheet:
    found = read_kept(path)
    if isinstance(found, Sheet):
        return found
    sheet = compile_sheet(css)
    write_kept(path, sheet)
    return sheet


def compile_sheet(css: str) -> Sheet:
    return Sheet(tuple(_rules(parse(css))), frozenset(idents(tinycss2.parse_component_value_list(css))))


def _rules(rules: Iterable) -> Iterator:
    for rule in rules:
        if rule.type == "qualified-rule":
            found = tuple(_declaration(d) for d in declarations(rule))
            yield Style(rule.serialize(), tinycss2.serialize(rule.prelude),
                        tuple(loosen(s) for s in split_selectors(rule.prelude)), found, _always(rule, found))
        elif nests(rule):
            yield Block(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{", tuple(_rules(inner_rules(rule))))
        elif rule.type == "at-rule":
            keyframes = rule.lower_at_keyword.endswith("keyframes")
            name = next((t.value for t in rule.prelude if t.type in ("ident", "string")), "") if keyframes else None
            yield AtRule(rule.serialize(), name, frozenset(var_names(rule.prelude) | var_names(rule.content or [])))


def _declaration(d: ast.Declaration) -> Declaration:
    return Declaration(d.name, d.serialize(), d.name.startswith("--"), frozenset(var_names(d.value)),
                       frozenset(idents(d.value)) if d.lower_name in ANIMATION else frozenset())


def _always(rule: ast.QualifiedRule, found: tuple[Declaration, ...]) -> bool:
    """Custom properties of the whole page (:root) or of a colour scheme: whatever elements there are."""
    prelude = tinycss2.serialize(rule.prelude)
    if ":root" not in prelude and "data-md-color" not in prelude:
        return False
    return bool(found) and all(d.custom for d in found)


def parse(css: str) -> list:
    return tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)


def inner_rules(rule: ast.AtRule) -> list:
    return tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True)


def declarations(rule: ast.QualifiedRule) -> list:
    return [d for d in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True)
            if d.type == "declaration"]


def nests(rule: object) -> bool:
    return getattr(rule, "type", "") == "at-rule" and rule.lower_at_keyword in NESTED and rule.content is not None


def idents(tokens: Iterable) -> set[str]:
    found: set[str] = set()
    for token in tokens:
        if token.type == "ident":
            found.add(token.value)
        inner = getattr(token, "content", None) or getattr(token, "arguments", None)
        if isinstance(inner, list):
            found |= idents(inner)
    return found


def var_names(tokens: Iterable) -> set[str]:
    """Custom properties read by var() in these tokens."""
    found: set[str] = set()
    for token in tokens:
        if token.type == "function":
            if token.lower_name == "var":
                found.update(t.value for t in token.arguments if t.type == "ident" and t.value.startswith("--"))
            found |= var_names(token.arguments)
        elif isinstance(getattr(token, "content", None), list):
            found |= var_names(token.content)
    return found


# ---- selectors ----------------------------------------------------------------------------------

def split_selectors(tokens: list) -> list[list]:
    parts: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        elif token.type != "comment":
            parts[-1].append(token)
    return parts


class _Loosened:
    """The selector being loosened: its compounds and combinators, and the names it needs."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.needs: set[str] = set()
        self.compound: list[str] = []  # "" for what was left out: a compound of nothing else is "*"
        self.combinator = ""

    def add(self, text: str) -> None:
        if self.combinator:
            self.parts.append(self.combinator)
            self.combinator = ""
        self.compound.append(text)

    def drop(self) -> None:
        self.add("")

    def close(self, combinator: str) -> None:
        if self.compound:
            self.parts.append("".join(self.compound) or "*")
            self.compound = []
        if self.parts and (combinator != " " or not self.combinator):
            self.combinator = combinator


def loosen(tokens: list) -> Probe | None:
    """The selector as it matches an element in any state; None when unsure (the rule is kept)."""
    tokens = [t for t in tokens if t.type != "comment"]
    while tokens and tokens[0].type == "whitespace":
        tokens = tokens[1:]
    while tokens and tokens[-1].type == "whitespace":
        tokens = tokens[:-1]
    state = _Loosened()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.type == "whitespace" or (token.type == "literal" and token.value in COMBINATORS):
            if not state.parts and not state.compound:
                return None  # a relative selector (nesting)
            state.close(" " if token.type == "whitespace" else token.value)
            i += 1
        elif token.type == "literal" and token.value == "." and following is not None and following.type == "ident":
            state.add("." + identifier(following.value))
            state.needs.add("class:" + following.value.lower())
            i += 2
        elif token.type == "hash" and token.is_identifier:
            state.add("#" + identifier(token.value))
            state.needs.add("id:" + token.value.lower())
            i += 1
        elif token.type in ("ident", "literal") and not state.compound and (token.type == "ident" or token.value == "*"):
            state.add(token.value)
            if token.type == "ident":
                state.needs.add("tag:" + token.value.lower())
            i += 1
        elif token.type == "[] block":
            attribute = attribute_of(token)
            if attribute is None:
                return None
            name, needs = attribute
            if name in STATE_ATTRIBUTES:
                state.drop()
            else:
                state.add(tinycss2.serialize([token]))
                state.needs.update(needs)
            i += 1
        elif token.type == "literal" and token.value == ":":
            step = pseudo(tokens, i)
            if step is None:
                return None
            i, kept = step
            if kept:
                state.add(kept)
            else:
                state.drop()
        else:
            return None
    if state.combinator and not state.compound:
        return None  # ends with a combinator
    state.close("")
    return Probe("".join(state.parts), frozenset(state.needs)) if state.parts else None


def identifier(name: str) -> str:
    return tinycss2.serialize([ast.IdentToken(0, 0, name)])


def attribute_of(block: ast.SquareBracketsBlock) -> tuple[str, set[str]] | None:
    """(name, the names a page needs for it) of `[name]`, `[name=value]`, `[name^=value i]`…"""
    parts = [t for t in block.content if t.type not in ("whitespace", "comment")]
    if not parts or parts[0].type != "ident":
        return None
    name = parts[0].value.lower()
    rest = parts[1:]
    if rest and rest[0].type == "literal" and rest[0].value in ("|", "*|"):
        return None  # namespaces
    if len(rest) >= 2 and rest[0].type == "literal" and rest[0].value == "=" and rest[1].type in ("ident", "string"):
        return name, {"attr:" + name, f"attr:{name}={rest[1].value.lower()}"}
    return name, {"attr:" + name}


def pseudo(tokens: list, i: int) -> tuple[int, str] | None:
    """After the ':' at `i`: (where to go on, what to keep of it). Pseudo-elements and pseudo-classes
    are dropped (''), :is()/:where() are loosened inside; None when it is not understood."""
    j = i + 1
    if j < len(tokens) and tokens[j].type == "literal" and tokens[j].value == ":":
        j += 1  # ::pseudo-element
    token = tokens[j] if j < len(tokens) else None
    if token is None or token.type not in ("ident", "function"):
        return None
    if token.type == "ident" or token.lower_name not in LIST_PSEUDOS:
        return j + 1, ""  # :hover, :not(), :has(), :nth-child()…: out, the selector matches more
    inner = [loosen(part) for part in split_selectors(token.arguments)]
    if any(p is None or p.css == "*" for p in inner):
        return j + 1, ""  # an argument that matches anything (or is not understood): as if absent
    return j + 1, ":is(" + ",".join(p.css for p in inner) + ")"
