"""Kindle notes as a property: whatever highlights and notes a clippings file holds, in any
order, at any locations, the last wording of each note is read, and no words are made up."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from library.importers.exports import kindle
from library.text import clean_inline
from tests.exports.conftest import clipping

_BODY = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=30).filter(
    lambda t: clean_inline(t) and "=====" not in t
)
_ENTRY = st.tuples(
    st.sampled_from(["Highlight", "Note"]),
    st.integers(1, 60),  # where it starts
    st.integers(0, 3),  # how far a highlight runs on
    _BODY,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ENTRY, max_size=12))
def test_each_notes_last_wording_is_read_and_nothing_is_made_up(
    entries: list[tuple[str, int, int, str]],
) -> None:
    text = "".join(
        clipping(
            "Walden (Thoreau, Henry David)", kind, f"{at}-{at + run}" if run else str(at), body
        )
        for kind, at, run, body in entries
    )
    found = kindle.parse(text.encode(), "My Clippings.txt")
    assert not found.problems
    notes = [clean_inline(body) for kind, _, _, body in entries if kind == "Note"]
    read = [c.note for c in found.clips if c.note]
    assert len(read) <= len(notes) and all(note in notes for note in read)
    last_at: dict[int, str] = {}
    for kind, at, _, body in entries:
        if kind == "Note":
            last_at[at] = clean_inline(body)
    for note in last_at.values():
        assert note in read  # the last wording written at each location is there
    highlights = [c for c in found.clips if c.quote]
    assert len(highlights) == sum(kind == "Highlight" for kind, _, _, _ in entries)


def test_two_short_notes_at_one_place_sharing_half_their_words_are_both_read() -> None:
    # Before, a later note keeping half of an earlier one's words at its location was taken
    # for it edited: "See p. 12" was dropped for "See p. 40".
    text = clipping("Notes", "Note", "300", "See p. 12") + clipping(
        "Notes", "Note", "300", "See p. 40"
    )
    found = kindle.parse(text.encode(), "My Clippings.txt")
    assert sorted(c.note for c in found.clips) == ["See p. 12", "See p. 40"]
    # Words added, or one of many changed, is the note edited: its last wording alone.
    for earlier, later in (
        ("See p. 12", "See p. 12 and p. 13"),
        (
            "Compare the harbour list on p. 12 with this",
            "Compare the harbour lists on p. 12 with this",
        ),
    ):
        edited = clipping("Notes", "Note", "300", earlier) + clipping("Notes", "Note", "300", later)
        found = kindle.parse(edited.encode(), "My Clippings.txt")
        assert [c.note for c in found.clips] == [later]
