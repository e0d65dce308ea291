"""The short SIGKILL soak (the long one is `make soak`): nothing acknowledged is lost, nothing
on other words."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_twelve_sigkills_lose_nothing() -> None:
    spec = importlib.util.spec_from_file_location("soak", REPO / "scripts" / "soak.py")
    assert spec is not None and spec.loader is not None
    soak = importlib.util.module_from_spec(spec)
    sys.modules["soak"] = soak  # its dataclasses look their module up
    spec.loader.exec_module(soak)
    report = soak.soak(kills=12, seed=20)
    assert report.kills >= 12
    assert report.acknowledged > 0
    assert report.lost == [] and report.other_words == []
    assert report.load_errors == [] and report.bad_output == []
