"""Sorting by the Ukrainian alphabet (Python's code-point order puts є, і, ї, ґ after я)."""

from __future__ import annotations

from types import MappingProxyType

ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_RANK = MappingProxyType({ch: i for i, ch in enumerate(ALPHABET)})


def uk_key(text: str) -> tuple:
    # Quotes and punctuation do not count; Latin letters and digits sort before Cyrillic.
    letters = [c for c in text.lower() if c.isalnum() or c == " "]
    return tuple((1, _RANK[c], c) if c in _RANK else (0, 0, c) for c in letters)
