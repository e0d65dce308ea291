"""Writing an export: atomically to a file, or to standard output."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from annotations.export.base import ExportError, ExportExists
from library.display import for_display
from library.fsutil import atomic_write
from library.locks import sweep_temp
from library.text import strip_controls


def for_terminal(data: bytes) -> bytes:
    """A text export as a terminal should show it (see write_export)."""
    text = data.decode("utf-8", errors="replace")
    return for_display(strip_controls(text)).encode("utf-8")


def write_export(
    data: bytes | Iterable[bytes],
    destination: str | Path,
    *,
    overwrite: bool = False,
    terminal: bool = False,
) -> str:
    """Write data (bytes, or chunks as they are rendered; each whole UTF-8) atomically to
    destination ("-" is stdout); returns where it went.

    The folder must exist: a typo in -o should not create directories. An existing file is
    replaced only with overwrite (else ExportExists); on any failure the old file, if any, is
    untouched and no temporary file is left. With terminal (stdout is a terminal), text goes
    out as the other commands show it there: control characters removed, bidi controls and
    invisible characters named (`⟨U+202E⟩`); a file or a pipe gets the bytes unchanged.
    """
    if str(destination) == "-":
        for chunk in [data] if isinstance(data, bytes) else data:
            sys.stdout.buffer.write(for_terminal(chunk) if terminal else chunk)
        sys.stdout.buffer.flush()
        return "standard output"
    path = Path(destination).expanduser()
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name, e.g. {path / 'summary.md'}")
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: folder {path.parent} does not exist")
    if not overwrite and (path.exists() or path.is_symlink()):
        raise ExportExists(path)
    # Temp files an interrupted export to this same file left beside it (older than a write).
    sweep_temp(path.parent, recursive=False, prefix=f".{path.name}.")
    try:
        atomic_write(path, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(f"cannot write {path}: {reason}; nothing was written") from exc
    return str(path)
