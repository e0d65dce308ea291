"""Every cross-process lock of a library: its file, what it guards, and the one order.

A use case that needs several takes them in `ORDER` (an import re-anchors highlights under the
catalog's lock, so the catalog's comes before the store's; the doctor takes all of them), so two
processes never wait on each other. Every store takes its lock from here (`lock(root, SPEC)`),
and `tests/annotations/test_lock_order.py` checks that nothing else names a lock file.

The one temp-file sweeper is here too: a temp file is removed only when it is older than
`SWEEP_AGE` (a younger one may be a write in progress) and the lock guarding its target can be
taken at once (no live writer holds it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from library.errors import LibraryError
from library.fsutil import FileLock, temp_files

SWEEP_AGE = 300.0  # seconds: a temp file younger than this may be a write in progress


@dataclass(frozen=True, slots=True)
class LockSpec:
    """One lock: its file (in folder, relative to the library) and the files whose writes
    take it."""

    name: str
    folder: str  # the owner's folder, relative to the library ("" for the library itself)
    filename: str  # the lock file, in that folder
    guards: tuple[str, ...]  # relative paths (a folder guards everything under it)
    what: str

    @property
    def file(self) -> str:
        """The lock file, relative to the library."""
        return f"{self.folder}/{self.filename}" if self.folder else self.filename


CATALOG = LockSpec(
    "catalog",
    ".index",
    "catalog.json.lock",
    ("articles", "trash", ".index/catalog.json", ".index/parsed", ".seeded"),
    "the catalog and the article files: import, edit, remove, restore, backups compacted",
)
SEARCH = LockSpec(
    "search",
    ".index",
    "search.lock",
    (".index/search",),
    "the search index: its pointer and databases",
)
STORE = LockSpec(
    "store",
    "annotations",
    ".lock",
    ("annotations",),
    "the highlights files, their backups and indexes",
)
STATE = LockSpec(
    "state",
    "",
    "state.json.lock",
    ("state.json", ".backups/state."),
    "the reading state",
)
BRIEFS = LockSpec(
    "briefs",
    "",
    "briefs.json.lock",
    ("briefs.json", ".backups/briefs."),
    "the brief board's saved orders",
)
QUOTATIONS = LockSpec(
    "quotations",
    ".index",
    "quotations.json.lock",
    (".index/quotations.json",),
    "the quotation cache: merging a run's new entries with another's",
)
ORDER: tuple[LockSpec, ...] = (CATALOG, SEARCH, STORE, STATE, BRIEFS, QUOTATIONS)


def path_of(root: Path, spec: LockSpec) -> Path:
    """The lock file of spec in the library at root."""
    return Path(root) / spec.file


def lock(root: Path, spec: LockSpec, timeout: float = 10.0) -> FileLock:
    """A (reentrant, lazily made) inter-process lock for spec in the library at root."""
    return FileLock(str(path_of(root, spec)), timeout=timeout)


def lock_in(folder: Path, spec: LockSpec, timeout: float = 10.0) -> FileLock:
    """spec's lock for an owner that knows only its own folder (the store its annotations/,
    the search index its .index/, a document its library)."""
    return FileLock(str(Path(folder) / spec.filename), timeout=timeout)


def guard_of(root: Path, path: Path) -> LockSpec | None:
    """The lock whose holder writes path (a temp file's target, or the file itself), if any."""
    try:
        relative = Path(path).relative_to(root).as_posix()
    except ValueError:
        return None
    best: tuple[int, LockSpec] | None = None
    for spec in ORDER:
        for guarded in spec.guards:
            hit = (
                relative == guarded
                or relative.startswith(guarded.rstrip("/") + "/")
                or (guarded.endswith(".") and relative.startswith(guarded))
                or _temp_of(relative, guarded)
            )
            if hit and (best is None or len(guarded) > best[0]):
                best = (len(guarded), spec)
    return best[1] if best else None


def _temp_of(relative: str, guarded: str) -> bool:
    """Whether relative is a temp file atomic_write makes for guarded (`dir/.name.xyz.tmp`)."""
    folder, _, name = guarded.rpartition("/")
    prefix = f"{folder}/.{name}" if folder else f".{name}"
    return relative.startswith(prefix) and relative.endswith(".tmp")


def sweep_temp(
    root: Path,
    folder: Path | None = None,
    *,
    older_than: float = SWEEP_AGE,
    recursive: bool = True,
    prefix: str = ".",
) -> list[Path]:
    """Delete temp files interrupted writes left under folder (default: the whole library at
    root); the paths removed. Only Margin's temp names, only those older than older_than
    seconds, and only while the lock guarding each can be taken at once: a live writer's temp
    file is never removed. What cannot be removed is left alone."""
    removed: list[Path] = []
    for path in temp_files(folder or root, older_than, recursive=recursive, prefix=prefix):
        spec = guard_of(root, path)
        try:
            if spec is None:
                os.unlink(path)
            else:
                with lock(root, spec, timeout=0):
                    os.unlink(path)
        except (OSError, LibraryError):
            continue
        removed.append(path)
    return removed


def stale_temp_files(root: Path, older_than: float = SWEEP_AGE) -> list[Path]:
    """The temp files `sweep_temp` would consider (looking only)."""
    return temp_files(root, older_than)
