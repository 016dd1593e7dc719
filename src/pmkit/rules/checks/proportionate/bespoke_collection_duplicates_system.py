"""PRO004: data collected specially that an existing system already holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.model.indicators import Collection
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import PARTNERS, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context

_PLAN = """\
indicators:
  - id: CS-01
    title: Neighbourhood crime per 1,000 population
    source: {{name: Police recorded crime, collection: existing_system, supplier: police}}
  - id: CS-03
    title: Repeat victims of burglary
    source: {{name: {name}, collection: {collection}, supplier: police}}
"""


@rule(
    code="PRO004",
    name="bespoke-collection-duplicates-system",
    criteria=(Criterion.PROPORTIONATE,),
    severity=Severity.WARNING,
    summary="An indicator is collected specially from a source that an existing system "
    "already provides.",
    rationale="""
        The framework asks for measures that are "proportionate and cost effective to
        collect. This is especially important in a partnership situation where each
        partner will already have a system in place." A bespoke collection from a
        source that another indicator already draws from a partner's existing
        system, or that is the supplying partner's own performance system, asks
        staff to record the same thing twice and risks two versions of one figure.
        Take the figures from the existing system.
    """,
    bad=example(
        PARTNERS,
        _PLAN.format(name="police recorded crime", collection="bespoke"),
    ),
    good=example(
        PARTNERS,
        _PLAN.format(name="Police recorded crime", collection="existing_system"),
    ),
)
def bespoke_collection_duplicates_system(context: Context) -> Iterator[Hit]:
    """Bespoke sources named (case-insensitively) as an existing system elsewhere in the plan.

    The same name counts when another indicator marks it ``existing_system``,
    or when it is the supplier partner's ``performance_system``.
    """
    plan = context.plan
    systems = {partner.id: partner.performance_system for partner in plan.partners}
    existing: dict[str, str] = {}
    for indicator in plan.indicators:
        source = indicator.source
        if source and source.name and source.collection is Collection.EXISTING_SYSTEM:
            existing.setdefault(source.name.casefold(), indicator.id)
    for index, indicator in enumerate(plan.indicators):
        source = indicator.source
        if source is None or source.name is None or source.collection is not Collection.BESPOKE:
            continue
        name = source.name.casefold()
        system = systems.get(source.supplier) if source.supplier else None
        if system is not None and system.casefold() == name:
            already = f"it is {source.supplier}'s own performance system"
        elif name in existing:
            already = f"indicator {existing[name]} already draws it from an existing system"
        else:
            continue
        yield Hit(
            ("indicators", index, "source"),
            f"indicator {indicator.id} collects '{source.name}' specially (bespoke), but "
            f"{already}: take the figures from that system rather than collecting them again",
        )
