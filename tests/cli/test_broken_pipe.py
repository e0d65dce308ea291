"""`margin … | head`: when the reader of a listing goes away, margin stops quietly (no
"unexpected error", no traceback) with the status the shell reports for `git log | head`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import REPO
from tui.cli import BROKEN_PIPE_STATUS

Margin = Callable[..., Result]


@pytest.fixture
def article(margin: Margin, tmp_path: Path) -> str:
    """One article long enough that `show` overflows a pipe's buffer; its id."""
    lines = ["A long story about the harbour", "", "By Ana Silva", ""]
    lines += [
        f"“Quote {k} is long enough to matter here,” said Speaker {k}. Sentence {k} goes on.\n"
        for k in range(4000)
    ]
    path = tmp_path / "long.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert margin("import", str(path)).exit_code == 0
    ident = json.loads(margin("list", "--json").stdout)[0]["id"]
    # A note long enough that an export of this one highlight overflows a pipe too.
    note = "A long note on the harbour. " * 12_000
    done = margin("highlight", ident, "--quote", "Sentence 7 goes on", "--note", note, "--tag", "t")
    assert done.exit_code == 0
    return str(ident)


def _command(library_dir: Path, args: list[str]) -> list[str]:
    argv = ["--library", str(library_dir), *args]
    return [sys.executable, "-c", f"from tui.cli import main; main({argv!r})"]


PIPE_HOLDS = 1 << 16  # what a Linux pipe holds by default; each output here is several times it


def test_a_reader_that_stops_early_gets_no_error(article: str, library_dir: Path) -> None:
    """`margin show ID | head -n 1` with far more output than the pipe holds: head reads its
    line and goes while margin is still writing (the kernel ends that write short, or fails
    it): margin stops quietly with the status of a command stopped by SIGPIPE."""
    margin = subprocess.Popen(
        _command(library_dir, ["show", article]),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert margin.stdout is not None and margin.stderr is not None
    head = subprocess.run(
        ["head", "-n", "1"], stdin=margin.stdout, capture_output=True, check=True, timeout=60
    )
    margin.stdout.close()  # head alone holds the pipe's reading end, and it has gone
    errors = margin.stderr.read()
    assert margin.wait(timeout=60) == BROKEN_PIPE_STATUS
    assert head.stdout.decode().startswith("“Quote 0 is long")
    assert errors == b""


@pytest.mark.parametrize(
    "args",
    [["list"], ["list", "--json"], ["annotations"], ["search", "harbour"], ["export", "-o", "-"]],
)
def test_a_pipe_closed_before_any_output_gets_no_error(
    article: str, library_dir: Path, args: list[str]
) -> None:
    """Short output into a pipe nobody reads any more: it fails in a write or in the last flush
    of what was buffered; either way, no message."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            _command(library_dir, args),
            stdout=write,
            stderr=subprocess.PIPE,
            cwd=REPO,
            check=False,
            timeout=60,
        )
    finally:
        os.close(write)
    assert done.stderr == b""
    assert done.returncode == BROKEN_PIPE_STATUS


LONG_OUTPUTS = {
    "show": ["show", "{id}"],
    "show --json": ["show", "{id}", "--json"],
    "quotes": ["quotes", "{id}"],
    "export md": ["export", "-f", "md", "-o", "-"],
    "export json": ["export", "-f", "json", "-o", "-"],
    "brief": ["brief", "-o", "-"],
}


@pytest.mark.parametrize("unbuffered", [True, False], ids=["PYTHONUNBUFFERED", "buffered"])
@pytest.mark.parametrize("name", list(LONG_OUTPUTS))
def test_a_reader_gone_mid_write_ends_with_the_sigpipe_status(
    article: str, library_dir: Path, margin: Margin, name: str, unbuffered: bool
) -> None:
    """`margin export -f md -o - | head -c 10`: the reader takes a few bytes and goes while
    margin is blocked in a write of far more than the pipe holds. Under PYTHONUNBUFFERED (or
    `python -u`), stdout's raw file took that write short, the text layer dropped the rest
    without a word, and the command exited 0 with its output cut: a script could not tell."""
    args = [part.format(id=article) for part in LONG_OUTPUTS[name]]
    whole = margin(*args)
    assert whole.exit_code == 0
    assert len(whole.stdout_bytes) > 4 * PIPE_HOLDS  # the pipe cannot take it in one go
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    process = subprocess.Popen(
        _command(library_dir, args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(10)
    process.stdout.close()  # the reader goes
    errors = process.stderr.read()
    assert process.wait(timeout=60) == BROKEN_PIPE_STATUS, errors
    assert first == whole.stdout_bytes[:10]
    assert b"Traceback" not in errors and b"unexpected error" not in errors
