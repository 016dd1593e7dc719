"""Finding the plan's ids as people type them: in any case, with a suggestion when mistyped.

``cs-01`` finds ``CS-01``; ``CS-1``, which names nothing, is answered with
"did you mean 'CS-01'?". An id that differs only by case from two ids in the
plan is not guessed at.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pmkit.model.plan import Plan

__all__ = ["IdKind", "UnknownId", "find_id", "plan_id"]

IdKind = Literal["indicator", "action", "priority", "partner", "principle"]


_CLOSE_ENOUGH = 0.6
"""How alike (difflib's ratio) a mistyped id and an id must be to suggest it."""


class UnknownId(LookupError):
    """An id the plan does not have; the message names the nearest one when there is one."""


def find_id(given: str, known: Iterable[str], *, noun: str, listed: bool = False) -> str:
    """The id among ``known`` that ``given`` names, exactly or ignoring case.

    Otherwise raises :class:`UnknownId`: "the plan has no NOUN 'GIVEN'",
    with the closest id as a suggestion, or (with ``listed``) every id.
    """
    ids = list(dict.fromkeys(known))
    wanted = given.strip()
    if wanted in ids:
        return wanted
    same = [candidate for candidate in ids if candidate.casefold() == wanted.casefold()]
    if len(same) == 1:
        return same[0]
    if same:
        choices = " or ".join(f"'{candidate}'" for candidate in same)
        raise UnknownId(f"'{given}' could be {choices}: give the {noun} exactly as the plan has it")
    message = f"the plan has no {noun} '{given}'"
    nearest = _nearest(wanted, ids)
    if nearest is not None:
        message += f": did you mean '{nearest}'?"
    elif listed and ids:
        message += f" (the plan's: {', '.join(ids)})"
    raise UnknownId(message)


def _nearest(wanted: str, ids: list[str]) -> str | None:
    """The id ``wanted`` was most likely meant to be: the same letters and numbers, else close."""
    loose = [candidate for candidate in ids if _loose(candidate) == _loose(wanted)]
    if len(loose) == 1:
        return loose[0]  # CS1 and CS-001 both mean CS-01
    if not ids:
        return None

    def likeness(candidate: str) -> tuple[float, float]:
        # As typed first; then by letters and numbers alone, to choose between equals.
        typed = difflib.SequenceMatcher(None, wanted.casefold(), candidate.casefold())
        bare = difflib.SequenceMatcher(None, _loose(wanted), _loose(candidate))
        return typed.ratio(), bare.ratio()

    best = max(ids, key=likeness)  # the first in the plan's order, among equals
    return best if likeness(best)[0] >= _CLOSE_ENOUGH else None


def _loose(text: str) -> str:
    """``text`` without case, punctuation, spaces or leading zeros: ``CS-01`` is ``cs1``."""
    letters = re.sub(r"[^0-9a-z]", "", text.casefold())
    return re.sub(r"\d+", lambda digits: str(int(digits[0])), letters)


def plan_id(plan: Plan, given: str, *kinds: IdKind) -> str:
    """The id of an indicator, action, priority, partner or principle (``kinds``) in ``plan``."""
    sections = {
        "indicator": [entry.id for entry in plan.indicators],
        "action": [entry.id for entry in plan.actions],
        "priority": [entry.id for entry in plan.priorities],
        "partner": [entry.id for entry in plan.partners],
        "principle": [entry.id for entry in plan.partnership_review.principles],
    }
    known = [identifier for kind in kinds for identifier in sections[kind]]
    what = " or ".join(kinds)
    noun = what if kinds == ("principle",) else f"{what} with the id"
    return find_id(given, known, noun=noun, listed=kinds == ("principle",))
