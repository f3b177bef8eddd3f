"""File names, URLs and files besides pages: what may be published, under which address."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from hromada.content import layout
from hromada.content.diagnostics import Diagnostic, error
from hromada.content.load import Corpus
from hromada.text.translit import is_slug, slugify
from hromada.website.sanitize import svg_problem

# --- file names and URLs -----------------------------------------------------------------


def file_names(corpus: Corpus) -> Iterable[Diagnostic]:
    for rel in sorted([*corpus.documents, *corpus.assets]):
        for part in rel.split("/")[1:]:
            stem = part.rsplit(".", 1)[0] if "." in part else part
            if not is_slug(stem) and stem not in ("index",):
                fixed = slugify(stem) or "nazva"
                yield error(rel, 1, 1, "HR021", f"недопустима назва «{part}»: лише малі латинські літери, цифри та дефіси",
                            f"перейменуйте на «{part.replace(stem, fixed, 1)}» (транслітерація за постановою КМУ № 55)")
                break


def url_collisions(corpus: Corpus) -> Iterable[Diagnostic]:
    seen: dict[str, str] = {}
    for rel in sorted(corpus.documents):
        url = layout.page_url(rel)
        if url in seen:
            yield error(rel, 1, 1, "HR020", f"адреса «/{url}» вже зайнята файлом {seen[url]}",
                        "дайте одному з файлів іншу назву (slug)")
        else:
            seen[url] = rel


# --- files besides pages --------------------------------------------------------------------


def published_files(corpus: Corpus) -> Iterable[Diagnostic]:
    for rel in sorted(corpus.assets):
        if not layout.publishable(rel):
            kind = PurePosixPath(rel).suffix.lstrip(".") or PurePosixPath(rel).name
            yield error(rel, 1, 1, "HR093", f"файли типу «{kind}» не публікуються", "дозволено зображення (PNG, JPEG, WebP, GIF, SVG) і документи (PDF, CSV, DOCX, XLSX, ODT, ODS, TXT); "
                        "сторінки пишіть у Markdown (.md)")
        elif rel.lower().endswith(".svg"):
            problem = svg_problem(corpus.layout.path(rel).read_bytes())
            if problem:
                yield error(rel, 1, 1, "HR094", f"SVG не можна опублікувати: {problem}",
                            "збережіть зображення як PNG або приберіть зі SVG скрипти, посилання та обробники подій")
