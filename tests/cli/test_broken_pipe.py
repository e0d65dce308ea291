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
        for k in range(3000)
    ]
    path = tmp_path / "long.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert margin("import", str(path)).exit_code == 0
    ident = json.loads(margin("list", "--json").stdout)[0]["id"]
    assert margin("highlight", ident, "--quote", "Sentence 7 goes on").exit_code == 0
    return str(ident)


def _command(library_dir: Path, args: list[str]) -> list[str]:
    argv = ["--library", str(library_dir), *args]
    return [sys.executable, "-c", f"from tui.cli import main; main({argv!r})"]


def test_a_reader_that_stops_early_gets_no_error(article: str, library_dir: Path) -> None:
    """`margin show ID | head -n 1` with far more output than the pipe holds: head reads its
    line and goes while margin is still writing (the kernel may end that write short, which
    Python takes as done, or fail it, which margin must take quietly)."""
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
    assert margin.wait(timeout=60) in (0, BROKEN_PIPE_STATUS)
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
