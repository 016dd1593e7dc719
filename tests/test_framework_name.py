"""User-facing text names the framework pmkit checks against, never an internal nickname.

Readers of the rules reference, ``pmkit explain``, the help texts, the schema's
descriptions (which editors show) or the review templates have never heard the
framework called "the seed": they read *Developing performance management in
partnerships*, or "the framework". A random seed (fuzzing, statistics) is
another matter, and fine.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pmkit.cli.reference import cli_reference
from pmkit.code_registry import registry
from pmkit.rules.reference import reference_markdown

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORK = "Developing performance management in partnerships"
_SEED = re.compile(r"\bseeds?\b(?:'s)?", re.IGNORECASE)
_RANDOM = re.compile(r"random|fuzz|hypothesis|PMKIT_\w*SEED", re.IGNORECASE)


def nicknames(text: str) -> list[str]:
    """Each place ``text`` calls the framework "the seed", with a little context."""
    found = []
    for match in _SEED.finditer(text):
        around = text[max(match.start() - 40, 0) : match.end() + 40]
        if not _RANDOM.search(around):
            found.append(" ".join(around.split()))
    return found


def test_the_check_finds_the_nickname_and_spares_random_seeds() -> None:
    assert nicknames('The seed asks for information that is "timely".') != []
    assert nicknames("the nine elements the seed's action plans ask for") != []
    assert nicknames("Each case takes a fixed random seed: PMKIT_FUZZ_SEED=1.") == []
    assert nicknames(f"{FRAMEWORK} asks for information that is timely.") == []


def _user_files() -> list[Path]:
    files = [ROOT / "README.md", ROOT / "SECURITY.md", *sorted((ROOT / "docs").rglob("*.md"))]
    files += sorted((ROOT / "schemas").glob("*.json"))
    files += sorted((ROOT / "examples").rglob("*.yaml"))
    package = ROOT / "src" / "pmkit"
    files += [p for p in sorted(package.rglob("*")) if p.is_file() and "templates" in p.parts]
    files += [p for p in sorted((package / "scaffold").rglob("*")) if p.is_file()]
    return [path for path in files if path.suffix not in {".pyc"}]


@pytest.mark.parametrize("path", _user_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_document_calls_the_framework_the_seed(path: Path) -> None:
    assert nicknames(path.read_text(encoding="utf-8", errors="replace")) == []


def test_no_rule_or_check_calls_the_framework_the_seed() -> None:
    for entry in registry():
        texts = [entry.summary, entry.explanation]
        if entry.rule is not None:
            texts += [entry.rule.bad, entry.rule.good]
        assert nicknames("\n".join(texts)) == [], entry.code
    assert nicknames(reference_markdown()) == []


def test_no_help_text_calls_the_framework_the_seed() -> None:
    assert nicknames(cli_reference()) == []


def test_the_rules_reference_names_the_framework() -> None:
    intro = " ".join(reference_markdown().split("\n|", 1)[0].split())
    assert f"*{FRAMEWORK}*, the framework pmkit checks plans against" in intro
