"""Case studies and guides: periods, sources, the «станом на» date of legal pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from hromada.content.diagnostics import Diagnostic, error
from hromada.content.load import Corpus
from hromada.content.model import CaseStudy, Guide

# --- case studies and guides -----------------------------------------------------------


def dates(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.checked("case"):
        period = doc.checked.period
        if period is None:
            continue
        if period.end and period.start and period.end < period.start:
            line, col = doc.fm.line_of(("period", "end"))
            yield error(doc.rel, line, col, "HR070", "кінець періоду раніше за початок", "перевірте дати start і end")
        if period.end and period.ongoing:
            line, col = doc.fm.line_of(("period", "ongoing"))
            yield error(doc.rel, line, col, "HR071", "вказано і end, і ongoing: true", "залиште одне з двох")
    for doc in corpus.checked("training"):
        span = doc.checked.dates
        if span and span.end and span.start and span.end < span.start:
            line, col = doc.fm.line_of(("dates", "end"))
            yield error(doc.rel, line, col, "HR070", "кінець тренінгу раніше за початок", "перевірте dates.start і dates.end")


def case_sources(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.checked("case"):
        case: CaseStudy = doc.checked
        if case.status == "documented" and not case.sources:
            line, col = doc.fm.line_of(("status",))
            yield error(doc.rel, line, col, "HR051", "задокументований кейс без джерел",
                        "додайте sources: з адресами публічних джерел або позначте status: illustrative")
        for i, src in enumerate(case.sources or ()):
            if urlsplit(src).scheme not in ("http", "https"):
                line, col = doc.fm.line_of(("sources", i))
                yield error(doc.rel, line, col, "HR052", f"джерело «{src}» не є веб-адресою", "вкажіть повну адресу, що починається з https://")


def legal_dates(corpus: Corpus) -> Iterable[Diagnostic]:
    today = dt.date.today()
    for doc in corpus.documents.values():
        guide = doc.checked
        if not isinstance(guide, Guide):
            continue
        if guide.legal and guide.legal_as_of is None:
            line, col = doc.fm.line_of(("legal",))
            yield error(doc.rel, line, col, "HR050", "сторінка про законодавство без дати «станом на»",
                        f"додайте legal_as_of: {today.isoformat()} — дату, на яку ви перевірили закон")
        elif guide.legal_as_of and guide.legal_as_of > today:
            line, col = doc.fm.line_of(("legal_as_of",))
            yield error(doc.rel, line, col, "HR053", "дата legal_as_of у майбутньому", "вкажіть дату, на яку перевірено текст закону")
