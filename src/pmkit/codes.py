"""The one registry of finding codes: every code pmkit can report, with what it means.

Two kinds of check report findings. The framework rules (``FOC001``,
``TIM001`` and so on) are modules under :mod:`pmkit.rules.checks`, each carrying its
own code, name, criteria, severity and rationale; the catalogue finds them.
The checks that cannot be switched off are listed here: reading the file
(``YML``), the plan's structure (``STR``) and the monitoring folder
(``MON``). Each is defined once, below, by the constant the code that emits
it uses, so no finding code is written anywhere else.

:func:`pmkit.code_registry.registry` joins the two into one list of
:class:`~pmkit.code_registry.CodeEntry`, which ``pmkit rules``, ``pmkit
explain``, the rules reference, SARIF and JUnit all read.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["FIXED_CHECKS", "CheckGroup", "FixedCheck"]


class CheckGroup(StrEnum):
    """The kinds of check that cannot be switched off, in the order they run."""

    READING = "reading"
    STRUCTURE = "structure"
    MONITORING = "monitoring"

    @property
    def prefix(self) -> str:
        """The three letters that start this group's codes."""
        return {"reading": "YML", "structure": "STR", "monitoring": "MON"}[self.value]

    @property
    def heading(self) -> str:
        """How the group reads in a report."""
        return {
            "reading": "Reading the file",
            "structure": "Plan structure",
            "monitoring": "Monitoring files",
        }[self.value]


@dataclass(frozen=True, slots=True)
class FixedCheck:
    """A check that cannot be switched off: always an error, and explained here."""

    code: str
    name: str
    group: CheckGroup
    summary: str
    explanation: str


FIXED_CHECKS: dict[str, FixedCheck] = {}
"""Every check that cannot be switched off, by code, in the order defined below."""


def _check(code: str, name: str, group: CheckGroup, summary: str, explanation: str) -> str:
    FIXED_CHECKS[code] = FixedCheck(code, name, group, summary, " ".join(explanation.split()))
    return code


_READ = CheckGroup.READING
_STR = CheckGroup.STRUCTURE
_MON = CheckGroup.MONITORING

# -- reading the file ---------------------------------------------------------

FILE_UNREADABLE = _check(
    "YML000",
    "file-unreadable",
    _READ,
    "The file cannot be opened.",
    """The path names no file, names a folder, or the file cannot be opened
    (permissions, a broken link). Nothing in it can be checked. Check the path
    and that the file can be read.""",
)
NOT_YAML = _check(
    "YML001",
    "not-yaml",
    _READ,
    "The file is not valid YAML.",
    """The text cannot be read as YAML: an indentation that does not line up,
    an unclosed quote or bracket, a tab used for indentation. The finding gives
    the line and column where reading stopped; the mistake is there or just
    above it.""",
)
NOT_UTF8 = _check(
    "YML002",
    "not-utf8-text",
    _READ,
    "The file is not UTF-8 text.",
    """Plans and monitoring files are UTF-8 text. A spreadsheet or a word
    processor document saved under a .yaml name, or text saved as UTF-16 or in
    a legacy encoding, is refused. Save the file as UTF-8 text.""",
)
FILE_TOO_LARGE = _check(
    "YML003",
    "file-too-large",
    _READ,
    "The file is larger than pmkit reads.",
    """Files over 20 MB, and lines over 100,000 characters, are refused unread:
    no plan or monitoring file needs to be that large, and reading one could
    exhaust memory or take minutes. Split the data, or check that the right
    file was given (a number or text pasted in by mistake?).""",
)
TOO_MANY_ALIASES = _check(
    "YML004",
    "too-many-aliases",
    _READ,
    "Anchors and aliases expand to too much data.",
    """YAML anchors (&) and aliases (*) let one part of a file repeat another;
    nested, a few lines can expand to billions of items. pmkit stops expanding
    long before memory grows and refuses the file. Write the repeated parts out,
    or use fewer aliases.""",
)
FORBIDDEN_CONSTRUCT = _check(
    "YML005",
    "forbidden-construct",
    _READ,
    "The file uses a YAML tag or merge key plans may not use.",
    """Plans come from many organisations, so pmkit builds only plain text,
    numbers, lists and mappings. A tag such as !!python/object, a local tag or
    a merge key (<<) is refused: write the value out plainly.""",
)
NESTING_TOO_DEEP = _check(
    "YML006",
    "nesting-too-deep",
    _READ,
    "The YAML nests too deeply.",
    """No plan nests more than a few levels; a file that nests more than 64 is
    refused, because very deep nesting is a known way to crash a reader. Check
    the indentation, or flatten the data.""",
)
DUPLICATE_KEY = _check(
    "YML007",
    "duplicate-key",
    _READ,
    "A key appears twice in one mapping.",
    """When a key appears twice in one mapping, one value would silently win
    over the other, and a reader could not tell which was meant. Keep one of
    them, or merge the two.""",
)
SEVERAL_DOCUMENTS = _check(
    "YML008",
    "several-documents",
    _READ,
    "The file holds more than one YAML document.",
    """A plan or monitoring file is one YAML document. A second document
    (after a line of ---) would be ignored by some tools and read by others.
    Keep one plan per file.""",
)

# -- the plan's structure -----------------------------------------------------

