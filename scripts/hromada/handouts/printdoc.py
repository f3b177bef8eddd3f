"""The HTML of a handout: print template, parts converted from Markdown, QR code, links made absolute."""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urljoin

import markdown
import segno

from hromada.content import layout, session_parts
from hromada.content.load import Corpus, Document
from hromada.content.mdscan import rewrite_links
from hromada.content.nesting import nest_lists
from hromada.handouts.assemble import BOOK_LINK
from hromada.handouts.plan import Handout
from hromada.resources import assets_dir
from hromada.text import typography
from hromada.website import parts, sanitize, session_html
from hromada.website.schedule import fmt_time
from hromada.website.siteconfig import SiteConfig

LICENCE = "CC BY 4.0"
_ADMONITION = re.compile(r"^(\s*)(!!!|\?\?\?\+?)(\s+)(\w[\w-]*)(.*)$")
_STEP = re.compile(r"(<h[2-4](?:\s[^>]*)?>)((?:(?!</h\d).)*?\((\d+)\s*хв\.?\))(?=\s*(?:<a class=\"headerlink\"|</h[2-4]>))")
_ID = re.compile(r'\bid="([^"]+)"')
_LOCAL_HREF = re.compile(r'\bhref="#([^"]*)"')
_REPO_IMAGE = "/.hromada-repository/"
_RELATIVE_HREF = re.compile(r'\bhref="(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)([^"]*)"')


def qr_img(url: str, cls: str = "qr") -> str:
    """A QR code to the online page; none when the site's address is unknown (a path alone is useless on paper)."""
    if not _absolute(url):
        return ""
    data = segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000", light="#fff")
    return f'<img class="{cls}" src="{data}" alt="QR-код сторінки">'



def strip_trainer_notes(body: str) -> str:
    """Remove `!!! trainer` / `??? trainer` blocks (the participant workbook has none)."""
    out: list[str] = []
    skipping_indent: int | None = None
    for line in body.split("\n"):
        if skipping_indent is not None:
            if not line.strip() or len(line) - len(line.lstrip()) > skipping_indent:
                continue
            skipping_indent = None
        m = _ADMONITION.match(line)
        if m and m.group(4) == "trainer":
            skipping_indent = len(m.group(1))
            continue
        out.append(line)
    return "\n".join(out)


def open_folded(body: str) -> str:
    """Paper cannot unfold: `??? note` becomes `!!! note`."""
    return "\n".join(_ADMONITION.sub(lambda m: f"{m.group(1)}!!!{m.group(3)}{m.group(4)}{m.group(5)}", line)
                     if line.lstrip().startswith("???") else line for line in body.split("\n"))


def step_times(content: str, start: int) -> str:
    """Facilitator guide: each `(N хв)` step heading gains its clock time. In the HTML, after the
    heading's id was made: a link to a step (`…#krok-1-rolova-hra-45-khv`) still finds it."""
    clock = start

    def timed(m: re.Match) -> str:
        nonlocal clock
        minutes = int(m.group(3))
        text = f"{m.group(1)}{m.group(2)} · {fmt_time(clock)}–{fmt_time(clock + minutes)}"
        clock += minutes
        return text

    return _STEP.sub(timed, content)


