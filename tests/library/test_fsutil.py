"""atomic_write leaves files with the permissions a plain write would."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from library.fsutil import atomic_write


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore the process umask after a test sets it."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077, 0o002])
def test_a_new_file_follows_the_umask(tmp_path: Path, umask: None, mask: int) -> None:
    os.umask(mask)
    path = tmp_path / "new.md"
    atomic_write(path, "hello")
    assert mode(path) == 0o666 & ~mask
    assert path.read_text() == "hello"


@pytest.mark.parametrize("kept", [0o644, 0o640, 0o600, 0o664, 0o755, 0o444])
def test_replacing_a_file_keeps_its_mode(tmp_path: Path, umask: None, kept: int) -> None:
    os.umask(0o077)  # the umask would say otherwise: the file's own mode wins
    path = tmp_path / "old.md"
    path.write_text("old")
    path.chmod(kept)
    result = atomic_write(path, b"new")
    assert mode(path) == kept
    assert stat.S_IMODE(result.st_mode) == kept
    assert path.read_bytes() == b"new"


def test_file_lock_excludes_another_holder_and_is_reentrant(tmp_path: Path) -> None:
    import filelock

    from library.errors import LockHeld
    from library.fsutil import FileLock

    path = str(tmp_path / "x.lock")
    lock = FileLock(path, timeout=0.05)
    assert not lock.is_locked
    # Another holder (a second descriptor, as another process would have): one line, no
    # filelock.Timeout.
    with filelock.FileLock(path), pytest.raises(LockHeld) as info:
        lock.acquire()
    assert str(info.value) == f"{path} is locked by another Margin process; try again"
    with lock, lock:
        assert lock.is_locked
    assert not lock.is_locked


def test_the_collector_runs_again_after_two_threads_pause_it_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Thread B asks whether the collector runs while A holds it paused, then A ends its pause
    # before B pauses it: B once found it paused, paused it again after A restored it, and so
    # left it off for good (seen as 3 in 20 runs of three threads pausing 5,000 times each).
    import library.fsutil as fsutil

    class Collector:
        enabled = True

        def isenabled(self) -> bool:
            found = self.enabled
            if threading.current_thread().name == "B":
                b_moved.set()
                a_out.wait(5)
            return found

        def disable(self) -> None:
            self.enabled = False

        def enable(self) -> None:
            self.enabled = True

    collector = Collector()
    monkeypatch.setattr(fsutil, "gc", collector)
    b_moved, a_out = threading.Event(), threading.Event()

    def pause_b() -> None:
        with fsutil.collector_paused():
            b_moved.set()
            a_out.wait(5)

    thread = threading.Thread(target=pause_b, name="B")
    with fsutil.collector_paused():
        thread.start()
        assert b_moved.wait(5)
    a_out.set()
    thread.join(5)
    assert collector.enabled
