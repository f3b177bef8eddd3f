"""Values that must come from vocabularies.yml (oblasts, themes, tools, settlement types)."""

from __future__ import annotations

from collections.abc import Iterable

from hromada.content.diagnostics import Diagnostic, error
from hromada.content.load import Corpus, Document
from hromada.content.model import CaseStudy
from hromada.content.vocab import suggest

# --- vocabularies ---------------------------------------------------------------------


def _vocab(doc: Document, path: tuple, value: object, allowed, whose: str) -> Iterable[Diagnostic]:
    """`whose`: the vocabulary in the genitive, as the sentence needs it: «Області «…» немає у словнику»."""
    allowed = list(allowed)
    if allowed and value is not None and value not in allowed:  # None: missing or wrong, reported by validation
        line, col = doc.fm.line_of(path)
        yield error(doc.rel, line, col, "HR013", f"{whose} «{value}» немає у словнику", suggest(str(value), allowed))


def vocabularies(corpus: Corpus) -> Iterable[Diagnostic]:
    v = corpus.vocab
    for doc in corpus.checked("training"):
        venue = doc.checked.venue
        if venue is not None:
            yield from _vocab(doc, ("venue", "oblast"), venue.oblast, v.oblasts, "Області")
    for doc in corpus.checked("case"):
        case: CaseStudy = doc.checked
        if case.location is not None:
            yield from _vocab(doc, ("location", "oblast"), case.location.oblast, v.oblasts, "Області")
            yield from _vocab(doc, ("location", "settlement_type"), case.location.settlement_type,
                              v.settlement_types, "Типу населеного пункту")
        yield from _vocab(doc, ("public_spectrum",), case.public_spectrum, v.public_spectrum, "Рівня участі")
        for i, theme in enumerate(case.themes or ()):
            yield from _vocab(doc, ("themes", i), theme, v.themes, "Теми")
        for i, tool in enumerate(case.tools or ()):
            yield from _vocab(doc, ("tools", i), tool, v.tools, "Інструмента")
        if case.funding is not None:
            for i, src in enumerate(case.funding.sources or ()):
                yield from _vocab(doc, ("funding", "sources", i, "type"), src.type, v.funding_types, "Типу фінансування")
