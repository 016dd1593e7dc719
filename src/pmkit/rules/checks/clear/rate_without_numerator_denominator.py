"""CLR002: a percentage, rate or ratio without its numerator and denominator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.model.units import UnitKind
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import OUTCOMES, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context

_PROPORTIONS = frozenset({UnitKind.PERCENTAGE, UnitKind.RATE, UnitKind.RATIO})


@rule(
    code="CLR002",
    name="rate-without-numerator-denominator",
    criteria=(Criterion.CLEAR,),
    severity=Severity.WARNING,
    summary="A percentage, rate or ratio does not define both its numerator and denominator.",
    rationale="""
        A percentage, rate or ratio is clear only when its reader knows what is
        divided by what. Without a stated numerator and denominator partners
        compute the same indicator differently (which population, which year's
        estimate, which cases), the figure cannot be recomputed or compared over
        time or with other organisations, and a change in the denominator can
        pass for a change in performance. Define both, so the figure means the
        same to everyone who uses it.
    """,
    bad=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    outcomes: [O1]
    unit: rate per 1,000
    definition: Burglary, robbery and vehicle crime recorded by the police.
""",
    ),
    good=example(
        OUTCOMES,
        """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    outcomes: [O1]
    unit: rate per 1,000
    definition:
      text: Burglary, robbery and vehicle crime recorded by the police.
      numerator: Neighbourhood crimes recorded in the period
      denominator: Resident population (ONS mid-year estimate) / 1,000
""",
    ),
)
def rate_without_numerator_denominator(context: Context) -> Iterator[Hit]:
    """Indicators in a percentage, rate or ratio unit lacking a numerator or denominator."""
    for index, indicator in enumerate(context.plan.indicators):
        if indicator.unit is None or indicator.unit.kind not in _PROPORTIONS:
            continue
        definition = indicator.definition
        missing = [
            part
            for part in ("numerator", "denominator")
            if definition is None or getattr(definition, part) is None
        ]
        if not missing:
            continue
        pointer = ("indicators", index, "id" if definition is None else "definition")
        yield Hit(
            pointer,
            f"indicator {indicator.id} is a {indicator.unit.label} but its definition has "
            f"no {' or '.join(missing)}: state both 'numerator' and 'denominator' under "
            "'definition', so that everyone computes the figure the same way",
        )
