"""What a page says about itself, for the theme (theme/main.html and partials/): the description
a shared link shows, its address, the date it last changed, the way to the editors' guide and, on
the guide's own pages, the guide's list of pages (the guide is outside the readers' menu).

Both engines put `page_meta` into the page's theme metadata beside `render.theme_meta`, whose
keys (an editor's own `description`) win. Text is escaped here: MkDocs' templates print values as
they are, and Zensical reads them back from YAML as plain strings.
"""

from __future__ import annotations

from markupsafe import escape

from hromada.content.layout import CURRICULA, HOME
from hromada.content.load import Document
from hromada.content.model import Session
from hromada.website.navigation import EDITORS_INDEX, NavItem, for_editors
from hromada.website.parts import fmt_date
from hromada.website.prepare import Site


def page_meta(site: Site, rel: str, site_description: str | None = None) -> dict:
    """`site_description` (mkdocs.yml's) describes a page without a summary: escaped here too,
    where Material would print it as it is."""
    meta: dict = {"hromada_home": True} if rel == HOME else {}  # Zensical has no page.is_homepage
    doc = site.document(rel)
    summary = getattr(doc.model, "summary", None) if doc is not None else None
    if not (isinstance(summary, str) and summary.strip()) and doc is not None and isinstance(doc.model, Session):
        summary = session_description(site, doc)
    description = summary if isinstance(summary, str) and summary.strip() else site_description
    if description and description.strip():
        meta["description"] = str(escape(description.strip()))
    if site.urls.site_url:  # the offline pack keeps it too: a copy's page has the same published address
        meta["hromada_url"] = str(escape(site.urls.online(rel)))
    if (day := site.updated.get(rel)) is not None:
        meta["hromada_updated"] = fmt_date(day)
        meta["hromada_updated_iso"] = day.isoformat()
    if site.editors and EDITORS_INDEX in site.order:
        meta["hromada_editors"] = site.urls.href(rel, EDITORS_INDEX)
    if for_editors(rel) and site.editors:
        meta["hromada_section"] = section(site, rel, site.editors[0])
    return meta


def session_description(site: Site, doc: Document, limit: int = 200) -> str:
    """A session has no summary: a shared link says whose it is and what it teaches, from its objectives."""
    training = site.corpus.documents.get(f"{CURRICULA}/{doc.training}/index.md")
    text = f"Заняття тренінгу «{training.title}»." if training else "Заняття тренінгу."
    if doc.model.objectives:
        text += " Після нього учасники й учасниці зможуть: " + "; ".join(_lower_first(o.rstrip(".")) for o in doc.model.objectives) + "."
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit - 1)].rstrip(" ,;:") + "…"


def _lower_first(text: str) -> str:
    """«Назвати шість мотивів» → «назвати…» in the middle of a sentence; «SMART-цілі» stays."""
    return text[:1].lower() + text[1:] if text[:2] and not text[:2].isupper() else text


def section(site: Site, rel: str, item: NavItem) -> dict:
    """A section's pages as links from the page of `rel`, for the sidebar (partials/nav.html)."""
    return {"title": str(escape(item.title)), "pages": [
        {"title": str(escape(title)), "href": site.urls.href(rel, page), "current": page == rel}
        for page, title in _pages(item)]}


def _pages(item: NavItem) -> list[tuple[str, str]]:
    if item.rel:
        return [(item.rel, item.title)]
    return [page for child in item.children for page in _pages(child)]
