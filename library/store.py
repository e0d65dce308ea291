"""The library on disk: one Markdown file per article, a catalog cache, and a trash folder.

Layout of a library folder:
    articles/<id>.md        the articles (front matter + Markdown), the source of truth
    annotations/            highlights, one TinyDB file per article (see annotations.store)
    state.json              reading state (TinyDB)
    trash/<stamp>-<id>/     removed articles with their annotations, restorable
    .index/                 caches rebuilt from the files when missing or stale
    .seeded                 written once the default library was offered the samples
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import marshal
import os
import shutil
import sys
import threading
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import orjson

from library import catalogfile
from library.articlefile import (
    ArticleFileError,
    dumps,
    loads,
    loads_meta,
    normalize_meta,
    read_page_map,
    split_front_matter,
)
from library.errors import (
    AmbiguousArticle,
    ArticleNotFound,
    ImportFailed,
    LibraryError,
    WriteFailed,
)
from library.fsutil import (
    FileLock,
    Stamp,
    atomic_write,
    collector_paused,
    conflict_of,
    file_stamp,
    fsync_dir,
    keep_aside,
    move_durably,
    sweep_temp,
)
from library.limits import Limits
from library.locks import CATALOG, lock_in
from library.locks import sweep_temp as sweep_library
from library.model import Article, ArticleMeta, Block, LocatorKind, Page, read_label_kind

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from library.importer import RawSource
    from library.packcompact import Compaction
    from library.packs import Copy, PackIndex, PackWriter
    from library.parsers import Parsed
    from library.tinystore import Backups

ImportStatus = Literal["imported", "updated", "unchanged"]
# 3: the page map and its locator kind; 4: offsets as arrays; 5: where its page labels come from
PARSED_CACHE_VERSION = 5
PARSED_CACHE_MIN_BYTES = 256_000  # smaller articles parse faster than a cache file is read
EDITABLE_FIELDS = (
    "title",
    "subtitle",
    "authors",
    "publication",
    "section",
    "published",
    "url",
    "tags",
    # Bibliographic fields beyond a news article's (issue 22).
    "item_type",
    "language",
    "publisher",
    "number",
    "volume",
    "issue",
    "page_range",
    "doi",
    "isbn",
    "editors",
)
STDIN_SOURCE = "<stdin>"
# Called with (previous, updated) before an article updated in place is written.
BeforeUpdate = Callable[["Article", "Article"], None]
SEEDED_MARKER = ".seeded"


@dataclass(slots=True)
class ImportResult:
    """What importing one source did."""

    status: ImportStatus
    article: Article
    previous: Article | None = None  # the former version, when the article was updated in place


@dataclass(frozen=True, slots=True)
class ArticleDamage:
    """An article file its backups can tell is damaged, and the newest good one (if any)."""

    path: Path
    reason: str
    backup: Copy | None


# Write-ahead copies of each article file, in articles/.backups/: slot files of their own, and
# records in the packs of write-behind batches (`library.packs`); the newest this many count.
ARTICLE_BACKUPS = 2


@dataclass(slots=True)
class TrashEntry:
    """A removed article waiting in the trash."""

    folder: Path
    id: str
    title: str
    removed: str
    # removed (complete); removing or restoring: cut short by a crash and not yet finished or
    # undone (`Library.recover_trash`); stray: an empty folder a crash left
    state: str = "removed"


# Joins a companion file in the trash to the one saved in the library meanwhile:
# (name, in_trash, in_library); it removes in_trash once its contents are safe in in_library.
Merge = Callable[[str, Path, Path], None]
MANIFEST = "trash.json"  # a removal's manifest: what the entry holds and where it came from
RESTORING = "restore.json"  # the manifest renamed: a restore of this entry has begun
ARTICLE_IN_TRASH = "article.md"
TRASH_SPECIAL = frozenset({"conflicts", "damaged"})  # doctor's folders under trash/


@dataclass(slots=True)
class _Entry:
    file: str
    stamp: Stamp
    meta: ArticleMeta
    line: bytes | None = None  # its saved catalog row, when read from there (written as is)

    def row(self) -> bytes:
        if self.line is None:
            self.line = catalogfile.encode_row(self.file, self.stamp, self.meta)
        return self.line


@dataclass(frozen=True, slots=True)
class _Pending:
    """An article file a batch is writing: the write, the entry it replaces, the file."""

    future: Future[os.stat_result]
    before: _Entry | None
    path: Path


@dataclass(slots=True)
class BatchOutcome:
    """What a write-behind batch could not write: article id → the write's error."""

    failed: dict[str, WriteFailed] = field(default_factory=dict)


WRITERS = 4  # threads writing a batch's article files: their fsyncs overlap


@functools.cache
def _writers() -> ThreadPoolExecutor:
    """The threads that write batches' article files (made once, on first use)."""
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="margin-write")


def _newer(a: ArticleMeta, b: ArticleMeta) -> bool:
    """Whether a comes before b in the catalog's order (newest import first, then greater id)."""
    return (a.imported, a.id) > (b.imported, b.id)


class _Lookup:
    """The articles by one key (source or content hash): the newest import holding a key wins a
    tie, as a scan finds; with how many hold each key, so that when the one found changes its
    key another holding it is found, not none."""

    def __init__(self, metas: list[ArticleMeta], key: Callable[[ArticleMeta], str]) -> None:
        self.key = key
        self.found: dict[str, ArticleMeta] = {}
        self.holders: dict[str, int] = {}
        for meta in reversed(metas):  # from the oldest: the newest is written last
            value = key(meta)
            if value:
                self.found[value] = meta
                self.holders[value] = self.holders.get(value, 0) + 1

    def get(self, value: str) -> ArticleMeta | None:
        return self.found.get(value)

    def written(
        self, previous: ArticleMeta | None, meta: ArticleMeta, metas: list[ArticleMeta]
    ) -> None:
        """Keep in step with one article written: previous (its former metadata, if any) leaves,
        meta comes; metas is the catalog's order after the write."""
        old = self.key(previous) if previous is not None else ""
        if old:
            left = self.holders[old] = self.holders.get(old, 1) - 1
            if self.found.get(old) is previous:
                del self.found[old]
            if left <= 0:
                del self.holders[old]
            elif old not in self.found:  # another holds it still (a duplicate): the newest
                other = next((m for m in metas if m is not meta and self.key(m) == old), None)
                if other is not None:
                    self.found[old] = other
        new = self.key(meta)
        if new:
            self.holders[new] = self.holders.get(new, 0) + 1
            held = self.found.get(new)
            if held is None or _newer(meta, held):
                self.found[new] = meta


class _Views:
    """Derived from the entries, rebuilt after any change: the metadata sorted newest import
    first, and (built on first use, since listing needs neither) the source and hash lookups."""

    def __init__(self, metas: list[ArticleMeta]) -> None:
        self.metas = metas
        self._by_source: _Lookup | None = None
        self._by_hash: _Lookup | None = None

    @property
    def by_source(self) -> _Lookup:
        if self._by_source is None:
            self._by_source = _Lookup(self.metas, attrgetter("source"))
        return self._by_source

    @property
    def by_hash(self) -> _Lookup:
        if self._by_hash is None:
            self._by_hash = _Lookup(self.metas, attrgetter("content_hash"))
        return self._by_hash


def _write_failed(exc: OSError) -> WriteFailed:
    """A write's error as the WriteFailed a batch reports."""
    return exc if isinstance(exc, WriteFailed) else WriteFailed(exc)


