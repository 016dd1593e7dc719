"""The checks that cannot be switched off: reading the file (YML) and its structure (STR).

Listed here with a name and a summary so that every format can describe
them as it describes the framework rules (SARIF rule metadata, JUnit cases).
"""

from __future__ import annotations

STRUCTURAL_CHECKS: dict[str, tuple[str, str]] = {
    "YML000": ("file-unreadable", "The file cannot be opened."),
    "YML001": ("not-yaml", "The file is not valid YAML."),
    "YML002": ("not-utf8-text", "The file is not UTF-8 text."),
    "YML003": ("file-too-large", "The file is larger than pmkit reads."),
    "YML004": ("too-many-aliases", "Anchors and aliases expand to too much data."),
    "YML005": ("forbidden-construct", "The file uses a YAML tag or merge key plans may not use."),
    "YML006": ("nesting-too-deep", "The YAML nests too deeply."),
    "YML007": ("duplicate-key", "A key appears twice in one mapping."),
    "YML008": ("several-documents", "The file holds more than one YAML document."),
    "STR001": ("not-a-plan", "The file is not a mapping of plan sections."),
    "STR002": ("unknown-key", "A key the plan format does not have."),
    "STR003": ("wrong-value", "A value of the wrong type or out of range."),
    "STR004": ("missing-key", "A required key is missing."),
    "STR005": ("duplicate-id", "Two entities of the same kind share an id."),
    "STR006": ("dangling-reference", "A reference to an id that does not exist."),
    "STR007": ("malformed-period", "A period label that cannot be read in the plan's calendar."),
    "STR008": ("unsupported-format", "A format version this pmkit does not read."),
    "STR009": ("unknown-rule-selector", "A rule code, prefix, name or group that matches no rule."),
    "STR010": ("unknown-threshold", "A threshold that no rule reads."),
}
"""Each code's readable name and one-sentence summary."""
