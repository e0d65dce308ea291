"""Speakers found by reading only what a quotation asks for give what reading the whole article
in order gives: reported speech read verb by verb on demand, sentence ends found per paragraph.

Articles are built from the paragraphs of the bundled samples, the seed article and a few
written here, drawn in any order and any number, joined by any separator (paragraph breaks, a
space or nothing, so sentences and speech verbs meet across paragraph boundaries).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.quotations import find_quotations
from annotations.quotations import speakers as S
from annotations.quotations.spans import Paragraph
from library.importer import build_article, parse_source, read_file
from library.model import Block

REPO = Path(__file__).resolve().parents[2]
_SOURCES = [
    REPO / "tests" / "fixtures" / "news" / "boston-secure-communities.txt",
    *sorted((REPO / "library" / "samples").iterdir()),
]


# Paragraphs whose quotations need the look back: pronouns, roles, organisations, speakers
# carried from the sentence or paragraph before, and speech reported without quotation marks.
_WRITTEN = [
    "Mayor Ann Porter said on Monday that the harbour plan would go ahead.",
    "Porter told the council she had the votes. “We will build it this year,” she said.",
    "The Harbour Trust said it would fight the plan in court.",
    "“This is a mistake that the city will regret,” it said in a letter to members.",
    "Councillor Tom Brown, who chairs the budget committee, disagreed with the mayor.",
    "He said the cost had doubled since the spring. “Nobody has seen the figures,” he added.",
    "“We have,” the mayor said. “They were published in March.”",
    "“The figures are wrong,” Brown replied, and he asked for an audit.",
    "Ms. Porter said she welcomed an audit. Brown said he would table a motion.",
    "“An audit will take a year and cost more than the savings.”",
    "Residents were divided. Maria Lopez, a baker on Harbour Street, said trade had fallen.",
    "“I lose customers every week the road is closed,” said Lopez, who has run the shop for years.",
    "Her neighbour, John Reed, said they were told nothing about the works.",
    "“Nobody asked us,” they said.",
    "The company said in a statement that it had followed every rule.",
    "“Work will finish on time,” the statement said.",
    "He warned that the vote could slip. She said it would not.",
    "According to the Harbour Trust, “the consultation was a sham from the start.”",
]


@cache
def _paragraphs() -> list[tuple[str, str]]:
    """(body, kind) of every block of the sources, and the paragraphs written here."""
    found = [(body, "paragraph") for body in _WRITTEN]
    for path in _SOURCES:
        article = build_article(parse_source(read_file(path, 10_000_000)), str(path), "")
        found += [(article.text[b.start : b.end], b.kind) for b in article.blocks]
    return found


def _article(picks: list[int], separator: str) -> tuple[str, list[Block]]:
    pool = _paragraphs()
    parts: list[str] = []
    blocks: list[Block] = []
    at = 0
    for pick in picks:
        body, kind = pool[pick % len(pool)]
        if parts:
            at += len(separator)
        blocks.append(Block(kind, at, at + len(body)))  # type: ignore[arg-type]
        parts.append(body)
        at += len(body)
    return separator.join(parts), blocks


def _rows(text: str, blocks: list[Block] | None) -> list[tuple[object, ...]]:
    return [(q.start, q.end, q.speaker, q.role, q.kind) for q in find_quotations(text, blocks)]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=4, max_size=30),
    st.sampled_from(["\n\n", "\n", " ", ""]),
)
def test_reading_on_demand_finds_what_reading_in_order_finds(
    picks: list[int], separator: str
) -> None:
    text, blocks = _article(picks, separator)
    on_demand = (_rows(text, blocks), _rows(text, None))
    start_reading = S._Context.start_reading

    def read_everything_first(context: S._Context, paras: list[Paragraph]) -> None:
        """Every speech verb's speaker read, in order, before any quotation's, into one list
        looked back through by position (as for paragraphs that overlap)."""
        start_reading(context, paras)
        context.in_order = []
        for index in range(len(paras)):
            for verb in range(len(context._verbs(index))):
                context._speaker(index, verb)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(S._Context, "start_reading", read_everything_first)
        in_order = (_rows(text, blocks), _rows(text, None))
    assert on_demand == in_order


def test_a_pronoun_far_from_its_speaker_reads_back_through_many_paragraphs() -> None:
    """A chain of "he said" paragraphs deeper than the nested reading allows still finds the
    speaker named at the top (the reads fall back to reading in order)."""
    paras = ["Mayor Ann Porter spoke to the council on Monday."]
    paras += [f"He said plan {i} was ready, and he added that it would pass." for i in range(80)]
    paras.append("“We will build it,” she said.")
    found = find_quotations("\n\n".join(paras))
    assert [(q.text, q.speaker) for q in found] == [("We will build it", "Ann Porter")]


def test_the_sentence_before_is_read_without_the_speech_before_it() -> None:
    """A quotation's speaker carried from the sentence before asks only for that sentence's
    speech verbs: one before it cannot be that speaker, and is left unread."""
    text = "Ann Lee said the plan works. The sky is blue today."
    context = _masked(text)
    context.start_reading([Paragraph(0, len(text))])
    assert context.latest_between(text.index("The sky"), len(text)) is None
    assert context.speakers[0] == [S._UNREAD]  # "said"


# -- sentence ends per paragraph, against the ends of the whole text ------------------------------

_ALPHABET = st.sampled_from(
    ["a", "Ann", "Mr", "U.S", "e.g", ".", ".", "!", "?", " ", " ", "\n", "”", '"', ")", "\x00"]
)


def _masked(text: str) -> S._Context:
    """A context whose masked text is text (no quotation blanked)."""
    context = S._Context(text)
    context.masked = text
    return context


def _cuts(data: st.DataObject, text: str) -> list[tuple[int, int]]:
    """Two to seven paragraphs of text, drawn as cuts (gaps between them allowed)."""
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)), min_size=2, max_size=8)))
    return list(pairwise(cuts))


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=60), st.data())
def test_sentence_bounds_per_paragraph_match_the_whole_text(
    pieces: list[str], data: st.DataObject
) -> None:
    masked = "".join(pieces)
    ends = [
        m.span()
        for m in S._SENTENCE_END.finditer(masked)
        if masked[m.start() - 5 : m.start()].isalpha()
        or not S._abbreviation_before(masked, m.start())
    ]
    every_end = ([stop for stop, _ in ends], [restart for _, restart in ends])
    context, whole = _masked(masked), _masked(masked)
    for para in (Paragraph(start, end) for start, end in _cuts(data, masked)):
        # the same bounds read from the sentence ends of the whole text
        whole.ends[(para.start, para.end)] = every_end
        # from just before the paragraph too: its first sentence's start is asked from there
        for position in range(max(para.start - 1, 0), para.end + 1):
            assert S._sentence_bounds(context, para, position) == S._sentence_bounds(
                whole, para, position
            )
            if para.start <= position < para.end:
                starts_here = position in every_end[1]
                assert S._sentence_starts_at(context, para, position) == starts_here


def test_sentence_ends_are_searched_once_per_paragraph() -> None:
    masked = "One. Two! Three?\n\nFour. Five"
    context = _masked(masked)
    first, second = Paragraph(0, 16), Paragraph(18, len(masked))
    assert S._sentence_bounds(context, first, 6) == (5, 9)
    assert S._sentence_bounds(context, second, 25) == (24, len(masked))
    assert set(context.ends) == {(0, 16), (18, len(masked))}
    assert re.fullmatch(r"Four\.", masked[18 : S._sentence_bounds(context, second, 18)[1]])


# -- speech verbs per paragraph, against the passes over the whole text ---------------------------

_WORDS = ("said", "told", "wrote", "in", "a", "statement", "reporters", "to", "the", "according")
_VERBISH = st.sampled_from(
    [*_WORDS, " ", " ", "\n", ",", "“", "”", "\x00", "A", "é", "-", "(", "1"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_VERBISH, min_size=1, max_size=80), st.data())
def test_verb_starts_per_paragraph_match_the_whole_text(
    pieces: list[str], data: st.DataObject
) -> None:
    text = "".join(pieces)
    _check_verb_starts(text, _cuts(data, text))


def test_a_phrase_running_into_a_paragraph_is_not_found_again_inside_it() -> None:
    text = "He said in a statement that the plan was ready. She wrote\nin a statement: no."
    starts = [text.index("in a"), text.rindex("in a")]
    _check_verb_starts(text, [(start, len(text)) for start in starts])


def _check_verb_starts(text: str, paras: list[tuple[int, int]]) -> None:
    context = _masked(text)
    whole = S._verb_starts(context)
    for start, end in paras:
        para = Paragraph(start, end)
        found = S._verb_starts_in(context, para)
        assert found is None or found == [s for s in whole if start <= s < end]
        assert S._verbs_of(context, S._starts_for(context, para), para) == S._verbs_of(
            context, whole, para
        )
