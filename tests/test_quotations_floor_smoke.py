"""The floor figures of quotation detection, on a tiny text (what is found, never how fast)."""

from __future__ import annotations

from benchmarks import quotations_floor

TEXT = '“We will win this race,” Ana Ruiz said. ‘Maybe,’ she added. "Fine."\n'


def test_unmarked_text_keeps_its_length_and_loses_every_mark() -> None:
    plain = quotations_floor.unmarked(TEXT)
    assert len(plain) == len(TEXT)
    assert not any(mark in plain for mark in '“”‘’"')
    assert plain.startswith(" We will win this race,  Ana Ruiz said.")


def test_floor_finds_the_quotations_only_where_the_marks_are() -> None:
    figures = quotations_floor.floor(TEXT, None, runs=1)
    assert figures["text_found"] == 3
    assert figures["unmarked_found"] == 0
    assert "3 quotations" in quotations_floor.report(figures)
