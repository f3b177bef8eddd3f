"""Ukrainian plural forms of a counted word."""

from __future__ import annotations


def plural(n: int, one: str, few: str, many: str) -> str:
    """Ukrainian plural: 1 день, 2 дні, 5 днів, 21 день, 11 днів."""
    if n % 10 == 1 and n % 100 != 11:
        word = one
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        word = few
    else:
        word = many
    return f"{n} {word}"
