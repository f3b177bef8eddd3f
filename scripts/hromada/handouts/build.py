"""Render all handouts: content-hash cache, long-lived worker processes on all cores, progress."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import __version__
from ..load import Corpus
from ..siteconfig import SiteConfig
from .plan import Handout, plan, select
from .printdoc import Printer, asset_dir

CACHE_DIR = ".hromada-cache/pdf"
_FILE_URL = re.compile(r'(?:src|href)="(file://[^"]+)"')


@dataclass
class Job:
    handout: Handout
    html: str
    key: str


@dataclass
class Report:
    rendered: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source path, message)
    seconds: float = 0.0
    per_pdf: list[float] = field(default_factory=list)  # render seconds of each rendered PDF

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        total = len(self.rendered) + len(self.cached)
        return (f"PDF: {total} (зібрано {len(self.rendered)}, з кешу {len(self.cached)}"
                + (f", з помилками {len(self.failed)}" if self.failed else "") + f") за {self.seconds:.1f} с")


def _engine_fingerprint() -> bytes:
    """Everything besides the HTML that shapes a PDF: print CSS, fonts, engine and our version."""
    digest = hashlib.sha256(f"weasyprint {version('weasyprint')} hromada {__version__}".encode())
    for path in sorted(asset_dir().rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.digest()


def _key(html: str, fingerprint: bytes, root: Path) -> str:
    digest = hashlib.sha256(fingerprint + html.encode("utf-8"))
    for url in sorted(set(_FILE_URL.findall(html))):  # images the HTML pulls in from the repository
        path = Path(unquote(urlsplit(url).path))
        if path.is_file() and path.resolve().is_relative_to(root.resolve()):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def jobs_for(corpus: Corpus, config: SiteConfig, only: str | None = None) -> list[Job]:
    printer = Printer(corpus, config, (asset_dir() / "print.css").as_uri())
    fingerprint = _engine_fingerprint()
    jobs = []
    for handout in select(plan(corpus), only):
        html = printer.document(handout)
        jobs.append(Job(handout, html, _key(html, fingerprint, corpus.layout.root)))
    return jobs


def _init_worker() -> None:
    from . import engine

    engine.quiet()


def _render(html: str, base_url: str, root: str, target: str) -> float:
    from . import engine

    start = time.perf_counter()
    tmp = Path(target + f".{os.getpid()}.tmp")
    engine.render(html, base_url, Path(root), tmp)
    tmp.replace(target)
    return time.perf_counter() - start


def build_handouts(corpus: Corpus, config: SiteConfig, out_dir: Path, only: str | None = None,
                   workers: int | None = None, progress: Callable[[int, int, str], None] | None = None) -> Report:
    """Write every handout into `out_dir` (the site folder); render only what the cache lacks."""
    start = time.perf_counter()
    root = corpus.layout.root
    cache = root / CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    report = Report()
    jobs = jobs_for(corpus, config, only)
    todo = [j for j in jobs if not (cache / f"{j.key}.pdf").is_file()]
    report.cached = [j.handout.output for j in jobs if j not in todo]
    done = len(report.cached)
    if progress:
        progress(done, len(jobs), "")
    if todo:
        n = max(1, min(workers or os.cpu_count() or 1, len(todo)))
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        with ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_init_worker) as pool:
            futures = {pool.submit(_render, j.html, (root / j.handout.page_rel).parent.as_uri() + "/", str(root),
                                   str(cache / f"{j.key}.pdf")): j for j in todo}
            for future in as_completed(futures):
                job = futures[future]
                try:
                    report.per_pdf.append(future.result())
                    report.rendered.append(job.handout.output)
                except Exception as exc:  # one broken document must not stop the others
                    report.failed.append((job.handout.page_rel, f"{type(exc).__name__}: {exc}"))
                done += 1
                if progress:
                    progress(done, len(jobs), job.handout.output)
    for job in jobs:
        cached = cache / f"{job.key}.pdf"
        if cached.is_file():
            target = out_dir / job.handout.output
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
    report.seconds = time.perf_counter() - start
    return report


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
