"""The site's search index, built once at build time and shipped ready to use.

Material's search sends every page's full text and makes the phone build a lunr index from it on
every page load. Ours sends only what ranking needs: the sorted Ukrainian stems (see search/stemmer.py)
and, for each, the sections that contain it with a weighted count. The reader's browser fetches
it only when search is opened (assets/hromada/search.js, loaded by site.js) and merely multiplies and adds.

It comes in pieces, so that a query fetches only what it needs: search/index.js (pages, sections,
the list of shards) and the shards search/t/N.js, runs of terms in alphabetical order that never
split the terms sharing their first two letters. Every form of a word that the search box looks
up (its stem, what is typed so far, the two genitive repairs) begins with the same two letters as
the word, so one shard per query word is enough; only a word that matches nothing (issue 16: misspelt,
transliterated, typed with the Latin layout) also fetches the shards of the letters its loose key takes as
the same (stemmer.loose: «инициативи» looks in «ін» too). Shards of about SHARD_BYTES: small enough that a
query costs little, large enough to compress well. Scripts, not JSON, so that they also load from
file:// in the offline pack.

A page may carry a tier (its fourth field, left out when 0): the browser lists every page of a
lower tier before any of a higher one, whatever their scores. The editors' guide is tier 1
(website.navigation.search_tier), so it never stands between a reader and the reader's pages.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from hromada.search.stemmer import normalize, stem, tokens
from hromada.text.markup import walk
from hromada.text.translit import slugify

INDEX_FILE = "search/index.js"
SHARD_DIR = "search/t"
SHARD_KEY = 2  # terms sharing their first SHARD_KEY letters stay in one shard
SHARD_BYTES = 16_000  # a shard is closed once it has this much (before compression)
FORMAT = 3  # 3: an anchor that is its heading's slug is DERIVED
DERIVED = 1  # in place of an anchor: slugify(heading) (text/translit.py; search.js has its twin, `slug`)
# Words too common to tell pages apart. Checked on the normalized word, before stemming; the list
# travels in the index, so the browser drops exactly the same words from the query.
_STOP_WORDS = """
а або аж але б би бо був була були було бути в вам вас ви від він вона вони воно всі все вже
для до є же з за зі із й його її їй їм їх і й коли крім лише мене ми мені мій на навіть над нам
нас не неї нею ні ній ним них ні нібито о об однак по при про проте та так також там те
тим то тобто того тому той ті тієї тільки ту тут у усі усе хоч хоча це цей ці цим цих цієї цього
ця через чи чим що щоб як яка яке які якого якої якщо якій яким яких якими яку ще
де хто навіщо скільки куди чому
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
# Generic verbs of a question («як провести…», «де шукати…»): a page that has them scores a little more,
# but one without them still matches every word of the query. They travel in the index as stems.
SOFT_WORDS = frozenset({"створити", "написати", "провести", "подати", "шукати", "знайти", "зробити", "робити"})
TITLE_BOOST = 5  # a word of the page title counts as five in the text
HEADING_BOOST = 3
K1, B = 1.2, 0.75
EXCERPT = 140  # characters of a section's opening shown under its title in the results
_HEADING = re.compile(r"h[1-3]")
_SKIP = frozenset({"script", "style", "svg", "template", "button", "noscript"})
_SPACE = re.compile(r"\s+")


@dataclass
class Section:
    anchor: str  # "" for the top of the page
    title: str
    body: list[str] = field(default_factory=list)
    opening: list[str] = field(default_factory=list)  # its first paragraph of running text

    @property
    def text(self) -> str:
        return _SPACE.sub(" ", "".join(self.body)).strip()

    @property
    def excerpt(self) -> str:
        return _excerpt(_SPACE.sub(" ", "".join(self.opening)).strip() or self.text)


