"""Full-text search over the library: an SQLite FTS5 index kept in step with the article files.

The index lives in `<library>/.index/`: `search.json` names the current database generation. A full
build writes a new generation and switches the pointer atomically; incremental updates are SQLite
transactions. Every sync compares the file stamps recorded in the index with the files, so a
missing, stale or corrupt index is refreshed or rebuilt, never trusted blindly.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import os
import re
import secrets
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any, Protocol

import orjson

from library.articlefile import ArticleFileError, loads
from library.errors import LockHeld, WriteFailed
from library.fsutil import atomic_write, conflict_of, stamp_text
from library.locks import SEARCH, lock_in
from library.model import Article
from library.searchtext import (
    FILTER_KEYS,
    MARK_IN_SQL_MAX,
    Hit,
    Query,
    QueryError,
    SearchError,
    best_match,
    find_marks,
    fold,
    fold_tag,
    make_hit,
    make_snippet,
    parse_query,
    plain,
    unmark,
)

__all__ = [
    "DEFAULT_LIMIT",
    "FILTER_KEYS",
    "Hit",
    "NoteLike",
    "NoteSource",
    "Query",
    "QueryError",
    "SearchError",
    "SearchIndex",
    "SyncReport",
    "best_match",
    "fold",
    "fold_tag",
    "make_snippet",
    "parse_query",
    "scan_stamps",
    "stamp_of",
]

SCHEMA_VERSION = 1
POINTER_FILE = "search.json"
DEFAULT_LIMIT = 20
LOCK_TIMEOUT = 120.0  # a first build of a very large library takes about a minute
# A file modified this recently may change again within the same mtime tick without its stamp
# changing, so its stamp is not trusted: it is re-read at the next sync (git's "racy clean"). The
# long window is for filesystems with coarse times (FAT, exFAT, HFS+, ext3: mtimes in whole 10 ms or
# more); fine-grained ones still tick only as often as the kernel's coarse clock (a few ms).
RACY_NS = 2_000_000_000
RACY_FINE_NS = 100_000_000
# Column weights for bm25: title, authors, tags, body, note, quote. A highlight's quote is also in
# its article's text, so a match there alone ranks the highlight below the article.
_WEIGHTS = (10.0, 4.0, 4.0, 1.0, 2.0, 0.1)
_SEP = "\x1f"
# Past this many matches of a query in the index, a long row's marks are found by find_marks
# (linear) rather than FTS5's highlight() (its time grows with the square of a row's matches:
# about 0.02 s at 10,000).
MARK_IN_SQL_INSTANCES = 10_000
_CORRUPTION_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}

_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles(
    file TEXT PRIMARY KEY,      -- file name under articles/
    id TEXT NOT NULL UNIQUE,
    stamp TEXT NOT NULL,        -- '' when racily clean: re-read at the next sync
    title TEXT NOT NULL,
    ftitle TEXT NOT NULL,       -- folded title, for title:
    fauthors TEXT NOT NULL,     -- folded authors joined by US, for author:
    imported TEXT NOT NULL
);
CREATE TABLE notes(article TEXT PRIMARY KEY, stamp TEXT NOT NULL);
CREATE TABLE rows(
    rowid INTEGER PRIMARY KEY,  -- the same rowid in docs
    article TEXT NOT NULL,
    annotation TEXT,            -- NULL for the article's own row
    start INTEGER NOT NULL,
    stop INTEGER NOT NULL,
    stance TEXT,                -- case-folded
    tags TEXT NOT NULL          -- folded tag keys, each wrapped in US
);
CREATE INDEX rows_article ON rows(article, annotation);
CREATE VIRTUAL TABLE docs USING fts5(
    title, authors, tags, body, note, quote, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO meta VALUES ('schema', '{SCHEMA_VERSION}');
"""


