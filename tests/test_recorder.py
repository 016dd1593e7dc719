"""Who is recording: --by, then PMKIT_RECORDED_BY, then git's user.email, else nobody."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pmkit.monitoring.recorder import NoRecorder, identify

AT = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


@pytest.fixture
def no_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan folder where neither the environment nor git names anyone."""
    home = tmp_path / "home"
    home.mkdir()
    for key in ("PMKIT_RECORDED_BY", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    folder = tmp_path / "plans"
    folder.mkdir()
    return folder


def test_by_wins_and_its_spaces_are_folded(
    no_identity: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMKIT_RECORDED_BY", "someone else")

    who = identify("  Community   Safety Analyst ", no_identity / "plan.yaml", at=AT)

    assert (who.by, who.at, who.source) == ("Community Safety Analyst", AT, "command line")


def test_the_environment_names_the_recorder(
    no_identity: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMKIT_RECORDED_BY", "performance.officer@kestermoor.gov.uk")

    who = identify(None, no_identity / "plan.yaml", source="police-2026-27-Q2.xlsx", at=AT)

    assert (who.by, who.source) == (
        "performance.officer@kestermoor.gov.uk",
        "police-2026-27-Q2.xlsx",
    )


def test_git_names_the_recorder(no_identity: Path) -> None:
    (no_identity.parent / "home" / "gitconfig").write_text(
        "[user]\n\temail = analyst@kestermoor.example\n", encoding="utf-8"
    )

    assert identify(None, no_identity / "plan.yaml", at=AT).by == "analyst@kestermoor.example"


def test_nobody_to_name_says_how_to_give_one(no_identity: Path) -> None:
    with pytest.raises(NoRecorder) as raised:
        identify("   ", no_identity / "plan.yaml", at=AT)

    assert str(raised.value) == (
        "who is recording? Give --by NAME (a name, email or role), or set "
        "PMKIT_RECORDED_BY, or git's user.email. It is committed with the data."
    )
