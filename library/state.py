"""Reading state: where each article was left, when it was last read, and the last one open.

Kept in `<library>/state.json` on the same durable TinyDB storage as the annotations, with
tables `positions` (one document per article) and `session` (the last open article).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from library.document import DocumentStore
from library.locks import STATE
from library.tinystore import DEFAULT_BACKUPS, Tables

SCHEMA = 1
POSITIONS = "positions"
SESSION = "session"
LAST = "last"
SETTINGS = "settings"  # in the session table: the reader's theme, sort and panes


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Position:
    """Where reading stopped in one article; offsets count characters of its canonical text."""

    offset: int  # the first character shown at the top of the view
    cursor: int  # the cursor's character
    read_at: str  # when this was recorded (ISO 8601, UTC)


def validate(tables: Tables) -> str | None:
    """What makes a reading-state file unusable (reported as corruption), or None."""
    for article_id, doc in tables.get(POSITIONS, {}).items():
        for key in ("offset", "cursor"):
            if type(doc.get(key)) is not int or doc[key] < 0:
                return f"the position of {article_id} has no valid {key!r}"
        if type(doc.get("read_at")) is not str:
            return f"the position of {article_id} has no valid 'read_at'"
    last = tables.get(SESSION, {}).get(LAST, {}).get("article")
    if last is not None and type(last) is not str:
        return "the last open article is not an id"
    return None


class ReadingState:
    """Per-article reading positions and the last open article; every change is durable.

    A `DocumentStore` (`library.document`) owns the file: its lock, backups and recovery."""

    def __init__(
        self,
        path: Path,
        *,
        backups: int = DEFAULT_BACKUPS,
        on_recovery: Callable[[str], None] | None = None,
        lock_timeout: float = 10.0,
    ) -> None:
        self.document = DocumentStore(
            Path(path),
            STATE,
            schema=SCHEMA,
            validate=validate,
            backups=backups,
            on_recovery=on_recovery,
            lock_timeout=lock_timeout,
        )
        self.path = self.document.path

    @property
    def recoveries(self) -> list[str]:
        """The file was unreadable: what was done about it."""
        return self.document.recoveries

    @property
    def on_recovery(self) -> Callable[[str], None] | None:
        return self.document.on_recovery

    @on_recovery.setter
    def on_recovery(self, callback: Callable[[str], None] | None) -> None:
        self.document.on_recovery = callback

    def position(self, article_id: str) -> Position | None:
        """Where reading of an article stopped, or None if it was never opened."""
        doc = self.document.read(POSITIONS, article_id)
        if doc is None:
            return None
        return Position(doc["offset"], doc["cursor"], doc["read_at"])

    def set_position(self, article_id: str, offset: int, cursor: int) -> Position:
        """Record where reading of an article stands now."""
        position = Position(max(0, offset), max(0, cursor), _now())
        doc = {"offset": position.offset, "cursor": position.cursor, "read_at": position.read_at}
        self.document.update(POSITIONS, article_id, lambda _: doc)
        return position

    def last_article(self) -> str | None:
        """The article open when the reader was last closed, if any."""
        doc = self.document.read(SESSION, LAST)
        return doc.get("article") if doc else None

    def set_last_article(self, article_id: str | None) -> None:
        """Record the open article (None: no article open)."""
        self.document.update(SESSION, LAST, lambda _: {"article": article_id})

    def settings(self) -> dict[str, object]:
        """The reader's own settings (theme, sort, panes shown), as last chosen in it."""
        return self.document.read(SESSION, SETTINGS) or {}

    def set_settings(self, **values: object) -> dict[str, object]:
        """Remember reader settings (only these keys change; the others stay)."""
        doc = self.document.update(SESSION, SETTINGS, lambda old: {**(old or {}), **values})
        return dict(doc or {})

    def recently_read(self, limit: int | None = None) -> dict[str, str]:
        """When each article was last read (ISO time), most recent first."""
        docs = self.document.read_all(POSITIONS)
        ordered = sorted(docs.items(), key=lambda item: item[1]["read_at"], reverse=True)
        return {article_id: doc["read_at"] for article_id, doc in ordered[:limit]}

    def forget(self, article_id: str) -> None:
        """Drop what is known about an article (it was removed from the library)."""
        with self.document.batch():
            self.document.update(POSITIONS, article_id, lambda _: None)
            if self.last_article() == article_id:
                self.document.update(SESSION, LAST, lambda _: {"article": None})
