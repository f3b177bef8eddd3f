"""JSON Schemas of the content types, with the controlled vocabularies as enums, so that editors'
editors can autocomplete and validate front matter (`hromada schema`)."""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

from hromada.content.model import MODELS
from hromada.content.vocab import FIELDS as VOCABULARY_FIELDS
from hromada.content.vocab import Vocabularies

TITLES = MappingProxyType({"training": "Тренінг (curricula/<тренінг>/index.md)", "session": "Заняття (curricula/<тренінг>/<заняття>.md)",
          "case": "Кейс (best_practices/<кейс>.md)", "guide": "Посібник (будь-яка сторінка в docs/)"})


def _enum(schema: dict[str, Any], values: list[str]) -> None:
    if values:
        schema["enum"] = list(values)


def schema_for(kind: str, vocab: Vocabularies) -> dict[str, Any]:
    model = MODELS[kind]
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = TITLES[kind]
    defs = schema.get("$defs", {})
    for (owner, name), vocabulary in VOCABULARY_FIELDS.items():
        props = schema["properties"] if owner == model.__name__ else defs.get(owner, {}).get("properties", {})
        if name in props:
            target = props[name]["items"] if props[name].get("type") == "array" else props[name]
            _enum(target, [value for value, _ in vocab.choices(vocabulary)])
    return schema


def write_schemas(root: Path, out: Path) -> list[Path]:
    vocab = Vocabularies.load(root)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in MODELS:
        path = out / f"{kind}.schema.json"
        path.write_text(json.dumps(schema_for(kind, vocab), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
