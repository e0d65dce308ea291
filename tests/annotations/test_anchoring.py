"""Anchoring: finding quotes in a text and finding highlights again after the text changes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from annotations.anchoring import (
    SIMILARITY_THRESHOLD,
    Match,
    anchor_range,
    find_quote,
    locate,
    match_quote,
    normalize_for_match,
    reanchor,
    similarity,
)
from annotations.errors import (
    AmbiguousQuote,
    AnchoringError,
    AnnotationError,
    EmptyQuote,
    QuoteNotFound,
    RangeError,
)
from annotations.model import Annotation
from library.text import build_text

ARTICLE = (
    "The council met on Monday to discuss the harbour street plan.\n\n"
    "The council will vote next Tuesday on the harbour street plan, officials said.\n\n"
    "Traders oppose the plan. Residents support the plan. The mayor has not said how she will "
    "vote.\n\n"
    "A petition with 4,000 signatures was handed in on Friday."
)


def highlight(text: str, quote: str, occurrence: int = 0) -> Annotation:
    """A highlight on the given occurrence of quote in text."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return Annotation.from_span("article", text, start, start + len(quote))


# -- normalisation and similarity -----------------------------------------------------------------


def test_normalize_folds_whitespace_quotes_and_dashes() -> None:
    folded, offsets = normalize_for_match("It’s  a “draft”\u00a0—\n\nreally…")
    assert folded == 'It\'s a "draft" - really...'
    assert len(offsets) == len(folded) + 1
    assert offsets[-1] == len("It’s  a “draft”\u00a0—\n\nreally…")


def test_normalize_keeps_case() -> None:
    assert normalize_for_match("The River")[0] == "The River"


def test_normalize_map_points_back_to_the_original() -> None:
    text = "a  b\u00adc\n\n“d”"
    folded, offsets = normalize_for_match(text)
    assert folded == 'a bc "d"'
    start, end = folded.index("bc"), folded.index("bc") + 2
    assert text[offsets[start] : offsets[end - 1] + 1] == "b\u00adc"


@given(st.text(alphabet="ab \n\t\u00a0\u00ad…—’“x", max_size=40), st.data())
def test_normalize_map_round_trips_any_span(text: str, data: st.DataObject) -> None:
    folded, offsets = normalize_for_match(text)
    assert offsets == sorted(offsets)
    if not folded:
        return
    start = data.draw(st.integers(0, len(folded) - 1))
    end = data.draw(st.integers(start + 1, len(folded)))
    original = text[offsets[start] : offsets[end - 1] + 1]
    # The original span folds to the folded span, or contains it when the span cuts through the
    # three full stops that one "…" folds to.
    refolded = normalize_for_match(original)[0].strip()
    if "…" in original:
        assert folded[start:end].strip() in refolded
    else:
        assert refolded == folded[start:end].strip()


def test_similarity_bounds_and_folding() -> None:
    assert similarity("river", "river") == 1.0
    assert similarity("It's a draft - ok", "It’s a  draft — ok") == 1.0
    assert similarity("", "") == 1.0
    assert similarity("abc", "xyz") == 0.0
    assert similarity("walkd across", "walked across") == pytest.approx(1 - 1 / 13)


@given(st.text(max_size=20), st.text(max_size=20))
def test_similarity_is_symmetric_and_in_range(a: str, b: str) -> None:
    value = similarity(a, b)
    assert 0.0 <= value <= 1.0
    assert value == similarity(b, a)


# -- find_quote -----------------------------------------------------------------------------------


def test_exact_quote() -> None:
    match = find_quote(ARTICLE, "petition with 4,000 signatures")
    assert ARTICLE[match.start : match.end] == "petition with 4,000 signatures"
    assert (match.score, match.method) == (1.0, "exact")


def test_quote_whitespace_is_trimmed() -> None:
    match = find_quote(ARTICLE, "  petition with 4,000 signatures \n")
    assert ARTICLE[match.start : match.end] == "petition with 4,000 signatures"


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("She said “it’s only a draft” today.", '"it\'s only a draft"', "“it’s only a draft”"),
        ("Costs rose – sharply – in May.", "rose - sharply - in", "rose – sharply – in"),
        ("Costs rose—sharply—in May.", "rose-sharply-in", "rose—sharply—in"),
        (
            "Nobody on the\n    quay waved\tgoodbye.",
            "Nobody on the quay",
            "Nobody on the\n    quay",
        ),
        ("A\u00a0long\u2009wait… then", "A long wait... then", "A\u00a0long\u2009wait… then"),
        ("a co\u00adoperative", "cooperative", "co\u00adoperative"),
    ],
)
def test_normalized_quote(text: str, quote: str, expected: str) -> None:
    match = find_quote(text, quote)
    assert (text[match.start : match.end], match.method, match.score) == (
        expected,
        "normalized",
        1.0,
    )