def utc_now() -> str:
    """Now as an ISO timestamp in UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _is_article_file(name: str) -> bool:
    """An article's file in articles/: not hidden (temp files), and not a sync tool's conflict
    copy, which is no second article (`margin doctor` reports it)."""
    return name.endswith(".md") and not name.startswith(".") and not conflict_of(name)


def _offsets(raw: bytes) -> array[int]:
    """Offsets the parsed-article cache keeps as an array's bytes."""
    found = array("Q")
    found.frombytes(raw)
    return found


@dataclass
class Library:
    """A library folder; every write is atomic and goes through this class."""

    root: Path
    max_bytes: int = 50_000_000
    # Every cap on input (size, front-matter expansion, URL deadline); its max_bytes wins over
    # the max_bytes above when given.
    limits: Limits | None = None
    lock_timeout: float = 10.0  # seconds to wait for another process's import, edit or removal
    _entries: dict[str, _Entry] = field(default_factory=dict, init=False, repr=False)
    _views: _Views | None = field(default=None, init=False, repr=False)
    _loaded: bool = field(default=False, init=False, repr=False)
    # The reader's workers and the command palette may read the catalog at the same time.
    _mutex: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False)
    _problems: list[str] = field(default_factory=list, init=False, repr=False)
    _swept: list[Path] | None = field(default=None, init=False, repr=False)
    _lock: FileLock | None = field(default=None, init=False, repr=False)
    _batch: int = field(default=0, init=False, repr=False)  # depth of `batch()` blocks
    _batch_dirty: bool = field(default=False, init=False, repr=False)
    # This thread's depth of `batch()` blocks (which hold the catalog's lock for it).
    _in_batch: threading.local = field(default_factory=threading.local, init=False, repr=False)
    # A batch's article files being written by threads (`batch(write_behind=True)`), by id.
    _behind: dict[str, _Pending] | None = field(default=None, init=False, repr=False)
    # Writes of the batch found failed before its end (`_wait_behind`), their entries put back.
    _undone: dict[str, WriteFailed] = field(default_factory=dict, init=False, repr=False)
    # The stamps of articles/ and of the saved catalog as the last batch left them (`_settled`).
    _settled_marks: tuple[Stamp, Stamp] | None = field(default=None, init=False, repr=False)
    # The pack a write-behind batch appends its copies to (one file for the batch, not one an
    # article), and the copies the packs hold (read when a backup is looked for).
    _pack: PackWriter | None = field(default=None, init=False, repr=False)
    _packs: PackIndex | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        if self.limits is None:
            self.limits = Limits(max_bytes=self.max_bytes)
        else:
            self.max_bytes = self.limits.max_bytes

    @property
    def caps(self) -> Limits:
        """The input limits in force (max_bytes kept in step with the field of that name)."""
        limits = self.limits or Limits()
        if limits.max_bytes != self.max_bytes:
            limits = dataclasses.replace(limits, max_bytes=self.max_bytes)
        return limits

    # -- locations -------------------------------------------------------------------------------
    @property
    def articles_dir(self) -> Path:
        """Where the article files live."""
        return self.root / "articles"

    @property
    def trash_dir(self) -> Path:
        """Where removed articles wait."""
        return self.root / "trash"

    @property
    def index_dir(self) -> Path:
        """Caches derived from the files."""
        return self.root / ".index"

    def ensure(self) -> None:
        """Create the library folders; a clear error when the location is not usable."""
        try:
            self.articles_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(
                f"{self.root}: cannot create the library ({exc.strerror}); choose another --library"
            ) from None

    # -- catalog ---------------------------------------------------------------------------------
    def catalog(self, *, refresh: bool = True) -> list[ArticleMeta]:
        """Metadata of every article, newest import first, the cache checked against the files."""
        with self._mutex:
            if refresh or not self._loaded:
                self._refresh()
            return list(self._derived().metas)

    def cached_catalog(self) -> list[ArticleMeta]:
        """The catalog as last saved, without checking the files (for a fast first screen).

        Callers show it at once and then call `catalog()`, which checks every file's stamp and
        re-reads what changed; with no saved catalog this is `catalog()` itself.
        """
        saved = self.saved_catalog()
        return self.catalog() if saved is None else saved

    def saved_catalog(self) -> list[ArticleMeta] | None:
        """The catalog as last saved, unchecked; None when none was saved or it lists nothing
        (nothing is scanned).

        Cheap enough to call on the UI thread before the first paint: one file read.
        """
        with self._mutex:
            if not self._loaded:
                cached = self._read_catalog()
                if not cached:
                    return None
                self._entries = cached
                self._views = None
                # Not marked loaded: the next catalog() still checks the files against the cache.
            return list(self._derived().metas)

    def saved_listing(self) -> catalogfile.Listing | None:
        """The catalog as last saved, unchecked, each row decoded when first asked for; None when
        none was saved, it lists nothing, or it is not one this Margin reads.

        For the reader's first screen: one file read and no parsing of the rows it does not show
        (`catalog()` checks the files next, on a worker).
        """
        try:
            raw = self._catalog_file().read_bytes()
        except OSError:
            return None
        saved = catalogfile.split(raw)
        if saved is None or not saved.count:
            return None
        return catalogfile.Listing(saved)

    def _derived(self) -> _Views:
        """Sorted metadata and the source and hash lookups, cached until the entries change."""
        views = self._views
        if views is None:
            metas = [e.meta for e in self._entries.values()]
            # Saved in this order, so sorting a freshly read catalog is one linear pass.
            metas.sort(key=attrgetter("imported", "id"), reverse=True)
            views = self._views = _Views(metas)
        return views

    @property
    def problems(self) -> list[str]:
        """Article files that could not be read at the last refresh, one message each."""
        return list(self._problems)

    def __len__(self) -> int:
        if not self._loaded:
            self._refresh()
        return len(self._entries)

    def _catalog_file(self) -> Path:
        return self.index_dir / "catalog.json"

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold the catalog's lock for the block: no import, edit, removal or restore runs in
        another process or thread meanwhile. Reentrant within a thread.

        The lock order of a library: this lock first, then the highlights store's (an import
        re-anchors highlights under this one), so a use case that needs both takes this first.
        Another holder keeping it past lock_timeout raises LockHeld, one line.
        """
        if getattr(self._in_batch, "depth", 0):
            yield  # inside this thread's batch, which holds the lock already
            return
        path = self._catalog_file()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteFailed(exc) from exc
        with self._mutex:
            if self._lock is None:  # one lock object: reentrant only with itself
                self._lock = lock_in(path.parent, CATALOG, self.lock_timeout)
            lock = self._lock
        with lock:
            yield

    @contextlib.contextmanager
    def batch(self, *, write_behind: bool = False) -> Iterator[BatchOutcome]:
        """Hold the catalog's lock across several imports: the files are checked once at the
        start and the catalog is written once at the end, not once per article (an import of a
        folder or a list of links). Each article file is written atomically and durably (its
        temp file fsynced before the rename); the folder is fsynced once, at the end.

        write_behind: the article files are written by a few threads while the caller goes on
        (their fsyncs overlap instead of queueing one after another); the block's end waits for
        every one, and only then is the batch durable. Until then an article written in it is
        readable here (`get` waits for its file) but not yet on disk: the caller acknowledges
        nothing before the block ends, and reads the outcome's `failed` (article id → the
        write's error, the catalog left as before for it) after. Not nested in another batch.
        """
        outcome = BatchOutcome()
        with self.held():
            with self._mutex:
                if not self._settled():
                    self._refresh()
                self._settled_marks = None
                self._batch += 1
                if write_behind and self._batch == 1:
                    from library.packs import PackWriter

                    self.ensure()
                    self._behind = {}
                    self._pack = PackWriter(self._backup_dir())
            self._in_batch.depth = getattr(self._in_batch, "depth", 0) + 1
            try:
                yield outcome
            finally:
                self._in_batch.depth -= 1
                with self._mutex:
                    self._batch -= 1
                    if not self._batch:
                        try:
                            self._finish_behind(outcome)
                        finally:
                            if self._pack is not None:
                                self._pack.close()
                                self._pack = None
                    if not self._batch and self._batch_dirty:
                        self._batch_dirty = False
                        fsync_dir(self.articles_dir)  # the renames of the batch made durable
                        # The order is kept by `_note_written` (or dropped by any other change).
                        self._write_catalog(kept_in_order=True)
                    if not self._batch and self._loaded:
                        self._settled_marks = self._marks()

    def _marks(self) -> tuple[Stamp, Stamp] | None:
        """The stamps of articles/ and of the saved catalog; None when either cannot be read."""
        try:
            return file_stamp(os.stat(self.articles_dir)), file_stamp(os.stat(self._catalog_file()))
        except OSError:
            return None

    def _settled(self) -> bool:
        """Whether the catalog in memory still holds for the article files without a scan: the
        last batch of this library ended here, and since then no file was added to articles/,
        removed or renamed there (its stamp is the same) and no other process saved the catalog
        (every import, edit and removal does, under the lock; its stamp has the nanosecond
        mtime `atomic_write` sets). Consecutive batches of a big import skip the scan of the
        whole folder each would otherwise begin with (quadratic in the folder's size); a hand
        edit of a file in place meanwhile is found by the next command's scan, as its stamp
        then differs from the catalog's."""
        return self._settled_marks is not None and self._settled_marks == self._marks()

    def _finish_behind(self, outcome: BatchOutcome) -> None:
        """Wait for the batch's article files; those that failed leave the catalog as it was."""
        behind, self._behind = self._behind or {}, None
        undone, self._undone = self._undone, {}
        for article_id, error in undone.items():
            if article_id not in behind:  # not written again since (a success would stand)
                outcome.failed[article_id] = error
        for article_id, pending in behind.items():
            try:
                written = pending.future.result()
            except OSError as exc:  # WriteFailed is one
                outcome.failed[article_id] = _write_failed(exc)
                self._unwrite(article_id, pending)
                continue
            entry = self._entries.get(article_id)
            if entry is not None and entry.file == pending.path.name:
                entry.stamp = file_stamp(written)
                entry.line = None

    def _unwrite(self, article_id: str, pending: _Pending) -> None:
        """The catalog's entry for an article as it was before a write that failed."""
        if pending.before is None:
            self._entries.pop(article_id, None)
        else:
            self._entries[article_id] = pending.before
        self._views = None

    def _wait_behind(self, article_id: str) -> bool:
        """Wait until a file the batch is writing for the article is in place; True when its
        write failed: the catalog is then put back as it was for the article before (the same
        source imported again finds that, not a file that is not there), and the batch's end
        reports the failure unless a later write of the article succeeds."""
        pending = self._behind.get(article_id) if self._behind else None
        if pending is None:
            return False
        try:
            pending.future.result()
        except OSError as exc:
            with self._mutex:
                if self._behind is None or self._behind.get(article_id) is not pending:
                    return True  # put back meanwhile, by another thread's wait
                del self._behind[article_id]
                self._undone[article_id] = _write_failed(exc)
                self._unwrite(article_id, pending)
            return True
        return False

    def _read_catalog(self) -> dict[str, _Entry]:
        """The saved catalog, or {} when it is missing, unreadable, older or mangled."""
        try:
            raw = self._catalog_file().read_bytes()
        except OSError:
            return {}
        with collector_paused():
            saved = catalogfile.split(raw)
            rows = None if saved is None else catalogfile.decode_rows(saved)
            if saved is None or rows is None:
                return {}
            return {meta.id: _Entry(file, stamp, meta, line) for file, stamp, meta, line in rows}

    def catalog_problem(self) -> tuple[str, str] | None:
        """What is wrong with the saved catalog (a cache), looking only: ("unreadable", why) or
        ("stale", what differs from the article files); None when it matches or none is saved."""
        try:
            raw = self._catalog_file().read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            return "unreadable", f"cannot be read ({exc.strerror or exc})"
        saved = self._read_catalog()
        if not saved:
            split = catalogfile.split(raw)
            if split is None or split.count:
                return "unreadable", "not a catalog this Margin reads (damaged or older)"
        known = {e.file: e.stamp for e in saved.values()}
        try:
            scan = list(os.scandir(self.articles_dir))
        except OSError:
            scan = []
        changed = 0
        present: set[str] = set()
        for entry in scan:
            if not _is_article_file(entry.name):
                continue
            try:
                stamp = file_stamp(entry.stat())
            except OSError:
                continue
            present.add(entry.name)
            if known.get(entry.name) == stamp:
                continue
            if entry.name not in known:
                # A file the catalog cannot hold (unreadable, or a second file with an id listed
                # already, such as a sync tool's conflict copy) does not make it stale.
                try:
                    meta = _read_front_matter(Path(entry.path), self.caps.front_matter_values)
                except (OSError, UnicodeDecodeError, ArticleFileError):
                    continue
                if meta.get("id") in saved:
                    continue
            changed += 1
        gone = len(known.keys() - present)
        if not changed and not gone:
            return None
        parts = [f"{changed} article file(s) changed or new"] if changed else []
        parts += [f"{gone} listed article(s) gone"] if gone else []
        return "stale", ", ".join(parts)

    def rebuild_catalog(self) -> None:
        """Rebuild the saved catalog from the article files (it is a cache)."""
        with self._mutex:
            self._entries = {}
            self._views = None
            self._loaded = True  # so the saved catalog is not read back
            self._refresh_locked()
            self._write_catalog()

    def parsed_problems(self) -> list[tuple[Path, str]]:
        """Files of the parsed-article cache that are unreadable or no longer match their
        article, with the reason (looking only)."""
        found: list[tuple[Path, str]] = []
        folder = self.index_dir / "parsed"
        try:
            files = sorted(folder.glob("*.marshal"))
        except OSError:
            return found
        by_id = {e.meta.id: e.file for e in self._read_catalog().values()}
        for file in files:
            article_id = file.name[: -len(".marshal")]
            try:
                version, stamp, *_ = marshal.loads(file.read_bytes())
                stamp = tuple(stamp)
            except (OSError, EOFError, ValueError, TypeError):
                found.append((file, "unreadable"))
                continue
            article = self.articles_dir / by_id.get(article_id, f"{article_id}.md")
            try:
                current = file_stamp(article.stat())
            except OSError:
                found.append((file, "its article is gone"))
                continue
            if version != PARSED_CACHE_VERSION or stamp != current:
                found.append((file, "its article changed since"))
        return found

    def drop_parsed(self, path: Path) -> None:
        """Delete one file of the parsed-article cache (`parsed_problems` found it wrong); the
        article is parsed again when it is next opened."""
        if Path(path).parent != self.index_dir / "parsed" or not path.name.endswith(".marshal"):
            raise LibraryError(f"{path}: not a file of the parsed-article cache")
        Path(path).unlink(missing_ok=True)

    def _write_catalog(self, kept_in_order: bool = False) -> None:
        """Save the catalog; kept_in_order: the derived views, if any, are the entries in
        order (a batch's end: `_note_written` kept them so), not sorted again from scratch."""
        if not kept_in_order:
            self._views = None  # every other change of the entries ends here
        metas = self._derived().metas  # in listing order: the next start sorts them in one pass
        rows = [self._entries[m.id].row() for m in metas]
        # A cache: atomic but not fsynced; a lost write is rebuilt from the files.
        with contextlib.suppress(OSError):
            atomic_write(self._catalog_file(), catalogfile.encode(metas, rows), durable=False)

    def _refresh(self) -> None:
        """Bring the in-memory catalog in line with the article files, re-reading changed ones."""
        with self._mutex:
            self._refresh_locked()

    def _refresh_locked(self) -> None:
        if self._behind:  # a scan must find the files a batch is writing
            for article_id in list(self._behind):
                self._wait_behind(article_id)
        if not self._loaded and self._swept is None:
            # Once per process: what interrupted writes left behind (atomic_write's temp files
            # in articles/, annotations/, .index/, trash/, and backups' temp links).
            self._swept = sweep_library(self.root)
        cached = self._entries if self._loaded or self._entries else self._read_catalog()
        by_file = {e.file: (aid, e) for aid, e in cached.items()}
        fresh: dict[str, _Entry] = {}
        problems: list[str] = []
        changed = not self._loaded and not cached
        try:
            scan = list(os.scandir(self.articles_dir))
        except FileNotFoundError:
            scan = []
        except OSError as exc:  # the library is a file, a device, or unreadable
            raise LibraryError(
                f"{self.root}: cannot read the library ({exc.strerror}); "
                "choose a folder with --library or MARGIN_LIBRARY"
            ) from None
        for entry in scan:
            if not _is_article_file(entry.name):
                continue
            try:
                stamp = file_stamp(entry.stat())
            except OSError:
                continue
            known = by_file.get(entry.name)
            if known and known[1].stamp == stamp:
                fresh[known[0]] = known[1]
                continue
            changed = True
            try:
                meta = _read_front_matter(Path(entry.path), self.caps.front_matter_values)
            except (OSError, UnicodeDecodeError, ArticleFileError) as exc:
                remedy = (
                    "`margin doctor --fix` restores its backup"
                    if self.article_copies(Path(entry.path))
                    else "fix the file or move it out of the library"
                )
                problems.append(f"{entry.path}: {exc}; {remedy}")
                continue
            if meta["id"] in fresh:
                problems.append(
                    f"{entry.path}: id {meta['id']} is also used by {fresh[meta['id']].file}; "
                    "give one of them another id"
                )
                continue
            fresh[meta["id"]] = _Entry(entry.name, stamp, ArticleMeta.meta_from_dict(meta))
        if len(fresh) != len(cached):
            changed = True
        self._entries = fresh
        self._problems = problems
        self._loaded = True
        if changed:
            self._write_catalog()

    # -- lookup ----------------------------------------------------------------------------------
    def path_of(self, article_id: str) -> Path:
        """The file of an article (which may not exist yet)."""
        entry = self._entries.get(article_id)
        return self.articles_dir / (entry.file if entry else f"{article_id}.md")

    def stamped(self, article_id: str) -> tuple[str, Stamp, ArticleMeta] | None:
        """An article's catalog entry: its file's name, the stamp (`file_stamp`) of the version
        its metadata was read from, and that metadata; None when it is not in the library.
        The catalog is checked against the files first if it was not yet in this process."""
        if not self._loaded:
            self._refresh()
        entry = self._entries.get(article_id)
        return None if entry is None else (entry.file, entry.stamp, entry.meta)

    def page_map(self, article_id: str, stamp: Stamp) -> tuple[LocatorKind, list[Page]] | None:
        """The page map of the version of an article's file with this stamp, read from its front
        matter alone (not its text), as a check of that version found it to be the text's
        (`annotations.workspace.checking`); None when the file is another version now or cannot
        be read."""
        path = self.path_of(article_id)
        try:
            if file_stamp(path.stat()) != stamp:
                return None
            front = _front_matter_text(path)
            if file_stamp(path.stat()) != stamp:
                return None  # changed while it was read
            return read_page_map(front, sys.maxsize, max_values=self.caps.front_matter_values)
        except (OSError, UnicodeDecodeError, ArticleFileError):
            return None

    def has(self, article_id: str) -> bool:
        """Whether an article with this exact id is in the library."""
        if not self._loaded:
            self._refresh()
        return article_id in self._entries

    def get(self, article_id: str) -> Article:
        """The full article with its text; ArticleNotFound when it is gone."""
        if not self._loaded:
            self._refresh()
        self._wait_behind(article_id)
        path = self.path_of(article_id)
        try:
            info = path.stat()
            cached = self._parsed_cache(article_id, info)
            if cached is not None:
                return cached
            article, _ = loads(
                path.read_text(encoding="utf-8"), max_values=self.caps.front_matter_values
            )
        except FileNotFoundError:
            raise ArticleNotFound(f"{article_id}: no such article; see `margin list`") from None
        except (OSError, UnicodeDecodeError, ArticleFileError) as exc:
            raise LibraryError(
                f"{path}: cannot read article ({exc}); fix or remove the file"
            ) from None
        if info.st_size >= PARSED_CACHE_MIN_BYTES:
            self._save_parsed(article, info)
        return article

    def read_file(self, path: Path) -> Article:
        """The article an article file holds, parsed as `get` parses it, without the catalog
        (`margin doctor` reads every file in articles/, listed or not). OSError,
        UnicodeDecodeError or ArticleFileError when it cannot be read."""
        article, _ = loads(
            Path(path).read_text(encoding="utf-8"), max_values=self.caps.front_matter_values
        )
        return article

    def read_each(self, article_ids: Iterable[str]) -> tuple[dict[str, Article], list[str]]:
        """The articles that can be read, by id, and one line for each that cannot.

        For library-wide work (an export of everything): one damaged or unreadable file is
        reported and skipped instead of stopping the rest.
        """
        found: dict[str, Article] = {}
        problems: list[str] = []
        for article_id in article_ids:
            try:
                found[article_id] = self.get(article_id)
            except LibraryError as exc:
                problems.append(f"{exc} (skipped)")
        return found, problems

    # A long article parses in tens of milliseconds; its parsed form (marshal, keyed by the file's
    # stamp) loads in a few. Only the cache under .index/ is written, and it is ignored whenever
    # the file has changed since.
    def _parsed_file(self, article_id: str) -> Path:
        return self.index_dir / "parsed" / f"{article_id}.marshal"

    def _parsed_cache(self, article_id: str, info: os.stat_result) -> Article | None:
        if info.st_size < PARSED_CACHE_MIN_BYTES:
            return None
        try:
            version, stamp, meta, text, kinds, *offsets, labels, locator, kind = marshal.loads(
                self._parsed_file(article_id).read_bytes()
            )
            if version != PARSED_CACHE_VERSION or tuple(stamp) != file_stamp(info):
                return None
            starts, ends, page_starts, page_ends = (_offsets(raw) for raw in offsets)
            return Article(
                **ArticleMeta.meta_from_dict(meta).to_dict(),
                text=text,
                blocks=[Block(*block) for block in zip(kinds, starts, ends, strict=True)],
                pages=[Page(*page) for page in zip(page_starts, page_ends, labels, strict=True)],
                locator=locator,
                labels=read_label_kind(kind),
            )
        except (OSError, EOFError, ValueError, TypeError):
            return None

    def _save_parsed(self, article: Article, info: os.stat_result) -> None:
        payload = (
            PARSED_CACHE_VERSION,
            file_stamp(info),
            article.meta.to_dict(),
            article.text,
            # Offsets as arrays' bytes, not a tuple per block: a book of 100,000 passages would
            # otherwise build 200,000 tuples to write this cache.
            [b.kind for b in article.blocks],
            array("Q", (b.start for b in article.blocks)).tobytes(),
            array("Q", (b.end for b in article.blocks)).tobytes(),
            array("Q", (p.start for p in article.pages)).tobytes(),
            array("Q", (p.end for p in article.pages)).tobytes(),
            [p.label for p in article.pages],
            article.locator,
            article.labels,
        )
        with contextlib.suppress(OSError, ValueError):
            atomic_write(self._parsed_file(article.id), marshal.dumps(payload), durable=False)

    def resolve(self, ref: str) -> ArticleMeta:
        """An article by id, unique id prefix, or unique case-insensitive title substring."""
        metas = self.catalog()
        ref = ref.strip()
        if not ref:
            raise ArticleNotFound("no article named; give an id, id prefix or part of the title")
        for meta in metas:
            if meta.id == ref:
                return meta
        matches = [m for m in metas if m.id.startswith(ref)]
        if not matches:
            folded = ref.casefold()
            matches = [m for m in metas if folded in m.title.casefold()]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ArticleNotFound(f"'{ref}': no article has that id or title; see `margin list`")
        raise AmbiguousArticle(ref, [(m.id, m.title) for m in matches])

    def by_source(self, source: str) -> ArticleMeta | None:
        """The article imported from source, if any."""
        if not self._loaded:
            self._refresh()
        return self._derived().by_source.get(source)

    def by_hash(self, digest: str) -> ArticleMeta | None:
        """The article whose imported content has this hash, if any."""
        if not self._loaded:
            self._refresh()
        return self._derived().by_hash.get(digest)

    # -- writing ---------------------------------------------------------------------------------
    def _write(self, article: Article, extra: dict[str, Any] | None = None) -> None:
        if self._behind is None:  # a batch written behind made the folder when it began
            self.ensure()
        path = self.path_of(article.id)
        payload = dumps(article, extra).encode("utf-8")
        before = latest = self._entries.get(article.id)  # latest: what the views hold now
        if self._behind is not None:
            # Written by a thread; the batch's end waits for it (and fills in its stamp).
            earlier = self._behind.get(article.id)
            if earlier is not None:  # the same file twice in one batch: in order
                try:
                    done = earlier.future.result()
                except OSError:
                    before = earlier.before  # not written: a failure here goes back past it
                else:
                    # On disk: a failure of this write leaves the catalog at that version.
                    if latest is not None:
                        latest.stamp, latest.line = file_stamp(done), None
                    before = latest
            future = _writers().submit(self._write_file, path, payload, False, self._pack)
            self._behind[article.id] = _Pending(future, before, path)
            stamp = (0, 0, 0, 0)
        else:
            # In a batch the folder is synced once, at its end, for all the renames.
            stamp = file_stamp(self._write_file(path, payload, not self._batch))
        entry = self._entries[article.id] = _Entry(path.name, stamp, article.meta)
        if self._batch:
            # In a batch the catalog is written at its end; the lookups follow each article.
            self._batch_dirty = True
            self._note_written(latest.meta if latest else None, entry.meta)
        else:
            self._write_catalog()

    def _write_file(
        self, path: Path, payload: bytes, sync_folder: bool, pack: PackWriter | None = None
    ) -> os.stat_result:
        # Written ahead, as the highlights files are: the newest backup is always the last
        # save, so a truncated or overwritten article file can be told and restored. A
        # write-behind batch adds it to its pack, one file for all its articles.
        try:
            if pack is not None:
                pack.append(path.name, payload)
            else:
                self.backups_of(path).write_ahead(payload)
        except OSError as exc:  # the disk refuses: say so naming the article's file
            raise WriteFailed(OSError(exc.errno, exc.strerror, str(path))) from exc
        return atomic_write(path, payload, sync_folder=sync_folder)

    def _note_written(self, previous: ArticleMeta | None, meta: ArticleMeta) -> None:
        """Keep the derived lookups in step with one written article (inside a batch)."""
        views = self._views
        if views is None:
            return
        metas = views.metas
        if previous is not None and (previous.imported, previous.id) == (meta.imported, meta.id):
            views.metas = [meta if m.id == meta.id else m for m in metas]  # its place kept
        else:
            if previous is not None:
                views.metas = metas = [m for m in metas if m.id != meta.id]
            # Where `_derived`'s sort puts it (newest import first, then the greater id): at
            # or near the front for an import, so the catalog is not sorted again each batch.
            at = 0
            while at < len(metas) and _newer(metas[at], meta):
                at += 1
            metas.insert(at, meta)
        for lookup in (views._by_source, views._by_hash):
            if lookup is not None:
                lookup.written(previous, meta, views.metas)

    def _backup_dir(self) -> Path:
        return self.articles_dir / ".backups"

    def backups_of(self, path: Path) -> Backups:
        """The write-ahead slot files of an article file (`articles/.backups/<id>.<n>.md`),
        where a save outside a write-behind batch keeps its copy."""
        from library.tinystore import Backups

        return Backups(path, self._backup_dir(), ARTICLE_BACKUPS)

    def article_copies(self, path: Path) -> list[Copy]:
        """The backups of an article file, newest first: its last ARTICLE_BACKUPS saves, from
        its slot files and the batches' packs (`library.packs`)."""
        from library.packs import slot_copy

        found = [c for c in map(slot_copy, self.backups_of(path).slots()) if c is not None]
        found += self._pack_index().copies(path.name)
        # Newest first; of two saved at the same time, the later listed (a pack's later record).
        ranked = sorted(enumerate(found), key=lambda at: (at[1].saved_ns, at[0]), reverse=True)
        # A copy in two packs (a compaction cut short between writing the new pack and removing
        # the old) counts once.
        seen: set[tuple[int, str]] = set()
        copies: list[Copy] = []
        for _, copy in ranked:
            twin = (copy.size, copy.sha256)
            if copy.sha256 and twin in seen:
                continue
            seen.add(twin)
            copies.append(copy)
            if len(copies) == ARTICLE_BACKUPS:
                break
        return copies

    def compact_backups(self, older_than_days: float, *, dry_run: bool = False) -> Compaction:
        """Compact the folder imports' backup packs into one, dropping the copies that are not
        among their article's last ARTICLE_BACKUPS saves and are older than older_than_days
        (`library.packcompact`); with dry_run only say what would go. Under the catalog's lock,
        so no batch appends to a pack meanwhile."""
        from library import packcompact

        if not older_than_days >= 0:  # negative, or not a number
            raise LibraryError(f"cannot keep copies {older_than_days:g} days: give 0 or more")
        folder = self._backup_dir()
        # No copy is older than a million days: a longer span (even inf) keeps every one.
        before = time.time_ns() - int(min(older_than_days, 1e6) * 86_400 * 10**9)
        with self.held():
            self._packs = None  # read the packs as they are now

            def latest(file: str) -> set[tuple[Path, int]]:
                copies = self.article_copies(self.articles_dir / file)
                return {(c.path, c.offset) for c in copies if c.offset is not None}

            with self.backups_pass():  # the packs checked once, not at each article's lookup
                found = packcompact.plan(folder, functools.cache(latest), before)
            if not dry_run:
                packcompact.apply(found, folder)
                self._packs = None
        return found

    def backup_pack_damage(self) -> dict[Path, str]:
        """The folder imports' damaged backup packs, each with one line saying where and what
        of it can be read (`library.packs.scan_pack`)."""
        return self._pack_index().damage()

    @contextlib.contextmanager
    def backups_pass(self) -> Iterator[None]:
        """`article_copies` (and `article_damage`) inside look at the batches' packs once, not
        at each call: for a pass over every article (`PackIndex.one_pass`)."""
        with self._pack_index().one_pass():
            yield

    def _pack_index(self) -> PackIndex:
        from library.packs import PackIndex

        if self._packs is None:
            self._packs = PackIndex(self._backup_dir())
        return self._packs

    def article_damage(self, path: Path) -> ArticleDamage | None:
        """What is wrong with an article file that its backups can mend, looking only: it does
        not parse, or it is a truncated copy of its last save (a hand edit is neither). None
        when it is sound, or when no backup can tell."""
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        slots = self.article_copies(path)
        try:
            loads(raw.decode("utf-8"), max_values=self.caps.front_matter_values)
        except (UnicodeDecodeError, ArticleFileError, LibraryError) as exc:
            for slot in slots:
                try:
                    text = slot.read_bytes().decode("utf-8")
                    loads(text, max_values=self.caps.front_matter_values)
                except (OSError, UnicodeDecodeError, ArticleFileError, LibraryError):
                    continue
                return ArticleDamage(path, f"it cannot be read ({exc})", slot)
            return ArticleDamage(path, f"it cannot be read ({exc})", None)
        if not slots:
            return None
        try:
            if slots[0].size <= len(raw):
                return None  # the cheap test first: a truncated file is shorter
            saved = slots[0].read_bytes()
        except OSError:
            return None
        if saved.startswith(raw):
            cut = f"it is cut short: {len(raw):,} of the {len(saved):,} bytes last saved"
            return ArticleDamage(path, cut, slots[0])
        return None

    def repair_article(self, damage: ArticleDamage) -> Path:
        """Keep a damaged article file beside as `<name>.corrupt-<time>` and restore its backup
        in one rename; the path it was kept as."""
        if damage.backup is None:
            raise LibraryError(f"{damage.path}: no good backup to restore")
        with self.held():
            payload = damage.backup.read_bytes()
            label = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
            aside = damage.path.with_name(f"{damage.path.name}.corrupt-{label}")
            keep_aside(damage.path, aside)
            atomic_write(damage.path, payload)
            self._parsed_file(damage.path.stem).unlink(missing_ok=True)
            self._refresh()
            self._write_catalog()
        return aside

    def _extra(self, article_id: str) -> dict[str, Any]:
        """Front-matter fields beyond the model (kept across rewrites), e.g. `edited`."""
        self._wait_behind(article_id)
        try:
            # The front matter alone: a book's text need not be read and built again for this.
            raw, _ = split_front_matter(
                _front_matter_text(self.path_of(article_id)),
                max_values=self.caps.front_matter_values,
            )
        except (OSError, UnicodeDecodeError, ArticleFileError):
            return {}
        known = set(Article.__dataclass_fields__)
        return {k: v for k, v in (raw or {}).items() if k not in known}

    def add(self, article: Article, before_update: BeforeUpdate | None = None) -> ImportResult:
        """Store an imported article: new, an in-place update of the same source, or unchanged.

        before_update(previous, updated) runs before an updated article is written (under the
        catalog lock): its highlights are re-anchored to the new text first, so a crash between
        the two writes leaves highlights that record (by fingerprint) which text they count in.
        """
        with self.held():
            if not self._batch:  # a batch checked the files when it began
                self._refresh()
            same_source, twin = self._stored_as(article)
            if same_source and same_source.content_hash == article.content_hash:
                return ImportResult("unchanged", self.get(same_source.id))
            if not same_source:
                if twin:
                    return ImportResult("unchanged", self.get(twin.id))
                self._write(article)
                return ImportResult("imported", article)
            previous = self.get(same_source.id)
            extra = self._extra(previous.id)
            edited = set(extra.get("edited") or [])
            updated = _merge_update(previous, article, edited)
            if before_update is not None:
                before_update(previous, updated)
            self._write(updated, extra)
            return ImportResult("updated", updated, previous)

    def _stored_as(self, article: Article) -> tuple[ArticleMeta | None, ArticleMeta | None]:
        """The article already imported from article's source, else (second) one with the same
        content, if any; one whose write in this batch failed is looked past, to what the
        catalog held before it."""
        while True:
            same_source = (
                self.by_source(article.source)
                if article.source and article.source != STDIN_SOURCE
                else None
            )
            twin = None if same_source else self.by_hash(article.content_hash)
            found = same_source or twin
            # Each failed write found is put back once (it leaves the batch's list): this ends.
            if found is None or not self._wait_behind(found.id):
                return same_source, twin

    def import_raw(
        self,
        raw: RawSource,
        source: str | None = None,
        before_update: BeforeUpdate | None = None,
        adjust: Callable[[Parsed], None] | None = None,
    ) -> ImportResult:
        """Parse and store bytes read from a source; adjust, if given, amends what the parser
        found before the article is built (an export's title, tags and dates win)."""
        from library.importer import parse_source  # parsers load on first import

        parsed = parse_source(raw, limits=self.caps)
        return self.import_parsed(parsed, source or raw.name, before_update, adjust)

    def import_parsed(
        self,
        parsed: Parsed,
        source: str,
        before_update: BeforeUpdate | None = None,
        adjust: Callable[[Parsed], None] | None = None,
    ) -> ImportResult:
        """Store what a parser found (here or in a worker process, see library.parallel)."""
        from library.importer import build_article

        if adjust is not None:
            adjust(parsed)
        return self.import_built(build_article(parsed, source), before_update)

    def import_built(
        self, article: Article, before_update: BeforeUpdate | None = None
    ) -> ImportResult:
        """Store an article built from what a parser found (in a worker process for a folder,
        see library.parallel), stamped with the time of this import."""
        article.imported = utc_now()
        return self.add(article, before_update)

    def import_file(self, path: Path, before_update: BeforeUpdate | None = None) -> ImportResult:
        """Import one file; the source recorded is its absolute path."""
        from library.importer import read_file

        resolved = path.expanduser().resolve()
        raw = read_file(resolved, self.max_bytes)
        raw.name = str(path)
        return self.import_raw(raw, str(resolved), before_update)

    def import_url(self, url: str, before_update: BeforeUpdate | None = None) -> ImportResult:
        """Fetch and import a web page."""
        from library.fetch import fetch_url

        caps = self.caps
        raw = fetch_url(url, caps.max_bytes, caps.url_read_timeout, caps.url_deadline)
        return self.import_raw(raw, url, before_update)

    def import_bytes(
        self, data: bytes, name: str = STDIN_SOURCE, before_update: BeforeUpdate | None = None
    ) -> ImportResult:
        """Import content given directly (stdin)."""
        if len(data) > self.max_bytes:
            raise ImportFailed(
                name,
                f"input is over the {self.max_bytes / 1e6:g} MB limit",
                "raise [import] max_size_mb in the config",
            )
        from library.importer import RawSource

        return self.import_raw(RawSource(name, data), name, before_update)

    def edit(self, article_id: str, **changes: Any) -> Article:
        """Change metadata fields (title, authors, …); edited fields survive later re-imports."""
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise LibraryError(
                f"cannot edit {', '.join(sorted(unknown))}; editable: {', '.join(EDITABLE_FIELDS)}"
            )
        # The same cleaning as a hand-edited file gets: one line each, no control characters.
        cleaned = normalize_meta(changes)
        if "title" in cleaned and not cleaned["title"]:
            raise LibraryError("the title cannot be empty; give the article a title")
        with self.held():
            self._refresh()
            article = self.get(article_id)
            extra = self._extra(article_id)
            edited = set(extra.get("edited") or [])
            for name, value in cleaned.items():
                setattr(article, name, value if value != "" else None)
                edited.add(name)
            extra["edited"] = sorted(edited)
            self._write(article, extra)
        return article

    # -- trash -----------------------------------------------------------------------------------
    # A removal and a restore are a few renames, each followed by an fsync of its folders, in an
    # order where every prefix can be told apart and finished or undone (`recover_trash`):
    #   remove:  mkdir <entry>/, write trash.json (the intent), move the article in (the commit),
    #            then its companions (its highlights);
    #   restore: rename trash.json to restore.json (the intent), move the companions back (merged
    #            into any file saved meanwhile), move the article back (the commit), delete the
    #            folder.
    # So whenever an article is in the library its highlights are too: a kill never strands them
    # in the trash while new ones are saved beside the article.
    def remove(
        self,
        article_id: str,
        companions: dict[str, Path] | None = None,
        merge: Merge | None = None,
    ) -> TrashEntry:
        """Move an article (and companion files, e.g. its annotations) into the trash.

        The manifest (trash.json) is written first, the article moved next and the companions
        last. A failure undoes the moves at once; a removal cut short by a crash is finished (the
        article moved) or undone (it was not) the next time the trash is looked at. merge joins a
        companion that must go back to a file saved meanwhile (see `recover_trash`).
        """
        with self.held():
            self._refresh()
            self.recover_trash(merge)
            if article_id not in self._entries:
                raise ArticleNotFound(f"{article_id}: no such article; see `margin list`")
            meta = self._entries[article_id].meta.to_dict()
            removed = utc_now()
            base = f"{removed.replace(':', '').replace('-', '')}-{article_id}"
            folder, n = self.trash_dir / base, 1
            while folder.exists():  # removed again within the second: keep both removals
                n += 1
                folder = self.trash_dir / f"{base}-{n}"
            present = {name: path for name, path in (companions or {}).items() if path.exists()}
            info = {
                "id": article_id,
                "title": meta.get("title", ""),
                "removed": removed,
                "files": {name: str(path.relative_to(self.root)) for name, path in present.items()},
            }
            moved: list[tuple[Path, Path]] = []
            try:
                try:
                    folder.mkdir(parents=True)
                except OSError as exc:
                    raise WriteFailed(exc) from exc
                fsync_dir(folder.parent)
                atomic_write(folder / MANIFEST, orjson.dumps(info, option=orjson.OPT_INDENT_2))
                _move(self.path_of(article_id), folder / ARTICLE_IN_TRASH, moved)
                for name, path in present.items():
                    _move(path, folder / name, moved)
            except BaseException:
                _undo_moves(moved)
                shutil.rmtree(folder, ignore_errors=True)
                raise
            self._parsed_file(article_id).unlink(missing_ok=True)  # a cache of the text
            del self._entries[article_id]
            self._write_catalog()
        return TrashEntry(folder, article_id, str(info["title"]), removed)

    def unfinished_trash(self) -> list[TrashEntry]:
        """Removals and restores cut short (by a crash), looking only; `state` says which."""
        found: list[TrashEntry] = []
        for folder in self._trash_folders():
            state = self._trash_state(folder)
            if state in ("removing", "restoring", "stray"):
                found.append(self._trash_entry_of(folder, state))
        return found

    def recover_trash(self, merge: Merge | None = None) -> list[TrashEntry]:
        """Finish or undo every removal and restore a crash cut short; the entries acted on.

        A removal whose article had moved into the trash is finished (its companions moved in);
        one whose article had not is undone. A restore is finished. A companion going back to a
        file saved meanwhile is joined to it by merge(name, in_trash, in_library), which must
        remove in_trash; without merge it stays in the trash and the entry stays unfinished.
        Takes the catalog's lock; what cannot be done now (another process holds the lock, the
        disk refuses) is left for the next time.
        """
        acted: list[TrashEntry] = []
        if not self.trash_dir.is_dir():
            return acted
        with self.held():
            for folder in self._trash_folders():
                state = self._trash_state(folder)
                if state not in ("removing", "restoring", "stray"):
                    continue
                entry = self._trash_entry_of(folder, state)
                try:
                    self._recover_entry(folder, state, merge)
                except (OSError, LibraryError):
                    continue
                acted.append(entry)
            if acted:
                self._refresh()
                self._write_catalog()
        return acted

    def _trash_folders(self) -> list[Path]:
        try:
            folders = [p for p in self.trash_dir.iterdir() if p.is_dir()]
        except OSError:
            return []
        return sorted(f for f in folders if f.name not in TRASH_SPECIAL)

    def _trash_state(self, folder: Path) -> str:
        """removed (a complete entry), removing, restoring, stray (a folder with no manifest
        holding only a removal's first step or a restore's last), or other (left alone)."""
        if (folder / RESTORING).exists():
            return "restoring"
        manifest = folder / MANIFEST
        if manifest.exists():
            if not (folder / ARTICLE_IN_TRASH).exists():
                return "removing"  # the article never moved: undone
            files = (self._manifest(folder) or {}).get("files", {})
            for name, relative in files.items():
                if not (folder / name).exists() and (self.root / str(relative)).exists():
                    return "removing"  # the article moved, a companion not yet: finished
            return "removed"
        names = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
        if all(n.startswith(".") and n.endswith(".tmp") for n in names):
            return "stray"
        return "other"

    def _manifest(self, folder: Path) -> dict[str, Any] | None:
        for name in (MANIFEST, RESTORING):
            try:
                info = orjson.loads((folder / name).read_bytes())
            except FileNotFoundError:
                continue
            except (OSError, orjson.JSONDecodeError):
                return None
            if isinstance(info, dict) and isinstance(info.get("files", {}), dict):
                return info
            return None
        return None

    def _trash_entry_of(self, folder: Path, state: str) -> TrashEntry:
        info = self._manifest(folder) or {}
        return TrashEntry(
            folder,
            str(info.get("id", folder.name)),
            str(info.get("title", "")),
            str(info.get("removed", "")),
            state,
        )

    def _recover_entry(self, folder: Path, state: str, merge: Merge | None) -> None:
        if state == "stray":
            _remove_folder(folder)
            return
        info = self._manifest(folder)
        if info is None:
            return  # an unreadable manifest: left for the user (doctor reports it)
        article_id = str(info.get("id", ""))
        files = {str(k): str(v) for k, v in info.get("files", {}).items()}
        in_library = self.articles_dir / f"{article_id}.md"
        if state == "removing" and (folder / ARTICLE_IN_TRASH).exists():
            # Finished: the companions follow the article (unless an article of that id came
            # back meanwhile, whose highlights they now are).
            if in_library.exists():
                return
            for name, relative in files.items():
                source = self.root / relative
                if source.exists() and not (folder / name).exists():
                    move_durably(source, folder / name)
            return
        # Undone (a removal whose article never moved) or finished (a restore): the companions
        # go back, joined to any file saved meanwhile, then the article, then the folder goes.
        for name, relative in files.items():
            self._put_back(folder / name, self.root / relative, name, merge)
        article = folder / ARTICLE_IN_TRASH
        if article.exists():
            if in_library.exists():
                # Another article of that id came meanwhile: keep this one listed in the trash.
                move_durably(folder / RESTORING, folder / MANIFEST)
                return
            self.ensure()
            move_durably(article, in_library)
        _remove_folder(folder)

    def _put_back(self, source: Path, target: Path, name: str, merge: Merge | None) -> None:
        if not source.exists():
            return
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            move_durably(source, target)
            return
        if merge is None:
            raise LibraryError(f"{target}: saved again meanwhile; run `margin doctor --fix`")
        merge(name, source, target)
        if source.exists():
            raise LibraryError(f"{source}: could not be joined to {target}")
        fsync_dir(source.parent)

    def trash(self, merge: Merge | None = None) -> list[TrashEntry]:
        """Removed articles, most recent first. Removals and restores cut short by a crash are
        finished or undone first (see `recover_trash`); those that cannot be are listed too,
        with their `state`."""
        with contextlib.suppress(OSError, LibraryError):
            self.recover_trash(merge)
        entries: list[TrashEntry] = []
        for folder in self._trash_folders():
            state = self._trash_state(folder)
            if state == "stray" or state == "other":
                continue
            entry = self._trash_entry_of(folder, state)
            if entry.removed or state != "removed":
                entries.append(entry)
        entries.sort(key=lambda e: (e.removed, e.folder.name), reverse=True)
        return entries

    def trash_listing(self) -> list[TrashEntry]:
        """Every entry in the trash, finished or not, looking only (nothing is recovered)."""
        return [
            self._trash_entry_of(folder, state)
            for folder in self._trash_folders()
            if (state := self._trash_state(folder)) not in ("stray", "other")
        ]

    def trash_entry(self, ref: str | None = None, merge: Merge | None = None) -> TrashEntry:
        """The removed article `restore(ref)` brings back: the newest one, or the newest match.

        ref is an id (or its start), part of the title, the time of removal `--list` shows, or
        the entry's folder name: the last two tell apart removals of one article (removed,
        imported again, removed), of which an id names only the newest.
        """
        entries = self.trash(merge)
        if ref:
            entries = [
                e
                for e in entries
                if e.id.startswith(ref)
                or ref.casefold() in e.title.casefold()
                or ref in (e.removed, e.folder.name)
            ]
        if not entries:
            raise ArticleNotFound(
                f"'{ref}' is not in the trash" if ref else "the trash is empty; nothing to restore"
            )
        return entries[0]

    def restore(
        self, ref: str | TrashEntry | None = None, merge: Merge | None = None
    ) -> TrashEntry:
        """Bring back a removed article: the newest, the newest matching ref, or entry.

        The manifest is renamed restore.json first (the intent), the companions go back (joined
        by merge to a file saved meanwhile, as `recover_trash` does), then the article, then the
        folder is deleted. A restore cut short is finished the next time the trash is looked at.
        """
        entry = ref if isinstance(ref, TrashEntry) else self.trash_entry(ref, merge)
        with self.held():
            self._refresh()
            if entry.id in self._entries:
                # Removing it puts a newer entry of that id first: name this one by its folder.
                raise LibraryError(
                    f"{entry.id} is in the library already; to bring back the copy removed"
                    f" {entry.removed} instead: margin remove {entry.id} --yes, then"
                    f" margin restore {entry.folder.name}"
                )
            folder = entry.folder
            state = self._trash_state(folder)
            if state == "removed":
                move_durably(folder / MANIFEST, folder / RESTORING)
                state = "restoring"
            if state in ("removing", "restoring"):
                self._recover_entry(folder, state, merge)
            self._refresh()
            self._write_catalog()
        return entry

    # -- samples ---------------------------------------------------------------------------------
    def seed_on_first_use(self) -> list[ImportResult]:
        """Import the samples into a library opened for the first time, and never again.

        A marker file records that the offer was made, so a user who removed every sample does
        not get them back; a library that already has articles or removed ones is not seeded.
        """
        marker = self.root / SEEDED_MARKER
        if marker.exists():
            return []
        results: list[ImportResult] = []
        if len(self) == 0 and not self.trash():
            results = self.seed_samples()
        self.ensure()
        atomic_write(marker, f"samples offered {utc_now()}\n")
        return results

    def seed_samples(self) -> list[ImportResult]:
        """Import the bundled sample articles (used for an empty default library)."""
        from library.importer import RawSource

        results = []
        for path in sample_files():
            raw = RawSource(path.name, path.read_bytes(), suffix=path.suffix.lower())
            results.append(self.import_raw(raw, f"sample:{path.name}"))
        return results


def sample_files() -> list[Path]:
    """The bundled sample articles, in name order."""
    folder = Path(__file__).parent / "samples"
    return sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".md", ".html"})


