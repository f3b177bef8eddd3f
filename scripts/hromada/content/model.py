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

    # defer_build: a validator is made when a page is first validated, not at import; a run whose
    # pages are all kept (content/kept.py) makes none (0.03 s of a build)
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, populate_by_name=True, defer_build=True)


# --- trainings -------------------------------------------------------------------------


class Venue(Strict):
    settlement: str = Field(title="Населений пункт", description="Де проходить тренінг, наприклад: Запоріжжя.")
    oblast: str = Field(title="Область", description="Область зі словника областей (vocabularies.yml).")


class DateRange(Strict):
    start: dt.date = Field(title="Початок", description="Перший день, РРРР-ММ-ДД.")
    end: dt.date = Field(title="Кінець", description="Останній день, не раніше за початок.")


class SessionRef(Strict):
    session: str = Field(title="Заняття", description="Заняття з теки цього тренінгу: назва його файлу без .md.")


Count = Annotated[int, Field(ge=0)]  # minutes of a part, a number of people: never negative
Positive = Annotated[int, Field(ge=1)]


class Break(Strict):
    break_: str = Field(alias="break", title="Перерва", description="Назва перерви, наприклад: Кава-пауза, Обід.")
    minutes: int = Field(title="Хвилини перерви", description="Тривалість перерви в хвилинах, більша за нуль.")  # ≤ 0 is reported by the agenda check, with the break's name


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
    day: Positive = Field(title="День", description="Номер дня: 1, 2, 3…; не повторюйте номер.")
    start: str = Field(pattern=TIME_PATTERN, title="Початок дня", description="Час у лапках, ГГ:ХХ, наприклад \"09:30\".")
    agenda: list[AgendaItem] = Field(title="Розклад дня", description="Заняття й перерви по порядку; час кожного сайт рахує сам.")


class Training(Strict):
    title: str = Field(title="Назва", description="Назва тренінгу.")
    summary: str = Field(title="Коротко", description="Одне-два речення про тренінг для каталогу.")
    audience: str = Field(title="Для кого", description="Для кого тренінг.")
    venue: Venue = Field(title="Місце проведення", description="Населений пункт і область.")
    dates: DateRange | None = Field(None, title="Дати", description="Дати проведення; кінець не раніше за початок.")
    trainers: list[str] = Field([], title="Тренери й тренерки",
                                description="Не вигадуйте імен реальних людей; якщо не знаєте — залиште порожнім.")
    outcomes: list[str] = Field(title="Результати навчання", description="4–8 пунктів: що учасники зможуть зробити.")
    days: list[Day] = Field(min_length=1, title="Дні", description="Програма за днями.")


# --- sessions --------------------------------------------------------------------------


class GroupSize(Strict):
    min: Positive = Field(title="Щонайменше", description="Найменша кількість учасників.")
    max: Positive = Field(title="Щонайбільше", description="Найбільша кількість учасників; не менша за найменшу.")


class Session(Strict):
    title: str = Field(title="Назва", description="Назва заняття.")
    minutes: int | None = Field(None, title="Тривалість, хв",
                                description="Загальна тривалість у хвилинах; кроки «(N хв)» у тексті мають давати разом стільки ж.")
    teaching: Count | None = Field(None, title="Теорія, хв",
                                   description="Хвилини теорії; без «Тривалості» її рахують як теорія + вправи.")
    exercises: Count | None = Field(None, title="Вправи, хв", description="Хвилини вправ (разом із теорією).")
    objectives: list[str] = Field(title="Цілі", description="Що учасники зможуть зробити після заняття.")
    questions: list[str] = Field([], title="Ключові запитання", description="На які запитання відповідає заняття.")
    keypoints: list[str] = Field([], title="Ключові думки", description="Головні думки; на сайті — блок «Ключові думки».")
    methods: list[str] = Field([], title="Методи", description="Методи роботи, наприклад: міні-лекція, обговорення.")
    materials: list[str] = Field([], title="Матеріали", description="Що потрібно для заняття: фліпчарт, маркери…")
    preparation: list[str] = Field([], title="Підготовка", description="Що ведучі готують заздалегідь.")
    group_size: GroupSize | None = Field(None, title="Розмір групи", description="Щонайменше й щонайбільше учасників.")
    adapted_from: list[str] = Field([], title="Адаптовано з",
                                    description="Лише справжні публічні джерела методу, на рівні видання.")
    # How many copies of a handout part to print when not its default (content/session_parts.py):
    # «Картки ролей: participant» — participant | group | one.
    copies: dict[str, Literal["participant", "group", "one"]] = Field(
        {}, title="Скільки копій друкувати",
        description="Лише коли не типово: розділ (точно як заголовок) — participant (кожному), group (на групу) або one (один).")

    @model_validator(mode="after")
    def _total_minutes(self) -> Session:
        # Either `minutes`, or `teaching` + `exercises` from which it is computed.
        if self.minutes is None and self.teaching is not None:
            self.minutes = self.teaching + (self.exercises or 0)
        return self


