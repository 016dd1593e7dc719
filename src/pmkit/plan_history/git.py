"""Reading a plan repository's history with the ``git`` command.

Every call runs ``git`` with an argument list, never through a shell, and
every revision a person names is checked before git sees it: nothing that
could be read as an option, a range, a path or a second argument gets
through. Reading many versions of the plan costs two processes however many
there are: one ``git log`` for the commits, one ``git cat-file --batch`` for
the files.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

_FIELD = "\x1f"
_RECORD = "\x1e"
_LOG_FORMAT = f"{_RECORD}%H{_FIELD}%cI{_FIELD}%an{_FIELD}%ae{_FIELD}%s"
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f:]")
_TIMEOUT = 120


class GitError(Exception):
    """Git is missing, the folder is not a full repository, or a revision cannot be used."""


class RevisionError(GitError):
    """A revision someone named is unsafe, or names no commit."""


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit that changed the plan: its id, when, by whom, and its subject line."""

    sha: str
    when: datetime
    author: str
    email: str
    subject: str
    path: str
    """Where the plan was, relative to the top of the repository, at this commit."""

    @property
    def day(self) -> date:
        """The day the commit was made, in the committer's own time zone."""
        return self.when.date()

    @property
    def short(self) -> str:
        """The abbreviated commit id people quote."""
        return self.sha[:7]


def check_revision(revision: str) -> str:
    """``revision`` if it is safe to hand to git, else :class:`GitError`.

    A revision that starts with ``-`` could be read as an option
    (``--upload-pack=...``); ``..`` names a range; ``:`` names a file; white
    space and control characters have no place in a commit, tag or branch.
    """
    if not revision:
        raise RevisionError("an empty revision names no commit")
    if revision.startswith("-"):
        raise RevisionError(f"{revision!r} is not a commit, tag or branch (it starts with '-')")
    if ".." in revision or _UNSAFE.search(revision):
        raise RevisionError(
            f"{revision!r} is not a commit, tag or branch: name one commit, tag or branch, "
            "without spaces, '..' or ':'"
        )
    return revision


class Repository:
    """A git working copy holding a plan, with its full history."""

    def __init__(self, top: Path) -> None:
        """Use the repository whose top folder is ``top`` (see :func:`open_repository`)."""
        self.top = top

    def git(self, *arguments: str, stdin: bytes | None = None) -> bytes:
        """Run ``git ARGUMENTS`` in the repository; its output, or :class:`GitError`."""
        return _run(["git", "-C", str(self.top), *arguments], stdin=stdin)

    def relative(self, plan: Path) -> str:
        """The plan's path relative to the top of the repository, as git writes it."""
        try:
            inside = plan.resolve().relative_to(self.top.resolve())
        except ValueError:
            raise GitError(f"{plan} is not inside the git repository at {self.top}") from None
        return PurePosixPath(*inside.parts).as_posix()

    def resolve(self, revision: str) -> str:
        """The full id of the commit ``revision`` names, or :class:`GitError`."""
        check_revision(revision)
        try:
            found = self.git(
                "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
            )
        except GitError:
            raise RevisionError(
                f"{revision!r} names no commit, tag or branch in this repository"
            ) from None
        return found.decode("ascii").strip()

    def plan_commits(self, path: str, *, until: str = "HEAD") -> list[Commit]:
        """Every commit up to ``until`` that changed the plan at ``path``, newest first.

        The plan is followed across renames, so each commit carries the path
        the plan had there.
        """
        sha = self.resolve(until)
        output = self.git(
            "-c",
            "core.quotepath=off",
            "log",
            f"--format={_LOG_FORMAT}",
            "--follow",
            "--name-only",
            sha,
            "--",
            path,
        ).decode("utf-8", errors="replace")
        commits = []
        for record in output.split(_RECORD)[1:]:
            header, _, names = record.partition("\n")
            fields = header.split(_FIELD)
            if len(fields) != 5:
                continue
            where = next((name for name in names.splitlines() if name.strip()), path)
            commits.append(
                Commit(
                    sha=fields[0],
                    when=datetime.fromisoformat(fields[1]),
                    author=fields[2],
                    email=fields[3],
                    subject=fields[4],
                    path=where,
                )
            )
        return commits

    def read_files(self, wanted: Sequence[tuple[str, str]]) -> list[bytes | None]:
        """The contents of each ``(commit, path)``; ``None`` where the file is not there.

        One ``git cat-file --batch`` process reads them all.
        """
        if not wanted:
            return []
        for sha, path in wanted:
            if "\n" in path or "\n" in sha:
                raise GitError(f"cannot read {path!r} at {sha!r}")
        request = "".join(f"{sha}:{path}\n" for sha, path in wanted).encode("utf-8")
        output = self.git("cat-file", "--batch", stdin=request)
        contents: list[bytes | None] = []
        at = 0
        for _ in wanted:
            end = output.index(b"\n", at)
            header = output[at:end].split()
            at = end + 1
            if len(header) != 3 or header[1] != b"blob":
                contents.append(None)
                continue
            size = int(header[2])
            contents.append(output[at : at + size])
            at += size + 1
        return contents


def open_repository(folder: Path) -> Repository:
    """The repository that holds ``folder``, with its whole history.

    :class:`GitError` says what is wrong when git is not installed, the
    folder is not in a repository, or the clone is shallow (its history cut
    short, as CI checkouts often are).
    """
    where = folder if folder.is_dir() else folder.parent
    try:
        output = _run(
            ["git", "-C", str(where), "rev-parse", "--show-toplevel", "--is-shallow-repository"]
        )
    except GitError as error:
        if "not a git repository" in str(error).lower():
            raise GitError(
                f"{where} is not in a git repository: the plan's history is read from git, "
                "so keep the plan in a repository (git init) and commit it"
            ) from None
        raise
    lines = output.decode("utf-8", errors="replace").splitlines()
    if len(lines) < 2 or not lines[0]:
        raise GitError(f"{where} is not in a git working copy with a history to read")
    if lines[1].strip() == "true":
        raise GitError(
            "this clone is shallow, so the plan's earlier versions are not here: fetch the "
            "whole history (git fetch --unshallow; in GitHub Actions, actions/checkout with "
            "fetch-depth: 0)"
        )
    return Repository(Path(lines[0]))


def _run(command: list[str], *, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(  # an argument list, never a shell
            command,
            input=stdin,
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise GitError(
            "git is not installed (or not on PATH): the plan's history is read with git, "
            "so install it from https://git-scm.com"
        ) from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git took more than {_TIMEOUT} seconds and was stopped") from None
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror or error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git failed (exit {done.returncode})")
    return done.stdout
