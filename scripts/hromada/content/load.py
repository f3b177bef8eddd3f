"""Reading the content tree from disk into typed documents, with a position for every value.

Each file is parsed once per change: documents are cached by (path, mtime, size), so the
live preview re-reads only what an editor saved; and between runs by their bytes (content/kept.py).
"""

from __future__ import annotations

import calendar
import difflib
import errno
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pydantic
from pydantic import ValidationError

from hromada.content import frontmatter, layout
from hromada.content.diagnostics import Diagnostic, error, warning
from hromada.content.facts import Facts, load_facts
from hromada.content.frontmatter import FrontMatter
from hromada.content.kept import Kept, document_key, package_version
from hromada.content.mdscan import Scan, scan
from hromada.content.model import MODELS, UNION_TAGS, CaseStudy, Guide, Kind, Model, Session, Training
from hromada.content.salvage import salvage
from hromada.content.vocab import VOCAB_FILE, Vocabularies
from hromada.text.plurals import plural

MAX_BYTES = 500_000  # ten times the longest page: larger is a mistake (a pasted binary, a log) or an attack


@dataclass
class Document:
    rel: str  # repository path, forward slashes
    kind: Kind
    slug: str
    fm: FrontMatter
    model: Model | None  # None when the front matter is invalid
    scan: Scan
    diagnostics: list[Diagnostic]
    training: str | None = None  # for sessions: the training folder's slug
    partial: Model | None = None  # invalid front matter: what could be read of it, for checks only (content/salvage.py)

    @property
    def checked(self) -> Model | None:
        """What the rules check: the model, or what could be read of invalid front matter."""
        return self.model if self.model is not None else self.partial

    @property
    def title(self) -> str:
        title = getattr(self.model, "title", None) or self.fm.data.get("title")
        if isinstance(title, str) and title:
            return title
        h1 = next((h for h in self.scan.headings if h.level == 1), None)
        return h1.text if h1 else self.slug


