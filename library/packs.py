"""A batch's write-ahead copies of its article files in one file: `articles/.backups/<label>.pack`.

A folder import writes hundreds of new article files. A copy of each in a file of its own
(`<id>.<n>.md`) doubled the files it made, and a new file is most of what writing one costs
on ext4 (finding a free inode). So a write-behind batch appends each article's copy to one
pack before the article file replaces its temp file: written ahead, as the slot copies are,
and never a hard link. A pack's records count among the article's backups (`Copy`), newest first
with its slot files; its copies are not fsynced, as no backup is.

A record is a header line, `margin-pack 1 {"file": …, "saved": ns, "size": n, "sha256": …,
"pack": token}`, then the copy's bytes and a newline; the token is random, the pack's own, and
ends its name (`<time>-<token>.pack`). A pack is only ever appended to (until the user compacts
the packs: `library.packcompact`). Each record follows the one before it. After a damaged
record (bit rot in its header, its bytes cut short) a reader looks for the next header through
bytes that may be an article's, untrusted text that can hold a record of its own; so it takes
only a header that names the pack's token, which no article can know. A pack of a library
written before tokens (or renamed) is read record after record, and damage ends it there: a
record there has nothing an article could not write (a web page can hold a line
`margin-pack 1 {"file": "other.md", …}` and the bytes its checksum names), and the damage hides
where the article's bytes end, so a header found after it may be a forgery that would become
another article's newest backup. `scan_pack` says so, in one line, for the doctor to show.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import orjson

from library.fsutil import Stamp, append_record, file_stamp, open_appending
from library.text import plural

MAGIC = b"margin-pack 1 "
SUFFIX = ".pack"
_HEADER_MAX = 64 * 1024  # a longer header line is damaged
_SCAN = 256 * 1024  # read at a time looking for the next header
_RACY_NS = 2 * 10**9  # a folder changed this lately is listed again at each lookup
_TOKEN_BYTES = 8  # a pack's token: 64 random bits, written as 16 hex digits


@dataclass(frozen=True, slots=True)
class Copy:
    """One saved version of an article file: a slot file of its own, or a record in a pack."""

    path: Path  # the slot file, or the pack
    saved_ns: int  # when it was saved (a slot's mtime, a record's own time)
    size: int
    offset: int | None = None  # in a pack: where its bytes start
    sha256: str = ""

    @property
    def saved(self) -> datetime:
        """When it was saved, in UTC."""
        return datetime.fromtimestamp(self.saved_ns / 1e9, UTC)

    def read_bytes(self) -> bytes:
        """The copy's bytes; OSError when they cannot be read or (in a pack) fail their
        checksum."""
        data = self.raw_bytes()
        if self.offset is not None and (
            len(data) != self.size or hashlib.sha256(data).hexdigest() != self.sha256
        ):
            raise OSError(f"{self.path}: the copy of this article in it is damaged")
        return data

    def raw_bytes(self) -> bytes:
        """The copy's bytes as they are stored, unchecked (in a pack: perhaps damaged)."""
        if self.offset is None:
            return self.path.read_bytes()
        with self.path.open("rb") as handle:
            handle.seek(self.offset)
            return handle.read(self.size)


def slot_copy(path: Path) -> Copy | None:
    """A slot file as a Copy; None when it is missing."""
    try:
        info = path.stat()
    except OSError:
        return None
    return Copy(path, info.st_mtime_ns, info.st_size)


class PackWriter:
    """The pack a batch appends its copies to, made on the first append (threads may share it)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fd: int | None = None
        self._token = ""
        self._lock = threading.Lock()

    def append(self, name: str, payload: bytes) -> None:
        """Add a copy of payload, the version of the article file name about to be saved."""
        saved, digest = time.time_ns(), hashlib.sha256(payload).hexdigest()
        with self._lock:
            if self._fd is None:
                self._fd, self._token = _create(self.folder)
            record = pack_record(name, saved, payload, digest, self._token)
            try:
                append_record(self._fd, record)
            except OSError:
                self._close()  # the record may be cut short: the next one starts a new pack
                raise

    def close(self) -> None:
        """Close the pack (a later append starts a new one)."""
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


def _create(folder: Path) -> tuple[int, str]:
    while True:
        name, token = pack_name()
        try:
            return open_appending(folder / name), token
        except FileExistsError:
            continue


def pack_name() -> tuple[str, str]:
    """A new pack's file name, `<time>-<token>.pack`, and its token."""
    token = secrets.token_hex(_TOKEN_BYTES)
    return f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S.%fZ')}-{token}{SUFFIX}", token


