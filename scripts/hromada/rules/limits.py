"""Bounded work: what a crafted page could make the build spend."""

from __future__ import annotations

from collections.abc import Iterable

from hromada.content.diagnostics import Diagnostic, error
from hromada.content.load import Corpus

# --- bounded work: what a crafted page could make the build spend --------------------------

MAX_BLOCK_CHARS = 20_000  # the longest paragraph of the site is 3 000 characters
MAX_BLOCK_BRACKETS = 200  # each «[» or «<» makes Markdown scan the rest of its paragraph
MAX_BRACKET_WORK = 2_000_000  # brackets × paragraph length, summed over a file (about a second)
MAX_QUOTES = 10
MAX_INDENT = 48
MAX_HTML_DEPTH = 24


def bounded_work(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.documents.values():
        work = 0
        for block in doc.scan.blocks:
            if block.chars > MAX_BLOCK_CHARS:
                yield error(doc.rel, block.line, 1, "HR007", f"абзац задовгий: {block.chars} символів (найбільше {MAX_BLOCK_CHARS})",
                            "розбийте текст порожніми рядками на коротші абзаци")
            elif block.brackets > MAX_BLOCK_BRACKETS:
                yield error(doc.rel, block.line, 1, "HR008", f"в абзаці забагато дужок «[» і «<»: {block.brackets} "
                            f"(найбільше {MAX_BLOCK_BRACKETS})", "розбийте абзац на кілька або приберіть зайві дужки")
            work += block.chars * block.brackets
        if work > MAX_BRACKET_WORK:
            worst = max(doc.scan.blocks, key=lambda b: b.chars * b.brackets)
            yield error(doc.rel, worst.line, 1, "HR008", "у файлі забагато розмітки посилань у довгих абзацах",
                        "розбийте довгі абзаци на коротші або поділіть сторінку на кілька")
        for depth, limit, what in ((doc.scan.quote_depth, MAX_QUOTES, "цитат «>»"),
                                   (doc.scan.indent, MAX_INDENT, "відступу (пробілів на початку рядка)"),
                                   (doc.scan.html_depth, MAX_HTML_DEPTH, "вкладених HTML-тегів")):
            if depth.levels > limit:
                yield error(doc.rel, depth.line, 1, "HR009", f"забагато рівнів {what}: {depth.levels} (найбільше {limit})",
                            "спростіть структуру: так глибоко вкладений текст не прочитати ні на телефоні, ні на папері")
