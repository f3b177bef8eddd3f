"""Every content rule over the whole corpus → one list of diagnostics (all problems at once).

One module per family of rules; `RULES` is the order they run in. A new check is a function
`(corpus) -> Iterable[Diagnostic]` in its family's module, added here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
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


# Rules whose findings for a file depend on that file alone (and on facts.yml and today's date):
# a live preview checks again only the files that were saved.
BY_FILE: frozenset[Rule] = frozenset({unknown_facts, future_tense_past_dates, own_as_of_box, unfilled_templates})


class RuleMemo:
    """A preview session's findings of the BY_FILE rules, per file, while the file (the same
    `Document`, which `content.load.DocumentCache` keeps), facts.yml and the date stay the same."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], tuple[object, object, list[Diagnostic]]] = {}


def check(corpus: Corpus, memo: RuleMemo | None = None) -> list[Diagnostic]:
    found: list[Diagnostic] = list(corpus.diagnostics)
    for doc in corpus.documents.values():
        found += doc.diagnostics
    context = (repr(sorted(corpus.facts.by_name.items())), dt.date.today()) if memo else None
    for rule in RULES:
        found += _by_file(rule, corpus, memo, context) if memo and rule in BY_FILE else rule(corpus)
    return sorted(set(found))


def _by_file(rule: Rule, corpus: Corpus, memo: RuleMemo, context: object) -> list[Diagnostic]:
    """The rule run on the files it has not seen as they are now; the others' findings remembered."""
    name = rule.__name__
    fresh = {rel: doc for rel, doc in corpus.documents.items()
             if not ((kept := memo.found.get((name, rel))) and kept[0] is doc and kept[1] == context)}
    if fresh:
        by_rel: dict[str, list[Diagnostic]] = {rel: [] for rel in fresh}
        for d in rule(dataclasses.replace(corpus, documents=fresh, _by_kind=None, _sessions=None, _derived={})):
            by_rel.setdefault(d.path, []).append(d)
        for rel, diags in by_rel.items():
            if rel in fresh:
                memo.found[(name, rel)] = (fresh[rel], context, diags)
    for key in [k for k in memo.found if k[0] == name and k[1] not in corpus.documents]:
        del memo.found[key]
    return [d for rel in corpus.documents for d in memo.found[(name, rel)][2]]
