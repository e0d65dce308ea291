"""Undo and redo of highlight edits (create, delete, stance, tags, note, speaker) for the TUI.

Each operation is recorded as before/after snapshots. Undoing a change puts back only the fields
that operation changed, so an edit made meanwhile elsewhere (say, a note added from the CLI) stays.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, fields
from typing import Any, Literal

from annotations.model import Annotation
from annotations.store import AnnotationStore

DEFAULT_DEPTH = 100
_IGNORED = {"modified"}
_QUOTE_CHARS = 40

Kind = Literal["create", "delete", "update"]


@dataclass(frozen=True, slots=True)
class Operation:
    """One recorded edit: what the highlight was before and after it."""

    kind: Kind
    before: Annotation | None
    after: Annotation | None
    description: str

    @property
    def annotation_id(self) -> str:
        """The highlight the edit was made to."""
        snapshot = self.after or self.before
        assert snapshot is not None
        return snapshot.id


def changed_fields(before: Annotation, after: Annotation) -> dict[str, tuple[Any, Any]]:
    """Fields whose value differs, as name -> (before, after); `modified` is not counted."""
    out: dict[str, tuple[Any, Any]] = {}
    for f in fields(Annotation):
        if f.name in _IGNORED:
            continue
        old, new = getattr(before, f.name), getattr(after, f.name)
        if old != new:
            out[f.name] = (old, new)
    return out


def _short(quote: str) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= _QUOTE_CHARS else quote[: _QUOTE_CHARS - 1].rstrip() + "…"


def describe(kind: Kind, before: Annotation | None, after: Annotation | None) -> str:
    """A short phrase for an edit, e.g. "set stance oppose" or "add tag economy"."""
    if kind == "create" and after is not None:
        return f"add highlight “{_short(after.quote)}”"
    if kind == "delete" and before is not None:
        return f"delete highlight “{_short(before.quote)}”"
    assert before is not None and after is not None
    parts: list[str] = []
    changes = changed_fields(before, after)
    if "stance" in changes:
        parts.append(f"set stance {after.stance}" if after.stance else "clear stance")
    if "tags" in changes:
        old = {t.casefold() for t in before.tags}
        new = {t.casefold() for t in after.tags}
        added = [t for t in after.tags if t.casefold() not in old]
        removed = [t for t in before.tags if t.casefold() not in new]
        if added and not removed:
            parts.append(f"add tag{'s' if len(added) > 1 else ''} {', '.join(added)}")
        elif removed and not added:
            parts.append(f"remove tag{'s' if len(removed) > 1 else ''} {', '.join(removed)}")
        else:
            parts.append(f"set tags {', '.join(after.tags)}")  # e.g. only the case changed
    if "note" in changes:
        parts.append("edit note" if after.note else "clear note")
    if "speaker" in changes:
        parts.append(f"set speaker {after.speaker}" if after.speaker else "clear speaker")
    if changes.keys() - {"stance", "tags", "note", "speaker"}:
        parts.append("adjust highlight")
    return ", ".join(parts) or "no change"


class UndoStack:
    """Edits made through it can be undone and redone, newest first, up to `depth` of them."""

    def __init__(self, store: AnnotationStore, depth: int = DEFAULT_DEPTH) -> None:
        self.store = store
        self._undo: deque[Operation] = deque(maxlen=depth)
        self._redo: list[Operation] = []
        self._mutex = threading.RLock()
        self.last: Operation | None = None  # the edit the latest undo or redo applied

    # -- edits -----------------------------------------------------------------------------------
    def add(self, annotation: Annotation) -> Annotation:
        """Save a new highlight (undo deletes it, keeping it among the deleted ones)."""
        with self._mutex:
            stored = self.store.add(annotation)
            self._record(Operation("create", None, stored, describe("create", None, stored)))
            return stored

    def update(self, annotation: Annotation) -> Annotation:
        """Save a changed copy of a highlight (undo puts back the fields it changed)."""
        with self._mutex:
            before = self.store.get(annotation.id)
            stored = self.store.update(annotation)
            if changed_fields(before, stored):
                self._record(
                    Operation("update", before, stored, describe("update", before, stored))
                )
            return stored

    def change(self, annotation_id: str, **changes: Any) -> Annotation:
        """Change only these fields of a highlight (undo puts back what this edit changed)."""
        with self._mutex:
            before, after = self.store.change(annotation_id, **changes)
            if changed_fields(before, after):
                self._record(Operation("update", before, after, describe("update", before, after)))
            return after

    @property
    def next_undo(self) -> Operation | None:
        """The edit undo would undo."""
        return self._undo[-1] if self._undo else None

    @property
    def next_redo(self) -> Operation | None:
        """The edit redo would redo."""
        return self._redo[-1] if self._redo else None

    def delete(self, annotation_id: str) -> Annotation:
        """Delete a highlight (undo restores it)."""
        with self._mutex:
            removed = self.store.delete(annotation_id)
            self._record(Operation("delete", removed, None, describe("delete", removed, None)))
            return removed

    # -- undo and redo ---------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        """Whether there is an edit to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone edit to redo."""
        return bool(self._redo)

    @property
    def undo_label(self) -> str | None:
        """What undo would undo, e.g. "set stance oppose" (None: nothing)."""
        return self._undo[-1].description if self._undo else None

    @property
    def redo_label(self) -> str | None:
        """What redo would redo (None: nothing)."""
        return self._redo[-1].description if self._redo else None

    def undo(self) -> str | None:
        """Undo the newest edit; a message such as "Undid: set stance oppose", or None.

        An edit that can no longer be undone (its highlight is gone) is dropped and the store's
        error raised.
        """
        with self._mutex:
            if not self._undo:
                return None
            op = self.last = self._undo.pop()
            self._apply(op, backwards=True)
            self._redo.append(op)
            return f"Undid: {op.description}"

    def redo(self) -> str | None:
        """Redo the newest undone edit; a message such as "Redid: add tag economy", or None."""
        with self._mutex:
            if not self._redo:
                return None
            op = self.last = self._redo.pop()
            self._apply(op, backwards=False)
            self._undo.append(op)
            return f"Redid: {op.description}"

    def clear(self) -> None:
        """Forget every recorded edit."""
        with self._mutex:
            self._undo.clear()
            self._redo.clear()

    # -- internals -------------------------------------------------------------------------------
    def _record(self, op: Operation) -> None:
        self._undo.append(op)
        self._redo.clear()

    def _apply(self, op: Operation, *, backwards: bool) -> None:
        ident = op.annotation_id
        if op.kind == "update":
            assert op.before is not None and op.after is not None
            pick = 0 if backwards else 1
            changes = changed_fields(op.before, op.after)
            values = {name: pair[pick] for name, pair in changes.items()}
            self.store.change(ident, **values)
        elif (op.kind == "create") == backwards:
            self.store.delete(ident)
        else:
            self.store.restore_deleted(ident)
