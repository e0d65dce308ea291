"""The article file format round-trips the canonical text and blocks exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from library.articlefile import dumps, loads
from library.model import BLOCK_KINDS, Article
from library.text import build_text

block_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=60)
blocks = st.lists(st.tuples(st.sampled_from(BLOCK_KINDS), block_text), max_size=12)


@settings(max_examples=300, deadline=None)
@given(blocks, st.text(min_size=1, max_size=40).filter(lambda t: t.strip()))
def test_round_trip_is_exact(raw_blocks: list[tuple[str, str]], title: str) -> None:
    text, spans = build_text(raw_blocks)  # type: ignore[arg-type]
    article = Article(id="a-1", title=title.strip(), text=text, blocks=spans, authors=["X"])
    back, _ = loads(dumps(article))
    assert back.text == article.text
    assert back.blocks == article.blocks
    assert back.title == article.title


def test_build_text_offsets_and_cleaning() -> None:
    text, spans = build_text(
        [("paragraph", "  one\n two  "), ("paragraph", "   "), ("blockquote", "q\x1b]0;x\x07")]
    )
    assert text == "one two\n\nq]0;x"
    assert [(b.kind, text[b.start : b.end]) for b in spans] == [
        ("paragraph", "one two"),
        ("blockquote", "q]0;x"),
    ]


def test_hand_edited_file_is_tolerated() -> None:
    content = (
        "---\nid: x\ntitle: T\npublished: 2011-07-13\ntags: one\n---\nline one\nline two\n\n> q\n"
    )
    article, _ = loads(content)
    assert article.published == "2011-07-13"
    assert article.tags == ["one"]
    assert article.text == "line one line two\n\nq"
