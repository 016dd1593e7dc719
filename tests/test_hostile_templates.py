"""Templates stay inside: their folder, a recursion limit, an output limit and a work budget.

A plan repository's ``templates/`` overrides the review templates, so each
test here plants one hostile template beside the Safer Kestermoor example
and checks that ``pmkit review`` stops it with a clear message (exit 2),
quickly, without reading outside the folder or growing without bound.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pmkit.review.render import TemplateProblem, render
from pmkit.review.sandbox import TemplateLimits

if TYPE_CHECKING:
    from click.testing import Result

    from conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "community-safety"
AS_OF = "2026-11-26"
QUARTER = "2026/27 Q2"
SECRET = "PMKIT-SECRET-7f3a"
QUICK = 60.0
"""Seconds: a bound that catches a run-away template, not a benchmark (CI machines are busy)."""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "repo")
    (tmp_path / "repo" / "templates").mkdir()
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    return tmp_path / "repo"


def review(run_cli: RunCli, repo: Path) -> tuple[Result, float]:
    started = time.monotonic()
    result = run_cli(
        "--as-of", AS_OF, "review", "--quarter", QUARTER, "--plan", repo / "plan.yaml"
    )  # fmt: skip
    return result, time.monotonic() - started


def refused(result: Result, took: float, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.output.startswith("pmkit: template "), result.output
    assert result.output.count("\n") == 1, result.output
    assert "internal error" not in result.output and SECRET not in result.output
    for word in words:
        assert word in result.output, result.output
    assert took < QUICK, f"took {took:.1f}s"


def plant(repo: Path, text: str, name: str = "quarter.md.j2") -> None:
    (repo / "templates" / name).write_text(text, encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_template_that_is_a_link_outside_its_folder_is_refused(
    repo: Path, run_cli: RunCli
) -> None:
    (repo / "templates" / "quarter.md.j2").symlink_to(repo.parent / "secret.txt")
    result, took = review(run_cli, repo)
    refused(result, took, "leads outside the template folder")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_template_cannot_include_a_file_outside_through_a_link(
    repo: Path, run_cli: RunCli
) -> None:
    (repo / "templates" / "environ.txt").symlink_to("/proc/self/environ")
    (repo / "templates" / "secret.txt").symlink_to(repo.parent / "secret.txt")
    for name in ("secret.txt", "environ.txt"):
        plant(repo, "{% include '" + name + "' %}")
        result, took = review(run_cli, repo)
        refused(result, took, f"template {name} leads outside the template folder")


def test_a_template_cannot_climb_out_with_dots(repo: Path, run_cli: RunCli) -> None:
    plant(repo, "{% include '../../secret.txt' %}")
    result, took = review(run_cli, repo)
    refused(result, took, "there is no template")


def test_a_template_folder_linked_inside_is_still_read(repo: Path, run_cli: RunCli) -> None:
    (repo / "templates" / "parts").mkdir()
    (repo / "templates" / "parts" / "title.j2").write_text("Review: {{ review.period }}\n")
    plant(repo, "{% include 'parts/title.j2' %}")
    result, _ = review(run_cli, repo)
    assert result.exit_code == 0, result.output
    assert result.output == "Review: 2026/27 Q2\n"


@pytest.mark.parametrize(
    "template",
    [
        "{% include 'quarter.md.j2' %}",
        "{% macro again(n) %}{{ again(n + 1) }}{% endmacro %}{{ again(0) }}",
    ],
)
def test_a_template_that_calls_itself_is_stopped(
    repo: Path, run_cli: RunCli, template: str
) -> None:
    plant(repo, template)
    result, took = review(run_cli, repo)
    refused(result, took, "themselves without end")


@pytest.mark.parametrize(
    "template",
    [
        "{{ 'x' * 3000000000 }}",
        "{{ 3000000000 * 'x' }}",
        "{{ [1] * 3000000000 }}",
        "{{ 10 ** 3000000000 }}",
        "{{ '{:>3000000000}'.format(1) }}",
        "{{ '%3000000000d' % 1 }}",
        "{{ '%3000000000d' | format(1) }}",
        "{{ 'x' | center(3000000000) }}",
        "{{ 'x'.ljust(3000000000) }}",
        "{{ ('x' * 1000000) | replace('x', 'y' * 1000) }}",
        "{{ ('x' * 1000000).replace('x', 'y' * 1000) }}",
        "{{ ('y' * 10000000).join(['a'] * 100) }}",
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s | length }}",
    ],
)
def test_a_template_cannot_build_something_enormous(
    repo: Path, run_cli: RunCli, template: str
) -> None:
    plant(repo, template)
    result, took = review(run_cli, repo)
    refused(result, took, "tried to build something of")


def test_a_review_that_grows_too_long_is_stopped(repo: Path, run_cli: RunCli) -> None:
    plant(repo, "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}")
    result, took = review(run_cli, repo)
    refused(result, took, "grew past 20,971,520 characters")


@pytest.mark.slow  # each runs its five million steps: two to four seconds
@pytest.mark.parametrize(
    "template",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{% for i in range(100000) %}{% for j in 'x' * 100000 %}{% endfor %}{% endfor %}",
        "{% for a in review.indicators %}{% for b in range(100000) %}{% for c in range(100000) %}"
        "{{ '' }}{% endfor %}{% endfor %}{% endfor %}",
    ],
)
def test_loops_within_loops_are_stopped_by_counting_their_steps(
    repo: Path, run_cli: RunCli, template: str
) -> None:
    plant(repo, template)
    result, took = review(run_cli, repo)
    refused(result, took, "more than 5,000,000 steps of work")


def test_the_limits_are_settings(repo: Path) -> None:
    from pmkit.monitoring.workspace import open_workspace
    from pmkit.review.quarter import review_quarter

    space = open_workspace(repo / "plan.yaml", as_of=__import__("datetime").date(2026, 11, 26))
    result = review_quarter(space, space.calendar.parse(QUARTER))
    plant(repo, "{% for i in range(10) %}{{ i }}{% endfor %}")
    override = repo / "templates"
    assert render(result, "quarter.md.j2", override=override) == "0123456789"
    with pytest.raises(TemplateProblem) as caught:
        render(result, "quarter.md.j2", override=override, limits=TemplateLimits(work=5))
    assert str(caught.value) == (
        "template quarter.md.j2: the template did more than 5 steps of work "
        "(loops within loops?) and was stopped"
    )
    with pytest.raises(TemplateProblem) as caught:
        render(result, "quarter.md.j2", override=override, limits=TemplateLimits(output_chars=5))
    assert str(caught.value) == (
        "template quarter.md.j2: the review grew past 5 characters and was stopped"
    )
    plant(repo, "x" * 2000)
    with pytest.raises(TemplateProblem) as caught:
        render(
            result, "quarter.md.j2", override=override, limits=TemplateLimits(template_bytes=1000)
        )
    assert str(caught.value) == (
        "template quarter.md.j2: quarter.md.j2 is 2,000 bytes; templates may be up to 1,000"
    )
    plant(repo, "{% for i in range(3) %}{% for j in range(3) %}.{% endfor %}{% endfor %}")
    with pytest.raises(TemplateProblem) as caught:
        render(result, "quarter.md.j2", override=override, limits=TemplateLimits(work=10))
    assert "did more than 10 steps of work" in str(caught.value)
    assert render(result, "quarter.md.j2", override=override) == "." * 9
    plant(repo, "{{ range(100001) | length }}")
    with pytest.raises(TemplateProblem) as caught:
        render(result, "quarter.md.j2", override=override)
    assert str(caught.value) == (
        "template quarter.md.j2: range() of 100,001 numbers: a template may use up to 100,000"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_templates_folder_that_links_out_of_the_repository_is_refused(
    repo: Path, run_cli: RunCli
) -> None:
    elsewhere = repo.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "quarter.md.j2").write_text(SECRET, encoding="utf-8")
    (repo / "templates").rmdir()
    (repo / "templates").symlink_to(elsewhere, target_is_directory=True)
    result, took = review(run_cli, repo)
    refused(result, took, "leads outside the template folder")
    # Named with --template-dir by the person running pmkit, the folder is trusted.
    result = run_cli(
        "--as-of", AS_OF, "review", "--quarter", QUARTER, "--plan", repo / "plan.yaml",
        "--template-dir", elsewhere,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == SECRET


# A long suite: .ci/run runs it (--slow); the quick developer run leaves it out.
pytestmark = pytest.mark.slow
