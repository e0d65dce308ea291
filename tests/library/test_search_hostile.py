"""Search on hostile sizes: a long block's snippet marks come from find_marks (linear in the
block), not FTS5's highlight() (quadratic in its matches); they still show the match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.workspace import Workspace
from library.searchtext import MARK_IN_SQL_MAX, MARKS_PER_TERM, find_marks
from tests.library.test_search import add


def test_words_match_whole_tokens_whatever_the_case_and_accents() -> None:
    text = "Word, word WORD words sword café CAFÉ cafe\u0301 x_word"
    assert [text[a:b] for a, b in find_marks(text, ["word", "cafe"])] == [
        "Word",
        "word",
        "WORD",
        "café",
        "CAFÉ",
        "cafe",
        "word",  # "_" separates tokens, as in the index
    ]


def test_phrases_match_their_words_in_order_across_punctuation() -> None:
    text = "sales by fell; sales fell, by 30% ... sales  fell by"
    marks = find_marks(text, ["sales fell by"])
    assert [text[a:b] for a, b in marks] == ["sales fell, by", "sales  fell by"]


def test_only_the_first_few_of_each_term() -> None:
    text = "word " * 100_000 + "rare"
    marks = find_marks(text, ["word", "rare"])
    assert len(marks) == MARKS_PER_TERM + 1
    assert marks[:2] == [(0, 4), (5, 9)] and text[slice(*marks[-1])] == "rare"


def test_a_phrase_across_a_chunk_boundary_is_found_once() -> None:
    lead = "x" * (65_536 - 6) + " "
    text = lead + "alpha beta gamma"
    marks = find_marks(text, ["alpha beta"])
    assert [text[a:b] for a, b in marks] == ["alpha beta"]


_WORDS = st.sampled_from(["alpha", "Beta", "ALPHA", "gamma", "alphabet", "béta", "x"])
_GAPS = st.sampled_from([" ", ", ", "-", "  ", "_", ". "])


@given(st.lists(st.tuples(_WORDS, _GAPS), max_size=40), st.sampled_from(["alpha", "beta"]))
def test_matches_what_a_token_by_token_reading_finds(
    pieces: list[tuple[str, str]], term: str
) -> None:
    text = "".join(w + g for w, g in pieces)
    expected = [
        (m.start(), m.end())
        for m in re.finditer(r"[^\W_]+", text)
        if m.group().casefold().replace("é", "e") == term
    ][:MARKS_PER_TERM]
    assert find_marks(text, [term]) == expected


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace(tmp_path / "lib")
    workspace.library.ensure()
    return workspace


def test_a_long_block_of_one_word_shows_the_match(ws: Workspace) -> None:
    body = ("word " * (MARK_IN_SQL_MAX // 2)).strip() + ' and then "sales fell by 30%" once'
    assert len(body) > MARK_IN_SQL_MAX
    article = add(ws, "One long line", body)
    hit = ws.search_index.search("word").hits[0]
    assert hit.article == article.id and hit.offset == 0
    assert hit.marks and all(hit.snippet[a:b] == "word" for a, b in hit.marks)
    phrase = ws.search_index.search('"sales fell by"').hits[0]
    assert article.text[phrase.offset : phrase.end] == "sales fell by"
    assert [phrase.snippet[a:b] for a, b in phrase.marks] == ["sales fell by"]


def test_short_and_long_blocks_mark_the_same_words(ws: Workspace) -> None:
    sentence = "The Council's budget, and the council budget again: COUNCIL-budget."
    short = add(ws, "Short", sentence)
    long = add(ws, "Long", sentence + " filler" * MARK_IN_SQL_MAX)
    for query in ("council", '"council budget"'):
        hits = {h.article: h for h in ws.search_index.search(query).hits}
        marked = [[hits[a.id].snippet[s:e] for s, e in hits[a.id].marks] for a in (short, long)]
        assert marked[0] == marked[1] and marked[0], (query, marked)


def test_a_long_row_of_accented_text_marks_rare_and_frequent_words(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import library.search

    body = "wörd " * (MARK_IN_SQL_MAX // 4) + "and Straße once zyzzyva here"
    article = add(ws, "Accented", body)
    linear: list[tuple[str, ...]] = []
    real = library.search.find_marks

    def recording(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
        linear.append(tuple(terms))
        return real(text, terms)

    monkeypatch.setattr(library.search, "find_marks", recording)
    rare = ws.search_index.search("zyzzyva").hits[0]  # few in the index: highlight() is quick
    assert article.text[rare.offset : rare.end] == "zyzzyva"
    assert [rare.snippet[a:b] for a, b in rare.marks] == ["zyzzyva"]
    assert linear == []
    many = ws.search_index.search("word").hits[0]  # 16,384 of them: found here, linearly
    assert many.offset == 0 and many.marks
    assert all(many.snippet[a:b] == "wörd" for a, b in many.marks)
    assert linear and all(terms == ("word",) for terms in linear)
