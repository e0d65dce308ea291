"""Clipboard: pyperclip first, OSC 52 otherwise, a clear message always, never an exception."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyperclip
import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.clipboard import (
    NO_CLIPBOARD,
    PREVIEW_CHARS,
    copy_text,
    osc52_sequence,
    preview,
    reset_explanations,
    stream_writer,
)

REPO = Path(__file__).resolve().parents[2]
TEXT = "“Quote,” she said — héllo"


@pytest.fixture(autouse=True)
def _local_session(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SSH_CONNECTION", "SSH_TTY", "TMUX"):
        monkeypatch.delenv(name, raising=False)
    reset_explanations()  # each test is a fresh session


def _system(
    monkeypatch: pytest.MonkeyPatch, copy: Callable[[str], None], paste: Callable[[], str]
) -> None:
    monkeypatch.setattr(pyperclip, "determine_clipboard", lambda: (copy, paste))


def _no_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pyperclip, "determine_clipboard", pyperclip.init_no_clipboard)


def test_osc52_sequence_is_exact() -> None:
    assert osc52_sequence("héllo") == "\x1b]52;c;aMOpbGxv\x07"
    assert osc52_sequence("") == "\x1b]52;c;\x07"


def test_stream_writer_writes_the_exact_sequence() -> None:
    stream = io.StringIO()
    stream_writer(stream)("hi")
    assert stream.getvalue() == "\x1b]52;c;aGk=\x07"


def test_system_clipboard_is_used_first(monkeypatch: pytest.MonkeyPatch) -> None:
    board: list[str] = []

    def copy_xclip(text: str) -> None:
        board.append(text)

    _system(monkeypatch, copy_xclip, lambda: board[-1])
    sent: list[str] = []
    result = copy_text(TEXT, osc52_writer=sent.append)
    assert (result.method, result.message) == ("pyperclip", f"Copied (xclip): {TEXT}")
    assert board == [TEXT] and sent == []


def test_no_system_clipboard_falls_back_to_osc52(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_system(monkeypatch)
    stream = io.StringIO()
    result = copy_text(TEXT, osc52_writer=stream_writer(stream))
    assert result.method == "osc52" and result.ok
    assert "OSC 52" in result.message
    assert stream.getvalue() == osc52_sequence(TEXT)


def test_a_failing_or_silent_system_clipboard_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def raising(_text: str) -> None:
        raise pyperclip.PyperclipException("xclip died")

    _system(monkeypatch, raising, lambda: "")
    sent: list[str] = []
    assert copy_text(TEXT, osc52_writer=sent.append).method == "osc52"
    _system(monkeypatch, lambda _t: None, lambda: "something else")  # xclip without a display
    assert copy_text(TEXT, osc52_writer=sent.append).method == "osc52"
    assert sent == [TEXT, TEXT]


def test_nothing_works_is_a_message_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_system(monkeypatch)
    result = copy_text(TEXT)
    assert (result.method, result.message, result.ok) == ("none", NO_CLIPBOARD, False)
    assert "\n" not in result.message

    def broken_tty(_text: str) -> None:
        raise OSError(6, "No such device or address")

    assert copy_text(TEXT, osc52_writer=broken_tty).method == "none"


def test_over_ssh_osc52_comes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    _system(monkeypatch, lambda _t: None, lambda: TEXT)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    sent: list[str] = []
    result = copy_text(TEXT, osc52_writer=sent.append)
    assert result.method == "osc52" and "SSH" in result.message and sent == [TEXT]


def test_tmux_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_system(monkeypatch)
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    assert "set-clipboard on" in copy_text(TEXT, osc52_writer=lambda _t: None).message


@pytest.mark.skipif(
    not (shutil.which("xvfb-run") and shutil.which("xclip")),
    reason="needs xvfb-run and xclip (Debian: apt-get install xvfb xclip; .ci/run installs them)",
)
def test_real_clipboard_round_trip_under_xvfb() -> None:
    script = (
        f"from annotations.clipboard import copy_text; r = copy_text({TEXT!r}); print(r.method)"
    )
    shell = f'{sys.executable} -c "{script}" && xclip -o -selection clipboard'
    run = subprocess.run(
        ["xvfb-run", "-a", "sh", "-c", shell],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    method, pasted = run.stdout.split("\n", 1)
    assert method == "pyperclip"
    assert pasted == TEXT


def test_osc52_is_explained_once_per_session(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_system(monkeypatch)
    first = copy_text(TEXT, osc52_writer=lambda _t: None)
    second = copy_text("Another quote", osc52_writer=lambda _t: None)
    assert first.explanation and "OSC 52" in first.message
    assert first.message == f"{first.summary}\n{first.explanation}"
    assert second.explanation == ""  # the second copy is one line
    assert second.message == "Sent to the terminal's clipboard (OSC 52): Another quote"
    reset_explanations()
    assert copy_text(TEXT, osc52_writer=lambda _t: None).explanation


def test_the_summary_previews_a_long_quote_on_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    board: list[str] = []

    def copy_xclip(text: str) -> None:
        board.append(text)

    _system(monkeypatch, copy_xclip, lambda: board[-1])
    quote = (
        "“People don’t carry a week’s shopping on a bicycle,” she said.\n\n"
        "“When they can’t park near us, they drive to somewhere they can.” — Priya Raman"
    )
    result = copy_text(quote)
    assert result.preview == "“People don’t carry a week’s shopping on a bicycle,” she…"
    assert result.message == f"Copied (xclip): {result.preview}"
    assert "\n" not in result.message and board == [quote]


@given(st.text(max_size=300), st.integers(min_value=2, max_value=120))
def test_preview_is_one_short_line_from_the_start(text: str, limit: int) -> None:
    shown = preview(text, limit)
    assert len(shown) <= limit
    assert "\n" not in shown and "\x1b" not in shown
    if shown.endswith("…") and len(shown) > 1:
        words = " ".join(text.split())
        assert words.startswith(shown[:-1].rstrip()) or not words.isprintable()


def test_preview_default_width() -> None:
    assert preview("word " * 40).endswith("…")
    assert len(preview("word " * 40)) <= PREVIEW_CHARS


def test_a_quote_with_bidi_controls_is_copied_as_it_is_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The words on the clipboard stay the source's (a quotation must be faithful), and the
    message names what is in them, since where they are pasted they may reorder."""
    board: list[str] = []
    _system(monkeypatch, board.append, lambda: board[-1])
    quote = "“We will never \u202eturn back\u202c,” said \u2066Ana\u2069 Ruiz."
    result = copy_text(quote)
    assert board == [quote]
    assert result.caution == (
        "It holds 4 direction or invisible characters (U+202E, U+202C, U+2066, U+2069), copied "
        "as they are so the words stay the source's: where it is pasted they may reorder or "
        "hide words."
    )
    assert result.message.endswith(result.caution)
    assert copy_text(TEXT).caution == ""  # plain words: nothing to say
