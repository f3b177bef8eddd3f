"""Render all handouts: content-hash cache, long-lived worker processes on all cores, progress."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from hromada import __version__
from hromada.content import layout
from hromada.content.load import Corpus
from hromada.handouts.plan import Handout, plan, select, training_zip
from hromada.publish.packs import write_zip
from hromada.resources import package_dir
from hromada.website import parts
from hromada.website.siteconfig import SiteConfig

CACHE_DIR = ".hromada-cache/pdf"  # a folder per engine fingerprint inside
PRUNE_GRACE_S = 3600.0


@dataclass
class Part:
    """One part of an assembled book (the facilitator guide), laid out alone and cached by its HTML."""
    html: str
    key: str


@dataclass
class Job:
    handout: Handout
    html: str
    key: str  # from the sources (no HTML needed to look it up)
    html_key: str = ""  # from the HTML, once it is made (`_html_key`)
    parts: list[Part] = field(default_factory=list)  # an assembled book's, in order


@dataclass
class Report:
    rendered: list[str] = field(default_factory=list)  # PDFs laid out (or, a book, assembled) in this run
    cached: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source path, message)
    seconds: float = 0.0
    per_pdf: dict[str, float] = field(default_factory=dict)  # render seconds of each rendered PDF
    parts_rendered: list[str] = field(default_factory=list)  # "<book>#<n>": the parts of books laid out
    slow_fonts: bool = False  # laid out with fontTools subsetting (engine.fast_font_subsets)

    @property
    def ok(self) -> bool:
        return not self.failed

    def failures(self) -> list[str]:
        """One line per PDF that could not be made, as `hromada check` names problems."""
        return [f"{source}: error[HR100]: PDF не зібрано: {message}" for source, message in self.failed]

    def summary(self) -> str:
        total = len(self.rendered) + len(self.cached)
        return (f"PDF: {total} (зібрано {len(self.rendered)}, з кешу {len(self.cached)}"
                + (f", з помилками {len(self.failed)}" if self.failed else "") + f") за {self.seconds:.1f} с"
                + ("; удесятеро швидше з libharfbuzz-subset0 (sudo apt-get install -y libharfbuzz-subset0)"
                   if self.slow_fonts else ""))


def _engine_fingerprint(package: Path | None = None) -> bytes:
    """Everything besides the content that can shape a PDF: every file of the installed package
    (its code, print CSS, fonts, templates) by its path inside it, and the engine's version. Any
    file, not a list of the ones that matter today: a list goes stale when code moves."""
    digest = hashlib.sha256(f"weasyprint {version('weasyprint')} hromada {__version__}".encode())
    package = package or package_dir()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _key(corpus: Corpus, config: SiteConfig, handout: Handout, fingerprint: bytes) -> str:
    """A handout's cache key from its inputs, so that an unchanged handout costs no HTML at all:
    the files it prints, what their generated parts take from other files, the images and
    link targets they use, the site settings and the engine."""
    root = corpus.layout.root
    digest = hashlib.sha256(fingerprint)
    settings = [repr(handout), config.site_name, config.site_url, config.author, config.extensions, config.extension_configs]
    digest.update(json.dumps(settings, sort_keys=True, default=_stable_name).encode())
    for rel in handout.parts:
        doc = corpus.documents[rel]
        digest.update(rel.encode() + (root / rel).read_bytes() + parts.signature(corpus, doc).encode())
        for link in doc.scan.links:
            target = layout.resolve(rel, link.target.partition("#")[0]) if link.target else None
            exists = bool(target) and corpus.exists(target)
            digest.update(f"{link.target}:{exists}".encode())
            if exists and link.image and (root / target).is_file():
                digest.update((root / target).read_bytes())
    return digest.hexdigest()


def _stable_name(value: object) -> str:
    """Python objects named in mkdocs.yml (e.g. the slugify function) by name, not by address."""
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"


def jobs_for(corpus: Corpus, config: SiteConfig, only: str | None = None, fingerprint: bytes | None = None) -> list[Job]:
    fingerprint = fingerprint or _engine_fingerprint()
    return [Job(h, "", _key(corpus, config, h, fingerprint)) for h in select(plan(corpus), only)]


def _base_url(job: Job, root: Path) -> str:
    return (root / job.handout.page_rel).parent.as_uri() + "/"


def _html_key(job: Job, root: Path, fingerprint: bytes) -> str:
    """The second key of a PDF: what WeasyPrint is given (the HTML, where it reads images from, the
    engine). An edit to a session's steps changes the workbook's sources but not its HTML (it holds
    no steps): the workbook is not laid out again (a book is 4–9 CPU-s). An assembled book's: its
    parts' keys."""
    if job.parts:
        return "h-" + hashlib.sha256("\0".join(p.key for p in job.parts).encode()).hexdigest()
    return _laid_out_key(job.html, _base_url(job, root), fingerprint, "h-")


