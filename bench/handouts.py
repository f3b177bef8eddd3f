"""PDF handouts of this repository: cold, warm (no change) and one-edit builds.

    python bench/handouts.py [--workers N]

Copies the repository's content to a temporary folder (so the cache starts empty) and runs
`hromada handouts` there three times. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(root: Path, workers: int) -> tuple[float, str, int]:
    """(seconds, hromada's summary line, peak RSS in MB of the largest process so far)."""
    start = time.perf_counter()
    result = subprocess.run([str(BIN / "hromada"), "--root", str(root), "handouts", "--workers", str(workers)],
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(result.stderr[-3000:])
    summary = next(line for line in result.stderr.splitlines() if line.startswith("PDF:"))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return elapsed, summary, peak


def rendered(summary: str) -> int:
    return int(re.search(r"зібрано (\d+)", summary).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hromada-pdf-bench-") as tmp:
        root = Path(tmp) / "repo"
        root.mkdir()
        for name in ("mkdocs.yml", "vocabularies.yml", "facts.yml"):
            shutil.copy(REPO / name, root / name)
        for folder in ("docs", "curricula", "best_practices", "includes"):
            shutil.copytree(REPO / folder, root / folder)
        session = next(sorted((root / "curricula").glob("*/*.md")).__iter__())
        rows = []
        cold = run(root, args.workers)
        rows.append(("cold (empty cache)", *cold))
        rows.append(("warm (no change)", *run(root, args.workers)))
        text = session.read_text(encoding="utf-8")
        session.write_text(text + "\nДоданий абзац для вимірювання.\n", encoding="utf-8")
        rows.append((f"one edit ({session.parent.name}/{session.name})", *run(root, args.workers)))
        total = len(list((root / "site/pdf").rglob("*.pdf")))
        pages = sum(int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True).stdout).group(1))
                    for p in (root / "site/pdf").rglob("*.pdf")) if shutil.which("pdfinfo") else 0
        breakdown = per_kind(root)
    print(f"\nHandouts: {total} PDFs, {pages} pages, {args.workers} worker(s) on {os.cpu_count()} core(s)")
    print(f"{'run':<58} {'seconds':>8} {'rendered':>9} {'s/handout/core':>15} {'peak RSS MB':>12}")
    for name, seconds, summary, peak in rows:
        n = rendered(summary)
        per = f"{seconds * args.workers / n:.2f}" if n else "—"
        print(f"{name:<58} {seconds:>8.2f} {n:>9} {per:>15} {peak:>12}")
    print(f"\nRender time of one PDF, by kind (cold, {args.workers} worker(s) busy)")
    print(f"{'kind':<14} {'PDFs':>5} {'pages':>6} {'s/PDF':>7} {'ms/page':>8}")
    for kind, (count, pages_, seconds) in breakdown.items():
        print(f"{kind:<14} {count:>5} {pages_:>6} {seconds / count:>7.2f} {seconds / pages_ * 1000:>8.0f}")


def per_kind(root: Path) -> dict[str, tuple[int, int, float]]:
    """Render once more with an empty cache, in this process, to time each PDF."""
    sys.path.insert(0, str(REPO / "scripts"))
    from hromada.content.layout import Layout
    from hromada.content.load import load_corpus
    from hromada.handouts.build import CACHE_DIR, build_handouts
    from hromada.website.siteconfig import SiteConfig

    shutil.rmtree(root / CACHE_DIR)
    corpus = load_corpus(Layout(root))
    report = build_handouts(corpus, SiteConfig.load(root), root / "site")
    kinds = {h.output: h.kind for h in __import__("hromada.handouts.plan", fromlist=["plan"]).plan(corpus)}
    table: dict[str, tuple[int, int, float]] = {}
    for output, seconds in report.per_pdf.items():
        pdf = root / "site" / output
        pages_ = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout).group(1))
        kind = "book" if kinds[output] in ("workbook", "facilitator") else "single"
        count, total_pages, total = table.get(kind, (0, 0, 0.0))
        table[kind] = (count + 1, total_pages + pages_, total + seconds)
    return table


if __name__ == "__main__":
    main()
