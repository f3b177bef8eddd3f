"""The command line as editors use it: check formats, exit codes, new, schedule."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import run_hromada


def test_check_clean_project_exits_0(mini: Path) -> None:
    result = run_hromada(mini, "check")
    assert result.returncode == 0, result.stderr
    assert "Помилок: 0" in result.stderr


def test_usage_error_exits_2_in_ukrainian(mini: Path) -> None:
    result = run_hromada(mini, "frobnicate")
    assert result.returncode == 2
    assert "помилка використання" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_project_exits_2(tmp_path: Path) -> None:
    result = run_hromada(tmp_path, "check")
    assert result.returncode == 2 and "mkdocs.yml" in result.stderr


def _break_steps(mini: Path) -> None:
    session = mini / "curricula/probnyi-treninh/znaiomstvo.md"
    session.write_text(session.read_text(encoding="utf-8").replace("(20 хв)", "(25 хв)"), encoding="utf-8")


def test_github_annotations(mini: Path) -> None:
    _break_steps(mini)
    result = run_hromada(mini, "check", "--format", "github")
    assert result.returncode == 1
    assert "::error file=curricula/probnyi-treninh/znaiomstvo.md,line=15,col=1,title=HR036::" in result.stderr


def test_github_actions_environment_switches_format(mini: Path) -> None:
    _break_steps(mini)
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    result = subprocess.run([sys.executable, "-m", "hromada.cli", "--root", str(mini), "check"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1 and "::error file=" in result.stderr


def test_new_refuses_to_overwrite(mini: Path) -> None:
    result = run_hromada(mini, "new", "session", "Рольова гра", "--training", "probnyi-treninh")
    assert result.returncode == 0, result.stderr
    created = mini / "curricula/probnyi-treninh/rolova-hra.md"
    assert created.is_file()
    assert "title: Рольова гра" in created.read_text(encoding="utf-8")
    created.write_text(created.read_text(encoding="utf-8") + "\nМоя правка.\n", encoding="utf-8")
    before = created.read_bytes()
    again = run_hromada(mini, "new", "session", "rolova-hra", "--training", "probnyi-treninh")
    assert again.returncode == 1 and "уже існує" in again.stderr
    assert created.read_bytes() == before
    # The template is valid content: the only problem is that the session is not in the agenda yet.
    codes = {line.split("[", 1)[1].split("]")[0] for line in run_hromada(mini, "check").stderr.splitlines() if "error[" in line}
    assert codes == {"HR032"}


def test_new_templates_pass_checks(mini: Path) -> None:
    for kind, name in (("training", "Новий тренінг"), ("case", "Новий кейс"), ("guide", "posibnyky/novyi")):
        assert run_hromada(mini, "new", kind, name).returncode == 0
    assert (mini / "curricula/novyi-treninh/index.md").is_file()
    assert (mini / "best_practices/novyi-keis.md").is_file()
    assert (mini / "docs/posibnyky/novyi.md").is_file()
    result = run_hromada(mini, "check")
    assert result.returncode == 0, result.stderr


def test_new_session_needs_existing_training(mini: Path) -> None:
    result = run_hromada(mini, "new", "session", "x", "--training", "nemaie")
    assert result.returncode == 1 and "тренінгу «nemaie» немає" in result.stderr


def test_schedule_prints_the_agenda(mini: Path) -> None:
    result = run_hromada(mini, "schedule", "probnyi-treninh")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "День 1: 09:30–12:20, навчання 2 год 30 хв" in out
    assert "09:30–10:30  Знайомство" in out
    assert "10:30–10:50  · Кава-пауза" in out
    assert "Усього навчання: 2 год 30 хв" in out


def test_schedule_unknown_training(mini: Path) -> None:
    result = run_hromada(mini, "schedule", "nemaie")
    assert result.returncode == 1 and "наявні тренінги: probnyi-treninh" in result.stderr


def test_pre_commit_configuration_is_valid() -> None:
    from conftest import REPO

    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(REPO / ".pre-commit-config.yaml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_github_workflow_matches_githubs_schema() -> None:
    from conftest import REPO

    workflow = REPO / ".github/workflows/site.yml"
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             str(workflow)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    text = workflow.read_text(encoding="utf-8")
    assert "make check" in text and "make test" in text and "actions/deploy-pages" in text


def test_the_command_leaves_without_teardown_but_with_all_it_wrote(mini: Path) -> None:
    """`hromada` (cli.run) ends the process at once after the command: its exit code stands, all of
    its output reaches a pipe, and a reader that leaves early (`| head -c 10`) is not an error."""
    import yaml

    console = Path(sys.executable).parent / "hromada"
    cms = subprocess.run([str(console), "--root", str(mini), "cms", "--local"], capture_output=True, text=True, timeout=120)
    assert cms.returncode == 0, cms.stderr
    assert len(cms.stdout) > 20_000 and yaml.safe_load(cms.stdout)["collections"]  # the whole of it, flushed
    training = mini / "curricula/probnyi-treninh/index.md"
    training.write_text(training.read_text(encoding="utf-8").replace("---\n", "---\ntitle: [\n", 1), encoding="utf-8")
    check = subprocess.run([str(console), "--root", str(mini), "check"], capture_output=True, text=True, timeout=120)
    assert check.returncode == 1 and "probnyi-treninh/index.md" in check.stderr, check.stderr
    head = subprocess.run(f"'{console}' --root '{mini}' cms --local | head -c 10", shell=True, capture_output=True,
                          timeout=120)
    assert head.returncode == 0 and len(head.stdout) == 10 and b"Traceback" not in head.stderr, head.stderr
