"""The annotation store: one durable TinyDB file per article plus a small index of them all.

Layout of `<library>/annotations/`:
    <article-id>.json        the article's highlights: tables `annotations` and `deleted`
    .backups/<id>.<n>.json   write-ahead copies of the last saves of each file
    .index.json              per article: file stamp, stance counts and tags (a cache)
    .ids.json                per article: file stamp and highlight ids (a cache, for id lookups)
    .lock                    held while writing, so two processes never lose each other's changes

A save rewrites only its article's file, so its cost does not grow with the library. Reads are
served from memory while a file's (inode, size, mtime, ctime) stamp is unchanged.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from annotations.bulkadd import (
    Settled,
    StreamedAdd,
    kept_apart,
    merge_import,
    orphan_key,
    orphan_known,
    rewrite_live,
    stored_keys,
    stored_orphan_keys,
    told_by_words,
    write_added,
)
from annotations.edits import Edit
from annotations.errors import (
    AmbiguousAnnotation,
    AnnotationError,
    AnnotationExists,
    AnnotationNotFound,
    StoreError,
)
from annotations.model import Annotation, tag_key, text_fingerprint
from annotations.shards import DELETED, LIVE, Doc, Shard, Summary, problem_with
from library.fsutil import conflict_of, move_durably
from library.locks import STORE, lock_in
from library.tinystore import (
    DEFAULT_BACKUPS,
    META_TABLE,
    Backups,
    CorruptFile,
    Stamp,
    StorageError,
    Tables,
    file_stamp,
    holding,
    open_db,
    stream_tables,
    weak_callback,
)

INDEX_FILE = ".index.json"
IDS_FILE = ".ids.json"
BACKUP_DIR = ".backups"
INDEX_SCHEMA = 1
_FIELDS = frozenset(f.name for f in fields(Annotation))
# A highlights file this big (some 7,000 highlights) is re-anchored a document at a time, never
# held whole; a smaller one is read whole, which is faster.
STREAM_MIN_BYTES = 5_000_000


def _deleted_now() -> str:
    """Now, to the microsecond, so deletions made in quick succession keep their order."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _annotation(doc: Doc) -> Annotation:
    """Annotation.from_dict without looking the fields up each time (queries build thousands)."""
    if doc.keys() <= _FIELDS:  # as Margin writes it: no key to leave out
        return Annotation(**doc)
    return Annotation(**{k: v for k, v in doc.items() if k in _FIELDS})


def _approximate_now(old: Annotation, new_text: str) -> bool:
    """Whether re-anchoring placed old approximately this time, not just kept an earlier flag."""
    if not old.needs_review:
        return True  # the flag is new, so this re-anchoring set it
    from annotations.anchoring import locate

    match = locate(old, new_text)  # only for highlights flagged before: rare
    return match is not None and match.method == "approximate"


def _reanchored(
    doc: Doc,
    new_text: str,
    printed: str,
    only_unanchored: bool,
    report: ReanchorReport,
    moved: Callable[[Annotation], Annotation] | None = None,
) -> Doc | None:
    """A stored highlight re-anchored to new_text, counted in report: the fields that change,
    or None when none does (nor when only_unanchored and it counts in new_text already).
    moved: where the caller knows the highlight's words went (a book's passage put elsewhere),
    the highlight there, sought first."""
    from annotations.anchoring import reanchor

    old = _annotation(doc)
    if only_unanchored and old.anchored_in(new_text, printed):
        report.kept += 1
        return None
    new = reanchor(moved(old) if moved is not None else old, new_text)
    if new.orphaned:
        report.orphaned += 1
    elif new.needs_review and _approximate_now(old, new_text):
        report.approximate += 1
    elif (new.start, new.end) != (old.start, old.end):
        report.moved += 1
    else:
        report.kept += 1
    return new.to_dict() if new != old else None


def _big(path: Path | str) -> bool:
    """Whether a highlights file is read and written a document at a time (STREAM_MIN_BYTES)."""
    try:
        return os.stat(path).st_size >= STREAM_MIN_BYTES
    except OSError:
        return False


def _live_streamed(path: Path | str) -> Iterator[Annotation]:
    """The live highlights of a file read a document at a time; CorruptFile on one this read
    does not take."""
    for name, docs in stream_tables(Path(path)):
        if name not in (LIVE, DELETED, META_TABLE):
            raise CorruptFile(Path(path), f"an older format (a table {name!r})")
        for ident, doc in docs if name == LIVE else ():
            if (problem := problem_with(ident, doc)) is not None:
                raise CorruptFile(Path(path), problem)
            yield _annotation(doc)


class _Unchanged(Exception):
    """Raised while a file is rewritten a document at a time when nothing in it changed."""


@dataclass(slots=True)
class ReanchorReport:
    """What re-anchoring an article's highlights to its new text did."""

    kept: int = 0
    moved: int = 0
    approximate: int = 0
    orphaned: int = 0
    repaired: int = 0  # of the above, highlights that did not count in the text they were shown on

    @property
    def total(self) -> int:
        """How many highlights were looked at."""
        return self.kept + self.moved + self.approximate + self.orphaned

    def describe(self) -> str:
        """E.g. `highlights: 3 kept, 1 re-anchored for review, 1 orphaned`."""
        counts = (
            (self.kept + self.moved, "kept"),
            (self.approximate, "re-anchored for review"),
            (self.orphaned, "orphaned"),
        )
        return "highlights: " + ", ".join(f"{n} {what}" for n, what in counts if n)


