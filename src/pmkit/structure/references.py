"""Ids that must be unique, and references that must resolve."""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from pmkit.codes import DANGLING_REFERENCE, DUPLICATE_ID
from pmkit.findings import Finding, Pointer, Severity
from pmkit.model.base import RefTo
from pmkit.model.plan import Plan

_SINGULAR = {
    "partners": "partner",
    "outcomes": "outcome",
    "priorities": "priority",
    "indicators": "indicator",
    "actions": "action",
    "audiences": "audience",
    "principles": "principle",
}


def collections(plan: Plan) -> dict[str, list[tuple[Pointer, str]]]:
    """Every id in the plan, by collection, with the pointer to its ``id`` key."""

    def ids(pointer: Pointer, entities: Any) -> list[tuple[Pointer, str]]:
        return [((*pointer, index, "id"), entity.id) for index, entity in enumerate(entities)]

    return {
        "partners": ids(("partners",), plan.partners),
        "outcomes": ids(("vision", "outcomes"), plan.vision.outcomes),
        "priorities": ids(("priorities",), plan.priorities),
        "indicators": ids(("indicators",), plan.indicators),
        "actions": ids(("actions",), plan.actions),
        "audiences": ids(("partnership", "audiences"), plan.partnership.audiences),
        "principles": ids(("partnership_review", "principles"), plan.partnership_review.principles),
    }


def check_ids(plan: Plan, file: str) -> Iterator[Finding]:
    """Duplicate ids within a collection, and references to ids that do not exist."""
    known = collections(plan)
    for name, entries in known.items():
        first: dict[str, Pointer] = {}
        for pointer, id_ in entries:
            if id_ in first:
                where = ".".join(str(part) for part in first[id_][:-1])
                yield Finding(
                    DUPLICATE_ID,
                    f"the {_SINGULAR[name]} id '{id_}' is used twice (first at {where}): "
                    "ids must be unique so that references are unambiguous",
                    Severity.ERROR,
                    file,
                    pointer,
                )
            else:
                first[id_] = pointer
    valid = {name: {id_ for _, id_ in entries} for name, entries in known.items()}
    for pointer, collection, id_ in references(plan):
        if id_ not in valid[collection]:
            yield Finding(
                DANGLING_REFERENCE,
                _dangling(id_, collection, valid[collection]),
                Severity.ERROR,
                file,
                pointer,
            )


def _dangling(id_: str, collection: str, valid: set[str]) -> str:
    noun = _SINGULAR[collection]
    close = difflib.get_close_matches(id_, sorted(valid), n=1, cutoff=0.6)
    if close:
        return f"no {noun} has the id '{id_}': did you mean '{close[0]}'?"
    if not valid:
        return f"no {noun} has the id '{id_}': the plan defines no {collection} yet"
    return f"no {noun} has the id '{id_}' (the {collection} are: {', '.join(sorted(valid))})"


def references(model: BaseModel) -> Iterator[tuple[Pointer, str, str]]:
    """Every reference in ``model``: its pointer, the collection it names, and the id."""
    stack: list[tuple[Any, Pointer]] = [(model, ())]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, list):
            stack.extend((item, (*pointer, index)) for index, item in enumerate(node))
            continue
        if not isinstance(node, BaseModel):
            continue
        for name, key, target in _fields(type(node)):
            value = getattr(node, name)
            if value is None:
                continue
            here = (*pointer, key)
            if target is None:
                stack.append((value, here))
            elif isinstance(value, list):
                yield from (((*here, index), target, item) for index, item in enumerate(value))
            else:
                yield here, target, value


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, str, str | None], ...]:
    """Each field's name, its key in the file, and the collection it refers to (if any)."""
    return tuple(
        (name, field.alias or name, _ref_target(field.annotation))
        for name, field in model.model_fields.items()
    )


def _ref_target(annotation: Any) -> str | None:
    for metadata in _annotated_metadata(annotation):
        if isinstance(metadata, RefTo):
            return metadata.collection
    return None


def _annotated_metadata(annotation: Any) -> Iterator[Any]:
    if typing.get_origin(annotation) is typing.Annotated:
        yield from typing.get_args(annotation)[1:]
        annotation = typing.get_args(annotation)[0]
    for argument in typing.get_args(annotation):
        yield from _annotated_metadata(argument)
