"""Typed content: trainings, sessions, case studies and guides.

The models know the shape of each content type. Cross-file rules (agenda, vocabularies,
links) live in `check`; reading files lives in `load`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

TIME_PATTERN = r"^([01]?\d|2[0-3]):[0-5]\d$"


class Strict(BaseModel):
    """Unknown keys are errors: a typo must not silently vanish from the site."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, populate_by_name=True)


# --- trainings -------------------------------------------------------------------------


class Venue(Strict):
    settlement: str
    oblast: str


class DateRange(Strict):
    start: dt.date
    end: dt.date


class SessionRef(Strict):
    session: str


class Break(Strict):
    break_: str = Field(alias="break")
    minutes: int


def _agenda_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        if "session" in value:
            return "session-item"
        if "break" in value:
            return "break-item"
    return None


AgendaItem = Annotated[
    Annotated[SessionRef, Tag("session-item")] | Annotated[Break, Tag("break-item")],
    Discriminator(_agenda_tag),
]
UNION_TAGS = {"session-item", "break-item"}


class Day(Strict):
    day: int
    start: str = Field(pattern=TIME_PATTERN)
    agenda: list[AgendaItem]


class Training(Strict):
    title: str
    summary: str
    audience: str
    venue: Venue
    dates: DateRange | None = None
    trainers: list[str] = []
    outcomes: list[str]
    days: list[Day]


# --- sessions --------------------------------------------------------------------------


class GroupSize(Strict):
    min: int
    max: int


class Session(Strict):
    title: str
    minutes: int | None = None
    teaching: int | None = None
    exercises: int | None = None
    objectives: list[str]
    questions: list[str] = []
    keypoints: list[str] = []
    methods: list[str] = []
    materials: list[str] = []
    preparation: list[str] = []
    group_size: GroupSize | None = None
    adapted_from: list[str] = []

    @model_validator(mode="after")
    def _total_minutes(self) -> Session:
        # Either `minutes`, or `teaching` + `exercises` from which it is computed.
        if self.minutes is None and self.teaching is not None:
            self.minutes = self.teaching + (self.exercises or 0)
        return self


# --- case studies (field names follow Participedia where they overlap) -----------------


class Location(Strict):
    settlement: str
    hromada: str
    oblast: str
    settlement_type: str


class Period(Strict):
    start: dt.date
    end: dt.date | None = None
    ongoing: bool = False


class FundingSource(Strict):
    funder: str
    type: str
    amount: float | None = None


class Funding(Strict):
    currency: str = "UAH"
    sources: list[FundingSource] = []


class Result(Strict):
    indicator: str
    value: str


class CaseStudy(Strict):
    title: str
    summary: str
    status: Literal["documented", "illustrative"]
    location: Location
    population: int | None = None
    period: Period
    themes: list[str]
    tools: list[str] = []
    public_spectrum: str
    organizers: list[str]
    partners: list[str] = []
    funding: Funding | None = None
    results: list[Result] = []
    lessons: list[str] = []
    sources: list[str] = []
    licence: str = "CC BY 4.0"


# --- guides: any page under docs/ ------------------------------------------------------


class Guide(Strict):
    title: str | None = None
    summary: str | None = None
    audience: str | None = None
    handout: bool = False
    legal: bool = False
    legal_as_of: dt.date | None = None
    # Keys MkDocs and Material read themselves.
    description: str | None = None
    hide: list[str] = []
    icon: str | None = None
    status: str | None = None
    template: str | None = None
    search: dict[str, Any] | None = None
    tags: list[str] = []


Kind = Literal["training", "session", "case", "guide"]
MODELS: dict[str, type[Strict]] = {
    "training": Training,
    "session": Session,
    "case": CaseStudy,
    "guide": Guide,
}
