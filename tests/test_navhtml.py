"""The site menu written in Python (engines/mkdocs/navhtml.py) reads to a browser as Material's macro
writes it: on every page of the real site and the small fixture, compared with a build where the
macro writes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, copy_project
from hromada.content.layout import Layout
from hromada.engines.mkdocs import driver, navhtml
from hromada.website.prepare import for_build

_SPACE = re.compile(r"\s+")
_WEIGHT = re.compile(r'data-offline-size="\d+ \d+ \d+"')  # the pages' bytes: fewer with fewer spaces
_MENU = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', re.S)


def _build(root: Path, target: Path, monkeypatch: pytest.MonkeyPatch, python_menu: bool) -> dict[str, str]:
    calls: list[bool] = []
    items = navhtml.items

    def recorded(*args, **kwargs):
        result = items(*args, **kwargs) if python_menu else None
        calls.append(result is not None)
        return result

    monkeypatch.setattr(navhtml, "items", recorded)
    driver.build(for_build(Layout(root), offline=False, pdf=False), target)
    monkeypatch.setattr(navhtml, "items", items)
    assert len(calls) > 5 and all(calls) == python_menu  # every page took the path asked for
    return {p.relative_to(target).as_posix(): p.read_text(encoding="utf-8") for p in sorted(target.rglob("*.html"))
            if not p.relative_to(target).as_posix().startswith("admin/")}


@pytest.mark.parametrize("project", ["repo", "mini"])
def test_the_menu_is_the_macros_on_every_page(project: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = REPO if project == "repo" else copy_project(FIXTURES / "mini", tmp_path / "mini")
    ours = _build(root, tmp_path / "python", monkeypatch, python_menu=True)
    macro = _build(root, tmp_path / "macro", monkeypatch, python_menu=False)
    assert ours.keys() == macro.keys()
    menus = 0
    for rel, page in ours.items():
        # Whitespace as a browser reads it: a run of it is one space; the menu writes fewer of them.
        assert _SPACE.sub(" ", _WEIGHT.sub("", page)) == _SPACE.sub(" ", _WEIGHT.sub("", macro[rel])), rel
        menus += bool(_MENU.search(page))
    assert menus > len(ours) / 2
    assert sum(map(len, ours.values())) < sum(map(len, macro.values()))


def test_menu_features_it_does_not_write_go_to_the_macro() -> None:
    assert navhtml.items(None, None, ["navigation.indexes", "navigation.tabs", "navigation.prune"]) is None  # type: ignore[arg-type]
    assert navhtml.items(None, None, ["navigation.indexes"]) is None  # type: ignore[arg-type]  # without prune: every item written
