"""The example plans' commentary agrees with the status the review gives each figure.

A Board reads each commentary beside its figure's status, so a commentary that
opens "Red:" beside "Near target", or says "on target" beside "Off target",
misleads it. The check is a plain word check over the review JSON of both
examples for 2026/27 Q2, as of 26 November 2026.

Only a commentary's own verdict is checked, so that it may still mention other
figures ("below the England average, which is off target nationally", "the
ED attendance figures (CS-06)"):

- a colour word (Red, Amber, Green) counts only as the commentary's first
  word, where the examples' owners put their verdict ("Red, provisional: ...",
  "Amber: ..."); elsewhere it may be a place or a thing ("Bethnal Green",
  "green space");
- a status phrase ("on target", "near target", "off target", "within
  tolerance") counts only in the first sentence, where the verdict is given;
  later sentences are about causes, actions and other figures.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest

from goldens import ROOT

if TYPE_CHECKING:
    from conftest import RunCli

EXAMPLES = ("community-safety", "health-wellbeing")
AS_OF = "2026-11-26"
QUARTER = "2026/27 Q2"

# For each status the review gives a figure: the verdicts its commentary must
# not give. "Within tolerance" is what near target means, so it contradicts
# off target; "on target" is not a substring of "near target" or "off target".
CONTRADICTING_COLOURS = {
    "green": ("red", "amber"),
    "amber": ("red", "green"),
    "red": ("green", "amber"),
}
CONTRADICTING_PHRASES = {
    "green": ("off target", "near target"),
    "amber": ("off target", "on target"),
    "red": ("on target", "near target", "within tolerance"),
}

# A sentence ends at a full stop, question or exclamation mark followed by a
# space; the full stop inside a figure ("9.3") does not end one.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def first_sentence(commentary: str) -> str:
    return SENTENCE_END.split(commentary.strip(), maxsplit=1)[0]


def contradictions(status: str, commentary: str) -> list[str]:
    """The verdicts in ``commentary`` that disagree with ``status``."""
    found: list[str] = []
    first_word = re.match(r"[A-Za-z]+", commentary.strip())
    if first_word and first_word.group(0).lower() in CONTRADICTING_COLOURS.get(status, ()):
        found.append(first_word.group(0))
    sentence = first_sentence(commentary).lower()
    for phrase in CONTRADICTING_PHRASES.get(status, ()):
        if re.search(rf"\b{phrase}\b", sentence):
            found.append(phrase)
    return found


@pytest.mark.parametrize(
    ("status", "commentary", "expected"),
    [
        ("amber", "Red: 9.3 against 9.0.", ["Red"]),
        ("green", "Now off target after a poor September.", ["off target"]),
        ("red", "On target by the end of the year. Red since Q1.", ["on target"]),
        ("red", "9.5 against 9.2, within tolerance.", ["within tolerance"]),
        ("red", "Red: 29.6 against 25.2. Neighbourhood crime is on target.", []),
        ("amber", "Near target at 9.5 against 9.2. Redbridge is off target.", []),
        ("green", "Up on Q1. Bethnal Green and Redhill both improved.", []),
        ("red", "Off target: flat at 91.6%, outside the half-point tolerance.", []),
    ],
)
def test_the_check_reads_only_the_commentarys_own_verdict(
    status: str, commentary: str, expected: list[str]
) -> None:
    assert contradictions(status, commentary) == expected


@pytest.mark.parametrize("example", EXAMPLES)
def test_commentary_agrees_with_the_status_beside_it(example: str, run_cli: RunCli) -> None:
    plan = ROOT / "examples" / example / "plan.yaml"

    result = run_cli("--as-of", AS_OF, "review", "-f", "json", "--quarter", QUARTER, "--plan", plan)

    assert result.exit_code == 0, result.output
    review = json.loads(result.stdout)
    judged = [
        indicator
        for indicator in review["indicators"]
        if indicator["status"] in CONTRADICTING_COLOURS and indicator.get("commentary")
    ]
    assert judged, "the example has judged figures with commentary to check"
    disagreements = {
        f"{indicator['id']} ({indicator['status']}): {indicator['commentary']}": found
        for indicator in judged
        if (found := contradictions(indicator["status"], indicator["commentary"]))
    }
    assert not disagreements, disagreements
