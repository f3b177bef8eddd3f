"""`hromada new`: Ukrainian templates with every field, never overwriting a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import MappingProxyType

from hromada.content import layout
from hromada.text.translit import is_slug, slugify

TRAINING = """---
title: {title}
summary: Коротко, одним-двома реченнями, про що цей тренінг і що він дає учасникам.
audience: Активісти й активістки громадських організацій та ініціативних груп із сіл і малих міст.
venue:
  settlement: Запоріжжя
  oblast: Запорізька
# dates:                   # необов'язково
#   start: 2020-03-10
#   end: 2020-03-12
outcomes:
  - Перший результат навчання (що учасники зможуть зробити).
  - Другий результат навчання.
days:
  - day: 1
    start: "09:30"
    agenda:
      # - session: nazva-fajlu-zaniattia   (назва файлу заняття в цій теці, без .md)
      - break: Кава-пауза
        minutes: 20
---

Вступ до тренінгу: навіщо він, як побудовано три дні, як користуватися матеріалами.
Розклад із часом кожного заняття сайт складе сам із поля `days`.
"""

SESSION = """---
title: {title}
minutes: 90                 # загальна тривалість; кроки нижче мають давати разом стільки ж
objectives:
  - Що учасники й учасниці зможуть зробити після заняття.
questions:
  - Яке ключове запитання розглядає заняття?
keypoints:
  - Головна думка, яку варто запам'ятати.
methods: [міні-лекція, робота в малих групах, обговорення]
materials: [фліпчарт, маркери, стікери]
preparation:
  - Що тренер готує заздалегідь.
group_size: {{min: 10, max: 25}}
# adapted_from:             # необов'язково: справжні публічні джерела методу
#   - Назва посібника, видавець, рік
---

Кілька речень про те, навіщо це заняття активістам із сіл і малих міст.

## Хід заняття

### Крок 1. Вступ (10 хв)

Що робить тренер і що роблять учасники.

### Крок 2. Основна вправа (60 хв)

Інструкція до вправи.

!!! trainer "Нотатка для тренера"
    Поради щодо часу, динаміки групи, варіантів вправи.

### Крок 3. Підсумки (20 хв)

Як завершити заняття.

## Запитання для обговорення

1. Що було найкориснішим?

## Робочий аркуш

| Питання | Ваша відповідь |
|---|---|
| | |
"""

CASE = """---
title: {title}
summary: Коротко — що зробили, де і з яким результатом.
status: illustrative        # documented — є публічні джерела; illustrative — навчальний приклад
location:
  settlement: село Назва
  hromada: Назва територіальна громада
  oblast: Полтавська
  settlement_type: село     # село | селище | місто
# population: 2400
period:
  start: {today}
  ongoing: true             # або end: РРРР-ММ-ДД
themes: [розвиток спільнот]
tools: [hromadski-slukhannia]
public_spectrum: залучення  # інформування | консультування | залучення | співпраця | надання повноважень
organizers: [Ініціативна група]
partners: []
# funding:
#   currency: UAH
#   sources:
#     - funder: Назва
#       type: грант         # грант | місцевий бюджет | державний бюджет | внесок громади | бізнес | власні кошти | інше
#       amount: 50000
results:
  - indicator: Кількість учасників
    value: "0"
lessons:
  - Головний урок.
sources: []                 # для documented: адреси публічних джерел
licence: CC BY 4.0
---

## Проблема

## Що зробили

## Партнери і ресурси

## Результати

## Уроки
"""

GUIDE = """---
title: {title}
summary: Коротко про що ця сторінка.
audience: Для кого вона.
handout: false              # true — зробити PDF для друку
legal: false                # true — сторінка пояснює закон; тоді потрібна legal_as_of
# legal_as_of: {today}
---

Текст посібника.
"""

TEMPLATES = MappingProxyType({"training": TRAINING, "session": SESSION, "case": CASE, "guide": GUIDE})

# The templates' words that stand for what the editor is still to write: a file that keeps one is
# not finished (rules/template.py warns). Real defaults (Полтавська, залучення, CC BY 4.0) are not here.
PLACEHOLDER_VALUES = frozenset({
    "Назва", "село Назва", "Назва територіальна громада", "Ініціативна група", "Кількість учасників", "Головний урок.",
    "Коротко — що зробили, де і з яким результатом.",
    "Коротко, одним-двома реченнями, про що цей тренінг і що він дає учасникам.",
    "Перший результат навчання (що учасники зможуть зробити).", "Другий результат навчання.",
    "Що учасники й учасниці зможуть зробити після заняття.", "Яке ключове запитання розглядає заняття?",
    "Головна думка, яку варто запам'ятати.", "Що тренер готує заздалегідь.",
    "Коротко про що ця сторінка.", "Для кого вона.",
})
PLACEHOLDER_TEXT = frozenset({
    "Вступ до тренінгу: навіщо він, як побудовано три дні, як користуватися матеріалами.",
    "Кілька речень про те, навіщо це заняття активістам із сіл і малих міст.",
    "Що робить тренер і що роблять учасники.", "Інструкція до вправи.", "Як завершити заняття.",
    "Поради щодо часу, динаміки групи, варіантів вправи.", "Текст посібника.",
})


class ScaffoldError(Exception):
    """A refusal with a Ukrainian message and hint."""


def target_path(root: Path, kind: str, slug: str, training: str | None) -> Path:
    if kind == "training":
        return root / layout.training_rel(slug)
    if kind == "session":
        if not training:
            raise ScaffoldError("для заняття вкажіть тренінг: hromada new session НАЗВА --training ТРЕНІНГ")
        if not (root / layout.training_rel(training)).is_file():
            raise ScaffoldError(f"тренінгу «{training}» немає: створіть його командою hromada new training {training}")
        return root / layout.CURRICULA / training / f"{slug}.md"
    if kind == "case":
        return root / layout.CASES / f"{slug}.md"
    return root / layout.DOCS / f"{slug}.md"


def create(root: Path, kind: str, name: str, training: str | None = None, title: str | None = None) -> Path:
    """Write a new file from the template; `name` may be a Ukrainian title or a slug (with / for guides)."""
    parts = name.strip("/").split("/")
    slugs = [p if is_slug(p) else slugify(p) for p in parts]
    if not all(slugs) or (kind != "guide" and len(slugs) > 1):
        raise ScaffoldError(f"недопустима назва «{name}»")
    slug = "/".join(slugs)
    path = target_path(root, kind, slug, training)
    if path.exists():
        raise ScaffoldError(f"файл {path.relative_to(root)} уже існує — його не буде перезаписано")
    human = title or (parts[-1] if not is_slug(parts[-1]) else "Назва")
    text = TEMPLATES[kind].format(title=_yaml_text(human), today=dt.date.today().isoformat())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": fails rather than overwrite, even in a race
        out.write(text)
    return path


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"' if any(c in text for c in ':#"\'{}[]') else text
