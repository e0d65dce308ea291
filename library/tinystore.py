"""TinyDB on durable files: atomic writes, a schema version with migrations, rolling backups.

TinyDB's own JSONStorage rewrites its file in place, so a crash mid-write destroys it. This storage
writes a temp file, fsyncs it and renames it over the old one, keeps the last few versions as
backups, and moves an unreadable file aside and restores the newest good backup, saying so.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from library.errors import LibraryError, LockHeld, describe_os_error
from library.fsutil import (
    FileLock,
    Stamp,
    atomic_write,
    file_stamp,
    fsync_dir,
    keep_aside,
    link_into,
)

Tables = dict[str, dict[str, Any]]
Migration = Callable[[Tables], Tables]
Validator = Callable[[Tables], str | None]  # returns what is wrong, or None

META_TABLE = "_meta"
META_ID = "1"
DEFAULT_BACKUPS = 5

__all__ = [
    "DEFAULT_BACKUPS",
    "META_TABLE",
    "Backups",
    "CorruptFile",
    "Document",
    "DurableDB",
    "DurableStorage",
    "NewerFormat",
    "Stamp",
    "StorageError",
    "StrTable",
    "Tables",
    "decode",
    "encode_tables",
    "file_stamp",
    "holding",
    "open_db",
    "replace_file",
    "stream_tables",
    "weak_callback",
]


class StorageError(LibraryError):
    """A data file could not be read or written; the message names it and says what to do."""


class CorruptFile(StorageError):
    """A data file is not JSON of the expected shape, or cannot be read at all."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NewerFormat(StorageError):
    """A data file was written by a newer Margin whose format this one does not know."""


