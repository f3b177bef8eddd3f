"""The Nu Html Checker on every page type: no error from our templates or generated Markdown.

Errors that Material's own templates produce (its hidden toggle checkboxes and their labels) are
listed by their markup and left out; everything else fails the test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from conftest import REPO, require_tool

VNU = Path(os.environ.get("HROMADA_VNU_JAR", REPO / ".cache/vnu/package/build/dist/vnu.jar"))
MATERIAL_MARKUP = ('data-md-toggle="', 'for="__toc"', 'for="__drawer"', 'for="__search"', 'for="__nav')


def require_vnu() -> None:
    require_tool(VNU.is_file() and shutil.which("java") is not None, "the Nu Html Checker", "`make vnu` (npm and Java)")


def page_files(site: Path) -> list[Path]:
    training = sorted(site.glob("curricula/*/index.html"))[0].parent
    session = sorted(training.glob("*/index.html"))[0]
    case = sorted(site.glob("best_practices/*/index.html"))[0]
    names = ["index.html", "prohrama/index.html", "curricula/index.html", "best_practices/index.html",
             "instrumenty/hromadski-slukhannia/index.html", "hlosarii/index.html", "shablony/biudzhet/index.html"]
    return [site / n for n in names] + [training / "index.html", session, case]


def test_no_html_errors_of_ours(built_repo: Path, tmp_path: Path) -> None:
    require_vnu()
    files = page_files(built_repo)
    control = tmp_path / "control.html"  # proves the checker runs and reports: it must flag this one
    control.write_text('<!doctype html><html lang="uk"><title>x</title><p><li>x</li></p></html>', encoding="utf-8")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(control), *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    # Stylesheets are written into the pages (publish/inline.py), and the checker's CSS part does not know
    # all of CSS («mask: url(…) center / contain no-repeat» is valid): markup is what this test checks.
    messages = [m for m in json.loads(result.stderr)["messages"] if m.get("type") == "error"
                and not m.get("message", "").startswith("CSS:")]
    assert any(m["url"].endswith("control.html") for m in messages)
    ours = [f"{m['url'].rsplit('/', 3)[-3:]}: {m['message']} | {m.get('extract', '')[:120]}" for m in messages
            if not m["url"].endswith("control.html") and not any(k in m.get("extract", "") for k in MATERIAL_MARKUP)]
    assert len(files) == 10
    assert ours == []
