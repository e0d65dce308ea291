"""One article's highlights file (a TinyDB shard) and what library-wide views derive from it.

A shard holds two tables: `annotations` (live highlights) and `deleted` (removed ones with a
`deleted_at` time, so every deletion can be undone), each keyed by annotation id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from annotations.model import new_id, tag_key
from library.tinystore import DurableDB, DurableStorage, Stamp, StrTable, Tables, open_db

LIVE = "annotations"
DELETED = "deleted"
SCHEMA = 1

Doc = dict[str, Any]


def migrate_v0(tables: Tables) -> Tables:
    """Format 0 (a plain TinyDB file: highlights in `_default` under counter ids) to format 1."""
    live: dict[str, Doc] = {}
    for doc in tables.get("_default", {}).values():
        moved = dict(doc)
        ident = str(moved.get("id") or new_id())
        moved["id"] = ident
        live[ident] = moved
    out = {name: table for name, table in tables.items() if name != "_default"}
    out[LIVE] = {**out.get(LIVE, {}), **live}
    out.setdefault(DELETED, {})
    return out


MIGRATIONS = {0: migrate_v0}

# What a stored highlight must look like for Annotation.from_dict to give a usable object.
_REQUIRED: tuple[tuple[str, type], ...] = (("article", str), ("quote", str))
_OFFSETS = ("start", "end")
_TEXTS = ("prefix", "suffix", "note", "created", "modified")
_OPTIONAL_TEXTS = ("stance", "speaker", "original_quote", "fingerprint", "place")
_FLAGS = ("orphaned", "needs_review")


def problem_with(doc_id: str, doc: Doc) -> str | None:
    """What makes a stored highlight unusable, or None when it is fine."""
    if doc.get("id") != doc_id:
        return f"highlight {doc_id} carries the id {doc.get('id')!r}"
    for key, kind in _REQUIRED:
        if not isinstance(doc.get(key), kind):
            return f"highlight {doc_id} has no valid {key!r}"
    for key in _OFFSETS:
        value = doc.get(key)
        if type(value) is not int or value < 0:
            return f"highlight {doc_id} has no valid {key!r}"
    for key in _TEXTS:
        if key in doc and type(doc[key]) is not str:
            return f"highlight {doc_id} has a {key!r} that is not text"
    for key in _OPTIONAL_TEXTS:
        value = doc.get(key)
        if value is not None and type(value) is not str:
            return f"highlight {doc_id} has a {key!r} that is not text"
    for key in _FLAGS:
        if key in doc and type(doc[key]) is not bool:
            return f"highlight {doc_id} has a {key!r} that is not true or false"
    tags = doc.get("tags", [])
    if type(tags) is not list or any(type(t) is not str for t in tags):
        return f"highlight {doc_id} has tags that are not a list of text"
    return None


def validate(tables: Tables) -> str | None:
    """What makes a shard unusable (reported as corruption), or None when it is fine."""
    for name in (LIVE, DELETED):
        for doc_id, doc in tables.get(name, {}).items():
            if problem := problem_with(doc_id, doc):
                return f"{problem} (table {name!r})"
    return None


@dataclass(slots=True)
class Summary:
    """What library-wide views need of one shard without reading it: counts, tags and ids."""

    stamp: Stamp | None
    # Plain dicts: ten thousand of them are read back at startup, and Counters cost 2 µs each.
    stances: dict[str | None, int] = field(default_factory=dict)
    tags: dict[str, int] = field(default_factory=dict)  # display form -> highlights using it
    ids: list[str] | None = None  # None: not known yet (kept in a separate cache file)
    deleted: list[str] | None = None

    @classmethod
    def of(cls, tables: Tables, stamp: Stamp | None) -> Summary:
        """The summary of a shard's tables."""
        live = tables.get(LIVE, {})
        stances: Counter[str | None] = Counter()
        tags: Counter[str] = Counter()
        for doc in live.values():
            stances[doc.get("stance")] += 1
            tags.update(doc.get("tags", ()))
        return cls(
            stamp, dict(stances), dict(tags), ids=list(live), deleted=list(tables.get(DELETED, {}))
        )

    def may_hold(self, stance: str | None, tag: str | None) -> bool:
        """Whether a live highlight of the shard can match a stance and a tag (case-folded keys,
        as `Shard.matching` takes them; None: any)."""
        if stance is not None and not any(
            (s or "").casefold() == stance and n for s, n in self.stances.items()
        ):
            return False
        return tag is None or any(tag_key(t) == tag and n for t, n in self.tags.items())

    @property
    def count(self) -> int:
        """How many live highlights the shard holds."""
        return sum(self.stances.values())

    def counts_json(self) -> dict[str, Any]:
        """The entry in the index of counts and tags."""
        return {
            "stamp": list(self.stamp or ()),
            "stances": [[stance, n] for stance, n in self.stances.items()],
            "tags": [[tag, n] for tag, n in self.tags.items()],
        }

    def ids_json(self) -> dict[str, Any]:
        """The entry in the index of ids."""
        return {"stamp": list(self.stamp or ()), "ids": self.ids, "deleted": self.deleted}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Summary:
        """An entry of either index read back (KeyError, TypeError, ValueError when malformed)."""
        values = [int(x) for x in raw["stamp"]]
        ids, deleted = raw.get("ids"), raw.get("deleted")
        return cls(
            # An older Margin's stamp (no ctime) matches no file: read again, as if changed.
            (values[0], values[1], values[2], values[3]) if len(values) == 4 else None,
            {(None if s is None else str(s)): int(n) for s, n in raw.get("stances", ())},
            {str(t): int(n) for t, n in raw.get("tags", ())},
            None if ids is None else [str(i) for i in ids],
            None if deleted is None else [str(i) for i in deleted],
        )


