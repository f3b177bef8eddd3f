"""What is printed: one PDF per session, case and `handout: true` guide; per training a
participant workbook, a facilitator guide and the pack of handouts to photocopy."""

from __future__ import annotations

import fnmatch
import posixpath
from dataclasses import dataclass
from typing import Literal

from hromada.content import layout
from hromada.content.load import Corpus, Document
from hromada.content.model import Guide

Kind = Literal["session", "case", "guide", "workbook", "facilitator", "handouts"]
PDF_DIR = "pdf"
WORKBOOK = "robochyi-zoshyt"
FACILITATOR = "posibnyk-trenera"
HANDOUT_PACK = "rozdatkovi-materialy"


@dataclass(frozen=True)
class Handout:
    kind: Kind
    output: str  # path inside the site, e.g. pdf/curricula/<t>/<s>.pdf
    title: str
    subtitle: str
    page_rel: str  # the repository file whose online page the PDF belongs to (and its QR code points at)
    parts: tuple[str, ...]  # repository files printed, in order

    @property
    def name(self) -> str:
        return posixpath.basename(self.output)


def pdf_path(rel: str) -> str:
    """Site path of the PDF of a page: pdf/ + the page's path (index pages take their folder's name)."""
    uri = layout.site_uri(rel)[: -len(".md")]
    if uri == "index":
        uri = "golovna"
    elif uri.endswith("/index"):
        uri = uri[: -len("/index")]
    return f"{PDF_DIR}/{uri}.pdf"


def plan(corpus: Corpus) -> list[Handout]:
    out: list[Handout] = []
    for doc in sorted(corpus.documents.values(), key=lambda d: d.rel):
        if doc.model is None:
            continue
        if doc.kind == "session":
            out.append(Handout("session", pdf_path(doc.rel), doc.title, _training_title(corpus, doc), doc.rel, (doc.rel,)))
        elif doc.kind == "case":
            label = "Навчальний приклад" if doc.model.status == "illustrative" else "Кейс громади"
            out.append(Handout("case", pdf_path(doc.rel), doc.title, label, doc.rel, (doc.rel,)))
        elif doc.kind == "guide" and isinstance(doc.model, Guide) and doc.model.handout:
            out.append(Handout("guide", pdf_path(doc.rel), doc.title, "Посібник", doc.rel, (doc.rel,)))
        elif doc.kind == "training":
            out += training_books(corpus, doc)
    return out


def training_books(corpus: Corpus, doc: Document) -> list[Handout]:
    sessions = corpus.sessions_of(doc.slug)
    ordered = [sessions[e.session].rel for day in doc.model.days for e in day.agenda
               if getattr(e, "session", None) in sessions]
    folder = f"{PDF_DIR}/{layout.CURRICULA}/{doc.slug}"
    parts = (doc.rel, *ordered)
    return [
        Handout("workbook", f"{folder}/{WORKBOOK}.pdf", doc.title, "Робочий зошит для учасників і учасниць", doc.rel, parts),
        Handout("facilitator", f"{folder}/{FACILITATOR}.pdf", doc.title, "Посібник для тренерів і тренерок", doc.rel, parts),
        Handout("handouts", f"{folder}/{HANDOUT_PACK}.pdf", doc.title, "Роздаткові матеріали", doc.rel, parts),
    ]


def training_zip(slug: str) -> str:
    """All PDFs of a training in one archive, for trainers who print everything at once."""
    return f"{PDF_DIR}/{layout.CURRICULA}/{slug}/{slug}-usi-materialy.zip"


def _training_title(corpus: Corpus, doc: Document) -> str:
    training = corpus.documents.get(layout.training_rel(doc.training or ""))
    return training.title if training else ""


def select(handouts: list[Handout], pattern: str | None) -> list[Handout]:
    """`--only GLOB`: matched against the PDF's site path and its source files."""
    if not pattern:
        return handouts
    return [h for h in handouts if fnmatch.fnmatch(h.output, pattern) or fnmatch.fnmatch(h.output, f"{PDF_DIR}/{pattern}")
            or any(fnmatch.fnmatch(p, pattern) for p in h.parts)]


def by_page(handouts: list[Handout]) -> dict[str, list[Handout]]:
    """The handouts each page offers for download (a training offers its three books)."""
    pages: dict[str, list[Handout]] = {}
    for h in handouts:
        pages.setdefault(h.page_rel, []).append(h)
    return pages