@dataclass(frozen=True, slots=True)
class Anchoring:
    """How an article's stored highlights stand against its text, looking only."""

    unanchored: int = 0  # counted in another text, or their quote no longer at their offsets
    orphaned: int = 0  # lost their place (kept, shown as such)
    review: int = 0  # re-anchored approximately, awaiting the user's look


@dataclass(frozen=True, slots=True)
class FileContents:
    """The highlight ids a highlights file holds, live and deleted (for `margin doctor`)."""

    live: frozenset[str] = frozenset()
    deleted: frozenset[str] = frozenset()

    @property
    def ids(self) -> frozenset[str]:
        return self.live | self.deleted


@dataclass(slots=True)
class MergeReport:
    """What merging another copy of an article's highlights file into it did."""

    added: int = 0  # highlights only the other copy had
    updated: int = 0  # highlights the other copy changed later (its fields kept)
    deleted: int = 0  # highlights the other copy deleted later than this one changed them
    restored: int = 0  # highlights deleted here that the other copy changed later

    @property
    def changed(self) -> bool:
        """Whether the merge changed anything."""
        return bool(self.added or self.updated or self.deleted or self.restored)

    def describe(self) -> str:
        """E.g. `1 added, 1 updated` (or `nothing new`)."""
        counts = (
            (self.added, "added"),
            (self.updated, "updated"),
            (self.deleted, "deleted"),
            (self.restored, "restored"),
        )
        return ", ".join(f"{n} {what}" for n, what in counts if n) or "nothing new"


def _when(value: object) -> datetime:
    """An ISO time as stored (`modified`, `deleted_at`); the distant past when unreadable."""
    try:
        found = datetime.fromisoformat(str(value))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def _newer_fields(mine: Doc, theirs: Doc) -> tuple[Doc, bool]:
    """The two versions of one highlight merged field by field: where they differ, the one
    modified later wins (this one on a tie); and whether the other one won."""
    if _when(theirs.get("modified")) > _when(mine.get("modified")):
        return {**mine, **theirs}, True
    return {**theirs, **mine}, False


def _check_id(article_id: str) -> None:
    """Refuse an article id that is not a plain file name."""
    if not article_id or article_id.startswith(".") or any(c in article_id for c in "/\\\0"):
        raise AnnotationError(f"{article_id!r} is not a valid article id")


