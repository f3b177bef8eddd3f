"""Every content rule over the whole corpus → a list of diagnostics (all problems at once)."""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from . import layout
from .diagnostics import Diagnostic, error, warning
from .load import Corpus, Document
from .model import Break, CaseStudy, Guide, Session, SessionRef, Training
from .pages import generated_anchors
from .sanitize import is_local, svg_problem
from .schedule import fmt_duration, fmt_time, plan_day, plural, session_table
from .translit import is_slug, slugify
from .vocab import suggest

MAX_DAY_MINUTES = 10 * 60
LATEST_END = 20 * 60

Rule = Callable[[Corpus], Iterable[Diagnostic]]


def check(corpus: Corpus) -> list[Diagnostic]:
    found: list[Diagnostic] = list(corpus.diagnostics)
    for doc in corpus.documents.values():
        found += doc.diagnostics
    for rule in RULES:
        found += rule(corpus)
    return sorted(set(found))


# --- file names and URLs -----------------------------------------------------------------


def file_names(corpus: Corpus) -> Iterable[Diagnostic]:
    for rel in sorted([*corpus.documents, *corpus.assets]):
        for part in rel.split("/")[1:]:
            stem = part.rsplit(".", 1)[0] if "." in part else part
            if not is_slug(stem) and stem not in ("index",):
                fixed = slugify(stem) or "nazva"
                yield error(rel, 1, 1, "HR021", f"недопустима назва «{part}»: лише малі латинські літери, цифри та дефіси",
                            f"перейменуйте на «{part.replace(stem, fixed, 1)}» (транслітерація за постановою КМУ № 55)")
                break


def url_collisions(corpus: Corpus) -> Iterable[Diagnostic]:
    seen: dict[str, str] = {}
    for rel in sorted(corpus.documents):
        url = _page_url(layout.site_uri(rel))
        if url in seen:
            yield error(rel, 1, 1, "HR020", f"адреса «/{url}» вже зайнята файлом {seen[url]}",
                        "дайте одному з файлів іншу назву (slug)")
        else:
            seen[url] = rel


def _page_url(uri: str) -> str:
    stem = uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    return (stem.rstrip("/") + "/").lstrip("/") if stem else ""


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


# --- trainings and sessions -------------------------------------------------------------


