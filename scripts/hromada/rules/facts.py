"""Law that stays current: dated facts and «станом на» dates past their review, placeholders that
name no fact, past dates spoken of in the future tense, a page's own «Станом на» box."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from hromada.content.diagnostics import Diagnostic, error, warning
from hromada.content.facts import FACTS_FILE, INLINE_CODE, PLACEHOLDER, review_due
from hromada.content.load import Corpus, Document
from hromada.content.model import Guide
from hromada.content.vocab import suggest
from hromada.website.parts import MONTHS, fmt_date

_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})")
# Words that put a date in the future: «набере чинності», «стане обов'язковим», «продовжено до».
_FUTURE = re.compile(r"(?i)\b(набере|набуде|набирає\s+чинності|набуває\s+чинності|стане|стануть|стає|буде|будуть|"
                     r"діятиме|діятимуть|триватиме|почне|почнеться|запрацює|продовжено\s+до|продовжили\s+до)\b")
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")
_OWN_AS_OF = re.compile(r'^[ \t]*(?:!!!|\?\?\?\+?)\s+\w[\w-]*\s+"Станом на', re.MULTILINE)


def _review_months(corpus: Corpus, doc: Document) -> int:
    """A page is due when the quickest-ageing fact it names is (martial law: 6 months), else in 12."""
    return min([12, *(corpus.facts.by_name[n].review_months for n in corpus.facts.used(doc.fm.body) if n in corpus.facts.by_name)])


def _body_lines(doc: Document) -> Iterable[tuple[int, str]]:
    """(line number, text) of the body outside fenced code."""
    fenced = False
    for i, line in enumerate(doc.fm.body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if not fenced:
            yield doc.fm.body_line + i, line


def unknown_facts(corpus: Corpus) -> Iterable[Diagnostic]:
    names = sorted(corpus.facts.by_name)
    for doc in corpus.documents.values():
        for line, text in _body_lines(doc):
            for m in PLACEHOLDER.finditer(INLINE_CODE.sub(lambda c: " " * len(c.group(0)), text)):
                if m.group(1) not in corpus.facts.by_name:
                    hint = (suggest(m.group(1), names) if names else
                            f"додайте факт до {FACTS_FILE} (назва, text, source, as_of) або напишіть значення словами")
                    yield error(doc.rel, line, m.start() + 1, "HR055", f"факту «{m.group(1)}» немає у {FACTS_FILE}", hint)


def stale_facts(corpus: Corpus) -> Iterable[Diagnostic]:
    today = dt.date.today()
    for name, fact in corpus.facts.by_name.items():
        due = review_due(fact.as_of, fact.review_months)
        if today > due:
            yield warning(FACTS_FILE, corpus.facts.lines.get(name, 1), 1, "HR056",
                          f"факт «{name}» звірено {fmt_date(fact.as_of)}; його треба було перевірити до {fmt_date(due)}",
                          f"звірте з джерелом ({fact.source}) і оновіть text та as_of")


def stale_pages(corpus: Corpus) -> Iterable[Diagnostic]:
    today = dt.date.today()
    for doc in corpus.documents.values():
        if not isinstance(doc.model, Guide) or doc.model.legal_as_of is None:
            continue
        months = _review_months(corpus, doc)
        due = review_due(doc.model.legal_as_of, months)
        if today > due:
            line, col = doc.fm.line_of(("legal_as_of",))
            yield warning(doc.rel, line, col, "HR057",
                          f"закони на сторінці звірено {fmt_date(doc.model.legal_as_of)}: понад {months} міс. тому",
                          "звірте норми з чинною редакцією законів і оновіть legal_as_of (список: hromada check --legal)")


def future_tense_past_dates(corpus: Corpus) -> Iterable[Diagnostic]:
    """«продовжено до 4 травня 2026» read in December 2026: the page has not seen time pass.
    Facts are filled in first, so a page that names a stale fact is found too."""
    today = dt.date.today()
    for doc in corpus.documents.values():
        if doc.kind == "case":  # cases tell what happened in their own time
            continue
        for line, text in _body_lines(doc):
            filled = corpus.facts.fill(text)
            for sentence in _SENTENCE.finditer(filled):
                future = _FUTURE.search(sentence.group(0))
                if not future:
                    continue
                for m in _DATE.finditer(sentence.group(0), future.end()):
                    when = _parse(m)
                    as_of = sentence.group(0)[max(0, m.start() - 12):m.start()].lower().rstrip().endswith("станом на")
                    if when and when < today and not as_of:  # «станом на …» is when it was checked, not an event
                        yield warning(doc.rel, line, 1, "HR058",
                                      f"«{future.group(0)} … {m.group(0)}»: ця дата вже минула, а текст говорить про неї як про майбутнє",
                                      "перевірте, що сталося, і напишіть у минулому часі, або візьміть дату з facts.yml")
                        break


def own_as_of_box(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.documents.values():
        if not isinstance(doc.model, Guide) or doc.model.legal_as_of is None:
            continue
        for m in _OWN_AS_OF.finditer(doc.fm.body):
            line = doc.fm.body_line + doc.fm.body.count("\n", 0, m.start())
            yield warning(doc.rel, line, 1, "HR054", "сторінка вже показує «Станом на …» угорі (з legal_as_of); цей блок повторює дату",
                          "дайте блоку іншу назву, наприклад «Що звірено», і не повторюйте в ньому дату")


def _parse(m: re.Match) -> dt.date | None:
    try:
        return dt.date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1)))
    except ValueError:
        return None


def review_list(corpus: Corpus) -> list[tuple[dt.date, dt.date, str, str]]:
    """(as of, review due, what, where) of every fact and every legal page, oldest first."""
    rows = [(f.as_of, review_due(f.as_of, f.review_months), f"факт «{n}»: {f.text}", f"{FACTS_FILE}:{corpus.facts.lines.get(n, 1)}")
            for n, f in corpus.facts.by_name.items()]
    for doc in corpus.documents.values():
        if isinstance(doc.model, Guide) and doc.model.legal_as_of:
            rows.append((doc.model.legal_as_of, review_due(doc.model.legal_as_of, _review_months(corpus, doc)), doc.title,
                         f"{doc.rel}:{doc.fm.line_of(('legal_as_of',))[0]}"))
    return sorted(rows)
