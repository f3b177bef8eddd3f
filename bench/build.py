"""Build time of plain Material vs Hromada on synthetic corpora, live-preview latency, and this
code against an earlier revision (same run, alternating, medians).

    python bench/build.py [--sizes 100 500 2000] [--repeat 2] [--preview-pages 500]
    python bench/build.py --against b98ef06 --sizes 100 500 --repeat 5 --skip-preview --skip-plain
    python bench/build.py --offline-cost --repeat 5 [--against 62371a1]   # only what the offline pack costs

Prints tables; asserts nothing (goals are read by people, not by tests).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_plain, write_project

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stderr[-3000:]}")
    return elapsed


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def build_table(sizes: list[int], repeat: int, work: Path) -> None:
    print(f"\nSite build time without PDFs (best of {repeat}, the three alternating, whole process incl. start-up;"
          " «1 process»: HROMADA_JOBS=1, as on a one-core machine)")
    print(f"{'pages':>6} {'plain s':>9} {'hromada s':>10} {'ratio':>6} {'1 process s':>12} {'ratio':>6} "
          f"{'plain ms/p':>11} {'hromada ms/p':>13} {'median ratio':>13}")
    per_page = {}
    for n in sizes:
        project = write_project(work / f"h{n}", n)
        plain = write_plain(project, work / f"p{n}")
        runs: dict[str, list[float]] = {"plain": [], "two": [], "one": []}
        for _ in range(repeat):
            runs["plain"].append(timed([str(BIN / "mkdocs"), "build", "-q", "-d", "site"], plain))
            runs["two"].append(timed([str(BIN / "hromada"), "build", "--no-offline"], project))
            runs["one"].append(timed([str(BIN / "hromada"), "build", "--no-offline"], project, {"HROMADA_JOBS": "1"}))
        t_plain, t_h, t_one = min(runs["plain"]), min(runs["two"]), min(runs["one"])
        pages = count_pages(project / "site")
        per_page[n] = (t_plain / pages * 1000, t_h / pages * 1000)
        median_ratio = statistics.median(runs["two"]) / statistics.median(runs["plain"])  # the noise of one run out
        print(f"{pages:>6} {t_plain:>9.2f} {t_h:>10.2f} {t_h / t_plain:>6.2f} {t_one:>12.2f} {t_one / t_plain:>6.2f} "
              f"{per_page[n][0]:>11.1f} {per_page[n][1]:>13.1f} {median_ratio:>13.2f}")
    if len(sizes) > 1:
        lo, hi = min(sizes), max(sizes)
        print(f"per-page ms at {hi} / at {lo}: plain {per_page[hi][0] / per_page[lo][0]:.2f}, "
              f"hromada {per_page[hi][1] / per_page[lo][1]:.2f}")


def old_revision(rev: str, work: Path) -> Path:
    """The package at `rev` in its own virtual environment (its own plugin entry point)."""
    old = work / "old"
    old.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "venv", str(old / ".venv")], check=True)
    subprocess.run([str(old / ".venv/bin/pip"), "install", "-q", "-e", str(old)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return old


def compare_table(rev: str, sizes: list[int], repeat: int, work: Path) -> None:
    """`hromada build` (site and offline pack, no PDFs) of this tree vs `rev`, A and B alternating."""
    old = old_revision(rev, work)
    old_bin = old / ".venv/bin/hromada"
    print(f"\nhromada build --no-pdf (site + offline pack): this tree vs {rev}, {repeat} alternating runs, medians")
    print(f"{'':<29} {'wall s':-^28} {'CPU s (user+sys)':-^28}")
    print(f"{'corpus':<22} {'pages':>6} {rev[:10]:>10} {'now':>8} {'now/old':>8} {rev[:10]:>10} {'now':>8} {'now/old':>8}")
    cases = [(f"synthetic {n}", write_project(work / f"new{n}", n)) for n in sizes]
    cases.append(("this repository", None))
    for name, project in cases:
        if project is None:
            new_project = work / "repo-new"
            shutil.copytree(REPO, new_project, ignore=shutil.ignore_patterns("site", ".site-*", ".venv", ".git", ".cache", ".hromada-cache"))
            old_project = old
        else:
            new_project = project
            old_project = work / f"{project.name}-old"
            shutil.copytree(project, old_project)
            config = old_project / "mkdocs.yml"  # the slugify function's name at `rev`: moved to hromada.text later
            if not (old / "scripts/hromada/text/translit.py").is_file():
                config.write_text(config.read_text(encoding="utf-8").replace("hromada.text.translit.slugify",
                                                                              "hromada.translit.slugify"), encoding="utf-8")
        wall: dict[str, list[float]] = {"old": [], "new": []}
        cpu: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(repeat):
            for key, cmd, cwd in (("old", [str(old_bin), "build", "--no-pdf"], old_project),
                                  ("new", [str(BIN / "hromada"), "build", "--no-pdf"], new_project)):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                wall[key].append(timed(cmd, cwd))
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[key].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        pages = count_pages(new_project / "site")
        a, b = statistics.median(wall["old"]), statistics.median(wall["new"])
        ca, cb = statistics.median(cpu["old"]), statistics.median(cpu["new"])
        print(f"{name:<22} {pages:>6} {a:>10.2f} {b:>8.2f} {b / a:>8.2f} {ca:>10.2f} {cb:>8.2f} {cb / ca:>8.2f}")


def repository_copy(source: Path, dest: Path) -> Path:
    """The content and settings of a checkout (as tests/conftest.copy_project): no site, caches or git."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("site", ".site-*", ".venv", ".git", ".cache",
                                                                ".hromada-cache", "test-artifacts"))
    return dest


