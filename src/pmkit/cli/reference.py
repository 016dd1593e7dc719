"""The command-line reference (``docs/cli.md``), generated from every command's ``--help``.

Regenerate it after changing a command, an option or a help text::

    uv run python -m pmkit.cli.reference docs/cli.md

``tests/test_cli_reference.py`` fails when the committed file has drifted.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup
from typer.main import get_command

from pmkit.cli import app

if TYPE_CHECKING:
    from collections.abc import Iterator

    from typer._click import Command

WIDTH = 80
"""Help is wrapped at this width whatever the terminal, so the reference is the same everywhere."""

COMMAND = "uv run python -m pmkit.cli.reference docs/cli.md"

_INTRO = f"""\
# Command-line reference

Every pmkit command and its options, as `--help` shows them. Generated from the
commands themselves by `{COMMAND}`; do not edit by hand.
"""


def commands() -> Iterator[tuple[Command, typer.Context]]:
    """Every command that is not hidden, with its context, the group before its subcommands."""
    root = get_command(app)
    context = typer.Context(
        root,
        info_name="pmkit",
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        **root.context_settings,
    )
    yield from _walk(root, context)


def _walk(command: Command, context: typer.Context) -> Iterator[tuple[Command, typer.Context]]:
    yield command, context
    if not isinstance(command, TyperGroup):
        return
    for name in command.list_commands(context):
        child = command.get_command(context, name)
        if child is None or child.hidden:
            continue
        yield from _walk(child, typer.Context(child, info_name=name, parent=context))


def cli_reference() -> str:
    """The whole reference in Markdown: a contents list, then each command's help."""
    found = list(commands())
    lines = [_INTRO]
    for _, context in found:
        path = context.command_path
        depth = path.count(" ")
        lines.append(f"{'  ' * max(depth - 1, 0)}- [`{path}`](#{_anchor(path)})")
    for command, context in found:
        path = context.command_path
        heading = "#" * min(path.count(" ") + 2, 4)
        help_text = command.get_help(context).rstrip()
        lines.extend(["", f"{heading} {path}", "", "```text", help_text, "```"])
    return "\n".join(lines) + "\n"


def _anchor(path: str) -> str:
    return path.replace(" ", "-")


def main(argv: list[str] | None = None) -> None:
    """Write the reference to the file named on the command line, or to standard output."""
    args = sys.argv[1:] if argv is None else argv
    text = cli_reference()
    if not args:
        sys.stdout.write(text)
        return
    Path(args[0]).write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {args[0]}\n")


if __name__ == "__main__":
    main()