# --- case studies (field names follow Participedia where they overlap) -----------------


class Location(Strict):
    settlement: str = Field(title="Населений пункт", description="Наприклад: село Яблунева Долина.")
    hromada: str = Field(title="Громада", description="Територіальна громада.")
    oblast: str = Field(title="Область", description="Область зі словника областей.")
    settlement_type: str = Field(title="Тип населеного пункту", description="Село, селище чи місто.")


class Period(Strict):
    start: dt.date = Field(title="Початок", description="Коли почали, РРРР-ММ-ДД.")
    end: dt.date | None = Field(None, title="Кінець", description="Коли завершили; не раніше за початок.")
    ongoing: bool = Field(False, title="Триває досі", description="Замість кінця, не разом із ним.")


class FundingSource(Strict):
    funder: str = Field(title="Хто дав кошти", description="Наприклад: Сільська рада.")
    type: str = Field(title="Тип джерела", description="Тип фінансування зі словника.")
    amount: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = Field(
        None, title="Сума", description="Цифрами, без пробілів і одиниць.")


class Funding(Strict):
    currency: str = Field("UAH", title="Валюта", description="Типово UAH.")
    sources: list[FundingSource] = Field([], title="Джерела коштів", description="Хто дав кошти, тип і сума.")


class Result(Strict):
    indicator: str = Field(title="Показник", description="Що вимірювали.")
    value: str = Field(title="Значення", description="Значення; число теж пишіть як текст.")


class CaseStudy(Strict):
    title: str = Field(title="Назва", description="Назва кейсу.")
    summary: str = Field(title="Коротко", description="Що зробили, де, з яким результатом.")
    status: Literal["documented", "illustrative"] = Field(
        title="Статус", description="documented — є публічні джерела; illustrative — навчальний приклад.")
    location: Location = Field(title="Де", description="Де це відбувалося.")
    population: Positive | None = Field(None, title="Кількість жителів", description="Цифрами, без пробілів.")
    period: Period = Field(title="Коли", description="Початок і кінець (або «триває досі»).")
    themes: list[str] = Field(title="Теми", description="Теми зі словника тем.")
    tools: list[str] = Field([], title="Інструменти", description="Використані інструменти місцевої демократії.")
    public_spectrum: str = Field(title="Рівень участі", description="Рівень участі жителів за спектром IAP2.")
    organizers: list[str] = Field(title="Організатори", description="Хто організував.")
    partners: list[str] = Field([], title="Партнери", description="Хто допомагав.")
    funding: Funding | None = Field(None, title="Фінансування", description="Валюта і джерела коштів.")
    results: list[Result] = Field([], title="Показники",
                                  description="Пари «показник — значення»; на сайті — таблиця в кінці розділу «Результати».")
    lessons: list[str] = Field([], title="Уроки", description="Головні уроки.")
    sources: list[str] = Field([], title="Джерела",
                               description="Публічні веб-адреси (https://…); обов'язкові для documented.")
    licence: str = Field("CC BY 4.0", title="Ліцензія", description="Типово CC BY 4.0.")


# --- guides: any page under docs/ ------------------------------------------------------


class SearchOptions(Strict):
    exclude: bool = Field(False, title="Не показувати в пошуку", description="Для чернеток і службових сторінок.")


class Guide(Strict):
    title: str | None = Field(None, title="Назва", description="Заголовок сторінки; без нього береться заголовок # з тексту.")
    summary: str | None = Field(None, title="Коротко",
                                description="Короткий опис; його ж показують пошуковики й месенджери під посиланням.")
    audience: str | None = Field(None, title="Для кого", description="Для кого сторінка.")
    handout: bool = Field(False, title="PDF для друку", description="Зробити PDF цієї сторінки для друку.")
    legal: bool = Field(False, title="Пояснює закон", description="Сторінка пояснює закон; тоді потрібна дата «Станом на».")
    legal_as_of: dt.date | None = Field(None, title="Станом на",
                                        description="Дата, на яку звірено текст закону; не в майбутньому.")
    # Keys the theme reads. Nothing else of a page's front matter reaches the theme: `template`,
    # `icon`, `status` and the like would let content choose what the theme renders.
    description: str | None = Field(None, title="Опис для пошуковиків",
                                    description="Службове поле теми; зазвичай не потрібне, його замінює «Коротко».")
    hide: list[Literal["navigation", "toc", "footer", "path"]] = Field(
        [], title="Сховати", description="Службове поле теми: які частини сторінки не показувати.")
    search: SearchOptions | None = Field(None, title="Пошук", description="Чи показувати сторінку в пошуку сайту.")


Kind = Literal["training", "session", "case", "guide"]
Model = Training | Session | CaseStudy | Guide  # what a valid document's front matter is
MODELS: Mapping[str, type[Strict]] = MappingProxyType({
    "training": Training,
    "session": Session,
    "case": CaseStudy,
    "guide": Guide,
})
