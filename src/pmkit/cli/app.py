"""The Typer application, its global options, and the shared error path.

Every command is a :class:`PmkitCommand` (and ``record`` and ``returns`` are
:class:`PmkitGroup`), so that the global options (``--as-of``) are taken
after the command too, usage lines name what is wanted (``PLAN``, ``ID``,
``FILE...``) rather than Python types, and the summaries in command lists are
never cut short.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from pmkit import __version__
from pmkit.dates import DATE_FORMS
from pmkit.plaintext import control_problem, visible


def _summary(help_text: str | None, short_help: str | None) -> str:
    """The first paragraph of a command's help, whole: a command list never cuts it short."""
    text = inspect.cleandoc(short_help or help_text or "")
    return " ".join(text.split("\n\n")[0].split())


def _usage_name(param: TyperArgument) -> str:
    """An argument as the usage line shows it: ``ID``, ``[PLAN]...``, ``FILE...``."""
    name = (param.metavar or param.name or "value").strip("[].").upper()
    if not param.required:
        name = f"[{name}]"
    return f"{name}..." if param.nargs != 1 else name


_TYPE_WORDS = {"str": "TEXT", "int": "NUMBER", "float": "NUMBER", "path": "FILE"}


def _plain_types(declaration: str) -> str:
    """``--quarter <str>`` as ``--quarter TEXT``; ``<md|html|json>`` as ``[md|html|json]``.

    A fallback for options declared without a metavar: Typer shows Python's types.
    """

    def word(found: re.Match[str]) -> str:
        inner = found[1]
        return f"[{inner}]" if "|" in inner else _TYPE_WORDS.get(inner, inner.upper())

    return re.sub(r"<([^<>]+)>", word, declaration)


def _with_global_options(params: list[Any], help_option: Any) -> list[Any]:
    """``params`` with the global options added, before ``--help``."""
    extra = list(_global_options())
    if help_option is not None and params and params[-1] is help_option:
        return [*params[:-1], *extra, help_option]
    return [*params, *extra]


class PmkitCommand(TyperCommand):
    """A command that takes the global options and shows plain names in its usage line."""

    def get_params(self, ctx: Any) -> list[Any]:
        """The command's own options, then the global ones, then ``--help``."""
        return _with_global_options(super().get_params(ctx), self.get_help_option(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS] ID [VALUE]``: arguments by name, never by type."""
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces.extend(
            _usage_name(param) for param in self.get_params(ctx) if isinstance(param, TyperArgument)
        )
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """Arguments and options, each argument by its name alone."""
        arguments = []
        options = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                arguments.append((_usage_name(param).replace("[", "").replace("]", ""), record[1]))
            else:
                options.append((_plain_types(record[0]), record[1]))
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The summary in command lists: the help's first paragraph, whole."""
        return _summary(self.help, self.short_help)


class PmkitGroup(TyperGroup):
    """A group of commands (``record``, ``returns``) that takes the global options too."""

    def get_params(self, ctx: Any) -> list[Any]:
        """The group's options, then the global ones, then ``--help``."""
        return _with_global_options(super().get_params(ctx), self.get_help_option(ctx))

    def get_short_help_str(self, limit: int = 45) -> str:
        """The summary in command lists: the help's first paragraph, whole."""
        return _summary(self.help, self.short_help)


class Commands(typer.Typer):
    """A Typer application whose commands are :class:`PmkitCommand` unless told otherwise."""

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **settings: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        """Register a command, as :meth:`typer.Typer.command` does."""
        return super().command(name, cls=cls or PmkitCommand, **settings)


app = Commands(
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
    from pmkit.dates import DateError, parse_date

    if value is None:
        return date.today()
    try:
        return parse_date(value, "--as-of (or PMKIT_AS_OF)")
    except DateError as error:
        raise typer.BadParameter(str(error)) from None


AS_OF_HELP = f"What the command takes as today ({DATE_FORMS}). Default: today."


@app.callback()
def main_options(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            envvar="PMKIT_AS_OF",
            help=AS_OF_HELP + " Also taken after the command.",
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


def _as_of_after_command(ctx: typer.Context, value: str | None) -> None:
    """``--as-of`` given after the command: it overrides one given before (or PMKIT_AS_OF)."""
    if value is None or ctx.resilient_parsing:
        return
    ctx.ensure_object(dict)["as_of"] = _as_of(value)


_GLOBAL = typer.Typer(add_completion=False)


@_GLOBAL.command()
def _global_option_declarations(
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            callback=_as_of_after_command,
            expose_value=False,
            help=AS_OF_HELP,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, expose_value=False, hidden=True
        ),
    ] = False,
) -> None:
    """Never run: declares the global options every command takes after its name."""


@cache
def _global_options() -> tuple[Any, ...]:
    return tuple(typer.main.get_command(_GLOBAL).params)


def today(ctx: typer.Context) -> date:
    """The date the run treats as today (``--as-of``)."""
    found: date = (ctx.find_root().obj or {}).get("as_of") or date.today()
    return found


def debug() -> bool:
    """Whether to show tracebacks (``PMKIT_DEBUG=1``), for reporting bugs."""
    return os.environ.get("PMKIT_DEBUG", "") not in ("", "0")
