"""Ukrainian → Latin transliteration by the official system (КМУ resolution 55 of 27.01.2010).

Used for file names, URLs and heading anchors, so that «Громадські слухання» becomes
`hromadski-slukhannia` rather than an opaque `_2`.
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType

_LETTERS = MappingProxyType({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia",
})  # fmt: skip
# At the start of a word these letters take another form (Єнакієве → Yenakiieve).
_WORD_START = MappingProxyType({"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"})
_APOSTROPHES = "'’ʼ`"


_TABLE = MappingProxyType(str.maketrans({**_LETTERS, **{k.upper(): v.capitalize() for k, v in _LETTERS.items()},
                        **{a: "" for a in _APOSTROPHES}}))
_WORD_START_RE = re.compile(r"(?<![\w'’ʼ`])[єїйюяЄЇЙЮЯ]")
_ZGH_RE = re.compile(r"(?<=[зЗ])[гГ]")


def transliterate(text: str) -> str:
    """Transliterate Ukrainian letters, keeping everything else as it is."""

    def upper_run(latin: str, m: re.Match[str]) -> str:
        # An all-capitals word keeps capitals: ЩЕДРИК → SHCHEDRYK.
        nxt = m.string[m.end() : m.end() + 1]
        return latin.upper() if m.group(0).isupper() and nxt.isupper() else latin

    def at_start(m: re.Match[str]) -> str:
        ch = m.group(0)
        latin = _WORD_START[ch.lower()]
        return upper_run(latin.capitalize(), m) if ch.isupper() else latin

    def zgh(m: re.Match[str]) -> str:  # «зг» is written «zgh» to tell it from «ж» (Згорани → Zghorany)
        return upper_run("Gh", m) if m.group(0).isupper() else "gh"

    text = _ZGH_RE.sub(zgh, _WORD_START_RE.sub(at_start, text))
    if not any(c.isupper() for c in text):
        return text.translate(_TABLE)
    # Capitals inside all-capital words: transliterate letter by letter.
    out = []
    for i, ch in enumerate(text):
        latin = ch.translate(_TABLE)
        if ch.isupper() and len(latin) > 1:
            nxt = text[i + 1] if i + 1 < len(text) else ""
            prev = text[i - 1] if i else ""
            if nxt.isupper() or (prev.isupper() and not nxt.isalpha()):
                latin = latin.upper()
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
