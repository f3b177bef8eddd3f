"""Dated facts: dates and amounts that go stale, kept in one file (facts.yml) with their source
and the day they were checked. Pages name them, `{{ факт: martial-law-until }}`, and every page
and PDF prints the value from here: one edit updates them all."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hromada.content.diagnostics import Diagnostic, error
from hromada.content.mdscan import map_outside_code

FACTS_FILE = "facts.yml"
PLACEHOLDER = re.compile(r"\{\{\s*факт\s*:\s*([^}\s]*)\s*\}\}")
DEFAULT_REVIEW_MONTHS = 12
INLINE_CODE = re.compile(r"(`+[^`]*`+)")


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="що сторінки друкують замість позначки")
    date: dt.date | None = Field(default=None, description="дата, про яку йдеться у факті")
    review_months: int = Field(default=DEFAULT_REVIEW_MONTHS, ge=1, le=60, description="як часто перевіряти, місяців")
    source: str = Field(min_length=1, description="закон чи документ, з якого взято факт")
    as_of: dt.date = Field(description="коли факт востаннє звірено з джерелом")
    note: str = ""


@dataclass(frozen=True)
class Facts:
    by_name: Mapping[str, Fact] = field(default_factory=lambda: MappingProxyType({}))
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def fill(self, text: str) -> str:
        """Placeholders replaced by their facts' text, outside code (the editor guide shows the
        syntax itself); an unknown name is left for the check to report."""
        if "{{" not in text:
            return text

        def value(m: re.Match) -> str:
            fact = self.by_name.get(m.group(1))
            return fact.text if fact else m.group(0)

        def line(source: str) -> str:
            parts = INLINE_CODE.split(source)  # odd items are code spans, kept as written
            return "".join(p if i % 2 else PLACEHOLDER.sub(value, p) for i, p in enumerate(parts))

        return map_outside_code(text, line)

    def used(self, text: str) -> list[str]:
        """Names of the facts a text uses, outside code."""
        if "{{" not in text:
            return []
        names: list[str] = []
        map_outside_code(text, lambda s: names.extend(m.group(1) for i, p in enumerate(INLINE_CODE.split(s)) if not i % 2
                                                      for m in PLACEHOLDER.finditer(p)) or s)
        return names


def review_due(as_of: dt.date, months: int) -> dt.date:
    """`months` calendar months after `as_of` (the last day of a shorter month if need be)."""
    month = as_of.month - 1 + months
    year, month = as_of.year + month // 12, month % 12 + 1
    for day in (as_of.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def load_facts(root: Path) -> tuple[Facts, list[Diagnostic]]:
    path = root / FACTS_FILE
    if not path.is_file():
        return Facts(), []
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return Facts(), [error(FACTS_FILE, mark.line + 1 if mark else 1, 1, "HR002", f"не вдалося прочитати факти: {exc}",
                               "перевірте синтаксис YAML у цьому файлі (відступи, двокрапки, лапки)")]
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return Facts(), [error(FACTS_FILE, 1, 1, "HR002", "файл фактів має бути набором «назва: опис»",
                               "почніть кожен факт з назви латиницею і двокрапки, як у прикладі в довідці")]
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    facts: dict[str, Fact] = {}
    problems: list[Diagnostic] = []
    for name, raw in data.items():
        line = lines.get(str(name), 1)
        try:
            facts[str(name)] = Fact.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"]) or str(name)
                problems.append(error(FACTS_FILE, line, 1, "HR011", f"факт «{name}»: поле «{where}»: {_message(err)}",
                                      "кожен факт має text, source і as_of (дата РРРР-ММ-ДД); дивіться приклад у довідці"))
    return Facts(MappingProxyType(facts), MappingProxyType(lines)), problems


def _message(err: dict) -> str:
    if err["type"] == "missing":
        return "немає обов'язкового поля"
    if err["type"] == "extra_forbidden":
        return "невідоме поле"
    if err["type"].startswith("date"):
        return "очікується дата у форматі РРРР-ММ-ДД"
    return "недопустиме значення"
