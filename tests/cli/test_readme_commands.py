"""The README's `margin …` examples work as written, on a default library with the samples."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from library.paths import default_library_dir
from library.store import Library
from tests.conftest import REPO

BLOCK = re.compile(r"^```sh\n(.*?)^```", re.DOTALL | re.MULTILINE)
COMMAND = re.compile(r"^(\w+=\$\()?margin\b", re.MULTILINE)


def readme_blocks() -> list[str]:
    """The README's shell blocks that run `margin` (not the `make` ones)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return [block for block in BLOCK.findall(text) if COMMAND.search(block)]


def test_the_readme_has_margin_examples() -> None:
    blocks = readme_blocks()
    assert blocks
    commands = [line for block in blocks for line in block.splitlines() if COMMAND.match(line)]
    assert len(commands) >= 5


@pytest.mark.parametrize("block", readme_blocks(), ids=lambda b: b.split()[1])
def test_readme_block_runs_as_written(block: str, tmp_path: Path) -> None:
    margin = Path(sys.executable).parent / "margin"
    if not margin.exists():
        pytest.skip("the margin command is not installed next to this Python")
    # A user who followed `make run`: the default library, seeded with the samples, and the
    # checkout's files (README paths such as library/samples/ are relative to it).
    assert Library(default_library_dir()).seed_on_first_use()
    shutil.copytree(REPO / "library" / "samples", tmp_path / "library" / "samples")
    env = {**os.environ, "PATH": f"{margin.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"{block}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    # No command complained on the way (a note that a citation lacks fields is advice).
    complaints = [ln for ln in done.stderr.splitlines() if ln.startswith("margin:")]
    assert [ln for ln in complaints if not ln.startswith("margin: note:")] == []
