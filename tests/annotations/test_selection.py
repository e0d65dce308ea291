"""Selection helpers: sentence, word and paragraph spans and the reader's motions over them."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.selection import (
    TextIndex,
    Unit,
    extend,
    next_paragraph,
    next_sentence,
    next_word,
    paragraph_at,
    paragraph_spans,
    prev_paragraph,
    prev_sentence,
    prev_word,
    sentence_at,
    sentence_spans,
    snap_to_words,
    word_at,
    word_spans,
)
from library.model import Block
from library.text import build_text


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The U.S. economy grew. Mr. Smith disagreed.",
            ["The U.S. economy grew.", "Mr. Smith disagreed."],
            id="abbreviation-mid-sentence",
        ),
        pytest.param(
            "He moved to the U.S. The move was hard.",
            ["He moved to the U.S.", "The move was hard."],
            id="abbreviation-ends-sentence",
        ),
        pytest.param(
            "U.S. President Biden spoke in the U.K. Parliament. Then he left.",
            ["U.S. President Biden spoke in the U.K. Parliament.", "Then he left."],
            id="abbreviation-before-a-name",
        ),
        pytest.param(
            "Mrs. Dalloway met Ms. Kent, Dr. Who, Gov. Brown, Sen. Warren and Rep. Cole. They ate.",
            [
                "Mrs. Dalloway met Ms. Kent, Dr. Who, Gov. Brown, Sen. Warren and Rep. Cole.",
                "They ate.",
            ],
            id="titles",
        ),
        pytest.param(
            "He lives on Main St. The shop is near St. Paul's church.",
            ["He lives on Main St.", "The shop is near St. Paul's church."],
            id="saint-and-street",
        ),
        pytest.param(
            "It opened Jan. 5 and closed Feb. 9. Then Aug. 12 and Sept. 3 came. Smith left in Jan. "
            "The end.",
            [
                "It opened Jan. 5 and closed Feb. 9.",
                "Then Aug. 12 and Sept. 3 came.",
                "Smith left in Jan.",
                "The end.",
            ],
            id="months",
        ),
        pytest.param(
            "Apple Inc. Chief Tim Cook and Acme Corp. staff met. They agreed with Apple Inc. "
            "The deal closed.",
            [
                "Apple Inc. Chief Tim Cook and Acme Corp. staff met.",
                "They agreed with Apple Inc.",
                "The deal closed.",
            ],
            id="company-suffixes",
        ),
        pytest.param(
            "It was Smith vs. Jones, e.g. Case A, i.e. the first. We won.",
            ["It was Smith vs. Jones, e.g. Case A, i.e. the first.", "We won."],
            id="latin-shorthands",
        ),
        pytest.param(
            "Bring apples, pears, etc. The rest is optional. Bring pens, etc. and paper.",
            ["Bring apples, pears, etc.", "The rest is optional.", "Bring pens, etc. and paper."],
            id="etc-ends-before-a-capital-but-not-before-lower-case",
        ),
        pytest.param(
            "J. R. R. Tolkien wrote it. George W. Bush read it. We saw Plan B. The plan failed.",
            [
                "J. R. R. Tolkien wrote it.",
                "George W. Bush read it.",
                "We saw Plan B.",
                "The plan failed.",
            ],
            id="initials",
        ),
        pytest.param(
            "Sales rose to $3.5 million, up 2.5%. Profits fell 0.3 points.",
            ["Sales rose to $3.5 million, up 2.5%.", "Profits fell 0.3 points."],
            id="decimals",
        ),
        pytest.param(
            "He paused... then went on. He paused… Then he stopped. Wait . . . what?",
            ["He paused... then went on.", "He paused…", "Then he stopped.", "Wait . . . what?"],
            id="ellipses",
        ),
        pytest.param(
            "The plan “must be scrapped,’’ he wrote. Others agreed.",
            ["The plan “must be scrapped,’’ he wrote.", "Others agreed."],
            id="quote-ending-in-a-comma",
        ),
        pytest.param(
            "He said “No.” Then he left.",
            ["He said “No.”", "Then he left."],
            id="full-stop-inside-closing-quote",
        ),
        pytest.param(
            "“Is it?” she asked. “Yes!” He nodded.",
            ["“Is it?” she asked.", "“Yes!”", "He nodded."],
            id="question-inside-quote",
        ),
        pytest.param(
            'He said "Stop." She did.',
            ['He said "Stop."', "She did."],
            id="straight-quotes",
        ),
        pytest.param(
            "Really? Yes! Fine?! Done.",
            ["Really?", "Yes!", "Fine?!", "Done."],
            id="question-and-exclamation",
        ),
        pytest.param(
            "It was late (very late). We slept. (He had gone.) We stayed.",
            ["It was late (very late).", "We slept.", "(He had gone.)", "We stayed."],
            id="closing-brackets",
        ),
        pytest.param(
            "1. First item with a point",
            ["1. First item with a point"],
            id="numbered-list-item",
        ),
        pytest.param(
            "IV. Results came in. They were good.",
            ["IV. Results came in.", "They were good."],
            id="roman-numbered-heading",
        ),
        pytest.param(
            "See No. 5 and pp. 10-12. It was born in 1999. 2000 was next.",
            ["See No. 5 and pp. 10-12.", "It was born in 1999.", "2000 was next."],
            id="numbers",
        ),
        pytest.param(
            "Visit https://example.com/a.html today. Then write to a.b@example.com. Thanks.",
            [
                "Visit https://example.com/a.html today.",
                "Then write to a.b@example.com.",
                "Thanks.",
            ],
            id="urls-and-email",
        ),
        pytest.param(
            "It ended at 5 p.m. The next day was quiet. The 9 a.m. Eastern slot moved.",
            ["It ended at 5 p.m.", "The next day was quiet.", "The 9 a.m. Eastern slot moved."],
            id="times",
        ),
        pytest.param(
            "No final punctuation here",
            ["No final punctuation here"],
            id="no-terminal",
        ),
        pytest.param("   ", [], id="only-spaces"),
        pytest.param("", [], id="empty"),
    ],
)
def test_sentence_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_never_cross_blocks() -> None:
    text, _ = build_text([("heading", "Dr. Who"), ("paragraph", "Mr. Smith left. He did.")])
    assert sentences(text) == ["Dr. Who", "Mr. Smith left.", "He did."]


def test_sentence_spans_are_trimmed() -> None:
    text = "  One.   Two.  \n\n  Three.  "
    assert sentence_spans(text) == [(2, 6), (9, 13), (19, 25)]


def test_single_newlines_are_spaces() -> None:
    assert sentences("One line\ncontinues. Next.") == ["One line\ncontinues.", "Next."]


# -- words and paragraphs ------------------------------------------------------------------------


def test_word_spans() -> None:
    text = "It’s a well-known U.S. fact: 3.5% of 1,000 — e-mail me."
    words = [text[s:e] for s, e in word_spans(text)]
    assert words == ["It’s", "a", "well-known", "U.S", "fact", "3.5", "of", "1,000", "e-mail", "me"]


def test_paragraph_spans() -> None:
    text = "\n\nFirst para.\nStill first.\n\n \n\nSecond.  \n\n\nThird"
    assert [text[s:e] for s, e in paragraph_spans(text)] == [
        "First para.\nStill first.",
        "Second.",
        "Third",
    ]


def test_paragraphs_from_blocks() -> None:
    text, blocks = build_text([("heading", "Title"), ("paragraph", "Body one. Body two.")])
    index = TextIndex(text, blocks)
    assert index.paragraphs == [(b.start, b.end) for b in blocks]
    assert [text[s:e] for s, e in index.sentences] == ["Title", "Body one.", "Body two."]
    assert TextIndex(text, [Block("paragraph", 0, len(text))]).paragraphs == [(0, len(text))]


# -- lookups and motions -------------------------------------------------------------------------

TEXT = "One two. Three four.\n\nFive six. Seven."
#       0   4   8 9     15   20  22  27 31   37


def test_unit_at_returns_containing_or_next() -> None:
    assert sentence_at(TEXT, 0) == (0, 8)
    assert sentence_at(TEXT, 7) == (0, 8)
    assert sentence_at(TEXT, 8) == (9, 20)  # the space between belongs to neither: next one
    assert sentence_at(TEXT, 20) == (22, 31)  # the blank line: next paragraph's first
    assert sentence_at(TEXT, len(TEXT)) is None
    assert word_at(TEXT, 2) == (0, 3)
    assert word_at(TEXT, 3) == (4, 7)
    assert word_at(TEXT, 37) is None  # the final full stop is after the last word
    assert paragraph_at(TEXT, 21) == (22, 38)
    assert paragraph_at(TEXT, 5) == (0, 20)


def test_sentence_motions() -> None:
    assert next_sentence(TEXT, 0) == 9
    assert next_sentence(TEXT, 9) == 22
    assert next_sentence(TEXT, 22) == 32
    assert next_sentence(TEXT, 32) == 32  # last sentence: stay put
    assert prev_sentence(TEXT, 32) == 22
    assert prev_sentence(TEXT, 25) == 22  # inside a sentence: to its start
    assert prev_sentence(TEXT, 22) == 9
    assert prev_sentence(TEXT, 0) == 0  # first sentence: stay put


def test_word_motions() -> None:
    assert next_word(TEXT, 0) == 4
    assert next_word(TEXT, 15) == 22  # across the paragraph break
    assert prev_word(TEXT, 22) == 15
    assert prev_word(TEXT, 5) == 4
    assert next_word(TEXT, 32) == 32
    assert prev_word(TEXT, 0) == 0


def test_paragraph_motions() -> None:
    assert next_paragraph(TEXT, 3) == 22
    assert next_paragraph(TEXT, 22) == 22
    assert prev_paragraph(TEXT, 30) == 22
    assert prev_paragraph(TEXT, 22) == 0
    assert prev_paragraph(TEXT, 0) == 0


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "—"])
def test_motions_on_texts_without_units(text: str) -> None:
    for motion in (next_sentence, prev_sentence, next_word, prev_word):
        assert motion(text, 0) == 0
    assert word_at(text, 0) is None
    assert snap_to_words(text, 0, len(text)) == ((0, 0) if text.isspace() or not text else (0, 1))


def test_extend_orders_and_clamps() -> None:
    assert extend(TEXT, 9, 3) == (3, 9)
    assert extend(TEXT, -5, 500) == (0, len(TEXT))


def test_extend_by_sentences_covers_whole_sentences() -> None:
    # The anchor sits on "Three four." and the head moved two sentences on, to "Seven."
    assert extend(TEXT, 9, 32, unit="sentence") == (9, 38)
    assert extend(TEXT, 32, 9, unit="sentence") == (9, 38)
    assert extend(TEXT, 11, 11, unit="sentence") == (9, 20)
    assert extend(TEXT, 0, 5, unit="word") == (0, 7)
    assert extend(TEXT, 23, 23, unit="paragraph") == (22, 38)


def test_snap_to_words() -> None:
    assert snap_to_words(TEXT, 1, 6) == (0, 7)  # "ne tw" → "One two"
    assert snap_to_words(TEXT, 3, 9) == (4, 8)  # leading and trailing spaces trimmed
    assert snap_to_words(TEXT, 5, 5) == (4, 7)  # a cursor inside a word selects it
    assert snap_to_words(TEXT, 6, 1) == (0, 7)  # reversed is ordered


# -- properties ----------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "Mr.", "U.S.", "J.", "etc.", "3.5", "end.", "Why?", "“No.”", "he", "The", "said,", "’’",
        "…", "...", "(it)", "1.", "e.g.", "a.b@c.com.", " ", "  ", "\n", "\n\n", "\n \n", "Yes!",
    ]
)  # fmt: skip


@given(st.lists(PIECES, max_size=40).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_span_invariants(text: str) -> None:
    index = TextIndex(text)
    paragraphs = index.paragraphs
    for spans in (paragraphs, index.sentences, index.words):
        assert spans == sorted(spans)
        for (_, end), (start, _) in pairwise(spans):
            assert end <= start
        for start, end in spans:
            assert 0 <= start < end <= len(text)
            assert "\n\n" not in text[start:end]
            assert not text[start].isspace() and not text[end - 1].isspace()
    # Every non-space character of a paragraph is in exactly one sentence, and sentences stay
    # inside paragraphs.
    covered = [0] * len(text)
    for start, end in index.sentences:
        assert any(ps <= start and end <= pe for ps, pe in paragraphs)
        for i in range(start, end):
            covered[i] += 1
    for start, end in paragraphs:
        for i in range(start, end):
            assert covered[i] == 1 or (covered[i] == 0 and text[i].isspace())
    assert sentence_spans(text) == index.sentences


@given(st.lists(PIECES, max_size=30).map(" ".join), st.integers(-3, 300))
@settings(max_examples=300, deadline=None)
def test_motions_agree_with_the_span_lists(text: str, offset: int) -> None:
    index = TextIndex(text)
    cases: list[tuple[Unit, list[tuple[int, int]]]] = [
        ("sentence", index.sentences),
        ("word", index.words),
        ("paragraph", index.paragraphs),
    ]
    for unit, spans in cases:
        starts = [s for s, _ in spans]
        later = [s for s in starts if s > offset]
        earlier = [s for s in starts if s < offset]
        assert index.next_start(unit, offset) == (later[0] if later else offset)
        assert index.prev_start(unit, offset) == (earlier[-1] if earlier else offset)
        following = [span for span in spans if span[1] > offset]
        assert index.unit_at(unit, offset) == (following[0] if following else None)
