"""JSON Schemas of the content types, with the controlled vocabularies as enums, so that editors'
editors can autocomplete and validate front matter (`hromada schema`)."""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

from hromada.content.model import MODELS
from hromada.content.vocab import Vocabularies

TITLES = MappingProxyType({"training": "Тренінг (curricula/<тренінг>/index.md)", "session": "Заняття (curricula/<тренінг>/<заняття>.md)",
          "case": "Кейс (best_practices/<кейс>.md)", "guide": "Посібник (будь-яка сторінка в docs/)"})


def _enum(schema: dict[str, Any], values: list[str]) -> None:
    if values:
        schema["enum"] = list(values)


def schema_for(kind: str, vocab: Vocabularies) -> dict[str, Any]:
    schema = MODELS[kind].model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = TITLES[kind]
    defs = schema.get("$defs", {})
    if "Venue" in defs:
        _enum(defs["Venue"]["properties"]["oblast"], list(vocab.oblasts))
    if "Location" in defs:
        _enum(defs["Location"]["properties"]["oblast"], list(vocab.oblasts))
        _enum(defs["Location"]["properties"]["settlement_type"], list(vocab.settlement_types))
    if "FundingSource" in defs:
        _enum(defs["FundingSource"]["properties"]["type"], list(vocab.funding_types))
    if kind == "case":
        props = schema["properties"]
        _enum(props["themes"]["items"], list(vocab.themes))
        _enum(props["tools"]["items"], list(vocab.tools))
        _enum(props["public_spectrum"], list(vocab.public_spectrum))
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