class Printer:
    """Builds the HTML of handouts for one corpus and site configuration."""

    def __init__(self, corpus: Corpus, config: SiteConfig, css_href: str = "") -> None:
        # css_href: print.css linked from the HTML; none when the engine applies it (build.py).
        self.corpus, self.config, self.css_href = corpus, config, css_href
        self.root = corpus.layout.root

    def _md(self) -> markdown.Markdown:
        return markdown.Markdown(extensions=self.config.extensions, extension_configs=self.config.extension_configs)

    # --- one part (a page) ------------------------------------------------------------

    def part_html(self, doc: Document, handout: Handout, prefix: str, trainer_notes: bool, start: int | None) -> str:
        """A whole page as the trainer uses it (the session PDF, the facilitator guide): handouts each
        start a new page, marked with how many copies they need."""
        body = self.corpus.facts.fill(doc.fm.body)
        body = open_folded(body) if trainer_notes else strip_trainer_notes(body)
        gen = parts.generated(self.corpus, self.config.urls, doc)
        content = self.convert(doc, handout, parts.compose(gen, body))
        if trainer_notes and start is not None and doc.kind == "session":
            content = step_times(content, start)
        if doc.kind == "session":
            content = session_html.mark_parts(content, session_parts.of_session(doc), print_labels=True)
        return self._finish_part(doc, parts.fill(gen, content), prefix)

    def convert(self, doc: Document, handout: Handout, body: str) -> str:
        """Markdown of `doc` (or a part of it) → sanitised HTML, links made right for paper."""
        body = rewrite_links(body, lambda target: self._link(doc, target, handout))
        content = sanitize.clean(self._md().convert(nest_lists(body)))  # nested lists as on the site
        # Only images this printer resolved inside the repository become file URLs (content's own
        # file: URLs were dropped by the sanitiser, and the PDF fetcher reads nothing outside).
        return content.replace(f'src="{_REPO_IMAGE}', f'src="{self.root.as_uri()}/')

    def _finish_part(self, doc: Document, out: str, prefix: str) -> str:
        page_url = self.config.urls.online(doc.rel)
        out = _RELATIVE_HREF.sub(lambda m: f'href="{html.escape(urljoin(page_url, html.unescape(m.group(1))))}"', out)
        if prefix:
            out = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', out)
            out = _LOCAL_HREF.sub(lambda m: f'href="#{prefix}{m.group(1)}"', out)
        return out

    def handout_part_html(self, doc: Document, handout: Handout, part: session_parts.Part, prefix: str) -> str:
        """One handout part of a session alone (workbook, handout pack): no trainer notes in it."""
        body = strip_trainer_notes(self.corpus.facts.fill(part.text))
        cards = part.kind is not None and part.kind.prefix == "Картки"
        return self._finish_part(doc, session_html.handout_html(self.convert(doc, handout, body), cards), prefix)

    def _link(self, doc: Document, target: str, handout: Handout) -> str | None:
        if not layout.is_file_link(target):
            return None
        path, _, anchor = target.partition("#")
        resolved = layout.resolve(doc.rel, path)
        if resolved is None or not self.corpus.exists(resolved):
            return None
        # Inside a book a link to another of its parts stays inside it; the workbook holds only the
        # tops of sessions, the handout pack no whole part at all: anything else goes online.
        inside = handout.kind == "facilitator" or (handout.kind == "workbook" and not anchor)
        if resolved in handout.parts and len(handout.parts) > 1 and inside:
            index = handout.parts.index(resolved)
            return f"{BOOK_LINK}p{index}-{anchor or 'top'}"  # `#…` once the book is one document
        if resolved in self.corpus.documents or resolved in layout.GENERATED_INDEXES:
            return self.config.urls.online(resolved) + (f"#{anchor}" if anchor else "")
        if resolved.lower().endswith(layout.IMAGE_EXTS):
            return _REPO_IMAGE + resolved  # read from the repository; made a file URL after sanitising
        return urljoin(self.config.site_url or "/", layout.site_uri(resolved))

    # --- whole documents ----------------------------------------------------------------

    def document(self, handout: Handout) -> str:
        page_rel = handout.page_rel
        url = self.config.urls.online(page_rel)
        if handout.kind in ("workbook", "facilitator", "handouts"):
            main = self._book(handout, url)
        else:
            doc = self.corpus.documents[page_rel]
            main = (self._head(handout, url) + '<section class="part">'
                    + self.part_html(doc, handout, "", trainer_notes=True, start=None) + "</section>")
        main = main.replace(f'href="{BOOK_LINK}', 'href="#')  # laid out whole: its parts' anchors are in it
        return self._page(handout, url, typography.typeset_html(main))  # numbers, units, dashes hold together on paper too

    def _head(self, handout: Handout, url: str) -> str:
        return (f'<header class="doc-head">{qr_img(url)}'
                f'<p class="kicker">{html.escape(handout.subtitle)}</p>'
                f'<h1 class="doc-title" id="top">{html.escape(handout.title)}</h1>'
                + (f'<p class="doc-url">Онлайн: <a href="{html.escape(url)}">{html.escape(url)}</a></p>' if _absolute(url) else "")
                + "</header>")

    def _cover(self, handout: Handout, url: str, training: Document, extra: str = "") -> str:
        t = training.model
        return (f'<section class="cover"><p class="programme">{html.escape(self.config.site_name)}</p>'
                f'<p class="kicker">{html.escape(handout.subtitle)}</p><h1 class="doc-title" id="p0-top">{html.escape(t.title)}</h1>'
                f'<p class="summary">{html.escape(t.summary)}</p>'
                f'<p class="venue">{html.escape(t.venue.settlement)}, {html.escape(t.venue.oblast)} область</p>'
                f"{extra}{qr_img(url, 'qr qr-big')}"
                + (f'<p class="doc-url">{html.escape(url)}</p>' if _absolute(url) else "")
                + f'<p class="licence">Матеріали поширюються на умовах ліцензії {LICENCE}.</p></section>')

    def _book(self, handout: Handout, url: str) -> str:
        corpus = self.corpus
        training = corpus.documents[handout.parts[0]]
        if handout.kind == "workbook":
            return self._workbook(handout, url, training)
        if handout.kind == "handouts":
            return "".join(self._pack_chunks(handout, url))
        return "".join(self._facilitator_chunks(handout, url, training))

    def _facilitator_chunks(self, handout: Handout, url: str, training: Document) -> list[str]:
        """The facilitator guide in the parts it is laid out in: the front (cover, the training,
        what to prepare), then one per session, each from a new page."""
        front = (self._cover(handout, url, training)
                 + '<section class="part intro">' + self.part_html(training, handout, "p0-", True, None) + "</section>"
                 + self._checklists(handout))
        chunks = [front]
        starts = self._session_starts(training)
        for i, rel in enumerate(handout.parts[1:], start=1):
            doc = self.corpus.documents[rel]
            title = f'<h1 id="p{i}-top"{running(doc.title)}>{html.escape(doc.title)}</h1>'
            body = self.part_html(doc, handout, f"p{i}-", True, starts.get(doc.slug))
            chunks.append(f'<section class="part session">{title}{body}</section>')
        return chunks

    def assembled(self, handout: Handout) -> bool:
        """Whether the PDF is laid out part by part and assembled (assemble.py) rather than whole."""
        return handout.kind in ("facilitator", "handouts")

    def part_documents(self, handout: Handout) -> list[str]:
        """The HTML of each part of an assembled book, laid out alone: no page numbers (the stamp
        brings them), links to any anchor of the book as `BOOK_LINK` links (resolved on assembly)."""
        url = self.config.urls.online(handout.page_rel)
        if handout.kind == "handouts":
            chunks = self._pack_chunks(handout, url)
        else:
            chunks = self._facilitator_chunks(handout, url, self.corpus.documents[handout.parts[0]])
        return [self._page(handout, url, _LOCAL_HREF.sub(lambda m: f'href="{BOOK_LINK}{m.group(1)}"', typography.typeset_html(chunk)),
                           part=i) for i, chunk in enumerate(chunks)]

    def _workbook(self, handout: Handout, url: str, training: Document) -> str:
        """What a participant uses: the agenda, and per session what it is for, what to remember,
        the sheets to fill in and room for notes. No steps, no trainer text, no role cards."""
        t = training.model
        outcomes = (f'<h2>Що ви винесете з тренінгу</h2>{parts.ul(t.outcomes)}' if t.outcomes else "")
        agenda = parts.training_agenda(self.corpus, self.config.urls, training)
        chunks = [self._cover(handout, url, training),
                  f'<section class="part intro">{self._finish_part(training, outcomes + agenda, "p0-")}</section>']
        places = parts.session_slots(self.corpus)
        for i, rel in enumerate(handout.parts[1:], start=1):
            doc = self.corpus.documents[rel]
            s = doc.model
            slot = places.get(rel)
            when = (f'<p class="when">День {slot[1]} · {fmt_time(slot[2].start)}–{fmt_time(slot[2].end)}</p>' if slot else "")
            essentials = ""
            if s.objectives:
                essentials += f"<h2>Після заняття ви зможете</h2>{parts.ul(s.objectives)}"
            if s.keypoints:
                essentials += f"<h2>Головне</h2>{parts.ul(s.keypoints)}"
            sheets = "".join(
                f'<section class="handout" data-copies="{p.copies}">{self.handout_part_html(doc, handout, p, f"p{i}-")}</section>'
                for p in session_parts.of_session(doc) if p.for_participants)
            chunks.append(f'<section class="part session workbook-session"><h1 id="p{i}-top"{running(doc.title)}>'
                          f'{html.escape(doc.title)}</h1>{when}<div class="essentials">{essentials}</div>{sheets}'
                          f'<div class="notes-inline"><h2 class="notes-title">Нотатки</h2>{_lines(4)}</div></section>')
        chunks.append(f'<section class="notes"><h1 id="p-notes"{running("Нотатки")}>Нотатки</h1>{_lines(26)}</section>')
        return "".join(chunks)

    def _pack_chunks(self, handout: Handout, url: str) -> list[str]:
        """What a trainer photocopies the night before: every handout of the training in agenda
        order, each from a new page, and on the cover how many copies of each. In the parts it is
        laid out in: the cover with the table, then the sheets of each session that has any."""
        places = parts.session_slots(self.corpus)
        rows, chunks = [], []
        for i, rel in enumerate(handout.parts[1:], start=1):
            doc = self.corpus.documents[rel]
            size = doc.model.group_size
            slot = places.get(rel)
            when = f"день {slot[1]}, {fmt_time(slot[2].start)}" if slot else ""
            sheets = []
            for j, part in enumerate(p for p in session_parts.of_session(doc) if p.is_handout):
                anchor = f"p{i}-h{j}"
                copies = part.copies or "participant"
                count = copies_count(copies, size)
                rows.append(f'<tr><td>{len(rows) + 1}</td><td><a href="#{anchor}">{html.escape(part.name)}</a></td>'
                            f"<td>{html.escape(doc.title)}<br><small>{html.escape(when)}</small></td>"
                            f"<td>{html.escape(count)}</td></tr>")
                first = ' session-start' if j == 0 else ""  # the session's bookmark: its sheets under it
                kicker = (f'<p class="kicker{first}" id="{anchor}">{html.escape(doc.title)}'
                          f'{" · " + html.escape(when) if when else ""}</p>')
                sheets.append(f'<section class="handout pack-sheet" data-copies="{copies}"{running(doc.title)}>{kicker}'
                              f"{self.handout_part_html(doc, handout, part, f'p{i}-{j}-')}</section>")
            if sheets:
                chunks.append("".join(sheets))
        table = ("<table class=\"copies\"><thead><tr><th>№</th><th>Матеріал</th><th>Заняття</th><th>Скільки копій</th></tr></thead>"
                 f"<tbody>{''.join(rows)}</tbody></table>")
        contents = (f'<section class="part pack-contents"><h1 id="p0-copies"{running("Що копіювати")}>Що копіювати</h1>'
                    "<p>Кожен матеріал починається з нової сторінки: копіюйте сторінки матеріалу стільки разів, "
                    "скільки вказано. Розмір групи — з паспорта заняття; «набір на групу» — на кожну малу групу, "
                    f"на яку ділиться загал.</p>{table}</section>")
        return [self._cover(handout, url, self.corpus.documents[handout.parts[0]]) + contents, *chunks]

    def _session_starts(self, training: Document) -> dict[str, int]:
        return {s.session: s.start for plan in parts.training_plans(self.corpus, training) for s in plan.slots if s.session}

    def _checklists(self, handout: Handout) -> str:
        """Everything to prepare and bring, gathered from all sessions."""
        rows, materials = [], {}
        for rel in handout.parts[1:]:
            s = self.corpus.documents[rel].model
            prep = "".join(f'<li class="check">{html.escape(p)}</li>' for p in s.preparation) or "<li>—</li>"
            rows.append(f"<tr><td>{html.escape(s.title)}</td><td><ul>{prep}</ul></td></tr>")
            for m in s.materials:
                materials.setdefault(m.strip().lower(), m.strip())
        mats = "".join(f'<li class="check">{html.escape(m)}</li>' for m in sorted(materials.values(), key=str.lower))
        return ('<section class="part checklists"><h1 id="p0-pidhotovka">Підготовка і матеріали</h1>'
                "<h2>Що підготувати до кожного заняття</h2><table><thead><tr><th>Заняття</th><th>Підготовка</th></tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table><h2>Матеріали: загальний список</h2><ul class=\"columns\">{mats}</ul></section>")

    def _page(self, handout: Handout, url: str, main: str, part: int | None = None) -> str:
        author = self.config.author or self.config.site_name
        footer = _css_string(f"{LICENCE} · {url}" if _absolute(url) else LICENCE)
        book = handout.kind in ("workbook", "facilitator", "handouts")
        kind = _BOOK_SHORT.get(handout.kind, "")
        left = _css_string(f"{kind} · {shorten(handout.title, 53 - len(kind))}" if book else shorten(handout.title, 56))
        right = "string(chapter)" if book else _css_string(shorten(handout.subtitle, 56))
        return (
            '<!doctype html><html lang="uk"><head><meta charset="utf-8">'
            f"<title>{html.escape(handout.title)} — {html.escape(handout.subtitle)}</title>"
            f'<meta name="author" content="{html.escape(author)}">'
            f'<meta name="description" content="{html.escape(handout.subtitle)}: {html.escape(handout.title)}">'
            '<meta name="generator" content="Hromada">'
            + (f'<link rel="stylesheet" href="{self.css_href}">' if self.css_href else "")
            + f'<style>@page {{ @top-left {{ content: {left} }} @top-right {{ content: {right} }} @bottom-left {{ content: {footer} }} }}'
            # Here, not only in print.css: given as a user stylesheet (engine.Renderer), it loses to this <style>.
            + ("@page :first { @top-left { content: none } @top-right { content: none } }" if not part else
               f"@page :first {{ @top-left {{ content: {left} }} @top-right {{ content: {right} }} }}")
            + ("@page { @bottom-right { content: none } }" if part is not None else "")  # the stamp's
            + "</style>"
            f'</head><body class="{handout.kind}">{main}</body></html>'
        )


