"""Trainings and sessions: agendas that add up, sessions that are used, steps with minutes."""

from __future__ import annotations

from collections.abc import Iterable

from hromada.content import layout
from hromada.content.diagnostics import Diagnostic, error, warning
from hromada.content.load import Corpus, Document
from hromada.content.model import Break, Session, SessionRef, Training
from hromada.content.vocab import suggest
from hromada.text.plurals import plural
from hromada.website.schedule import fmt_duration, fmt_time, plan_day, session_table

MAX_DAY_MINUTES = 10 * 60
LATEST_END = 20 * 60
MAX_BLOCK_MINUTES = 120  # sessions in a row without a break


# --- trainings and sessions -------------------------------------------------------------


def agendas(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.checked("training"):
        training: Training = doc.checked
        sessions = corpus.sessions_of(doc.slug)
        table = session_table(sessions)
        used: dict[str, tuple[int, int]] = {}
        seen_days: set[int] = set()
        for d_i, day in enumerate(training.days or ()):
            if day.day is not None and day.day in seen_days:
                line, col = doc.fm.line_of(("days", d_i, "day"))
                yield error(doc.rel, line, col, "HR037", f"день {day.day} описано двічі", "пронумеруйте дні 1, 2, 3 …")
            seen_days.add(day.day)
            agenda = day.agenda or []
            for i, item in enumerate(agenda):
                where = ("days", d_i, "agenda", i)
                if isinstance(item, SessionRef) and item.session is not None:
                    yield from _agenda_session(doc, corpus, item, where, table, used)
                elif isinstance(item, Break) and item.minutes is not None and item.minutes <= 0:
                    line, col = doc.fm.line_of((*where, "minutes"))
                    yield error(doc.rel, line, col, "HR035", f"перерва «{item.break_}» має тривалість {item.minutes} хв",
                                "тривалість має бути додатним числом хвилин")
            if doc.model is None and not _plannable(day):
                continue  # a day whose start or items are wrong: their own errors say so; no times to add up
            plan = plan_day(day, table)
            yield from _day_limits(doc, d_i, plan)
            yield from _long_blocks(doc, d_i, plan)
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


def _plannable(day) -> bool:
    """A day read from invalid front matter can still be laid out when its start and every item are whole."""
    return day.day is not None and day.start is not None and all(
        (isinstance(i, SessionRef) and i.session) or (isinstance(i, Break) and i.minutes is not None) for i in day.agenda or ())


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


def _long_blocks(doc: Document, d_i: int, plan) -> Iterable[Diagnostic]:
    """More than two hours of sessions in a row: people stop listening; trainers need a break too."""
    run, warned = 0, False
    for i, slot in enumerate(plan.slots):
        if slot.kind != "session":
            run, warned = 0, False
            continue
        run += slot.minutes
        if run > MAX_BLOCK_MINUTES and not warned:
            warned = True
            line, col = doc.fm.line_of(("days", d_i, "agenda", i))
            yield warning(doc.rel, line, col, "HR059", f"день {plan.day}: {fmt_duration(run)} занять поспіль без перерви "
                          f"(до {fmt_time(slot.end)})", f"додайте перерву щонайменше кожні {MAX_BLOCK_MINUTES} хв: «- break: Кава-пауза» з «minutes: 15»")


def session_steps(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.checked("session"):
        session: Session = doc.checked
        if session.minutes is None and doc.model is None:
            yield from _steps_without_minutes(doc)  # a wrong «minutes» is reported by validation; the steps still are checked
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
        size = session.group_size
        if size and size.min is not None and size.max is not None and size.min > size.max:
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


def session_bodies(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.of_kind("session"):
        if doc.checked is not None and doc.scan.words < 300:
            yield warning(doc.rel, doc.fm.body_line, 1, "HR080",
                          f"опис заняття короткий: {plural(doc.scan.words, 'слово', 'слова', 'слів')}", "опишіть кроки, інструкції та робочий аркуш (щонайменше 300 слів)")
