"""Controlled vocabularies (oblasts, themes, tools, …) from the repository's one YAML file."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

VOCAB_FILE = "vocabularies.yml"


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


def suggest(value: str, allowed: list[str] | tuple[str, ...]) -> str:
    """A «did you mean» hint for a value outside a vocabulary."""
    close = difflib.get_close_matches(str(value).lower(), [a.lower() for a in allowed], n=1, cutoff=0.6)
    if close:
        original = next(a for a in allowed if a.lower() == close[0])
        return f"можливо, ви мали на увазі «{original}»?"
    shown = ", ".join(f"«{a}»" for a in list(allowed)[:12])
    more = " …" if len(allowed) > 12 else ""
    return f"допустимі значення: {shown}{more}"
