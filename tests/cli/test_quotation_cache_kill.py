"""A run that reads many new articles (`margin speakers`, `margin verify`) writes the quotation
cache as it goes, atomically, not only at its end: killed part-way, it keeps what it detected,
and the next run detects only the rest (issue 23, h31h: a run that died redid all its work)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import annotations.quotations as quotations
from tests.cli.test_verify_cache_writes import first_arguments, towns_library
from tests.conftest import REPO

Margin = Callable[..., Result]
TOWNS = ("Alder", "Birchwood", "Cedarford", "Dunmere", "Eastholm")
KILLED_AT = 3  # the detection during which the first run is killed

# The first run, with a checkpoint after every detection (so the test needs no slow articles),
# killed by SIGKILL as it starts the KILLED_AT-th: no handler, no `finally`, runs after it.
KILLING_RUN = f"""
import os, signal, sys
import annotations.quotations as quotations
import annotations.quotations.cache as cache
from tui.cli import main
cache.CHECKPOINT_SECONDS = 0.0
real, calls = quotations.find_quotations, []
def killing(*args, **kwargs):
    calls.append(1)
    if len(calls) == {KILLED_AT}:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
quotations.find_quotations = killing
main(sys.argv[1:])
"""


@pytest.mark.parametrize("command", ["speakers", "verify"])
def test_a_run_killed_part_way_keeps_what_it_detected(
    command: str,
    margin: Margin,
    library_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draft = towns_library(margin, tmp_path, TOWNS)
    args = ["--library", str(library_dir), command] + ([str(draft)] if command == "verify" else [])
    killed = subprocess.run(
        [sys.executable, "-c", KILLING_RUN, *args], cwd=REPO, capture_output=True, timeout=120
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()

    detected = first_arguments(monkeypatch, quotations, "find_quotations")  # the texts
    again = margin(command, "--json", *([str(draft)] if command == "verify" else []))
    assert again.exit_code == 0, again.output
    # was len(TOWNS): the killed run had written nothing (verify reads the draft first)
    kept = KILLED_AT - 1 - (command == "verify")
    assert kept > 0
    articles = [text for text in detected if "Mayor Ann Quill said" in text]  # not the draft
    assert len(articles) == len(TOWNS) - kept
    if command == "speakers":
        assert json.loads(again.stdout)[0]["quotations"] == 2 * len(TOWNS)
    else:
        assert [q["status"] for q in json.loads(again.stdout)] == ["exact"] * len(TOWNS)
