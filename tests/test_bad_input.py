"""Every broken fixture is reported with its code, file and exact line; never a traceback."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, run_hromada
from hromada.cli import main

BAD = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def overlay(case: Path, root: Path) -> None:
    for src in (case / "files").rglob("*"):
        if src.is_file():
            dest = root / src.relative_to(case / "files")
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(src.read_bytes())


def expectation(case: Path) -> tuple[str, str, int]:
    code, where = (case / "expect.txt").read_text(encoding="utf-8").split()
    path, line = where.rsplit(":", 1)
    return code, path, int(line)


def test_there_are_enough_fixtures() -> None:
    assert len(BAD) >= 25


@pytest.mark.parametrize("case", BAD, ids=[p.name for p in BAD])
def test_bad_fixture_reported(case: Path, mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overlay(case, mini)
    code, path, line = expectation(case)
    before = {p: p.read_bytes() for p in mini.rglob("*") if p.is_file()}
    assert main(["--root", str(mini), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    reported = [ln for ln in err.splitlines() if f"[{code}]" in ln]
    assert reported, f"{code} not reported:\n{err}"
    assert any(ln.startswith(f"{path}:{line}:") for ln in reported), f"expected {path}:{line}, got:\n{err}"
    # Every message has a hint line and is in Ukrainian.
    assert "підказка:" in err
    assert {p: p.read_bytes() for p in mini.rglob("*") if p.is_file()} == before, "check modified a source file"


def _tree_digest(site: Path) -> str:
    digest = hashlib.sha256()
    for p in sorted(site.rglob("*")):
        if p.is_file():
            digest.update(p.relative_to(site).as_posix().encode() + p.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("name", ["yaml-tab", "agenda-unknown-session", "broken-anchor", "not-utf8"])
def test_failed_build_keeps_previous_site(name: str, mini: Path) -> None:
    assert run_hromada(mini, "build").returncode == 0
    before = _tree_digest(mini / "site")
    overlay(FIXTURES / "bad" / name, mini)
    result = run_hromada(mini, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    code, path, line = expectation(FIXTURES / "bad" / name)
    assert f"{path}:{line}:" in result.stderr and f"[{code}]" in result.stderr
    assert _tree_digest(mini / "site") == before
    assert not [p for p in mini.iterdir() if p.name.startswith(".site-")], "temporary build folder left behind"


def test_plain_mkdocs_build_stops_on_content_errors(mini: Path) -> None:
    """`mkdocs build` alone runs the same checks and stops with the same message."""
    import subprocess
    import sys

    overlay(FIXTURES / "bad" / "steps-do-not-add-up", mini)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(mini / "mkdocs.yml"), "-d", str(mini / "out")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "error[HR036]" in result.stderr
    assert "Traceback" not in result.stderr


def test_killed_build_leaves_site_and_no_leftovers(mini: Path) -> None:
    """A build killed half-way: the old site stays, and the next build clears its half-built folder."""
    import signal
    import subprocess
    import sys
    import time

    assert run_hromada(mini, "build").returncode == 0
    before = _tree_digest(mini / "site")
    proc = subprocess.Popen([sys.executable, "-m", "hromada.cli", "--root", str(mini), "build"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(mini.glob(".site-new-*")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the build ended before it could be killed"
    assert list(mini.glob(".site-new-*")), "the killed build left no half-built folder to clear"
    assert _tree_digest(mini / "site") == before
    assert run_hromada(mini, "build").returncode == 0
    assert not list(mini.glob(".site-*")), "half-built folders left behind"


def test_huge_file_is_refused_with_its_size(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = mini / "docs/velykyi.md"
    huge.write_text("---\ntitle: Великий\n---\n" + "громада " * 700_000, encoding="utf-8")  # ~5.6 MB
    assert main(["--root", str(mini), "check"]) == 1
    err = capsys.readouterr().err
    assert "docs/velykyi.md:1:1: error[HR006]" in err and "Traceback" not in err


def test_symlink_out_of_the_repository_is_an_error(mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: Чужий\n---\n\nТекст.\n", encoding="utf-8")
    (mini / "docs/chuzhyi.md").symlink_to(outside)
    assert main(["--root", str(mini), "check"]) == 1
    err = capsys.readouterr().err
    assert "docs/chuzhyi.md:1:1: error[HR092]" in err


def test_sitemap_dates_come_from_the_last_commit(mini: Path) -> None:
    import os
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_DATE": "2020-03-10T12:00:00+02:00", "GIT_COMMITTER_DATE": "2020-03-10T12:00:00+02:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "зміст"]):
        subprocess.run(["git", "-C", str(mini), *args], check=True, env=env)
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run([sys.executable, "-m", "hromada.cli", "--root", str(mini), "build"], capture_output=True,
                            text=True, env={k: v for k, v in env.items() if k != "SOURCE_DATE_EPOCH"}, timeout=300)
    assert result.returncode == 0, result.stderr
    import gzip

    sitemap = (mini / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2020-03-10</lastmod>" in sitemap
    assert gzip.decompress((mini / "site/sitemap.xml.gz").read_bytes()).decode() == sitemap
