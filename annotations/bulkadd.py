"""Adding a great many highlights to one article's file (a book of 100,000 clippings) without
holding the file, or the new highlights, whole: `AnnotationStore.add_stream` runs this under the
store's lock (and `AnnotationStore.reanchor_article` rewrites a big file with `rewrite_live`).

The file is read a document at a time for what tells a new highlight from one already there (a
compact set of ids and of spans, and which stored highlights lack a note, stance or tags), then
written a document at a time to a temp file that replaces it atomically, the write-ahead backup
copied from that temp file (`DurableStorage.write_stream`). Nothing is written when nothing is
new and nothing fills in.
"""

from __future__ import annotations

import re
import uuid
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import Any

from annotations.edits import Edit
from annotations.errors import AnnotationError
from annotations.model import Annotation, normalize_tags, tag_key
from annotations.shards import DELETED, LIVE, SCHEMA, Doc, Summary, problem_with
from library.text import strip_controls
from library.tinystore import (
    META_ID,
    META_TABLE,
    CorruptFile,
    DurableStorage,
    encode_tables,
    stream_tables,
)

# A stored highlight's flags: deleted; one that knows what exports gave it (`remembered`).
_DELETED, _REMEMBERS = 8, 16
# What each export gave a highlight when it was last imported, by the clip's id ("" for the
# clip whose id the highlight has; another id for another export of the same words, a second
# device's): the digest of its note, its stance, its tags (`given`). A re-import then brings
# only what changed in the export since, into a field the user has not changed in Margin
# since (`merge_import`): a note cleared here is not brought back by the device that gave it.
GIVEN = "export_gave"
_SPAN_BITS = 32  # a span as one int: start << 32 | end (a text is far shorter than 2**32)
_SPAN_MASK = (1 << _SPAN_BITS) - 1
# An id as Margin makes them (a UUID's canonical form) is held as its 128-bit number: half the
# memory of the string, and one id maps to one number (any other form is held as it is).
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def pack_span(start: int, end: int) -> int:
    """A span as one int, as the compact sets and arrays of spans hold it."""
    return start << _SPAN_BITS | end


def unpack_span(packed: int) -> tuple[int, int]:
    """The (start, end) of a packed span."""
    return packed >> _SPAN_BITS, packed & _SPAN_MASK


def orphan_key(quote: str, note: str, place: str | None = None) -> str:
    """What tells an orphan from another in one article (it has no span): its quote and its
    note; a note on no words, its place too. A highlight imported again under another id
    (Margin's CSV export of one a Hypothesis import kept as an orphan) is then already there,
    while two notes on the same lost words are two highlights, neither dropped, and so are the
    same words noted at two places ("Yes!" at 50 and at 300)."""
    key = quote + "\x00" + note
    return key + "\x00" + place if place and not quote else key


def told_by_words(orphaned: bool, quote: str) -> bool:
    """Whether a highlight is told from the others of its article by its words and note, not
    its span (`orphan_key`): an orphan (it has no span), or a note on no words (two notes
    written at one place are two)."""
    return orphaned or not quote


_QUOTE_ALONE = "\x01"  # opens the key of a changed orphan's quote alone (`stored_orphan_keys`)


def stored_orphan_keys(doc: Doc) -> tuple[str, ...]:
    """The keys a stored orphan is found by: its `orphan_key`; and once changed in Margin since
    it was made (its note edited, say), its quote alone too, so an older export of it (Margin's
    CSV, written before the edit, under another id) is already there, not a second copy."""
    quote, note = str(doc.get("quote", "")), str(doc.get("note", ""))
    place = doc.get("place")
    key = orphan_key(quote, note, place if isinstance(place, str) else None)
    if quote.strip() and doc.get("modified", doc.get("created")) != doc.get("created"):
        return key, _QUOTE_ALONE + quote
    return (key,)


def orphan_known(orphans: set[str], annotation: Annotation) -> bool:
    """Whether an incoming orphan is one of these (keys of `stored_orphan_keys`)."""
    return (
        orphan_key(annotation.quote, annotation.note, annotation.place) in orphans
        or _QUOTE_ALONE + annotation.quote in orphans
    )


