"""``pmkit init``: a new plan repository that validates at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path

from pmkit.periods import Calendar, PeriodKind


class ScaffoldError(Exception):
    """The folder cannot be set up (a plan is already there, or it cannot be written)."""


@dataclass(frozen=True, slots=True)
class Scaffolded:
    """What ``init`` wrote."""

    folder: Path
    written: tuple[Path, ...]


def scaffold(folder: Path, *, name: str, as_of: date) -> Scaffolded:
    """Write a commented starter plan, the schema and a ``.gitignore`` into ``folder``.

    The starter plan's dates are this year's (as of ``as_of``), so it validates
    cleanly the day it is written. Nothing is overwritten: if any target
    exists, nothing is written.
    """
    from pmkit.schema import plan_schema_text

    contents = {
        "plan.yaml": starter_plan(name=name, as_of=as_of),
        ".gitignore": _template("gitignore.txt"),
        "schemas/plan.schema.json": plan_schema_text(),
    }
    existing = [target for target in contents if (folder / target).exists()]
    if existing:
        raise ScaffoldError(
            f"{folder / existing[0]} already exists: pmkit init never overwrites a file"
        )
    written = []
    try:
        for target, text in contents.items():
            path = folder / target
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            written.append(path)
    except OSError as error:
        raise ScaffoldError(f"cannot write {error.filename}: {error.strerror}") from None
    return Scaffolded(folder, tuple(written))


def starter_plan(*, name: str, as_of: date) -> str:
    """The commented starter plan for a partnership called ``name``, dated ``as_of``."""
    calendar = Calendar()
    this_year = calendar.containing(as_of, PeriodKind.YEAR)
    values = {
        "name": _yaml_text(name),
        "today": as_of.isoformat(),
        "this_year": this_year.label,
        "last_year": this_year.previous().label,
        "next_year": this_year.next().label,
        "year_start": this_year.start.isoformat(),
        "year_end": this_year.end.isoformat(),
        "first_quarter_end": this_year.parts(PeriodKind.QUARTER)[0].end.isoformat(),
    }
    text = _template("starter-plan.yaml")
    for key, value in values.items():
        text = text.replace("{{ " + key + " }}", value)
    return text


def _template(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _yaml_text(value: str) -> str:
    """``value`` as a double-quoted YAML scalar, safe whatever it holds."""
    import json

    return json.dumps(" ".join(value.split()), ensure_ascii=False)
