"""Ukrainian typography for screen and print: where a line may not break, and one hryvnia notation.

    typeset(text) -> str                 one plain text (one HTML text node)
    typeset_html(html) -> str            typeset() on text nodes only; markup, code, comments as they were
    currency_notations(text) -> [...]    hryvnia written otherwise than «100 грн», for a check to warn

No line break inside «380 000», between a number and its unit («380 000 грн», «15 хв», «20 %», «№ 55»,
«ст. 12», «2019 р.»), after a one-letter word («і», «в», «з»…), before a dash, or at the slash of
«менторів/ок». Breaks are taken away with U+00A0 (every font has it: it is Latin-1) and, around a
slash, U+2060 WORD JOINER (zero width; WeasyPrint/Pango and browsers keep the word whole). A wrong
guess only loses a break opportunity: no word is changed, except the dot of «грн.» where it cannot
end a sentence («100 грн. на рік» → «100 грн на рік»).

No library fits: typus, richtypo, etpgrf, typograf (PyPI) know Russian and English only; polytypo
has a Ukrainian locale but binds neither thousands, one-letter words, the space before a dash nor
slashes, rewrites quotes and ellipses, and takes seconds on a 200 KB page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from types import MappingProxyType

from hromada.text.markup import MARKUP as _MARKUP
from hromada.text.markup import RAW_TEXT as _RAW_TEXT

NBSP = "\u00a0"
WORD_JOINER = "\u2060"

# Spaces a source may put where we bind: normal, narrow no-break, thin, and Markdown's soft line breaks.
_SP = "[ \t\r\n\u00a0\u202f\u2009]"
_BREAKABLE = "[ \t\r\n\u202f\u2009]+"

# «380 000», «1 200 000»: groups of three, the run standing alone, so «+380 44 123 45 67» and
# «067 123 45 67» (a telephone) are not a number; «2019/2020», «3703-IX», «10:00» have no space.
_THOUSANDS = re.compile(rf"(?<![\w.,+/:\-\u2060])(?<!\d{_SP})[1-9]\d{{0,2}}(?:{_SP}\d{{3}}(?!\d))+(?!{_SP}?\d)")
_GROUP_SPACE = re.compile(_SP)

# A unit, currency or counted abbreviation right after a number; never an ordinary word.
_UNITS = ("км²|м²|м³|грн|коп|тис|млн|млрд|трлн|км|м|см|мм|дм|кг|г|т|га|л|мл|хв|год|сек|дн|тиж|міс|р|рр|шт|стор|арк|"
          "кВт|Вт|КБ|кБ|МБ|ГБ|ТБ|Мб|Гб|UAH|USD|EUR|дол|євро")
_NUMBER_UNIT = re.compile(rf"(?<=\d){_BREAKABLE}(?=(?:{_UNITS})(?![\w\-])|[%‰°℃₴$€])")
# «120 тис. грн», «1,2 млн грн»: the multiplier and the currency stay together too.
_MULTIPLIER_CURRENCY = re.compile(rf"(?<=\d{_SP})(тис\.|млн\.?|млрд\.?)({_BREAKABLE})(?=(?:грн|UAH|USD|EUR|дол|євро)(?!\w))")
# «№ 55», «ст. 12», «ч. 6», «п. 3»: a sign or abbreviation before a number.
_BEFORE_NUMBER = re.compile(rf"(?<![\w.\-])(№|§|(?:[Сс]т|[Чч]|[Пп]п?|[Рр]озд|[Рр]ис|[Тт]абл|[Сс]тор|[Сс]|[Тт]|[Вв]ип|[Гг]л|[Аа]бз|[Дд]од)\.){_BREAKABLE}(?=\d)")
# «і т. д.», «та ін.»: the second half never starts a line.
_ETC = re.compile(rf"(?<![\w.])(т\.|та){_BREAKABLE}(?=(?:д|ін|п|зв)\.)")
# «грн.» inside a sentence (a lowercase word or a comma follows): the dot is an abbreviation's, not the sentence's.
_CURRENCY_DOT = re.compile(rf"(?<=\d)({_SP}*грн)\.(?=[,;:]|{_SP}+[a-zа-щьюяєіїґ])")
# « — », « – »: the dash stays on the line of the word before it.
_DASH = re.compile(rf"(?<=\S){_BREAKABLE}(?=[—–](?:\s|$))")
# A one-letter word («і», «в», «з», «у», «й», «а», «о», «я», «є») never ends a line.
_LETTER = "[аАвВєЄзЗіІйЙоОуУяЯ]"
_ONE_LETTER = re.compile(rf"(?<={_LETTER})(?<![\w'’ʼ`.\-/\u2060]{_LETTER}){_BREAKABLE}(?=\S)")
# «менторів/ок», «учасників/ць», «та/або»: a slash between words (at least one Cyrillic) is no break.
_SLASHED = re.compile(r"(?<!\S)[^\s/]*[^\W\d_]\u2060?/\u2060?[^\W\d_]\S*")
_WORD = r"[^\W\d_]+(?:['’ʼ\-][^\W\d_]+)*"
_SLASHED_WORDS = re.compile(rf"([(«„“\"'\[]*)({_WORD}(?:\u2060?/\u2060?{_WORD})+)([)»“”\"'\].,;:!?…]*)")
_CYRILLIC = re.compile(r"[а-щьюяєіїґА-ЩЬЮЯЄІЇҐ]")
_SLASH = re.compile(r"\u2060?/\u2060?")
_DIGIT = re.compile(r"\d")


def typeset(text: str) -> str:
    """`text` with no-break spaces and word joiners where Ukrainian typography forbids a break."""
    # Each rule only where its trigger is: most text nodes are short and have no digit, dash or slash.
    if _DIGIT.search(text):
        text = _THOUSANDS.sub(lambda m: _GROUP_SPACE.sub(NBSP, m.group()), text)
        if "грн." in text:
            text = _CURRENCY_DOT.sub(r"\1", text)
        text = _NUMBER_UNIT.sub(NBSP, text)
        text = _MULTIPLIER_CURRENCY.sub(rf"\1{NBSP}", text)
        text = _BEFORE_NUMBER.sub(rf"\1{NBSP}", text)
    if "т" in text:
        text = _ETC.sub(rf"\1{NBSP}", text)
    if "—" in text or "–" in text:
        text = _DASH.sub(NBSP, text)
    text = _ONE_LETTER.sub(NBSP, text)
    if "/" in text:
        text = _SLASHED.sub(_join_slashes, text)
    return text


def _join_slashes(m: re.Match[str]) -> str:
    token = m.group()
    parts = _SLASHED_WORDS.fullmatch(token)
    # Only words and slashes: a URL, a path or «2019/2020» has dots, colons or digits and stays as it is.
    if parts is None or not _CYRILLIC.search(parts.group(2)):
        return token
    return parts.group(1) + _SLASH.sub(f"{WORD_JOINER}/{WORD_JOINER}", parts.group(2)) + parts.group(3)


# --- HTML ------------------------------------------------------------------------------------------

# Text inside these is read as context but never changed.
_VERBATIM = frozenset({"code", "pre", "kbd", "samp", "svg", "math"})
# These do not end a run of text: «в <a>Дії</a>» is one phrase, «**Ментор** — людина» too.
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
                     "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
                     "tt", "u", "var", "wbr"})
_CONTEXT = 8  # characters of the neighbouring text a rule may need to see («в <a>Дії</a>», «5 <b>км</b>»)

_TEXT, _FIXED, _INLINE_TAG, _BREAK = 0, 1, 2, 3  # kinds of segment


def typeset_html(html: str) -> str:
    """`typeset` on every text node outside code, preformatted text, scripts, styles, form fields,
    comments and attributes. A text node is typeset with the end of the text before it and the start
    of the text after it (when only inline tags are between), so «в <a>Дії</a>» and
    «<strong>Ментор</strong> — це» are joined too. A node that changes is written with literal
    characters («&nbsp;» becomes U+00A0; «&amp;», «&lt;», «&gt;» stay escaped); others stay byte for byte."""
    kinds, raws = _segments(html)
    texts = [unescape(r) if k <= _FIXED and "&" in r else r for k, r in zip(kinds, raws, strict=True)]
    after = [""] * len(raws)  # the start of the text after segment i in the same run
    nxt = ""
    for i in range(len(raws) - 1, -1, -1):
        after[i] = nxt
        if kinds[i] == _BREAK:
            nxt = ""
        elif kinds[i] <= _FIXED and texts[i]:
            nxt = texts[i][:_CONTEXT]
    before = ""
    for i, kind in enumerate(kinds):
        if kind == _BREAK:
            before = ""
            continue
        if kind == _INLINE_TAG or not texts[i]:
            continue
        text = texts[i]
        if kind == _TEXT and not (text.isspace() and not (before and after[i])):
            done = _typeset_between(before, text, after[i])
            if done != text:
                raws[i] = escape(done, quote=False)
                text = done
        before = text[-_CONTEXT:]
    return "".join(raws)


def _typeset_between(before: str, text: str, after: str) -> str:
    out = typeset(before + text + after)
    for head, tail in ((before, after), (typeset(before), typeset(after))):  # the neighbours as they will be
        if out.startswith(head) and out.endswith(tail) and len(out) >= len(head) + len(tail):
            return out[len(head) : len(out) - len(tail)]
    return typeset(text)  # a rule reached across the neighbours: typeset this node alone


def _segments(html: str) -> tuple[list[int], list[str]]:
    """The page cut into text (to typeset or to leave) and markup (inline or ending a run)."""
    kinds: list[int] = []
    raws: list[str] = []
    verbatim: list[str] = []  # open elements whose text stays as it is
    pos = 0
    while pos < len(html):
        m = _MARKUP.search(html, pos)
        start = m.start() if m else len(html)
        if start > pos:
            kinds.append(_FIXED if verbatim else _TEXT)
            raws.append(html[pos:start])
        if m is None:
            break
        pos = m.end()
        name = (m.group(2) or "").lower()
        closing = m.group(1) == "/"
        if not name:  # comment, doctype: a marker such as <!--hromada:after--> must survive as it is
            kinds.append(_BREAK)
            raws.append(m.group())
            continue
        kinds.append(_INLINE_TAG if name in _INLINE else _BREAK)
        raws.append(m.group())
        if closing:
            if name in verbatim:
                del verbatim[len(verbatim) - 1 - verbatim[::-1].index(name):]
        elif name in _RAW_TEXT and m.group(4):
            end = _RAW_TEXT[name].search(html, pos)
            stop = end.start() if end else len(html)
            if stop > pos:
                kinds.append(_BREAK)
                raws.append(html[pos:stop])
            pos = stop
        elif name in _VERBATIM and not m.group(3).rstrip().endswith("/"):
            verbatim.append(name)
    return kinds, raws


# --- currency notations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Notation:
    """Hryvnia written otherwise than «380 000 грн»: where (offsets into the text), what, what to write."""

    start: int
    end: int
    found: str
    kind: str  # "sign" ₴, "code" UAH/грв, "abbreviation" гр., "dot" грн. mid-sentence or in a header, "glued" 100грн, "before" грн 100
    suggestion: str


_NUM = rf"\d(?:\d|[.,](?=\d)|{_SP}(?=\d{{3}}(?!\d)))*"
_NOTATIONS = (
    ("sign", re.compile(rf"₴{_SP}*{_NUM}|{_NUM}{_SP}*₴|₴")),
    ("glued", re.compile(rf"(?<![\d.,]){_NUM}(?:грн|UAH|uah)\.?(?!\w)")),
    ("code", re.compile(r"(?<!\w)(?:UAH|uah|Uah|грв|hrn|Hrn)\.?(?!\w)")),
    ("abbreviation", re.compile(rf"(?<=\d){_SP}*(?:гр|грив)\.(?!\w)")),
    ("before", re.compile(rf"(?<![\w.])грн\.?{_SP}*{_NUM}")),
    # «грн.» whose dot cannot end a sentence: a lowercase word, a comma, a table cell or a bracket follows,
    # or no number (nor a blank «____» to write one in) comes before it: a column header «Сума, грн.».
    ("dot", re.compile(rf"(?<=[\d_]){_SP}*грн\.(?=[,;:|)]|{_SP}+[a-zа-щьюяєіїґ|])|(?<!\w)(?<![\d_…]{_SP})грн\.")),
)
_SUGGESTION = MappingProxyType({
    "sign": "число і «грн»: 380 000 грн",
    "glued": "пробіл між числом і «грн»: 100 грн",
    "code": "«грн» після числа: 380 000 грн (UAH лише в полі currency)",
    "abbreviation": "«грн» без крапки: 100 грн",
    "before": "спершу число, тоді «грн»: 100 грн",
    "dot": "«грн» без крапки: 100 грн",
})


def currency_notations(text: str) -> list[Notation]:
    """Every hryvnia notation in `text` other than «число грн». «гривень», «гривні» written out and
    «тис. грн», «млн грн» are good Ukrainian and not reported; a dot after «грн» that ends the
    sentence («коштує 100 грн.») is not either. The caller leaves code out (a code span may show
    `currency: UAH`)."""
    found: list[Notation] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _NOTATIONS:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if kind == "abbreviation" or kind == "dot":
                start = end - len(m.group().lstrip(" \t\r\n\u00a0\u202f\u2009"))
            if any(s < end and start < e for s, e in taken):
                continue  # one notation, one report (₴ and «100₴» are not two)
            taken.append((start, end))
            found.append(Notation(start, end, text[start:end], kind, _SUGGESTION[kind]))
    return sorted(found, key=lambda n: n.start)