def decode(raw: bytes, path: Path) -> Tables:
    """Parse a TinyDB file: an object of tables, each an object of documents (objects)."""
    if not raw.strip():
        raise CorruptFile(path, "the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise CorruptFile(path, f"not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise CorruptFile(path, "not a JSON object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise CorruptFile(path, f"table {name!r} is not a JSON object")
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise CorruptFile(path, f"document {doc_id!r} of table {name!r} is not an object")
    return data


_SPACE = re.compile(r"[ \t\n\r]*")
_CHUNK = 1 << 20  # characters read, or bytes written, at a time by the streaming reader and writer


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


# NaN and Infinity refused, as orjson (the ordinary read) refuses them.
_JSON = json.JSONDecoder(parse_constant=_no_constant)


class _Scanner:
    """A JSON text read a chunk at a time: the next character, a value, never the whole file."""

    def __init__(self, handle: Any, path: Path) -> None:
        self.handle, self.path = handle, path
        self.text, self.at, self.ended = "", 0, False

    def _more(self) -> bool:
        chunk = "" if self.ended else self.handle.read(_CHUNK)
        if not chunk:
            self.ended = True
            return False
        self.text, self.at = self.text[self.at :] + chunk, 0
        return True

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            found = _SPACE.match(self.text, self.at)
            self.at = found.end() if found else self.at
            if self.at < len(self.text):
                return self.text[self.at]
            if not self._more():
                return ""

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise CorruptFile(self.path, f"not a JSON object of tables (expected {char!r})")
        self.at += 1

    def value(self) -> Any:
        """The next JSON value, read further as long as it is cut off by the chunk's end."""
        self.peek()
        while True:
            try:
                found, end = _JSON.raw_decode(self.text, self.at)
            except json.JSONDecodeError as exc:
                if self._more():
                    continue
                raise CorruptFile(self.path, f"not valid JSON ({exc})") from None
            except ValueError as exc:  # NaN or Infinity
                raise CorruptFile(self.path, f"not valid JSON ({exc})") from None
            if end < len(self.text) or self.ended or not self._more():
                if self.text.find("\\u", self.at, end) >= 0:
                    # An escaped surrogate standing alone: refused, as orjson refuses it (and
                    # could not write it back).
                    try:
                        orjson.loads(self.text[self.at : end])
                    except orjson.JSONDecodeError as exc:
                        raise CorruptFile(self.path, f"not valid JSON ({exc})") from None
                self.at = end
                return found


def stream_tables(path: Path) -> Iterator[tuple[str, Iterator[tuple[str, Any]]]]:
    """A TinyDB file's tables in file order, each with its (id, document) pairs, read a chunk at
    a time so that no more than one document is held (each table's documents must be consumed
    before asking for the next table). CorruptFile when it is not an object of objects;
    FileNotFoundError when there is no file."""
    with open(path, encoding="utf-8", newline="") as handle:
        scan = _Scanner(handle, path)

        def documents(name: str) -> Iterator[tuple[str, Any]]:
            scan.take("{")
            if scan.peek() == "}":
                scan.at += 1
                return
            while True:
                ident = scan.value()
                scan.take(":")
                if scan.peek() != "{":
                    problem = f"document {ident!r} of table {name!r} is not an object"
                    raise CorruptFile(path, problem)
                yield str(ident), scan.value()
                if scan.peek() == ",":
                    scan.at += 1
                    continue
                scan.take("}")
                return

        try:
            scan.take("{")
            if scan.peek() == "}":
                return
            while True:
                name = scan.value()
                if not isinstance(name, str):
                    raise CorruptFile(path, "not a JSON object of tables")
                scan.take(":")
                docs = documents(name)
                yield name, docs
                for _ in docs:  # what the caller left unread
                    pass
                if scan.peek() == ",":
                    scan.at += 1
                    continue
                scan.take("}")
                if scan.peek():
                    raise CorruptFile(path, "text after the JSON object")
                return
        except UnicodeDecodeError as exc:
            raise CorruptFile(path, f"not UTF-8 text ({exc.reason})") from None


def encode_tables(tables: Iterable[tuple[str, Iterable[tuple[str, Any]]]]) -> Iterator[bytes]:
    """The bytes `orjson.dumps(tables, option=OPT_INDENT_2)` would give, in chunks of about a
    megabyte, made one document at a time from (name, (id, document) pairs) in order."""
    out: list[bytes] = [b"{"]
    size = 0
    dumps, indent = orjson.dumps, orjson.OPT_INDENT_2
    first_table = True
    for name, docs in tables:
        out.append(b"\n  " if first_table else b",\n  ")
        out.append(dumps(name) + b": {")
        first_table = False
        first_doc = True
        for ident, doc in docs:
            entry = dumps(doc, option=indent).replace(b"\n", b"\n    ")
            out.append((b"\n    " if first_doc else b",\n    ") + dumps(ident) + b": " + entry)
            first_doc = False
            size += len(entry)
            if size >= _CHUNK:
                yield b"".join(out)
                out, size = [], 0
        out.append(b"}" if first_doc else b"\n  }")
    out.append(b"}" if first_table else b"\n}")
    yield b"".join(out)


def schema_of(data: Tables, path: Path) -> int:
    """The format version recorded in a file's `_meta` table (0 when there is none)."""
    meta = data.get(META_TABLE, {}).get(META_ID)
    if meta is None:
        return 0
    version = meta.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise CorruptFile(path, f"the format version {version!r} is not a whole number")
    return version


def migrate(data: Tables, path: Path, schema: int, migrations: Mapping[int, Migration]) -> Tables:
    """Bring data up to schema, one migration step at a time; refuse files from the future."""
    version = schema_of(data, path)
    if version > schema:
        raise NewerFormat(
            f"{path}: written by a newer Margin (format {version}; this one reads up to "
            f"{schema}); upgrade Margin to use it"
        )
    while version < schema:
        step = migrations.get(version)
        if step is None:
            raise CorruptFile(path, f"format {version} is older than any this Margin can convert")
        data = step(data)
        version += 1
    meta = dict(data.get(META_TABLE, {}).get(META_ID, {}))
    meta["schema"] = schema
    data[META_TABLE] = {META_ID: meta}
    return data


def replace_file(path: Path, payload: bytes, *, durable: bool = True) -> Stamp:
    """Atomically replace path with payload (see `library.fsutil.atomic_write`); the new stamp."""
    return file_stamp(atomic_write(path, payload, durable=durable))


@contextlib.contextmanager
def holding(lock: FileLock) -> Iterator[None]:
    """Hold an inter-process lock; a clear StorageError when another process keeps it too long."""
    try:
        Path(lock.lock_file).parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except LockHeld as exc:
        raise StorageError(str(exc)) from None
    except OSError as exc:
        exc.filename = lock.lock_file
        raise StorageError(describe_os_error(exc, "cannot take the lock")) from None
    try:
        yield
    finally:
        lock.release()


def weak_callback(method: Callable[[str], None]) -> Callable[[str], None]:
    """A callback that calls a bound method without keeping its object alive.

    Storages hold their owner's recovery callback; a strong one would put every owner in a
    reference cycle, freed only by the cyclic garbage collector together with all its data.
    """
    ref = weakref.WeakMethod(method)

    def call(message: str) -> None:
        bound = ref()
        if bound is not None:
            bound(message)

    return call


def _utc_label() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")


class Backups:
    """The last few versions of one file, the newest being the version last saved.

    Each save first writes its payload into the oldest slot (a write-ahead copy), then replaces
    the live file. So when the live file is truncated or overwritten with garbage, by a crash, a
    sync tool or a hand, the newest backup holds every acknowledged save. A backup is its own
    file, never a hard link: an in-place truncation of the live file cannot reach it.
    """

    def __init__(self, path: Path, folder: Path, keep: int, *, durable: bool = False) -> None:
        self.path = path
        self.folder = folder
        self.keep = keep
        # The live file is fsynced; its copy need not be (a power cut can lose the copy, never
        # the live file; a copy that does not decode is skipped in favour of the one before).
        self.durable = durable

    def slots(self) -> list[Path]:
        """The backup file names, whether they exist or not."""
        stem, suffix = self.path.stem, self.path.suffix
        return [self.folder / f"{stem}.{n}{suffix}" for n in range(1, self.keep + 1)]

    def _oldest_slot(self) -> Path:
        oldest: tuple[int, Path] | None = None
        for slot in self.slots():
            try:
                mtime = slot.stat().st_mtime_ns
            except FileNotFoundError:
                return slot
            if oldest is None or mtime < oldest[0]:
                oldest = (mtime, slot)
        assert oldest is not None
        return oldest[1]

    def write_ahead(self, payload: bytes | Iterable[bytes]) -> None:
        """Keep payload, the version about to be saved (whole, or in chunks), in the oldest
        slot."""
        if self.keep <= 0:
            return
        atomic_write(self._oldest_slot(), payload, durable=self.durable)

    def take(self) -> None:
        """Keep the current version of the file in the oldest slot, as a hard link (the
        pre-write-ahead scheme, kept as the benchmark's anchor)."""
        if self.keep <= 0:
            return
        link_into(self.path, self._oldest_slot())

    def newest_first(self) -> list[Path]:
        """The existing backups, most recent version first."""
        found: list[tuple[int, Path]] = []
        for slot in self.slots():
            try:
                found.append((slot.stat().st_mtime_ns, slot))
            except OSError:
                continue
        found.sort(reverse=True)
        return [slot for _, slot in found]


class DurableStorage(Storage):
    """A TinyDB storage that is atomic, durable, versioned, backed up and self-repairing.

    Reads are served from memory while the file's stamp is unchanged, so a process sees another's
    writes at its next read. TinyDB's read-modify-write is only safe across processes when the
    caller holds `lock` around it; the storage itself takes the lock only to repair a file.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        schema: int = 1,
        migrations: Mapping[int, Migration] | None = None,
        validate: Validator | None = None,
        backups: int = DEFAULT_BACKUPS,
        backup_dir: Path | None = None,
        durable: bool = True,
        indent: bool = True,
        recover: bool = True,
        lock: FileLock | None = None,
        on_recovery: Callable[[str], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.schema = schema
        self.migrations: Mapping[int, Migration] = migrations or {}
        self.validate = validate
        self.backups = Backups(self.path, backup_dir or self.path.parent / ".backups", backups)
        self.durable = durable
        self.indent = indent  # indented JSON reads and diffs well; caches skip it
        self.recover = recover
        self.lock = lock
        self.on_recovery = on_recovery
        self._data: Tables | None = None
        self._stamp: Stamp | None = None
        self._pending: Tables | None = None
        self._migrating = False  # the file on disk is an older format: keep it before a save
        self._depth = 0

    # -- TinyDB's interface ----------------------------------------------------------------------
    def read(self) -> Tables | None:
        """The tables, re-read from disk only when the file changed since the last read or write."""
        if self._pending is not None:
            return self._pending
        try:
            stamp = file_stamp(os.stat(self.path))
        except FileNotFoundError:
            self.forget()
            return None
        except OSError as exc:
            return self._unreadable(f"cannot be read ({exc.strerror or exc})")
        if self._data is not None and stamp == self._stamp:
            return self._data
        try:
            return self._load()
        except CorruptFile as exc:
            return self._unreadable(exc.reason)

    def write(self, data: Tables) -> None:
        """Replace the file with data, durably (or keep it for the end of a batch)."""
        if self._depth:
            self._pending = data
            return
        self._write_now(data)

    def close(self) -> None:
        """Nothing to release: no file stays open between calls."""

    # -- extras ----------------------------------------------------------------------------------
    @property
    def stamp(self) -> Stamp | None:
        """The stamp of the version last read or written (None when none is loaded)."""
        return self._stamp

    def cached(self, stamp: Stamp) -> Tables | None:
        """The tables in memory if they are the version with this stamp (no disk access)."""
        return self._data if self._data is not None and stamp == self._stamp else None

    def forget(self) -> None:
        """Drop what is cached, so the next read goes to the file."""
        self._data = None
        self._stamp = None

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group TinyDB operations into one durable write: all of them, or none on an error."""
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if not self._depth:
                self._pending = None
                self.forget()  # TinyDB changed the cached tables in place
            raise
        self._depth -= 1
        if not self._depth and self._pending is not None:
            data, self._pending = self._pending, None
            self._write_now(data)

    def write_stream(self, chunks: Iterable[bytes]) -> Stamp:
        """Replace the file with chunks of a whole file (`encode_tables`), durably, never holding
        it whole: as `write`, with the write-ahead backup copied from the temp file just before it
        replaces the live one. What is cached is dropped (the next read goes to the file)."""

        def back_up(written: Path) -> None:
            with contextlib.suppress(OSError), open(written, "rb") as source:
                self.backups.write_ahead(iter(lambda: source.read(_CHUNK), b""))

        self.forget()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            done = atomic_write(self.path, chunks, durable=self.durable, before_replace=back_up)
        except OSError as exc:
            if exc.filename is None:
                exc.filename = str(self.path)
            raise StorageError(describe_os_error(exc, "cannot save")) from None
        return file_stamp(done)

    # -- internals -------------------------------------------------------------------------------
    def _decode(self, raw: bytes) -> Tables:
        found = decode(raw, self.path)
        self._migrating = schema_of(found, self.path) < self.schema
        data = migrate(found, self.path, self.schema, self.migrations)
        if self.validate is not None and (problem := self.validate(data)):
            raise CorruptFile(self.path, problem)
        return data

    def _load(self) -> Tables | None:
        try:
            with open(self.path, "rb") as handle:
                stamp = file_stamp(os.fstat(handle.fileno()))
                raw = handle.read()
        except FileNotFoundError:
            self.forget()
            return None
        except OSError as exc:
            raise CorruptFile(self.path, f"cannot be read ({exc.strerror or exc})") from None
        data = self._decode(raw)
        self._data, self._stamp = data, stamp
        return data

    def _write_now(self, data: Tables) -> None:
        meta = dict(data.get(META_TABLE, {}).get(META_ID, {}))
        meta["schema"] = self.schema
        data[META_TABLE] = {META_ID: meta}
        payload = orjson.dumps(data, option=orjson.OPT_INDENT_2 if self.indent else 0)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):  # a backup that cannot be made must not stop a save
                if self._migrating:  # the last version in the old format, as it was
                    self.backups.take()
                    self._migrating = False
                self.backups.write_ahead(payload)
            stamp = replace_file(self.path, payload, durable=self.durable)
        except OSError as exc:
            self.forget()
            if exc.filename is None:
                exc.filename = str(self.path)
            raise StorageError(describe_os_error(exc, "cannot save")) from None
        except BaseException:
            self.forget()
            raise
        self._data, self._stamp = data, stamp

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if self.lock is None:
            yield
        else:
            with holding(self.lock):
                yield

    def _unreadable(self, reason: str) -> Tables | None:
        """Move an unreadable file aside, restore the newest good backup and say so."""
        if not self.recover:
            raise CorruptFile(self.path, reason)
        with self._locked():
            with contextlib.suppress(CorruptFile):
                return self._load()  # another process repaired it while we waited for the lock
            aside = self.path.with_name(f"{self.path.name}.corrupt-{_utc_label()}")
            try:
                # Kept aside as a second name first; the backup then replaces the live file in
                # one rename, so a crash between the two leaves the damaged file or the restored
                # one in place, never no file (which would read as no highlights at all).
                keep_aside(self.path, aside)
            except FileNotFoundError:
                return None
            except OSError as exc:
                raise StorageError(
                    f"{self.path}: {reason}, and it cannot be moved aside ({exc.strerror}); "
                    "move it out of the way by hand"
                ) from None
            restored = self._restore_backup()
            if restored is None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.path)
                fsync_dir(self.path.parent)
        if restored is None:
            message = (
                f"{self.path} could not be read ({reason}); it was moved to {aside.name} and "
                "kept, and no good backup was found, so it starts empty"
            )
        else:
            when = datetime.fromtimestamp(restored.stat().st_mtime, UTC)
            newest = self.backups.newest_first()[:1] == [restored]
            message = (
                f"{self.path} could not be read ({reason}); it was moved to {aside.name} and "
                f"kept, and the backup saved {when:%Y-%m-%d %H:%M:%S} UTC was restored "
                + (
                    "(Margin's last save)"
                    if newest
                    else "(newer backups could not be read: later changes are not in it)"
                )
            )
        if self.on_recovery is not None:
            self.on_recovery(message)
        return self._data

    def _restore_backup(self) -> Path | None:
        for slot in self.backups.newest_first():
            try:
                raw = slot.read_bytes()
                data = self._decode(raw)
            except (OSError, StorageError):
                continue
            self._data, self._stamp = data, replace_file(self.path, raw, durable=True)
            return slot
        self.forget()
        return None


