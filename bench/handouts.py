"""PDF handouts of this repository, an earlier revision ("before") beside this tree ("after"):
cold, warm (no change) and one-edit builds, alternating, medians.

    python bench/handouts.py [--before REV] [--rounds N] [--workers N] [--per-kind]

"before" is the package of git revision REV (default 62371a1), extracted into a temporary folder;
"after" is this tree's scripts/. Each round copies the repository's content twice (so both caches
start empty) and runs `hromada handouts` in each copy: cold, warm, then after adding a
paragraph to a trainer's step of one session (its PDF and the facilitator guide change), then
after appending one to its end (often inside a handout: the workbook and the handout pack too). CPU seconds are user+sys of the finished child processes (the PDF workers included).
Prints tables; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CONTENT = ("docs", "curricula", "best_practices", "includes")
SETTINGS = ("mkdocs.yml", "vocabularies.yml", "facts.yml")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(scripts: Path, root: Path, workers: int) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, PDFs rendered) of one `hromada handouts` with `scripts` imported."""
    env = {**os.environ, "PYTHONPATH": str(scripts)}
    cpu, start = children_cpu(), time.perf_counter()
    result = subprocess.run([str(BIN / "hromada"), "--root", str(root), "handouts", "--workers", str(workers)],
                            capture_output=True, text=True, env=env)
    wall, cpu = time.perf_counter() - start, children_cpu() - cpu
    if result.returncode != 0:
        sys.exit(result.stderr[-3000:])
    summary = next(line for line in result.stderr.splitlines() if line.startswith("PDF:"))
    return wall, cpu, int(re.search(r"зібрано (\d+)", summary).group(1))


def copy_content(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in SETTINGS:
        if (REPO / name).is_file():
            shutil.copy(REPO / name, target / name)
    for folder in CONTENT:
        shutil.copytree(REPO / folder, target / folder)
    return target


def one_round(scripts: Path, root: Path, workers: int) -> dict[str, tuple[float, float, int]]:
    rows = {"cold": run(scripts, root, workers), "warm": run(scripts, root, workers)}
    session = sorted((root / "curricula").glob("*/*.md"))[0]
    text = session.read_text(encoding="utf-8")
    step = re.search(r"^###? .*\(\d+ хв\)\s*$", text, re.M)  # a trainer's step: not in the workbook nor the pack
    session.write_text(text[: step.end()] + "\n\nДоданий абзац для вимірювання.\n" + text[step.end():], encoding="utf-8")
    rows["edit a step"] = run(scripts, root, workers)
    session.write_text(session.read_text(encoding="utf-8") + "\nДоданий абзац для вимірювання.\n", encoding="utf-8")
    rows["edit the end"] = run(scripts, root, workers)  # its last part, often a handout: every book changes
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default="62371a1", help="git revision of the 'before' package")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--per-kind", action="store_true", help="also time each PDF by kind (one more cold build)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hromada-pdf-bench-") as tmp:
        old = Path(tmp) / "before"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.before, "scripts"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
        variants = {"before": old / "scripts", "after": REPO / "scripts"}
        results: dict[str, list[dict[str, tuple[float, float, int]]]] = {name: [] for name in variants}
        for i in range(args.rounds):
            order = list(variants) if i % 2 == 0 else list(reversed(variants))  # A B, then B A
            for name in order:
                root = copy_content(Path(tmp) / f"{name}-{i}")
                results[name].append(one_round(variants[name], root, args.workers))
        session = sorted((REPO / "curricula").glob("*/*.md"))[0]
        last = Path(tmp) / f"after-{args.rounds - 1}/site/pdf"
        total = len(list(last.rglob("*.pdf")))
        breakdown = per_kind(copy_content(Path(tmp) / "kinds")) if args.per_kind else {}
    print(f"\nHandouts: {total} PDFs, {args.workers} worker(s) on {os.cpu_count()} core(s), "
          f"median of {args.rounds} round(s), before = {args.before}, after = this tree")
    print(f"edited: {session.parent.name}/{session.name}\n")
    print(f"{'run':<10} {'':>4} {'wall s':>8} {'CPU s':>8} {'rendered':>9}   all rounds (wall s)")
    for run_name in ("cold", "warm", "edit a step", "edit the end"):
        for name in variants:
            rows = [r[run_name] for r in results[name]]
            wall = statistics.median(r[0] for r in rows)
            cpu = statistics.median(r[1] for r in rows)
            every = " ".join(f"{r[0]:.2f}" for r in rows)
            print(f"{run_name:<10} {name:>6} {wall:>8.2f} {cpu:>8.2f} {rows[0][2]:>9}   {every}")
    if breakdown:
        print(f"\nRender time of one PDF, by kind (after, cold, {args.workers} worker(s) busy)")
        print(f"{'kind':<12} {'PDFs':>5} {'pages':>6} {'s/PDF':>7} {'ms/page':>8}")
        for kind, (count, pages, seconds) in sorted(breakdown.items()):
            print(f"{kind:<12} {count:>5} {pages:>6} {seconds / count:>7.2f} {seconds / pages * 1000:>8.0f}")


def per_kind(root: Path) -> dict[str, tuple[int, int, float]]:
    """Render once more with an empty cache, in this process, to time each PDF."""
    sys.path.insert(0, str(REPO / "scripts"))
    from pypdf import PdfReader

    from hromada.content.layout import Layout
    from hromada.content.load import load_corpus
    from hromada.handouts.build import build_handouts
    from hromada.handouts.plan import plan
    from hromada.website.siteconfig import SiteConfig

    corpus = load_corpus(Layout(root))
    report = build_handouts(corpus, SiteConfig.load(root), root / "site")
    kinds = {h.output: h.kind for h in plan(corpus)}
    table: dict[str, tuple[int, int, float]] = {}
    for output, seconds in report.per_pdf.items():
        count, pages, total = table.get(kinds[output], (0, 0, 0.0))
        table[kinds[output]] = (count + 1, pages + len(PdfReader(root / "site" / output).pages), total + seconds)
    return table


if __name__ == "__main__":
    main()
