"""Building and previewing with MkDocs (or ProperDocs, which runs the same plugin): the site is
prepared once by the caller and handed to the plugin (whose `finish` also makes the offline pack)."""

from __future__ import annotations

import errno
import gc
import logging
import re
import signal
import sys
from pathlib import Path

from hromada.content.layout import Layout
from hromada.engines.mkdocs import halves
from hromada.publish.output import fresh_folder
from hromada.website.prepare import Site
from hromada.website.siteconfig import read_mkdocs_yml


def quiet() -> None:
    """MkDocs' own INFO lines are noise for editors; warnings and our PDF progress stay."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logging.getLogger("mkdocs.plugins.hromada.pdf").setLevel(logging.INFO)


def build(site: Site, target: Path, strict: bool = False) -> None:
    """Build `site` into `target` (swapped in only when everything succeeded); raises on failure."""
    quiet()
    with fresh_folder(target) as tmp:
        _build_once(site, tmp, strict)


def _build_once(site: Site, site_dir: Path, strict: bool) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    # What exists now (every module, the prepared site) lives to the end of the build: out of the
    # collector's passes, each of which walked all of it (one or two a build, 0.013-0.05 s each).
    # Given back after, for a caller that goes on (a test, in one process).
    gc.freeze()
    try:
        options = site.options
        config = load_config(config_file=str(site.root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict,
                             use_directory_urls=site.urls.directory,
                             plugins=plugins(Layout(site.root), pdf=options.pdf, offline_pack=options.offline_pack,
                                             jobs=halves.jobs_wanted()))
        plugin = config.plugins["hromada"]
        plugin.handed = site
        try:
            mkdocs_build(config)
        finally:
            halves.leave_if_worker(plugin.split)
    finally:
        gc.unfreeze()


def plugins(lay: Layout, **hromada: object) -> list:
    """The plugins of mkdocs.yml, with options of the hromada plugin overridden."""
    out: list = []
    for entry in read_mkdocs_yml(lay.root).get("plugins") or []:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name == "hromada":
            options = dict(entry["hromada"] or {}) if isinstance(entry, dict) else {}
            out.append({"hromada": {**options, **hromada}})
        else:
            out.append(entry)
    return out


def serve(lay: Layout, dev_addr: str | None = None, full: bool = False) -> None:
    """Dirty builds re-render only changed pages; the plugin marks generated pages (agendas,
    back-links) as changed when the files they come from change."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(_DirtyNotice())
    kwargs = {"dev_addr": dev_addr} if dev_addr else {}
    # Stopped by a process manager, an editor's IDE or a test (SIGTERM) as by Ctrl-C: MkDocs then
    # removes its temporary site folder (/tmp/mkdocs_*, a whole site), which a plain SIGTERM leaves behind.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        mkdocs_serve(config_file=str(lay.root / "mkdocs.yml"), livereload=True, build_type=None if full else "dirty", **kwargs)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class _DirtyNotice(logging.Filter):
    """MkDocs warns on every partial rebuild; under `hromada serve` partial rebuilds are the point."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def failure(exc: BaseException) -> str:
    """Why a build stopped, in Ukrainian: MkDocs and Jinja speak English, and editors read this."""
    message = str(exc).strip()
    if message.startswith("hromada:"):
        return message[len("hromada:"):].strip()
    if isinstance(exc, SystemExit) and exc.code in (0, None):
        return "збірку перервано"
    strict = re.match(r"Aborted with (\d+) warnings? in strict mode", message)
    if strict:
        return f"у суворому режимі (--strict) знайдено попереджень: {strict.group(1)} (див. вище)"
    if "Aborted with a BuildError" in message or exc.__class__.__name__ in ("Abort", "BuildError"):
        return "MkDocs зупинив збірку через помилку, описану вище; запустіть «hromada check»"
    if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
        return f"символьне посилання веде по колу: {exc.filename}; видаліть його"
    if isinstance(exc, OSError):
        return f"не вдалося прочитати або записати файл {exc.filename or ''} ({exc.strerror or exc.__class__.__name__})"
    if isinstance(exc, MemoryError):
        return "забракло пам'яті; запустіть «hromada check», щоб знайти завеликий файл"
    if isinstance(exc, RecursionError):
        return "вміст вкладено надто глибоко; запустіть «hromada check», щоб знайти файл"
    return f"внутрішня помилка ({exc.__class__.__name__}: {message[:200]}); повідомте розробникам"
