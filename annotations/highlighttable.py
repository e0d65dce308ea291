"""Every live highlight of a library in one SQLite table, for library-wide queries (a cache).

`margin annotations --stance oppose` at 10,000 articles read and decoded every highlights file
(open, orjson, the schema check of each highlight: ~0.35 ms a file, ~1.5 s in all) to keep a
quarter of the highlights. This table keeps each live highlight (the fields of the Annotation
its stored form makes, cleaned once, as a JSON array) beside the fields queries filter on
(stance and tags case-folded, created, the two flags), so a query decodes only the rows it
returns.

The highlights files stay the truth. The table records, for each file, the full stamp (inode,
size, mtime, ctime) of the version its rows were read from; before every query the folder is
listed and any file whose stamp differs (written by Margin, edited by hand, restored, synced)
is read again through the store, as an uncached query would read it; rows of files that are
gone are dropped. The stamp is taken before the file is read, so rows are never filed under the
stamp of an older version than the one read: a file changed meanwhile only looks stale.

Safe under concurrent processes: a query answers inside one SQLite read transaction in which
every file's recorded stamp equals the stamp just listed (rows written by a process that read
an older version carry that version's stamp, so they are re-read, never trusted). Files are
read with no SQLite lock held; their rows are replaced in one write transaction (atomic: a
killed process leaves SQLite's journal, rolled back on the next open). A damaged or foreign
file is deleted and rebuilt; when the table cannot be used at all (a read-only folder, a lock
held too long) `query` returns None and the caller reads the files as before.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from annotations.errors import AnnotationError
from annotations.model import Annotation, tag_key
from library.fsutil import Stamp, file_stamp, stamp_text
from library.tinystore import StorageError

if TYPE_CHECKING:
    from annotations.store import AnnotationStore

FILE_NAME = "highlights.db"
# The rows hold an Annotation's fields in order: a table made for other fields is rebuilt.
_NAMES = tuple(Annotation.__dataclass_fields__)
VERSION = 2 << 24 | zlib.crc32(" ".join(_NAMES).encode()) & 0xFFFFFF  # PRAGMA user_version
ROUNDS = 3  # re-reads of files changing under a query before it reads them itself
BUSY_SECONDS = 5.0
CHUNK = 1000  # files read between two writes of the table
GROUP_CHUNK = 200  # articles whose rows `articles` reads in one transaction

# SQLite result codes after which the table is left alone and the files are read instead: the
# database is busy or cannot be written here (locked, read-only, full, I/O, cannot open).
_UNAVAILABLE = {3, 5, 6, 8, 10, 13, 14}

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS files (article TEXT PRIMARY KEY, stamp TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rows (
    article TEXT NOT NULL, id TEXT NOT NULL, stance TEXT NOT NULL, created TEXT NOT NULL,
    orphaned INTEGER NOT NULL, review INTEGER NOT NULL, doc BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS rows_key ON rows (article, id);
CREATE INDEX IF NOT EXISTS rows_stance ON rows (stance);
CREATE TABLE IF NOT EXISTS tags (
    tag TEXT NOT NULL, article TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (tag, article, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tags_article ON tags (article);
PRAGMA user_version = {VERSION};
"""


def _annotation(raw: bytes) -> Annotation:
    """The highlight a row holds: its fields as `Annotation(**doc)` made them when the row was
    filed (tags, stance, speaker and note cleaned), set without cleaning them again."""
    values = orjson.loads(raw)
    annotation = _new(Annotation)
    if _IN_ORDER:  # one assignment: half the time of a loop over the fields
        (
            annotation.article,
            annotation.start,
            annotation.end,
            annotation.quote,
            annotation.prefix,
            annotation.suffix,
            annotation.stance,
            annotation.tags,
            annotation.note,
            annotation.speaker,
            annotation.id,
            annotation.created,
            annotation.modified,
            annotation.orphaned,
            annotation.original_quote,
            annotation.needs_review,
            annotation.fingerprint,
        ) = values
        return annotation
    for name, value in zip(_NAMES, values, strict=True):
        _set(annotation, name, value)
    return annotation


_new = object.__new__
_set = object.__setattr__
_IN_ORDER = _NAMES == (
    "article",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "stance",
    "tags",
    "note",
    "speaker",
    "id",
    "created",
    "modified",
    "orphaned",
    "original_quote",
    "needs_review",
    "fingerprint",
)


def _payload(doc: dict[str, Any]) -> bytes:
    """What a row keeps of a stored highlight: the fields of the Annotation it makes, in order
    (what an uncached query builds from the file, so both give equal objects)."""
    made = Annotation(**{k: v for k, v in doc.items() if k in _FIELD_SET})
    return orjson.dumps([getattr(made, name) for name in _NAMES])


_FIELD_SET = frozenset(_NAMES)


