"""One small persisted document (a JSON file of tables): its one owner.

`DocumentStore` holds everything about such a file: its path, its schema version and check,
its lock (from `library.locks`), its write-ahead backups, its recovery when it is damaged,
`read()` and a field-level `update()` under the lock applied to the freshest record, and
`check()` / `repair()` for `margin doctor`. The reading state (`library.state.ReadingState`)
and the brief board's orders (`annotations.workspace.briefing.BoardOrders`) are two of them.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from library.errors import LibraryError
from library.locks import LockSpec, lock_in
from library.tinystore import (
    DEFAULT_BACKUPS,
    NewerFormat,
    StrTable,
    Validator,
    holding,
    open_db,
)

Doc = dict[str, Any]


class DocumentStore:
    """A durable JSON document of tables, each a mapping of string keys to objects."""

    def __init__(
        self,
        path: Path,
        spec: LockSpec,
        *,
        schema: int,
        validate: Validator | None = None,
        backups: int = DEFAULT_BACKUPS,
        on_recovery: Callable[[str], None] | None = None,
        lock_timeout: float = 10.0,
    ) -> None:
        self.path = Path(path)
        self.spec = spec
        self.schema = schema
        self.validate = validate
        self.on_recovery = on_recovery
        self.recoveries: list[str] = []  # the file was unreadable: what was done about it
        self.mutex = threading.RLock()
        self.lock = lock_in(self.path.parent, spec, timeout=lock_timeout)
        self._backup_dir = self.path.parent / ".backups"
        ref = weakref.WeakMethod(self._recovered)  # no cycle through the storage

        def recovered(message: str) -> None:
            bound = ref()
            if bound is not None:
                bound(message)

        self._db = open_db(
            self.path,
            schema=schema,
            validate=validate,
            backups=backups,
            backup_dir=self._backup_dir,
            lock=self.lock,
            on_recovery=recovered,
        )

    # -- reading ---------------------------------------------------------------------------------
    def read(self, table: str, key: str) -> Doc | None:
        """One record (a copy), or None; re-read from disk when another process wrote it."""
        with self.mutex:
            doc = self.table(table).fetch(key)
        return dict(doc) if doc is not None else None

    def read_all(self, table: str) -> dict[str, Doc]:
        """Every record of a table (copies)."""
        with self.mutex:
            return {k: dict(v) for k, v in self.table(table).raw().items()}

    # -- writing ---------------------------------------------------------------------------------
    def update(
        self, table: str, key: str, change: Callable[[Doc | None], Doc | None]
    ) -> Doc | None:
        """Apply change to the freshest version of one record under the lock; None from change
        drops the record. Writes only when something changed; returns the new record."""
        with self.mutex, holding(self.lock):
            current = self.table(table).fetch(key)
            new = change(dict(current) if current is not None else None)
            if new is None:
                if current is not None:
                    self.table(table).drop(key)
            elif new != current:
                self.table(table).set(key, new)
            return new

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Several updates as one durable write, under the lock."""
        with self.mutex, holding(self.lock), self._db.durable.batch():
            yield

    def table(self, name: str) -> StrTable:
        """A table of the document (for the owner's own reads inside update or batch)."""
        return cast(StrTable, self._db.table(name, cache_size=0))

    # -- checking and repairing (for `margin doctor`) --------------------------------------------
    def check(self) -> tuple[str, str] | None:
        """What is wrong with the file, looking only: ("damaged", why) or ("newer", why); None
        when it is sound or absent."""
        if not self.path.exists() and not self.path.is_symlink():
            return None
        probe = open_db(
            self.path, schema=self.schema, validate=self.validate, backups=0, recover=False
        )
        try:
            probe.durable.read()
        except NewerFormat as exc:
            return "newer", str(exc).removeprefix(f"{self.path}: ")
        except LibraryError as exc:
            reason = getattr(exc, "reason", None) or str(exc).removeprefix(f"{self.path}: ")
            return "damaged", str(reason)
        return None

    def repair(self) -> list[str]:
        """Run the document's own recovery (the damaged file kept beside, the newest good
        backup restored); what was done, one message each (empty: nothing needed)."""
        before = len(self.recoveries)
        with self.mutex:
            self._db.durable.forget()
            self._db.durable.read()
        said = self.recoveries[before:]
        return said

    def _recovered(self, message: str) -> None:
        self.recoveries.append(message)
        if self.on_recovery is not None:
            self.on_recovery(message)