def given(note: str | None, stance: str | None, tags: list[str]) -> dict[str, Any]:
    """What an export gives a highlight, as it is remembered: its note's digest, its stance and
    its tags, each only when there is one."""
    out: dict[str, Any] = {}
    note = strip_controls(note) if note else ""  # as the highlight holds it
    if note:
        out["note"] = _digest(note)
    if stance:
        out["stance"] = stance
    if tags:
        out["tags"] = normalize_tags(tags)
    return out


def _digest(text: str) -> str:
    import hashlib

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _given_key(ident: str, gave: dict[str, Any]) -> int:
    """One number for "export ident gave exactly this" (tags in any order or case)."""
    tags = gave.get("tags")
    keyed = tuple(sorted(tag_key(t) for t in tags)) if tags else ()
    return hash((ident, gave.get("note", ""), gave.get("stance") or "", keyed))


def _memory(doc: Doc) -> dict[str, dict[str, Any]] | None:
    """A stored highlight's GIVEN, None when it has none (older) or it is not one (hand-made,
    damaged: each gift a mapping of a note's digest, a stance and a list of tags, as `given`
    makes them)."""
    memory = doc.get(GIVEN)
    if type(memory) is not dict:
        return None
    for gave in memory.values():
        if type(gave) is not dict:
            return None
        if gave and not (
            type(gave.get("note", "")) is str
            and type(gave.get("stance", "")) is str
            and type(tags := gave.get("tags", [])) is list
            and all(type(t) is str for t in tags)
        ):
            return None
    return memory


def remembered(doc: Doc) -> dict[str, dict[str, Any]] | None:
    """What exports gave a stored highlight (GIVEN, by the clip's id). One stored before Margin
    remembered and untouched since it was made holds what its maker gave it: its own note,
    stance and tags, as its own clip's. None for one changed in Margin since: nothing tells
    what an export gave it from what the user wrote."""
    memory = _memory(doc)
    if memory is None and doc.get("modified", doc.get("created")) == doc.get("created"):
        tags = doc.get("tags")
        return {"": given(doc.get("note"), doc.get("stance"), tags if tags else [])}
    return memory


def _compact(ident: str) -> str | int:
    return int(ident.replace("-", ""), 16) if _UUID.fullmatch(ident) else ident


@dataclass(slots=True)
class StreamedAdd:
    """What adding highlights did: added (orphaned among them), already there, and how many of
    those were given the note, stance or tags they lacked."""

    added: int = 0
    orphaned: int = 0
    present: int = 0
    updated: int = 0


@dataclass(slots=True)
class StoredKeys:
    """What a highlights file holds, in the little it takes to tell new highlights from stored
    ones: every id (live or deleted: its flags, _DELETED or _REMEMBERS), every live
    anchored span (a sorted array of packed spans; those added by this run in a set), and the
    `stored_orphan_keys` of every live orphan."""

    exists: bool = False
    ids: dict[str | int, int] = field(default_factory=dict)
    stored_spans: array[int] = field(default_factory=lambda: array("Q"))
    stored_flags: bytes = b""  # the flags of the highlight of each of stored_spans
    spans: set[int] = field(default_factory=set)
    orphans: set[str] = field(default_factory=set)
    # `_given_key`s: a set, as each clip of a book imported again asks (a sorted array, half
    # the memory, took 2 µs a look-up to bisect: a fifth of a second for 100,000).
    given: set[int] = field(default_factory=set)

    def remembers(self, key: int) -> bool:
        """Whether a stored highlight remembers this `_given_key`: its export gave exactly
        that when last imported."""
        return key in self.given

    def has_span(self, span: int) -> bool:
        """Whether a live anchored highlight covers exactly this (packed) span."""
        stored = self.stored_spans
        at = bisect_left(stored, span)
        return (at < len(stored) and stored[at] == span) or span in self.spans

    def flags_at(self, span: int) -> int:
        """The flags of the stored live highlight on this (packed) span (0 for none there)."""
        stored = self.stored_spans
        at = bisect_left(stored, span)
        return self.stored_flags[at] if at < len(stored) and stored[at] == span else 0