class _Unavailable(Exception):
    """The table cannot answer now: the caller reads the files."""


class HighlightTable:
    """The library-wide highlights cache at path, kept true to store's files (see the module)."""

    def __init__(self, store: AnnotationStore, path: Path) -> None:
        self.store = store
        self.path = Path(path)
        self.files_read = 0  # highlights files read to bring the table up to date (for tests)
        # The stamp (`file_stamp`) of every highlights file, as listed for the last answer
        # (None when the table could not answer): the versions whose highlights it returned.
        self.stamps: dict[str, Stamp] | None = None
        self._listed: dict[str, str] = {}  # the same files' full stamps

    # -- queries ---------------------------------------------------------------------------------
    def query(
        self,
        *,
        stance: str | None = None,
        tag: str | None = None,
        orphaned: bool | None = None,
        needs_review: bool | None = None,
        since: str | None = None,
    ) -> list[Annotation] | None:
        """Every live highlight of the library matching the filters given, as
        `AnnotationStore.query` returns them (stance and tag case-insensitive, since an ISO
        date compared with when it was created); None when the table cannot be used."""
        sql = "SELECT r.doc FROM rows r"
        where: list[str] = []
        params: list[Any] = []
        if tag is not None:  # the tag's few rows first, by the tags table's key
            sql = "SELECT r.doc FROM tags t JOIN rows r ON r.article = t.article AND r.id = t.id"
            where.append("t.tag = ?")
            params.append(tag_key(tag))
        if stance is not None:
            where.append("r.stance = ?")
            params.append(stance.strip().casefold())
        if orphaned is not None:
            where.append("r.orphaned = ?")
            params.append(int(orphaned))
        if needs_review is not None:
            where.append("r.review = ?")
            params.append(int(needs_review))
        if since is not None:
            where.append("r.created >= ?")
            params.append(since)
        sql += (" WHERE " + " AND ".join(where)) if where else ""
        self.stamps = None
        raws = self._select(sql, params)
        if raws is None:
            return None
        found = [_annotation(raw) for raw in raws]
        found.sort(key=lambda a: (a.article, a.start, a.end, a.created))
        return found

    # -- keeping the table true ------------------------------------------------------------------
    def _select(self, sql: str, params: list[Any]) -> list[bytes] | None:
        """The first column of sql's rows, answered from a table true to every file."""
        for attempt in range(2):
            try:
                with self._connection() as db:
                    return self._answer(db, sql, params)
            except _Unavailable:
                return None
            except sqlite3.DatabaseError as exc:
                if getattr(exc, "sqlite_errorcode", 0) & 0xFF in _UNAVAILABLE or attempt:
                    return None
                self._discard()  # damaged, or not ours: rebuilt from the files
        return None

    def articles(self) -> Iterator[tuple[str, list[Annotation]]] | None:
        """Every live highlight of the library, one article at a time in article order, as
        (article id, its highlights sorted by position, as `query` sorts them); None when the
        table cannot be used. Only one article's Annotations are made at a time: the table is
        brought up to date first (`.stamps` then gives the versions returned), then its rows
        are read a few articles at a time; an article whose rows another process replaced
        meanwhile (a newer version of its file) is left out: the caller reads its file."""
        self.stamps = None
        for attempt in range(2):
            stack = contextlib.ExitStack()
            try:
                db = stack.enter_context(self._connection())
                if not self._fresh(db):
                    stack.close()
                    return None
            except _Unavailable:
                stack.close()
                return None
            except sqlite3.DatabaseError as exc:
                stack.close()
                if getattr(exc, "sqlite_errorcode", 0) & 0xFF in _UNAVAILABLE or attempt:
                    return None
                self._discard()
                continue
            except BaseException:
                stack.close()
                raise
            db.execute("COMMIT")  # read again in short transactions, a few articles each
            return _grouped(db, stack, self._listed)
        return None

    def _answer(self, db: sqlite3.Connection, sql: str, params: list[Any]) -> list[bytes] | None:
        if not self._fresh(db):
            return None
        try:
            return [raw for (raw,) in db.execute(sql, params)]
        finally:
            db.execute("COMMIT")

    def _fresh(self, db: sqlite3.Connection) -> bool:
        """Bring the table up to date with every file; True with a read transaction open in
        which it is (the caller ends it), False when files kept changing under every round."""
        skipped: set[str] = set()  # files that could not be read: shown by no query, as uncached
        for _round in range(ROUNDS):
            try:
                stats = self.store.file_stats()
            except AnnotationError:
                raise _Unavailable from None
            current = {a: stamp_text(st) for a, st in stats.items() if a not in skipped}
            db.execute("BEGIN")
            try:
                known = dict(db.execute("SELECT article, stamp FROM files"))
                stale = [a for a, s in current.items() if known.get(a) != s]
                gone = [a for a in known if a not in current]
            except BaseException:
                db.execute("COMMIT")
                raise
            if not stale and not gone:
                self.stamps = {a: file_stamp(stats[a]) for a in current}
                self._listed = current
                return True  # the read transaction stays open for the caller's statement
            db.execute("COMMIT")
            read: list[tuple[str, str, list[dict[str, Any]]]] = []
            for n, article_id in enumerate(stale):
                if n and n % CHUNK == 0:  # a first build: written in parts, not all held
                    self._replace(db, gone, read)
                    gone, read = [], []
                try:
                    docs = self.store.live_docs(article_id)
                except (AnnotationError, StorageError) as exc:
                    skipped.add(article_id)
                    gone.append(article_id)
                    if str(exc) not in self.store.problems:
                        self.store.problems.append(str(exc))
                    continue
                self.store.forget(article_id)  # its contents are in the table now: not kept
                self.files_read += 1
                read.append((article_id, current[article_id], docs))
            self._replace(db, gone, read)
        return False  # files kept changing under every round: read them the usual way

    def _replace(
        self,
        db: sqlite3.Connection,
        gone: Iterable[str],
        read: list[tuple[str, str, list[dict[str, Any]]]],
    ) -> None:
        """Drop the rows of files gone; replace those of files read (one transaction)."""
        db.execute("BEGIN IMMEDIATE")
        try:
            articles = [(a,) for a in gone] + [(a,) for a, _s, _d in read]
            db.executemany("DELETE FROM rows WHERE article = ?", articles)
            db.executemany("DELETE FROM tags WHERE article = ?", articles)
            db.executemany("DELETE FROM files WHERE article = ?", articles)
            db.executemany("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?)", _rows(read))
            db.executemany("INSERT OR IGNORE INTO tags VALUES (?, ?, ?)", _tags(read))
            db.executemany("INSERT INTO files VALUES (?, ?)", [(a, s) for a, s, _d in read])
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            raise _Unavailable from None
        db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version != VERSION:
                self._create(db, version)
            yield db
        finally:
            db.close()

    def _create(self, db: sqlite3.Connection, version: int) -> None:
        """The tables of this version, in place of any other (a cache: nothing is lost)."""
        db.execute("BEGIN IMMEDIATE")
        try:
            (now,) = db.execute("PRAGMA user_version").fetchone()
            if now == VERSION:  # another process made them while this one waited
                db.execute("COMMIT")
                return
            names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            for name in names:
                db.execute(f'DROP TABLE IF EXISTS "{name}"')
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _discard(self) -> None:
        """Delete a damaged table file (and its journal): the next query rebuilds it."""
        for suffix in ("", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(f"{self.path}{suffix}")


def _grouped(
    db: sqlite3.Connection, stack: contextlib.ExitStack, listed: dict[str, str]
) -> Iterator[tuple[str, list[Annotation]]]:
    """The rows of the files listed (article: full stamp), article by article (see `articles`),
    read in short transactions, a few articles each, so that no lock is held for long: an
    article whose rows were replaced meanwhile (another process read a newer version) is left
    out, for the caller to read from its file."""
    try:
        order = sorted(listed)
        for at in range(0, len(order), GROUP_CHUNK):
            part = order[at : at + GROUP_CHUNK]
            marks = ",".join("?" * len(part))
            db.execute("BEGIN")
            try:
                same = {
                    a
                    for a, stamp in db.execute(
                        f"SELECT article, stamp FROM files WHERE article IN ({marks})", part
                    )
                    if listed[a] == stamp
                }
                found: dict[str, list[bytes]] = {}
                for article_id, raw in db.execute(
                    f"SELECT article, doc FROM rows WHERE article IN ({marks})", part
                ):
                    if article_id in same:
                        found.setdefault(article_id, []).append(raw)
            finally:
                db.execute("COMMIT")
            for article_id in sorted(found):
                group = [_annotation(raw) for raw in found.pop(article_id)]
                group.sort(key=lambda a: (a.start, a.end, a.created))
                yield article_id, group
    finally:
        stack.close()


def _rows(read: list[tuple[str, str, list[dict[str, Any]]]]) -> Iterator[tuple[Any, ...]]:
    for article_id, _, docs in read:
        for doc in docs:
            yield (
                article_id,
                doc["id"],
                (doc.get("stance") or "").casefold(),
                doc.get("created", ""),
                int(bool(doc.get("orphaned"))),
                int(bool(doc.get("needs_review"))),
                _payload(doc),
            )


def _tags(read: list[tuple[str, str, list[dict[str, Any]]]]) -> Iterator[tuple[str, str, str]]:
    for article_id, _, docs in read:
        for doc in docs:
            for tag in doc.get("tags", ()):
                yield (tag.casefold(), article_id, doc["id"])
