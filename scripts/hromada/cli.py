"""`hromada`: check, build, serve, new, schedule. Messages in Ukrainian; exit 0 ok, 1 errors, 2 usage."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import shutil
import sys
from pathlib import Path

from hromada.content import layout as layout_mod
from hromada.content.diagnostics import default_format, format_all, summary
from hromada.content.load import load_corpus
from hromada.content.scaffold import ScaffoldError, create
from hromada.rules import check
from hromada.text.translit import slugify
from hromada.website.schedule import fmt_duration, fmt_time


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: Ukrainian, exit code 2
        self.print_usage(sys.stderr)
        self.exit(2, f"hromada: помилка використання: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="hromada", description="Hromada: сайт, PDF і офлайн-пакет із Markdown-матеріалів програми.")
    p.add_argument("--root", type=Path, help="тека проєкту (де mkdocs.yml); типово — поточна або вище")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    c = sub.add_parser("check", help="перевірити весь вміст і показати всі помилки")
    c.add_argument("--format", choices=["text", "github"], default=None, help="формат повідомлень")
    b = sub.add_parser("build", help="перевірити й зібрати сайт у site/")
    b.add_argument("--strict", action="store_true", help="зупинятися на попередженнях MkDocs")
    b.add_argument("--site-dir", type=Path, default=None, help="куди зібрати (типово site/)")
    b.add_argument("--no-offline", action="store_true", help="без офлайн-пакета offline/hromada-site.zip")
    b.add_argument("--no-pdf", action="store_true", help="без PDF (швидше, щоб переглянути сторінки)")
    s = sub.add_parser("serve", help="попередній перегляд з оновленням при збереженні")
    s.add_argument("--dev-addr", default=None, help="адреса, типово 127.0.0.1:8000")
    s.add_argument("--full", action="store_true", help="перезбирати все при кожній зміні (повільніше)")
    n = sub.add_parser("new", help="створити файл за шаблоном (ніколи не перезаписує)")
    n.add_argument("kind", choices=["training", "session", "case", "guide"])
    n.add_argument("name", help="назва файлу латиницею або українська назва (буде транслітерована)")
    n.add_argument("--training", help="для заняття: тека тренінгу")
    n.add_argument("--title", help="заголовок сторінки")
    h = sub.add_parser("handouts", help="зібрати лише PDF (у site/pdf/); незмінені беруться з кешу")
    h.add_argument("--only", metavar="GLOB", help="лише PDF, шлях яких або файл-джерело відповідає шаблону")
    h.add_argument("--site-dir", type=Path, default=None, help="куди (типово site/)")
    h.add_argument("--workers", type=int, default=None, help="скільки процесів (типово — усі ядра)")
    js = sub.add_parser("schema", help="JSON Schema кожного типу вмісту (для підказок у редакторі)")
    js.add_argument("--out", type=Path, default=None, help="тека (типово .schemas/)")
    sc = sub.add_parser("schedule", help="розклад тренінгу в терміналі")
    sc.add_argument("training", help="тека тренінгу в curricula/")
    return p


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, on every build
    args = _parser().parse_args(argv)
    lay = layout_mod.Layout(args.root.resolve()) if args.root else layout_mod.Layout.find()
    if not (lay.root / "mkdocs.yml").is_file():
        print(f"hromada: у {lay.root} немає mkdocs.yml\n  підказка: запустіть команду з теки проєкту або вкажіть --root",
              file=sys.stderr)
        return 2
    command = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "new": cmd_new,
               "schedule": cmd_schedule, "handouts": cmd_handouts, "schema": cmd_schema}[args.command]
    try:
        return command(lay, args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `hromada schedule … | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _report(lay: layout_mod.Layout, fmt: str | None = None) -> int:
    problems = check(load_corpus(lay))
    if problems:
        print(format_all(problems, fmt or default_format()), file=sys.stderr)
    print(summary(problems), file=sys.stderr)
    return 1 if any(d.is_error for d in problems) else 0


def cmd_check(lay: layout_mod.Layout, args: argparse.Namespace) -> int:
    return _report(lay, args.format)


def _quiet_mkdocs() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logging.getLogger("mkdocs.plugins.hromada.pdf").setLevel(logging.INFO)


def cmd_build(lay: layout_mod.Layout, args: argparse.Namespace) -> int:
    if _report(lay) != 0:
        print("Сайт не зібрано; попередній site/ не змінено.", file=sys.stderr)
        return 1
    site = (args.site_dir or lay.root / "site").resolve()
    ok = build_site(lay, site, strict=args.strict, offline=not args.no_offline, pdf=not args.no_pdf)
    print(f"Сайт зібрано в {site}" if ok else "Сайт не зібрано; попередній site/ не змінено.", file=sys.stderr)
    return 0 if ok else 1


def build_site(lay: layout_mod.Layout, site: Path, strict: bool = False, offline: bool = True, pdf: bool = True) -> bool:
    """Build into a fresh folder beside `site`, then swap: a failed build leaves `site` as it was."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _quiet_mkdocs()
    site.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(site)
    tmp = site.parent / f".{site.name}-new-{os.getpid()}"
    old = site.parent / f".{site.name}-old-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        config = load_config(config_file=str(lay.root / "mkdocs.yml"), site_dir=str(tmp), strict=strict,
                             plugins=_plugins(lay, offline_pack=offline, **({} if pdf else {"pdf": False})))
        build(config)
        if offline:
            build_offline_pack(lay, tmp)
    except BaseException as exc:  # MkDocs reports through SystemExit/Abort too; never leave half a site
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, KeyboardInterrupt):
            raise
        print(f"hromada: збірка не вдалася: {build_failure(exc)}", file=sys.stderr)
        return False
    if site.exists():
        site.rename(old)
    tmp.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return True


