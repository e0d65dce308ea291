"""Undo and redo of highlight edits: field-level, through the workspace's highlight use cases."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.edits import Edit
from annotations.errors import AnnotationNotFound
from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.workspace import Workspace
from annotations.workspace.highlights import Highlights
from annotations.workspace.history import History


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "lib")


@pytest.fixture
def store(workspace: Workspace) -> AnnotationStore:
    return workspace.store


@pytest.fixture
def hl(workspace: Workspace) -> Highlights:
    return workspace.highlights


def make(start: int = 0, quote: str = "a quoted line", **extra: object) -> Annotation:
    return Annotation("art", start, start + len(quote), quote, **extra)  # type: ignore[arg-type]


def message(done: object) -> str | None:
    return getattr(done, "message", None)


def test_nothing_to_undo_or_redo(hl: Highlights) -> None:
    assert hl.undo() is None and hl.redo() is None
    history = hl.history
    assert not history.can_undo and not history.can_redo
    assert history.undo_label is None and history.redo_label is None


def test_undo_create_deletes_recoverably_and_redo_brings_it_back(
    store: AnnotationStore, hl: Highlights
) -> None:
    saved = hl.add(make())
    undone = hl.undo()
    assert undone is not None and undone.message == "Undid: add highlight “a quoted line”"
    assert undone.annotation.id == saved.id
    assert store.for_article("art") == []
    assert [a.id for a in store.deleted()] == [saved.id]
    assert message(hl.redo()) == "Redid: add highlight “a quoted line”"
    assert store.for_article("art") == [saved]


def test_undo_delete_restores(store: AnnotationStore, hl: Highlights) -> None:
    saved = hl.add(make())
    hl.delete(saved.id)
    assert hl.history.undo_label == "delete highlight “a quoted line”"
    assert message(hl.undo()) == "Undid: delete highlight “a quoted line”"
    assert store.for_article("art") == [saved]
    hl.redo()
    assert store.for_article("art") == []


def test_undo_and_redo_of_stance_tags_note(store: AnnotationStore, hl: Highlights) -> None:
    saved = hl.add(make(tags=["economy"]))
    hl.change(saved.id, Edit.set(stance="oppose"))
    hl.change(saved.id, Edit.tags(add=["Jobs"]))
    hl.change(saved.id, Edit.set(note="weak evidence"))
    assert message(hl.undo()) == "Undid: edit note"
    assert store.get(saved.id).note == ""
    assert message(hl.undo()) == "Undid: add tag Jobs"
    assert store.get(saved.id).tags == ["economy"]
    assert message(hl.undo()) == "Undid: set stance oppose"
    assert store.get(saved.id).stance is None
    assert message(hl.redo()) == "Redid: set stance oppose"
    assert message(hl.redo()) == "Redid: add tag Jobs"
    assert message(hl.redo()) == "Redid: edit note"
    final = store.get(saved.id)
    assert (final.stance, final.tags, final.note) == (
        "oppose",
        ["economy", "Jobs"],
        "weak evidence",
    )


def test_a_stance_is_checked_and_spelled_as_configured(hl: Highlights) -> None:
    saved = hl.add(make())
    _, after = hl.change(saved.id, Edit.set(stance="OPPOSE"))
    assert after.stance == "oppose"
    from annotations.errors import UnknownStance

    with pytest.raises(UnknownStance, match="support"):
        hl.change(saved.id, Edit.set(stance="maybe"))


def test_a_new_edit_clears_redo(hl: Highlights) -> None:
    saved = hl.add(make())
    hl.change(saved.id, Edit.set(stance="support"))
    hl.undo()
    assert hl.history.can_redo
    hl.change(saved.id, Edit.set(note="other"))
    assert not hl.history.can_redo
    assert hl.redo() is None


def test_undo_keeps_changes_made_elsewhere(workspace: Workspace, hl: Highlights) -> None:
    saved = hl.add(make(tags=["mine"]))
    hl.change(saved.id, Edit.set(stance="oppose"))
    hl.change(saved.id, Edit.tags(add=["economy"]))
    other = Workspace(workspace.root)  # say, the CLI adding a note and a tag meanwhile
    other.highlights.change(saved.id, Edit.set(note="from the CLI").then(Edit.tags(add=["cli"])))
    hl.undo()  # the tag economy goes; the CLI's tag stays
    hl.undo()
    now = workspace.store.get(saved.id)
    assert (now.stance, now.note, now.tags) == (None, "from the CLI", ["mine", "cli"])


def test_undoing_a_tag_that_was_there_already_removes_nothing(hl: Highlights) -> None:
    saved = hl.add(make(tags=["economy"]))
    before, after = hl.change(saved.id, Edit.tags(add=["Economy"]))
    assert after is before  # nothing changed, nothing written or recorded
    assert hl.history.undo_label == "add highlight “a quoted line”"


def test_an_edit_that_cannot_be_undone_is_dropped(store: AnnotationStore, hl: Highlights) -> None:
    hl.add(make(0, "kept"))
    gone = hl.add(make(20, "gone"))
    hl.change(gone.id, Edit.set(stance="oppose"))
    store.delete(gone.id)  # behind the history's back
    with pytest.raises(AnnotationNotFound):
        hl.undo()
    with pytest.raises(AnnotationNotFound):
        hl.undo()  # its creation cannot be undone either: it is deleted already
    assert message(hl.undo()) == "Undid: add highlight “kept”"  # the one before still works
    assert not hl.history.can_undo


def test_depth_is_bounded(store: AnnotationStore, hl: Highlights) -> None:
    hl.history = History(lambda: store, depth=3)
    saved = hl.add(make())
    for n in range(5):
        hl.change(saved.id, Edit.set(note=f"n{n}"))
    assert [message(hl.undo()) for _ in range(4)] == ["Undid: edit note"] * 3 + [None]
    assert store.get(saved.id).note == "n1"


def test_an_edit_that_changes_nothing_is_not_recorded(
    store: AnnotationStore, hl: Highlights
) -> None:
    saved = store.add(make(stance="oppose"))
    hl.change(saved.id, Edit.set(stance="oppose"))
    assert not hl.history.can_undo


def test_descriptions() -> None:
    assert Edit.set(stance=None).describe() == "clear stance"
    assert Edit.tags(remove=["y"]).describe() == "remove tag y"
    assert Edit.retag(["x", "y"], ["z"]).describe() == "add tag z, remove tags x, y"
    assert Edit.tags(add=["p", "q"]).describe() == "add tags p, q"
    assert Edit.set(note="").describe() == "clear note"
    assert Edit.set(speaker="Bo").describe() == "set speaker Bo"
    assert Edit.set(needs_review=False).describe() == "mark reviewed"
    assert Edit.set(stance="oppose", note="m").describe() == "set stance oppose, edit note"
    assert Edit().describe() == "no change"
    with pytest.raises(ValueError, match="start"):
        Edit.set(start=3)


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["add", "stance", "tags", "untag", "note", "delete"]),
        st.integers(0, 5),
        st.sampled_from(["support", "oppose", None]),
    ),
    min_size=1,
    max_size=10,
)


def snapshot(store: AnnotationStore) -> dict[str, tuple[object, ...]]:
    return {
        a.id: (a.stance, tuple(a.tags), a.note, a.start, a.quote) for a in store.for_article("art")
    }


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_undo_all_then_redo_all_round_trips(edits: list[tuple[str, int, str | None]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace(Path(folder))
        hl, store = workspace.highlights, workspace.store
        store.add(make(0, "seed", tags=["seed"]))
        start = snapshot(store)
        for kind, pick, value in edits:
            live = store.for_article("art")
            target = live[pick % len(live)] if live else None
            if kind == "add" or target is None:
                if not any(a.start == pick * 10 + 100 for a in live):
                    hl.add(make(pick * 10 + 100, f"quote {pick}"))
            elif kind == "delete":
                hl.delete(target.id)
            elif kind == "stance":
                hl.change(target.id, Edit.set(stance=value))
            elif kind == "tags":
                hl.change(target.id, Edit.tags(add=[value or "untitled"]))
            elif kind == "untag":
                hl.change(target.id, Edit.tags(remove=[value or "seed"]))
            else:
                hl.change(target.id, Edit.set(note=value or ""))
        end = snapshot(store)
        while hl.undo() is not None:
            pass
        assert snapshot(store) == start
        while hl.redo() is not None:
            pass
        assert snapshot(store) == end