def iter_folder(
    folder: Path,
    accept: Callable[[Path], bool] | None = None,
    *,
    follow_symlinks: bool = False,
    skipped: list[tuple[Path, str]] | None = None,
    unreadable: list[tuple[Path, str]] | None = None,
) -> Iterator[Path]:
    """Files under folder, recursively, sorted, skipping hidden files and folders.

    A symbolic link (to a file or a folder) that leads outside folder is skipped unless
    follow_symlinks, with a reason added to skipped: importing a folder never reads
    `passwd.txt -> /etc/passwd`. Links that stay inside are followed; loops are never entered.
    A folder that cannot be listed (no permission) is added to unreadable, with why.
    """
    root = Path(os.path.realpath(folder))
    seen: set[str] = {str(root)}

    def outside(path: Path) -> str | None:
        target = Path(os.path.realpath(path))
        if target == root or root in target.parents:
            return None
        return str(target)

    def skip(path: Path, target: str) -> None:
        if skipped is not None:
            skipped.append(
                (path, f"a link to {target}, outside the folder (--follow-symlinks imports it)")
            )

    def cannot_list(exc: OSError) -> None:
        if unreadable is not None:
            unreadable.append((Path(exc.filename or folder), exc.strerror or str(exc)))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=cannot_list, followlinks=True):
        kept = []
        for name in sorted(d for d in dirnames if not d.startswith(".")):
            path = Path(dirpath) / name
            if path.is_symlink():
                target = outside(path)
                if target is not None and not follow_symlinks:
                    skip(path, target)
                    continue
                real = os.path.realpath(path)
                if real in seen:  # a loop, or a second way into a folder already walked
                    continue
                seen.add(real)
            else:
                seen.add(os.path.realpath(path))
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if not follow_symlinks and path.is_symlink():
                target = outside(path)
                if target is not None:
                    skip(path, target)
                    continue
            if accept is None or accept(path):
                yield path