def build_failure(exc: BaseException) -> str:
    """Why a build stopped, in Ukrainian: MkDocs and Jinja speak English, and editors read this."""
    import re

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


def _plugins(lay: layout_mod.Layout, *extra: object, **hromada: object) -> list:
    """The plugins of mkdocs.yml, with options of the hromada plugin overridden."""
    from hromada.website.siteconfig import read_mkdocs_yml

    plugins: list = []
    for entry in read_mkdocs_yml(lay.root).get("plugins") or []:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name == "hromada":
            options = dict(entry["hromada"] or {}) if isinstance(entry, dict) else {}
            plugins.append({"hromada": {**options, **hromada}})
        else:
            plugins.append(entry)
    return [*plugins, *extra]


def build_offline_pack(lay: layout_mod.Layout, site: Path) -> None:
    """The whole site as a ZIP that works from a USB stick (file://): built again with links to
    files (…/index.html) instead of folders, with the PDFs of the main build. Search needs nothing
    more: its index is a script, and scripts load from file://."""
    import zipfile

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from hromada.engines.mkdocs.plugin import OFFLINE_PACK

    tmp = site.parent / f".{site.name}-offline-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        config = load_config(config_file=str(lay.root / "mkdocs.yml"), site_dir=str(tmp), use_directory_urls=False,
                             plugins=_plugins(lay, pdf=False, offline_pack=False, file_urls=True))
        build(config)
        if (site / "pdf").is_dir():
            shutil.copytree(site / "pdf", tmp / "pdf")
        target = site / OFFLINE_PACK
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(tmp.rglob("*")):
                if path.is_file():
                    info = zipfile.ZipInfo(f"hromada-site/{path.relative_to(tmp).as_posix()}", date_time=(2020, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_STORED if path.suffix in (".pdf", ".zip", ".png", ".gz") else zipfile.ZIP_DEFLATED
                    archive.writestr(info, path.read_bytes())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _remove_leftovers(site: Path) -> None:
    """Folders of a build that was killed half-way (its process is gone) are thrown away."""
    for folder in site.parent.glob(f".{site.name}-*-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def cmd_schema(lay: layout_mod.Layout, args: argparse.Namespace) -> int:
    from hromada.content.schema import write_schemas

    for path in write_schemas(lay.root, (args.out or lay.root / ".schemas").resolve()):
        print(f"Записано {path}")
    return 0


def cmd_handouts(lay: layout_mod.Layout, args: argparse.Namespace) -> int:
    from hromada.handouts.build import bar, build_handouts
    from hromada.website.siteconfig import SiteConfig

    corpus = load_corpus(lay)
    problems = check(corpus)
    if any(d.is_error for d in problems):
        print(format_all([d for d in problems if d.is_error], default_format()), file=sys.stderr)
        print("PDF не зібрано: спершу виправте помилки у вмісті.", file=sys.stderr)
        return 1
    site = (args.site_dir or lay.root / "site").resolve()
    report = build_handouts(corpus, SiteConfig.load(lay.root), site, only=args.only, workers=args.workers, progress=bar)
    for source, message in report.failed:
        print(f"{source}: error[HR100]: PDF не зібрано: {message}", file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return 1 if report.failed else 0


def cmd_serve(lay: layout_mod.Layout, args: argparse.Namespace) -> int:
    import functools

    import mkdocs.commands.serve as mkdocs_serve
    from mkdocs.livereload import LiveReloadServer

    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(_DirtyNotice())
    kwargs = {"dev_addr": args.dev_addr} if args.dev_addr else {}
    # Dirty builds re-render only changed pages; the plugin marks generated pages
    # (agendas, back-links) as changed when the files they come from change.
    # MkDocs polls for changes every 0.5 s; a quarter second halves the wait after a save.
    mkdocs_serve.LiveReloadServer = functools.partial(LiveReloadServer, polling_interval=0.25)
    mkdocs_serve.serve(config_file=str(lay.root / "mkdocs.yml"), livereload=True,
                       build_type=None if args.full else "dirty", **kwargs)
    return 0


class _DirtyNotice(logging.Filter):
    """MkDocs warns on every partial rebuild; under `hromada serve` partial rebuilds are the point."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def cmd_new(lay: layout_mod.Layout, args: argparse.Namespace) -> int:
    try:
        path = create(lay.root, args.kind, args.name, training=args.training, title=args.title)
    except ScaffoldError as exc:
        print(f"hromada: {exc}", file=sys.stderr)
        return 1
    rel = path.relative_to(lay.root).as_posix()
    print(f"Створено {rel}")
    if args.kind == "session":
        print(f"  підказка: додайте «- session: {path.stem}» до розкладу в curricula/{args.training}/index.md")
    return 0


def cmd_schedule(lay: layout_mod.Layout, args: argparse.Namespace) -> int:
    from hromada.website.parts import training_plans

    corpus = load_corpus(lay)
    slug = args.training.strip("/").split("/")[-1]
    slug = slug if (lay.root / layout_mod.CURRICULA / slug).is_dir() else slugify(slug)
    doc = corpus.documents.get(f"{layout_mod.CURRICULA}/{slug}/index.md")
    if doc is None or doc.model is None:
        known = ", ".join(sorted(d.slug for d in corpus.trainings)) or "немає"
        problems = [d for d in (doc.diagnostics if doc else []) if d.is_error]
        if problems:
            print(format_all(problems), file=sys.stderr)
        print(f"hromada: тренінг «{args.training}» не знайдено або він має помилки\n  підказка: наявні тренінги: {known}",
              file=sys.stderr)
        return 1
    t = doc.model
    print(t.title)
    print(f"{t.venue.settlement}, {t.venue.oblast} область")
    total = 0
    for plan in training_plans(corpus, doc):
        total += plan.session_minutes
        print(f"\nДень {plan.day}: {fmt_time(plan.start)}–{fmt_time(plan.end)}, навчання {fmt_duration(plan.session_minutes)}")
        width = max((len(s.title) for s in plan.slots), default=10)
        for slot in plan.slots:
            title = slot.title if slot.kind == "session" else f"· {slot.title}"
            print(f"  {fmt_time(slot.start)}–{fmt_time(slot.end)}  {title.ljust(width + 2)}  {slot.minutes:>4} хв")
    print(f"\nУсього навчання: {fmt_duration(total)}")
    problems = [d for d in check(corpus) if d.path.startswith(f"{layout_mod.CURRICULA}/{slug}/") and d.is_error]
    if problems:
        print("\n" + format_all(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
