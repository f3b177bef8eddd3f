"""Markdown of generated content: agendas, info and fact boxes, indexes, tool back-links.

All links produced here are in site terms (relative to the page's place in the site),
because they are added after the editor's own links have been translated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import layout
from .collate import uk_key
from .load import Corpus, Document
from .mdscan import scan
from .model import CaseStudy, Session, Training
from .schedule import fmt_duration, fmt_time, plan_day, plural, session_table

MONTHS = ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
          "вересня", "жовтня", "листопада", "грудня"]  # fmt: skip
STATUS_LABEL = {"documented": "задокументований кейс", "illustrative": "навчальний приклад"}


def esc(text: object) -> str:
    """Plain text for a Markdown table cell or inline position."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("*", "\\*")


def link(source_rel: str, target_rel: str, text: str) -> str:
    return f"[{esc(text)}]({layout.site_relative(source_rel, target_rel)})"


def fmt_date(value) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def indent(block: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else "" for line in block.split("\n"))


def bullet(items: Iterable[str]) -> str:
    return "\n".join(f"- {esc(i)}" for i in items)


# --- trainings --------------------------------------------------------------------------


def training_intro(corpus: Corpus, doc: Document) -> str:
    t: Training = doc.model
    facts = [f"**Для кого:** {esc(t.audience)}", f"**Місце:** {esc(t.venue.settlement)}, {esc(t.venue.oblast)} область"]
    if t.dates:
        facts.append(f"**Дати:** {fmt_date(t.dates.start)} – {fmt_date(t.dates.end)}")
    if t.trainers:
        facts.append("**Тренери:** " + ", ".join(esc(x) for x in t.trainers))
    plans = training_plans(corpus, doc)
    total = sum(p.session_minutes for p in plans)
    facts.append(f"**Тривалість:** {plural(len(plans), 'день', 'дні', 'днів')}, {fmt_duration(total)} навчання")
    body = "\n\n".join(facts) + "\n\n**Після тренінгу учасники й учасниці зможуть:**\n\n" + bullet(t.outcomes)
    return f'!!! abstract "Про тренінг"\n\n{indent(body)}\n'


def training_plans(corpus: Corpus, doc: Document):
    table = session_table(corpus.sessions_of(doc.slug))
    return [plan_day(day, table) for day in doc.model.days]


def training_agenda(corpus: Corpus, doc: Document) -> str:
    out = ["## Розклад", ""]
    sessions = corpus.sessions_of(doc.slug)
    for plan in training_plans(corpus, doc):
        out += [f"### День {plan.day}", "", "| Час | Заняття | Тривалість |", "|---|---|---|"]
        for slot in plan.slots:
            when = f"{fmt_time(slot.start)}–{fmt_time(slot.end)}"
            if slot.kind == "session" and slot.session in sessions:
                what = link(doc.rel, sessions[slot.session].rel, slot.title)
            else:
                what = f"*{esc(slot.title)}*"
            out.append(f"| {when} | {what} | {fmt_duration(slot.minutes)} |")
        out += ["", f"День триває {fmt_time(plan.start)}–{fmt_time(plan.end)}, з них навчання — "
                    f"{fmt_duration(plan.session_minutes)}.", ""]
    return "\n".join(out)


def session_place(corpus: Corpus, doc: Document) -> str | None:
    """«День 2, 11:00–12:30» for a session in its training's agenda."""
    training = corpus.documents.get(f"{layout.CURRICULA}/{doc.training}/index.md")
    if training is None or not isinstance(training.model, Training):
        return None
    for plan in training_plans(corpus, training):
        for slot in plan.slots:
            if slot.session == doc.slug:
                return (f"{link(doc.rel, training.rel, training.title)} · день {plan.day}, "
                        f"{fmt_time(slot.start)}–{fmt_time(slot.end)}")
    return None


def session_infobox(corpus: Corpus, doc: Document) -> str:
    s: Session = doc.model
    lines = []
    place = session_place(corpus, doc)
    if place:
        lines.append(f"**Тренінг:** {place}")
    size = f" · **Група:** {s.group_size.min}–{s.group_size.max} осіб" if s.group_size else ""
    lines.append(f"**Тривалість:** {fmt_duration(s.minutes or 0)}{size}")
    for title, items in (("Методи", s.methods), ("Матеріали", s.materials)):
        if items:
            lines.append(f"**{title}:** " + ", ".join(esc(i) for i in items) + ".")
    sections = [("Цілі — після заняття учасники й учасниці зможуть", s.objectives),
                ("Ключові запитання", s.questions), ("Підготовка", s.preparation),
                ("Адаптовано з", s.adapted_from)]
    for title, items in sections:
        if items:
            lines.append(f"**{title}:**\n\n{bullet(items)}")
    return f'!!! abstract "Про заняття"\n\n{indent(chr(10).join(x + chr(10) for x in lines))}\n'