class _Sections:
    """A page's article split at its h1–h3 headings (those with an id), as plain text (read by
    text.markup.walk, with html.parser's callbacks)."""

    def __init__(self) -> None:
        self.sections = [Section("", "")]
        self.skip = 0  # depth inside elements whose text is not content
        self.heading: str | None = None  # tag name while inside a heading
        self.title: list[str] = []
        self.depth = 0  # open elements below the article
        self.opening: int | None = None  # depth of the paragraph being kept as the opening

    def handle_starttag(self, tag: str, a: dict[str, str | None]) -> None:
        if (self.skip or tag in _SKIP or a.get("data-search") == "skip"
                or (tag == "a" and "headerlink" in (a.get("class") or ""))):
            self.skip += tag not in _VOID
            return
        if tag == "p" and self.depth == 0 and not a.get("class") and not self.sections[-1].opening:
            self.opening = self.depth + 1
        self.depth += tag not in _VOID
        if _HEADING.fullmatch(tag) and self.heading is None:
            self.heading, self.title = tag, []
            if tag != "h1" and a.get("id"):
                self.sections.append(Section(a["id"] or "", ""))
        elif tag in _BLOCK:
            self._text(" ")

    def handle_startendtag(self, tag: str, a: dict[str, str | None]) -> None:
        if not self.skip and tag in _BLOCK:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if tag not in _VOID:
            if self.opening == self.depth:
                self.opening = None
            self.depth = max(0, self.depth - 1)
        if tag == self.heading:
            title = _SPACE.sub(" ", "".join(self.title)).strip()
            if tag == "h1":
                self.sections[0].title = self.sections[0].title or title
            else:
                self.sections[-1].title = title
            self.heading = None
        elif tag in _BLOCK:
            self._text(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._text(data)

    def _text(self, data: str) -> None:
        if self.heading is not None:
            self.title.append(data)
        else:
            self.sections[-1].body.append(data)
            if self.opening is not None:
                self.sections[-1].opening.append(data)


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_BLOCK = frozenset({"p", "li", "td", "th", "tr", "dd", "dt", "div", "br", "summary", "details", "blockquote", "pre",
                    "table", "ul", "ol", "dl", "section", "article", "figcaption", "caption", "h4", "h5", "h6"})


def sections(html: str, page_title: str) -> list[Section]:
    parser = _Sections()
    walk(html, parser)
    found = parser.sections
    found[0].title = page_title or found[0].title
    if not found[0].opening:  # the top is generated (a case's facts): the first paragraph of the text
        found[0].opening = next((s.opening for s in found if s.opening), [])
    return [s for s in found if s.anchor == "" or s.title or s.text]


def stems(text: str, memo: dict[str, str] | None = None) -> list[str]:
    """The index terms of a text: words split on punctuation, stop words dropped, stemmed.
    `memo` (word → term, owned by the caller) saves stemming the same word again: a site has
    some 20 000 different words in 300 000."""
    memo = {} if memo is None else memo
    out = []
    for word in tokens(text):
        term = memo.get(word)
        if term is None:
            plain = normalize(word)
            term = memo[word] = stem(word) if plain and plain not in STOP_WORDS else ""
        if term:
            out.append(term)
    return out


@dataclass(frozen=True)
class _Doc:
    """One section as the index ships it, its terms already counted: [anchor, heading, length, excerpt?]
    and (term, weighted count) in term order."""

    row: tuple
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class _Page:
    url: str
    title: str
    crumb: str
    docs: tuple[_Doc, ...]
    tier: int = 0


class SearchIndex:
    """Pages in, index out. Pages are keyed (by source path) so a preview rebuild can replace one.
    A page is stemmed when it is added, once: a preview rebuild that re-renders one page stems
    that page only, and the index is merged from the pages' counted terms."""

    def __init__(self) -> None:
        self.pages: dict[str, _Page] = {}
        self.memo: dict[str, str] = {}  # word → term, for as long as this index lives (a preview session)
        self.pending: list[str] = []  # keys stemmed since the last build
        self.stemmed: tuple[str, ...] = ()  # keys stemmed for the last build: what a preview rebuild cost

    def add(self, key: str, url: str, title: str, html: str, crumb: str = "", tier: int = 0) -> None:
        self.pages[key] = _Page(url, title, crumb, tuple(self._count(s, crumb) for s in sections(html, title)), tier)
        self.pending.append(key)

    def _count(self, section: Section, crumb: str) -> _Doc:
        body = stems(section.text, self.memo)
        heading = stems(section.title, self.memo)
        tf: dict[str, int] = {}  # whole counts: the boosts are whole numbers
        for term in body:
            tf[term] = tf.get(term, 0) + 1
        boost = TITLE_BOOST if section.anchor == "" else HEADING_BOOST
        for term in heading:
            tf[term] = tf.get(term, 0) + boost
        if section.anchor == "" and crumb:  # a session is also found by its training's name
            for term in stems(crumb, self.memo):
                tf[term] = tf.get(term, 0) + 1
        # Only the top of a page carries an excerpt: its opening tells readers whether the page
        # is the one; sections are told apart by their headings.
        # A heading's anchor is, nearly always, its title's slug (the toc's slugify): then the index says 1
        # and search.js makes the slug (a quarter of the index's bytes, gzip, were anchors).
        anchor = DERIVED if section.anchor and section.anchor == slugify(section.title) else section.anchor
        row = ((anchor, section.title, len(body) + len(heading)) if section.anchor
               else ("", "", len(body) + len(heading), section.excerpt))
        return _Doc(row, tuple((term, n if n < 99 else 99) for term, n in sorted(tf.items())))

    def remove(self, key: str) -> None:
        self.pages.pop(key, None)

    def taken(self, keys: set[str]) -> dict[str, _Page]:
        """The stemmed pages of these keys, for another index to `merge` (a build's second process)."""
        return {key: page for key, page in self.pages.items() if key in keys}

    def merge(self, pages: dict[str, _Page]) -> None:
        self.pages.update(pages)
        self.pending.extend(pages)

    def keep_only(self, keys: set[str]) -> None:
        for key in set(self.pages) - keys:
            del self.pages[key]

    def build(self) -> dict:
        """pages: [url, title, crumb, tier if not 0]; docs (sections): [page, anchor or DERIVED, heading, length, excerpt?];
        terms: sorted stems; postings[i]: flat [doc − previous doc, weighted count, …] for terms[i].
        The browser turns counts into BM25 scores (K1, B, lengths): a multiply-add per posting."""
        self.stemmed, self.pending = tuple(self.pending), []
        pages = [self.pages[k] for k in sorted(self.pages, key=lambda k: self.pages[k].url)]
        docs: list[list] = []
        postings: dict[str, list[int]] = {}
        previous: dict[str, int] = {}
        for number, page in enumerate(pages):
            for section in page.docs:
                doc = len(docs)
                docs.append([number, *section.row])
                for term, n in section.counts:
                    found = postings.get(term)
                    if found is None:
                        postings[term] = [doc, n]
                    else:
                        found += (doc - previous[term], n)
                    previous[term] = doc
        terms = sorted(postings)
        return {
            "v": FORMAT,
            "k1": K1,
            "b": B,
            "stop": sorted(STOP_WORDS),
            "soft": sorted({stem(w) for w in SOFT_WORDS}),
            "pages": [[p.url, p.title, p.crumb, p.tier] if p.tier else [p.url, p.title, p.crumb] for p in pages],
            "docs": docs,
            "terms": terms,
            "postings": [postings[t] for t in terms],
        }

    def files(self) -> dict[str, str]:
        """Path under the site → script: the index proper and its shards."""
        built = self.build()
        groups: dict[str, list[tuple[str, list[int]]]] = {}
        for term, postings in zip(built.pop("terms"), built.pop("postings"), strict=True):
            groups.setdefault(term[:SHARD_KEY], []).append((term, postings))
        shards: list[tuple[str, list[tuple[str, list[int]]]]] = []  # (first key, its terms)
        size = SHARD_BYTES
        for key in sorted(groups):
            if size >= SHARD_BYTES:
                shards.append((key, []))
                size = 0
            shards[-1][1].extend(groups[key])
            size += sum(len(t) * 2 + 4 * len(p) for t, p in groups[key])  # about its JSON bytes
        built["shards"] = [key for key, _ in shards]  # shard N: terms from keys[N] up to keys[N + 1]
        out = {INDEX_FILE: _script("hromadaSearchIndex", built)}
        for number, (_, entries) in enumerate(shards):
            out[f"{SHARD_DIR}/{number}.js"] = _script("hromadaSearchShard", {
                "n": number, "terms": [t for t, _ in entries], "postings": [p for _, p in entries]})
        return out


def _script(function: str, data: dict) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # JSON allows raw U+2028/U+2029 in strings, JavaScript before ES2019 does not: the whole
    # script would fail on an older phone's browser because of one character in a title.
    payload = payload.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{function}&&window.{function}({payload});\n"


def _excerpt(text: str) -> str:
    if len(text) <= EXCERPT:
        return text
    cut = text.rfind(" ", 0, EXCERPT)
    return text[: cut if cut > EXCERPT // 2 else EXCERPT].rstrip(",.;:— ") + "…"
