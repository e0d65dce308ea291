"""Durable file writes: temp file in the same folder, fsync, rename, fsync the folder."""

from __future__ import annotations

import contextlib
import gc
import os
import re
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from library.errors import LockHeld, WriteFailed

if TYPE_CHECKING:
    from filelock import BaseFileLock

_UMASK_LOCK = threading.Lock()
# `collector_paused`: how many pauses are open, and whether the collector ran before the first.
_PAUSE_LOCK = threading.Lock()
_PAUSES = 0
_PAUSED_ENABLED = False

# (inode, size, mtime ns, ctime ns): ctime too, which no program can set, so an edit that keeps
# the size and puts the mtime back (`touch -r`, `rsync -t`, `cp -p`) is still a new version.
Stamp = tuple[int, int, int, int]


def file_stamp(st: os.stat_result) -> Stamp:
    """What tells one version of a file from another, for every cache keyed by file versions.

    The stamp of a file Margin wrote is `atomic_write`'s result, taken after its rename.
    """
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def stamp_text(st: os.stat_result) -> str:
    """`file_stamp` as text, `inode:size:mtime:ctime`: the form caches store as a value."""
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def fsync_dir(folder: Path) -> None:
    """Make a rename inside folder durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on directories; the rename itself still happened
    finally:
        os.close(fd)


def move_durably(source: Path, target: Path) -> None:
    """Rename source to target, then fsync the folders of both, so the move survives a crash."""
    os.replace(source, target)
    fsync_dir(Path(target).parent)
    if Path(source).parent != Path(target).parent:
        fsync_dir(Path(source).parent)


def link_into(source: Path, target: Path, *, durable: bool = False) -> bool:
    """Make target a second copy of source as it is now: a hard link made under a temp name
    and renamed over target (a copy where hard links are refused). False when source is
    missing. For backups of a version about to be replaced; durable=True also fsyncs the
    folder (a backup's loss costs only the copy, so by default it does not)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}{TEMP_SUFFIX}")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    try:
        os.link(source, tmp)
    except FileNotFoundError:
        return False
    except OSError:  # no hard links here (some network and FUSE filesystems): copy
        shutil.copy2(source, tmp)
    os.replace(tmp, target)
    if durable:
        fsync_dir(target.parent)
    return True


def keep_aside(path: Path, aside: Path) -> None:
    """Give path's file a second name, aside, durably (a copy where hard links are refused; a
    folder in the file's place is moved). The live file is then replaced in one rename, so a
    crash between the two leaves the damaged file or its replacement in place, never none."""
    if path.is_dir() and not path.is_symlink():
        move_durably(path, aside)
        return
    try:
        os.link(path, aside)
    except FileNotFoundError:
        raise
    except OSError:
        atomic_write(aside, path.read_bytes())
        return
    fsync_dir(path.parent)


def atomic_write(
    path: Path,
    data: bytes | str | Iterable[bytes],
    *,
    durable: bool = True,
    sync_folder: bool = True,
    before_replace: Callable[[Path], None] | None = None,
) -> os.stat_result:
    """Replace path with data so that readers see the old or the new file, never a mix.

    The temp file lives beside the target so the rename never crosses filesystems. Its mtime is
    set from the nanosecond clock, so a file's (inode, size, mtime, ctime) stamp changes on every
    write even where the filesystem's timestamps are coarse. Returns the new file's stat, taken
    after the rename (which changes ctime on some filesystems). A full,
    read-only or forbidden disk raises WriteFailed (an OSError and a LibraryError) naming the
    file, the cause and what to do; the old file is left as it was. data may come in chunks (a
    big export is written as it is rendered, never held whole). sync_folder=False leaves the
    folder's fsync (which makes the rename durable) to the caller, who writes several files into
    it and syncs it once (`Library.batch`). before_replace, if given, is called with the temp file,
    written and synced, just before it replaces path (a write-ahead backup of data that came in
    chunks is copied from it).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        return _atomic_write(path, payload, durable, sync_folder, before_replace)
    except WriteFailed:
        raise
    except OSError as exc:
        if exc.filename is None or str(exc.filename).endswith(".tmp"):
            exc.filename = str(path)  # the file the user knows, not its temp file
        raise WriteFailed(exc) from exc


def _write_payload(fd: int, payload: bytes) -> None:
    """Write all of payload to fd (the one place a test injects a full or read-only disk)."""
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def _atomic_write(
    path: Path,
    payload: bytes | Iterable[bytes],
    durable: bool,
    sync_folder: bool,
    before_replace: Callable[[Path], None] | None = None,
) -> os.stat_result:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        try:
            if hasattr(os, "fchmod"):  # mkstemp makes 0600; keep the file readable as before
                os.fchmod(fd, mode)
            for chunk in [payload] if isinstance(payload, bytes) else payload:
                _write_payload(fd, chunk)
            now = time.time_ns()
            os.utime(fd if os.utime in os.supports_fd else tmp, ns=(now, now))
            if durable:
                os.fsync(fd)
            if before_replace is not None:
                before_replace(Path(tmp))
            written = os.fstat(fd)
            os.replace(tmp, path)
            # After the rename, which sets ctime on some filesystems (ext4, tmpfs): the stamp
            # of this write, not of the temp file, or the next read would take it for another's.
            # Unless the file changed between the rename and now (another program's edit in
            # place moves its mtime or size): then the stamp before, which matches no version.
            result = os.fstat(fd)
            if (result.st_size, result.st_mtime_ns) != (written.st_size, written.st_mtime_ns):
                result = written
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable and sync_folder:
        fsync_dir(path.parent)
    return result


def open_appending(path: Path) -> int:
    """A new file at path (never an existing one: FileExistsError), open for appending: for a
    file written only by adding whole records at its end (`library.packs`), never rewritten in
    place. Its permission bits are the umask's, as `atomic_write` gives a new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
    return os.open(path, flags, 0o666 & ~_umask())


def append_record(fd: int, record: bytes) -> None:
    """Add record at the end of a file from `open_appending`; a full or refusing disk raises
    WriteFailed (the record may then be cut short: the caller starts a new file)."""
    try:
        _write_payload(fd, record)
    except OSError as exc:
        raise WriteFailed(exc) from exc


# Syncthing: `name.sync-conflict-20240131-142501-ABCDEF7.json` (date, time, device id).
_SYNCTHING = re.compile(
    r"^(?P<stem>.+)\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+(?P<ext>\.[^.]*)?$", re.DOTALL
)
# Dropbox: `name (Ann's conflicted copy 2024-01-31).json`, `name (conflicted copy 2024-01-31 1).md`.
_DROPBOX = re.compile(
    r"^(?P<stem>.+?) \([^()]*conflicted copy[^()]*\)(?P<ext>\.[^.]*)?$", re.DOTALL
)


def conflict_of(name: str) -> tuple[str, str] | None:
    """For a sync tool's conflict copy, the name of the file it copies and the tool; else None.

    Folder scans skip these (a copy of an article or highlights file is not a second one);
    `margin doctor` reports them and merges the highlights ones.
    """
    if "conflict" not in name:  # scans call this for every file: the cheap test first
        return None
    for pattern, tool in ((_SYNCTHING, "Syncthing"), (_DROPBOX, "Dropbox")):
        match = pattern.fullmatch(name)
        if match:
            return match["stem"] + (match["ext"] or ""), tool
    return None


TEMP_SUFFIX = ".tmp"


def temp_files(
    root: Path, older_than: float | None = None, *, recursive: bool = True, prefix: str = "."
) -> list[Path]:
    """The temp files interrupted writes left under root (nothing is removed).

    Only names Margin's writes make (hidden, ending in `.tmp`, starting with prefix), and with
    older_than only those older than that many seconds. Links are not followed.
    """
    cutoff = None if older_than is None else time.time() - older_than
    found: list[Path] = []
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if recursive:
                        folders.append(Path(entry.path))
                    continue
                if not (entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX)):
                    continue
                if cutoff is not None and entry.stat(follow_symlinks=False).st_mtime >= cutoff:
                    continue
            except OSError:
                continue
            found.append(Path(entry.path))
    return found


