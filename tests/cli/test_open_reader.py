"""`margin` alone opens the reader; a new default library is seeded once, a named one never."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from library.paths import default_library_dir
from library.store import SEEDED_MARKER, Library, sample_files
from tui.app import MarginApp
from tui.cli import cli


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record the library the app would open, without running it."""
    roots: list[Path] = []

    def fake_run(self: MarginApp) -> None:
        roots.append(self.workspace.root)

    monkeypatch.setattr(MarginApp, "run", fake_run)
    return roots


def test_default_library_is_seeded_with_the_samples(opened: list[Path]) -> None:
    result = CliRunner().invoke(cli, [], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert opened == [default_library_dir()]
    titles = {m.title for m in Library(default_library_dir()).catalog()}
    assert len(titles) == len(sample_files()) >= 3
    # A second run does not seed again.
    CliRunner().invoke(cli, [], catch_exceptions=False)
    assert len(Library(default_library_dir()).catalog()) == len(sample_files())


def test_a_library_emptied_by_the_user_is_not_seeded_again(opened: list[Path]) -> None:
    runner = CliRunner()
    runner.invoke(cli, [], catch_exceptions=False)
    for meta in Library(default_library_dir()).catalog():
        removed = runner.invoke(cli, ["remove", meta.id, "--yes"], catch_exceptions=False)
        assert removed.exit_code == 0, removed.output
    runner.invoke(cli, [], catch_exceptions=False)
    assert Library(default_library_dir()).catalog() == []
    restored = runner.invoke(cli, ["restore"], catch_exceptions=False)
    assert restored.exit_code == 0, restored.output
    assert len(Library(default_library_dir()).catalog()) == 1


def test_a_library_from_before_the_marker_is_left_alone(
    opened: list[Path], news_file: Path
) -> None:
    """Existing default libraries have no marker: ones with articles, or removed ones, stay as
    they are (and get the marker)."""
    runner = CliRunner()
    assert runner.invoke(cli, ["import", str(news_file)]).exit_code == 0
    runner.invoke(cli, [], catch_exceptions=False)
    assert [m.title for m in Library(default_library_dir()).catalog()] == [
        "Boston threatens to withdraw from Secure Communities"
    ]
    assert (default_library_dir() / SEEDED_MARKER).is_file()
    (default_library_dir() / SEEDED_MARKER).unlink()
    [meta] = Library(default_library_dir()).catalog()
    assert runner.invoke(cli, ["remove", meta.id, "--yes"]).exit_code == 0
    runner.invoke(cli, [], catch_exceptions=False)  # empty, but its article is in the trash
    assert Library(default_library_dir()).catalog() == []
    assert runner.invoke(cli, ["restore"]).exit_code == 0


def test_named_library_is_never_seeded(opened: list[Path], tmp_path: Path) -> None:
    named = tmp_path / "mine"
    CliRunner().invoke(cli, ["--library", str(named)], catch_exceptions=False)
    assert opened == [named]
    assert Library(named).catalog() == []


def test_env_library_is_never_seeded(
    opened: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARGIN_LIBRARY", str(tmp_path / "env-lib"))
    CliRunner().invoke(cli, [], catch_exceptions=False)
    assert opened == [tmp_path / "env-lib"]
    assert Library(tmp_path / "env-lib").catalog() == []


def test_config_is_created_with_comments_on_first_run(opened: list[Path]) -> None:
    from library.paths import config_file

    CliRunner().invoke(cli, [], catch_exceptions=False)
    text = config_file().read_text(encoding="utf-8")
    assert text.startswith("# Margin configuration")
    assert "[[stances]]" in text


def test_bad_config_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "config.toml"
    bad.write_text("[reader]\nwidth = 'wide'\n", encoding="utf-8")
    monkeypatch.setenv("MARGIN_CONFIG", str(bad))
    result = CliRunner().invoke(cli, ["--library", str(tmp_path / "l"), "list"])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "reader.width" in result.stderr and str(bad) in result.stderr
