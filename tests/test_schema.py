"""`hromada schema`: JSON Schemas that accept all of the repository's content and reject what the checks reject."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema

from conftest import REPO, run_hromada
from hromada.content.layout import Layout
from hromada.content.load import load_corpus


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_schemas_accept_every_file_and_reject_bad_values(tmp_path: Path) -> None:
    result = run_hromada(REPO, "schema", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    schemas = {kind: json.loads((tmp_path / f"{kind}.schema.json").read_text(encoding="utf-8"))
               for kind in ("training", "session", "case", "guide")}
    corpus = load_corpus(Layout(REPO))
    checked = 0
    for doc in corpus.documents.values():
        if doc.fm.present:
            jsonschema.validate(_jsonable(doc.fm.data), schemas[doc.kind])
            checked += 1
    assert checked > 100
    case = _jsonable(corpus.cases[0].fm.data)
    for key, bad in (("public_spectrum", "участь"), ("themes", ["космос"]), ("status", "справжній"), ("titel", "x")):
        broken = {**case, key: bad}
        try:
            jsonschema.validate(broken, schemas["case"])
        except jsonschema.ValidationError:
            continue
        raise AssertionError(f"{key}={bad!r} was accepted")
    assert "Запорізька" in json.dumps(schemas["training"], ensure_ascii=False)
