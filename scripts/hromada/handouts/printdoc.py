"""The HTML of a handout: print template, parts converted from Markdown, QR code, links made absolute."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

import markdown
import segno

from hromada.content import layout
from hromada.content.load import Corpus, Document
from hromada.content.mdscan import rewrite_links
from hromada.handouts.plan import Handout
from hromada.resources import assets_dir
from hromada.website import parts, sanitize
from hromada.website.schedule import fmt_time
from hromada.website.siteconfig import SiteConfig

LICENCE = "CC BY 4.0"
_ADMONITION = re.compile(r"^(\s*)(!!!|\?\?\?\+?)(\s+)(\w[\w-]*)(.*)$")
_STEP = re.compile(r"^(#{2,4}\s+.*?\((\d+)\s*хв\.?\))\s*$")
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


def step_times(body: str, start: int) -> str:
    """Facilitator guide: each `(N хв)` step heading gains its clock time."""
    clock = start
    lines = []
    for line in body.split("\n"):
        m = _STEP.match(line)
        if m:
            minutes = int(m.group(2))
            line = f"{m.group(1)} · {fmt_time(clock)}–{fmt_time(clock + minutes)}"
            clock += minutes
        lines.append(line)
    return "\n".join(lines)


class Printer:
    """Builds the HTML of handouts for one corpus and site configuration."""

    def __init__(self, corpus: Corpus, config: SiteConfig, css_href: str) -> None:
        self.corpus, self.config, self.css_href = corpus, config, css_href
        self.root = corpus.layout.root

    def _md(self) -> markdown.Markdown:
        return markdown.Markdown(extensions=self.config.extensions, extension_configs=self.config.extension_configs)

    # --- one part (a page) ------------------------------------------------------------

    def part_html(self, doc: Document, handout: Handout, prefix: str, trainer_notes: bool, start: int | None) -> str:
        body = self.corpus.facts.fill(doc.fm.body)
        body = open_folded(body) if trainer_notes else strip_trainer_notes(body)
        if trainer_notes and start is not None and doc.kind == "session":
            body = step_times(body, start)
        body = rewrite_links(body, lambda target: self._link(doc, target, handout, prefix))
        gen = parts.generated(self.corpus, self.config.urls, doc)
        content = sanitize.clean(self._md().convert(parts.compose(gen, body)))
        # Only images this printer resolved inside the repository become file URLs (content's own
        # file: URLs were dropped by the sanitiser, and the PDF fetcher reads nothing outside).
        content = content.replace(f'src="{_REPO_IMAGE}', f'src="{self.root.as_uri()}/')
        out = parts.fill(gen, content)
        page_url = self.config.urls.online(doc.rel)
        out = _RELATIVE_HREF.sub(lambda m: f'href="{html.escape(urljoin(page_url, html.unescape(m.group(1))))}"', out)
        if prefix:
            out = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', out)
            out = _LOCAL_HREF.sub(lambda m: f'href="#{prefix}{m.group(1)}"', out)
        return out

    def _link(self, doc: Document, target: str, handout: Handout, prefix: str) -> str | None:
        if not layout.is_file_link(target):
            return None
        path, _, anchor = target.partition("#")
        resolved = layout.resolve(doc.rel, path)
        if resolved is None or not self.corpus.exists(resolved):
            return None
        if resolved in handout.parts and len(handout.parts) > 1:
            index = handout.parts.index(resolved)
            return f"#p{index}-{anchor or 'top'}"
        if resolved in self.corpus.documents or resolved in layout.GENERATED_INDEXES:
            return self.config.urls.online(resolved) + (f"#{anchor}" if anchor else "")
        if resolved.lower().endswith(layout.IMAGE_EXTS):
            return _REPO_IMAGE + resolved  # read from the repository; made a file URL after sanitising
        return urljoin(self.config.site_url or "/", layout.site_uri(resolved))

    # --- whole documents ----------------------------------------------------------------

    def document(self, handout: Handout) -> str:
        page_rel = handout.page_rel
        url = self.config.urls.online(page_rel)
        if handout.kind in ("workbook", "facilitator"):
            main = self._book(handout, url)
        else:
            doc = self.corpus.documents[page_rel]
            main = (self._head(handout, url) + '<section class="part">'
                    + self.part_html(doc, handout, "", trainer_notes=True, start=None) + "</section>")
        return self._page(handout, url, main)

    def _head(self, handout: Handout, url: str) -> str:
        return (f'<header class="doc-head">{qr_img(url)}'
                f'<p class="kicker">{html.escape(handout.subtitle)}</p>'
                f'<h1 class="doc-title" id="top">{html.escape(handout.title)}</h1>'
                + (f'<p class="doc-url">Онлайн: <a href="{html.escape(url)}">{html.escape(url)}</a></p>' if _absolute(url) else "")
                + "</header>")

    def _book(self, handout: Handout, url: str) -> str:
        corpus = self.corpus
        training = corpus.documents[handout.parts[0]]
        facilitator = handout.kind == "facilitator"
        t = training.model
        cover = (f'<section class="cover"><p class="programme">{html.escape(self.config.site_name)}</p>'
                 f'<p class="kicker">{html.escape(handout.subtitle)}</p><h1 class="doc-title" id="p0-top">{html.escape(t.title)}</h1>'
                 f'<p class="summary">{html.escape(t.summary)}</p>'
                 f'<p class="venue">{html.escape(t.venue.settlement)}, {html.escape(t.venue.oblast)} область</p>'
                 f'{qr_img(url, "qr qr-big")}'
                 + (f'<p class="doc-url">{html.escape(url)}</p>' if _absolute(url) else "")
                 + f'<p class="licence">Матеріали поширюються на умовах ліцензії {LICENCE}.</p></section>')
        intro = '<section class="part intro">' + self.part_html(training, handout, "p0-", facilitator, None) + "</section>"
        chunks = [cover, intro]
        if facilitator:
            chunks.append(self._checklists(handout))
        starts = self._session_starts(training)
        for i, rel in enumerate(handout.parts[1:], start=1):
            doc = corpus.documents[rel]
            title = f'<h1 id="p{i}-top">{html.escape(doc.title)}</h1>'
            body = self.part_html(doc, handout, f"p{i}-", facilitator, starts.get(doc.slug))
            chunks.append(f'<section class="part session">{title}{body}</section>')
            if not facilitator:
                chunks.append('<section class="notes"><h2 class="notes-title">Нотатки</h2>'
                              + '<div class="line"></div>' * 22 + "</section>")
        return "".join(chunks)

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

    def _page(self, handout: Handout, url: str, main: str) -> str:
        author = self.config.author or self.config.site_name
        footer = (f"{LICENCE} · {url}" if _absolute(url) else LICENCE).replace("\\", "\\\\").replace('"', '\\"')
        running = f"{handout.title} — {handout.subtitle}".replace("\\", "\\\\").replace('"', '\\"')
        return (
            '<!doctype html><html lang="uk"><head><meta charset="utf-8">'
            f"<title>{html.escape(handout.title)} — {html.escape(handout.subtitle)}</title>"
            f'<meta name="author" content="{html.escape(author)}">'
            f'<meta name="description" content="{html.escape(handout.subtitle)}: {html.escape(handout.title)}">'
            '<meta name="generator" content="Hromada">'
            f'<link rel="stylesheet" href="{self.css_href}">'
            f'<style>@page {{ @top-left {{ content: "{running}" }} @bottom-left {{ content: "{footer}" }} }}'
            "@page :first { @top-left { content: none } }</style>"
            f'</head><body class="{handout.kind}">{main}</body></html>'
        )


def _absolute(url: str) -> bool:
    """Only a full address means something on paper; without site_url the PDF names none."""
    return url.startswith(("http://", "https://"))


def asset_dir() -> Path:
    return assets_dir()
