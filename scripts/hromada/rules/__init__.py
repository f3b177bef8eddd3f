"""Every content rule over the whole corpus → one list of diagnostics (all problems at once).

One module per family of rules; `RULES` is the order they run in. A new check is a function
`(corpus) -> Iterable[Diagnostic]` in its family's module, added here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from hromada.content.diagnostics import Diagnostic
from hromada.content.load import Corpus
from hromada.rules.agenda import agendas, session_bodies, session_steps
from hromada.rules.cases import case_sources, dates, legal_dates
from hromada.rules.facts import future_tense_past_dates, own_as_of_box, stale_facts, stale_pages, unknown_facts
from hromada.rules.files import file_names, published_files, url_collisions
from hromada.rules.limits import bounded_work
from hromada.rules.links import links, raw_html
from hromada.rules.session_parts import session_parts
from hromada.rules.template import unfilled_templates
from hromada.rules.vocabulary import vocabularies

Rule = Callable[[Corpus], Iterable[Diagnostic]]

RULES: tuple[Rule, ...] = (
    file_names, url_collisions, vocabularies, agendas, session_steps, dates, case_sources,
    legal_dates, links, raw_html, bounded_work, published_files, session_bodies, session_parts,
    unknown_facts, stale_facts, stale_pages, future_tense_past_dates, own_as_of_box, unfilled_templates,
)


def check(corpus: Corpus) -> list[Diagnostic]:
    found: list[Diagnostic] = list(corpus.diagnostics)
    for doc in corpus.documents.values():
        found += doc.diagnostics
    for rule in RULES:
        found += rule(corpus)
    return sorted(set(found))
