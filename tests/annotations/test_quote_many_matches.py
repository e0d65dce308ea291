"""A quote found very many times: resolved lazily (memory bounded), the same answer as ranking
every match, and an error that lists a few candidates."""

from __future__ import annotations

import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.anchoring import _rank, find_quote, match_quote
from annotations.errors import AmbiguousQuote


def test_a_word_a_million_times_is_ambiguous_without_listing_every_place() -> None:
    text = "word " * 1_000_000
    tracemalloc.start()
    try:
        with pytest.raises(AmbiguousQuote) as caught:
            find_quote(text, "word")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000  # ranking every match held ~200 MB here (4.66 GB at 10 million)
    assert not caught.value.complete
    message = str(caught.value)
    assert message.startswith("quote matches more than 10,010 places (offsets 0, 5, 10,")
    assert "--near" in message and "\n" not in message
    assert [m.start for m in caught.value.candidates] == list(range(0, 50, 5))


def test_near_picks_the_nearest_of_a_million_at_once() -> None:
    text = "word " * 1_000_000
    assert find_quote(text, "word", near=4_000_002).start == 4_000_000
    assert find_quote(text, "word", near=4_000_003).start == 4_000_005
    with pytest.raises(AmbiguousQuote, match=r"matches 2 places \(offsets 0, 8\)"):
        find_quote("word xx word", "word", near=4)  # equally near: nothing tells them apart


def test_a_few_candidates_are_still_counted_exactly() -> None:
    with pytest.raises(AmbiguousQuote, match=r"matches 3 places \(offsets 0, 5, 10\)"):
        find_quote("plan plan plan", "plan")


def _reference(
    text: str, quote: str, prefix: str, suffix: str, near: int | None
) -> tuple[str, list[int]]:
    """Rank every verbatim match (what find_quote did before it read them lazily)."""
    raw = quote.strip()
    starts = [i for i in range(len(text)) if text.startswith(raw, i)]
    ranked = _rank(text, [(s, s + len(raw), 1.0) for s in starts], "exact", prefix, suffix, near)
    top = ranked[0][0]
    tied = sorted(m.start for score, m in ranked if top - score < 1e-9)
    return ("ambiguous" if len(tied) > 1 else "found"), tied


_TEXT = st.lists(st.sampled_from(["ab", "b", "a", " ", "ab ", "c"]), max_size=30).map("".join)


@given(
    text=_TEXT,
    quote=st.sampled_from(["ab", "b", "a b", "ba"]),
    prefix=st.sampled_from(["", "a", "c ", "ab "]),
    suffix=st.sampled_from(["", " a", "c"]),
    near=st.one_of(st.none(), st.integers(0, 40)),
)
def test_lazy_resolution_agrees_with_ranking_every_match(
    text: str, quote: str, prefix: str, suffix: str, near: int | None
) -> None:
    if quote not in text:
        return  # the folded and approximate tiers are not what changed
    kind, tied = _reference(text, quote, prefix, suffix, near)
    if kind == "ambiguous":
        with pytest.raises(AmbiguousQuote) as caught:
            find_quote(text, quote, prefix=prefix, suffix=suffix, near=near)
        assert [m.start for m in caught.value.candidates] == tied[:10]
    else:
        assert find_quote(text, quote, prefix=prefix, suffix=suffix, near=near).start == tied[0]
    loose = match_quote(text, quote, prefix=prefix, suffix=suffix, near=near)
    assert loose is not None and loose.start == tied[0]