def test_spaced_dash_against_closed_dash_is_approximate() -> None:
    text = "Costs rose—sharply—in May."
    match = find_quote(text, "rose - sharply - in")
    assert (text[match.start : match.end], match.method) == ("rose—sharply—in", "approximate")


def test_reflowed_whitespace_maps_back_to_original_offsets() -> None:
    text = "Intro.\n\nNobody on the\n    quay waved\tgoodbye, because"
    match = find_quote(text, "Nobody on the quay waved goodbye, because")
    assert match.method == "normalized"
    assert text[match.start : match.end] == "Nobody on the\n    quay waved\tgoodbye, because"


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("The council will vote next Tusday", "The council will vote next Tuesday"),
        ("petition with 4000 signatures", "petition with 4,000 signatures"),
        ("The Mayor has not said", "The mayor has not said"),
        ("oficials said", "officials said"),
        ("the harbour stret", "the harbour street"),
    ],
)
def test_approximate_quote_with_typos(quote: str, expected: str) -> None:
    match = find_quote(ARTICLE, quote)
    assert match.method == "approximate"
    assert ARTICLE[match.start : match.end] == expected
    assert SIMILARITY_THRESHOLD <= match.score < 1.0
    assert match.score == pytest.approx(similarity(quote, expected))


def test_repeated_phrase_is_ambiguous_and_lists_candidates() -> None:
    with pytest.raises(AmbiguousQuote) as caught:
        find_quote(ARTICLE, "the harbour street plan")
    error = caught.value
    starts = [m.start for m in error.candidates]
    assert starts == [ARTICLE.index("the harbour"), ARTICLE.index("the harbour", starts[0] + 1)]
    assert str(error) == (
        f"quote matches 2 places (offsets {starts[0]}, {starts[1]}); "
        "add --prefix, --suffix or --near"
    )
    assert "\n" not in str(error)
    assert isinstance(error, AnchoringError)
    assert isinstance(error, AnnotationError)


def test_many_candidates_are_summarised() -> None:
    text = " ".join(["plan"] * 14)
    with pytest.raises(AmbiguousQuote, match=r"matches 14 places \(offsets 0, 5, .* and 4 more\)"):
        find_quote(text, "plan")


def test_prefix_disambiguates() -> None:
    match = find_quote(ARTICLE, "the plan", prefix="Residents support ")
    assert match.start == ARTICLE.index("the plan. The mayor")


def test_suffix_disambiguates() -> None:
    match = find_quote(ARTICLE, "the plan", suffix=". Residents")
    assert match.start == ARTICLE.index("the plan. Residents")


def test_context_with_typos_still_disambiguates() -> None:
    match = find_quote(ARTICLE, "the plan", prefix="Residnts suport ")
    assert match.start == ARTICLE.index("the plan. The mayor")


def test_near_disambiguates() -> None:
    second = ARTICLE.index("The council", 1)
    assert find_quote(ARTICLE, "The council", near=second + 3).start == second
    assert find_quote(ARTICLE, "The council", near=0).start == 0


def test_context_that_does_not_help_is_still_ambiguous() -> None:
    with pytest.raises(AmbiguousQuote):
        find_quote("a plan. a plan.", "plan", prefix="a ")


def test_equidistant_hint_is_ambiguous() -> None:
    text = "plan xx plan"
    with pytest.raises(AmbiguousQuote):
        find_quote(text, "plan", near=4)


def test_unique_quote_beats_contradicting_context() -> None:
    match = find_quote(ARTICLE, "petition", prefix="zzzz ", suffix=" qqqq")
    assert match.start == ARTICLE.index("petition")


def test_match_quote_takes_the_first_of_equal_matches() -> None:
    match = match_quote(ARTICLE, "the harbour street plan")
    assert match == Match(
        ARTICLE.index("the harbour"), ARTICLE.index("the harbour") + 23, 1.0, "exact"
    )


def test_not_found_names_closest_match_and_similarity() -> None:
    with pytest.raises(QuoteNotFound) as caught:
        find_quote(ARTICLE, "The council will postpone the harbour street vote")
    error = caught.value
    assert error.closest is not None and error.closest_start is not None
    assert error.closest_similarity < SIMILARITY_THRESHOLD
    assert ARTICLE[error.closest_start :].startswith(error.closest)
    assert error.closest_similarity == pytest.approx(similarity(error.quote, error.closest))
    message = str(error)
    assert message.startswith(
        f"quote not found; closest match (similarity {error.closest_similarity:.2f}): “"
    )
    assert "\n" not in message


