"""Values that must come from vocabularies.yml (oblasts, themes, tools, settlement types)."""

from __future__ import annotations

from collections.abc import Iterable

from hromada.content.diagnostics import Diagnostic, error
from hromada.content.load import Corpus, Document
from hromada.content.model import CaseStudy
from hromada.content.vocab import suggest

# --- vocabularies ---------------------------------------------------------------------


def _vocab(doc: Document, path: tuple, value: object, allowed, what: str) -> Iterable[Diagnostic]:
    allowed = list(allowed)
    if allowed and value not in allowed:
        line, col = doc.fm.line_of(path)
        yield error(doc.rel, line, col, "HR013", f"{what} «{value}» немає у словнику", suggest(str(value), allowed))


def vocabularies(corpus: Corpus) -> Iterable[Diagnostic]:
    v = corpus.vocab
    for doc in corpus.trainings:
        yield from _vocab(doc, ("venue", "oblast"), doc.model.venue.oblast, v.oblasts, "Область")
    for doc in corpus.cases:
        case: CaseStudy = doc.model
        yield from _vocab(doc, ("location", "oblast"), case.location.oblast, v.oblasts, "Область")
        yield from _vocab(doc, ("location", "settlement_type"), case.location.settlement_type,
                          v.settlement_types, "Тип населеного пункту")
        yield from _vocab(doc, ("public_spectrum",), case.public_spectrum, v.public_spectrum, "Рівень участі")
        for i, theme in enumerate(case.themes):
            yield from _vocab(doc, ("themes", i), theme, v.themes, "Тема")
        for i, tool in enumerate(case.tools):
            yield from _vocab(doc, ("tools", i), tool, v.tools, "Інструмент")
        if case.funding:
            for i, src in enumerate(case.funding.sources):
                yield from _vocab(doc, ("funding", "sources", i, "type"), src.type, v.funding_types, "Тип фінансування")
