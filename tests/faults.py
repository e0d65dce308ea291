"""An in-process SIGKILL at the Nth rename or fsync, for the kill matrix and the soak.

`killed_at(n)` counts every rename (`os.replace`, `os.rename`) and every `os.fsync` (of a file or
of a folder) the code under it makes. At the nth it raises `Killed` *before* the call runs, as
`strace -e inject=rename:signal=SIGKILL:when=n` kills at the syscall's entry, and from then on
the process is dead to the disk: every later write, rename, unlink, mkdir, fsync or open for
writing raises `Killed` too. So the `except BaseException:` clean-ups and `finally:` blocks a
real SIGKILL would never run cannot repair anything either; only closing files and releasing
locks (which the kernel does for a killed process) still work.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any


class Killed(BaseException):
    """The simulated SIGKILL (a BaseException: no `except Exception` of the code catches it)."""


COUNTED = ("replace", "rename", "fsync")
# What a dead process can no longer do (besides the counted calls).
BLOCKED = (
    "write",
    "pwrite",
    "writev",
    "unlink",
    "remove",
    "rmdir",
    "mkdir",
    "makedirs",
    "link",
    "symlink",
    "utime",
    "ftruncate",
    "truncate",
    "fdatasync",
    "chmod",
    "fchmod",
)
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


@dataclass
class Steps:
    """The renames and fsyncs counted so far, each as (call, path)."""

    kill_at: int | None
    seen: list[tuple[str, str]] = field(default_factory=list)
    dead: bool = False

    @property
    def count(self) -> int:
        return len(self.seen)


def _describe(name: str, args: tuple[Any, ...]) -> str:
    if name == "fsync":
        fd = args[0] if args else None
        fd = fd if isinstance(fd, int) else getattr(fd, "fileno", lambda: -1)()
        with contextlib.suppress(OSError):
            return os.readlink(f"/proc/self/fd/{fd}")
        return f"fd {fd}"
    return f"{args[0]} -> {args[1]}" if len(args) > 1 else str(args[0])


@contextlib.contextmanager
def killed_at(step: int | None) -> Iterator[Steps]:
    """Run the block with renames and fsyncs counted, 'killing' the process at the step-th one
    (None: count only). Raises Killed out of the block when the kill happened."""
    steps = Steps(step)
    real: dict[str, Callable[..., Any]] = {}

    def counted(name: str) -> Callable[..., Any]:
        call = real[name]

        def run(*args: Any, **kwargs: Any) -> Any:
            if steps.dead:
                raise Killed(f"{name} after the kill")
            steps.seen.append((name, _describe(name, args)))
            if steps.kill_at is not None and steps.count >= steps.kill_at:
                steps.dead = True
                raise Killed(f"killed at step {steps.count}: {name} {steps.seen[-1][1]}")
            return call(*args, **kwargs)

        return run

    def blocked(name: str) -> Callable[..., Any]:
        call = real[name]

        def run(*args: Any, **kwargs: Any) -> Any:
            if steps.dead:
                raise Killed(f"{name} after the kill")
            return call(*args, **kwargs)

        return run

    def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> Any:
        if steps.dead and flags & WRITE_FLAGS:
            raise Killed("open for writing after the kill")
        return real["open"](path, flags, *args, **kwargs)

    def io_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if steps.dead and any(c in mode for c in "wax+"):
            raise Killed("open for writing after the kill")
        return real["io_open"](file, mode, *args, **kwargs)

    for name in (*COUNTED, *BLOCKED, "open"):
        if hasattr(os, name):
            real[name] = getattr(os, name)
    real["io_open"] = io.open
    try:
        for name in COUNTED:
            setattr(os, name, counted(name))
        for name in BLOCKED:
            if name in real:
                setattr(os, name, blocked(name))
        os.open = os_open  # type: ignore[assignment]
        io.open = io_open  # type: ignore[assignment]
        builtins.open = io_open  # type: ignore[assignment]
        yield steps
    finally:
        for name, call in real.items():
            if name == "io_open":
                io.open = call  # type: ignore[assignment]
                builtins.open = call  # type: ignore[assignment]
            else:
                setattr(os, name, call)
