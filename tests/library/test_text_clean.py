"""clean_inline's fast path (text already canonical is returned as it is) agrees with the full
cleaning on any text, hostile characters included."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from library import text as T

_HOSTILE = "\x00\x07\t\n\r\x0b\x0c\x1b\x7f\x85\x9b\u00a0\u00ad\u200b\u2028\u2029\u3000\ufeff  "
_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(_HOSTILE + "e\u0301ﬁ-"), st.characters(codec="utf-8"), st.just(" ")
    ),
    max_size=40,
)


def _full(value: str) -> str:
    """clean_inline's substitutions, without its fast path."""
    value = T._INLINE_CONTROL.sub("", T._INVISIBLE.sub("", value))
    value = T._WHITESPACE.sub(" ", value)
    return unicodedata.normalize("NFC", value).strip()


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_fast_path_matches_the_full_cleaning(value: str) -> None:
    assert T.clean_inline(value) == _full(value)
    assert T.clean_inline(T.clean_inline(value)) == T.clean_inline(value)


def test_clean_text_is_returned_unchanged_and_dirty_text_is_cleaned() -> None:
    assert T.clean_inline("A clean line, é.") == "A clean line, é."
    assert T.clean_inline("two  spaces\u00a0") == "two spaces"
    assert T.clean_inline("e\u0301\x1b[31m") == "é[31m"