NOT_A_PLAN = _check(
    "STR001",
    "not-a-plan",
    _STR,
    "The file is not a mapping of plan sections.",
    """A plan is a mapping whose keys are its sections (partnership, partners,
    vision, priorities, indicators, actions). A file that is empty, a list or a
    single value is not a plan. 'pmkit init' writes a starter plan to begin
    from.""",
)
UNKNOWN_KEY = _check(
    "STR002",
    "unknown-key",
    _STR,
    "A key the plan format does not have.",
    """A key the plan format does not know is usually a misspelling, and its
    value would otherwise be ignored without a word. The finding suggests the
    nearest known key; the JSON Schema (pmkit schema) lists them all and lets an
    editor complete them.""",
)
WRONG_VALUE = _check(
    "STR003",
    "wrong-value",
    _STR,
    "A value of the wrong type or out of range.",
    """A value that cannot mean what its key asks for: text where a number is
    needed, a word that is not one of the allowed choices, a negative cost. The
    finding says what was expected; correct the value.""",
)
MISSING_KEY = _check(
    "STR004",
    "missing-key",
    _STR,
    "A required key is missing.",
    """A few keys are needed before anything else can be checked: an id for
    each entity, a title, the partnership's name. Whether a framework element
    is there at all (an owner, a tolerance) is a rule's business instead, so an
    incomplete plan still gets findings that teach. Add the key.""",
)
DUPLICATE_ID = _check(
    "STR005",
    "duplicate-id",
    _STR,
    "Two entities of the same kind share an id.",
    """Ids are how the plan's parts refer to each other and how recorded
    figures find their indicator. Two outcomes, partners, indicators or actions
    with one id make every reference to it ambiguous. Give each its own id.""",
)
DANGLING_REFERENCE = _check(
    "STR006",
    "dangling-reference",
    _STR,
    "A reference to an id that does not exist.",
    """An outcome, partner, priority, indicator or action named by an id that
    the plan does not define, usually a typing error or an entity since
    renamed. The finding suggests the nearest id; correct the reference or
    define the entity.""",
)
MALFORMED_PERIOD = _check(
    "STR007",
    "malformed-period",
    _STR,
    "A period label that cannot be read in the plan's calendar.",
    """Periods are written as 2026/27 (a year), 2026/27 Q2 (a quarter), 2026 Q3
    (a calendar quarter) or 2026-08 (a month), in the calendar that
    partnership.year_start sets. A label that cannot be read, or a calendar
    quarter in a plan that reports on the financial year, is refused with the
    label to write instead.""",
)
UNSUPPORTED_FORMAT = _check(
    "STR008",
    "unsupported-format",
    _STR,
    "A format version this pmkit does not read.",
    """The file's format_version is one this version of pmkit does not know,
    usually because the file was written by a newer pmkit. Upgrade pmkit, or
    correct the version.""",
)
UNKNOWN_SELECTOR = _check(
    "STR009",
    "unknown-rule-selector",
    _STR,
    "A rule code, prefix, name or group that matches no rule.",
    """Settings select, ignore and severity, the command line's --select and
    --ignore, and inline '# pmkit: ignore[...]' comments name rules by code,
    prefix, name or group. One that matches no rule would silently do nothing,
    so it is reported; 'pmkit rules' lists what there is.""",
)
UNKNOWN_THRESHOLD = _check(
    "STR010",
    "unknown-threshold",
    _STR,
    "A threshold that no rule reads.",
    """settings.thresholds sets the numbers rules compare against. A name that
    no rule reads, usually a misspelling, would silently leave the default in
    force. 'pmkit explain' shows each rule's thresholds.""",
)

# -- the monitoring folder ----------------------------------------------------

STRAY_FILE = _check(
    "MON001",
    "stray-monitoring-file",
    _MON,
    "A file in monitoring/ that is not named after a period.",
    """Monitoring data are kept one file per period, named after it
    (2026-27-Q2.yaml, 2026-27.yaml). A file with any other name is never read,
    so the figures in it would be missed. Rename it, or move it out of
    monitoring/.""",
)
WRONG_PERIOD = _check(
    "MON002",
    "period-does-not-match-name",
    _MON,
    "A monitoring file whose period is not the one its name gives.",
    """Each monitoring file says which period it holds, and its name says so
    too. When the two disagree, figures may be judged against the wrong
    period's targets. Correct the file's period or its name.""",
)
UNKNOWN_ID = _check(
    "MON003",
    "unknown-id",
    _MON,
    "A record for an indicator, action, partner or principle the plan does not have.",
    """A recorded figure, progress report, resource, remedial action or score
    names an id the plan does not define: a typing error, or an entity since
    renamed or removed. The record would appear in no review. Correct the id,
    or add the entity to the plan.""",
)
IMPOSSIBLE_PERIOD = _check(
    "MON004",
    "impossible-period",
    _MON,
    "A figure for a period its indicator cannot have.",
    """A figure under a period label that cannot be read, or for a period that
    does not suit the indicator's frequency (a monthly figure for an annual
    indicator), that falls outside the file's own period, or when the indicator
    was not in use. Record it under the right
    period, or correct the indicator's frequency.""",
)
DOES_NOT_FIT_UNIT = _check(
    "MON005",
    "value-does-not-fit-unit",
    _MON,
    "A recorded value its indicator's unit cannot hold.",
    """A percentage above 100, a negative count, a count that is not a whole
    number: the value cannot be right for the indicator's unit. Correct the
    figure, or the indicator's unit.""",
)
VALUE_OR_NOT_AVAILABLE = _check(
    "MON006",
    "value-or-not-available",
    _MON,
    "A figure with both a value and 'not available', or neither.",
    """A figure has a value, or says it is not available and why; never both,
    and never neither. Remove one of them, or give the value.""",
)
SCORE_OFF_SCALE = _check(
    "MON007",
    "score-off-scale",
    _MON,
    "A self-assessment score outside the plan's scale.",
    """Self-assessment scores use the partnership review's scale (1 to 4 unless
    the plan says otherwise). A score outside it cannot be averaged with the
    others. Correct the score, or the scale in partnership_review.""",
)
