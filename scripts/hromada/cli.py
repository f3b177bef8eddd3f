"""`hromada`: check, build, serve, new, schedule, schema, cms. Messages in Ukrainian; exit 0 ok, 1 errors, 2 usage."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

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
    c.add_argument("--legal", action="store_true", help="що з законодавства пора перевірити: факти й сторінки, найстаріші спершу")
    b = sub.add_parser("build", help="перевірити й зібрати сайт у site/")
    b.add_argument("--strict", action="store_true", help="зупинятися на попередженнях MkDocs")
    b.add_argument("--site-dir", type=Path, default=None, help="куди зібрати (типово site/)")
    b.add_argument("--no-offline", action="store_true", help="без офлайн-пакета offline/hromada-site.zip")
    b.add_argument("--no-pdf", action="store_true", help="без PDF (швидше, щоб переглянути сторінки)")
    b.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs",
                   help="чим збирати сторінки: MkDocs (типово; або ProperDocs) чи Zensical")
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
    cm = sub.add_parser("cms", help="конфігурація веб-редактора /admin/ (Decap CMS), складена з моделі вмісту")
    cm.add_argument("--out", type=Path, default=None, help="куди записати config.yml (типово — показати на екрані)")
    cm.add_argument("--local", nargs="?", const="1", default=None, metavar="АДРЕСА",
                    help="зберігати через decap-server на цьому комп'ютері (типово http://localhost:8081/api/v1)")
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
               "schedule": cmd_schedule, "handouts": cmd_handouts, "schema": cmd_schema, "cms": cmd_cms}[args.command]
    try:
        return command(lay, args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `hromada schedule … | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _report(lay: layout_mod.Layout, fmt: str | None = None) -> int:
    problems = check(load_corpus(lay))
    _print_problems(problems, fmt)
    return 1 if any(d.is_error for d in problems) else 0


def _print_problems(problems: list, fmt: str | None = None) -> None:
    if problems:
        print(format_all(problems, fmt or default_format()), file=sys.stderr)
    print(summary(problems), file=sys.stderr)


def cmd_check(lay: layout_mod.Layout, args: argparse.Namespace) -> int:
    if args.legal:
        return _legal_review(lay)
    return _report(lay, args.format)


def _legal_review(lay: layout_mod.Layout) -> int:
    """Dated facts and legal pages with the day they were checked, oldest first."""
    import datetime as dt

    from hromada.rules.facts import review_list

    today = dt.date.today()
    rows = review_list(load_corpus(lay))
    if not rows:
        print("Датованих фактів і сторінок про законодавство немає.")
        return 0
    overdue = 0
    print("Що з законодавства перевірити (найстаріше спершу):\n")
    for as_of, due, what, where in rows:
        late = today > due
        overdue += late
        status = f"ПРОСТРОЧЕНО на {(today - due).days} дн." if late else f"перевірити до {due.isoformat()}"
        print(f"  {as_of.isoformat()}  {status:<24}  {what}\n  {'':10}  {where}")
    print(f"\nУсього: {len(rows)}, прострочено: {overdue}.")
    return 0


def cmd_build(lay: layout_mod.Layout, args: argparse.Namespace) -> int:
    from hromada import engines
    from hromada.website.prepare import for_build

    site = for_build(lay, offline=not args.no_offline, pdf=not args.no_pdf)  # loaded and checked once
    _print_problems(list(site.problems))
    if site.errors:
        print("Сайт не зібрано; попередній site/ не змінено.", file=sys.stderr)
        return 1
    target = (args.site_dir or lay.root / "site").resolve()
    try:
        engines.build(args.engine, site, target, strict=args.strict)
    except BaseException as exc:  # engines report through SystemExit/Abort too; never half a site
        if isinstance(exc, KeyboardInterrupt):
            raise
        print(f"hromada: збірка не вдалася: {engines.failure(args.engine, exc)}", file=sys.stderr)
        print("Сайт не зібрано; попередній site/ не змінено.", file=sys.stderr)
        return 1
    print(f"Сайт зібрано в {target}", file=sys.stderr)
    return 0


def cmd_schema(lay: layout_mod.Layout, args: argparse.Namespace) -> int:
    from hromada.content.schema import write_schemas

    for path in write_schemas(lay.root, (args.out or lay.root / ".schemas").resolve()):
        print(f"Записано {path}")
    return 0


def cmd_cms(lay: layout_mod.Layout, args: argparse.Namespace) -> int:
    from hromada.publish.cms import Backend, config, dump
    from hromada.website.siteconfig import read_mkdocs_yml

    backend = Backend.of(read_mkdocs_yml(lay.root), local=args.local)
    text = dump(config(load_corpus(lay), backend))
    if not backend.repo:
        print("hromada: невідомо, який репозиторій GitHub редагувати\n"
              "  підказка: додайте repo_url: https://github.com/ВЛАСНИК/НАЗВА у mkdocs.yml", file=sys.stderr)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"Записано {args.out}")
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
    for line in report.failures():
        print(line, file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return 1 if report.failed else 0


def cmd_serve(lay: layout_mod.Layout, args: argparse.Namespace) -> int:
    from hromada.engines.mkdocs import driver

    driver.serve(lay, dev_addr=args.dev_addr, full=args.full)
    return 0


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
    doc = corpus.documents.get(layout_mod.training_rel(slug))
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


def run() -> NoReturn:
    """The `hromada` command: `main`, then out without taking the interpreter down object by object,
    which after a build was 0.1 s of a 100-page one (its pages, templates and content all freed one
    at a time). What the command wrote is flushed first; nothing else is left to clean up by then."""
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader that left (`| head`), a closed stream
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
