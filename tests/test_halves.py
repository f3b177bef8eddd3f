"""A build's pages shared by two processes (engines/mkdocs/halves.py): the same site, the same
warnings in the same order, `--strict` counting the worker's, and a failure in the worker stopping
the build like one in the parent. Each build runs in its own Python process, where no test's thread
keeps the build from forking; the process counts its forks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, copy_project

BUILD = r"""
import json, logging, os, sys
from pathlib import Path
from hromada.content.layout import Layout
from hromada.engines.mkdocs import driver, halves, plugin
from hromada.website.prepare import for_build

root, target, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
parent, forks, real_fork = os.getpid(), [], os.fork

def fork():
    pid = real_fork()
    if pid:
        forks.append(pid)
    return pid

os.fork = fork
real_content = plugin.HromadaPlugin.on_page_content

def on_page_content(self, html, *, page, config, files):
    if not isinstance(page, halves.Elsewhere):
        whose = "parent" if os.getpid() == parent else "worker"
        with open(target.parent / f"pages-{whose}.txt", "a", encoding="utf-8") as taken:
            taken.write(page.file.src_uri + "\n")
        if mode == "slow-parent" and whose == "parent":
            import time
            time.sleep(0.02)
        if mode in ("warn", "strict"):
            logging.getLogger("mkdocs.plugins.hromada").warning("позначка: %s", page.file.src_uri)
        if (mode, os.getpid() == parent) in (("fail-worker", False), ("fail-parent", True)):
            raise RuntimeError("зламано на " + page.file.src_uri)
    return real_content(self, html, page=page, config=config, files=files)

plugin.HromadaPlugin.on_page_content = on_page_content
try:
    driver.build(for_build(Layout(root), offline=False, pdf=False), target, strict=mode == "strict")
    outcome = "built"
except BaseException as exc:
    outcome = f"{type(exc).__name__}: {exc}"
try:
    os.waitpid(-1, os.WNOHANG)
    leftover = True
except ChildProcessError:
    leftover = False
print(json.dumps({"forks": len(forks), "outcome": outcome, "leftover": leftover}))
"""


def build(root: Path, target: Path, mode: str = "plain", jobs: str = "") -> tuple[dict, list[str]]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(target.parent), "HROMADA_JOBS": jobs, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", BUILD, str(root), str(target), mode], capture_output=True, text=True,
                            timeout=300, stdin=subprocess.DEVNULL, env=env)
    assert result.stdout.strip(), result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr.splitlines()


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(REPO, tmp_path_factory.mktemp("halves") / "repo")


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_processes_write_the_site_one_would(repo_copy: Path, tmp_path: Path) -> None:
    one, one_log = build(repo_copy, tmp_path / "one", jobs="1")
    two, two_log = build(repo_copy, tmp_path / "two")
    assert (one["forks"], one["outcome"]) == (0, "built")
    assert (two["forks"], two["outcome"], two["leftover"]) == (1, "built", False)
    first, second = files_of(tmp_path / "one"), files_of(tmp_path / "two")
    assert len(first) > 250
    assert sorted(first) == sorted(second)
    assert [rel for rel in first if first[rel] != second[rel]] == []
    assert one_log == two_log


def rendered(folder: Path) -> dict[str, list[str]]:
    return {who: (folder / f"pages-{who}.txt").read_text(encoding="utf-8").split() if (folder / f"pages-{who}.txt").is_file() else []
            for who in ("parent", "worker")}


def test_the_faster_process_renders_more_pages(repo_copy: Path, tmp_path: Path) -> None:
    """A page goes to whichever process comes to it first: with the parent slowed down (as by a
    busy core) the worker takes most pages, each page is rendered once, and the site is the same."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one, one_log = build(repo_copy, tmp_path / "one" / "site", jobs="1")
    two, two_log = build(repo_copy, tmp_path / "two" / "site", "slow-parent")
    assert two["forks"] == 1 and one["outcome"] == two["outcome"] == "built"
    alone, shared = rendered(tmp_path / "one"), rendered(tmp_path / "two")
    assert sorted(shared["parent"] + shared["worker"]) == sorted(alone["parent"])  # each page once
    assert len(shared["worker"]) > 2 * len(shared["parent"]), {k: len(v) for k, v in shared.items()}
    first, second = files_of(tmp_path / "one" / "site"), files_of(tmp_path / "two" / "site")
    assert [rel for rel in sorted(set(first) | set(second)) if first.get(rel) != second.get(rel)] == []
    assert one_log == two_log


def test_warnings_of_both_halves_come_in_one_process_order(repo_copy: Path, tmp_path: Path) -> None:
    one, one_log = build(repo_copy, tmp_path / "one", "warn", jobs="1")
    two, two_log = build(repo_copy, tmp_path / "two", "warn")
    assert two["forks"] == 1 and one["outcome"] == two["outcome"] == "built"
    marked = [line for line in two_log if "позначка:" in line]
    assert len(marked) > 100  # every page, the worker's half as well
    assert len(set(marked)) == len(marked)
    assert two_log == one_log


def test_strict_counts_the_workers_warnings(repo_copy: Path, tmp_path: Path) -> None:
    two, two_log = build(repo_copy, tmp_path / "site", "strict")
    marked = [line for line in two_log if "позначка:" in line]
    assert two["forks"] == 1
    assert two["outcome"] == f"Abort: Aborted with {len(marked)} warnings in strict mode!"
    assert not (tmp_path / "site").exists()  # no half a site


@pytest.mark.parametrize("where", ["worker", "parent"])
def test_a_failure_in_either_process_stops_the_build(repo_copy: Path, tmp_path: Path, where: str) -> None:
    """The worker's failure is raised in the parent; the parent's stops the worker (none is left)."""
    result, log = build(repo_copy, tmp_path / "site", f"fail-{where}")
    assert result["forks"] == 1 and not result["leftover"]
    assert result["outcome"].startswith("RuntimeError: зламано на ")
    page = result["outcome"].removeprefix("RuntimeError: зламано на ")
    assert f"ERROR: Error reading page '{page}': зламано на {page}" in log
    assert not (tmp_path / "site").exists()
    assert not list(tmp_path.glob(".site-*"))  # nor the folder it was being built in


def test_a_small_site_stays_in_one_process(tmp_path: Path) -> None:
    mini = copy_project(FIXTURES / "mini", tmp_path / "mini")
    result, _ = build(mini, tmp_path / "site")
    assert (result["forks"], result["outcome"]) == (0, "built")
