"""The pre-commit hook, run for real with `pre-commit try-repo` in a plan repository.

pre-commit builds the hook's environment from this repository with pip, which
needs PyPI (for the build backend) and a minute or two, so both runs (a good
plan, then a typo) share one environment in one test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600


def git(repository: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=repository, check=True, capture_output=True, text=True, timeout=60
    )


def test_the_hook_passes_a_good_plan_and_blocks_a_typo(
    tmp_path: Path, starter_plan_text: str
) -> None:
    pre_commit = Path(sys.executable).with_name(
        "pre-commit.exe" if os.name == "nt" else "pre-commit"
    )
    assert pre_commit.is_file(), f"no pre-commit at {pre_commit}: run `uv sync`"
    repository = tmp_path / "riverside-plan"
    repository.mkdir()
    git(repository, "init", "--quiet")
    git(repository, "config", "user.name", "Riverside Partnership Manager")
    git(repository, "config", "user.email", "partnership@riverside.example.org")
    git(repository, "config", "commit.gpgsign", "false")
    plan = repository / "plan.yaml"
    plan.write_text(starter_plan_text, encoding="utf-8")
    git(repository, "add", "plan.yaml")
    git(repository, "commit", "--quiet", "-m", "The partnership's plan")
    # Git's own variables would point pre-commit at another repository.
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        {
            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
            "PRE_COMMIT_COLOR": "never",
            "NO_COLOR": "1",
        }
    )
    env.pop("PMKIT_AS_OF", None)

    def run_hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "try-repo", str(ROOT), "pmkit-validate", "--all-files"],
            cwd=repository,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )

    good = run_hook()

    assert good.returncode == 0, good.stdout + good.stderr
    assert "pmkit validate" in good.stdout
    assert "Passed" in good.stdout
    assert "STR002" not in good.stdout

    old = "    title: Neighbourhood crime"
    assert starter_plan_text.count(old) == 1
    plan.write_text(starter_plan_text.replace(old, "    titel: Neighbourhood crime"), "utf-8")

    broken = run_hook()

    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Failed" in broken.stdout
    assert "plan.yaml:" in broken.stdout
    assert "STR002 [error] unknown key 'titel': did you mean 'title'?" in broken.stdout