@dataclass
class Corpus:
    layout: layout.Layout
    vocab: Vocabularies
    documents: dict[str, Document] = field(default_factory=dict)  # by rel
    assets: set[str] = field(default_factory=set)  # non-Markdown files in content roots
    facts: Facts = field(default_factory=Facts)  # facts.yml: dated facts pages name
    diagnostics: list[Diagnostic] = field(default_factory=list)  # not tied to one document
    _by_kind: dict[str, list[Document]] | None = field(default=None, repr=False)
    _sessions: dict[str, dict[str, Document]] | None = field(default=None, repr=False)
    _derived: dict[object, Any] = field(default_factory=dict, repr=False)

    def of_kind(self, kind: Kind) -> list[Document]:
        # Indexed once: pages ask for their training's sessions, and a scan each time is O(pages²).
        if self._by_kind is None:
            self._by_kind = {}
            for d in self.documents.values():
                self._by_kind.setdefault(d.kind, []).append(d)
        return self._by_kind.get(kind, [])

    def checked(self, kind: Kind) -> list[Document]:
        """Documents of a kind the rules can check, valid or not (`Document.checked`): every rule
        runs on every file, so an editor sees all problems at once."""
        model_cls = MODELS[kind]
        return [d for d in self.of_kind(kind) if isinstance(d.checked, model_cls)]

    @property
    def trainings(self) -> list[Document]:
        return [d for d in self.of_kind("training") if isinstance(d.model, Training)]

    @property
    def cases(self) -> list[Document]:
        return [d for d in self.of_kind("case") if isinstance(d.model, CaseStudy)]

    def sessions_of(self, training_slug: str) -> dict[str, Document]:
        """Valid sessions of a training, by slug."""
        if self._sessions is None:
            self._sessions = {}
            for d in self.of_kind("session"):
                if isinstance(d.model, Session) and d.training is not None:
                    self._sessions.setdefault(d.training, {})[d.slug] = d
        return self._sessions.get(training_slug, {})

    def derived(self, key: object, compute: Callable[[], Any]) -> Any:
        """A value the site derives from the whole corpus (a training's day plans, who links to
        a tool), computed once: a corpus does not change after it is loaded."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    def exists(self, rel: str) -> bool:
        return rel in self.documents or rel in self.assets or rel in layout.GENERATED_INDEXES


def kind_of(rel: str) -> tuple[Kind, str, str | None] | None:
    """(kind, slug, training) for a Markdown file, from where it stands."""
    parts = rel.split("/")
    stem = parts[-1][:-3]
    if parts[0] == layout.CURRICULA:
        if len(parts) == 3:
            return ("training", parts[1], None) if stem == "index" else ("session", stem, parts[1])
        return ("guide", stem, None) if rel == layout.TRAININGS_INDEX else None
    if parts[0] == layout.CASES:
        if len(parts) == 2:
            return ("guide", stem, None) if stem == "index" else ("case", stem, None)
        return None
    if parts[0] == layout.DOCS:
        return "guide", stem, None
    return None


class DocumentCache:
    """Documents already read, by path, valid while (mtime, size) stay the same: a live preview
    owns one for its whole session and re-reads only the files an editor saved."""

    def __init__(self) -> None:
        self._documents: dict[str, tuple[tuple[int, int], Document | None]] = {}
        self.loaded = False  # a corpus was loaded through it: the documents kept between runs were read

    def get(self, path: Path, rel: str, kept: Kept | None = None) -> Document | None:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._documents.get(str(path))
        if cached and cached[0] == key:
            return cached[1]
        doc = load_document(path, rel, kept)
        self._documents[str(path)] = (key, doc)
        return doc


def load_corpus(lay: layout.Layout, cache: DocumentCache | None = None) -> Corpus:
    """Every page and file of the content folders; a page whose bytes an earlier run read (any
    project: the path and the bytes are the key) is taken as it was read (content/kept.py). A live
    preview's `cache` asks the store on its first load only: then its own cache is faster (reading
    and writing 500 kept pages would be 0.05 s of every rebuild)."""
    root = lay.root
    first = cache is None or not cache.loaded
    kept = Kept.open("documents", package_version(), pydantic.VERSION, str(root)) if first else None
    vocab, vocab_diags = _load_vocab(root)
    facts, fact_diags = load_facts(root)
    corpus = Corpus(lay, vocab, facts=facts, diagnostics=[*vocab_diags, *fact_diags])
    for top in layout.CONTENT_ROOTS:
        base = root / top
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if any(part.startswith(".") for part in rel.split("/")):
                continue
            if path.is_symlink():
                problem = _bad_link(path, root)
                if problem:
                    corpus.diagnostics.append(error(rel, 1, 1, "HR092", problem[0], problem[1]))
                    continue
            if not path.is_file():
                continue
            if path.suffix != ".md":
                corpus.assets.add(rel)
                continue
            doc = cache.get(path, rel, kept) if cache else load_document(path, rel, kept)
            if doc is not None:
                corpus.documents[rel] = doc
            else:
                corpus.diagnostics.append(warning(
                    rel, 1, 1, "HR022", "цей файл не потрапить на сайт: у цій теці сторінок не буває",
                    "тренінг — curricula/<тренінг>/index.md, заняття — поруч із ним; кейс — best_practices/<назва>.md"))
    if kept is not None:
        kept.save()
    if cache is not None:
        cache.loaded = True
    return corpus


def _bad_link(path: Path, root: Path) -> tuple[str, str] | None:
    """What is wrong with a symbolic link in a content folder (message, hint), if anything."""
    if _loops(path):
        return "символьне посилання веде по колу (саме на себе)", "видаліть це посилання"
    if not path.exists():
        return "символьне посилання нікуди не веде", "видаліть посилання або покладіть на його місце справжній файл"
    if not _inside(path, root):
        return "символьне посилання веде за межі репозиторію", "замініть посилання справжнім файлом усередині репозиторію"
    if path.is_dir():
        # MkDocs walks folders through links: a link to a folder above it never ends.
        return "символьне посилання на теку", "замініть посилання справжньою текою з файлами"
    return None


def _loops(path: Path) -> bool:
    try:
        path.resolve(strict=True)
    except RuntimeError:  # "Symlink loop" (Python < 3.13)
        return True
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def _load_vocab(root: Path) -> tuple[Vocabularies, list[Diagnostic]]:
    try:
        return Vocabularies.load(root), []
    except Exception as exc:  # any problem in the one vocabulary file is reported, not raised
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return Vocabularies(), [error(VOCAB_FILE, line, 1, "HR002", f"не вдалося прочитати словники: {exc}",
                                      "перевірте синтаксис YAML у цьому файлі")]


def load_document(path: Path, rel: str, kept: Kept | None = None) -> Document | None:
    """The page at `path` (`rel` in the project); `kept`: documents an earlier run read, by their bytes."""
    where = kind_of(rel)
    if where is None:
        return None
    raw = path.read_bytes()
    if kept is None:
        return _read(raw, rel, *where)
    key = document_key(rel, raw)
    found = kept.get(key)
    if isinstance(found, Document):
        return found
    doc = _read(raw, rel, *where)
    kept.put(key, doc)
    return doc


def _read(raw: bytes, rel: str, kind: Kind, slug: str, training: str | None) -> Document:
    diags: list[Diagnostic] = []
    text = _decode(raw, rel, diags)
    fm, fm_diags = frontmatter.parse(text, rel) if text is not None else (FrontMatter(), [])
    diags += fm_diags
    model = partial = None
    if text is not None and not fm_diags:
        if not fm.present and kind != "guide":
            diags.append(error(rel, 1, 1, "HR003", "файл не починається з front matter («---»)",
                               f"створіть файл командою «hromada new {kind} …» або скопіюйте заголовок з подібного"))
        else:
            model = _validate(kind, fm, rel, diags)
            partial = salvage(MODELS[kind], fm.data) if model is None else None
    body_scan = scan(fm.body, fm.body_line, count_words=kind == "session") if text is not None else Scan()
    return Document(rel, kind, slug, fm, model, body_scan, diags, training, partial)


def _decode(raw: bytes, rel: str, diags: list[Diagnostic]) -> str | None:
    if len(raw) > MAX_BYTES:
        diags.append(error(rel, 1, 1, "HR006", f"файл завеликий ({len(raw) // 1024} КБ)",
                           "сторінка має бути текстом до 500 КБ; розділіть її на кілька сторінок, а великі матеріали додайте окремим файлом (PDF, CSV)"))
        return None
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        diags.append(error(rel, line, 1, "HR001", "файл містить двійкові дані, а не текст",
                           "збережіть сторінку як звичайний текст Markdown (UTF-8)"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM from Windows editors is harmless; strip it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.append(error(rel, line, col, "HR001", "файл не в кодуванні UTF-8",
                           "збережіть файл у кодуванні UTF-8 (у Блокноті: «Зберегти як» → UTF-8)"))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- pydantic errors → diagnostics with the line of the value ---------------------------

_TYPE_MESSAGES = MappingProxyType({
    "int": "очікується ціле число",
    "float": "очікується число",
    "string": "очікується текст",
    "list": "очікується список (кожен елемент з нового рядка, що починається з «- »)",
    "dict": "очікується набір «ключ: значення»",
    "model": "очікується набір «ключ: значення»",
    "bool": "очікується true або false",
    "date": "очікується дата у форматі РРРР-ММ-ДД",
    "literal": "недопустиме значення",
})


def _validate(kind: Kind, fm: FrontMatter, rel: str, diags: list[Diagnostic]) -> Any:
    model_cls = MODELS[kind]
    try:
        return model_cls.model_validate(fm.data)
    except ValidationError as exc:
        for err in exc.errors():
            diags.append(_diagnostic(err, fm, rel, model_cls))
        return None


def _diagnostic(err: Any, fm: FrontMatter, rel: str, model_cls: type) -> Diagnostic:
    loc = tuple(p for p in err["loc"] if p not in UNION_TAGS)
    loc = tuple("break" if p == "break_" else p for p in loc)
    name = _where(loc) or "front matter"  # «days, день 1, start» as people count, not days.0.start
    kind = err["type"]
    if kind == "missing":
        line, col = fm.line_of(loc[:-1])
        return error(rel, line, col, "HR010", f"немає обов'язкового поля «{name}»",
                     f"додайте рядок «{loc[-1]}: …»")
    if kind == "extra_forbidden":
        line, col = fm.key_line(loc)
        allowed = _allowed_keys(model_cls, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.5)
        hint = f"можливо, ви мали на увазі «{close[0]}»?" if close else "допустимі ключі: " + ", ".join(allowed)
        return error(rel, line, col, "HR012", f"невідомий ключ «{name}»", hint)
    if kind == "union_tag_not_found" or kind == "union_tag_invalid":
        line, col = fm.line_of(loc)
        return error(rel, line, col, "HR011", "елемент розкладу має бути заняттям або перервою",
                     "напишіть «- session: назва-файлу» або «- break: Кава-пауза» з «minutes: 15»")
    line, col = fm.line_of(loc)
    if kind in ("greater_than_equal", "greater_than"):
        limit = err.get("ctx", {}).get("ge", err.get("ctx", {}).get("gt"))
        least = "0 або більше" if limit == 0 else f"не менше {limit}"
        return error(rel, line, col, "HR017", f"«{_where(loc)}»: значення {err.get('input')} недопустиме",
                     f"напишіть число {least}")
    if kind == "finite_number":
        return error(rel, line, col, "HR017", f"«{_where(loc)}»: «{err.get('input')}» — не число",
                     "напишіть суму цифрами, наприклад 15000 або 15000.50")
    if kind == "too_short":
        return error(rel, line, col, "HR017", f"«{_where(loc)}»: список порожній",
                     "додайте щонайменше один елемент (рядок, що починається з «- »)")
    if kind == "string_pattern_mismatch":
        return error(rel, line, col, "HR014", f"«{name}»: {_time_problem(str(err.get('input')))}",
                     "напишіть час від 00:00 до 23:59 у лапках, наприклад start: \"09:30\"")
    if kind == "literal_error":
        # pydantic's «'documented' or 'illustrative'» in Ukrainian: «documented» або «illustrative»
        options = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        listed = ", ".join(f"«{o}»" for o in options[:-1]) + (" або " if len(options) > 1 else "") + (f"«{options[-1]}»" if options else "")
        return error(rel, line, col, "HR013", f"«{name}»: недопустиме значення «{err.get('input')}»",
                     f"допустимі значення: {listed}")
    family = next((f for f in _TYPE_MESSAGES if kind.startswith(f)), None)
    message = _TYPE_MESSAGES[family] if family else err["msg"]
    if family == "date" and isinstance(err.get("input"), str):
        message = _date_problem(err["input"])
    if family == "string" and isinstance(err.get("input"), dict):
        # «- Пункт: пояснення» is read by YAML as a key and a value.
        return error(rel, line, col, "HR015", f"«{name}»: текст містить «: », і YAML прочитав його як «ключ: значення»",
                     "візьміть увесь текст у лапки: - \"Пункт: пояснення\"")
    return error(rel, line, col, "HR011", f"«{name}»: {message}", _type_hint(family))


_MONTHS_IN = ("у січні", "у лютому", "у березні", "у квітні", "у травні", "у червні", "у липні",
              "у серпні", "у вересні", "у жовтні", "у листопаді", "у грудні")
_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


def _date_problem(text: str) -> str:
    """Why a date is wrong, in words: «2023-02-30» is well written, but February has no 30th."""
    m = _DATE.match(text)
    if not m:
        return f"«{text}» — не дата у форматі РРРР-ММ-ДД"
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return f"«{text}»: місяця {month} не буває (місяці від 01 до 12)"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"«{text}»: {_MONTHS_IN[month - 1]} {year} року {plural(days, 'день', 'дні', 'днів')}, {day}-го числа немає"
    return f"«{text}» — не дата у форматі РРРР-ММ-ДД"


def _time_problem(text: str) -> str:
    """«25:00» is not a format error but an hour that does not exist."""
    m = _TIME.match(text)
    if m and int(m.group(1)) > 23:
        return f"години {m.group(1)} не буває: час «{text}» має бути від 00:00 до 23:59"
    if m and int(m.group(2)) > 59:
        return f"хвилин {m.group(2)} не буває: час «{text}» має бути від 00:00 до 23:59"
    return f"«{text}» — не час у форматі ГГ:ХХ"


def _where(loc: tuple[Any, ...]) -> str:
    """A field's place as people count it: «days, день 1, agenda, пункт 3», not days.0.agenda.2."""
    parts: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(part, int):
            parts.append(f"{'день' if i and loc[i - 1] == 'days' else 'пункт'} {part + 1}")
        else:
            parts.append(str(part))
    return ", ".join(parts)


def _type_hint(family: str | None) -> str:
    return {
        "list": "наприклад:\n    objectives:\n      - перша ціль\n      - друга ціль",
        "int": "напишіть число цифрами, без одиниць: minutes: 90",
        "date": "наприклад 2020-03-10",
        "bool": "напишіть true або false",
    }.get(family or "", "перевірте значення за зразком у довідці для редакторів")


def _allowed_keys(model_cls: type, where: tuple[Any, ...]) -> list[str]:
    """Field names of the (nested) model at `where`, for a «did you mean» hint."""
    current: Any = model_cls
    for part in where:
        if isinstance(part, int):
            continue
        field_info = getattr(current, "model_fields", {}).get(part)
        if field_info is None:
            return []
        current = _inner_model(field_info.annotation)
    fields = getattr(current, "model_fields", {})
    return [f.alias or n for n, f in fields.items()]


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


__all__ = ["CaseStudy", "Corpus", "Document", "DocumentCache", "Guide", "Session", "Training", "load_corpus", "load_document"]
