"""Shared fixtures: throwaway copies of the small test project and of the real repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_project(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("site", ".site-*", ".venv", ".git", "__pycache__"))
    return dest


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A small valid project (one training, two sessions, one case, two guides) to break or build."""
    return copy_project(FIXTURES / "mini", tmp_path / "mini")


def run_hromada(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The real command line, as an editor runs it."""
    return subprocess.run([sys.executable, "-m", "hromada.cli", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="session")
def built_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real repository's site, built once for all tests that read it."""
    site = tmp_path_factory.mktemp("repo-site") / "site"
    result = run_hromada(REPO, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def built_mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("mini-build") / "mini")
    result = run_hromada(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def require_tool(present: bool, missing: str, how: str) -> None:
    """A tool `make test` sets up (checkers, Chromium, poppler): missing is a failure, never a silent skip."""
    if present:
        return
    if os.environ.get("HROMADA_ALLOW_MISSING_TOOLS") == "1":
        pytest.skip(f"{missing} is missing (HROMADA_ALLOW_MISSING_TOOLS=1): run {how}")
    pytest.fail(f"{missing} is missing: run {how}, or set HROMADA_ALLOW_MISSING_TOOLS=1 to skip", pytrace=False)
