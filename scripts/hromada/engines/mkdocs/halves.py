"""Two processes share a build's page loop, on a machine with two cores or more.

Once the navigation is made the build forks; each process renders the pages it takes (Markdown, our
page step, the theme's template) and writes them. A page goes to whichever process comes to it
first: the page numbers wait in a pipe filled before the fork, and a process that reaches a page
no one has taken reads the next number, so the process that runs faster renders more (on a machine
whose other core is busy, the halves are not equal). MkDocs' loop stays as it is: a page the other
process renders is read as an empty stand-in (`Elsewhere`) and laid out by an empty template, which
MkDocs does not write. What one half's pages give the other's is swapped once, after the Markdown:
titles and front matter for the menus and «Вперед», anchors for MkDocs' link check. At the end the
worker sends its search entries and exits; the parent goes on alone (link check, search files,
PDFs). Log records of both are held back and given in the order a single process gives them, so
warnings read the same and `--strict` counts them all. A preview never splits (it renders a page
or two), nor does a build with another plugin, whose state per page would be split in two.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import os
import pickle
import signal
import struct
import sys
import threading
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from hromada.search.index import SearchIndex

ELSEWHERE_TEMPLATE = "hromada-elsewhere.html"  # theme/: empty, so MkDocs skips the page
MIN_PAGES = 40  # below this a second process costs more than it saves
JOBS_VARIABLE = "HROMADA_JOBS"  # 1: one process (to compare, or to debug)
PARENT, WORKER = 0, 1
UNKNOWN = -1  # a page no process has taken yet
TOKENS = 1024  # page numbers in the pipe at most: 4 KB, what any pipe holds without a reader
TOKEN = struct.Struct("<I")
READING, LAYING_OUT, CHECKING = 0, 1, 2  # MkDocs' phases, in the order records are given


class Elsewhere:
    """What MkDocs reads and renders for a page the other process renders: nothing."""

    def __init__(self, page: Page) -> None:
        self.file = page.file
        self.markdown: str | None = None
        self.content: str | None = None
        self.meta: dict = {}

    def read_source(self, config: Any) -> None:
        self.markdown = ""

    def render(self, config: Any, files: Files) -> None:
        self.content = ""


class HeldRecords(logging.Handler):
    """The records of one process, each with where in the loop it was made."""

    def __init__(self, split: Split) -> None:
        super().__init__(logging.NOTSET)
        self.split = split
        self.held: list[tuple[tuple[int, int], int, logging.LogRecord]] = []
        self.made = itertools.count(split.rank * 10**9)  # the parent's first where both log outside pages

    def emit(self, record: logging.LogRecord) -> None:
        phase, position = self.split.at
        if position >= 0 and self.split.ranks[position] != self.split.rank:
            return  # MkDocs' line about the stand-in's empty page: the other process has the real one
        record.msg, record.args = record.getMessage(), None  # sent to the parent: plain text only
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.held.append(((phase, position), next(self.made), record))


@dataclass
class Split:
    """One process' side of a shared build: which pages are its own, where MkDocs is, the pipes."""

    rank: int
    order: dict[str, int]  # src_uri → position in MkDocs' loop
    ranks: list[int]  # position → the process that renders it (UNKNOWN until one of them takes it)
    inbox: BinaryIO
    outbox: BinaryIO
    worker: int = 0  # the worker's pid, in the parent
    pages_left: int = -1  # the pipe's end to take pages from (-1: closed)
    chunk: int = 1  # pages a number in it gives: 1 up to TOKENS pages
    known: int = 0  # positions below it have their process
    at: tuple[int, int] = (READING, -1)
    handlers: list[logging.Handler] = field(default_factory=list)  # MkDocs' own, while held back
    held: HeldRecords | None = None
    received: list = field(default_factory=list)  # the worker's records

    def mine(self, page: Page | Elsewhere) -> bool:
        position = self.order.get(page.file.src_uri)
        return position is None or self.ranks[position] == self.rank