def session_keypoints(doc: Document) -> str:
    s: Session = doc.model
    if not s.keypoints:
        return ""
    return f'\n!!! success "Ключові думки"\n\n{indent(bullet(s.keypoints))}\n'


# --- case studies ----------------------------------------------------------------------


def case_factbox(corpus: Corpus, doc: Document) -> str:
    c: CaseStudy = doc.model
    out = []
    if c.status == "illustrative":
        out.append('!!! warning "Навчальний приклад"\n\n    Це вигаданий приклад для навчання: назви, '
                   "люди й цифри в ньому умовні. Він показує, як може працювати підхід, "
                   "а не описує справжню подію.\n")
    place = f"{esc(c.location.settlement)}, {esc(c.location.hromada)}, {esc(c.location.oblast)} область"
    kind = esc(c.location.settlement_type)
    if c.population:
        kind += f", {_money(c.population)} мешканців"
    period = fmt_date(c.period.start) + (" – " + fmt_date(c.period.end) if c.period.end else " — триває" if c.period.ongoing else "")
    rows = [("Де", f"{place} ({kind})"), ("Коли", period), ("Статус", STATUS_LABEL[c.status]),
            ("Теми", ", ".join(esc(t) for t in c.themes))]
    if c.tools:
        rows.append(("Інструменти", ", ".join(_tool_link(corpus, doc, t) for t in c.tools)))
    rows.append(("Рівень участі (IAP2)", esc(c.public_spectrum)))
    rows.append(("Організатори", ", ".join(esc(o) for o in c.organizers)))
    if c.partners:
        rows.append(("Партнери", ", ".join(esc(p) for p in c.partners)))
    if c.funding and c.funding.sources:
        rows.append(("Фінансування", "; ".join(
            f"{esc(s.funder)} ({esc(s.type)}" + (f", {_money(s.amount)} {esc(c.funding.currency)})" if s.amount else ")")
            for s in c.funding.sources)))
    out.append("| | |\n|---|---|\n" + "\n".join(f"| **{k}** | {v} |" for k, v in rows) + "\n")
    return "\n".join(out)


def case_footer(doc: Document) -> str:
    c: CaseStudy = doc.model
    out = []
    if c.results:
        out += ["## Показники", "", "| Показник | Значення |", "|---|---|"]
        out += [f"| {esc(r.indicator)} | {esc(r.value)} |" for r in c.results]
        out.append("")
    if c.lessons:
        out += ["## Головні уроки", "", bullet(c.lessons), ""]
    if c.sources:
        out += ["## Джерела", "", "\n".join(f"- <{s}>" for s in c.sources), ""]
    out.append(f"*Ліцензія: {esc(c.licence)}.*")
    return "\n".join(out) + "\n"


def _money(amount: float) -> str:
    whole = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    return whole.replace(",", " ")


def _tool_link(corpus: Corpus, doc: Document, slug: str) -> str:
    title = corpus.vocab.tools.get(slug, slug)
    target = f"{layout.DOCS}/instrumenty/{slug}.md"
    return link(doc.rel, target, title) if target in corpus.documents else esc(title)


# --- tool pages: back-links from case front matter ------------------------------------------


def tool_slug(doc: Document) -> str | None:
    prefix = f"{layout.DOCS}/instrumenty/"
    if doc.rel.startswith(prefix) and doc.rel.count("/") == 2 and doc.slug != "index":
        return doc.slug
    return None


def tool_cases(corpus: Corpus, doc: Document) -> str:
    slug = tool_slug(doc)
    cases = sorted((c for c in corpus.cases if slug in c.model.tools), key=lambda c: uk_key(c.title))
    if not cases:
        return "*Поки що немає кейсів із цим інструментом.*\n"
    return "\n".join(f"- {link(doc.rel, c.rel, c.title)} — {esc(c.model.location.settlement)}, "
                     f"{esc(c.model.location.oblast)} обл." + (" *(навчальний приклад)*" if c.model.status == "illustrative" else "")
                     for c in cases) + "\n"


