"""Who each part of a session is for (content/session_parts.py): every part named, handouts that
speak to participants, copies that name a real handout."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hromada.content.diagnostics import Diagnostic, error, warning
from hromada.content.load import Corpus
from hromada.content.session_parts import INTRO, KNOWN_HEADINGS, of_session, same_title

# What gives a trainer's script away on a participant's sheet: a step, a direction to the leaders
# («Ведучі пояснюють…», «Тренер підводить…»), a note «для ведучих». Not the word itself: an evaluation
# form may ask about «Ведучі були уважні…», a worksheet on facilitation names the facilitator.
_TRAINER_WORDS = re.compile(
    r"(?:^|[.!?|:]\s+|^\s*[-*]\s+)((?:ведучі|ведучий|ведуча|тренер|тренерка|тренери)\s+"
    r"[а-яіїєґ']+(?:ють|ують|юють|ають|ить|ать|ять|ує|ює|ає|яє|иться|ться|уть))\b"
    r"|\b(для\s+(?:ведучих|тренера|тренерки|тренерів))\b"
    r"|^\s*(#{3,6}\s*Крок\s+\d)", re.I | re.M)


def session_parts(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.of_kind("session"):
        parts = of_session(doc)
        copies: dict[str, str] = dict(getattr(doc.checked, "copies", None) or {})
        known = ", ".join(f"«## {h}»" for h in KNOWN_HEADINGS)
        for part in parts:
            if part.title != INTRO and part.kind is None:
                yield warning(doc.rel, part.line, 1, "HR063",
                              f"розділ «{part.title}» не схожий на жоден відомий розділ заняття",
                              f"назвіть його одним із: {known}. Поки що його бачать лише ведучі: у зошит учасника "
                              "і роздаткові матеріали він не потрапить")
            if part.is_handout:
                yield from _trainer_text(doc.rel, part.line, part.text, part.title)
        handout_titles = [p.title for p in parts if p.is_handout]
        for title in copies:
            if not any(same_title(title, t) for t in handout_titles):
                line, col = doc.fm.line_of(("copies", title))
                present = ", ".join(f"«{t}»" for t in handout_titles) or "немає жодного"
                yield error(doc.rel, line, col, "HR065",
                            f"у «copies» названо розділ «{title}», якого в занятті немає",
                            f"напишіть назву розділу точно як у заголовку «## …»; роздаткові розділи цього заняття: {present}")


def _trainer_text(rel: str, first_line: int, text: str, title: str) -> Iterable[Diagnostic]:
    in_admonition = False
    for offset, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if stripped.startswith(("!!!", "???")):
            in_admonition = "trainer" in stripped.split('"')[0]
            continue
        if in_admonition and (line.startswith("    ") or not stripped):
            continue  # a trainer note is left out of participants' copies anyway
        in_admonition = False
        m = _TRAINER_WORDS.search(line)
        if m:
            yield warning(rel, first_line + offset, m.start(m.lastindex or 0) + 1, "HR064",
                          f"у роздатковому розділі «{title}» є звернення до ведучих («{next(g for g in m.groups() if g)}»)",
                          "цей розділ копіюють для учасників: перенесіть вказівки для ведучих у «## Хід заняття» "
                          "або в блок «!!! trainer», а тут залиште лише те, що читає учасник чи учасниця")