def pack_record(file: str, saved: int, payload: bytes, digest: str, token: str) -> bytes:
    """One record of the pack with that token: its header line, payload and a newline."""
    header = {"file": file, "saved": saved, "size": len(payload), "sha256": digest, "pack": token}
    return b"".join((MAGIC, orjson.dumps(header), b"\n", payload, b"\n"))


def pack_token(path: Path) -> str | None:
    """The token that ends a pack's name; None for a pack without one (written before tokens,
    or renamed)."""
    token = path.name.removesuffix(SUFFIX).rpartition("-")[2]
    if len(token) != 2 * _TOKEN_BYTES or token.strip("0123456789abcdef"):
        return None
    return token


class PackIndex:
    """The copies the packs of a folder hold, by article file name; read again only when a pack
    was added or changed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._stamps: dict[str, Stamp] = {}
        self._copies: dict[str, list[Copy]] = {}
        self._damage: dict[str, str] = {}  # by pack name: its damage, one line (`scan_pack`)
        # Each pack as last read, by name: its records (by article file name, each copy's time
        # never before an earlier one's in the pack) and its damage; read again only once its
        # stamp changes.
        self._read: dict[str, tuple[list[tuple[str, Copy]], str | None]] = {}
        # The folder's stamp when its packs were last listed (None: list them again). The
        # folder holds two slot files an article: listed for every lookup, a doctor's check
        # of each article was quadratic in the library's size.
        self._listed: Stamp | None = None
        # Per thread: its open `one_pass` blocks (depth), and the folder's stamp when it checked
        # the packs in them (checked). Another thread's lookups, outside its pass, check as ever.
        self._pass = threading.local()
        self._lock = threading.Lock()  # one thread reads the packs at a time

    @contextlib.contextmanager
    def one_pass(self) -> Iterator[None]:
        """Lookups inside (in this thread) share one check of the packs (a pass over every
        article: 10,000 lookups among 500 packs took 5 million lstat calls, 40 s). A pack
        appended to during the pass is seen after it, as if it came once the pass was done; a
        pack made or removed (a compaction) changes the folder, and is seen at once."""
        state = self._pass
        state.depth = getattr(state, "depth", 0) + 1
        try:
            yield
        finally:
            state.depth -= 1
            if not state.depth:
                state.checked = None

    def copies(self, name: str) -> list[Copy]:
        """The copies of the article file name that the packs hold (unverified), oldest
        first: a later one is never older, by time or, in a tie, by order."""
        with self._lock:
            self._check()
            return list(self._copies.get(name, ()))

    def damage(self) -> dict[Path, str]:
        """The damaged packs, each with one line saying where and what could be read."""
        with self._lock:
            self._check()
            return {self.folder / name: line for name, line in sorted(self._damage.items())}

    def _check(self) -> None:
        """Read the packs again if they changed (once inside a pass: `one_pass`); under the
        lock."""
        state = self._pass
        try:
            info: os.stat_result | None = os.stat(self.folder)
        except OSError:
            info = None
        folder = file_stamp(info) if info is not None else None
        if folder is None or getattr(state, "checked", None) != folder:
            # Outside a pass, every lookup checks each pack: one appended to since it was
            # read (a batch still writing it) changes neither the folder nor its names.
            self._update(info)
            state.checked = folder if getattr(state, "depth", 0) else None

    def _update(self, info: os.stat_result | None) -> None:
        names = self._names(info)
        stamps: dict[str, Stamp] = {}
        for name in names:
            with contextlib.suppress(OSError):
                stamps[name] = file_stamp(os.lstat(self.folder / name))
        if stamps == self._stamps:
            return
        read = {}
        for name in sorted(stamps):
            known = self._read.get(name)
            read[name] = (
                known if known is not None and self._stamps.get(name) == stamps[name]
                else _read_ordered(self.folder / name)
            )  # fmt: skip
        copies: dict[str, list[Copy]] = {}
        for records, _ in read.values():
            for file, copy in records:
                copies.setdefault(file, []).append(copy)
        self._stamps, self._copies, self._read = stamps, copies, read
        self._damage = {name: damage for name, (_, damage) in read.items() if damage is not None}

    def _names(self, info: os.stat_result | None) -> list[str]:
        """The packs' names, given the folder's stat (None: it cannot be read): listed again
        only when the folder changed (a pack made or gone), or changed so lately that a change
        within its clock's resolution could hide."""
        if info is None:
            self._listed = None
            return []
        listed = file_stamp(info)
        if listed == self._listed:
            return list(self._stamps)
        try:
            names = [e.name for e in os.scandir(self.folder) if e.name.endswith(SUFFIX)]
        except OSError:
            names = []
        settled = time.time_ns() - info.st_mtime_ns > _RACY_NS  # made or removed: mtime now
        self._listed = listed if settled else None
        return names


