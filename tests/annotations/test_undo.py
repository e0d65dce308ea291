"""Undo and redo of highlight edits, applied through the store."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.errors import AnnotationNotFound
from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.undo import UndoStack, describe


@pytest.fixture
def store(tmp_path: Path) -> AnnotationStore:
    return AnnotationStore(tmp_path / "annotations")


@pytest.fixture
def undo(store: AnnotationStore) -> UndoStack:
    return UndoStack(store)


def make(start: int = 0, quote: str = "a quoted line", **extra: object) -> Annotation:
    return Annotation("art", start, start + len(quote), quote, **extra)  # type: ignore[arg-type]


def test_nothing_to_undo_or_redo(undo: UndoStack) -> None:
    assert undo.undo() is None and undo.redo() is None
    assert not undo.can_undo and not undo.can_redo
    assert undo.undo_label is None and undo.redo_label is None


def test_undo_create_deletes_recoverably_and_redo_brings_it_back(
    store: AnnotationStore, undo: UndoStack
) -> None:
    saved = undo.add(make())
    assert undo.undo() == "Undid: add highlight “a quoted line”"
    assert store.for_article("art") == []
    assert store.deleted() == [saved]
    assert undo.redo() == "Redid: add highlight “a quoted line”"
    assert store.for_article("art") == [saved]


def test_undo_delete_restores(store: AnnotationStore, undo: UndoStack) -> None:
    saved = undo.add(make())
    undo.delete(saved.id)
    assert undo.undo_label == "delete highlight “a quoted line”"
    assert undo.undo() == "Undid: delete highlight “a quoted line”"
    assert store.for_article("art") == [saved]
    undo.redo()
    assert store.for_article("art") == []


def test_undo_and_redo_of_stance_tags_note(store: AnnotationStore, undo: UndoStack) -> None:
    saved = undo.add(make(tags=["economy"]))
    undo.update(saved.changed(stance="oppose"))
    undo.update(store.get(saved.id).changed(tags=["economy", "Jobs"]))
    undo.update(store.get(saved.id).changed(note="weak evidence"))
    assert undo.undo() == "Undid: edit note"
    assert store.get(saved.id).note == ""
    assert undo.undo() == "Undid: add tag Jobs"
    assert store.get(saved.id).tags == ["economy"]
    assert undo.undo() == "Undid: set stance oppose"
    assert store.get(saved.id).stance is None
    assert undo.redo() == "Redid: set stance oppose"
    assert undo.redo() == "Redid: add tag Jobs"
    assert undo.redo() == "Redid: edit note"
    final = store.get(saved.id)
    assert (final.stance, final.tags, final.note) == (
        "oppose",
        ["economy", "Jobs"],
        "weak evidence",
    )


def test_a_new_edit_clears_redo(store: AnnotationStore, undo: UndoStack) -> None:
    saved = undo.add(make())
    undo.update(saved.changed(stance="support"))
    undo.undo()
    assert undo.can_redo
    undo.update(store.get(saved.id).changed(note="other"))
    assert not undo.can_redo
    assert undo.redo() is None


def test_undo_keeps_changes_made_elsewhere_to_other_fields(
    store: AnnotationStore, undo: UndoStack
) -> None:
    saved = undo.add(make())
    undo.update(saved.changed(stance="oppose"))
    other = AnnotationStore(store.root)  # say, the CLI adding a note meanwhile
    other.update(other.get(saved.id).changed(note="from the CLI"))
    undo.undo()
    now = store.get(saved.id)
    assert (now.stance, now.note) == (None, "from the CLI")


def test_an_edit_that_cannot_be_undone_is_dropped(store: AnnotationStore, undo: UndoStack) -> None:
    undo.add(make(0, "kept"))
    gone = undo.add(make(20, "gone"))
    undo.update(gone.changed(stance="oppose"))
    store.delete(gone.id)  # behind the stack's back
    with pytest.raises(AnnotationNotFound):
        undo.undo()
    with pytest.raises(AnnotationNotFound):
        undo.undo()  # its creation cannot be undone either: it is deleted already
    assert undo.undo() == "Undid: add highlight “kept”"  # the one before still works
    assert not undo.can_undo


def test_depth_is_bounded(store: AnnotationStore) -> None:
    undo = UndoStack(store, depth=3)
    saved = undo.add(make())
    for n in range(5):
        undo.update(store.get(saved.id).changed(note=f"n{n}"))
    assert [undo.undo() for _ in range(4)] == [
        "Undid: edit note",
        "Undid: edit note",
        "Undid: edit note",
        None,
    ]
    assert store.get(saved.id).note == "n1"


def test_an_update_that_changes_nothing_is_not_recorded(
    store: AnnotationStore, undo: UndoStack
) -> None:
    saved = store.add(make())
    undo.update(saved.changed())
    assert not undo.can_undo


def test_descriptions() -> None:
    a = make(stance="support", tags=["x", "y"], note="n", speaker="Ann")
    assert describe("update", a, a.changed(stance=None)) == "clear stance"
    assert describe("update", a, a.changed(tags=["x"])) == "remove tag y"
    assert describe("update", a, a.changed(tags=["z"])) == "set tags z"
    assert describe("update", a, a.changed(tags=[])) == "remove tags x, y"
    assert describe("update", a, a.changed(tags=["x", "y", "p", "q"])) == "add tags p, q"
    assert describe("update", a, a.changed(note="")) == "clear note"
    assert describe("update", a, a.changed(speaker="Bo")) == "set speaker Bo"
    assert describe("update", a, a.changed(start=1)) == "adjust highlight"
    both = describe("update", a, a.changed(stance="oppose", note="m"))
    assert both == "set stance oppose, edit note"
    long = make(quote="word " * 30)
    assert describe("create", None, long).endswith("…”")


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["add", "stance", "tags", "note", "delete"]),
        st.integers(0, 5),
        st.sampled_from(["support", "oppose", None, "a", "b"]),
    ),
    min_size=1,
    max_size=10,
)


def snapshot(store: AnnotationStore) -> tuple[dict[str, tuple[object, ...]], set[str]]:
    live: dict[str, tuple[object, ...]] = {
        a.id: (a.stance, tuple(a.tags), a.note, a.start, a.quote) for a in store.for_article("art")
    }
    return live, {a.id for a in store.deleted("art")}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_undo_all_then_redo_all_round_trips(edits: list[tuple[str, int, str | None]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = AnnotationStore(Path(folder))
        undo = UndoStack(store)
        store.add(make(0, "seed"))
        start_live, _ = snapshot(store)
        for kind, pick, value in edits:
            live = store.for_article("art")
            target = live[pick % len(live)] if live else None
            if kind == "add" or target is None:
                undo.add(make(pick * 10 + 100, f"quote {pick}"))
            elif kind == "delete":
                undo.delete(target.id)
            elif kind == "stance":
                undo.update(target.changed(stance=value))
            elif kind == "tags":
                undo.update(target.changed(tags=[value] if value else []))
            else:
                undo.update(target.changed(note=value or ""))
        end_live, _ = snapshot(store)
        while undo.undo() is not None:
            pass
        assert snapshot(store)[0] == start_live
        while undo.redo() is not None:
            pass
        assert snapshot(store)[0] == end_live


def test_change_keeps_fields_changed_elsewhere(tmp_path: Path) -> None:
    """Two windows editing different fields of one highlight do not undo each other's edit."""
    first = AnnotationStore(tmp_path / "annotations")
    second = AnnotationStore(tmp_path / "annotations")
    stored = first.add(Annotation("a1", 0, 5, "Hello"))
    second.change(stored.id, note="from the CLI", tags=["x"])
    stack = UndoStack(first)
    stack.change(stored.id, stance="oppose")
    now = second.get(stored.id)
    assert (now.stance, now.note, now.tags) == ("oppose", "from the CLI", ["x"])
    assert stack.undo() is not None
    now = second.get(stored.id)
    assert (now.stance, now.note, now.tags) == (None, "from the CLI", ["x"])