def _wants(keys: StoredKeys, flags: int, ident: str, gave: dict[str, Any]) -> bool:
    """Whether a stored highlight (its `StoredKeys` flags) may take anything from export ident
    giving gave: one that knows what exports gave it (`remembered`), unless that export gave
    exactly this last time; never a deleted one, nor one changed in Margin before Margin
    remembered (a note cleared in Margin is not the device's to give back)."""
    return bool(flags & _REMEMBERS) and not keys.remembers(_given_key(ident, gave))


@dataclass(slots=True)
class Settled:
    """Asked by a caller of `AnnotationStore.add_stream` before it makes a highlight: whether
    one with that id is stored already (live or deleted) and would be given nothing, so that it
    need not be made at all (an export imported again: 100,000 highlights not placed again).
    Counted as present; the store sets keys once it has read them (None: nothing is settled)."""

    keys: StoredKeys | None = None
    skipped: int = 0

    def holds(self, ident: str, note: str | None, stance: str | None, tags: list[str]) -> bool:
        """Whether the highlight ident, carrying note, stance and tags, is settled (counted)."""
        keys = self.keys
        flags = keys.ids.get(_compact(ident)) if keys is not None else None
        if keys is None or flags is None or _wants(keys, flags, ident, given(note, stance, tags)):
            return False
        self.skipped += 1
        return True


def merge_import(doc: Doc, incoming: Annotation) -> tuple[Doc, bool]:
    """A stored highlight given what its import (or another export's of the same words) brings
    now, and whether a field of it changed. Field by field, what changed in the export since it
    was last imported, into a field the user left as that export gave it (or empty); a field
    the export gives as it did last time, or one changed in Margin since, stays as it is. What
    the export gave is remembered (GIVEN). An export new to the highlight fills in a field
    that is empty and that no export gave (one emptied in Margin stays so). One changed in
    Margin before Margin remembered is left as it is."""
    memory = remembered(doc)
    if memory is None:
        return doc, False
    source = "" if incoming.id == doc.get("id") else incoming.id
    gave = given(incoming.note, incoming.stance, incoming.tags)
    last = memory.get(source)
    before = Annotation.from_dict(doc)
    edit = _since(last, gave, before, incoming) if last is not None else _fill(memory, incoming)
    after = edit.apply(before) if edit is not None else before
    if after is not before:
        doc = {**doc, **after.to_dict()}  # merged, as store.change does: unknown fields stay
    memory = {**memory, source: gave}
    if memory != _memory(doc):
        doc = {**doc, GIVEN: memory}
    return doc, after is not before


def kept_apart(stored: Doc, merged: Doc, incoming: Annotation) -> Doc | None:
    """The incoming highlight as one of its own on the same words, when `merge_import` of it
    into stored (giving merged) leaves out a note Margin never held there: not merged's note,
    nor one an export gave before (the user has seen that one, and changed or cleared it).
    Another export's note on words that already have one (Readwise's, reworded there), an
    export's note changed on the device and in Margin both, a note of a second book taken for
    this one: none is dropped. None when nothing is left out, or stored remembers nothing
    (changed in Margin before Margin remembered: what an export gave is not known)."""
    note = strip_controls(incoming.note).strip() if incoming.note else ""
    memory = remembered(stored)
    if not note or memory is None or note == str(merged.get("note") or "").strip():
        return None
    if _digest(strip_controls(incoming.note)) in {gave.get("note") for gave in memory.values()}:
        return None
    ident = incoming.id
    if ident == stored.get("id"):  # its own export's, changed: a new id of its own, each time
        ident = str(uuid.uuid5(uuid.NAMESPACE_OID, f"{ident}\x00{_digest(note)}"))
    apart = replace(incoming, id=ident)
    return {**apart.to_dict(), GIVEN: {"": given(apart.note, apart.stance, apart.tags)}}


def _fill(memory: dict[str, dict[str, Any]], incoming: Annotation) -> Edit | None:
    """`fill_edit` of the fields no export in memory gave a value: empty in the highlight
    because none was ever given, not because the user emptied it."""
    given_before = {name for gave in memory.values() for name in gave}
    return fill_edit(
        replace(
            incoming,
            note="" if "note" in given_before else incoming.note,
            stance=None if "stance" in given_before else incoming.stance,
            tags=[] if "tags" in given_before else incoming.tags,
        )
    )