def test_unrelated_quote_is_not_found() -> None:
    with pytest.raises(QuoteNotFound):
        find_quote(ARTICLE, "submarine canyon expedition")
    assert match_quote(ARTICLE, "submarine canyon expedition") is None


def test_not_found_in_empty_text() -> None:
    with pytest.raises(QuoteNotFound, match="nothing in the text resembles it"):
        find_quote("", "anything")


@pytest.mark.parametrize("quote", ["", "   ", "\n\t", "\u00ad"])
def test_empty_quote(quote: str) -> None:
    with pytest.raises(EmptyQuote, match="quote is empty"):
        find_quote(ARTICLE, quote)
    assert match_quote(ARTICLE, quote) is None


def test_non_bmp_offsets_are_code_points() -> None:
    text = "Café crème at nine — then 🚲 to work, then 🚲 home."
    match = find_quote(text, "🚲 home")
    assert (match.start, match.end) == (42, 48)


@given(
    st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "river", "town"]), max_size=40),
    st.lists(
        st.sampled_from(["harbour", "petition", "council", "quietly"]), min_size=3, max_size=6
    ),
    st.data(),
)
@settings(max_examples=60, deadline=None)
def test_a_planted_quote_with_a_typo_is_found(
    words: list[str], quote_words: list[str], data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(words)))
    text = " ".join([*words[:at], *quote_words, *words[at:]])
    quote = " ".join(quote_words)
    typo = data.draw(st.integers(0, len(quote) - 1))
    typed = quote[:typo] + "#" + quote[typo + 1 :]
    match = match_quote(text, typed)
    assert match is not None
    assert similarity(typed, text[match.start : match.end]) >= SIMILARITY_THRESHOLD
    assert match.start <= text.index(quote) + 1 and match.end >= text.index(quote) + len(quote) - 1


# -- anchor_range ---------------------------------------------------------------------------------


def test_anchor_range_accepts_and_trims() -> None:
    assert anchor_range(ARTICLE, 4, 11) == (4, 11)
    assert anchor_range(ARTICLE, 3, 12) == (4, 11)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (5, 900, "range 5:900 is outside the text (0:"),
        (-1, 4, "range -1:4 is outside the text"),
        (9, 5, "range 9:5 is reversed"),
        (5, 5, "range 5:5 is empty"),
        (3, 4, "range 3:4 holds only whitespace"),
    ],
)
def test_anchor_range_errors(start: int, end: int, message: str) -> None:
    with pytest.raises(RangeError) as caught:
        anchor_range(ARTICLE, start, end)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_anchor_range_message_names_the_text_length() -> None:
    with pytest.raises(RangeError, match=r"^range 5:900 is outside the text \(0:812\)$"):
        anchor_range("x" * 812, 5, 900)


# -- reanchor -------------------------------------------------------------------------------------


def test_unchanged_text_keeps_the_highlight() -> None:
    note = highlight(ARTICLE, "The council will vote next Tuesday")
    assert locate(note, ARTICLE) == Match(note.start, note.end, 1.0, "position")
    assert reanchor(note, ARTICLE) == note


def test_paragraph_inserted_above_shifts_the_highlight() -> None:
    note = highlight(ARTICLE, "The council will vote next Tuesday")
    new_text = "Update: the vote was moved.\n\n" + ARTICLE
    match = locate(note, new_text)
    assert match is not None and match.method == "context"
    moved = reanchor(note, new_text)
    assert moved.start == note.start + len("Update: the vote was moved.\n\n")
    assert new_text[moved.start : moved.end] == moved.quote == note.quote
    assert moved.suffix == note.suffix
    assert not moved.orphaned and not moved.needs_review and moved.original_quote is None


def test_repeated_quote_keeps_its_own_occurrence_after_a_shift() -> None:
    note = highlight(ARTICLE, "the plan", occurrence=1)  # "Residents support the plan"
    new_text = ARTICLE.replace("Traders oppose", "Shop owners on the street firmly oppose")
    moved = reanchor(note, new_text)
    assert new_text[moved.start - len("support ") : moved.end] == "support the plan"