def _move(source: Path, target: Path, moved: list[tuple[Path, Path]]) -> None:
    """Rename source to target durably and record it, so that a later failure can undo it."""
    try:
        move_durably(source, target)
    except OSError as exc:
        raise WriteFailed(exc, "cannot move to the trash") from exc
    moved.append((source, target))


def _undo_moves(moved: list[tuple[Path, Path]]) -> None:
    """Rename back what `_move` moved, newest first."""
    for source, target in reversed(moved):
        with contextlib.suppress(OSError):
            move_durably(target, source)


def _remove_folder(folder: Path) -> None:
    """Delete a trash folder whose article and companions are back (or never left): its
    manifest, temp files, then the folder. Anything else in it keeps the folder."""
    for name in (MANIFEST, RESTORING):
        (folder / name).unlink(missing_ok=True)
    sweep_temp(folder, older_than=None, recursive=False)
    with contextlib.suppress(OSError):
        folder.rmdir()
    fsync_dir(folder.parent)


def _front_matter_text(path: Path) -> str:
    """An article file's lines up to its front matter's closing '---' (the body not read); a
    UTF-8 byte order mark before it is not text."""
    with path.open(encoding="utf-8-sig") as handle:
        lines = []
        first = handle.readline()
        if first.strip() != "---":
            raise ArticleFileError("no front matter (the file must start with '---')")
        lines.append(first)
        for line in handle:
            lines.append(line)
            if line.rstrip("\r\n") == "---":
                break
    return "".join(lines) + "\n"


def _read_front_matter(path: Path, max_values: int) -> dict[str, Any]:
    """Only the front matter of an article file, normalised: read until the closing '---'."""
    return loads_meta(_front_matter_text(path), max_values=max_values)


def _merge_update(previous: Article, new: Article, edited: set[str]) -> Article:
    """The new content under the old id, keeping the first import time and user-edited fields."""
    merged = Article(
        **{**new.to_dict(), "id": previous.id, "imported": previous.imported},
        text=new.text,
        blocks=new.blocks,
        pages=new.pages,
        locator=new.locator,
        labels=new.labels,
    )
    for name in edited:
        setattr(merged, name, getattr(previous, name))
    merged.tags = (
        sorted({*previous.tags, *new.tags}, key=str.casefold)
        if "tags" not in edited
        else previous.tags
    )
    return merged
