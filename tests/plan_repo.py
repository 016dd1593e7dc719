"""A plan repository for tests: a real git repository, commits with fixed dates and authors."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git_env(day: str = "2026-01-01", author: str = "Performance Officer") -> dict[str, str]:
    """An environment for git with no user or system configuration, and a fixed date."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    when = f"{day}T12:00:00+00:00"
    email = author.lower().replace(" ", ".") + "@riverside.example.org"
    env.update(
        {
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
        }
    )
    return env


def git(
    folder: Path, *arguments: str, day: str = "2026-01-01", author: str = "Performance Officer"
) -> str:
    """Run git in ``folder``; its output."""
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *arguments],
        cwd=folder,
        env=git_env(day, author),
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


class PlanRepo:
    """A new repository in ``folder`` whose plan is committed version by version."""

    def __init__(self, folder: Path, plan: str = "plan.yaml") -> None:
        self.folder = folder
        self.plan = folder / plan
        folder.mkdir(parents=True, exist_ok=True)
        git(folder, "init", "--quiet")

    def commit(
        self,
        text: str,
        day: str,
        message: str = "Plan revised",
        *,
        author: str = "Performance Officer",
        tag: str | None = None,
    ) -> None:
        """Write the plan as ``text`` and commit it on ``day``."""
        self.plan.parent.mkdir(parents=True, exist_ok=True)
        self.plan.write_bytes(text.encode("utf-8"))
        git(self.folder, "add", "--all", day=day, author=author)
        git(self.folder, "commit", "--quiet", "-m", message, day=day, author=author)
        if tag is not None:
            git(self.folder, "tag", tag, day=day, author=author)

    def rename(self, new: str, day: str) -> None:
        """Move the plan to ``new`` (relative to the repository) and commit the move."""
        target = self.folder / new
        target.parent.mkdir(parents=True, exist_ok=True)
        git(self.folder, "mv", self.plan.relative_to(self.folder).as_posix(), new, day=day)
        git(self.folder, "commit", "--quiet", "-m", f"Plan moved to {new}", day=day)
        self.plan = target
