"""The saved catalog, `.index/catalog.json`: every article's metadata, one row per line.

A cache of the article files' front matter (the files are the truth; `Library` checks every
file's stamp against it). The first line is a header; then one JSON array per article, newest
import first: file name, inode, size, mtime and ctime in ns, then the `ArticleMeta` fields in the
header's `fields` order. The header also holds every id in row order and the list's two stored
sorts (by publication date and by title) as row positions.

One row per line makes the file position-indexed: the reader's first screen reads the file and
the header and decodes only the rows it shows (`Listing`), ~1 ms at 10,000 articles where parsing
every row takes ~35 ms (`startup_ms` in `make bench`). A full read still parses the rows as one
array, which is as fast as the single document this replaced.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, overload

import orjson

from library.model import ArticleMeta

if TYPE_CHECKING:
    from library.fsutil import Stamp

# 5: a row's stamp holds ctime (4 was one row per line, with ids and sort orders in the header;
# 3 was one JSON document; 3 made every text field text, where 2 could hold `title: yes`).
VERSION = 5
META_FIELDS = tuple(f.name for f in fields(ArticleMeta))
STAMP_WIDTH = 5  # file, inode, size, mtime, ctime come before the metadata in a row


def date_order(metas: Sequence[ArticleMeta]) -> list[int]:
    """Positions by publication date, newest first, undated last; ties keep the given order
    (the catalog's: newest import first)."""
    published = [m.published or "" for m in metas]
    return sorted(range(len(metas)), key=published.__getitem__, reverse=True)


def title_order(metas: Sequence[ArticleMeta]) -> list[int]:
    """Positions by title, case-insensitively; ties keep the given order."""
    titles = [m.title.casefold() for m in metas]
    return sorted(range(len(metas)), key=titles.__getitem__)


def encode_row(file: str, stamp: Stamp, meta: ArticleMeta) -> bytes:
    """One article's line (orjson writes no newline inside a compact document)."""
    return orjson.dumps([file, *stamp, *[getattr(meta, name) for name in META_FIELDS]])


def encode(metas: Sequence[ArticleMeta], rows: Sequence[bytes]) -> bytes:
    """The file for rows (from `encode_row`, in the order of metas, newest import first)."""
    offsets, at = [], 0
    for row in rows:
        offsets.append(at)
        at += len(row) + 1
    header = {
        "version": VERSION,
        "fields": META_FIELDS,
        "count": len(rows),
        "offsets": offsets,  # where each row starts after the header's line
        "ids": [m.id for m in metas],
        "orders": {"date": date_order(metas), "title": title_order(metas)},
    }
    return b"\n".join([orjson.dumps(header), *rows])


@dataclass(slots=True)
class Saved:
    """A saved catalog: its header, and its rows not yet decoded."""

    header: dict[str, Any]
    raw: bytes
    body: int  # where the first row starts in raw

    @property
    def count(self) -> int:
        count: int = self.header["count"]
        return count

    @property
    def ids(self) -> list[str]:
        ids: list[str] = self.header["ids"]
        return ids

    def lines(self) -> list[bytes]:
        """Every row's line."""
        return self.raw[self.body :].split(b"\n") if self.count else []

    def line(self, index: int) -> memoryview:
        """One row's line, found by its offset (a damaged offset gives a row that fails to
        decode, never another row's text: each line is checked against its id)."""
        offsets: list[int] = self.header["offsets"]
        start = self.body + offsets[index]
        end = self.body + offsets[index + 1] - 1 if index + 1 < len(offsets) else len(self.raw)
        return memoryview(self.raw)[start:end]


def split(raw: bytes) -> Saved | None:
    """The header of a saved catalog, its rows left undecoded; None when it is not one this
    Margin wrote (another version, damaged, cut short): the caller then reads the article files.

    Only the header's shape is checked here (the reader's first paint waits on this); a row, an
    id or an order is checked when it is first used.
    """
    newline = raw.find(b"\n")
    body = len(raw) if newline < 0 else newline + 1
    try:
        header = orjson.loads(memoryview(raw)[: body - 1 if newline >= 0 else body])
        if (
            type(header) is not dict
            or header.get("version") != VERSION
            or tuple(header.get("fields", ())) != META_FIELDS
        ):
            return None
        count, ids, orders, offsets = (
            header["count"],
            header["ids"],
            header["orders"],
            header["offsets"],
        )
        if not (
            type(count) is int
            and (count > 0) == (newline >= 0)
            and type(ids) is list
            and len(ids) == count
            and type(offsets) is list
            and len(offsets) == count
            and all(type(o) is int for o in offsets[:1] + offsets[-1:])
            and type(orders) is dict
        ):
            return None
    except (KeyError, TypeError, ValueError):  # orjson's decode error is a ValueError
        return None
    return Saved(header, raw, body)


def _checked_order(order: object, count: int) -> list[int] | None:
    """order if it holds a row position for each row (a wrong one would show rows twice)."""
    if type(order) is not list or len(order) != count:
        return None
    try:
        positions = array("q", order)  # every one an int
    except (TypeError, OverflowError):
        return None
    if count and (min(positions) < 0 or max(positions) >= count):
        return None
    return order if len(set(positions)) == count else None


def decode_row(row: object) -> tuple[str, Stamp, ArticleMeta] | None:
    """A row as (file, stamp, metadata), or None when a sync tool or a hand mangled it."""
    if type(row) is not list or len(row) != STAMP_WIDTH + len(META_FIELDS):
        return None
    file, ino, size, mtime, ctime, *values = row
    try:
        meta = ArticleMeta(*values)
    except TypeError:
        return None
    # What the list shows and sorts on must be text.
    if not (
        type(file) is str
        and all(type(n) is int for n in (ino, size, mtime, ctime))
        and type(meta.id) is str
        and type(meta.title) is str
        and type(meta.imported) is str
        and (meta.published is None or type(meta.published) is str)
        and (meta.publication is None or type(meta.publication) is str)
        and type(meta.authors) is list
        and all(type(a) is str for a in meta.authors)
        and type(meta.tags) is list
        and all(type(t) is str for t in meta.tags)
    ):
        return None
    return file, (ino, size, mtime, ctime), meta


def decode_rows(
    saved: Saved,
) -> list[tuple[str, Stamp, ArticleMeta, bytes]] | None:
    """Every row of a saved catalog (parsed as one array) with its line; None if any is
    mangled or the rows are not the header's count."""
    lines = saved.lines()
    if len(lines) != saved.count:
        return None
    if not lines:
        return []
    try:
        rows = orjson.loads(b"[" + b",".join(lines) + b"]")
    except ValueError:
        return None
    decoded = []
    for row, article_id, line in zip(rows, saved.ids, lines, strict=True):
        entry = decode_row(row)
        if entry is None or entry[2].id != article_id:
            return None
        decoded.append((*entry, line))
    return decoded


class Listing(Sequence[ArticleMeta]):
    """A saved catalog's articles, newest import first, each row decoded when first asked for.

    What the reader's first screen shows before the article files are checked (which follows at
    once, on a worker). A mangled row reads as its id, titled with the id, until then.
    """

    def __init__(self, saved: Saved) -> None:
        self._saved = saved
        self._ids = saved.ids
        self._orders: dict[str, object] = saved.header["orders"]
        self._checked: dict[str, list[int] | None] = {}
        self._metas: list[ArticleMeta | None] = [None] * saved.count
        self._positions: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._metas)

    @overload
    def __getitem__(self, index: int) -> ArticleMeta: ...
    @overload
    def __getitem__(self, index: slice) -> list[ArticleMeta]: ...
    def __getitem__(self, index: int | slice) -> ArticleMeta | list[ArticleMeta]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        meta = self._metas[index]
        if meta is None:
            meta = self._metas[index] = self._decode(index)
        return meta

    def __iter__(self) -> Iterator[ArticleMeta]:
        for index in range(len(self)):
            yield self[index]

    def _decode(self, index: int) -> ArticleMeta:
        article_id = self._ids[index]
        try:
            entry = decode_row(orjson.loads(self._saved.line(index)))
        except (ValueError, TypeError, IndexError):
            entry = None
        if entry is None or entry[2].id != article_id:
            return ArticleMeta(id=str(article_id), title=str(article_id))
        return entry[2]

    def order(self, name: str) -> list[int] | None:
        """Row positions sorted by "date" or "title" (as `date_order` and `title_order`); None
        when the saved order is damaged."""
        if name not in self._checked:
            self._checked[name] = _checked_order(self._orders.get(name), len(self))
        return self._checked[name]

    def position(self, article_id: str) -> int | None:
        """The row of an article, or None when it is not listed."""
        if self._positions is None:
            self._positions = {a: p for p, a in enumerate(self._ids) if type(a) is str}
        return self._positions.get(article_id)