def sweep_temp(
    root: Path, older_than: float | None = 60.0, *, recursive: bool = True, prefix: str = "."
) -> list[Path]:
    """Delete the temp files interrupted writes left under root; the paths removed.

    Only names Margin's writes make (see `temp_files`) and only those older than older_than
    seconds: a younger one may be another process's write in progress (None: every age, for a
    caller holding the write locks). What cannot be removed is left alone.
    """
    removed: list[Path] = []
    for path in temp_files(root, older_than, recursive=recursive, prefix=prefix):
        try:
            os.unlink(path)
        except OSError:
            continue
        removed.append(path)
    return removed


def _mode_for(path: Path) -> int:
    """The permission bits a write to path should leave: the file's own, else the umask's."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask: from /proc where it can be read, else by setting and restoring it.

    Read with one os.read, not a text file's lines: every new file Margin writes asks (two an
    imported article), and the file object's set-up cost as much as the kernel's answer.
    """
    with contextlib.suppress(OSError, ValueError):
        fd = os.open("/proc/self/status", os.O_RDONLY | os.O_CLOEXEC)
        try:
            status = os.read(fd, 1 << 16)
        finally:
            os.close(fd)
        at = status.find(b"\nUmask:")
        if at >= 0:
            end = status.find(b"\n", at + 1)
            return int(status[at + 7 : end if end >= 0 else len(status)], 8)
    with _UMASK_LOCK:
        current = os.umask(0o022)
        os.umask(current)
    return current


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that stay alive.

    Loading ten thousand catalog rows otherwise runs several full collections over every object
    the process holds, which doubles the load time; nothing built here forms cycles.
    """
    global _PAUSES, _PAUSED_ENABLED
    # Counted under a lock: threads pause it at once (a worker's quotations, another's catalog),
    # and the last one out restores what the first one in found, never a state read mid-way.
    with _PAUSE_LOCK:
        if not _PAUSES:
            _PAUSED_ENABLED = gc.isenabled()
            gc.disable()
        _PAUSES += 1
    try:
        yield
    finally:
        with _PAUSE_LOCK:
            _PAUSES -= 1
            if not _PAUSES and _PAUSED_ENABLED:
                gc.enable()


class FileLock:
    """An inter-process lock on a lock file, made with `filelock` the first time it is taken.

    Reading state and highlights never takes it (writes are atomic renames; only writers and
    repairs lock), and importing `filelock` costs ~9 ms that the first screen need not pay.
    Reentrant like `filelock.FileLock`, which does the work.
    """

    def __init__(self, lock_file: str, timeout: float = 10.0) -> None:
        self.lock_file = lock_file
        self.timeout = timeout
        self._real: BaseFileLock | None = None
        self._making = threading.Lock()

    def _lock(self) -> BaseFileLock:
        with self._making:
            if self._real is None:
                import filelock

                self._real = filelock.FileLock(self.lock_file, timeout=self.timeout)
            return self._real

    @property
    def is_locked(self) -> bool:
        return self._real is not None and self._real.is_locked

    def acquire(self, timeout: float | None = None) -> None:
        """Take the lock; LockHeld (one line, naming the lock file) when another process holds
        it for too long, and WriteFailed (naming the lock file and the cause) on a read-only or
        forbidden disk."""
        real = self._lock()
        from filelock import Timeout  # imported by _lock already

        try:
            real.acquire(timeout=timeout)
        except Timeout:
            raise LockHeld(self.lock_file) from None
        except WriteFailed:
            raise
        except OSError as exc:
            if getattr(exc, "filename", None) is None:
                exc.filename = self.lock_file
            raise WriteFailed(exc, "cannot take the lock") from exc

    def release(self) -> None:
        self._lock().release()

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def lock_for(path: Path, timeout: float = 10.0) -> FileLock:
    """An inter-process lock guarding path (the lock file sits beside it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(exc) from exc
    return FileLock(str(path) + ".lock", timeout=timeout)


@contextlib.contextmanager
def locked(path: Path, timeout: float = 10.0) -> Iterator[None]:
    """Hold the inter-process lock for path for the duration of the block."""
    with lock_for(path, timeout):
        yield
