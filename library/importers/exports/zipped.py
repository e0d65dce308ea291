"""Reading members of an export's zip archive (or of the folder it was unpacked to) within limits,
so a zip bomb costs nothing."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import IO

MAX_MEMBERS = 200_000
ZIP_MAGIC = b"PK\x03\x04"


class ZipRefused(ValueError):
    """The archive is damaged or would expand past the limit; the message says which."""


def members(
    data: bytes, max_total: int, max_member: int | None = None
) -> tuple[dict[str, bytes], list[str]]:
    """Every file of the archive by name, and the names of those not kept: a file that alone
    would expand past max_member bytes, or past what is left of max_total (`_within`).
    ZipRefused when the archive cannot be read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ZipRefused(f"not a readable zip archive ({exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise ZipRefused(f"the archive holds {len(infos):,} files, over {MAX_MEMBERS:,}")
    files = (
        (info.filename, info.file_size, partial(archive.open, info))
        for info in infos
        if not info.is_dir()
    )
    return _within(files, max_total, max_member, " from the archive")


def _within(
    files: Iterable[tuple[str, int, Callable[[], IO[bytes]]]],
    max_total: int,
    max_member: int | None,
    where: str = "",
) -> tuple[dict[str, bytes], list[str]]:
    """Of files, (name, the size it declares, how to open it), the bytes of each kept by name,
    and the names of those not kept: one that alone would expand past max_member bytes, or past
    what is left of max_total. A declared size past that is refused unread; the rest are read
    at most one byte past it, and counted as read, whatever they declared (a zip's header, a
    file that grew since it was listed); what was read of a file not kept counts too, so a zip
    bomb costs at most max_total of work. ZipRefused when one cannot be read (where: the words
    after its name)."""
    limit = _member_limit(max_total, max_member)
    out: dict[str, bytes] = {}
    refused: list[str] = []
    total = 0
    for name, declared, opened in files:
        room = min(limit, max_total - total)
        if declared > room:
            refused.append(name)
            continue
        try:
            with opened() as member:
                body = member.read(room + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            reason = (exc.strerror if isinstance(exc, OSError) else None) or exc
            raise ZipRefused(f"cannot read {name}{where} ({reason})") from None
        total += len(body)
        if len(body) > room:
            refused.append(name)
            continue
        out[name] = body
    return out, refused


def _member_limit(max_total: int, max_member: int | None) -> int:
    """The most one file of the archive may expand to (`members`)."""
    return max_total if max_member is None else min(max_member, max_total)


def too_large(member: str, max_total: int, max_member: int | None = None) -> str:
    """Why a file of the archive was not kept by `members` with these limits."""
    limit = _member_limit(max_total, max_member)
    return (
        f"{member} expands past {limit / 1e6:g} MB (a zip bomb, or a file larger than "
        "[import] max_size_mb allows)"
    )


def _open(path: Path) -> IO[bytes]:
    return path.open("rb")


def names(data: bytes) -> list[str]:
    """The names in the archive (empty when it cannot be read)."""
    try:
        return zipfile.ZipFile(io.BytesIO(data)).namelist()[:MAX_MEMBERS]
    except (zipfile.BadZipFile, OSError, ValueError):
        return []


def folder_members(
    folder: Path,
    max_total: int,
    max_member: int | None = None,
    outside: list[tuple[Path, str]] | None = None,
) -> tuple[dict[str, bytes], list[str]]:
    """The files under folder (an archive unpacked) as `members` gives an archive's: by name
    relative to it, within the same limits, and the names of those not kept. Hidden files and
    links that lead outside the folder are not read (the links added to outside, with why)."""
    from library.store import iter_folder

    def files() -> Iterator[tuple[str, int, Callable[[], IO[bytes]]]]:
        for path in iter_folder(folder, skipped=outside):
            try:
                declared = path.stat().st_size  # a first look: what it holds is read to know
            except OSError:
                declared = 0  # reading it says why it cannot be read
            yield path.relative_to(folder).as_posix(), declared, partial(_open, path)

    return _within(files(), max_total, max_member)
