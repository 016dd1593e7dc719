"""``pmkit init``: a new plan repository that validates at once."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

STARTER_FILES = {
    "plan.yaml": "starter-plan.yaml",
    ".gitignore": "gitignore.txt",
}


class ScaffoldError(Exception):
    """The folder cannot be set up (a plan is already there, or it cannot be written)."""


@dataclass(frozen=True, slots=True)
class Scaffolded:
    """What ``init`` wrote."""

    folder: Path
    written: tuple[Path, ...]


def scaffold(folder: Path, *, name: str) -> Scaffolded:
    """Write a commented starter plan, the schema and a ``.gitignore`` into ``folder``.

    Nothing is overwritten: if any target exists, nothing is written.
    """
    from pmkit.schema import plan_schema_text

    contents = {
        target: _template(source).replace("{{ name }}", _yaml_text(name))
        for target, source in STARTER_FILES.items()
    }
    contents["schemas/plan.schema.json"] = plan_schema_text()
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


def _template(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _yaml_text(value: str) -> str:
    """``value`` as a double-quoted YAML scalar, safe whatever it holds."""
    import json

    return json.dumps(" ".join(value.split()), ensure_ascii=False)
