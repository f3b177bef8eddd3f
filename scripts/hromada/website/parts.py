"""Markdown of generated content: agendas, info and fact boxes, indexes, tool back-links.

All links produced here are in site terms (relative to the page's place in the site),
because they are added after the editor's own links have been translated.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import MappingProxyType

from hromada.content import layout
from hromada.content.layout import Urls
from hromada.content.load import Corpus, Document
from hromada.content.model import CaseStudy, Guide, Session, Training
from hromada.text.collate import uk_key
from hromada.text.plurals import plural
from hromada.text.translit import slugify
from hromada.website.schedule import fmt_duration, fmt_time, plan_day, session_table

MONTHS = ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
          "вересня", "жовтня", "листопада", "грудня")  # fmt: skip
STATUS_LABEL = MappingProxyType({"documented": "задокументований кейс", "illustrative": "навчальний приклад"})


def esc(text: object) -> str:
    """Plain text for generated HTML."""
    return html.escape(str(text), quote=True)


def link(urls: Urls, source_rel: str, target_rel: str, text: str) -> str:
    return f'<a href="{urls.href(source_rel, target_rel)}">{esc(text)}</a>'


def fmt_date(value) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def ul(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def box(kind: str, title: str, inner: str) -> str:
    """An admonition in Material's own markup. Generated parts are HTML, not Markdown:
    Python-Markdown passes HTML blocks through, which keeps the build as fast as a plain one."""
    return f'<div class="admonition {kind}"><p class="admonition-title">{esc(title)}</p>{inner}</div>\n'


def heading(level: int, title: str) -> str:
    anchor = slugify(title)
    return (f'<h{level} id="{anchor}">{esc(title)}<a class="headerlink" href="#{anchor}" '
            f'title="Постійне посилання">#</a></h{level}>\n')


def table(head: list[str], rows: list[list[str]], cls: str) -> str:
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    # The wrapper carries the class: Material styles only tables without one.
    return f'<div class="{cls}"><table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>\n'


# --- trainings --------------------------------------------------------------------------


def training_intro(corpus: Corpus, doc: Document) -> str:
    t: Training = doc.model
    facts = [f"<strong>Для кого:</strong> {esc(t.audience)}",
             f"<strong>Місце:</strong> {esc(t.venue.settlement)}, {esc(t.venue.oblast)} область"]
    if t.dates:
        facts.append(f"<strong>Дати:</strong> {fmt_date(t.dates.start)} – {fmt_date(t.dates.end)}")
    if t.trainers:
        facts.append("<strong>Тренери:</strong> " + ", ".join(esc(x) for x in t.trainers))
    plans = training_plans(corpus, doc)
    total = sum(p.session_minutes for p in plans)
    facts.append(f"<strong>Тривалість:</strong> {plural(len(plans), 'день', 'дні', 'днів')}, {fmt_duration(total)} навчання")
    inner = "".join(f"<p>{f}</p>" for f in facts)
    inner += "<p><strong>Після тренінгу учасники й учасниці зможуть:</strong></p>" + ul(t.outcomes)
    return box("abstract", "Про тренінг", inner)


def training_plans(corpus: Corpus, doc: Document):
    """The training's days with computed times, laid out once per corpus."""
    def plans():
        table_ = session_table(corpus.sessions_of(doc.slug))
        return tuple(plan_day(day, table_) for day in doc.model.days)
    return corpus.derived(("plans", doc.rel), plans)


def session_slots(corpus: Corpus) -> dict[str, tuple[Document, int, object]]:
    """Every session in an agenda → (its training, the day, its slot), once per corpus."""
    def index():
        found = {}
        for training in corpus.trainings:
            for plan in training_plans(corpus, training):
                for slot in plan.slots:
                    if slot.session:
                        found.setdefault(f"{layout.CURRICULA}/{training.slug}/{slot.session}.md", (training, plan.day, slot))
        return found
    return corpus.derived("session slots", index)