@dataclass(slots=True)
class SyncReport:
    """What bringing the index in line with the files did."""

    rebuilt: bool = False
    articles: int = 0  # articles in the index afterwards
    notes: int = 0  # highlights in the index afterwards (only counted after a rebuild)
    updated: int = 0  # article files (re-)read
    removed: int = 0  # articles dropped
    notes_updated: int = 0  # articles whose highlights were (re-)read
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether anything was written."""
        return bool(self.rebuilt or self.updated or self.removed or self.notes_updated)


# -- sources ---------------------------------------------------------------------------------------
class NoteLike(Protocol):
    """What the index reads from a highlight (annotations.Annotation fits)."""

    @property
    def id(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def quote(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def stance(self) -> str | None: ...


class NoteSource(Protocol):
    """Where the highlights come from; annotations.search supplies one over the store."""

    def scan(self) -> dict[str, str]:
        """The stamp (see stamp_of) of each article's highlights file, by article id; no reading."""
        ...

    def stat(self, article_id: str) -> os.stat_result | None:
        """The file of one article's highlights, stat-ed; None when it has none."""
        ...

    def load(self, article_id: str) -> Sequence[NoteLike] | None:
        """The highlights of one article, read now; None when they cannot be read (retried)."""
        ...


def stamp_of(st: os.stat_result) -> str:
    """A file's identity and version (`library.fsutil.stamp_text`: an atomic rewrite changes
    the inode; ctime, which no program sets, a hand edit that puts size and mtime back)."""
    return stamp_text(st)


def _recorded_stamp(st: os.stat_result, seen_ns: int) -> str:
    """The stamp to record for a file read just now; '' when it may change unseen (racy).

    ctime counts as mtime does: an edit that puts the mtime back leaves only ctime to tell it
    from the next one, which a tick of the same ctime would hide."""
    changed = max(st.st_mtime_ns, st.st_ctime_ns)
    window = RACY_NS if changed % 10_000_000 == 0 else RACY_FINE_NS
    return "" if seen_ns - changed < window else stamp_of(st)


def scan_stamps(folder: Path, suffix: str) -> dict[str, str]:
    """The stamp of each regular, non-hidden file in folder whose name ends with suffix, by name.

    This runs before every search, once per file of the library, so it is kept lean.
    """
    found: dict[str, str] = {}
    try:
        entries = os.scandir(folder)
    except FileNotFoundError:
        return found
    with entries:
        for entry in entries:
            name = entry.name
            if name.endswith(suffix) and name[0] != "." and not conflict_of(name):
                try:
                    st = entry.stat()
                except OSError:
                    continue
                if S_ISREG(st.st_mode):
                    found[name] = stamp_of(st)
    return found


