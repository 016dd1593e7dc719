"""``pmkit init``: a new plan repository that validates at once."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path

from pmkit.outputs import OutputError, write_output
from pmkit.periods import Calendar, PeriodKind

WORKFLOW = ".github/workflows/pmkit.yml"
"""Where the GitHub Actions workflow goes, in the plan repository."""


class ScaffoldError(Exception):
    """The folder cannot be set up (it cannot be written, or the install source is unsafe)."""


@dataclass(frozen=True, slots=True)
class Scaffolded:
    """What ``init`` wrote, and what it left as it was because it was already there."""

    folder: Path
    written: tuple[Path, ...]
    kept: tuple[Path, ...] = ()


def scaffold(
    folder: Path, *, name: str, as_of: date, install_from: str | None = None
) -> Scaffolded:
    """Write a commented starter plan, the schema and a ``.gitignore`` into ``folder``.

    With ``install_from`` (a git URL pinned to a tag, or a wheel), also a
    GitHub Actions workflow that installs pmkit from there and validates the
    plan on every change. The starter plan's dates are this year's (as of
    ``as_of``), so it validates cleanly the day it is written. A file that
    is already there is never overwritten: it is kept, and the rest are
    added, so an existing plan repository gets what it lacks.
    """
    from pmkit.schema import plan_schema_text

    contents = {
        "plan.yaml": starter_plan(name=name, as_of=as_of),
        ".gitignore": _template("gitignore.txt"),
        "schemas/plan.schema.json": plan_schema_text(),
    }
    if install_from is not None:
        contents[WORKFLOW] = github_workflow(install_from)
    written: list[Path] = []
    kept: list[Path] = []
    for target, text in contents.items():
        path = folder / target
        if path.exists() or path.is_symlink():
            kept.append(path)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_output(path, text, overwrite=False)
        except (OSError, OutputError) as error:
            if isinstance(error, OutputError) and path.exists():
                kept.append(path)  # written by someone else meanwhile: theirs stands
                continue
            # Take back what this run wrote, so that running init again just works.
            for done in written:
                with contextlib.suppress(OSError):
                    done.unlink()
            if isinstance(error, OutputError):
                raise ScaffoldError(str(error)) from None
            raise ScaffoldError(f"cannot write {path}: {error.strerror or error}") from None
        written.append(path)
    return Scaffolded(folder, tuple(written), tuple(kept))


_PINNED_GIT = re.compile(r"git\+(?:https|ssh)://[\w.@:/~%+-]+@[\w.+-]+")
_WHEEL_URL = re.compile(r"https://[\w./~%+-]+\.whl")
_WHEEL_PATH = re.compile(r"(?:\./)?(?!/)(?!.*\.\./)[\w./+-]+\.whl")


def install_argument(source: str) -> str:
    """What ``pip install`` is given for ``source``, or :class:`ScaffoldError` if unsafe.

    A git URL must be pinned to a tag (``git+https://host/org/pmkit@v0.1.0``),
    so that every run checks the plan with the same rules; a wheel is a path in
    the plan repository or an https URL. pmkit is never installed by its name
    from PyPI, where the name belongs to another package.
    """
    source = source.strip()
    if _PINNED_GIT.fullmatch(source):
        return f"'pmkit @ {source}'"
    if _WHEEL_URL.fullmatch(source):
        return f"'{source}'"
    if _WHEEL_PATH.fullmatch(source):
        return f"'./{source.removeprefix('./')}'"
    raise ScaffoldError(
        f"cannot install pmkit from {source!r}: give a git URL pinned to a tag, such as "
        "git+https://git.example.org/partnership/pmkit@v0.1.0, or the path of a wheel "
        "committed to the plan repository, such as tools/pmkit-0.1.0-py3-none-any.whl"
    )


def github_workflow(install_from: str) -> str:
    """The GitHub Actions workflow that installs pmkit from ``install_from`` and validates."""
    return _template("github-workflow.yml").replace("{{ install }}", install_argument(install_from))


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
