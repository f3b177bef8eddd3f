"""Typed content: trainings, sessions, case studies and guides.

The models know the shape of each content type. Cross-file rules (agenda, vocabularies,
links) live in `check`; reading files lives in `load`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
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


Count = Annotated[int, Field(ge=0)]  # minutes of a part, a number of people: never negative
Positive = Annotated[int, Field(ge=1)]


class Break(Strict):
    break_: str = Field(alias="break")
    minutes: int  # ≤ 0 is reported by the agenda check, with the break's name


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
UNION_TAGS = frozenset({"session-item", "break-item"})


class Day(Strict):
    day: Positive
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
    days: list[Day] = Field(min_length=1)


# --- sessions --------------------------------------------------------------------------


class GroupSize(Strict):
    min: Positive
    max: Positive


class Session(Strict):
    title: str
    minutes: int | None = None
    teaching: Count | None = None
    exercises: Count | None = None
    objectives: list[str]
    questions: list[str] = []
    keypoints: list[str] = []
    methods: list[str] = []
    materials: list[str] = []
    preparation: list[str] = []
    group_size: GroupSize | None = None
    adapted_from: list[str] = []
    # How many copies of a handout part to print when not its default (content/session_parts.py):
    # «Картки ролей: participant» — participant | group | one.
    copies: dict[str, Literal["participant", "group", "one"]] = {}

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
    amount: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None


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
    population: Positive | None = None
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


class SearchOptions(Strict):
    exclude: bool = False


class Guide(Strict):
    title: str | None = None
    summary: str | None = None
    audience: str | None = None
    handout: bool = False
    legal: bool = False
    legal_as_of: dt.date | None = None
    # Keys the theme reads. Nothing else of a page's front matter reaches the theme: `template`,
    # `icon`, `status` and the like would let content choose what the theme renders.
    description: str | None = None
    hide: list[Literal["navigation", "toc", "footer", "path"]] = []
    search: SearchOptions | None = None


Kind = Literal["training", "session", "case", "guide"]
Model = Training | Session | CaseStudy | Guide  # what a valid document's front matter is
MODELS: Mapping[str, type[Strict]] = MappingProxyType({
    "training": Training,
    "session": Session,
    "case": CaseStudy,
    "guide": Guide,
})
