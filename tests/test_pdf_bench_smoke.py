"""The PDF benchmark's pieces work (its figures are measured by `make bench`, not here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import pdf


def test_f1_and_a_laid_out_corpus(tmp_path: Path) -> None:
    assert pdf.f1("the cat sat", "the cat sat") == 1.0
    assert pdf.f1("cat the sat", "the cat sat", 2) == 0.0
    assert pdf.unwrap(pdf.wrap(["an", "extraordinarily", "long", "word", "here"], 12)) == (
        "an extraordinarily long word here"
    )
    if not pdf.LICENSES.joinpath("GPL-3").is_file():
        pytest.skip("needs /usr/share/common-licenses (Debian base-files)")
    (_what, path, truth), *_ = pdf.corpus(tmp_path)
    assert pdf.f1(pdf.margin_text(path), truth) > 0.98