def training_agenda(corpus: Corpus, urls: Urls, doc: Document) -> str:
    out = [heading(2, "Розклад")]
    sessions = corpus.sessions_of(doc.slug)
    for plan in training_plans(corpus, doc):
        rows = []
        for slot in plan.slots:
            when = f"{fmt_time(slot.start)}–{fmt_time(slot.end)}"
            if slot.kind == "session" and slot.session in sessions:
                what = link(urls, doc.rel, sessions[slot.session].rel, slot.title)
            else:
                what = f"<em>{esc(slot.title)}</em>"
            rows.append(f'<tr><td class="hromada-agenda__time">{when}</td><td class="hromada-agenda__title">{what}</td>'
                        f'<td class="hromada-agenda__minutes">{fmt_duration(slot.minutes)}</td></tr>')
        # A table on a wide screen; on a phone site.css lays each row out as a list item (time and
        # minutes, the title under them); Chromium and Firefox keep a table's semantics under CSS display.
        head = "".join(f"<th>{h}</th>" for h in ("Час", "Заняття", "Тривалість"))
        out += [heading(3, f"День {plan.day}"),
                f'<div class="hromada-agenda"><table><thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>\n',
                f"<p>День триває {fmt_time(plan.start)}–{fmt_time(plan.end)}, з них навчання — "
                f"{fmt_duration(plan.session_minutes)}.</p>"]
    return "\n".join(out) + "\n"


def session_place(corpus: Corpus, urls: Urls, doc: Document) -> str | None:
    """«День 2, 11:00–12:30» for a session in its training's agenda."""
    found = session_slots(corpus).get(doc.rel)
    if found is None:
        return None
    training, day, slot = found
    return (f"{link(urls, doc.rel, training.rel, training.title)} · день {day}, "
            f"{fmt_time(slot.start)}–{fmt_time(slot.end)}")


def session_infobox(corpus: Corpus, urls: Urls, doc: Document) -> str:
    s: Session = doc.model
    parts = []
    place = session_place(corpus, urls, doc)
    if place:
        parts.append(f"<p><strong>Тренінг:</strong> {place}</p>")
    size = f" · <strong>Група:</strong> {s.group_size.min}–{s.group_size.max} осіб" if s.group_size else ""
    parts.append(f"<p><strong>Тривалість:</strong> {fmt_duration(s.minutes or 0)}{size}</p>")
    for title, items in (("Методи", s.methods), ("Матеріали", s.materials)):
        if items:
            parts.append(f"<p><strong>{title}:</strong> " + ", ".join(esc(i) for i in items) + ".</p>")
    sections = [("Цілі — після заняття учасники й учасниці зможуть", s.objectives),
                ("Ключові запитання", s.questions), ("Підготовка", s.preparation),
                ("Адаптовано з", s.adapted_from)]
    for title, items in sections:
        if items:
            parts.append(f"<p><strong>{title}:</strong></p>{ul(items)}")
    return box("abstract", "Про заняття", "".join(parts))


def session_keypoints(doc: Document) -> str:
    s: Session = doc.model
    return "\n" + box("success", "Ключові думки", ul(s.keypoints)) if s.keypoints else ""


def legal_note(doc: Document) -> str:
    """«Станом на …»: the date as of which the law on this page was checked."""
    as_of = getattr(doc.model, "legal_as_of", None)
    if not as_of:
        return ""
    return (f'<p class="hromada-legal-as-of"><strong>Станом на {fmt_date(as_of)} року.</strong> '
            "Норми законів на цій сторінці звірено з їхніми текстами на цю дату. Законодавство про місцеву "
            "демократію змінюється (зокрема, Законом № 3703-IX, чинним з 8 січня 2025 року), тож перед важливим кроком "
            "перевірте чинну редакцію.</p>\n")


# --- case studies ----------------------------------------------------------------------


def case_factbox(corpus: Corpus, urls: Urls, doc: Document) -> str:
    c: CaseStudy = doc.model
    out = ""
    if c.status == "illustrative":
        out += box("warning", "Навчальний приклад",
                   "<p>Це вигаданий приклад для навчання: назви, люди й цифри в ньому умовні. "
                   "Він показує, як може працювати підхід, а не описує справжню подію.</p>")
    place = f"{esc(c.location.settlement)}, {esc(c.location.hromada)}, {esc(c.location.oblast)} область"
    kind = esc(c.location.settlement_type)
    if c.population:
        kind += f", {_money(c.population)} мешканців"
    period = fmt_date(c.period.start) + (" – " + fmt_date(c.period.end) if c.period.end else " — триває" if c.period.ongoing else "")
    rows = [("Де", f"{place} ({kind})"), ("Коли", period), ("Статус", STATUS_LABEL[c.status]),
            ("Теми", ", ".join(esc(t) for t in c.themes))]
    if c.tools:
        rows.append(("Інструменти", ", ".join(_tool_link(corpus, urls, doc, t) for t in c.tools)))
    rows.append(("Рівень участі (IAP2)", esc(c.public_spectrum)))
    rows.append(("Організатори", ", ".join(esc(o) for o in c.organizers)))
    if c.partners:
        rows.append(("Партнери", ", ".join(esc(p) for p in c.partners)))
    if c.funding and c.funding.sources:
        rows.append(("Фінансування", "; ".join(
            f"{esc(s.funder)} ({esc(s.type)}" + (f", {_money(s.amount)} {esc(currency_label(c.funding.currency))})" if s.amount else ")")
            for s in c.funding.sources)))
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return out + f'<div class="hromada-facts"><table><tbody>{body}</tbody></table></div>\n'


