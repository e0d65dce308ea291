"""`merge_import` as a property: whatever the user changes in Margin and whatever an export
gives, a re-import changes only the fields the export changed, and only where Margin still
holds what the export gave (or nothing); the same export twice changes nothing."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.bulkadd import GIVEN, merge_import
from annotations.bulkadd import given as given_to
from annotations.edits import Edit
from annotations.model import Annotation, tag_key

_NOTES = st.sampled_from(["", "a note", "another", "A NOTE", "a note\x07"])
_STANCES = st.sampled_from([None, "agree", "oppose"])
_TAGS = st.lists(st.sampled_from(["x", "X", "y", "#z", " z "]), max_size=3)
_GIFT = st.tuples(_NOTES, _STANCES, _TAGS)
# A step: the export imported again giving (note, stance, tags), or the user's edit in Margin.
_USER = st.one_of(
    st.builds(lambda n: Edit.set(note=n), _NOTES),
    st.builds(lambda s: Edit.set(stance=s), _STANCES),
    st.builds(lambda a, r: Edit.tags(a, r), _TAGS, _TAGS),
)
_STEPS = st.lists(st.one_of(st.tuples(st.just("export"), _GIFT), st.tuples(st.just("user"), _USER)))


def _fields(doc: dict[str, Any]) -> tuple[str, str | None, frozenset[str]]:
    made = Annotation.from_dict(doc)
    return made.note, made.stance, frozenset(tag_key(t) for t in made.tags)


def _incoming(base: Annotation, gift: tuple[str, str | None, list[str]]) -> Annotation:
    note, stance, tags = gift
    return Annotation(base.article, base.start, base.end, base.quote, stance=stance, tags=tags,
                      note=note, id=base.id)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(first=_GIFT, steps=_STEPS, later=_GIFT)
def test_a_reimport_changes_only_what_the_export_changed_where_margin_holds_what_it_gave(
    first: tuple[str, str | None, list[str]],
    steps: list[tuple[str, Any]],
    later: tuple[str, str | None, list[str]],
) -> None:
    base = _incoming(Annotation("book", 0, 5, "words", created="2020-01-01T00:00:00.000Z"), first)
    doc: dict[str, Any] = {**base.to_dict(), GIVEN: {"": _gift_of(base)}}  # as first imported
    last = _fields(base.to_dict())
    for kind, step in steps:
        if kind == "user":
            after = step.apply(Annotation.from_dict(doc))
            doc = {**doc, **after.to_dict()}
        else:
            incoming = _incoming(base, step)
            doc, _ = merge_import(doc, incoming)
            last = _fields(incoming.to_dict())
    held = _fields(doc)
    incoming = _incoming(base, later)
    now = _fields(incoming.to_dict())
    merged, changed = merge_import(doc, incoming)
    after = _fields(merged)
    for field in range(2):  # note, stance
        if now[field] == last[field]:
            assert after[field] == held[field]  # the export did not change it: Margin's stays
        elif held[field] not in (last[field], "", None):
            assert after[field] == held[field]  # changed in Margin since: the user's stays
        else:
            assert after[field] == now[field]  # the export's change comes
    # Tags: one the export neither added nor removed since stays as Margin has it.
    for key in held[2] | now[2] | last[2]:
        if (key in now[2]) == (key in last[2]):
            assert (key in after[2]) == (key in held[2])
    assert changed == (after != held)
    # The same export again changes nothing, and writes nothing.
    again, changed_again = merge_import(merged, incoming)
    assert again is merged and not changed_again


def _gift_of(made: Annotation) -> dict[str, Any]:
    return given_to(made.note, made.stance, made.tags)


def test_an_edited_highlight_stored_before_margin_remembered_is_left_as_it_is() -> None:
    made = Annotation("book", 0, 5, "words", note="mine", created="2020-01-01T00:00:00.000Z")
    edited = replace(made, modified="2021-01-01T00:00:00.000Z")
    doc, changed = merge_import(edited.to_dict(), replace(made, note="the device's", tags=["t"]))
    assert (doc, changed) == (edited.to_dict(), False)
