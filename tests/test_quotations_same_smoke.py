"""The identity check of quotation detection between two checkouts, on a tiny set of texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import quotations_same
from benchmarks.common import REPO

TEXTS = [
    ("said", "“We will win this race,” Ana Ruiz said.\n", None),
    ("none", "No quotation here.\n", None),
]


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotations_same, "texts", lambda: list(TEXTS))


def test_a_checkout_finds_what_itself_finds(tiny: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert quotations_same.compare(REPO) == 0
    assert "2 texts, 1 quotations here; texts that differ: 0" in capsys.readouterr().out


def test_a_checkout_that_finds_nothing_differs_on_the_quoted_text(
    tiny: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "annotations" / "quotations"
    package.mkdir(parents=True)
    (tmp_path / "annotations" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("def find_quotations(text, blocks):\n    return []\n")
    assert quotations_same.compare(tmp_path) == 1
    out = capsys.readouterr().out
    assert "texts that differ: 1" in out
    assert "differs: said" in out
    assert "differs: none" not in out
