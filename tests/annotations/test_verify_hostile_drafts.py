"""Hostile drafts never pass a changed quotation as exact: a quotation with one word changed,
a number changed or its "not" dropped, decorated between its words with long brackets, nested
quote marks, writers' notes, elisions and control characters, is read to the end and is altered
(or not found), never exact (the cardinal rule of `margin verify`), in one stretch or joined
across one speaker's long interruption."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.quotations import find_quotations
from annotations.quotations.verify import best_alignment, lowered, pattern

WORDS = [
    *("We", "will", "not", "pay", "300", "dollars", "for", "the"),
    *("organisation’s", "new", "centre", "this", "year"),
]
ONE = "The mayor said: “" + " ".join(WORDS) + ".” He left the room."
BROKEN = (
    "Maria Lopez lost her case on Friday. “" + " ".join(WORDS[:6]) + ",” she said after the "
    "hearing, which ran late into the evening in a packed courtroom, “" + " ".join(WORDS[6:]) + ".”"
)
# One change each: (index, replacement); None drops the word.
CHANGES = [(2, None), (4, "3,000"), (4, "400"), (3, "raise"), (9, "old"), (12, "decade")]

_ODD = "\x00\x01\x07\x1b\x7f\u200b\u200e\u202e\ufeff\t\n"
_MARKS = "“”‘’\"'«»"
# Bracket contents that say neither a negation nor a word of the quotation.
_INSIDE = st.text(alphabet=st.sampled_from(list("xyzq 0123456789,.…[]" + _ODD + _MARKS)))
_DECORATION = st.one_of(
    st.just(""),
    st.builds(lambda s: f"[{s}]", _INSIDE),
    st.builds(lambda n: "[" + "x" * n + "]", st.integers(60, 400)),  # longer than a gap
    st.sampled_from(["…", "...", "[…]", "[sic]", "[emphasis added]", "[the mayor]", "[[x]]"]),
    st.sampled_from(list(_MARKS)),
    st.text(alphabet=st.sampled_from(list(_ODD)), min_size=1, max_size=4),
)


def _speaker_of(text: str) -> Callable[[int, int], str | None]:
    found = find_quotations(text)
    return lambda start, end: next(
        (q.speaker for q in found if q.speaker and q.start < end and start < q.end), None
    )


_SPEAKERS = {ONE: _speaker_of(ONE), BROKEN: _speaker_of(BROKEN)}


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([ONE, BROKEN]),
    st.sampled_from(CHANGES),
    st.lists(_DECORATION, min_size=len(WORDS) + 1, max_size=len(WORDS) + 1),
)
def test_a_changed_quotation_decorated_any_way_is_never_exact(
    source: str, change: tuple[int, str | None], decorations: list[str]
) -> None:
    at, new = change
    words = [new if i == at else w for i, w in enumerate(WORDS)]
    parts = [decorations[0]]
    for word, decoration in zip(words, decorations[1:], strict=True):
        if word is not None:
            parts += [word, decoration]
    draft = " ".join(part for part in parts if part)
    found = best_alignment(pattern(draft), source, lowered(source), speaker_of=_SPEAKERS[source])
    assert found is None or not found.exact, (draft, found.diff)


SAID = [w for w in WORDS if w != "not"]
YES = "The mayor said: “" + " ".join(SAID) + ".” He left the room."
_NEGATING = st.sampled_from(
    [
        *("[not]", "[never]", "[cannot]", "[can't]", "[no]", "[did not]", "[NOT]", "[ not ]"),
        # hidden from the reading, not from the reader: an invisible or control character
        # within, a fullwidth form
        *("[n\u200bot]", "[ne\u00adver]", "[n\x00ot]", "[c\u2060annot]", "[ｎｏｔ]"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    _NEGATING,
    st.integers(0, len(SAID)),
    st.sampled_from(["", "…", "...", "[…]", "[sic]"]),
    st.sampled_from(["", "…", "...", "[…]", "[sic]"]),
)
def test_a_bracketed_negation_the_source_does_not_say_is_never_exact(
    negation: str, at: int, before: str, after: str
) -> None:
    """Beside an elision too ("We will … [not] pay"), or written to hide from the reading
    ("[n\u200bot]"), a bracket saying the opposite shows."""
    draft = " ".join(part for part in [*SAID[:at], before, negation, after, *SAID[at:]] if part)
    found = best_alignment(pattern(draft), YES, lowered(YES), speaker_of=_speaker_of(YES))
    assert found is None or not found.exact, (draft, found.diff)


@pytest.mark.parametrize(
    ("source", "draft", "shown"),
    [
        (YES, "We will … [not] pay 300 dollars for the", "{+[not]+}"),
        (YES, "We will [not] … pay 300 dollars for the", "{+[not]+}"),
        (
            "He said: “The plan works well for everyone here.”",
            "The plan [cannot] work[] well for everyone",
            "{+[cannot]+}",
        ),
        ("He said: “We cannot pay 300 dollars for the centre.”", "We … pay 300 dollars", "cannot"),
    ],
    ids=["elision-then-not", "not-then-elision", "cannot-inserted", "cannot-elided"],
)
def test_a_negation_beside_an_elision_or_spelt_cannot_shows(
    source: str, draft: str, shown: str
) -> None:
    found = best_alignment(pattern(draft), source, lowered(source))
    assert found is not None
    assert not found.exact
    assert shown in found.diff