class AnnotationStore:
    """Every highlight of a library; safe to share between threads and between processes."""

    def __init__(
        self,
        root: Path,
        *,
        backups: int = DEFAULT_BACKUPS,
        on_recovery: Callable[[str], None] | None = None,
        lock_timeout: float = 10.0,
    ) -> None:
        self.root = Path(root)
        self.backups = backups
        self.on_recovery = on_recovery
        self.recoveries: list[str] = []  # files that were unreadable and what was done about them
        self._recovery_lock = threading.Lock()  # each message reported once: see follow_recoveries
        self.problems: list[str] = []  # files skipped by library-wide views (newer format, …)
        self._mutex = threading.RLock()
        self._lock = lock_in(self.root, STORE, timeout=lock_timeout)
        self._shards: dict[str, Shard] = {}
        # Shared by every shard (thousands are listed at once): made once, not per shard.
        self._root_str = str(self.root)
        self._backup_dir = self.root / BACKUP_DIR
        self._on_recovered = weak_callback(self._recovered)
        self._caches: dict[str, dict[str, Summary]] = {}  # the on-disk indexes, once read
        self._unindexed = False  # this store wrote files the on-disk indexes do not reflect
        self._unreadable: set[str] = set()  # articles whose file is skipped: never indexed

    # -- locations -------------------------------------------------------------------------------
    def shard_path(self, article_id: str) -> Path:
        """The file holding an article's highlights (it may not exist)."""
        _check_id(article_id)
        return self.root / f"{article_id}.json"

    def forget(self, article_id: str) -> None:
        """Drop what is cached about an article (its file was moved away or back)."""
        with self._mutex:
            self._shards.pop(article_id, None)

    @contextlib.contextmanager
    def locked_article(self, article_id: str) -> Iterator[Path]:
        """Hold the store's locks while the caller moves an article's file; yields its path.

        Saves in this and other processes wait meanwhile, so none rewrites a file just moved away;
        what is cached about the article is dropped afterwards.
        """
        path = self.shard_path(article_id)
        with self._guard(), holding(self._lock):
            try:
                yield path
            finally:
                self.forget(article_id)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold the store's locks: no save in this or another process runs meanwhile."""
        with self._guard(), holding(self._lock):
            yield

    # -- reading ---------------------------------------------------------------------------------
    def may_hold(self, article_id: str) -> bool:
        """Whether an article may have highlights: its file exists, or this store has its shard
        open (a batch's write may be pending). False costs one stat, not a shard."""
        _check_id(article_id)
        with self._mutex:
            if article_id in self._shards:
                return True
        return os.path.exists(os.path.join(self._root_str, f"{article_id}.json"))

    def for_article(self, article_id: str) -> list[Annotation]:
        """An article's highlights in reading order."""
        with self._guard():
            docs = self._shard(article_id).live().all()
        found = [_annotation(doc) for doc in docs]
        found.sort(key=lambda a: (a.start, a.end, a.created))
        return found

    def read_article(self, article_id: str) -> tuple[list[Annotation], Stamp | None]:
        """`for_article`, with the stamp of the file version the highlights were read from (None
        when the article has no highlights file): a caller told something about one version of
        the file (a check's verdict) learns whether it holds for what it got."""
        with self._guard():
            shard = self._shard(article_id)
            docs = list(shard.tables().get(LIVE, {}).values())
            stamp = shard.storage.stamp
        found = [_annotation(doc) for doc in docs]
        found.sort(key=lambda a: (a.start, a.end, a.created))
        return found, stamp

    def get(self, ref: str) -> Annotation:
        """A highlight by id or unique id prefix."""
        with self._guard():
            shard, ident = self._locate(ref, LIVE)
            doc = shard.tables().get(LIVE, {}).get(ident)
            if doc is None:
                raise self._missing(ident, shard)
            return _annotation(doc)

    def query(
        self,
        *,
        article: str | None = None,
        stance: str | None = None,
        tag: str | None = None,
        orphaned: bool | None = None,
        since: str | None = None,
        needs_review: bool | None = None,
    ) -> list[Annotation]:
        """Highlights matching every filter given, by article then position.

        Stance and tag match case-insensitively; since is an ISO date (or time) compared with when
        the highlight was created.
        """
        stance_key = stance.strip().casefold() if stance is not None else None
        tag_wanted = tag_key(tag) if tag is not None else None
        found: list[Doc] = []
        with self._guard():
            if article is not None:
                shard = self._shard(article)
                pairs = [(shard, shard.tables())]
            else:
                # Only shards with live highlights: this also skips unreadable ones (see problems).
                # The summaries (kept in `.index.json` under each file's stamp) say which files
                # hold a highlight with the stance or tag asked for: only those are read.
                pairs = [
                    (s, s.tables_at(s.summary.stamp)[0])
                    for s in self._refresh()
                    if s.summary and s.summary.count and s.summary.may_hold(stance_key, tag_wanted)
                ]
            for shard, tables in pairs:
                found.extend(
                    shard.matching(
                        tables,
                        stance=stance_key,
                        tag=tag_wanted,
                        orphaned=orphaned,
                        since=since,
                        needs_review=needs_review,
                    )
                )
            result = [_annotation(doc) for doc in found]
        result.sort(key=lambda a: (a.article, a.start, a.end, a.created))
        return result

    def stance_counts(self) -> dict[str, Counter[str | None]]:
        """Per article with highlights, how many carry each stance (None: no stance)."""
        return self.overview()[0]

    def all_tags(self) -> list[str]:
        """Every tag in use, in its most used spelling, sorted case-insensitively."""
        return self.overview()[1]

    def overview(self) -> tuple[dict[str, Counter[str | None]], list[str]]:
        """`stance_counts()` and `all_tags()` from one look at the files (what a library list
        shows: tallies per article, and the tags to complete)."""
        counts: dict[str, Counter[str | None]] = {}
        used: Counter[str] = Counter()
        with self._guard():
            for shard in self._refresh():
                summary = shard.summary
                if summary is None:
                    continue
                if summary.count:
                    counts[shard.article_id] = Counter(summary.stances)
                used.update(summary.tags)
        best: dict[str, str] = {}  # tag key -> its most used display form
        for form, _ in sorted(used.items(), key=lambda item: (-item[1], item[0])):
            best.setdefault(form.casefold(), form)
        return counts, sorted(best.values(), key=lambda t: (t.casefold(), t))

    def deleted(self, article_id: str | None = None) -> list[Annotation]:
        """Deleted highlights (of one article, or all), most recently deleted first."""
        with self._guard():
            if article_id is not None:
                shards = [self._shard(article_id)]
            else:
                shards = [s for s in self._refresh(ids=True) if s.summary and s.summary.deleted]
            docs = [doc for s in shards for doc in s.tables().get(DELETED, {}).values()]
        docs.sort(key=lambda d: (str(d.get("deleted_at", "")), d["id"]), reverse=True)
        return [_annotation(doc) for doc in docs]

    # -- writing ---------------------------------------------------------------------------------
    def add(
        self,
        annotation: Annotation,
        *,
        check: Callable[[list[Annotation]], None] | None = None,
    ) -> Annotation:
        """Save a new highlight durably; the stored form is returned.

        check, if given, is called under the lock with the article's live highlights as they
        are on disk now, and refuses the highlight by raising (a duplicate of another process's
        highlight saved a moment ago, say): nothing is written then.
        """
        if annotation.start < 0 or annotation.end < annotation.start:
            raise AnnotationError(
                f"highlight {annotation.id}: span {annotation.start}-{annotation.end} is not valid"
            )
        doc = annotation.to_dict()
        with self._writing(annotation.article) as shard:
            tables = shard.tables()
            live = tables.get(LIVE, {})
            if annotation.id in live or annotation.id in tables.get(DELETED, {}):
                raise AnnotationExists(f"highlight {annotation.id} is stored already")
            if check is not None:
                check([_annotation(d) for d in live.values()])
            shard.live().put(annotation.id, doc)
        return _annotation(doc)

    def add_many(
        self, article_id: str, annotations: list[Annotation]
    ) -> tuple[list[Annotation], list[Annotation]]:
        """Save new highlights of one article in one durable write, under the lock.

        Returns (added, already there): a highlight whose id is stored (live or deleted: an
        import does not resurrect what the user deleted) or whose span another live highlight
        covers exactly (an orphan: one of another live orphan's `stored_orphan_keys`) is not
        added, so adding the same highlights twice changes nothing.
        """
        added: list[Annotation] = []
        present: list[Annotation] = []
        with self._writing(article_id) as shard:
            tables = shard.tables()
            live, deleted = tables.get(LIVE, {}), tables.get(DELETED, {})
            spans: set[tuple[int, int]] = set()
            orphans: set[str] = set()
            for d in live.values():
                if told_by_words(bool(d.get("orphaned")), str(d.get("quote", ""))):
                    orphans.update(stored_orphan_keys(d))
                else:
                    spans.add((int(d["start"]), int(d["end"])))
            docs: dict[str, dict[str, object]] = {}
            for annotation in annotations:
                if (
                    annotation.article != article_id
                    or annotation.start < 0
                    or (annotation.end < annotation.start)
                ):
                    raise AnnotationError(f"highlight {annotation.id}: not a valid span here")
                span = (annotation.start, annotation.end)
                known = annotation.id in live or annotation.id in deleted or annotation.id in docs
                orphan = (
                    orphan_key(annotation.quote, annotation.note, annotation.place)
                    if told_by_words(annotation.orphaned, annotation.quote)
                    else None
                )
                there = span in spans if orphan is None else orphan_known(orphans, annotation)
                if known or there:
                    present.append(annotation)
                else:
                    docs[annotation.id] = annotation.to_dict()
                    if orphan is None:
                        spans.add(span)
                    else:
                        orphans.add(orphan)
                    added.append(annotation)
            shard.live().put_many(docs)
        return added, present

    def add_stream(
        self,
        article_id: str,
        annotations: Iterable[Annotation],
        settled: Settled | None = None,
    ) -> StreamedAdd:
        """`add_many` for highlights made one at a time (an import's, 100,000 of a book), in one
        durable write that never holds the article's file or the new highlights whole; and a
        highlight already stored is given the note, stance and tags the new one carries where it
        has none (a value set in Margin is kept). Nothing is written when nothing changes.
        settled, given, is told what is stored before annotations are made: those it skipped
        count as present.
        """
        done = StreamedAdd()
        with self._writing(article_id) as shard:
            keys = stored_keys(shard.storage.path)
            if keys is not None:
                if settled is not None:
                    settled.keys = keys
                summary = write_added(shard.storage, article_id, keys, annotations, done)
                if settled is not None:
                    done.present += settled.skipped
                if summary is not None:
                    shard.summary = summary
                    self._unreadable.discard(article_id)
                return done
        # A file the streaming read does not take (damaged, an older format): read whole, as
        # every other save does, which repairs or converts it; then, under the lock again, each
        # stored one is given what its export brings from its freshest record (`merge_import`).
        added, present = self.add_many(article_id, list(annotations))
        done.added, done.present = len(added), len(present)
        done.orphaned = sum(1 for a in added if a.orphaned)
        with self._writing(article_id) as shard:
            tables = shard.tables()
            live, deleted = tables.get(LIVE, {}), tables.get(DELETED, {})
            by_span = {
                (d["start"], d["end"]): ident
                for ident, d in live.items()
                if not told_by_words(bool(d.get("orphaned")), str(d.get("quote", "")))
            }
            changes: dict[str, Doc] = {}
            apart: dict[str, Doc] = {}
            for incoming in present:
                ident = incoming.id
                if ident not in live and ident not in deleted:  # stored under another id
                    ident = by_span.get((incoming.start, incoming.end), "")
                doc = changes.get(ident, live.get(ident))
                if doc is None:  # deleted by the user, or an orphan
                    continue
                merged, changed = merge_import(doc, incoming)
                done.updated += changed
                if merged is not doc:
                    changes[ident] = merged
                extra = kept_apart(doc, merged, incoming)
                if extra is not None and extra["id"] not in live and extra["id"] not in deleted:
                    apart[extra["id"]] = extra
            shard.live().change_many(changes)
            shard.live().put_many(apart)
            done.added += len(apart)
            done.present -= len(apart)
        return done

    def update(self, annotation: Annotation) -> Annotation:
        """Save a changed copy of a stored highlight (see Annotation.changed)."""
        doc = annotation.to_dict()
        with self._writing(annotation.article) as shard:
            if annotation.id not in shard.tables().get(LIVE, {}):
                raise self._missing(annotation.id, shard)
            shard.live().change(annotation.id, doc)
        return _annotation(doc)

    def change(self, annotation_id: str, edit: Edit) -> tuple[Annotation, Annotation]:
        """Apply a field-level edit to a stored highlight; returns it before and after.

        The record is read and written under one lock, so a field or tag another process (or
        another window) changed meanwhile is kept: two edits never undo each other. An edit that
        changes nothing writes nothing.
        """
        with self._guard():
            shard, ident = self._locate(annotation_id, LIVE)
            with self._writing(shard.article_id) as shard:
                doc = shard.live().fetch(ident)
                if doc is None:
                    raise self._missing(ident, shard)
                before = _annotation(doc)
                after = edit.apply(before)
                if after is not before:
                    shard.live().change(ident, after.to_dict())
        return before, after

    def delete(self, annotation_id: str) -> Annotation:
        """Move a highlight (id or unique prefix) to the deleted table, where it can be restored."""
        with self._guard():
            shard, ident = self._locate(annotation_id, LIVE)
            with self._writing(shard.article_id) as shard, shard.storage.batch():
                doc = shard.live().fetch(ident)
                if doc is None:
                    raise self._missing(ident, shard)
                shard.live().drop(ident)
                shard.bin().drop(ident)
                shard.bin().put(ident, {**doc, "deleted_at": _deleted_now()})
        return _annotation(doc)

    def delete_many(self, article_id: str, ids: list[str]) -> list[Annotation]:
        """Move some highlights of one article to its deleted table in one write (restorable
        like any deleted highlight); ids not live there are skipped. Returns those moved."""
        removed: list[Annotation] = []
        stamp = _deleted_now()
        with self._writing(article_id) as shard, shard.storage.batch():
            for ident in ids:
                doc = shard.live().fetch(ident)
                if doc is None:
                    continue
                shard.live().drop(ident)
                shard.bin().drop(ident)
                shard.bin().put(ident, {**doc, "deleted_at": stamp})
                removed.append(_annotation(doc))
        return removed

    def restore_deleted(self, annotation_id: str) -> Annotation:
        """Bring back a deleted highlight (by id or unique prefix)."""
        with self._guard():
            shard, ident = self._locate(annotation_id, DELETED)
            with self._writing(shard.article_id) as shard, shard.storage.batch():
                doc = shard.bin().fetch(ident)
                if doc is None:
                    raise AnnotationNotFound(f"highlight {ident} is not among the deleted ones")
                doc.pop("deleted_at", None)
                shard.bin().drop(ident)
                if shard.live().fetch(ident) is None:
                    shard.live().put(ident, doc)
        return _annotation(doc)

    def reanchor_article(
        self,
        article_id: str,
        new_text: str,
        *,
        only_unanchored: bool = False,
        moved: Callable[[Annotation], Annotation] | None = None,
    ) -> ReanchorReport:
        """Re-anchor an article's highlights to its new text, saving all changes in one write.

        With only_unanchored, highlights whose fingerprint says they already count in new_text
        are left alone (and nothing is written when all do): the check made on every load. A
        big file (a book's 100,000 highlights) is read and written a document at a time.
        moved: each highlight where the caller knows its words went, sought there first.
        """
        report = ReanchorReport()
        printed = text_fingerprint(new_text)  # once: see Annotation.anchored_in
        if only_unanchored and all(
            a.anchored_in(new_text, printed) for a in self._each_live(article_id)
        ):
            return report
        with self._writing(article_id) as shard:
            if self._streams(shard):

                def live(docs: Iterator[tuple[str, Doc]]) -> Iterator[tuple[str, Doc]]:
                    changed = 0
                    for ident, doc in docs:
                        fields = _reanchored(doc, new_text, printed, only_unanchored, report, moved)
                        if fields is not None:
                            changed += 1
                            doc = {**doc, **fields}  # merged, as change_many merges
                        yield ident, doc
                    if not changed:
                        raise _Unchanged  # the file stays as it is
                    report.repaired = changed if only_unanchored else 0

                with contextlib.suppress(_Unchanged):
                    shard.summary = rewrite_live(shard.storage, live)
                    self._unreadable.discard(article_id)
                return report
            with shard.storage.batch():
                changes: dict[str, Doc] = {}
                for ident, doc in list(shard.tables().get(LIVE, {}).items()):
                    fields = _reanchored(doc, new_text, printed, only_unanchored, report, moved)
                    if fields is not None:
                        changes[ident] = fields
                shard.live().change_many(changes)
                report.repaired = len(changes) if only_unanchored else 0
        return report

    def _streams(self, shard: Shard) -> bool:
        """Whether a shard's file is big enough to be rewritten a document at a time, and one
        that the streaming read takes (a damaged or older one is read whole, which mends it)."""
        if not _big(shard.storage.path):
            return False
        keys = stored_keys(shard.storage.path)
        return keys is not None and keys.exists

    def _each_live(self, article_id: str) -> Iterator[Annotation]:
        """An article's live highlights: a big file's read a document at a time, in file order
        (one that read does not take, damaged or in an older format, is read whole, which mends
        or converts it; a highlight may then come twice)."""
        with self._guard():
            shard = self._shard(article_id)
            if _big(shard.storage.path):
                try:
                    yield from _live_streamed(shard.storage.path)
                    return
                except (CorruptFile, OSError):
                    pass
            yield from self.for_article(article_id)

    def file_stamps(self) -> dict[str, Stamp]:
        """The stamp (`file_stamp`) of every article's highlights file, from one folder listing:
        what a watcher compares to learn which articles' highlights changed."""
        with self._guard():
            return self._scan()

    def file_stats(self) -> dict[str, os.stat_result]:
        """`os.stat` of every article's highlights file, from one folder listing (the full
        stamps, ctime included, that the highlights table keys its rows by)."""
        with self._guard():
            return self._stats()

    def live_docs(self, article_id: str) -> list[Doc]:
        """An article's live highlights as stored (checked against the schema; a damaged file
        is repaired from its backup first, as every read does). StoreError when unreadable."""
        with self._guard():
            return list(self._shard(article_id).tables().get(LIVE, {}).values())

    def absorb(self, article_id: str, other: Path) -> int:
        """Add the highlights (live and deleted) of another file of an article that are not here.

        Returns how many were added. Used when an article comes back from the trash while a
        highlight was saved for it in the meantime, so neither version is lost.
        """
        with self._guard():
            source = Shard(article_id, other, backups=0, recover=False)
            theirs = source.tables()
            added = 0
            with self._writing(article_id) as shard, shard.storage.batch():
                mine = shard.tables()
                known = mine.get(LIVE, {}).keys() | mine.get(DELETED, {}).keys()
                for name, table in ((LIVE, shard.live()), (DELETED, shard.bin())):
                    for ident, doc in theirs.get(name, {}).items():
                        if ident not in known:
                            table.put(ident, doc)
                            added += 1
        return added

    def merge_from(self, article_id: str, other: Path) -> MergeReport:
        """Merge another copy of an article's highlights file (a sync tool's conflict copy).

        Highlights are unioned by id. For an id in both, field by field the version modified
        later wins; a deleted highlight stays deleted unless the other copy changed it after it
        was deleted, and a live one is deleted when the other copy deleted it after its last
        change. One durable write under the store's locks; the other file is left as it was.
        StoreError when it cannot be read.
        """
        report = MergeReport()
        with self._guard():
            theirs = Shard(article_id, other, backups=0, recover=False).tables()
            with self._writing(article_id) as shard, shard.storage.batch():
                mine = shard.tables()
                my_live, my_bin = mine.get(LIVE, {}), mine.get(DELETED, {})
                for ident, doc in theirs.get(LIVE, {}).items():
                    if ident in my_live:
                        merged, won = _newer_fields(my_live[ident], doc)
                        if won and merged != my_live[ident]:
                            shard.live().set(ident, merged)
                            report.updated += 1
                    elif ident in my_bin:
                        gone = my_bin[ident]
                        if _when(doc.get("modified")) > _when(gone.get("deleted_at")):
                            merged, _ = _newer_fields(gone, doc)
                            merged.pop("deleted_at", None)
                            shard.bin().drop(ident)
                            shard.live().set(ident, merged)
                            report.restored += 1
                    else:
                        shard.live().set(ident, doc)
                        report.added += 1
                for ident, doc in theirs.get(DELETED, {}).items():
                    if ident in my_bin:
                        merged, won = _newer_fields(my_bin[ident], doc)
                        if won and merged != my_bin[ident]:
                            shard.bin().set(ident, merged)
                            report.updated += 1
                    elif ident in my_live:
                        live = my_live[ident]
                        if _when(doc.get("deleted_at")) >= _when(live.get("modified")):
                            merged, _ = _newer_fields(live, doc)
                            merged["deleted_at"] = doc.get("deleted_at", _deleted_now())
                            shard.live().drop(ident)
                            shard.bin().set(ident, merged)
                            report.deleted += 1
                    else:
                        shard.bin().set(ident, doc)
                        report.added += 1
        return report

    def index_problems(self) -> list[tuple[Path, str, str]]:
        """What is wrong with the on-disk indexes (caches), looking only: (file, "unreadable"
        or "stale", detail) for each."""
        found: list[tuple[Path, str, str]] = []
        with self._guard():
            stamps = self._scan()
        for name in (INDEX_FILE, IDS_FILE):
            path = self.root / name
            if not path.exists():
                continue
            db = open_db(path, schema=INDEX_SCHEMA, backups=0, recover=False)
            try:
                raw = db.durable.read() or {}
                entries = {a: Summary.from_json(e) for a, e in raw.get("articles", {}).items()}
            except (StorageError, KeyError, TypeError, ValueError, AttributeError) as exc:
                reason = exc.reason if isinstance(exc, CorruptFile) else exc
                found.append((path, "unreadable", str(reason)))
                continue
            changed = sum(1 for a, e in entries.items() if a in stamps and e.stamp != stamps[a])
            gone = len(entries.keys() - stamps.keys())
            missing = len(stamps.keys() - entries.keys() - self._unreadable)
            parts = [
                f"{n} {what}"
                for n, what in (
                    (changed, "file(s) changed since"),
                    (gone, "file(s) gone"),
                    (missing, "file(s) not listed"),
                )
                if n
            ]
            if parts:
                found.append((path, "stale", ", ".join(parts)))
        return found

    # -- checking and repairing its own files (for `margin doctor`) --------------------------------
    def read_file(self, article_id: str, path: Path | None = None) -> Tables:
        """The tables of an article's highlights file (or of another copy of it: a backup, a
        conflict copy), read as they are: nothing repaired. StorageError when damaged."""
        where = self.shard_path(article_id) if path is None else Path(path)
        return Shard(article_id, where, backups=0, recover=False).tables()

    def contents(self, article_id: str, path: Path | None = None) -> FileContents:
        """The ids in an article's highlights file (or another copy of it), read as it is;
        StorageError when damaged."""
        tables = self.read_file(article_id, path)
        return FileContents(frozenset(tables.get(LIVE, {})), frozenset(tables.get(DELETED, {})))

    def anchoring(self, article_id: str, text: str) -> Anchoring:
        """How the highlights in an article's file stand against text (the article's current
        text), read as the file is: nothing re-anchored, nothing written (`reanchor_article`
        repairs). One fingerprint pass over text. StorageError when the file is damaged."""
        docs = self.read_file(article_id).get(LIVE, {}).values()
        found = [_annotation(doc) for doc in docs]
        printed = text_fingerprint(text)
        return Anchoring(
            unanchored=sum(1 for a in found if not a.anchored_in(text, printed)),
            orphaned=sum(1 for a in found if a.orphaned),
            review=sum(1 for a in found if a.needs_review and not a.orphaned),
        )

    def backups_of(self, article_id: str) -> Backups:
        """The write-ahead backups of an article's highlights file."""
        return Backups(self.shard_path(article_id), self._backup_dir, self.backups)

    def good_backup(self, article_id: str) -> Path | None:
        """The newest backup of an article's highlights file that reads, or None."""
        for slot in self.backups_of(article_id).newest_first():
            try:
                self.read_file(article_id, slot)
            except (StorageError, AnnotationError):
                continue
            return slot
        return None

    def backup_problems(self, article_id: str) -> list[tuple[Path | None, str]]:
        """What is wrong with an article's backups, looking only: (None, "missing") when it
        has none, else (backup, why) for each that does not read."""
        slots = self.backups_of(article_id).newest_first()
        if not slots:
            return [(None, "missing")]
        found: list[tuple[Path | None, str]] = []
        for slot in slots:
            try:
                self.read_file(article_id, slot)
            except (StorageError, AnnotationError) as exc:
                found.append((slot, getattr(exc, "reason", None) or str(exc)))
        return found

    def remake_backup(
        self, article_id: str, retire: Path | None = None, into: Path | None = None
    ) -> Path | None:
        """Make a fresh backup from the file as it is, under the lock; a backup named by retire
        is moved into the folder into first (kept, never deleted). The path it was moved to."""
        moved: Path | None = None
        with self._guard(), holding(self._lock):
            if retire is not None and into is not None:
                into.mkdir(parents=True, exist_ok=True)
                label = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
                moved = into / f"{retire.name}.damaged-{label}"
                n = 1
                while moved.exists():
                    n += 1
                    moved = into / f"{retire.name}.damaged-{label}.{n}"
                move_durably(retire, moved)
            live = self.shard_path(article_id)
            self.backups_of(article_id).write_ahead(live.read_bytes())
        return moved

    def last_known(self, article_id: str) -> tuple[set[str] | None, int | None]:
        """What the on-disk indexes last recorded of an article's live highlights, whatever its
        file holds now: their ids (None: not recorded) and how many (None: not recorded)."""
        ids: set[str] | None = None
        count: int | None = None
        for name in (IDS_FILE, INDEX_FILE):
            db = open_db(self.root / name, schema=INDEX_SCHEMA, backups=0, recover=False)
            try:
                entry = Summary.from_json(
                    ((db.durable.read() or {}).get("articles") or {})[article_id]
                )
            except (StorageError, KeyError, TypeError, ValueError, AttributeError):
                continue
            if name == IDS_FILE and entry.ids is not None:
                ids = set(entry.ids)
            elif name == INDEX_FILE:
                count = entry.count
        return ids, count

    def rebuild_index(self) -> None:
        """Rebuild both on-disk indexes from the highlights files (they are caches)."""
        with self._guard():
            self._caches = {INDEX_FILE: {}, IDS_FILE: {}}  # what is saved is not trusted
            for shard in self._shards.values():
                shard.summary = None
            self._refresh(ids=True)
            self._write_index()

    def close(self) -> None:
        """Bring the on-disk index up to date (it is a cache: skipping this loses nothing)."""
        with self._mutex, contextlib.suppress(AnnotationError, StorageError):
            if self._unindexed:
                self._refresh(ids=True)
                self._write_index()

    # -- internals -------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """One thread at a time; storage errors become annotation errors."""
        with self._mutex:
            try:
                yield
            except StorageError as exc:
                raise StoreError(str(exc)) from None

    @contextlib.contextmanager
    def _writing(self, article_id: str) -> Iterator[Shard]:
        """Hold the thread and process locks around a read-modify-write of one shard."""
        with self._guard():
            shard = self._shard(article_id)
            with holding(self._lock):
                self._unindexed = True
                yield shard

    def _shard(self, article_id: str) -> Shard:
        shard = self._shards.get(article_id)
        if shard is None:
            _check_id(article_id)
            shard = Shard(
                article_id,
                os.path.join(self._root_str, f"{article_id}.json"),
                backups=self.backups,
                backup_dir=self._backup_dir,
                lock=self._lock,
                on_recovery=self._on_recovered,
            )
            self._shards[article_id] = shard
        return shard

    def _recovered(self, message: str) -> None:
        with self._recovery_lock:
            self.recoveries.append(message)
            callback = self.on_recovery
        if callback is not None:
            callback(message)

    def follow_recoveries(self, callback: Callable[[str], None]) -> list[str]:
        """Send later repairs to callback and return the ones made so far.

        Every message goes one way or the other exactly once, even while another thread is
        repairing a file at this moment.
        """
        with self._recovery_lock:
            self.on_recovery = callback
            return list(self.recoveries)

    def _missing(self, ident: str, shard: Shard) -> AnnotationNotFound:
        if ident in shard.tables().get(DELETED, {}):
            return AnnotationNotFound(f"highlight {ident} was deleted; restore it first")
        return AnnotationNotFound(f"highlight {ident} is not in {shard.article_id}")

    def _scan(self) -> dict[str, Stamp]:
        """Stamps of the shard files, from one pass over the folder."""
        return {article_id: file_stamp(st) for article_id, st in self._stats().items()}

    def _stats(self) -> dict[str, os.stat_result]:
        """`stat` of every shard file (the highlights files of articles), one folder pass."""
        stats: dict[str, os.stat_result] = {}
        try:
            entries = os.scandir(self.root)
        except FileNotFoundError:
            return stats
        except OSError as exc:
            raise StoreError(f"{self.root}: cannot list annotations ({exc.strerror})") from None
        with entries:
            for entry in entries:
                name = entry.name
                if name.startswith(".") or not name.endswith(".json") or conflict_of(name):
                    continue
                try:
                    st = entry.stat()
                except OSError:
                    continue
                if stat.S_ISREG(st.st_mode):
                    stats[name[:-5]] = st
        return stats

    def _refresh(self, *, ids: bool = False) -> list[Shard]:
        """Every shard with a current summary (with ids if asked); only changed files are read."""
        stamps = self._scan()
        for gone in self._shards.keys() - stamps.keys():
            del self._shards[gone]
        read_any = False
        shards: list[Shard] = []
        for article_id, stamp in stamps.items():
            shard = self._shard(article_id)
            shards.append(shard)
            summary = shard.summary
            if summary is None or summary.stamp != stamp:
                cached = self._cache(INDEX_FILE).get(article_id)
                summary = shard.summary = cached if cached and cached.stamp == stamp else None
            if summary is not None and ids and summary.ids is None:
                known = self._cache(IDS_FILE).get(article_id)
                if known is not None and known.stamp == stamp:
                    summary.ids, summary.deleted = known.ids, known.deleted
            if summary is not None and (summary.ids is not None or not ids):
                continue
            try:
                tables, from_disk = shard.tables_at(stamp)
            except StorageError as exc:
                if str(exc) not in self.problems:
                    self.problems.append(str(exc))
                shard.summary = Summary(stamp, ids=[], deleted=[])
                self._unreadable.add(article_id)  # so the next process reads and reports it too
                continue
            shard.summarize(tables)
            self._unreadable.discard(article_id)
            read_any = read_any or from_disk
        if read_any:
            self._write_index()
        return shards

    def _cache(self, name: str) -> dict[str, Summary]:
        """An on-disk index, read once; an unreadable one is ignored (it is rebuilt)."""
        if name not in self._caches:
            found: dict[str, Summary] = {}
            db = open_db(self.root / name, schema=INDEX_SCHEMA, backups=0, recover=False)
            try:
                raw = db.durable.read() or {}
            except StorageError:
                raw = {}
            for article_id, entry in raw.get("articles", {}).items():
                with contextlib.suppress(KeyError, TypeError, ValueError):
                    found[article_id] = Summary.from_json(entry)
            self._caches[name] = found
        return self._caches[name]

    def _write_index(self) -> None:
        """Save the summaries: counts and tags in one file, ids (bigger, rarer) in another."""
        summaries = {
            a: s.summary
            for a, s in self._shards.items()
            if s.summary is not None and a not in self._unreadable
        }
        files = {INDEX_FILE: {a: s.counts_json() for a, s in summaries.items()}}
        if all(s.ids is not None for s in summaries.values()):
            files[IDS_FILE] = {a: s.ids_json() for a, s in summaries.items()}
        self._unindexed = False
        for name, articles in files.items():
            # What was last known of an unreadable file is kept (its stamp no longer matches, so
            # no read trusts it): the doctor counts from it what a repair could not bring back.
            kept = {
                a: known
                for a in self._unreadable
                if (known := self._cache(name).get(a)) is not None and a not in summaries
            }
            for article_id, known in kept.items():
                articles[article_id] = (
                    known.counts_json() if name == INDEX_FILE else known.ids_json()
                )
            db = open_db(
                self.root / name, schema=INDEX_SCHEMA, backups=0, durable=False, indent=False
            )
            with contextlib.suppress(StorageError):  # a cache: readers rebuild what is missing
                db.durable.write({"articles": articles})
                self._caches[name] = {**summaries, **kept}

    def _locate(self, ref: str, table: str) -> tuple[Shard, str]:
        """The shard and full id of a highlight given by id or unique id prefix."""
        ref = ref.strip()
        what = "deleted highlight" if table == DELETED else "highlight"
        if not ref:
            raise AnnotationNotFound(f"no {what} named; give its id or the first characters of it")
        for shard in self._shards.values():  # an exact id in a loaded shard needs no folder scan
            storage = shard.opened_storage  # one never opened has nothing in memory to look at
            stamp = storage.stamp if storage is not None else None
            cached = storage.cached(stamp) if storage is not None and stamp is not None else None
            if cached is not None and ref in cached.get(table, {}):
                return shard, ref  # callers re-read the shard, so a stale cache only costs a miss
        matches: list[tuple[Shard, str]] = []
        for shard in self._refresh(ids=True):
            summary = shard.summary
            if summary is None:
                continue
            for ident in (summary.deleted if table == DELETED else summary.ids) or ():
                if ident == ref:
                    return shard, ident
                if ident.startswith(ref):
                    matches.append((shard, ident))
        if len(matches) == 1:
            return matches[0]
        if not matches and table == LIVE:
            gone = [
                ident
                for shard in self._shards.values()
                if shard.summary
                for ident in shard.summary.deleted or ()
                if ident.startswith(ref)
            ]
            if len(gone) == 1:
                raise AnnotationNotFound(
                    f"highlight {gone[0]} was deleted; bring it back with "
                    f"`margin unhighlight --restore {gone[0][:8]}`"
                )
        if not matches:
            raise AnnotationNotFound(f"'{ref}': no {what} has that id; see `margin annotations`")
        raise AmbiguousAnnotation(ref, [(ident, shard.article_id) for shard, ident in matches])
