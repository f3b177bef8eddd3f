"""Ukrainian search: a light stemmer (suffix stripping) and the tokenizer.

Its JavaScript twin, assets/hromada/stem.js, stems the reader's query in the browser; the two
must agree on every word form (tests/test_stemmer.py runs both on every word of the site).
Keep the rules and lists below in step with that file.
"""

from __future__ import annotations

import re
from types import MappingProxyType

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
_TOKEN = re.compile(r"[0-9a-zа-яёєіїґ'’ʼ`]+")
# Latin letters that look like Cyrillic ones (after lower-casing, so A B C E H I K M O P T X Y too).
# In a word that mixes the two scripts («cтатут» with a Latin c) they are read as Cyrillic; a word
# wholly in Latin letters (SMART, HR013) is left as it is.
LOOKALIKES = MappingProxyType({"a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "i": "і", "k": "к", "m": "м", "o": "о",
                               "p": "р", "t": "т", "x": "х", "y": "у"})
_LOOKALIKE_TABLE = MappingProxyType(str.maketrans(dict(LOOKALIKES)))
_CYRILLIC = re.compile(r"[а-яёєіїґ]")
_LATIN = re.compile(r"[a-z]")
# The loose key of a word or stem, to forgive misspellings: no soft sign or apostrophe, і ї ы й → и,
# є э ё → е, ґ and х → г (transliterated «h» is either), a doubled letter written once («слуханн» and «слухан», «проєкт» and «проект»).
_LOOSE_TABLE = MappingProxyType(str.maketrans({"ь": None, "ъ": None, "і": "и", "ї": "и", "ы": "и", "й": "и", "є": "е", "э": "е",
                              "ё": "е", "ґ": "г", "х": "г", **{a: None for a in APOSTROPHES}}))
_DOUBLE = re.compile(r"(.)\1+")


def normalize(word: str) -> str:
    word = word.lower()
    for a in APOSTROPHES:
        word = word.replace(a, "")
    if _LATIN.search(word) and _CYRILLIC.search(word):
        word = word.translate(_LOOKALIKE_TABLE)
    return word


def loose(word: str) -> str:
    """The loose key of a normalized word or of a stem (see _LOOSE_TABLE)."""
    return _DOUBLE.sub(r"\1", word.translate(_LOOSE_TABLE))


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