def test_word_edited_inside_quote_is_approximate_and_flagged() -> None:
    note = highlight(ARTICLE, "The council will vote next Tuesday on the harbour street plan")
    new_text = ARTICLE.replace("next Tuesday", "next Wednesday")
    match = locate(note, new_text)
    assert match is not None and match.method == "approximate"
    moved = reanchor(note, new_text)
    assert moved.quote == "The council will vote next Wednesday on the harbour street plan"
    assert new_text[moved.start : moved.end] == moved.quote
    assert moved.original_quote == note.quote
    assert moved.needs_review and not moved.orphaned
    assert moved.modified == note.modified


def test_second_approximate_reanchor_keeps_the_first_original_quote() -> None:
    note = highlight(ARTICLE, "The council will vote next Tuesday on the harbour street plan")
    once = reanchor(note, ARTICLE.replace("next Tuesday", "next Wednesday"))
    twice = reanchor(once, ARTICLE.replace("next Tuesday", "next Thursday"))
    assert twice.quote == "The council will vote next Thursday on the harbour street plan"
    assert twice.original_quote == note.quote and twice.needs_review


def test_typography_change_refreshes_quote_without_review() -> None:
    text = "She said it's only a draft - don't quote me. Then she left."
    note = highlight(text, "it's only a draft - don't quote me")
    new_text = "Preface.\n\n" + text.replace("'", "’").replace(" - ", " — ")
    match = locate(note, new_text)
    assert match is not None and match.method == "normalized"
    moved = reanchor(note, new_text)
    assert moved.quote == "it’s only a draft — don’t quote me" == new_text[moved.start : moved.end]
    assert not moved.needs_review and moved.original_quote is None


def test_deleted_paragraph_orphans_the_highlight_and_keeps_its_quote() -> None:
    note = highlight(ARTICLE, "A petition with 4,000 signatures was handed in on Friday.")
    new_text = ARTICLE[: ARTICLE.index("\n\nA petition")]
    gone = reanchor(note, new_text)
    assert gone.orphaned
    assert (gone.quote, gone.prefix, gone.suffix) == (note.quote, note.prefix, note.suffix)
    assert 0 <= gone.start <= gone.end <= len(new_text)  # clamped, harmless to slice
    assert gone.modified == note.modified
    assert not gone.needs_review


def test_unrelated_text_is_never_matched() -> None:
    note = highlight(ARTICLE, "The mayor has not said how she will vote")
    unrelated = (
        "Gardening in spring: roses need pruning before the buds open. Water the beds in the "
        "morning and mulch them in May. The gardener has not watered the lawn this week."
    )
    assert locate(note, unrelated) is None
    assert reanchor(note, unrelated).orphaned


def test_short_quote_does_not_jump_to_a_look_alike_word() -> None:
    text = "The vote is on Tuesday.\n\nIn other news, the boat sank."
    note = highlight(text, "vote")
    new_text = "In other news, the boat sank. A note was left."
    assert similarity("vote", "note") >= SIMILARITY_THRESHOLD  # alike, but its context is not
    assert reanchor(note, new_text).orphaned


def test_edited_short_quote_does_not_jump_to_the_same_word_elsewhere() -> None:
    text = "The harbour plan was approved on Tuesday by the council.\n\nTraders met on Tuesday."
    note = highlight(text, "Tuesday")  # the first one
    new_text = text.replace("approved on Tuesday", "approved on Wednesday")
    assert reanchor(note, new_text).orphaned


def test_short_quote_that_lost_the_text_before_it_is_found() -> None:
    note = highlight(ARTICLE, "Traders oppose")
    new_text = ARTICLE.replace("The council will vote next Tuesday on the harbour street plan, "
                               "officials said.\n\n", "")  # fmt: skip
    moved = reanchor(note, new_text)
    assert not moved.orphaned and moved.quote == "Traders oppose"
    assert moved.prefix != note.prefix and moved.suffix == note.suffix


def test_long_unique_quote_moved_to_new_surroundings_is_found() -> None:
    quote = "A petition with 4,000 signatures was handed in on Friday."
    note = highlight(ARTICLE, quote)
    new_text = "Breaking: " + quote + " More to follow."
    match = locate(note, new_text)
    assert match is not None and match.method == "context"
    assert new_text[match.start : match.end] == quote


def test_orphan_found_again_is_unorphaned() -> None:
    note = highlight(ARTICLE, "The mayor has not said how she will vote")
    orphan = reanchor(note, "Nothing here.")
    assert orphan.orphaned
    back = reanchor(orphan, "New intro.\n\n" + ARTICLE)
    assert not back.orphaned
    assert back.quote == note.quote


