"""Live-preview rebuild after saving one session, as `mkdocs serve --dirty` runs it (one process,
plugins kept between rebuilds), without the server's polling: plain Material's dirty rebuild, the
code at an earlier revision and this tree, alternating, medians.

    python bench/preview.py [--pages 500] [--against 62371a1] [--rounds 3] [--edits 3]

The earlier revision's package is put first on PYTHONPATH (`git archive REV scripts`), so the same
venv runs both. bench/build.py's preview table measures the whole loop through `hromada serve`.
Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import REPO, write_plain, write_project

SESSION = "curricula/treninh-000/zaniattia-000.md"

# Run in a child process: loads the config as `mkdocs serve` does, builds once, then saves the
# session `edits` times and times each dirty rebuild.
_CHILD = r"""
import logging, sys, tempfile, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

root, session, edits = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
site_dir = tempfile.mkdtemp(prefix="mkdocs_")
logging.disable(logging.CRITICAL)

def config():
    c = load_config(config_file=str(root / "mkdocs.yml"), site_dir=site_dir)
    c.site_url = "http://127.0.0.1:8000/"
    return c

first = config()
first.plugins.on_startup(command="serve", dirty=True)
build(first, serve_url="http://127.0.0.1:8000/", dirty=True)
original = session.read_text(encoding="utf-8")
for i in range(edits):
    session.write_text(original + f"\nмітка правки {i}\n", encoding="utf-8")
    c = config()
    start = time.perf_counter()
    build(c, serve_url="http://127.0.0.1:8000/", dirty=True)
    print(f"{time.perf_counter() - start:.4f}")
session.write_text(original, encoding="utf-8")
"""


def rebuilds(root: Path, session: Path, edits: int, pythonpath: str | None) -> list[float]:
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    result = subprocess.run([sys.executable, "-c", _CHILD, str(root), str(session), str(edits)],
                            capture_output=True, text=True, env=env, cwd=root)
    if result.returncode != 0:
        sys.exit(f"preview run failed in {root}:\n{result.stderr[-3000:]}")
    return [float(line) for line in result.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--against", metavar="REV", default="62371a1")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hromada-preview-") as tmp:
        work = Path(tmp)
        project = write_project(work / "hromada", args.pages)
        plain = write_plain(project, work / "plain")
        old = work / "old"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.against, "scripts"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        rows = (("mkdocs serve --dirty (plain Material)", plain, plain / "docs" / SESSION, None),
                (f"hromada serve at {args.against}", project, project / SESSION, str(old / "scripts")),
                ("hromada serve, this tree", project, project / SESSION, None))
        times: dict[str, list[float]] = {name: [] for name, *_ in rows}
        for _ in range(args.rounds):  # alternating: the machine's noise falls on every row alike
            for name, root, session, path in rows:
                times[name] += rebuilds(root, session, args.edits, path)
        plain_median = statistics.median(times[rows[0][0]])
        print(f"\nPreview: one session saved → dirty rebuild done, {args.pages} pages "
              f"({args.rounds} rounds × {args.edits} edits, alternating; seconds)")
        print(f"{'':<40} {'median':>7} {'min':>6} {'max':>6} {'vs --dirty':>11}")
        for name, *_ in rows:
            t = times[name]
            print(f"{name:<40} {statistics.median(t):>7.2f} {min(t):>6.2f} {max(t):>6.2f} {statistics.median(t) / plain_median:>10.2f}×")


if __name__ == "__main__":
    main()
