"""CLR001: an indicator with no definition, or one too vague to count from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator
    from decimal import Decimal

    from pmkit.model.indicators import Indicator
    from pmkit.rules.base import Context

MIN_DEFINITION_WORDS = "min_definition_words"


@rule(
    code="CLR001",
    name="definition-missing-or-vague",
    criteria=(Criterion.CLEAR,),
    severity=Severity.WARNING,
    summary="An indicator has no definition, or one too short or only repeating its title.",
    rationale="""
        A clear framework builds "on an understanding of who will use the
        information and why", and a figure can only be understood, compared over
        time and trusted when everyone counts the same thing. A title is not a
        definition: partners supplying data from their own systems need to know
        exactly which cases are counted, where and when, or each will count
        differently. Define each indicator in a sentence that a new analyst could
        count from.
    """,
    bad=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime
    outcomes: [O1]
    definition: Neighbourhood crime
""",
    ),
    good=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime
    outcomes: [O1]
    definition: >-
      Burglary, robbery, theft from the person and vehicle crime recorded by
      the police in the partnership area.
""",
    ),
    thresholds={MIN_DEFINITION_WORDS: 6},
)
def definition_missing_or_vague(context: Context) -> Iterator[Hit]:
    """Indicators whose definition text is missing, shorter than the threshold, or the title."""
    minimum = context.threshold(MIN_DEFINITION_WORDS)
    for index, indicator in enumerate(context.plan.indicators):
        if indicator.definition is None:
            yield Hit(
                ("indicators", index, "id"),
                f"indicator {indicator.id} has no definition: say under 'definition' exactly "
                "what is counted, so that every partner counts the same thing",
            )
            continue
        problem = _vagueness(indicator, minimum)
        if problem is not None:
            yield Hit(
                ("indicators", index, "definition"),
                f"indicator {indicator.id}'s definition {problem}: say exactly what is "
                "counted (which cases, where, over what period), so that every partner "
                "counts the same thing",
            )


def _vagueness(indicator: Indicator, minimum: Decimal) -> str | None:
    """What is wrong with a definition that is present, or ``None`` if it reads clearly."""
    text = indicator.definition.text if indicator.definition is not None else None
    if text is None:
        return "has no text"
    if indicator.title is not None and _normal(text) == _normal(indicator.title):
        return "only repeats its title"
    words = len(text.split())
    if words < minimum:
        return (
            f"is {words} word{'' if words == 1 else 's'} long, fewer than "
            f"{minimum.normalize():f} (threshold {MIN_DEFINITION_WORDS})"
        )
    return None


def _normal(text: str) -> str:
    """``text`` with its spacing and case evened out, for comparison."""
    return " ".join(text.split()).casefold()