RESULTS_TITLE = "Результати"
LESSONS_TITLE = "Уроки"


def has_section(doc: Document, title: str) -> bool:
    """The page's own text has a level-2 section of this title."""
    return any(h.level == 2 and h.text.strip().lower() == title.lower() for h in doc.scan.headings)


def case_results(doc: Document) -> str:
    """The case's measured results as a table: inside its «Результати» section when the text has
    one (the figures beside the story of them, not in a second section that repeats it)."""
    c: CaseStudy = doc.model
    if not c.results:
        return ""
    return table(["Показник", "Значення"], [[esc(r.indicator), esc(r.value)] for r in c.results], "hromada-results")


def case_footer(doc: Document) -> str:
    """After the text: the results and lessons only where the text has no section of its own for
    them (its «Уроки» are the fuller form of the front matter's), the sources, the licence."""
    c: CaseStudy = doc.model
    out = []
    if c.results and not has_section(doc, RESULTS_TITLE):
        out += [heading(2, RESULTS_TITLE), case_results(doc)]
    if c.lessons and not has_section(doc, LESSONS_TITLE):
        out += [heading(2, LESSONS_TITLE), ul(c.lessons)]
    if c.sources:
        links = "".join(f'<li><a href="{esc(s)}">{esc(s)}</a></li>' for s in c.sources)
        out += [heading(2, "Джерела"), f"<ul>{links}</ul>"]
    out.append(f"<p><em>Ліцензія: {esc(c.licence)}.</em></p>")
    return "\n".join(out) + "\n"


CURRENCY_LABELS = MappingProxyType({"UAH": "грн", "EUR": "євро", "USD": "дол. США"})


def currency_label(code: str) -> str:
    """The front matter's currency code as the text writes it: one notation on a page («грн»)."""
    return CURRENCY_LABELS.get(code.upper(), code)


def _money(amount: float) -> str:
    whole = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    return whole.replace(",", "\u00a0")


def _tool_link(corpus: Corpus, urls: Urls, doc: Document, slug: str) -> str:
    title = corpus.vocab.tools.get(slug, slug)
    target = f"{layout.DOCS}/instrumenty/{slug}.md"
    return link(urls, doc.rel, target, title) if target in corpus.documents else esc(title)


# --- tool pages: back-links from case front matter ------------------------------------------


def tool_slug(doc: Document) -> str | None:
    prefix = f"{layout.DOCS}/instrumenty/"
    if doc.rel.startswith(prefix) and doc.rel.count("/") == 2 and doc.slug != "index":
        return doc.slug
    return None


def cases_with_tool(corpus: Corpus) -> dict[str, tuple[Document, ...]]:
    """Tool slug → the cases that name it in `tools`, in Ukrainian order: the back-links, once per corpus."""
    def index():
        found: dict[str, list[Document]] = {}
        for case in sorted(corpus.cases, key=lambda c: uk_key(c.title)):
            for slug in dict.fromkeys(case.model.tools):
                found.setdefault(slug, []).append(case)
        return {slug: tuple(cases) for slug, cases in found.items()}
    return corpus.derived("cases with tool", index)


def tool_cases(corpus: Corpus, urls: Urls, doc: Document) -> str:
    cases = cases_with_tool(corpus).get(tool_slug(doc) or "", ())
    if not cases:
        return "<p><em>Поки що немає кейсів із цим інструментом.</em></p>\n"
    items = "".join(f"<li>{link(urls, doc.rel, c.rel, c.title)} — {esc(c.model.location.settlement)}, "
                    f"{esc(c.model.location.oblast)} обл." + (" <em>(навчальний приклад)</em>" if c.model.status == "illustrative" else "")
                    + "</li>" for c in cases)
    return f'<ul class="hromada-cases">{items}</ul>\n'