_CASES_HEADING = re.compile(r"^##\s+Кейси\b.*$", re.MULTILINE)


def with_tool_cases(corpus: Corpus, doc: Document, body: str) -> str:
    """Insert the list of cases into the page's «## Кейси» section, or add that section."""
    listing = tool_cases(corpus, doc)
    heading = _CASES_HEADING.search(body)
    if heading is None:
        return body.rstrip("\n") + "\n\n## Кейси з цим інструментом\n\n" + listing
    nxt = re.compile(r"^#{1,2}\s", re.MULTILINE).search(body, heading.end())
    cut = nxt.start() if nxt else len(body)
    return body[:cut].rstrip("\n") + "\n\n" + listing + "\n" + body[cut:]


# --- index pages --------------------------------------------------------------------------


def curricula_index(corpus: Corpus) -> str:
    rel = layout.GENERATED_INDEXES[0]
    out = ["# Навчальні програми", "",
           "Триденні тренінги програми. На сторінці кожного — розклад, заняття з покроковим описом "
           "і матеріали для друку.", ""]
    for doc in sorted(corpus.trainings, key=lambda d: uk_key(d.title)):
        t: Training = doc.model
        total = sum(p.session_minutes for p in training_plans(corpus, doc))
        out += [f"## {link(rel, doc.rel, t.title)}", "", esc(t.summary), "",
                f"{esc(t.venue.settlement)} · {plural(len(t.days), 'день', 'дні', 'днів')} · {fmt_duration(total)} навчання · "
                f"{plural(len(corpus.sessions_of(doc.slug)), 'заняття', 'заняття', 'занять')}", ""]
    return "\n".join(out)


def cases_index(corpus: Corpus) -> str:
    rel = layout.GENERATED_INDEXES[1]
    cases = sorted(corpus.cases, key=lambda d: uk_key(d.title))
    out = ["# Кращі практики", "",
           f"Кейси громад: {len(cases)}. Задокументовані кейси спираються на публічні джерела; "
           "навчальні приклади — вигадані історії для занять, вони так і позначені.", "",
           "| Кейс | Де | Коли | Теми | Статус |", "|---|---|---|---|---|"]
    for doc in cases:
        c: CaseStudy = doc.model
        out.append(f"| {link(rel, doc.rel, c.title)} | {esc(c.location.settlement)}, {esc(c.location.oblast)} обл. "
                   f"| {c.period.start.year} | {', '.join(esc(t) for t in c.themes)} | {STATUS_LABEL[c.status]} |")
    return "\n".join(out) + "\n"


def generated_for(corpus: Corpus, doc: Document) -> str:
    """Everything generated for this page (for anchor checks and the site alike)."""
    if doc.model is None:
        return ""
    if doc.kind == "training":
        return training_intro(corpus, doc) + "\n" + training_agenda(corpus, doc)
    if doc.kind == "case":
        return case_factbox(corpus, doc) + "\n" + case_footer(doc)
    if doc.kind == "session":
        return session_infobox(corpus, doc) + session_keypoints(doc)
    if tool_slug(doc):
        return "## Кейси з цим інструментом\n"
    return ""


def generated_anchors(corpus: Corpus, doc: Document) -> set[str]:
    return scan(generated_for(corpus, doc)).anchors


def compose(corpus: Corpus, doc: Document, body: str) -> str:
    """The page's full Markdown: the editor's body (links already translated) plus generated parts."""
    if doc.model is None:
        return body
    if doc.kind == "training":
        return training_intro(corpus, doc) + "\n" + body + "\n\n" + training_agenda(corpus, doc)
    if doc.kind == "session":
        return session_infobox(corpus, doc) + "\n" + body + "\n" + session_keypoints(doc)
    if doc.kind == "case":
        return case_factbox(corpus, doc) + "\n" + body + "\n\n" + case_footer(doc)
    if tool_slug(doc):
        return with_tool_cases(corpus, doc, body)
    return body


def dependencies(corpus: Corpus, doc: Document) -> list[str]:
    """Repository files whose change changes this page's generated parts."""
    deps = ["vocabularies.yml"]
    if doc.kind == "training":
        deps += [s.rel for s in corpus.of_kind("session") if s.training == doc.slug]
    elif doc.kind == "session":
        deps.append(f"{layout.CURRICULA}/{doc.training}/index.md")
        deps += [s.rel for s in corpus.of_kind("session") if s.training == doc.training]
    elif tool_slug(doc):
        deps += [c.rel for c in corpus.of_kind("case")]
    return deps