def _laid_out_key(html: str, base_url: str, fingerprint: bytes, prefix: str) -> str:
    digest = hashlib.sha256(fingerprint + b"html\0" + base_url.encode() + b"\0")
    return prefix + hashlib.sha256(digest.digest() + html.encode()).hexdigest()


def _keep(source: Path, target: Path) -> None:
    """The same PDF under a second key: a hard link (no second copy on disk) where the disk allows one."""
    if target.is_file():
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _init_worker() -> None:
    from hromada.handouts import engine

    engine.quiet()


def _render(html: str, base_url: str, root: str, target: str) -> float:
    from hromada.handouts import engine

    start = time.perf_counter()
    tmp = Path(target + f".{os.getpid()}.tmp")
    engine.render(html, base_url, Path(root), tmp)
    tmp.replace(target)
    return time.perf_counter() - start


def _assemble(parts: list[str], kind: str, root: str, cache: str, fingerprint: bytes, target: str) -> float:
    """A book from its cached parts, with the stamp of its page numbers (cached by its HTML: the
    same for every book of as many pages)."""
    from hromada.handouts import assemble, engine
    from hromada.handouts.printdoc import stamp_html

    start = time.perf_counter()

    def stamp(pages: int) -> Path:
        html = stamp_html(kind, pages)
        file = Path(cache) / f"{_laid_out_key(html, Path(root).as_uri() + '/', fingerprint, 's-')}.pdf"
        if not file.is_file():
            _render(html, Path(root).as_uri() + "/", root, str(file))
        return file

    tmp = Path(target + f".{os.getpid()}.tmp")
    assemble.assemble([Path(p) for p in parts], tmp, engine.BOOK_FONTS, stamp)
    tmp.replace(target)
    return time.perf_counter() - start


def build_handouts(corpus: Corpus, config: SiteConfig, out_dir: Path, only: str | None = None,
                   workers: int | None = None, progress: Callable[[int, int, str], None] | None = None) -> Report:
    """Write every handout into `out_dir` (the site folder); render only what the cache lacks."""
    start = time.perf_counter()
    root = corpus.layout.root
    report = Report()
    fingerprint = _engine_fingerprint()
    cache = root / CACHE_DIR / fingerprint.hex()[:16]  # one folder per engine: an upgrade's old PDFs can go whole
    cache.mkdir(parents=True, exist_ok=True)
    jobs = jobs_for(corpus, config, only, fingerprint)
    todo = [j for j in jobs if not (cache / f"{j.key}.pdf").is_file()]
    from hromada.handouts.printdoc import Printer  # with QR codes and pikepdf: not imported by a build without PDFs

    printer = Printer(corpus, config)  # print.css comes from each worker's engine.Renderer, parsed once
    for job in list(todo):  # HTML only for what must be rendered
        try:
            if printer.assembled(job.handout):
                job.parts = [Part(html, _laid_out_key(html, _base_url(job, root), fingerprint, "p-"))
                             for html in printer.part_documents(job.handout)]
            else:
                job.html = printer.document(job.handout)
        except Exception as exc:  # e.g. a missing snippet file: reported like any failed PDF
            report.failed.append((job.handout.page_rel, f"{type(exc).__name__}: {exc}"))
            todo.remove(job)
            continue
        job.html_key = _html_key(job, root, fingerprint)
        if (cache / f"{job.html_key}.pdf").is_file():  # sources changed, this PDF's HTML did not: the PDF made from it
            _keep(cache / f"{job.html_key}.pdf", cache / f"{job.key}.pdf")
            todo.remove(job)
    report.cached = [j.handout.output for j in jobs if j not in todo]
    done = len(report.cached)
    if progress:
        progress(done, len(jobs), "")
    if todo:
        from hromada.handouts import engine  # WeasyPrint only when something is laid out

        report.slow_fonts = not engine.fast_font_subsets()
        done = _render_all(todo, root, cache, fingerprint, workers, report, done, len(jobs), progress)
    for job in jobs:
        cached = cache / f"{job.key}.pdf"
        if cached.is_file():
            target = out_dir / job.handout.output
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
    if only is None and not report.failed:
        write_training_zips(corpus, jobs, out_dir)
        prune_engines(cache)
    report.seconds = time.perf_counter() - start
    return report