def _read_ordered(path: Path) -> tuple[list[tuple[str, Copy]], str | None]:
    """`scan_pack`, each copy saved no earlier than one before it of the same file: appended
    later, saved later (a clock that went back meanwhile is not heeded)."""
    records, damage = scan_pack(path)
    latest: dict[str, int] = {}  # by article file name
    ordered = []
    for file, copy in records:
        saved = max(copy.saved_ns, latest.get(file, copy.saved_ns))
        latest[file] = saved
        ordered.append((file, replace(copy, saved_ns=saved)))
    return ordered, damage


def read_pack(path: Path) -> list[tuple[str, Copy]]:
    """The records of a pack whose header reads and whose bytes are all there, as (article
    file name, copy); their checksums are checked when a copy is read."""
    return scan_pack(path)[0]


def scan_pack(path: Path) -> tuple[list[tuple[str, Copy]], str | None]:
    """`read_pack`'s records, and None when they, one after another, are all the pack's bytes
    (no damage passed over, nothing cut short), else one line saying where the damage starts
    and what was read. Read a header at a time, past each copy's bytes: a batch's pack holds a
    copy of every article it wrote."""
    found: list[tuple[str, Copy]] = []
    token = pack_token(path)
    damage: int | None = None
    cut = False  # the damage is the last copy short of its bytes (`_cut_short`)
    try:
        with path.open("rb") as handle:
            total = os.fstat(handle.fileno()).st_size
            at = 0
            while at < total:
                handle.seek(at)
                line = handle.readline(_HEADER_MAX)
                header = None
                if line.startswith(MAGIC) and line.endswith(b"\n"):
                    header = _header(line[len(MAGIC) : -1], token)
                if header is not None:
                    file, saved, size, digest = header
                    start = at + len(line)
                    handle.seek(start + size)
                    # Short of its end: cut short (the writer starts a new pack after a failed
                    # append), or its size is damaged.
                    if start + size < total and handle.read(1) == b"\n":
                        found.append((file, Copy(path, saved, size, start, digest)))
                        at = start + size + 1
                        continue
                if damage is None:
                    damage = at
                    cut = header is not None and _cut_short(handle, start, total, header)
                if token is None:
                    break  # what follows is an article's bytes, untrusted: no record is read there
                # Damaged: the next header that names this pack's token.
                at = _next_header(handle, at + 1)
                if at == -1:
                    break
    except OSError as exc:
        read = plural(len(found), "record")
        return found, f"cannot be read ({exc.strerror or exc}); {read} read"
    if damage is None:
        return found, None
    if cut and all((copy.offset or 0) < damage for _, copy in found):
        return found, (
            f"cut short at byte {damage:,}, in its last copy (a save that stopped there, or one "
            "under way): that version was never saved over its article, so nothing is lost; "
            f"{plural(len(found), 'record')} read"
        )
    if token is None:
        return found, (
            f"damaged at byte {damage:,}; it was written before packs carried a token (or was "
            "renamed), so no record after the damage can be told from an article's text "
            f"quoting one: {plural(len(found), 'record')} before it read, none after"
        )
    return found, (
        f"damaged at byte {damage:,}; {plural(len(found), 'record')} read around the damage, "
        "what it hit lost"
    )


def _cut_short(handle: BinaryIO, start: int, total: int, header: tuple[str, int, int, str]) -> bool:
    """Whether a record whose copy starts at start runs past the end of the pack (total bytes)
    because its bytes stop short: an append that stopped (the writer starts a new pack after
    one), not a rotted size whose copy is all there."""
    size, digest = header[2], header[3]
    if start + size < total:
        return False
    handle.seek(start)
    return hashlib.sha256(handle.read(max(0, total - start - 1))).hexdigest() != digest


def _next_header(handle: BinaryIO, at: int) -> int:
    """Where the first header at or after at starts; -1 when none does."""
    overlap = len(MAGIC) - 1
    while True:
        handle.seek(at)
        chunk = handle.read(_SCAN)
        where = chunk.find(MAGIC)
        if where != -1:
            return at + where
        if len(chunk) < _SCAN:
            return -1
        at += len(chunk) - overlap


def _header(raw: bytes, token: str | None) -> tuple[str, int, int, str] | None:
    """A header's fields; None when it is damaged or (for a pack with a token) names another."""
    try:
        header = orjson.loads(raw)
        file, saved, size, digest = (
            header["file"],
            header["saved"],
            header["size"],
            header["sha256"],
        )
    except (orjson.JSONDecodeError, TypeError, KeyError):
        return None
    if not (
        isinstance(file, str)
        and isinstance(saved, int)
        and isinstance(size, int)
        and size >= 0
        and isinstance(digest, str)
        and (token is None or header.get("pack") == token)
    ):
        return None
    return file, saved, size, digest