# -- the index -------------------------------------------------------------------------------------
class SearchIndex:
    """The search index of one library folder; safe to share between threads."""

    def __init__(self, folder: Path, articles_dir: Path, notes: NoteSource | None = None) -> None:
        self.folder = Path(folder)
        self.articles_dir = Path(articles_dir)
        self.notes = notes
        self._conn: sqlite3.Connection | None = None
        self._pointer_stamp: str | None = None
        self._db: Path | None = None
        self._lock = threading.RLock()
        # Set when the library's own folder cannot be written (a read-only or full disk): the
        # index is built in a temporary folder instead, and this says so.
        self.fallback: str | None = None

    # -- locations and opening -------------------------------------------------------------------
    @property
    def pointer(self) -> Path:
        """The file naming the current database generation."""
        return self.folder / POINTER_FILE

    @property
    def path(self) -> Path | None:
        """The current database file, or None when there is no usable index."""
        with self._lock:
            return self._db if self._open() else None

    def exists(self) -> bool:
        """Whether a usable index is there (without building one)."""
        with self._lock:
            try:
                return self._open()
            except sqlite3.DatabaseError:
                return False

    def close(self) -> None:
        """Close the database connection (reopened on next use)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
            self._conn = None
            self._pointer_stamp = None
            self._db = None

    def health(self) -> tuple[str, str] | None:
        """What is wrong with the index, looking only: ("unreadable", why) or ("stale", what the
        files have that it lacks); None when it is current or there is none yet (built on the
        first search). Files written too recently to trust their stamps are not counted."""
        with self._lock:
            if not self.pointer.exists():
                return None
            try:
                if not self._open():
                    return "unreadable", f"{self.pointer.name} names no usable database"
                conn = self._connection()
                known = dict(conn.execute("SELECT file, stamp FROM articles").fetchall())
                notes_known = dict(conn.execute("SELECT article, stamp FROM notes").fetchall())
            except sqlite3.DatabaseError as exc:
                self.close()
                return "unreadable", f"the database is damaged ({exc})"
        files = scan_stamps(self.articles_dir, ".md")
        changed = sum(1 for name, st in files.items() if known.get(name) not in (st, ""))
        removed = len(known.keys() - files.keys())
        note_files = self.notes.scan() if self.notes else {}
        notes = sum(1 for a, st in note_files.items() if notes_known.get(a) not in (st, ""))
        notes += len(notes_known.keys() - note_files.keys())
        parts = [
            f"{n} {what}"
            for n, what in (
                (changed, "article file(s) changed or new"),
                (removed, "article(s) gone"),
                (notes, "highlights file(s) changed"),
            )
            if n
        ]
        return ("stale", ", ".join(parts)) if parts else None

    def _open(self) -> bool:
        """Connect to the generation the pointer names; False when there is none usable."""
        try:
            st = self.pointer.stat()
        except FileNotFoundError:
            self.close()
            return False
        stamp = stamp_of(st)
        if self._conn is not None and stamp == self._pointer_stamp:
            return True
        self.close()
        try:
            info = orjson.loads(self.pointer.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return False
        name = info.get("db") if isinstance(info, dict) else None
        if (
            not isinstance(name, str)
            or info.get("version") != SCHEMA_VERSION
            or "/" in name
            or not (self.folder / name).is_file()
        ):
            return False
        db = self.folder / name
        conn = _connect(db)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError:
            conn.close()
            raise
        if row is None or row[0] != str(SCHEMA_VERSION):
            conn.close()
            return False
        self._conn, self._pointer_stamp, self._db = conn, stamp, db
        return True

    def _guarded(self, action: Callable[[], Any]) -> Any:
        """Run action; a corrupt database is rebuilt once and the action retried."""
        try:
            return action()
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                raise
        self.close()
        self.rebuild()
        return action()

    # -- keeping in step -------------------------------------------------------------------------
    def sync(self) -> SyncReport:
        """Bring the index in line with the files: re-read what changed, build when missing.

        A library whose index folder cannot be written (read-only, full) is still searchable:
        the index is built in a temporary folder for this process, and the report says so.
        """
        with self._lock:
            return self._writable_or_temporary(self._sync_or_rebuild)

    def _writable_or_temporary(self, action: Callable[[], SyncReport]) -> SyncReport:
        """Run action; when the index folder cannot be written, again in a temporary folder."""
        try:
            report = action()
        except (OSError, sqlite3.OperationalError) as exc:
            if self.fallback is not None or not _cannot_write(exc):
                raise
            self._fall_back(exc)
            report = action()
        if self.fallback is not None and self.fallback not in report.problems:
            report.problems.append(self.fallback)
        return report

    def _sync_or_rebuild(self) -> SyncReport:
        try:
            return self._sync()
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                raise
        self.close()
        return self.rebuild()

    def _fall_back(self, exc: OSError | sqlite3.OperationalError) -> None:
        """Move the index to a temporary folder, removed when the process ends."""
        self.close()
        original = self.folder
        temporary = Path(tempfile.mkdtemp(prefix="margin-search-"))
        atexit.register(shutil.rmtree, temporary, ignore_errors=True)
        self.folder = temporary
        cause = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self.fallback = (
            f"{original}: the search index cannot be written ({cause}); searching with a "
            "temporary index for now (make the library writable to keep one)"
        )

    def _sync(self) -> SyncReport:
        started = time.perf_counter()
        if not self._open():
            with self._writing():
                if not self._open():  # nobody built it while we waited for the lock
                    return self._rebuild()
        conn = self._connection()
        files = scan_stamps(self.articles_dir, ".md")
        known = dict(conn.execute("SELECT file, stamp FROM articles").fetchall())
        changed = sorted(name for name, _ in files.items() - known.items())
        removed = sorted(known.keys() - files.keys())
        note_files = self.notes.scan() if self.notes else {}
        notes_known = dict(conn.execute("SELECT article, stamp FROM notes").fetchall())
        stale_notes = {aid for aid, _ in note_files.items() ^ notes_known.items()}
        report = SyncReport()
        if changed or removed or stale_notes:
            report = self._update(changed, removed, stale_notes)
            if report.rebuilt:
                return report
        conn = self._connection()  # _update may have moved to another process's new generation
        report.articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        report.seconds = time.perf_counter() - started
        return report

    def update_article(self, article_id: str, file: str | None = None) -> SyncReport:
        """Re-read one article (by id; its file name when known) and its highlights, if indexed.

        A no-op when there is no index yet: the next search builds it whole.
        """
        return self.update_articles([(article_id, file)])

    def update_articles(self, articles: Sequence[tuple[str, str | None]]) -> SyncReport:
        """`update_article` for several (id, file name) at once, in one transaction (the
        articles of one batch of an import)."""
        with self._lock:

            def run() -> SyncReport:
                if not self._open() or not articles:
                    return SyncReport()
                conn = self._connection()
                names: set[str] = set()
                for article_id, file in articles:
                    names.add(file or f"{article_id}.md")
                    names.update(
                        r[0]
                        for r in conn.execute(
                            "SELECT file FROM articles WHERE id = ?", (article_id,)
                        )
                    )
                present = [n for n in names if (self.articles_dir / n).exists()]
                gone = [n for n in names if n not in present]
                return self._update(sorted(present), sorted(gone), {a for a, _ in articles})

            report: SyncReport = self._guarded(run)
            return report

    def update_notes(self, article_id: str) -> SyncReport:
        """Re-read the highlights of one article, if the index exists."""
        with self._lock:

            def run() -> SyncReport:
                if not self._open() or self.notes is None:
                    return SyncReport()
                return self._update([], [], {article_id})

            report: SyncReport = self._guarded(run)
            return report

    def remove_article(self, article_id: str) -> SyncReport:
        """Drop an article and its highlights from the index, if indexed."""
        with self._lock:

            def run() -> SyncReport:
                if not self._open():
                    return SyncReport()
                conn = self._connection()
                files = [
                    r[0]
                    for r in conn.execute("SELECT file FROM articles WHERE id = ?", (article_id,))
                ]
                return self._update([], files, {article_id})

            report: SyncReport = self._guarded(run)
            return report

    def _update(
        self,
        changed: list[str],
        removed: list[str],
        stale_notes: set[str],
    ) -> SyncReport:
        """Apply changes in one transaction under the index lock."""
        report = SyncReport()
        with self._writing():
            # Another process may have switched to a new generation while we waited.
            if not self._open():
                return self.rebuild(_locked=True)
            conn = self._connection()
            with _transaction(conn):
                writer = _Writer(conn)
                for name in removed:
                    writer.drop_file(name, notes=True)
                    report.removed += 1
                before = {r[0] for r in conn.execute("SELECT id FROM articles")}
                for name in changed:
                    added, problem = writer.put_file(self.articles_dir, name)
                    report.updated += 1
                    if problem:
                        report.problems.append(problem)
                    if added and added not in before:
                        stale_notes.add(added)  # its highlights may have waited for it
                if self.notes is not None and stale_notes:
                    report.notes_updated = writer.put_notes(self.notes, stale_notes)
        return report

    def rebuild(self, *, _locked: bool = False) -> SyncReport:
        """Build the index from scratch as a new generation and switch to it atomically."""
        with self._lock:
            if _locked:
                return self._rebuild()

            def run() -> SyncReport:
                with self._writing():
                    return self._rebuild()

            return self._writable_or_temporary(run)

    def _rebuild(self) -> SyncReport:
        started = time.perf_counter()
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"search-{secrets.token_hex(6)}.db"
        db = self.folder / name
        report = SyncReport(rebuilt=True)
        conn = sqlite3.connect(db, isolation_level=None)
        try:
            # A fresh file nobody else sees yet: no journal needed; fsynced before it is named.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.executescript(_SCHEMA)
            with _transaction(conn):
                writer = _Writer(conn)
                for file in sorted(scan_stamps(self.articles_dir, ".md")):
                    _, problem = writer.put_file(self.articles_dir, file)
                    if problem:
                        report.problems.append(problem)
                if self.notes is not None:
                    writer.put_notes(self.notes, set(self.notes.scan()))
                conn.execute("INSERT INTO docs(docs) VALUES ('optimize')")
            report.articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            report.notes = conn.execute(
                "SELECT count(*) FROM rows WHERE annotation IS NOT NULL"
            ).fetchone()[0]
            conn.execute("PRAGMA journal_mode = WAL")
        except BaseException:
            conn.close()
            _unlink_db(db)
            raise
        conn.close()
        with open(db, "rb") as handle:
            os.fsync(handle.fileno())
        self.close()
        atomic_write(self.pointer, orjson.dumps({"version": SCHEMA_VERSION, "db": name}))
        for old in self.folder.glob("search-*.db*"):
            if not old.name.startswith(name):
                with contextlib.suppress(OSError):
                    old.unlink()
        report.updated = report.articles
        report.seconds = time.perf_counter() - started
        self._open()
        return report

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the index's inter-process lock: one writer at a time, readers never wait."""
        try:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WriteFailed(exc) from exc
            with lock_in(self.folder, SEARCH, timeout=LOCK_TIMEOUT):
                yield
        except LockHeld:
            raise SearchError(
                f"{self.folder / SEARCH.filename} is held by another Margin process (building the "
                "search index?); try again in a moment"
            ) from None

    def _connection(self) -> sqlite3.Connection:
        assert self._conn is not None
        return self._conn

    # -- querying --------------------------------------------------------------------------------
    def search(self, query: Query, limit: int = DEFAULT_LIMIT) -> list[Hit]:
        """The best hits for a query, best first (the index as it is: call sync first)."""
        if limit < 1:
            raise QueryError("the limit must be at least 1")
        with self._lock:
            hits: list[Hit] = self._guarded(lambda: self._search(query, limit))
            return hits

    def articles_with(self, query: Query, limit: int = DEFAULT_LIMIT) -> list[str]:
        """The ids of the articles whose text matches a query's terms, best first (no snippets:
        for finding candidates, as `margin verify` does, many times a second)."""
        match = query.match_expression()
        if not match or limit < 1:
            return []
        with self._lock:

            def run() -> list[str]:
                if not self._open():
                    return []
                rank = f"bm25(docs, {', '.join(str(w) for w in _WEIGHTS)})"
                rows = self._connection().execute(
                    "SELECT r.article FROM docs JOIN rows r ON r.rowid = docs.rowid "
                    f"WHERE docs MATCH ? AND r.annotation IS NULL ORDER BY {rank} LIMIT ?",
                    (f"body : ({match})", limit),
                )
                return [row[0] for row in rows]

            result: list[str] = self._guarded(run)
            return result

    def count(self, query: Query) -> int:
        """How many hits a query has in all."""
        with self._lock:

            def run() -> int:
                if not self._open():
                    return 0
                sql, params = _select(query, "count(*)")
                return int(self._connection().execute(sql, params).fetchone()[0])

            result: int = self._guarded(run)
            return result

    def stances(self) -> set[str]:
        """The (case-folded) stances that highlights in the index carry."""
        with self._lock:

            def run() -> set[str]:
                if not self._open():
                    return set()
                rows = self._connection().execute(
                    "SELECT DISTINCT stance FROM rows WHERE stance IS NOT NULL"
                )
                return {r[0] for r in rows}

            result: set[str] = self._guarded(run)
            return result

    def _search(self, query: Query, limit: int) -> list[Hit]:
        if not self._open():
            return []
        conn = self._connection()
        columns = "r.rowid, r.article, r.annotation, r.start, r.stop, a.title"
        rank = f"bm25(docs, {', '.join(str(w) for w in _WEIGHTS)})" if query.terms else "0.0"
        sql, params = _select(query, f"{columns}, {rank} AS score", limit)
        rows = conn.execute(sql, params).fetchall()
        match = query.match_expression()
        hits = []
        known: list[bool] = []

        def frequent() -> bool:  # asked once a search, and only for a long row
            if not known:
                known.append(_frequent_in(conn, query))
            return known[0]

        for rowid, article, annotation, start, stop, title, score in rows:
            raw = conn.execute(
                "SELECT title, authors, tags, body, note, quote FROM docs WHERE rowid = ?",
                (rowid,),
            ).fetchone()
            values = [c or "" for c in raw]
            cols: list[tuple[str, list[tuple[int, int]]]]
            if not match:
                cols = [(v, []) for v in values]
            elif max(map(len, values)) > MARK_IN_SQL_MAX and (
                all(v.isascii() for v in values) or frequent()
            ):
                # FTS5's highlight() takes time in the square of a row's matches (a 4 MB line
                # of one word: 106 s): a long row's first few matches are found in linear time
                # (fast on ASCII; elsewhere folding costs more, so only for frequent terms).
                cols = [(v, find_marks(v, query.terms)) for v in values]
            else:
                marked = conn.execute(
                    "SELECT "
                    + ", ".join(f"highlight(docs, {i}, char(1), char(2))" for i in range(6))
                    + " FROM docs WHERE docs MATCH ? AND rowid = ?",
                    (match, rowid),
                ).fetchone()
                cols = [unmark(c or "") for c in marked]
            hits.append(
                make_hit(article, title, annotation, start, stop, -float(score) + 0.0, cols)
            )
        return hits


