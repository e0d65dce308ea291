"""Nothing spoofs the screen: bidi controls and invisible characters shown, offsets untouched."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from library.display import PLACEHOLDER, for_display, for_display_cells, has_hidden

BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)]
INVISIBLE = ["\u200b", "\ufeff", "\u2060", "\u00ad", "\u180e", "\u2061", "\U000e0041"]
JOINERS = ["\u200d", "\u200c"]
# Prepended number signs are format characters that are drawn; they are left alone.
VISIBLE_FORMAT = {chr(c) for c in (*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891)}
VISIBLE_FORMAT |= {"\u08e2", "\U000110bd", "\U000110cd"}

hostile = st.text(
    alphabet=st.one_of(
        st.sampled_from([*BIDI, *INVISIBLE, *JOINERS, "\U0001f3f4", "👩", "💻", "क", "्", "a"]),
        st.characters(categories=["Cf", "Mn", "Lo", "Ll", "So", "Zs"]),
    ),
    max_size=60,
)


def _left_raw(shown: str) -> set[str]:
    """Format characters that reach the screen: only joiners and flag tags may."""
    return {
        c
        for c in shown
        if unicodedata.category(c) == "Cf"
        and c not in VISIBLE_FORMAT
        and c not in JOINERS
        and not "\U000e0020" <= c <= "\U000e007f"
    }


@settings(max_examples=400)
@given(hostile)
def test_no_bidi_control_or_invisible_character_survives(text: str) -> None:
    shown = for_display(text)
    assert not _left_raw(shown)
    assert not any(c in shown for c in BIDI)
    assert for_display(shown) == shown  # idempotent: the placeholders are plain text


@settings(max_examples=400)
@given(hostile, st.data())
def test_the_cells_form_keeps_length_and_every_other_character(
    text: str, data: st.DataObject
) -> None:
    shown = for_display_cells(text)
    assert len(shown) == len(text)
    assert not _left_raw(shown)
    for before, after in zip(text, shown, strict=True):
        assert after in (before, PLACEHOLDER)
    # A slice sees its neighbours: drawing a line alone gives what drawing the whole gives.
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert for_display_cells(text, start, end) == shown[start:end]
    # What the reader draws is one cell per placeholder, never zero.
    assert cell_len(shown) >= shown.count(PLACEHOLDER)
    assert has_hidden(text) == (shown != text)


def test_trojan_source_quote_is_shown_for_what_it_is() -> None:
    # "the minister said yes" rendered as "...on" by an override: the control is named instead.
    text = "the minister said \u202eon\u202c"
    assert for_display(text) == "the minister said ⟨U+202E⟩on⟨U+202C⟩"
    assert for_display_cells(text) == f"the minister said {PLACEHOLDER}on{PLACEHOLDER}"


def test_joiners_that_shape_real_text_stay() -> None:
    technologist = "👩\u200d💻"
    assert for_display(technologist) == technologist
    devanagari = "क्\u200dष"
    assert for_display(devanagari) == devanagari
    persian = "می\u200cخواهم"
    assert for_display(persian) == persian
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert for_display(scotland) == scotland


def test_joiners_hidden_between_latin_letters_are_named() -> None:
    assert for_display("pay\u200dpal") == "pay⟨U+200D⟩pal"
    assert for_display("ad\u200cmin") == "ad⟨U+200C⟩min"
    assert for_display("\u200dstart") == "⟨U+200D⟩start"
    assert for_display("tag\U000e0041") == "tag⟨U+E0041⟩"


def test_plain_text_is_returned_as_is() -> None:
    text = "An ordinary sentence — with “quotes”, é and 漢字."
    assert for_display(text) is text
