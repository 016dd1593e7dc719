"""The Typer application, its global options, and the shared error path."""

from __future__ import annotations

import os
from datetime import date
from typing import Annotated, NoReturn

import typer

from pmkit import __version__
from pmkit.plaintext import control_problem, visible

app = typer.Typer(
    name="pmkit",
    help=(
        "Performance management for partnerships: keep the plan as YAML, lint it "
        "against the framework, record the figures and render the quarterly review."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str, code: int = 2) -> NoReturn:
    """Stop with ``message`` on standard error and exit ``code`` (2: misuse or unreadable)."""
    say(f"pmkit: {message}", err=True)
    raise typer.Exit(code)


def say(message: str, *, err: bool = False) -> None:
    """Print one line; control characters in names, paths or text are shown, not obeyed."""
    typer.echo(visible(message), err=err)


_PARAGRAPHS = frozenset({"commentary", "comment", "note", "reason"})
"""Options whose text may run to several lines."""


def refuse_controls(**options: str | None) -> None:
    """Exit 2 if text to be recorded holds a control or bidirectional-override character.

    Each keyword is an option's name (``not_available`` for ``--not-available``).
    """
    for name, value in options.items():
        if value is None:
            continue
        problem = control_problem(value, lines=name in _PARAGRAPHS)
        if problem is not None:
            fail(f"--{name.replace('_', '-')} {problem}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pmkit {__version__}")
        raise typer.Exit


def _as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    from pmkit.periods import PeriodError, check_day

    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: write it as YYYY-MM-DD") from None
    try:
        return check_day(day, "--as-of (or PMKIT_AS_OF)")
    except PeriodError as error:
        raise typer.BadParameter(str(error)) from None


@app.callback()
def main_options(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            envvar="PMKIT_AS_OF",
            help="What every command takes as today (YYYY-MM-DD). Default: today.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show pmkit's version and exit."
        ),
    ] = False,
) -> None:
    """Options that apply to every command."""
    ctx.obj = {"as_of": _as_of(as_of)}


def today(ctx: typer.Context) -> date:
    """The date the run treats as today (``--as-of``)."""
    found: date = (ctx.find_root().obj or {}).get("as_of") or date.today()
    return found


def debug() -> bool:
    """Whether to show tracebacks (``PMKIT_DEBUG=1``), for reporting bugs."""
    return os.environ.get("PMKIT_DEBUG", "") not in ("", "0")