def _frequent_in(conn: sqlite3.Connection, query: Query) -> bool:
    """Whether the query's terms occur more than MARK_IN_SQL_INSTANCES times in the whole index
    (an upper bound on any row's matches: below it, highlight() is quick on any row)."""
    try:
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.docs_terms "
            "USING fts5vocab(main, 'docs', 'col')"
        )
        total = 0
        for term in query.terms:
            counts = []
            for token in re.findall(r"[^\W_]+", term):
                found = 0
                for key in {fold(token), token.lower()}:
                    row = conn.execute(
                        "SELECT coalesce(sum(cnt), 0) FROM temp.docs_terms WHERE term = ?", (key,)
                    ).fetchone()
                    found = max(found, int(row[0]))
                counts.append(found)
            total += min(counts, default=0)
        return total > MARK_IN_SQL_INSTANCES
    except sqlite3.Error:
        return True  # not known: the linear way


def _select(query: Query, columns: str, limit: int | None = None) -> tuple[str, list[Any]]:
    """The SQL for a query's hits: FTS match (when there are terms) plus filters."""
    where: list[str] = []
    params: list[Any] = []
    match = query.match_expression()
    if match:
        source = "docs JOIN rows r ON r.rowid = docs.rowid JOIN articles a ON a.id = r.article"
        where.append("docs MATCH ?")
        params.append(match)
    else:
        source = "rows r JOIN articles a ON a.id = r.article"
        if not (query.tags or query.stances):
            where.append("r.annotation IS NULL")  # author:/title: alone list articles
    for tag in query.tags:
        where.append("instr(r.tags, ?) > 0")
        params.append(f"{_SEP}{tag}{_SEP}")
    for stance in query.stances:
        where.append("r.stance = ?")
        params.append(stance)
    for author in query.authors:
        where.append("instr(a.fauthors, ?) > 0")
        params.append(author)
    for title in query.titles:
        where.append("instr(a.ftitle, ?) > 0")
        params.append(title)
    sql = f"SELECT {columns} FROM {source} WHERE {' AND '.join(where) or '1'}"
    if limit is not None:
        order = "score, r.rowid" if match else "a.imported DESC, r.article, r.start, r.rowid"
        sql += f" ORDER BY {order} LIMIT ?"
        params.append(limit)
    return sql, params


