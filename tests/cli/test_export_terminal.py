"""Exports and briefs written to a terminal name bidi controls and invisible characters, as the
other commands do; into a file or a pipe they keep the text byte-exact."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import run_on_a_terminal

HIDDEN = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u200b\ufeff")
ARTICLE = """\
Minister \u202eseod\u202c agree

By Ann Lee

The minister said the plan was \u202eon\u202c good and would go ahead\u200b next spring.
"""
TEXT_FORMATS = ("md", "txt", "html", "json", "w3c", "csv", "csl-json", "bibtex")


@pytest.fixture
def hostile(margin: Callable[..., Result], tmp_path: Path) -> Path:
    source = tmp_path / "hostile.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    assert margin("import", str(source)).exit_code == 0
    article = json.loads(margin("list", "--json").stdout)[0]["id"]
    done = margin(
        "highlight",
        article,
        "--quote",
        "plan was \u202eon\u202c good",
        "--note",
        "a \u202enote\u200b here",
        "--tag",
        "budget",
        "--stance",
        "oppose",
    )
    assert done.exit_code == 0, done.output
    return tmp_path / "lib"


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands' own test, "-o - on a terminal", answered yes (CliRunner is no tty)."""
    import tui.cli.brief
    import tui.cli.quotes

    for module in (tui.cli.quotes, tui.cli.brief):
        monkeypatch.setattr(module, "terminal_output", lambda output: output == "-")


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_export_to_a_terminal_names_the_controls(
    hostile: Path, margin: Callable[..., Result], on_a_terminal: None, fmt: str
) -> None:
    done = margin("export", "-f", fmt, "-o", "-")
    assert done.exit_code == 0, done.output
    assert not HIDDEN & set(done.stdout), fmt
    assert "⟨U+202E⟩" in done.stdout


@pytest.mark.parametrize("fmt", ("md", "txt", "html"))
def test_brief_to_a_terminal_names_the_controls(
    hostile: Path, margin: Callable[..., Result], on_a_terminal: None, fmt: str
) -> None:
    done = margin("brief", "-f", fmt, "-o", "-")
    assert done.exit_code == 0, done.output
    assert not HIDDEN & set(done.stdout)
    assert "⟨U+202E⟩on⟨U+202C⟩" in done.stdout


@pytest.mark.parametrize("fmt", ("md", "json", "csv"))
def test_export_to_a_file_or_a_pipe_is_byte_exact(
    hostile: Path, margin: Callable[..., Result], tmp_path: Path, fmt: str
) -> None:
    piped = margin("export", "-f", fmt, "-o", "-")  # CliRunner's stdout is no terminal
    out = tmp_path / f"export.{fmt}"
    assert margin("export", "-f", fmt, "-o", str(out)).exit_code == 0
    for written in (piped.stdout_bytes, out.read_bytes()):  # (they differ in the export time)
        assert "\u202eon\u202c".encode() in written and "⟨U+".encode() not in written
        assert written.count("\u202e".encode()) >= 2  # the quote's, the note's or the title's
    brief = tmp_path / "brief.md"
    assert margin("brief", "-o", str(brief)).exit_code == 0
    assert "\u202enote\u200b".encode() in brief.read_bytes()


def test_a_real_terminal(hostile: Path) -> None:
    """The tty test itself: export and brief on a pseudo-terminal."""
    for argv in (["export", "-o", "-"], ["brief", "-o", "-"]):
        code, out = run_on_a_terminal(["--library", str(hostile), *argv])
        shown = out.decode("utf-8")
        assert code == 0, shown
        assert not HIDDEN & set(shown), argv
        assert "⟨U+202E⟩on⟨U+202C⟩" in shown