def offline_cost(binary: Path, project: Path, repeat: int) -> tuple[float, float, int]:
    """Median wall seconds of `hromada build --no-pdf` with and without the offline pack (alternating,
    the order flipped every round), and the pack's size in bytes."""
    runs: dict[bool, list[float]] = {True: [], False: []}
    size = 0
    for n in range(repeat):
        for pack in ((True, False) if n % 2 == 0 else (False, True)):
            runs[pack].append(timed([str(binary), "build", "--no-pdf", *([] if pack else ["--no-offline"])], project))
            if pack:
                size = (project / "site/offline/hromada-site.zip").stat().st_size
    return statistics.median(runs[True]), statistics.median(runs[False]), size


def offline_table(rev: str | None, repeat: int, work: Path) -> None:
    """What the offline pack adds to `make site` on this repository's content: this tree, and `rev` (its own
    content, in its own environment) when asked."""
    print(f"\nmake site with the offline pack / --no-offline (hromada build --no-pdf, this repository, "
          f"{repeat} alternating runs, medians)")
    print(f"{'code':<14} {'pages':>6} {'pack s':>8} {'no pack s':>10} {'pack costs s':>13} {'ratio':>6} {'ZIP MB':>7}")
    rows = [("this tree", BIN / "hromada", repository_copy(REPO, work / "offline-now"))]
    if rev:
        old = work / "old" if (work / "old").is_dir() else old_revision(rev, work)
        rows.insert(0, (rev[:10], old / ".venv/bin/hromada", repository_copy(old, work / "offline-old")))
    for name, binary, project in rows:
        with_pack, without, size = offline_cost(binary, project, repeat)
        pages = count_pages(project / "site")
        print(f"{name:<14} {pages:>6} {with_pack:>8.2f} {without:>10.2f} {with_pack - without:>13.2f} "
              f"{with_pack / without:>6.2f} {size / 1e6:>7.1f}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str, seconds: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if needle in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    return None


def preview_latency(cmd: list[str], cwd: Path, session: Path, page_url: str, edits: int = 3) -> list[float]:
    """Seconds from saving a session (its minutes change) to the page showing the change."""
    port = free_port()
    # A bench started in the background (`… &`) ignores SIGINT, and so would the server it starts: Ctrl-C
    # below must reach it as it does in a terminal.
    proc = subprocess.Popen([*cmd, "--dev-addr", f"127.0.0.1:{port}"], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    base = f"http://127.0.0.1:{port}/"
    times = []
    try:
        if wait_for(base + page_url, "</html>", 600) is None:
            sys.exit(f"server did not start: {cmd}")
        time.sleep(1.5)
        for i in range(edits):
            marker = f"мітка-правки-{i}-{time.time_ns()}"
            text = session.read_text(encoding="utf-8")
            minutes = (50, 65, 80)[i % 3]  # never a length the corpus uses: every edit moves the agenda
            text = _set_minutes(text, minutes) + f"\n{marker}\n"
            session.write_text(text, encoding="utf-8")
            found = wait_for(base + page_url, marker if "curricula/treninh-000/zaniattia" in page_url else _agenda_needle(cwd, minutes), 120)
            times.append(found if found is not None else float("nan"))
            time.sleep(1.0)
    finally:
        proc.send_signal(signal.SIGINT)  # as Ctrl-C: plain `mkdocs serve` removes its /tmp/mkdocs_* only then
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # plain `mkdocs serve` can hang on Ctrl-C in a rebuild: not our figure
            print(f"  ({' '.join(cmd[-2:])} did not stop on Ctrl-C in 20 s: killed)", file=sys.stderr)
            proc.kill()
            proc.wait()
    return times


def _set_minutes(text: str, minutes: int) -> str:
    import re

    text = re.sub(r"^minutes: \d+$", f"minutes: {minutes}", text, count=1, flags=re.M)
    steps = [minutes // 3, minutes // 3, minutes - 2 * (minutes // 3)]
    counter = iter(steps)
    return re.sub(r"\((\d+) хв\)$", lambda m: f"({next(counter)} хв)", text, flags=re.M)


def _agenda_needle(project: Path, minutes: int) -> str:
    # The first session starts at 09:00; its end time is shown in the agenda table.
    end = 9 * 60 + minutes
    return f"09:00–{end // 60:02d}:{end % 60:02d}"


def preview_table(pages: int, work: Path) -> None:
    project = write_project(work / f"serve-h{pages}", pages)
    plain = write_plain(project, work / f"serve-p{pages}")
    session_h = project / "curricula/treninh-000/zaniattia-000.md"
    session_p = plain / "docs/curricula/treninh-000/zaniattia-000.md"
    print(f"\nPreview: save one session → page updated, at {pages} pages (median of 3 edits, seconds)")
    print(f"{'server':<34} {'page watched':<22} {'median':>7} {'all':>22}")
    rows = [
        ("mkdocs serve (full rebuild)", [str(BIN / "mkdocs"), "serve"], plain, session_p, "curricula/treninh-000/zaniattia-000/", "session page"),
        ("mkdocs serve --dirty", [str(BIN / "mkdocs"), "serve", "--dirty"], plain, session_p, "curricula/treninh-000/zaniattia-000/", "session page"),
        ("hromada serve", [str(BIN / "hromada"), "serve"], project, session_h, "curricula/treninh-000/zaniattia-000/", "session page"),
        ("hromada serve", [str(BIN / "hromada"), "serve"], project, session_h, "curricula/treninh-000/", "training agenda"),
    ]
    for name, cmd, cwd, session, url, label in rows:
        times = preview_latency(cmd, cwd, session, url)
        median = sorted(times)[len(times) // 2]
        print(f"{name:<34} {label:<22} {median:>7.2f} {', '.join(f'{t:.2f}' for t in times):>22}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--preview-pages", type=int, default=500)
    parser.add_argument("--skip-preview", action="store_true")
    parser.add_argument("--skip-plain", action="store_true", help="without the plain-Material table")
    parser.add_argument("--against", metavar="REV", help="also compare with the code at this git revision")
    parser.add_argument("--offline-cost", action="store_true",
                        help="only the table of what the offline pack costs (with --against: also at REV)")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    with tempfile.TemporaryDirectory(prefix="hromada-bench-") as tmp:
        work = Path(tmp)
        if args.offline_cost:
            offline_table(args.against, args.repeat, work)
            return
        if not args.skip_plain:
            build_table(args.sizes, args.repeat, work)
        if args.against:
            compare_table(args.against, args.sizes, args.repeat, work)
        if not args.skip_preview:
            preview_table(args.preview_pages, work)


if __name__ == "__main__":
    main()