# --- index pages --------------------------------------------------------------------------


def curricula_index(corpus: Corpus) -> str:
    """The trainings page: its own words in Markdown, the list of trainings as generated HTML
    (see `index_parts`): a training's title or summary is text, never Markdown to be parsed."""
    return ("# Навчальні програми\n\n"
            "Триденні тренінги програми. На сторінці кожного — розклад, заняття з покроковим описом "
            "і матеріали для друку.\n\n" + MARK.format("after") + "\n")


def curricula_listing(corpus: Corpus, urls: Urls) -> str:
    rel = layout.TRAININGS_INDEX
    out = []
    for doc in sorted(corpus.trainings, key=lambda d: uk_key(d.title)):
        t: Training = doc.model
        total = sum(p.session_minutes for p in training_plans(corpus, doc))
        anchor = slugify(t.title)
        out.append(f'<h2 id="{anchor}">{link(urls, rel, doc.rel, t.title)}<a class="headerlink" href="#{anchor}" '
                   f'title="Постійне посилання">#</a></h2>\n<p>{esc(t.summary)}</p>\n'
                   f"<p>{esc(t.venue.settlement)} · {plural(len(t.days), 'день', 'дні', 'днів')} · {fmt_duration(total)} навчання · "
                   f"{plural(len(corpus.sessions_of(doc.slug)), 'заняття', 'заняття', 'занять')}</p>\n")
    return "".join(out)


def index_parts(corpus: Corpus, urls: Urls, rel: str) -> Generated | None:
    """Generated HTML of a generated index page (the trainings list), with its headings."""
    if rel != layout.TRAININGS_INDEX or rel in corpus.documents:
        return None
    gen = Generated(after=curricula_listing(corpus, urls))
    gen.headings = after_headings(corpus, None, rel)
    return gen


def cases_index(corpus: Corpus) -> str:
    """The catalogue page: a marker where the plugin puts the cards, filters and map."""
    cases = corpus.cases
    documented = sum(1 for c in cases if c.model.status == "documented")
    return ("# Кращі практики\n\n"
            f"Кейси громад: {len(cases)}, з них задокументованих — {documented}. Задокументовані кейси спираються "
            "на публічні джерела; навчальні приклади — вигадані історії для занять, вони так і позначені. "
            "Оберіть область на мапі або скористайтеся фільтрами.\n\n" + MARK.format("catalogue") + "\n")


MARK = "<!--hromada:{}-->"


@dataclass
class Generated:
    """HTML generated for a page, put in after Markdown conversion (at markers) so that it costs
    no Markdown parsing; `headings` are added to the page's table of contents."""

    before: str = ""
    after: str = ""
    inside: str = ""  # a tool page's list of cases in its «Кейси» section, a case's results table in «Результати»
    inside_section: str = "Кейси"  # the level-2 section `inside` ends (for «Кейси», a new one if the page has none)
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, title, anchor) in `after`


def generated(corpus: Corpus, urls: Urls, doc: Document) -> Generated:
    if doc.model is None:
        return Generated()
    if doc.kind == "training":
        gen = Generated(training_intro(corpus, doc), training_agenda(corpus, urls, doc))
    elif doc.kind == "case":
        gen = Generated(case_factbox(corpus, urls, doc), case_footer(doc),
                        inside=case_results(doc) if has_section(doc, RESULTS_TITLE) else "", inside_section=RESULTS_TITLE)
    elif doc.kind == "session":
        gen = Generated(session_infobox(corpus, urls, doc), session_keypoints(doc))
    elif tool_slug(doc):
        gen = Generated(legal_note(doc), inside=tool_cases(corpus, urls, doc))
    elif isinstance(doc.model, Guide) and doc.model.legal_as_of:
        gen = Generated(legal_note(doc))
    else:
        return Generated()
    gen.headings = after_headings(corpus, doc)
    return gen


def _headings(titles: Iterable[tuple[int, str]]) -> list[tuple[int, str, str]]:
    return [(level, title, slugify(title)) for level, title in titles]


