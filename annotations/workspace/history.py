"""Undo and redo of highlight edits made in one session (the reader's `u` and `ctrl+r`).

Each operation records the field-level edit it made and its inverse. Undoing a change applies
the inverse edit to the freshest record, so an edit made meanwhile elsewhere (a note added from
the CLI, a tag added in another window) stays.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from annotations.edits import Edit, short_quote
from annotations.model import Annotation
from annotations.quotemarks import framed

if TYPE_CHECKING:
    from annotations.store import AnnotationStore

DEFAULT_DEPTH = 100
Kind = Literal["create", "delete", "change"]


@dataclass(frozen=True, slots=True)
class Operation:
    """One recorded edit: the highlight, and for a change the edit and its inverse."""

    kind: Kind
    annotation: Annotation  # as the edit left it (as it was, for a delete)
    forward: Edit | None = None
    backward: Edit | None = None

    @property
    def description(self) -> str:
        """E.g. "set stance oppose" or "add highlight “…”"."""
        if self.kind == "create":
            return f"add highlight {framed(short_quote(self.annotation.quote))}"
        if self.kind == "delete":
            return f"delete highlight {framed(short_quote(self.annotation.quote))}"
        assert self.forward is not None
        return self.forward.describe()


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo or redo did: a message for the user and the highlight it touched."""

    message: str
    annotation: Annotation


class History:
    """Edits recorded through it can be undone and redone, newest first, up to `depth`."""

    def __init__(self, store: Callable[[], AnnotationStore], depth: int = DEFAULT_DEPTH) -> None:
        self._store = store
        self._undo: deque[Operation] = deque(maxlen=depth)
        self._redo: list[Operation] = []
        self._mutex = threading.RLock()

    def record(self, op: Operation) -> None:
        """Remember an edit just made (any undone edits can no longer be redone)."""
        with self._mutex:
            self._undo.append(op)
            self._redo.clear()

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
        """What undo would undo (None: nothing)."""
        return self._undo[-1].description if self._undo else None

    @property
    def redo_label(self) -> str | None:
        """What redo would redo (None: nothing)."""
        return self._redo[-1].description if self._redo else None

    def undo(self) -> Undone | None:
        """Undo the newest edit; None when there is none.

        An edit that can no longer be undone (its highlight is gone) is dropped and the store's
        error raised.
        """
        with self._mutex:
            if not self._undo:
                return None
            op = self._undo.pop()
            touched = self._apply(op, backwards=True)
            self._redo.append(op)
            return Undone(f"Undid: {op.description}", touched)

    def redo(self) -> Undone | None:
        """Redo the newest undone edit; None when there is none."""
        with self._mutex:
            if not self._redo:
                return None
            op = self._redo.pop()
            touched = self._apply(op, backwards=False)
            self._undo.append(op)
            return Undone(f"Redid: {op.description}", touched)

    def clear(self) -> None:
        """Forget every recorded edit."""
        with self._mutex:
            self._undo.clear()
            self._redo.clear()

    def _apply(self, op: Operation, *, backwards: bool) -> Annotation:
        store = self._store()
        ident = op.annotation.id
        if op.kind == "change":
            edit = op.backward if backwards else op.forward
            assert edit is not None
            return store.change(ident, edit)[1]
        if (op.kind == "create") == backwards:
            return store.delete(ident)
        return store.restore_deleted(ident)