@dataclass(slots=True)
class _Lookup:
    """Live highlights of one shard grouped for queries, valid for one stamp."""

    stamp: Stamp | None
    docs: tuple[Doc, ...]
    by_stance: dict[str | None, tuple[Doc, ...]]
    by_tag: dict[str, tuple[Doc, ...]]


class Shard:
    """The TinyDB file of one article, with caches derived from it."""

    def __init__(self, article_id: str, path: str | Path, **storage_options: Any) -> None:
        self.article_id = article_id
        self.summary: Summary | None = None
        self._path = path
        self._options = storage_options
        self._db: DurableDB | None = None
        self._lookup: _Lookup | None = None
        self._scanned: Stamp | None = None  # the version whose first query scanned the file

    @property
    def db(self) -> DurableDB:
        """The TinyDB database, opened on first use.

        Library-wide views list thousands of shards from the store's index without reading their
        files; opening a database for each (paths, storage, callbacks) cost ~30 µs apiece. The
        store's lock serialises every use of a shard, this one included.
        """
        if self._db is None:
            self._db = open_db(
                self._path,
                schema=SCHEMA,
                migrations=MIGRATIONS,
                validate=validate,
                **self._options,
            )
        return self._db

    @property
    def storage(self) -> DurableStorage:
        """The shard's durable storage (see `db`)."""
        return self.db.durable

    @property
    def opened_storage(self) -> DurableStorage | None:
        """The storage if the file was opened already, else None (this opens nothing)."""
        return None if self._db is None else self._db.durable

    def live(self) -> StrTable:
        """The table of live highlights."""
        return cast(StrTable, self.db.table(LIVE, cache_size=0))

    def bin(self) -> StrTable:
        """The table of deleted highlights."""
        return cast(StrTable, self.db.table(DELETED, cache_size=0))

    def tables(self) -> Tables:
        """The shard's tables, re-read when the file changed (repaired when unreadable)."""
        return self.storage.read() or {}

    def tables_at(self, stamp: Stamp | None) -> tuple[Tables, bool]:
        """The tables, from memory if they are the version with stamp; and whether disk was read."""
        cached = self.storage.cached(stamp) if stamp is not None else None
        if cached is not None:
            return cached, False
        return self.tables(), True

    def summarize(self, tables: Tables) -> Summary:
        """Recompute the summary from the tables just read."""
        self.summary = Summary.of(tables, self.storage.stamp)
        return self.summary

    def matching(
        self,
        tables: Tables,
        *,
        stance: str | None,
        tag: str | None,
        orphaned: bool | None,
        since: str | None,
        needs_review: bool | None,
    ) -> Iterator[Doc]:
        """Live highlights matching every given filter (stance and tag as case-folded keys).

        The first query of a file's version scans it; a second one builds the lookups by stance
        and tag (a command queries each file once: building them first cost it more than the
        scan; the reader queries the same files again and again)."""
        stamp = self.storage.stamp
        lookup = self._lookup
        candidates: Collection[Doc]
        if (lookup is None or lookup.stamp != stamp) and (stamp is None or self._scanned != stamp):
            self._scanned = stamp
            candidates = tables.get(LIVE, {}).values()
        else:
            lookup = self._lookup_for(tables)
            candidates = lookup.docs
            if stance is not None:
                candidates = lookup.by_stance.get(stance, ())
            if tag is not None:
                tagged = lookup.by_tag.get(tag, ())
                if len(tagged) < len(candidates):
                    candidates = tagged
        for doc in candidates:
            if stance is not None and (doc.get("stance") or "").casefold() != stance:
                continue
            if tag is not None and not any(t.casefold() == tag for t in doc.get("tags", ())):
                continue
            if orphaned is not None and bool(doc.get("orphaned")) != orphaned:
                continue
            if needs_review is not None and bool(doc.get("needs_review")) != needs_review:
                continue
            if since is not None and doc.get("created", "") < since:
                continue
            yield doc

    def _lookup_for(self, tables: Tables) -> _Lookup:
        stamp = self.storage.stamp
        if self._lookup is not None and stamp is not None and self._lookup.stamp == stamp:
            return self._lookup
        docs = tuple(tables.get(LIVE, {}).values())
        by_stance: defaultdict[str | None, list[Doc]] = defaultdict(list)
        by_tag: defaultdict[str, list[Doc]] = defaultdict(list)
        for doc in docs:
            stance = doc.get("stance")
            by_stance[stance.casefold() if stance else None].append(doc)
            tags = doc.get("tags", ())
            if type(tags) is list:
                # Tuples instead of lists leave the cached documents free of mutable containers,
                # so the garbage collector stops tracking them: no long pauses at 100,000 of them.
                doc["tags"] = tags = tuple(tags)
            for tag in tags:
                by_tag[tag.casefold()].append(doc)
        self._lookup = _Lookup(
            stamp,
            docs,
            {k: tuple(v) for k, v in by_stance.items()},
            {k: tuple(v) for k, v in by_tag.items()},
        )
        return self._lookup
