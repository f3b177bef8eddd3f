"""What can still be read from front matter that does not validate, so that every rule runs on
every file whatever else is wrong with it: an editor sees all problems in the first run, not one
round at a time (a wrong date must not hide a misspelt oblast).

`salvage(model_cls, data)` keeps every field that is valid on its own, builds nested objects field
by field and lists item by item, and leaves None where a value is missing or wrong (its own error
is reported by the validation). The result is for checks only, never for the site.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from hromada.content.model import Session


def salvage(model_cls: type[BaseModel], data: object) -> BaseModel | None:
    return _build(model_cls, data) if isinstance(data, dict) else None


def _build(cls: type[BaseModel], data: dict) -> BaseModel:
    values: dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        key = info.alias or name
        if key not in data:
            values[name] = None if info.is_required() else info.get_default(call_default_factory=True)
            continue
        annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        values[name] = _value(annotation, data[key])
    obj = cls.model_construct(**values)
    if isinstance(obj, Session) and obj.minutes is None and isinstance(obj.teaching, int):
        obj.minutes = obj.teaching + (obj.exercises if isinstance(obj.exercises, int) else 0)  # as its validator does
    return obj


def _value(annotation: Any, value: object) -> Any:
    try:
        return TypeAdapter(annotation).validate_python(value)
    except ValidationError:
        pass
    bare = _unwrap(annotation)
    if isinstance(value, dict):
        model = _model_for(bare, value)
        return _build(model, value) if model else None
    if isinstance(value, list) and get_origin(bare) is list:
        (item,) = get_args(bare) or (Any,)
        kept = (_value(item, v) for v in value)
        return [v for v in kept if v is not None]
    return None


def _unwrap(annotation: Any) -> Any:
    """list[X] | None → list[X]; Annotated[X, …] → X."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
            continue
        if get_origin(annotation) in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            if len(options) == 1:
                annotation = options[0]
                continue
        return annotation


def _model_for(annotation: Any, value: dict) -> type[BaseModel] | None:
    """The model a dict is meant to be: the one model of the annotation, or of a union (an agenda's
    session or break) the one whose keys it shares most."""
    candidates = [m for m in _models_in(annotation)]
    if not candidates:
        return None

    def shared(model: type[BaseModel]) -> int:
        return len({f.alias or n for n, f in model.model_fields.items()} & value.keys())

    best = max(candidates, key=shared)
    return best if shared(best) or len(candidates) == 1 else None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for a in get_args(annotation) for m in _models_in(a)]
    return []
