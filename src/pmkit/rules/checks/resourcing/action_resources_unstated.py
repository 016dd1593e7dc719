"""RES003: an action that does not say what resources it has, or what they are worth."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmkit.findings import Severity
from pmkit.rules.base import Criterion, Hit, rule
from pmkit.rules.examples import PARTNERS, example

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmkit.rules.base import Context


@rule(
    code="RES003",
    name="action-resources-unstated",
    criteria=(Criterion.RESOURCING, Criterion.ACTION_PLANS),
    severity=Severity.WARNING,
    summary="An action has no resources allocated, or a resource with no value.",
    rationale="""
        The eighth element of an action plan asks "what resources are to be allocated to
        the action/activity and from whom?". "Many partnership activities fail because
        they are not adequately resourced", and the framework's test is whether "the resource
        commitment is made real": a commitment with no value, or no commitment at all,
        cannot be tracked, compared with the priority's budget or called in when the
        action stalls. List each partner's contribution to the action, cash or in kind,
        with its value in pounds.
    """,
    bad=example(
        PARTNERS,
        """\
actions:
  - id: A1
    title: Target hardening for repeat burglary victims
    resources:
      - {partner: council, kind: cash, description: Locks and fitting}
""",
    ),
    good=example(
        PARTNERS,
        """\
actions:
  - id: A1
    title: Target hardening for repeat burglary victims
    resources:
      - {partner: council, kind: cash, value: 20000, description: Locks and fitting}
""",
    ),
)
def action_resources_unstated(context: Context) -> Iterator[Hit]:
    """Actions with no ``resources``, and resource entries with no ``value``."""
    for index, action in enumerate(context.plan.actions):
        if not action.resources:
            yield Hit(
                ("actions", index, "id"),
                f"action {action.id} has no resources: list under 'resources' what each "
                "partner contributes, cash or in kind, with its value",
            )
        for number, resource in enumerate(action.resources):
            if resource.value is None:
                yield Hit(
                    ("actions", index, "resources", number),
                    f"action {action.id}'s resource from {resource.partner} has no value: give "
                    "its 'value' in pounds (for staff time or premises, an estimate)",
                )
