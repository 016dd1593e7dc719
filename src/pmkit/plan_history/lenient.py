"""Reading an older version of the plan, which today's model may not fully accept.

An old plan may lack a field a later version made usual, or hold one since
renamed or removed. It is read with the normal model; what the model refuses
is set aside, part by part, until what remains reads: the indicators' ids,
titles, targets, tolerances, definitions and polarity, the outcomes,
priorities and budgets, the actions and the change log survive whatever
else is wrong.
"""

from __future__ import annotations

import copy
from typing import Any

from pmkit.model.plan import Plan

_ROUNDS = 200


class UnreadablePlan(Exception):
    """The text is not a YAML mapping that could be a plan at all."""


def read_plan_text(text: str) -> Plan:
    """The plan written as ``text``, read leniently (see the module's docstring)."""
    from pmkit.load.problems import LoadProblem
    from pmkit.load.reader import parse_yaml

    try:
        data = parse_yaml(text)
    except LoadProblem as problem:
        raise UnreadablePlan(problem.message) from None
    return read_plan_data(data)


def read_plan_data(data: Any) -> Plan:
    """The plan held in ``data`` (parsed YAML), read leniently."""
    from pydantic import ValidationError

    from pmkit.structure.check import plan_calendar

    if not isinstance(data, dict):
        raise UnreadablePlan("the file does not hold a plan (a mapping of sections)")
    context = {"calendar": plan_calendar(data)}
    try:
        return Plan.model_validate(data, context=context)
    except ValidationError:
        pass
    work = copy.deepcopy(data)
    work["format_version"] = 1
    partnership = work.get("partnership")
    if not isinstance(partnership, dict):
        work["partnership"] = partnership = {}
    if not isinstance(partnership.get("name"), str) or not partnership["name"].strip():
        partnership["name"] = "(no name)"
    for _ in range(_ROUNDS):
        try:
            return Plan.model_validate(work, context=context)
        except ValidationError as error:
            removed = [_set_aside(work, problem["loc"]) for problem in error.errors()]
            if not any(removed):
                break
            work = _purge(work)
    raise UnreadablePlan("the plan could not be read, even leniently")


def _set_aside(data: Any, location: tuple[Any, ...]) -> bool:
    """Mark for removal the deepest part of ``data`` that ``location`` reaches.

    For a value of the wrong type that is the value; for a missing required
    field it is the entity that lacks it. List items are marked rather than
    deleted, so that the other problems' positions still hold.
    """
    path: list[Any] = []
    node = data
    for part in location:
        child = _child(node, part)
        if child is _GONE:
            return True
        if child is _ABSENT:
            break
        path.append(part)
        node = child
    if not path or (len(path) == 1 and path[0] in ("partnership", "format_version")):
        return False
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if isinstance(parent, list):
        parent[path[-1]] = _GONE
    else:
        del parent[path[-1]]
    return True


_ABSENT = object()
_GONE = object()


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict) and part in node:
        return node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _ABSENT


def _purge(node: Any) -> Any:
    """``node`` without the list items marked for removal."""
    if isinstance(node, dict):
        return {key: _purge(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_purge(item) for item in node if item is not _GONE]
    return node