# The left page header of a book names its kind briefly, so the training's title keeps the room.
_BOOK_SHORT = MappingProxyType({"workbook": "Робочий зошит", "facilitator": "Посібник тренера", "handouts": "Роздаткові матеріали"})


def stamp_html(kind: str, pages: int) -> str:
    """`pages` empty pages of a `kind` of book holding only «Сторінка N з M» (print.css), drawn over
    an assembled book (assemble.py): the numbers come from the same rule as in a PDF laid out whole."""
    blank = '<div style="break-before: page"></div>'
    return ('<!doctype html><html lang="uk"><head><meta charset="utf-8"><title>-</title><style>'
            "@page { @top-left { content: none } @top-right { content: none } @bottom-left { content: none } }"
            f'</style></head><body class="{kind}"><div></div>{blank * (pages - 1)}</body></html>')


def copies_count(copies: str, size: object) -> str:
    """«24 — по одному на кожного учасника й учасницю» (the group's largest size from the session)."""
    label = session_parts.COPIES_LABELS[copies]
    if copies == "participant" and size is not None:
        return f"{size.max} — {label}"
    if copies == "one":
        return f"1 — {label}"
    return label


def shorten(text: str, limit: int) -> str:
    """Cut at a word with an ellipsis: a page header fits its half of the line and never wraps."""
    if len(text) <= limit:
        return text
    sentence = text.rfind(". ", 0, limit)
    if sentence >= limit // 3:  # «Мистецтво взаємодії з людьми. Створення…» → its first sentence, whole
        return text[:sentence]
    cut = text.rfind(" ", 0, limit - 1)
    head = text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,.:;·—-")
    # not «…тренінгу для…»: a cut does not end on a preposition or a conjunction
    words = head.split(" ")
    while len(words) > 2 and len(words[-1]) <= 3 and words[-1].isalpha() and words[-1].islower():
        words.pop()
    return " ".join(words).rstrip(" ,.:;·—-") + "…"


def running(title: str, limit: int = 56) -> str:
    """The attribute that sets the right-hand page header of the pages that follow (print.css:
    [data-running]). An attribute, not text in the heading: a bookmark is the heading's text."""
    return f' data-running="{html.escape(shorten(title, limit))}"'


def _css_string(text: str) -> str:
    # «<» too: a title with «</style>» must not end the style element it is written into.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ") + '"'


def _lines(count: int) -> str:
    return '<div class="line"></div>' * count


def _absolute(url: str) -> bool:
    """Only a full address means something on paper; without site_url the PDF names none."""
    return url.startswith(("http://", "https://"))


def asset_dir() -> Path:
    return assets_dir()