def agendas(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.trainings:
        training: Training = doc.model
        sessions = corpus.sessions_of(doc.slug)
        table = session_table(sessions)
        used: dict[str, tuple[int, int]] = {}
        seen_days: set[int] = set()
        for d_i, day in enumerate(training.days):
            if day.day in seen_days:
                line, col = doc.fm.line_of(("days", d_i, "day"))
                yield error(doc.rel, line, col, "HR037", f"день {day.day} описано двічі", "пронумеруйте дні 1, 2, 3 …")
            seen_days.add(day.day)
            for i, item in enumerate(day.agenda):
                where = ("days", d_i, "agenda", i)
                if isinstance(item, SessionRef):
                    yield from _agenda_session(doc, corpus, item, where, table, used)
                elif isinstance(item, Break) and item.minutes <= 0:
                    line, col = doc.fm.line_of((*where, "minutes"))
                    yield error(doc.rel, line, col, "HR035", f"перерва «{item.break_}» має тривалість {item.minutes} хв",
                                "тривалість має бути додатним числом хвилин")
            yield from _day_limits(doc, d_i, plan_day(day, table))
        for slug, session in sorted(sessions.items()):
            if slug not in used:
                yield error(session.rel, 1, 1, "HR032", f"заняття «{slug}» не включене до розкладу тренінгу",
                            f"додайте «- session: {slug}» до days у {doc.rel} або видаліть файл")
    # Sessions whose folder has no valid training index.
    trained = {d.slug for d in corpus.of_kind("training")}
    for doc in corpus.of_kind("session"):
        if doc.training not in trained:
            yield error(doc.rel, 1, 1, "HR038", f"у теці {layout.CURRICULA}/{doc.training}/ немає index.md тренінгу",
                        f"створіть його: hromada new training {doc.training}")


def _agenda_session(doc, corpus, item, where, table, used) -> Iterable[Diagnostic]:
    line, col = doc.fm.line_of((*where, "session"))
    if item.session not in table:
        broken = f"{layout.CURRICULA}/{doc.slug}/{item.session}.md" in corpus.documents
        hint = ("виправте помилки у файлі цього заняття" if broken
                else suggest(item.session, sorted(table)) if table else "створіть файл заняття: hromada new session …")
        if not broken:
            yield error(doc.rel, line, col, "HR030", f"невідоме заняття «{item.session}»", hint)
        return
    if item.session in used:
        yield error(doc.rel, line, col, "HR031", f"заняття «{item.session}» стоїть у розкладі двічі (уперше в рядку {used[item.session][0]})",
                    "кожне заняття проводиться один раз; для повтору створіть окремий файл")
        return
    used[item.session] = (line, col)


def _day_limits(doc: Document, d_i: int, plan) -> Iterable[Diagnostic]:
    line, col = doc.fm.line_of(("days", d_i, "day"))
    length = plan.end - plan.start
    if length > MAX_DAY_MINUTES:
        yield error(doc.rel, line, col, "HR033", f"день {plan.day} триває {fmt_duration(length)} — більше за 10 год",
                    "скоротіть заняття або перенесіть частину на інший день")
    if plan.end > LATEST_END:
        yield error(doc.rel, line, col, "HR034", f"день {plan.day} закінчується о {fmt_time(plan.end)} — пізніше за 20:00",
                    "почніть раніше або скоротіть програму дня")


def session_steps(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.of_kind("session"):
        session: Session | None = doc.model
        if session is None:
            continue
        if session.minutes is None:
            line, col = doc.fm.line_of(())
            yield error(doc.rel, line, col, "HR010", "немає обов'язкового поля «minutes»",
                        "додайте «minutes: 90» (або teaching і exercises)")
            continue
        if session.minutes <= 0:
            line, col = doc.fm.line_of(("minutes",))
            yield error(doc.rel, line, col, "HR035", f"тривалість заняття {session.minutes} хв", "тривалість має бути додатним числом хвилин")
            continue
        yield from _steps_without_minutes(doc)
        steps = doc.scan.steps()
        if not steps:
            yield error(doc.rel, doc.fm.body_line, 1, "HR046", "у занятті немає кроків «### Крок N. … (N хв)»",
                        "опишіть хід заняття: «## Хід заняття», а під ним кроки з тривалістю в дужках")
        total = sum(s.step_minutes or 0 for s in steps)
        if steps and total != session.minutes:
            first = steps[0]
            yield error(doc.rel, first.line, 1, "HR036",
                        f"кроки заняття тривають разом {total} хв, а minutes: {session.minutes}",
                        "виправте хвилини в заголовках кроків «(N хв)» або поле minutes")
        if session.group_size and session.group_size.min > session.group_size.max:
            line, col = doc.fm.line_of(("group_size",))
            yield error(doc.rel, line, col, "HR039", "group_size: min більше за max", "поміняйте значення місцями")


def _steps_without_minutes(doc: Document) -> Iterable[Diagnostic]:
    """Under «## Хід заняття» every step heading carries its minutes: «### Крок 2. … (20 хв)»."""
    inside = False
    for h in doc.scan.headings:
        if h.level <= 2:
            inside = h.text.strip().lower().startswith("хід заняття")
        elif inside and h.level == 3 and h.step_minutes is None:
            yield error(doc.rel, h.line, 1, "HR045", f"у кроку «{h.text}» не вказано тривалість",
                        "допишіть у кінці заголовка тривалість, наприклад «(15 хв)»")


# --- case studies and guides -----------------------------------------------------------


def dates(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.cases:
        period = doc.model.period
        if period.end and period.end < period.start:
            line, col = doc.fm.line_of(("period", "end"))
            yield error(doc.rel, line, col, "HR070", "кінець періоду раніше за початок", "перевірте дати start і end")
        if period.end and period.ongoing:
            line, col = doc.fm.line_of(("period", "ongoing"))
            yield error(doc.rel, line, col, "HR071", "вказано і end, і ongoing: true", "залиште одне з двох")
    for doc in corpus.trainings:
        span = doc.model.dates
        if span and span.end < span.start:
            line, col = doc.fm.line_of(("dates", "end"))
            yield error(doc.rel, line, col, "HR070", "кінець тренінгу раніше за початок", "перевірте dates.start і dates.end")


def case_sources(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.cases:
        case: CaseStudy = doc.model
        if case.status == "documented" and not case.sources:
            line, col = doc.fm.line_of(("status",))
            yield error(doc.rel, line, col, "HR051", "задокументований кейс без джерел",
                        "додайте sources: з адресами публічних джерел або позначте status: illustrative")
        for i, src in enumerate(case.sources):
            if urlsplit(src).scheme not in ("http", "https"):
                line, col = doc.fm.line_of(("sources", i))
                yield error(doc.rel, line, col, "HR052", f"джерело «{src}» не є веб-адресою", "вкажіть повну адресу, що починається з https://")


def legal_dates(corpus: Corpus) -> Iterable[Diagnostic]:
    today = dt.date.today()
    for doc in corpus.documents.values():
        guide = doc.model
        if not isinstance(guide, Guide):
            continue
        if guide.legal and guide.legal_as_of is None:
            line, col = doc.fm.line_of(("legal",))
            yield error(doc.rel, line, col, "HR050", "сторінка про законодавство без дати «станом на»",
                        f"додайте legal_as_of: {today.isoformat()} — дату, на яку ви перевірили закон")
        elif guide.legal_as_of and guide.legal_as_of > today:
            line, col = doc.fm.line_of(("legal_as_of",))
            yield error(doc.rel, line, col, "HR053", "дата legal_as_of у майбутньому", "вкажіть дату, на яку перевірено текст закону")


# --- links, anchors, images, raw HTML --------------------------------------------------

def links(corpus: Corpus) -> Iterable[Diagnostic]:
    anchors: dict[str, set[str]] = {}  # a page's anchors are computed once, however many links point at it

    def anchors_of(doc: Document) -> set[str]:
        if doc.rel not in anchors:
            anchors[doc.rel] = doc.scan.anchors | generated_anchors(corpus, doc)
        return anchors[doc.rel]

    for doc in corpus.documents.values():
        for link in doc.scan.links:
            yield from _link(corpus, doc, link, anchors_of)


def _link(corpus: Corpus, doc: Document, link, anchors_of: Callable[[Document], set[str]]) -> Iterable[Diagnostic]:
    target = link.target.strip()
    if _dangerous_url(target):
        yield error(doc.rel, link.line, link.col, "HR061", "небезпечне посилання",
                    "посилання можуть вести лише на http(s), mailto або файли сайту")
        return
    if not target or not is_local(target):
        if link.image and target:
            yield error(doc.rel, link.line, link.col, "HR062", "зображення з іншого сайту",
                        "сайт не завантажує нічого з інших адрес: збережіть зображення поруч зі сторінкою "
                        "і вкажіть шлях до файлу")
        return
    path_part, _, anchor = target.partition("#")
    path_part = unquote(path_part.split("?", 1)[0])
    if not path_part:
        if anchor and anchor not in anchors_of(doc):
            yield _bad_anchor(doc, link, anchor, doc)
        return
    resolved = layout.resolve(doc.rel, path_part)
    if resolved is None:
        yield error(doc.rel, link.line, link.col, "HR043", f"посилання «{target}» виходить за межі репозиторію",
                    "посилайтеся лише на файли сайту")
        return
    if resolved.endswith("/") or (resolved + "/index.md") in corpus.documents:
        resolved = resolved.rstrip("/") + "/index.md"
    if not corpus.exists(resolved):
        yield _missing(corpus, doc, link, target, resolved)
        return
    target_doc = corpus.documents.get(resolved)
    if anchor and target_doc is not None and anchor not in anchors_of(target_doc):
        yield _bad_anchor(doc, link, anchor, target_doc)


def _missing(corpus: Corpus, doc: Document, link, target: str, resolved: str) -> Diagnostic:
    if link.image or resolved.lower().endswith(layout.IMAGE_EXTS):
        return error(doc.rel, link.line, link.col, "HR042", f"зображення «{target}» не знайдено",
                     "покладіть файл поруч зі сторінкою або виправте шлях (великі й малі літери розрізняються)")
    # Written in site terms instead of disk terms? Say how to write it.
    site_guess = layout.repo_path(layout.resolve(layout.site_uri(doc.rel), target.partition("#")[0]) or "")
    if corpus.exists(site_guess):
        hint = f"шлях рахується від файлу на диску: «{_relpath(doc.rel, site_guess)}»"
    else:
        names = sorted({*corpus.documents, *corpus.assets})
        close = difflib.get_close_matches(resolved, names, n=1, cutoff=0.7)
        hint = f"можливо, «{_relpath(doc.rel, close[0])}»?" if close else "перевірте назву файлу та шлях"
    return error(doc.rel, link.line, link.col, "HR040", f"посилання на неіснуючий файл «{target}»", hint)


def _relpath(source_rel: str, target_rel: str) -> str:
    import posixpath

    return posixpath.relpath(target_rel, posixpath.dirname(source_rel) or ".")


def _bad_anchor(doc: Document, link, anchor: str, target: Document) -> Diagnostic:
    close = difflib.get_close_matches(anchor, sorted(target.scan.anchors), n=1, cutoff=0.6)
    hint = f"можливо, «#{close[0]}»?" if close else "якір — це заголовок латиницею, наприклад #hromadski-slukhannia"
    where = "на цій сторінці" if target is doc else f"у {target.rel}"
    return error(doc.rel, link.line, link.col, "HR041", f"якоря «#{anchor}» немає {where}", hint)


_ALLOWED_HTML = {
    "a", "abbr", "b", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}  # fmt: skip
_EVENT_ATTR = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_BAD_URL_ATTR = re.compile(r"\b(?:href|src|action|formaction)\s*=\s*[\"']?\s*(?:javascript|data|vbscript):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def _as_browser_reads(text: str) -> str:
    """Entities decoded, tabs, newlines and control characters dropped, as a browser reads a URL."""
    return _INVISIBLE.sub("", html.unescape(text))


def _dangerous_url(target: str) -> bool:
    plain = _as_browser_reads(target).lower()
    return plain.startswith(("javascript:", "data:", "vbscript:", "file:"))


def raw_html(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.documents.values():
        for tag in doc.scan.html:
            if tag.name not in _ALLOWED_HTML:
                yield error(doc.rel, tag.line, tag.col, "HR060", f"HTML-тег <{tag.name}> заборонено у вмісті",
                            "використайте Markdown; скрипти, стилі, форми та вбудовані фрейми не дозволені")
            elif (_EVENT_ATTR.search(tag.attrs) or _BAD_URL_ATTR.search(tag.attrs)
                  or _BAD_URL_ATTR.search(_as_browser_reads(tag.attrs))):
                yield error(doc.rel, tag.line, tag.col, "HR061", f"небезпечний атрибут у тегу <{tag.name}>",
                            "приберіть обробники on…= та адреси javascript:/data:")
            elif _foreign_resource(tag):
                yield error(doc.rel, tag.line, tag.col, "HR062", f"тег <{tag.name}> завантажує ресурс з іншого сайту",
                            "сайт не завантажує нічого з інших адрес: збережіть зображення поруч зі сторінкою "
                            "і вкажіть шлях до файлу; стилі з url(…) не потрібні")


_SRC_ATTR = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _foreign_resource(tag) -> bool:
    attrs = html.unescape(tag.attrs)
    src = _SRC_ATTR.search(attrs)
    if src and not is_local(next(g for g in src.groups() if g is not None)):
        return True
    return "url(" in attrs.lower().replace(" ", "")


# --- bounded work: what a crafted page could make the build spend --------------------------

MAX_BLOCK_CHARS = 20_000  # the longest paragraph of the site is 3 000 characters
MAX_BLOCK_BRACKETS = 200  # each «[» or «<» makes Markdown scan the rest of its paragraph
MAX_BRACKET_WORK = 2_000_000  # brackets × paragraph length, summed over a file (about a second)
MAX_QUOTES = 10
MAX_INDENT = 48
MAX_HTML_DEPTH = 24


def bounded_work(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.documents.values():
        work = 0
        for block in doc.scan.blocks:
            if block.chars > MAX_BLOCK_CHARS:
                yield error(doc.rel, block.line, 1, "HR007", f"абзац задовгий: {block.chars} символів (найбільше {MAX_BLOCK_CHARS})",
                            "розбийте текст порожніми рядками на коротші абзаци")
            elif block.brackets > MAX_BLOCK_BRACKETS:
                yield error(doc.rel, block.line, 1, "HR008", f"в абзаці забагато дужок «[» і «<»: {block.brackets} "
                            f"(найбільше {MAX_BLOCK_BRACKETS})", "розбийте абзац на кілька або приберіть зайві дужки")
            work += block.chars * block.brackets
        if work > MAX_BRACKET_WORK:
            worst = max(doc.scan.blocks, key=lambda b: b.chars * b.brackets)
            yield error(doc.rel, worst.line, 1, "HR008", "у файлі забагато розмітки посилань у довгих абзацах",
                        "розбийте довгі абзаци на коротші або поділіть сторінку на кілька")
        for depth, limit, what in ((doc.scan.quote_depth, MAX_QUOTES, "цитат «>»"),
                                   (doc.scan.indent, MAX_INDENT, "відступу (пробілів на початку рядка)"),
                                   (doc.scan.html_depth, MAX_HTML_DEPTH, "вкладених HTML-тегів")):
            if depth.levels > limit:
                yield error(doc.rel, depth.line, 1, "HR009", f"забагато рівнів {what}: {depth.levels} (найбільше {limit})",
                            "спростіть структуру: так глибоко вкладений текст не прочитати ні на телефоні, ні на папері")


# --- files besides pages --------------------------------------------------------------------


def published_files(corpus: Corpus) -> Iterable[Diagnostic]:
    for rel in sorted(corpus.assets):
        if not layout.publishable(rel):
            kind = PurePosixPath(rel).suffix.lstrip(".") or PurePosixPath(rel).name
            yield error(rel, 1, 1, "HR093", f"файли типу «{kind}» не публікуються", "дозволено зображення (PNG, JPEG, WebP, GIF, SVG) і документи (PDF, CSV, DOCX, XLSX, ODT, ODS, TXT); "
                        "сторінки пишіть у Markdown (.md)")
        elif rel.lower().endswith(".svg"):
            problem = svg_problem(corpus.layout.path(rel).read_bytes())
            if problem:
                yield error(rel, 1, 1, "HR094", f"SVG не можна опублікувати: {problem}",
                            "збережіть зображення як PNG або приберіть зі SVG скрипти, посилання та обробники подій")


def session_bodies(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.of_kind("session"):
        if doc.model is not None and doc.scan.words < 300:
            yield warning(doc.rel, doc.fm.body_line, 1, "HR080",
                          f"опис заняття короткий: {plural(doc.scan.words, 'слово', 'слова', 'слів')}", "опишіть кроки, інструкції та робочий аркуш (щонайменше 300 слів)")


RULES: list[Rule] = [
    file_names, url_collisions, vocabularies, agendas, session_steps, dates, case_sources,
    legal_dates, links, raw_html, bounded_work, published_files, session_bodies,
]
