"""Ukrainian → Latin transliteration by the official system (КМУ resolution 55 of 27.01.2010).

Used for file names, URLs and heading anchors, so that «Громадські слухання» becomes
`hromadski-slukhannia` rather than an opaque `_2`.
"""

from __future__ import annotations

import re
import unicodedata

_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia",
}  # fmt: skip
# At the start of a word these letters take another form (Єнакієве → Yenakiieve).
_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_APOSTROPHES = "'’ʼ`"


def _is_letter(ch: str) -> bool:
    return ch.isalpha() or ch in _APOSTROPHES


def transliterate(text: str) -> str:
    """Transliterate Ukrainian letters, keeping everything else as it is."""
    out: list[str] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if ch in _APOSTROPHES:
            continue
        if low not in _LETTERS:
            out.append(ch)
            continue
        at_word_start = i == 0 or not _is_letter(text[i - 1])
        if at_word_start and low in _WORD_START:
            latin = _WORD_START[low]
        elif low == "г" and i > 0 and text[i - 1].lower() == "з":
            latin = "gh"  # «зг» is written «zgh» to tell it from «ж» (Згорани → Zghorany)
        else:
            latin = _LETTERS[low]
        if ch.isupper() and latin:
            nxt = text[i + 1] if i + 1 < len(text) else ""
            latin = latin.upper() if nxt.isupper() else latin.capitalize()
        out.append(latin)
    return "".join(out)


def slugify(text: str, separator: str = "-") -> str:
    """A URL- and anchor-safe slug: transliterated, lower case, words joined by `separator`."""
    latin = transliterate(text)
    latin = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode("ascii")
    latin = re.sub(r"[^\w\s-]", " ", latin.lower()).replace("_", " ")
    return re.sub(r"[\s-]+", separator, latin).strip(separator)


SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_slug(name: str) -> bool:
    return bool(SLUG_RE.match(name))