def _since(
    last: dict[str, Any], gave: dict[str, Any], stored: Annotation, incoming: Annotation
) -> Edit | None:
    """The edit taking what changed in an export since it gave last, into the fields of stored
    the user has not changed since (or emptied); tags added and removed in the export, one by
    one."""
    values: dict[str, object] = {}
    # A field the export changed since, taken where Margin holds it as the export gave it
    # last, or holds none.
    note = _digest(stored.note) if stored.note else None
    if last.get("note") != gave.get("note") and note in (None, last.get("note")):
        values["note"] = incoming.note
    if last.get("stance") != gave.get("stance") and stored.stance in (None, last.get("stance")):
        values["stance"] = incoming.stance
    then = {tag_key(t) for t in last.get("tags", ()) if isinstance(t, str)}
    now = {tag_key(t) for t in gave.get("tags", ())}
    added = tuple(t for t in incoming.tags if tag_key(t) not in then)
    removed = tuple(t for t in last.get("tags", ()) if isinstance(t, str) and tag_key(t) not in now)
    edit = Edit(values, added, removed)
    return None if edit.empty else edit


def fill_edit(incoming: Annotation) -> Edit | None:
    """The edit giving a stored highlight the note, stance and tags its import carries where it
    has none (a value set in Margin is never overwritten); None when it carries none."""
    if not (incoming.note or incoming.stance or incoming.tags):
        return None
    values: dict[str, object] = {}
    if incoming.note:
        values["note"] = incoming.note
    if incoming.stance:
        values["stance"] = incoming.stance
    return Edit(values, tuple(incoming.tags), fill_only=True)


def stored_keys(path: Path) -> StoredKeys | None:
    """The keys of an article's highlights file, read a document at a time; None when the file
    is not one this reads (damaged, an older format, a highlight that is not valid): the store's
    ordinary read then repairs or converts it."""
    keys = StoredKeys()
    schema = None
    flags_of_spans = bytearray()  # of each stored span, in the file's order
    gifts = keys.given  # `_given_key` of what each export gave each highlight
    try:
        for name, docs in stream_tables(path):
            if name not in (LIVE, DELETED, META_TABLE):
                return None
            for ident, doc in docs:
                if name == META_TABLE:
                    schema = doc.get("schema") if ident == META_ID else schema
                    continue
                if problem_with(ident, doc) is not None:
                    return None
                if name != LIVE:
                    keys.ids[_compact(ident)] = _DELETED
                    continue
                memory = remembered(doc)
                flags = _REMEMBERS * (memory is not None)
                for source, gave in memory.items() if memory else ():
                    gifts.add(_given_key(source or ident, gave))
                if told_by_words(bool(doc.get("orphaned")), str(doc.get("quote", ""))):
                    keys.orphans.update(stored_orphan_keys(doc))
                else:
                    keys.stored_spans.append(pack_span(doc["start"], doc["end"]))
                    flags_of_spans.append(flags)
                keys.ids[_compact(ident)] = flags
    except FileNotFoundError:
        return keys
    except (CorruptFile, OSError, OverflowError):
        return None
    spans = keys.stored_spans
    order = sorted(range(len(spans)), key=spans.__getitem__)
    keys.stored_spans = array("Q", (spans[i] for i in order))
    keys.stored_flags = bytes(flags_of_spans[i] for i in order)
    keys.exists = True
    return keys if schema == SCHEMA else None