class StrTable(Table):
    """A TinyDB table keyed by string ids (annotation or article ids) rather than counters."""

    document_id_class = str  # type: ignore[assignment]

    def _get_next_id(self) -> int:
        raise ValueError("this table needs explicit ids: use put() or insert(Document(v, id))")

    # TinyDB annotates document ids as int; these typed helpers keep the ignores in one place.
    def put(self, doc_id: str, value: Mapping[str, Any]) -> None:
        """Insert a document under doc_id (ValueError if that id is taken)."""
        self.insert(Document(value, doc_id))  # type: ignore[arg-type]

    def put_many(self, documents: Mapping[str, Mapping[str, Any]]) -> None:
        """Insert several documents in one write (ValueError, and nothing written, if an id is
        taken)."""
        added = {doc_id: dict(value) for doc_id, value in documents.items()}

        def updater(table: dict[str, Any]) -> None:
            taken = [doc_id for doc_id in added if doc_id in table]
            if taken:
                raise ValueError(f"document ids taken: {', '.join(taken[:3])}")
            table.update(added)

        if added:
            self._update_table(updater)  # type: ignore[arg-type]

    def fetch(self, doc_id: str) -> dict[str, Any] | None:
        """The document with this id, or None."""
        found = self.get(doc_id=cast(Any, doc_id))
        return dict(found) if isinstance(found, dict) else None

    def change(self, doc_id: str, fields: Mapping[str, Any]) -> bool:
        """Set fields on the document with this id; whether it existed."""
        return bool(self.update(dict(fields), doc_ids=[doc_id]))  # type: ignore[list-item]

    def change_many(self, changes: Mapping[str, Mapping[str, Any]]) -> None:
        """`change` for several documents in one pass over the table (ids it does not hold are
        skipped): TinyDB copies the whole table for each update, so 10,000 of them one by one
        cost as many copies."""
        if not changes:
            return

        def updater(table: dict[str, Any]) -> None:
            for doc_id, fields in changes.items():
                if doc_id in table:
                    table[doc_id].update(fields)

        self._update_table(updater)  # type: ignore[arg-type]

    def set(self, doc_id: str, value: Mapping[str, Any]) -> None:
        """Insert or wholly replace the document with this id, in one write."""
        document = dict(value)

        def updater(table: dict[str, Any]) -> None:
            table[doc_id] = document

        self._update_table(updater)  # type: ignore[arg-type]

    def drop(self, doc_id: str) -> bool:
        """Remove the document with this id; whether it existed."""
        return bool(self.remove(doc_ids=[doc_id]))  # type: ignore[list-item]

    def raw(self) -> dict[str, dict[str, Any]]:
        """Every document by id, as stored (read-only use: these are the cached objects)."""
        return self._read_table()  # type: ignore[return-value]


class DurableDB(TinyDB):
    """A TinyDB whose tables are keyed by string ids."""

    table_class = StrTable

    @property
    def durable(self) -> DurableStorage:
        """The storage, with its batch() and stamp."""
        storage = self.storage
        assert isinstance(storage, DurableStorage)
        return storage


def open_db(path: str | os.PathLike[str], **options: Any) -> DurableDB:
    """A TinyDB on a DurableStorage at path (options go to the storage)."""
    storage = DurableStorage(path, **options)
    return DurableDB(storage=lambda: storage)
