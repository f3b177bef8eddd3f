"""Controlled vocabularies (oblasts, themes, tools, …) from the repository's one YAML file."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

VOCAB_FILE = "vocabularies.yml"
# Which front matter fields take their values from which list of vocabularies.yml:
# (model class, field) → list. The JSON Schemas (content/schema.py) and the web editor's select lists
# (publish/cms.py) both read it; the rules in rules/vocabulary.py say the same in Ukrainian.
FIELDS: Mapping[tuple[str, str], str] = MappingProxyType({
    ("Venue", "oblast"): "oblasts",
    ("Location", "oblast"): "oblasts",
    ("Location", "settlement_type"): "settlement_types",
    ("FundingSource", "type"): "funding_types",
    ("CaseStudy", "themes"): "themes",
    ("CaseStudy", "tools"): "tools",
    ("CaseStudy", "public_spectrum"): "public_spectrum",
})


@dataclass(frozen=True)
class Vocabularies:
    oblasts: tuple[str, ...] = ()
    settlement_types: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    tools: dict[str, str] = field(default_factory=dict)  # slug → title
    public_spectrum: tuple[str, ...] = ()
    funding_types: tuple[str, ...] = ()

    @classmethod
    def load(cls, root: Path) -> Vocabularies:
        path = root / VOCAB_FILE
        if not path.is_file():
            return cls()
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls(
            oblasts=tuple(raw.get("oblasts") or ()),
            settlement_types=tuple(raw.get("settlement_types") or ()),
            themes=tuple(raw.get("themes") or ()),
            tools=dict(raw.get("tools") or {}),
            public_spectrum=tuple(raw.get("public_spectrum") or ()),
            funding_types=tuple(raw.get("funding_types") or ()),
        )

    def choices(self, name: str) -> tuple[tuple[str, str], ...]:
        """(value, what a person reads) of one list: a tool's slug and its title, any other value twice."""
        values = getattr(self, name)
        if isinstance(values, dict):
            return tuple((str(k), str(v)) for k, v in values.items())
        return tuple((str(v), str(v)) for v in values)


def suggest(value: str, allowed: list[str] | tuple[str, ...]) -> str:
    """A «did you mean» hint for a value outside a vocabulary."""
    close = difflib.get_close_matches(str(value).lower(), [a.lower() for a in allowed], n=1, cutoff=0.6)
    if close:
        original = next(a for a in allowed if a.lower() == close[0])
        return f"можливо, ви мали на увазі «{original}»?"
    shown = ", ".join(f"«{a}»" for a in list(allowed)[:12])
    more = " …" if len(allowed) > 12 else ""
    return f"допустимі значення: {shown}{more}"