# -- writing ---------------------------------------------------------------------------------------
class _Writer:
    """Row-level writes inside an open transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def drop_file(self, file: str, *, notes: bool = False) -> None:
        """Drop an article file's rows (and, when it leaves the library, its highlights)."""
        row = self.conn.execute("SELECT id FROM articles WHERE file = ?", (file,)).fetchone()
        if row is None:
            return
        self._drop_rows(row[0], annotations=False)
        self.conn.execute("DELETE FROM articles WHERE file = ?", (file,))
        if notes:
            self._drop_rows(row[0], annotations=True)
            self.conn.execute("DELETE FROM notes WHERE article = ?", (row[0],))

    def _drop_rows(self, article_id: str, *, annotations: bool) -> None:
        test = "annotation IS NOT NULL" if annotations else "annotation IS NULL"
        where = f"article = ? AND {test}"
        self.conn.execute(
            f"DELETE FROM docs WHERE rowid IN (SELECT rowid FROM rows WHERE {where})",
            (article_id,),
        )
        self.conn.execute(f"DELETE FROM rows WHERE {where}", (article_id,))

    def put_file(self, folder: Path, file: str) -> tuple[str | None, str | None]:
        """(Re-)index one article file; its id, or a problem message when it cannot be read."""
        self.drop_file(file)
        path = folder / file
        try:
            seen = time.time_ns()
            st = path.stat()  # before reading: a change during the read shows as a new stamp
            article, _ = loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None, None
        except (OSError, UnicodeDecodeError, ArticleFileError) as exc:
            return (
                None,
                f"{path}: not searchable ({exc}); fix the file or move it out of the library",
            )
        taken = self.conn.execute(
            "SELECT file FROM articles WHERE id = ?", (article.id,)
        ).fetchone()
        if taken is not None:
            return None, (
                f"{path}: id {article.id} is also used by {taken[0]}; give one of them another id"
            )
        self._put_article(file, _recorded_stamp(st, seen), article)
        return article.id, None

    def _put_article(self, file: str, stamp: str, article: Article) -> None:
        title = plain(article.title)
        authors = [plain(a) for a in article.authors]
        tags = [plain(t) for t in article.tags]
        self.conn.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                file,
                article.id,
                stamp,
                title,
                fold(title),
                _SEP + _SEP.join(fold(a) for a in authors) + _SEP,
                article.imported or "",
            ),
        )
        rowid = self.conn.execute(
            "INSERT INTO rows(article, annotation, start, stop, stance, tags) "
            "VALUES (?, NULL, 0, 0, NULL, ?)",
            (article.id, _tag_keys(tags)),
        ).lastrowid
        self.conn.execute(
            "INSERT INTO docs(rowid, title, authors, tags, body, note, quote) "
            "VALUES (?, ?, ?, ?, ?, '', '')",
            (rowid, title, ", ".join(authors), ", ".join(tags), article.text),
        )

    def put_notes(self, source: NoteSource, articles: set[str]) -> int:
        """(Re-)index the highlights of these articles; returns how many articles were read."""
        known = {r[0] for r in self.conn.execute("SELECT id FROM articles")}
        done = 0
        for article_id in sorted(articles):
            self._drop_rows(article_id, annotations=True)
            self.conn.execute("DELETE FROM notes WHERE article = ?", (article_id,))
            seen = time.time_ns()
            st = source.stat(article_id)  # before reading, as for article files
            if st is None:
                continue
            stamp = _recorded_stamp(st, seen)
            # Highlights of an article not in the library are only noted (so they are not looked
            # at again); they are read when the article arrives.
            if article_id in known:
                notes = source.load(article_id)
                if notes is None:
                    continue
                for note in notes:
                    self._put_note(article_id, note)
                done += 1
            self.conn.execute("INSERT INTO notes VALUES (?, ?)", (article_id, stamp))
        return done

    def _put_note(self, article_id: str, note: NoteLike) -> None:
        tags = [plain(t) for t in note.tags]
        rowid = self.conn.execute(
            "INSERT INTO rows(article, annotation, start, stop, stance, tags) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                article_id,
                note.id,
                note.start,
                note.end,
                note.stance.casefold() if note.stance else None,
                _tag_keys(tags),
            ),
        ).lastrowid
        self.conn.execute(
            "INSERT INTO docs(rowid, title, authors, tags, body, note, quote) "
            "VALUES (?, '', '', ?, '', ?, ?)",
            (rowid, ", ".join(tags), plain(note.note), plain(note.quote)),
        )


def _tag_keys(tags: Sequence[str]) -> str:
    keys = [fold_tag(t) for t in tags]
    return "".join(f"{_SEP}{k}{_SEP}" for k in keys if k)


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _connect(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db, timeout=10.0, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA synchronous = NORMAL")  # WAL: commits stay atomic; a cache needs no more
    return conn


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _CORRUPTION_CODES:
        return True
    message = str(exc)
    return "malformed" in message or "not a database" in message or "no such table" in message


_UNWRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT}


def _cannot_write(exc: OSError | sqlite3.OperationalError) -> bool:
    """Whether exc says the index folder cannot be written (rather than a bug or corruption)."""
    if isinstance(exc, OSError):
        return exc.errno in _UNWRITABLE
    message = str(exc).lower()
    return any(
        words in message
        for words in ("readonly", "read-only", "unable to open", "disk is full", "disk i/o")
    )


def _unlink_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(f"{db}{suffix}")
