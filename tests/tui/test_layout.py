"""Wrapping keeps exact offsets: properties of wrap_spans and of the Layout's mappings."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from library.model import BLOCK_KINDS, Article
from library.text import build_text
from tui.layout import PREFIX_CELLS, Layout, wrap_spans

words = st.text(
    alphabet=st.sampled_from([*list("abcdefghij“”’—–é"), "漢", "字", "🙂"]), min_size=1, max_size=14
)
lines = st.lists(words, min_size=1, max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(lines, st.integers(min_value=1, max_value=40))
def test_wrap_spans_cover_the_line_in_order(text: str, width: int) -> None:
    spans = wrap_spans(text, width)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(spans):
        gap = text[end:start]
        assert gap in ("", " ")  # a line ends at a space (dropped) or inside an overlong word
    for start, end in spans:
        piece = text[start:end]
        # A line fits, unless it is (part of) a single word wider than the line.
        assert cell_len(piece) <= width or " " not in piece
        assert not piece.startswith(" ")


blocks = st.lists(st.tuples(st.sampled_from(BLOCK_KINDS), lines), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(blocks, st.integers(min_value=12, max_value=90))
def test_layout_maps_offsets_and_screen_lines_both_ways(
    raw: list[tuple[str, str]], measure: int
) -> None:
    text, spans = build_text(raw)  # type: ignore[arg-type]
    article = Article(id="a", title="A title", text=text, blocks=spans)
    layout = Layout.for_article(article, measure)
    previous_y = -1
    previous_block = -1
    for index in range(layout.text_lines):
        start, end = layout.span_of_text_index(index)
        y = layout.y_of_text_index(index)
        line = layout.line(y)
        assert line.kind == "text" and (line.start, line.end) == (start, end)
        # Lines of one block are consecutive; blocks are separated by exactly one blank line.
        if previous_block >= 0:
            gap = 2 if line.block != previous_block else 1
            assert y == previous_y + gap
            if gap == 2:
                assert layout.line(y - 1).kind == "blank"
        previous_y, previous_block = y, line.block
        assert layout.text_index_of_offset(start) == index
        kind = article.blocks[line.block].kind
        assert (
            cell_len(text[start:end]) <= measure - PREFIX_CELLS[kind] or " " not in text[start:end]
        )
        # Every offset on the line maps to its column and back.
        for offset in range(start, end):
            column = layout.column_of_offset(offset)
            assert layout.offset_in_line(index, column) == offset
            assert layout.y_of_offset(offset) == y
    assert layout.height > layout.y_of_text_index(layout.text_lines - 1)


def test_offsets_between_blocks_belong_to_the_next_block() -> None:
    text, spans = build_text([("paragraph", "one two"), ("blockquote", "three")])
    layout = Layout.for_article(Article(id="a", title="T", text=text, blocks=spans), 40)
    separator = spans[0].end  # the first of the two newlines
    assert layout.text_index_of_offset(separator + 1) == 1


def test_a_standfirst_that_repeats_the_opening_is_shown_once() -> None:
    from library.model import Article
    from tui.layout import article_header

    body = "Boston Mayor Thomas M. Menino said yesterday that the city may withdraw. More."
    repeated = Article(
        id="a",
        title="T",
        subtitle="Boston Mayor Thomas M. Menino said yesterday that the city may withdraw",
        text=body,
    )
    assert [style for style, _ in article_header(repeated)] == ["title", "rule"]
    own = Article(id="b", title="T", subtitle="Mayor says the programme erodes trust", text=body)
    assert ("subtitle", "Mayor says the programme erodes trust") in article_header(own)
    kicker = Article(id="c", title="T", section="Immigration", text=body)
    assert article_header(kicker)[0] == ("section", "Immigration")


def test_the_seed_standfirst_is_shown_once() -> None:
    # The founding article's standfirst joins the body's first two sentences with a semicolon and
    # drops the final full stop: the words repeat, the punctuation does not. It is the subtitle
    # (the parser's rule) and the reader does not show it again above the body (the same rule).
    import pytest

    from library.importer import build_article, parse_source, read_file
    from tests.conftest import SHARED
    from tui.layout import article_header

    seed = SHARED / "corpus" / "seed" / "boston-secure-communities-2011.txt"
    if not seed.exists():
        pytest.skip(f"{seed} is absent (the shared corpus)")
    article = build_article(parse_source(read_file(seed, 10_000_000)), str(seed), "")
    assert article.subtitle and article.subtitle.startswith("On Monday Boston mayor")
    assert "subtitle" not in [style for style, _ in article_header(article)]