def after_headings(corpus: Corpus, doc: Document | None, rel: str = "") -> list[tuple[int, str, str]]:
    """The headings of the HTML generated after a page's text, as data: for its table of
    contents and for checking links to its anchors, without generating the HTML."""
    if doc is None:
        if rel == layout.TRAININGS_INDEX:
            return _headings((2, d.title) for d in sorted(corpus.trainings, key=lambda d: uk_key(d.title)))
        return []
    if doc.model is None:
        return []
    if doc.kind == "training":
        return _headings([(2, "Розклад"), *((3, f"День {plan.day}") for plan in training_plans(corpus, doc))])
    if doc.kind == "case":
        c: CaseStudy = doc.model
        return _headings((2, title) for title, present in (
            (RESULTS_TITLE, c.results and not has_section(doc, RESULTS_TITLE)),
            (LESSONS_TITLE, c.lessons and not has_section(doc, LESSONS_TITLE)), ("Джерела", c.sources)) if present)
    return []


TOOL_CASES_TITLE = "Кейси з цим інструментом"


def generated_anchors(corpus: Corpus, doc: Document) -> set[str]:
    anchors = {a for _, _, a in after_headings(corpus, doc)}
    return anchors | ({slugify(TOOL_CASES_TITLE)} if tool_slug(doc) else set())


def compose(gen: Generated, body: str) -> str:
    """The page's Markdown with markers where generated HTML goes (see `fill`)."""
    if gen.before:
        body = MARK.format("before") + "\n\n" + body
    if gen.after:
        body = body.rstrip("\n") + "\n\n" + MARK.format("after") + "\n"
    if gen.inside:
        body = _with_marker(body, MARK.format("inside"), gen.inside_section)
    return body


def fill(gen: Generated, page_html: str) -> str:
    for key in ("before", "after", "inside"):
        page_html = page_html.replace(MARK.format(key), getattr(gen, key), 1)
    return page_html


def _with_marker(body: str, marker: str, section: str) -> str:
    """The marker at the end of the page's level-2 section that starts with `section`, or in a new section."""
    found = re.compile(rf"^##\s+{re.escape(section)}\b.*$", re.MULTILINE).search(body)
    if found is None:
        return body.rstrip("\n") + f"\n\n## {TOOL_CASES_TITLE}\n\n" + marker + "\n"
    nxt = re.compile(r"^#{1,2}\s", re.MULTILINE).search(body, found.end())
    cut = nxt.start() if nxt else len(body)
    return body[:cut].rstrip("\n") + "\n\n" + marker + "\n\n" + body[cut:]


def index_signature(corpus: Corpus, source: str) -> str:
    """What a generated index page (the trainings list, the case catalogue) is made of: its Markdown
    and the front matter of every training, session and case, whose cards, map and filters it shows.
    A live preview re-renders it only when this changes (the catalogue is the dearest page)."""
    digest = hashlib.sha256(source.encode())
    for doc in sorted((d for d in corpus.documents.values() if d.kind in ("training", "session", "case")), key=lambda d: d.rel):
        digest.update(repr((doc.rel, doc.fm.data)).encode())
    digest.update(repr(corpus.vocab).encode())
    return digest.hexdigest()


def signature(corpus: Corpus, doc: Document) -> str:
    """What this page's generated parts take from other files: when it changes, the page is stale.

    A live preview compares it between rebuilds, so that editing a session's text re-renders
    that session and its training, while changing its minutes re-renders every later session.
    """
    if doc.kind == "training":
        parts = [(s.slug, s.title, s.model.minutes) for s in corpus.sessions_of(doc.slug).values()]
    elif doc.kind == "session":
        training = corpus.documents.get(layout.training_rel(doc.training or ""))
        place = session_place(corpus, Urls(), doc) if training and training.model else None
        parts = [place]
    elif doc.kind == "case":
        parts = [corpus.vocab.tools.get(t) for t in doc.model.tools]
    elif tool_slug(doc):
        parts = [(c.rel, c.title, c.model.location.settlement, c.model.location.oblast, c.model.status)
                 for c in sorted(cases_with_tool(corpus).get(tool_slug(doc) or "", ()), key=lambda c: c.rel)]
    else:
        parts = []
    facts = [(n, f.text) for n in corpus.facts.used(doc.fm.body) if (f := corpus.facts.by_name.get(n))]
    return repr([parts, facts])
