"""``pmkit validate``: lint plans against the framework."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmkit.cli.app import app, fail, today
from pmkit.cli.output import open_output

if TYPE_CHECKING:
    from collections import Counter

    from pmkit.baseline import Identity
    from pmkit.validate import ValidationResult


class Format(StrEnum):
    """Output formats of ``validate``."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"


@app.command()
def validate(
    ctx: typer.Context,
    plans: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PLAN",
            help="Plan files (or folders holding plan.yaml). Default: plan.yaml here.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="text for people; json for tools; github for workflow annotations (and "
            "$GITHUB_STEP_SUMMARY); sarif for code scanning; junit for CI dashboards.",
        ),
    ] = Format.TEXT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    exit_zero: Annotated[
        bool,
        typer.Option(
            "--exit-zero", help="Exit 0 even with findings (unreadable files still exit 2)."
        ),
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Report only findings not in this baseline ('pmkit baseline' writes one).",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="RULES",
            help="Run only these rules (codes, prefixes, names or groups; comma-separated "
            "or repeated). Replaces the plan's settings.select.",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="RULES",
            help="Skip these rules, as well as those the plan's settings ignore.",
        ),
    ] = None,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="Also run the checks that read the plan's history from git (such as "
            "targets eased in-year without a change log entry).",
        ),
    ] = False,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="REF",
            help="Read the plan's history as --history does, and judge only what changed "
            "after this commit, tag or branch (a pull request's base).",
        ),
    ] = None,
) -> None:
    """Check the plan against the framework's rules, and its monitoring data against the plan.

    Exit status: 0 when nothing at error level was found, 1 when something was
    (or a warning, with --strict), 2 when a file could not be read or the
    command was misused.
    """
    from pmkit.report import renderer
    from pmkit.rules.selection import unknown_selectors
    from pmkit.validate import EXIT_CLEAN, EXIT_FINDINGS

    chosen = _split(select)
    skipped = _split(ignore)
    unknown = unknown_selectors([*chosen, *skipped])
    if unknown:
        fail(f"{unknown[0]!r} is not a rule code, prefix, name or group: 'pmkit rules' lists them")
    given = plans or [Path("plan.yaml")]
    # One plan that is not there is a usage mistake; among several, it is one
    # unreadable file and the others are still checked.
    paths = [_plan_file(path, alone=len(given) == 1) for path in given]
    known = _read_baseline(baseline) if baseline is not None else None
    result = _validate(paths, ctx, chosen, skipped, strict=strict, history=history, base=base)
    if known is not None:
        from pmkit.baseline import apply_baseline

        result = apply_baseline(result, known)
    with open_output(output) as out:
        renderer(output_format.value)(result, out)
    if output_format is Format.GITHUB:
        _write_step_summary(result)
    code = result.exit_code()
    raise typer.Exit(EXIT_CLEAN if exit_zero and code == EXIT_FINDINGS else code)


def _validate(
    paths: list[Path],
    ctx: typer.Context,
    select: list[str],
    ignore: list[str],
    *,
    strict: bool,
    history: bool,
    base: str | None,
) -> ValidationResult:
    from pmkit.plan_history.versions import BadRevision
    from pmkit.validate import validate_paths

    try:
        return validate_paths(
            paths,
            as_of=today(ctx),
            select=select,
            ignore=ignore,
            strict=strict,
            history=history,
            base=base,
        )
    except BadRevision as error:
        fail(f"--base: {error}")


def _plan_file(path: Path, *, alone: bool) -> Path:
    if path.is_dir():
        path = path / "plan.yaml"
    if not alone:
        return path
    if not path.exists():
        hint = " (run 'pmkit init' to start a plan)" if path.name == "plan.yaml" else ""
        fail(f"no such file: {path}{hint}")
    if not path.is_file():
        fail(f"not a file: {path}")
    return path


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _read_baseline(path: Path) -> Counter[Identity]:
    from pmkit.baseline import BaselineError, read_baseline

    try:
        return read_baseline(path)
    except BaselineError as error:
        fail(str(error))


def _write_step_summary(result: ValidationResult) -> None:
    """Append the Markdown summary to ``$GITHUB_STEP_SUMMARY``, when GitHub provides one."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from pmkit.report.github import markdown_summary

    try:
        with Path(target).open("a", encoding="utf-8") as summary:
            summary.write(markdown_summary(result))
    except OSError as error:
        fail(f"cannot write the step summary {target}: {error.strerror or error}")