def write_added(
    storage: DurableStorage,
    article_id: str,
    keys: StoredKeys,
    annotations: Iterable[Annotation],
    done: StreamedAdd,
) -> Summary | None:
    """Add the new ones of annotations to the file keys were read from, fill in what the stored
    ones lack, counting in done; the new file's summary, or None when nothing was written."""
    fills: dict[str, Annotation] = {}
    # Highlights found stored by their words under another id (another device's of the same
    # book, Margin's csv read back), by span: what they carry fills the stored one in too.
    span_fills: dict[int, list[Annotation]] = {}

    def new_doc(annotation: Annotation) -> Doc | None:
        if annotation.article != article_id or not 0 <= annotation.start <= annotation.end:
            raise AnnotationError(f"highlight {annotation.id}: not a valid span here")
        span = pack_span(annotation.start, annotation.end)
        ident = _compact(annotation.id)
        flags = keys.ids.get(ident)
        orphan = (
            orphan_key(annotation.quote, annotation.note, annotation.place)
            if told_by_words(annotation.orphaned, annotation.quote)
            else None
        )
        gave = given(annotation.note, annotation.stance, annotation.tags)
        if flags is not None or (
            keys.has_span(span) if orphan is None else orphan_known(keys.orphans, annotation)
        ):
            done.present += 1
            if flags is None and orphan is None:
                if _wants(keys, keys.flags_at(span), annotation.id, gave):
                    span_fills.setdefault(span, []).append(annotation)
            elif flags is not None and _wants(keys, flags, annotation.id, gave):
                fills[annotation.id] = annotation
            return None
        keys.ids[ident] = 0  # added now: nothing to fill in
        if orphan is None:
            keys.spans.add(span)
        else:
            keys.orphans.add(orphan)
        done.added += 1
        done.orphaned += annotation.orphaned
        return {**annotation.to_dict(), GIVEN: {"": gave}}

    incoming = iter(annotations)
    first: Doc | None = None
    for annotation in incoming:
        if (first := new_doc(annotation)) is not None:
            break
    if first is None and not fills and not span_fills:
        return None  # nothing new, nothing to fill in: the file stays as it is

    def new_docs() -> Iterator[tuple[str, Doc]]:
        if first is not None:
            yield first["id"], first
        for annotation in incoming:
            if (doc := new_doc(annotation)) is not None:
                yield annotation.id, doc

    def filled(docs: Iterator[tuple[str, Doc]]) -> Iterator[tuple[str, Doc]]:
        for ident, doc in docs:
            bringing = [fills[ident]] if ident in fills else []
            if not bringing and span_fills and not doc.get("orphaned"):
                bringing = span_fills.pop(pack_span(doc["start"], doc["end"]), [])
            apart: list[Doc] = []
            for incoming_one in bringing:
                stored = doc
                doc, changed = merge_import(stored, incoming_one)
                done.updated += changed
                if (extra := kept_apart(stored, doc, incoming_one)) is not None:
                    apart.append(extra)
            yield ident, doc
            for extra in apart:
                if _compact(extra["id"]) in keys.ids:
                    continue  # that note kept apart before (deleted since, or live)
                keys.ids[_compact(extra["id"])] = 0
                done.present -= 1
                done.added += 1
                yield extra["id"], extra

    return rewrite_live(storage, lambda docs: chain(new_docs(), filled(docs)), exists=keys.exists)


def rewrite_live(
    storage: DurableStorage,
    live: Callable[[Iterator[tuple[str, Doc]]], Iterator[tuple[str, Doc]]],
    *,
    exists: bool = True,
) -> Summary:
    """Write a highlights file again a document at a time: its live highlights as live gives them
    (from the stored ones, none when the file does not exist), the rest as they are; the new
    file's summary. An exception from live leaves the file as it was (the temp file dropped)."""
    stances: Counter[str | None] = Counter()
    tags: Counter[str] = Counter()
    ids: list[str] = []
    deleted: list[str] = []

    def counted(docs: Iterator[tuple[str, Doc]], into: list[str]) -> Iterator[tuple[str, Doc]]:
        for ident, doc in docs:
            into.append(ident)
            if into is ids:
                stances[doc.get("stance")] += 1
                tags.update(doc.get("tags", ()))
            yield ident, doc

    def tables() -> Iterator[tuple[str, Iterator[tuple[str, Any]]]]:
        wrote_live = False
        if exists:
            for name, docs in stream_tables(storage.path):
                if name == LIVE:
                    wrote_live = True
                    yield name, counted(live(docs), ids)
                else:
                    yield name, counted(docs, deleted) if name == DELETED else docs
        if not wrote_live:
            yield LIVE, counted(live(iter(())), ids)
        if not exists:
            yield DELETED, iter(())
            yield META_TABLE, iter([(META_ID, {"schema": SCHEMA})])

    stamp = storage.write_stream(encode_tables(tables()))
    return Summary(stamp, dict(stances), dict(tags), ids=ids, deleted=deleted)