def test_reanchor_leaves_the_rest_of_the_annotation_alone() -> None:
    note = highlight(ARTICLE, "The mayor has not said how she will vote")
    note = Annotation.from_dict({**note.to_dict(), "stance": "oppose", "tags": ["x"], "note": "n"})
    moved = reanchor(note, "Intro.\n\n" + ARTICLE)
    assert (moved.id, moved.stance, moved.tags, moved.note, moved.created, moved.modified) == (
        note.id,
        note.stance,
        note.tags,
        note.note,
        note.created,
        note.modified,
    )


def test_empty_quote_annotation_is_orphaned() -> None:
    note = Annotation("article", 0, 0, "")
    assert reanchor(note, ARTICLE).orphaned


# -- the re-anchoring property --------------------------------------------------------------------

VOCABULARY = [
    "the", "council", "vote", "harbour", "street", "plan", "traders", "said", "river", "rose",
    "it’s", "“quoted”", "—", "a", "of", "in", "4,000", "Tuesday.", "It", "boat",
]  # fmt: skip
PIECES = st.sampled_from([*VOCABULARY, " ", "\n\n", "x", "’", "-", ""])


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[float, int, str]]:
    """Edits as (where, how many characters to remove, what to insert)."""
    return draw(
        st.lists(
            st.tuples(
                st.floats(0, 1),
                st.integers(0, 30),
                st.lists(PIECES, max_size=4).map(" ".join),
            ),
            min_size=1,
            max_size=4,
        )
    )


@given(
    paragraphs=st.lists(
        st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=25), min_size=1, max_size=5
    ),
    where=st.tuples(st.floats(0, 1), st.integers(1, 60)),
    changes=edits(),
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_reanchoring_never_lands_on_unrelated_words(
    paragraphs: list[list[str]], where: tuple[float, int], changes: list[tuple[float, int, str]]
) -> None:
    text, _ = build_text(("paragraph", " ".join(words)) for words in paragraphs)
    start = int(where[0] * (len(text) - 1))
    try:
        start, end = anchor_range(text, start, min(len(text), start + where[1]))
    except RangeError:
        return
    note = Annotation.from_span("article", text, start, end)

    # Apply the edits, following the quoted region while no edit touches it.
    intact = True
    for at_fraction, removed, inserted in changes:
        at = int(at_fraction * len(text))
        stop = min(len(text), at + removed)
        text = text[:at] + inserted + text[stop:]
        if stop <= start:  # wholly before the quote (an insertion at its start included)
            start, end = start + len(inserted) - (stop - at), end + len(inserted) - (stop - at)
        elif at < end:  # overlaps the quote (at >= end: wholly after it)
            intact = False
    # An untouched quote with one side of its context untouched must be found again.
    found_again_required = False
    if intact:
        assert text[start:end] == note.quote
        prefix_kept = text[max(0, start - len(note.prefix)) : start] == note.prefix and (
            bool(note.prefix) or start == 0
        )
        suffix_kept = text[end : end + len(note.suffix)] == note.suffix and (
            bool(note.suffix) or end == len(text)
        )
        found_again_required = prefix_kept or suffix_kept

    moved = reanchor(note, text)
    assert moved.modified == note.modified
    if moved.orphaned:
        assert not found_again_required, "a quote with one side of its context untouched is found"
        assert (moved.quote, moved.prefix, moved.suffix) == (note.quote, note.prefix, note.suffix)
        assert 0 <= moved.start <= moved.end <= len(text)
        return
    # Never unrelated words: what the highlight now covers is the quote, or close to it.
    assert moved.quote == text[moved.start : moved.end]
    assert similarity(moved.quote, note.quote) >= SIMILARITY_THRESHOLD
    if intact:
        assert normalize_for_match(moved.quote)[0] == normalize_for_match(note.quote)[0]
        assert not moved.needs_review
    if moved.needs_review:
        assert moved.original_quote == note.quote


@given(
    st.text(alphabet="abcd", min_size=0, max_size=60),
    st.text(alphabet="abcd", min_size=1, max_size=16),
)
@settings(max_examples=300, deadline=None)
def test_approximate_search_agrees_with_brute_force(text: str, quote: str) -> None:
    best = min(
        (
            Levenshtein.distance(quote, text[i:j])
            for i in range(len(text))
            for j in range(i + 1, len(text) + 1)
        ),
        default=len(quote),
    )
    match = match_quote(text, quote)
    if best <= (1 - SIMILARITY_THRESHOLD) * len(quote):
        assert match is not None
    if match is not None:
        assert similarity(quote, text[match.start : match.end]) >= SIMILARITY_THRESHOLD
        assert match.score == similarity(quote, text[match.start : match.end])
