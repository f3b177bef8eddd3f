"""Phase two, one page at a time: what the engine converts, and what goes into what it converted.

    compose(site, rel) -> Composed        the page's Markdown (markers where generated HTML goes)
    finish(site, composed, html) -> Page   sanitised, generated parts filled in, downloads, banner

The engine turns `Composed.markdown` into HTML in between; `Page.headings` are the generated
headings its table of contents should also list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape as html_escape

from markupsafe import escape

from hromada.content import layout, session_parts
from hromada.content.load import Document
from hromada.content.mdscan import map_outside_code
from hromada.content.nesting import nest_lists
from hromada.handouts.plan import Handout, training_zip
from hromada.text import typography
from hromada.website import parts, sanitize, session_html
from hromada.website.catalogue import catalogue
from hromada.website.prepare import Site
from hromada.website.sitelinks import to_site

CATALOGUE_JS = "assets/hromada/catalogue.js"
CATALOGUE_CSS = "assets/hromada/catalogue.css"
_TASK_ITEM = re.compile(r'(<li class="task-list-item">\s*<input type="checkbox"[^>]*?)\s*/?>([^<]*)')
# Tables scroll sideways inside Material's wrapper (its bundle added it in the browser; we do it once here).
_TABLE = re.compile(r"<table\b(?:(?!</table>).)*</table>", re.S)
_TRAINER = re.compile(r"^(\s*)!!!(\+?)\s+trainer\b", re.MULTILINE)


@dataclass(frozen=True)
class Composed:
    rel: str
    markdown: str
    generated: parts.Generated = field(default_factory=parts.Generated)


@dataclass(frozen=True)
class Page:
    html: str
    headings: tuple[tuple[int, str, str], ...]  # (level, text, anchor) of generated headings, for the TOC


def generated_source(site: Site, rel: str) -> str | None:
    """The Markdown of a generated index page (the trainings list, the case catalogue)."""
    if rel in site.corpus.documents:
        return None
    if rel == layout.TRAININGS_INDEX:
        return parts.curricula_index(site.corpus)
    if rel == layout.CASES_INDEX:
        return parts.cases_index(site.corpus)
    return None


def theme_meta(doc: Document) -> dict:
    """What the theme may read of a page's front matter: the title (escaped with the others by
    the engine), an escaped description, the parts to hide, whether search skips it."""
    meta: dict = {}
    title = doc.fm.data.get("title")
    if isinstance(title, str) and title.strip():
        meta["title"] = title
    model = doc.model
    if getattr(model, "description", None):
        meta["description"] = escape(model.description)
    if getattr(model, "hide", None):
        meta["hide"] = list(model.hide)
    if getattr(model, "search", None) is not None:
        meta["search"] = {"exclude": model.search.exclude}
    return meta


def compose(site: Site, rel: str, markdown: str = "") -> Composed:
    """The body as Hromada read it (never as the engine did: readers differ on edge cases), links
    in site terms, trainer notes folded, markers for the generated parts."""
    doc = site.corpus.documents.get(rel)
    if doc is None:
        return Composed(rel, generated_source(site, rel) or markdown, parts.index_parts(site.corpus, site.urls, rel)
                        or parts.Generated())
    body = to_site(site.corpus.facts.fill(doc.fm.body), doc.rel, site.corpus.exists)
    body = map_outside_code(body, lambda line: _TRAINER.sub(r"\1???\2 trainer", line))  # trainer notes fold on the site
    body = nest_lists(body)  # sub-lists indented by 2–3 spaces nest as on GitHub, whichever engine converts
    gen = parts.generated(site.corpus, site.urls, doc)
    return Composed(rel, parts.compose(gen, body), gen)


def finish(site: Site, composed: Composed, html: str) -> Page:
    """The converted page with what is ours put in; what content made is sanitised first."""
    rel, gen = composed.rel, composed.generated
    html = sanitize.clean(html)
    mark = parts.MARK.format("catalogue")
    if mark in html:
        root = site.urls.to_root(rel)
        html = html.replace(mark, catalogue(site.corpus, site.urls, rel, root + CATALOGUE_JS, root + CATALOGUE_CSS))
    doc = site.corpus.documents.get(rel)
    if doc is not None and doc.kind == "session":
        html = session_html.mark_parts(html, session_parts.of_session(doc))
    if doc is not None:
        html = _TASK_ITEM.sub(lambda m: f'{m.group(1)} aria-label="{html_escape(m.group(2).strip()[:120])}">{m.group(2)}', html)
        html = banner(site, rel) + downloads(site, rel) + html
    html = parts.fill(gen, html)
    # After the sanitiser (nh3 would write the no-break spaces back as &nbsp;) and after the
    # generated parts, which carry numbers and units too («15 хв», «1 250 000 грн»).
    html = typography.typeset_html(html)
    html = _TABLE.sub(r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">\g<0></div></div>', html)
    return Page(html, tuple(gen.headings))


def banner(site: Site, rel: str) -> str:
    """A live preview keeps running on broken content and shows each page its own errors."""
    problems = site.errors_by_page.get(rel, ())
    if not problems or not site.options.serving:
        return ""
    items = "".join(f"<li>рядок {d.line}: {html_escape(d.message)}<br><em>{html_escape(d.hint)}</em></li>" for d in problems)
    return (f'<div class="admonition failure"><p class="admonition-title">Помилки у цьому файлі (їх бачите лише ви, '
            f"у попередньому перегляді)</p><ul>{items}</ul></div>\n")


def downloads(site: Site, rel: str) -> str:
    """Download buttons at the top of a page: its PDFs (a training also offers a ZIP of all of
    them), and on the home page the offline pack. Each says its format and, once the file exists,
    its size: `publish.sizes` fills the empty «hromada-size» after the label («…, 1,2 МБ»)."""
    def size(path: str) -> str:  # path from the site's root
        return f'<span class="hromada-size" data-size-of="{html_escape(path)}"></span>'

    out = ""
    if rel == layout.HOME and site.options.offline_pack:
        out = (f'<p class="hromada-downloads hromada-downloads--pack" data-search="skip"><a href="{layout.OFFLINE_PACK}" download>'
               f"Увесь сайт для роботи без інтернету (ZIP){size(layout.OFFLINE_PACK)}</a></p>\n")
    handouts: tuple[Handout, ...] = site.handouts.get(rel, ()) if site.options.pdf_links else ()
    if not handouts:
        return out
    doc = site.corpus.documents[rel]
    archive = training_zip(doc.slug) if doc.kind == "training" else None
    prefix = site.urls.to_root(rel)
    labels = {"workbook": "Робочий зошит (PDF)", "facilitator": "Посібник тренера (PDF)", "handouts": "Роздаткові матеріали (PDF)"}
    links = "".join(f'<a class="md-button" href="{prefix}{h.output}" download>{labels.get(h.kind, "Завантажити PDF")}'
                    f"{size(h.output)}</a> " for h in handouts)
    if archive:
        links += f'<a class="md-button" href="{prefix}{archive}" download>Усі PDF тренінгу (ZIP){size(archive)}</a>'
    return f'<p class="hromada-downloads" data-search="skip">{links}</p>\n' + out
