"""Random front matter and random Markdown: the loader and the checks report, they never raise."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from hromada.content.layout import Layout
from hromada.content.load import load_corpus
from hromada.rules import check

KEYS = ["title", "minutes", "objectives", "days", "agenda", "session", "break", "start", "status", "location",
        "oblast", "period", "tools", "themes", "legal", "legal_as_of", "group_size", "min", "max", "x"]
scalars = st.one_of(st.text(max_size=20), st.integers(-100, 1000), st.booleans(), st.none(),
                    st.sampled_from(["09:30", "9:30", "2020-02-30", "2021-03-01", "- a", "[a, b", "{x: 1}", "\t", "«»: :"]))
yaml_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                            st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
                           max_leaves=12)


def _dump(value: object, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        return "".join(f"{pad}{k}:\n{_dump(v, indent + 2)}" if isinstance(v, (dict, list)) and v else f"{pad}{k}: {v}\n"
                       for k, v in value.items())
    if isinstance(value, list):
        return "".join(f"{pad}-\n{_dump(v, indent + 2)}" if isinstance(v, (dict, list)) and v else f"{pad}- {v}\n" for v in value)
    return f"{pad}{value}\n"


def _check_with(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mini"
        shutil.copytree(FIXTURES / "mini", root)
        for rel, data in files.items():
            (root / rel).write_bytes(data)
        problems = check(load_corpus(Layout(root)))
        for d in problems:  # every problem points at a real place and says something
            assert d.path and d.line >= 1 and d.col >= 1 and d.message and d.code.startswith("HR")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=st.dictionaries(st.sampled_from(KEYS), yaml_values, max_size=8), body=st.text(max_size=300))
def test_random_front_matter_is_reported_not_raised(front: dict, body: str) -> None:
    text = "---\n" + _dump(front) + "---\n" + body
    _check_with({"curricula/probnyi-treninh/znaiomstvo.md": text.encode("utf-8", "surrogatepass"),
                 "best_practices/vyhadana-hromada.md": text.encode("utf-8", "surrogatepass")})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=400), text=st.text(max_size=400))
def test_random_bytes_and_markdown_are_reported_not_raised(raw: bytes, text: str) -> None:
    _check_with({"curricula/probnyi-treninh/znaiomstvo.md": raw,
                 "docs/instrumenty/hromadski-slukhannia.md": text.encode("utf-8", "surrogatepass")})