def jobs_wanted() -> int:
    """2 where a second core is free to use, 1 where not or where HROMADA_JOBS=1 says so."""
    if os.environ.get(JOBS_VARIABLE, "").strip() == "1" or not sys.platform.startswith("linux"):
        return 1  # elsewhere fork is unsafe (macOS) or missing (Windows)
    return 2 if len(os.sched_getaffinity(0)) >= 2 else 1


def start(config: Any, files: Files, jobs: int) -> Split | None:
    """Fork, when it pays; None where the build stays in one process."""
    pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
    if jobs < 2 or len(pages) < MIN_PAGES or set(config.plugins) != {"hromada"} or threading.active_count() > 1:
        return None
    order = {file.src_uri: position for position, file in enumerate(pages)}
    # The last page is the parent's: the worker leaves when MkDocs is done with it (`laid_out`),
    # and MkDocs writes a page after its last hook.
    last = len(pages) - 1
    ranks = [UNKNOWN] * last + [PARENT]
    chunk = -(-last // TOKENS)
    pages_left, numbers = os.pipe()
    tokens = b"".join(TOKEN.pack(first) for first in range(0, last, chunk))
    while tokens:
        tokens = tokens[os.write(numbers, tokens):]
    os.close(numbers)  # both processes read it to the end, then it is empty
    from_worker, to_parent = os.pipe()
    from_parent, to_worker = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # the collector then never walks what both share: no page of it copied for the worker
    pid = os.fork()
    if pid == 0:
        os.close(from_worker)
        os.close(to_worker)
        split = Split(WORKER, order, ranks, os.fdopen(from_parent, "rb"), os.fdopen(to_parent, "wb"),
                      pages_left=pages_left, chunk=chunk)
    else:
        os.close(from_parent)
        os.close(to_parent)
        split = Split(PARENT, order, ranks, os.fdopen(from_worker, "rb"), os.fdopen(to_worker, "wb"), worker=pid,
                      pages_left=pages_left, chunk=chunk)
    hold_records(split)
    return split


def hold_records(split: Split) -> None:
    logger = logging.getLogger("mkdocs")
    split.handlers = logger.handlers[:]
    split.held = HeldRecords(split)
    logger.handlers[:] = [split.held]


def give_records(split: Split) -> None:
    """MkDocs' handlers back, and every held record through them in a single process' order."""
    if split.held is None:
        return
    logging.getLogger("mkdocs").handlers[:] = split.handlers
    records = sorted([*split.held.held, *split.received], key=lambda held: held[:2])  # (phase, page), then made
    split.held, split.received = None, []
    for _, _, record in records:
        for handler in split.handlers:
            if record.levelno >= handler.level:
                handler.handle(record)


def reading(split: Split, page: Page) -> Page | Elsewhere:
    """on_pre_page: the page itself, or its stand-in when the other process renders it."""
    position = split.order.get(page.file.src_uri, -1)
    split.at = (READING, position)
    if position >= 0:
        take(split, position)
    return page if split.mine(page) else Elsewhere(page)


def take(split: Split, position: int) -> None:
    """Whose the page at `position` is: until it is known, the next number in the pipe is this
    process' (its chunk of pages), and the pages before that number were taken by the other."""
    other = WORKER if split.rank == PARENT else PARENT
    last = len(split.ranks) - 1
    while split.ranks[position] == UNKNOWN:
        number = os.read(split.pages_left, TOKEN.size) if split.pages_left >= 0 else b""
        first = TOKEN.unpack(number)[0] if len(number) == TOKEN.size else last  # empty: the rest are the other's
        split.ranks[split.known:first] = [other] * (first - split.known)
        end = min(first + split.chunk, last)
        split.ranks[first:end] = [split.rank] * (end - first)
        split.known = end
        if first == last:
            stop_taking(split)


def stop_taking(split: Split) -> None:
    if split.pages_left >= 0:
        os.close(split.pages_left)
        split.pages_left = -1


def laying_out(split: Split, page: Page) -> bool:
    """on_page_context: whether this process lays the page out."""
    split.at = (LAYING_OUT, split.order.get(page.file.src_uri, -1))
    return split.mine(page)


def _facts(page: Page) -> tuple:
    links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
    return page.meta, page._title_from_render, page.present_anchor_ids, links


def swap_pages(split: Split, files: Files, config: Any) -> None:
    """on_env, once every page is read: each half's titles, front matter and anchors to the other.
    The worker sends first and the parent answers, so neither waits on a full pipe."""
    split.at = (LAYING_OUT, -1)
    stop_taking(split)
    own = {file.src_uri: _facts(file.page) for file in files.documentation_pages()
           if file.page is not None and file.src_uri in split.order and split.mine(file.page)}
    if split.rank == WORKER:
        _send(split, ("read", own))
        theirs = _receive(split)[1]
        # The parent copies the theme's files and writes 404.html and sitemap.xml.
        config.theme.static_templates.clear()
        config.extra_templates.clear()
        for file in files:
            if not file.is_documentation_page():
                file.inclusion = InclusionLevel.EXCLUDED
    else:
        theirs = _from_worker(split)
        _send(split, ("read", own))
    for src_uri, (meta, title, anchors, links) in theirs.items():
        page = files.get_file_from_path(src_uri).page
        page.markdown = page.content = ""
        page.meta = {**meta, "template": ELSEWHERE_TEMPLATE}
        page._title_from_render = title
        page.present_anchor_ids = anchors  # for MkDocs' link check, which only the parent runs
        page.links_to_anchors = {files.get_file_from_path(target): found for target, found in links.items()} or None


def laid_out(split: Split, page: Page, search: SearchIndex) -> None:
    """on_post_page: after the last page MkDocs checks links (in the parent); the worker sends its
    search entries and leaves."""
    if split.order.get(page.file.src_uri) != len(split.ranks) - 1:
        return
    split.at = (CHECKING, 0)
    if split.rank == PARENT:
        return
    _send(split, ("done", search.taken({key for key, at in split.order.items() if split.ranks[at] == WORKER})))
    os._exit(0)


def join(split: Split, search: SearchIndex) -> None:
    """on_post_build, in the parent: the worker's search entries in, its records given, it gone."""
    search.merge(_from_worker(split))
    _reap(split)
    give_records(split)


def failed(split: Split, error: BaseException) -> None:
    """on_build_error: the worker reports and leaves; the parent stops the worker and gives the records."""
    stop_taking(split)
    if split.rank == WORKER:
        try:
            reason = pickle.loads(pickle.dumps(error))
        except Exception:  # an exception that does not pickle is told by name and message
            reason = RuntimeError(f"{error.__class__.__name__}: {error}")
        _send(split, ("failed", reason))
        os._exit(1)
    if split.worker:
        with contextlib.suppress(ProcessLookupError):
            os.kill(split.worker, signal.SIGKILL)
        _reap(split)
    give_records(split)


def leave_if_worker(split: Split | None) -> None:
    """Whatever stopped MkDocs, a worker never returns into its parent's code."""
    if split is not None and split.rank == WORKER:
        os._exit(1)


def _send(split: Split, message: tuple) -> None:
    records = split.held.held if split.rank == WORKER and split.held is not None else []
    try:
        pickle.dump((message, records), split.outbox, protocol=pickle.HIGHEST_PROTOCOL)
        split.outbox.flush()
    except OSError:  # the other process is gone
        if split.rank == WORKER:
            os._exit(1)
        raise
    if split.rank == WORKER and split.held is not None:
        split.held.held = []


def _receive(split: Split) -> Any:
    try:
        message, records = pickle.load(split.inbox)
    except (EOFError, OSError, pickle.UnpicklingError):
        if split.rank == WORKER:
            os._exit(1)
        raise
    split.received.extend(records)
    return message


def _from_worker(split: Split) -> Any:
    """The worker's next message; its failure raised here, as if it had happened in this process."""
    try:
        kind, *rest = _receive(split)
    except (EOFError, OSError, pickle.UnpicklingError):
        _reap(split)
        raise RuntimeError("другий процес збірки зупинився без відповіді; зберіть з HROMADA_JOBS=1") from None
    if kind == "failed":
        _reap(split)
        raise rest[0]
    return rest[0]


def _reap(split: Split) -> None:
    if split.worker:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(split.worker, 0)
    split.worker = 0
