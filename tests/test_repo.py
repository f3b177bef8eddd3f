"""The repository's own content: checks clean, builds strictly, with MkDocs alone too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO, run_hromada


def test_repository_content_has_no_errors() -> None:
    result = run_hromada(REPO, "check")
    assert result.returncode == 0, result.stderr
    assert "Помилок: 0" in result.stderr


def test_site_has_home_training_session_case_and_guide(built_repo: Path) -> None:
    assert (built_repo / "index.html").is_file()
    trainings = sorted(built_repo.glob("curricula/*/index.html"))
    assert len(trainings) >= 2
    assert list(trainings[0].parent.glob("*/index.html")), "no session pages"
    assert list(built_repo.glob("best_practices/*/index.html"))
    assert (built_repo / "instrumenty/hromadski-slukhannia/index.html").is_file()


def test_plain_mkdocs_strict_build(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(REPO / "mkdocs.yml"),
                             "-d", str(tmp_path / "site")], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/index.html").is_file()


def test_every_training_schedules_without_errors() -> None:
    for training in sorted((REPO / "curricula").glob("*/index.md")):
        result = run_hromada(REPO, "schedule", training.parent.name)
        assert result.returncode == 0, result.stderr
        assert result.stdout.count("\nДень ") == 3


def test_abbreviations_are_explained_on_hover(built_repo: Path) -> None:
    html = (built_repo / "prohrama/index.html").read_text(encoding="utf-8")
    assert '<abbr title="Громадська організація">ГО</abbr>' in html


def test_build_reports_its_pdfs(built_repo: Path) -> None:
    pdfs = list((built_repo / "pdf").rglob("*.pdf"))
    sessions = list((REPO / "curricula").glob("*/*.md"))
    assert len(pdfs) >= len(sessions) + 2  # every session, plus books and cases
