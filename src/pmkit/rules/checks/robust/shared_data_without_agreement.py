"""ROB002: data one partner supplies for another partner's indicator, with no sharing agreement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import PARTNERS, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="ROB002",
    name="shared-data-without-agreement",
    criteria=(Criterion.ROBUST,),
    severity=Severity.WARNING,
    summary="An indicator's data come from a partner other than its owner, with no sharing "
    "arrangement stated.",
    rationale="""
        In a partnership "each partner will already have a system in place", so the figures
        for a partnership indicator often come from one partner's system while another
        partner answers for them. That flow of data is only robust if it rests on an agreed
        data-sharing arrangement: without one, the supply can stop, change or be withheld
        on data-protection grounds just when the board needs the figure. State the
        agreement or protocol under which the supplier shares the data.
    """,
    bad=example(
        PARTNERS,
        """\
indicators:
  - id: CS-04
    title: Repeat victims of domestic abuse
    owner: {partner: council, role: Community safety manager}
    source: {name: Police recorded crime, supplier: police}
""",
    ),
    good=example(
        PARTNERS,
        """\
indicators:
  - id: CS-04
    title: Repeat victims of domestic abuse
    owner: {partner: council, role: Community safety manager}
    source:
      name: Police recorded crime
      supplier: police
      sharing: Northshire information sharing agreement, schedule 3
""",
    ),
)
def shared_data_without_agreement(context: Context) -> Iterator[Hit]:
    """Indicators whose supplier is not the owner's partner, with no ``source.sharing``.

    Only indicators whose owner names a partner are compared: an owner that is
    missing or names no partner is a defect of its own (ACC001, GRD001).
    """
    for index, indicator in enumerate(context.plan.indicators):
        source, owner = indicator.source, indicator.owner
        if source is None or source.supplier is None or source.sharing is not None:
            continue
        if owner is None or owner.partner is None or owner.partner == source.supplier:
            continue
        yield Hit(
            ("indicators", index, "source"),
            f"indicator {indicator.id}'s data come from partner '{source.supplier}' but its "
            f"owner is partner '{owner.partner}', and no sharing arrangement is stated: name "
            "the data-sharing agreement under 'sharing'",
        )
