"""Agenda times computed from a day's start and the durations, never typed twice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hromada.content.model import Break, Day, SessionRef


@dataclass(frozen=True)
class Slot:
    index: int  # position in the day's agenda
    kind: Literal["session", "break"]
    title: str
    start: int  # minutes from midnight
    minutes: int
    session: str | None = None  # slug

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass(frozen=True)
class DayPlan:
    day: int
    slots: list[Slot]
    start: int

    @property
    def end(self) -> int:
        return self.slots[-1].end if self.slots else self.start

    @property
    def session_minutes(self) -> int:
        return sum(s.minutes for s in self.slots if s.kind == "session")


def parse_time(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def fmt_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def fmt_duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} год {rest} хв"
    return f"{hours} год" if hours else f"{rest} хв"


def plan_day(day: Day, sessions: dict[str, tuple[str, int]]) -> DayPlan:
    """Lay out one day. `sessions` maps slug → (title, minutes); unknown slugs take 0 minutes."""
    clock = parse_time(day.start)
    slots: list[Slot] = []
    for i, item in enumerate(day.agenda):
        if isinstance(item, SessionRef):
            title, minutes = sessions.get(item.session, (item.session, 0))
            slots.append(Slot(i, "session", title, clock, max(minutes, 0), item.session))
        elif isinstance(item, Break):
            slots.append(Slot(i, "break", item.break_, clock, max(item.minutes, 0)))
        clock = slots[-1].end
    return DayPlan(day.day, slots, parse_time(day.start))


def session_table(corpus_sessions: dict[str, object]) -> dict[str, tuple[str, int]]:
    """slug → (title, minutes) for the sessions of one training."""
    table: dict[str, tuple[str, int]] = {}
    for slug, doc in corpus_sessions.items():
        model = getattr(doc, "model", None)
        table[slug] = (getattr(model, "title", slug), getattr(model, "minutes", None) or 0)
    return table
