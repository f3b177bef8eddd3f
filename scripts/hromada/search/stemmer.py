"""Ukrainian search: a light stemmer (suffix stripping) and the tokenizer.

Its JavaScript twin, assets/hromada/stem.js, stems the reader's query in the browser; the two
must agree on every word form (tests/test_stemmer.py runs both on every word of the site).
Keep the rules and lists below in step with that file.
"""

from __future__ import annotations

import re

VOWELS = "аеєиіїоуюя"
APOSTROPHES = "'’ʼ`"
REFLEXIVE = ("ся", "сь")
# Inflectional endings by part of speech. Adjectives are tried first, then nouns, then verbs:
# one combined list would cut nouns such as «бюджети» or «освіти» as if they were infinitives.
ADJECTIVE = ("ього", "ьому", "ими", "іми", "ого", "ому", "ій", "ий", "їй", "ім", "им", "їм", "их", "іх", "ої", "ою",
             "ею", "ая", "яя", "еє")
NOUN = ("ями", "ами", "ові", "ях", "ах", "ям", "ам", "ою", "ею", "єю", "ів", "їв", "ей", "ом", "ем", "єм",
        "а", "я", "о", "е", "є", "у", "ю", "і", "ї", "и", "й", "ь")
VERB = ("ати", "яти", "ити", "іти", "їти", "ути", "ють", "уть", "ать", "ять", "ить", "іть", "їть", "ємо", "имо", "імо",
        "ете", "єте", "ите", "іте", "ила", "ило", "или", "ала", "ало", "али", "яла", "яло", "яли", "ула", "ули", "ти",
        "ть", "ш")
GROUPS = tuple(tuple(sorted(set(g), key=lambda x: (-len(x), x))) for g in (ADJECTIVE, NOUN, VERB))
MIN_STEM = 2
_TOKEN = re.compile(r"[0-9a-zа-щьюяєіїґ'’ʼ`]+")


def normalize(word: str) -> str:
    word = word.lower()
    for a in APOSTROPHES:
        word = word.replace(a, "")
    return word


def stem(word: str) -> str:
    w = normalize(word)
    if len(w) < 4:
        return w
    first = next((i for i, ch in enumerate(w) if ch in VOWELS), -1)
    if first < 0:
        return w
    keep = max(first + 1, MIN_STEM)  # the stem keeps its first vowel
    for suffix in REFLEXIVE:
        if w.endswith(suffix) and len(w) - len(suffix) > keep:
            w = w[: -len(suffix)]
            break
    for group in GROUPS:
        suffix = next((x for x in group if w.endswith(x) and len(w) - len(x) >= keep), None)
        if suffix:
            w = w[: -len(suffix)]
            break
    # «петиці-ї» and «петиц-ій»: a vowel left at the end goes too.
    if len(w) > keep and w[-1] in VOWELS + "ь":
        w = w[:-1]
    return w


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())