def _render_all(todo: list[Job], root: Path, cache: Path, fingerprint: bytes, workers: int | None, report: Report,
                done: int, total: int, progress: Callable[[int, int, str], None] | None) -> int:
    """Lay out what the cache lacks on all cores, longest first (the books do not trail at the end);
    a book is assembled as soon as the last of its parts is laid out."""
    tasks: list[tuple[int, str, str, Job, int | None]] = []  # (size, html, cache file, job, part number)
    waiting: dict[int, set[str]] = {}  # id(book job) → the part files it still waits for
    queued: set[str] = set()
    for job in todo:
        if not job.parts:
            tasks.append((len(job.html), job.html, str(cache / f"{job.key}.pdf"), job, None))
            continue
        waiting[id(job)] = set()
        for number, part in enumerate(job.parts):
            file = str(cache / f"{part.key}.pdf")
            if Path(file).is_file():
                continue
            waiting[id(job)].add(file)
            if file not in queued:
                queued.add(file)
                tasks.append((len(part.html), part.html, file, job, number))
    tasks.sort(key=lambda t: t[0], reverse=True)
    books = [j for j in todo if j.parts]
    n = max(1, min(workers or os.cpu_count() or 1, len(tasks) + len(books)))
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_init_worker) as pool:
        pending = {pool.submit(_render, html, _base_url(job, root), str(root), file): (job, number, file)
                   for _, html, file, job, number in tasks}

        def assemble_if_ready(job: Job) -> None:
            if id(job) in waiting and not waiting[id(job)]:
                del waiting[id(job)]
                parts = [str(cache / f"{p.key}.pdf") for p in job.parts]
                future = pool.submit(_assemble, parts, job.handout.kind, str(root), str(cache), fingerprint,
                                     str(cache / f"{job.key}.pdf"))
                pending[future] = (job, None, "")

        for job in books:
            assemble_if_ready(job)
        failed: set[int] = set()
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                job, number, file = pending.pop(future)
                try:
                    seconds = future.result()
                except Exception as exc:  # one broken document must not stop the others
                    if id(job) not in failed:
                        failed.add(id(job))
                        waiting.pop(id(job), None)
                        report.failed.append((job.handout.page_rel, f"{type(exc).__name__}: {exc}"))
                        done += 1
                    continue
                if number is not None:  # a part of a book
                    report.parts_rendered.append(f"{job.handout.output}#{number}")
                    for book in books:  # parts with the same HTML are laid out once for every book
                        if file in waiting.get(id(book), ()):
                            waiting[id(book)].discard(file)
                            assemble_if_ready(book)
                    continue
                report.per_pdf[job.handout.output] = seconds
                report.rendered.append(job.handout.output)
                _keep(cache / f"{job.key}.pdf", cache / f"{job.html_key}.pdf")
                done += 1
                if progress:
                    progress(done, total, job.handout.output)
    return done


def prune_engines(cache: Path, grace_s: float = PRUNE_GRACE_S) -> None:
    """After a whole build, what the other engines' folders beside `cache` hold goes (a new Hromada
    or WeasyPrint cannot use their PDFs: a set is some 9 MB, so the cache grew with every upgrade),
    and so do the files of the flat cache before it had folders. Anything written in the last
    `grace_s` stays: another checkout of other code may be building there right now."""
    now = time.time()
    for entry in cache.parent.iterdir():
        try:
            if entry == cache or now - entry.stat().st_mtime < grace_s:
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        except FileNotFoundError:  # another build pruned it first
            continue


def write_training_zips(corpus: Corpus, jobs: list[Job], out_dir: Path) -> None:
    """One ZIP per training with its workbook, facilitator guide, handout pack and every session PDF.
    Fixed timestamps and order: the same PDFs give the same archive bytes."""
    for training in corpus.trainings:
        parts = {training.rel, *(d.rel for d in corpus.sessions_of(training.slug).values())}
        members = sorted(j.handout.output for j in jobs if j.handout.page_rel in parts)
        write_zip(out_dir / training_zip(training.slug),
                  [(f"{training.slug}/{Path(output).name}", out_dir / output) for output in members])


def bar(done: int, total: int, name: str) -> None:
    """A one-line progress bar on a terminal; silent in logs and CI."""
    if not sys.stderr.isatty() or not total:
        return
    width = 28
    filled = width * done // total
    sys.stderr.write(f"\rPDF [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[-40:]:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()
