"""strip_controls: the fast path for printable text gives what the full removal gives."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from library.text import strip_controls

# The rule itself, written out: CR and CRLF become newlines, then every control character but
# tab and newline goes, with the line and paragraph separators and lone surrogates.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def reference(value: str) -> str:
    return CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_strip_controls_matches_the_rule_on_any_text(value: str) -> None:
    assert strip_controls(value) == reference(value)


@given(st.text(alphabet=st.sampled_from("ab \t\n\r\x1b\x7f\x85\u2028\u2029\u202e\u00a0é\udc9b")))
def test_strip_controls_matches_the_rule_among_controls(value: str) -> None:
    assert strip_controls(value) == reference(value)
    assert not CONTROL.search(strip_controls(value))


def test_printable_text_is_returned_as_is() -> None:
    title = "Sales fell by 30% — “a quote”, naïve café"
    assert strip_controls(title) is title
    assert strip_controls("a\x1b[31mred\r\nb\u2028") == "a[31mred\nb"
