"""Reading members of an export's zip archive within limits, so a zip bomb costs nothing."""

from __future__ import annotations

import io
import zipfile

MAX_MEMBERS = 200_000
ZIP_MAGIC = b"PK\x03\x04"


class ZipRefused(ValueError):
    """The archive is damaged or would expand past the limit; the message says which."""


def members(data: bytes, max_total: int) -> dict[str, bytes]:
    """Every file of the archive by name, refusing archives that expand past max_total bytes
    (counted as they are read, not as the archive declares)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ZipRefused(f"not a readable zip archive ({exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise ZipRefused(f"the archive holds {len(infos):,} files, over {MAX_MEMBERS:,}")
    out: dict[str, bytes] = {}
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        if total + info.file_size > max_total:
            raise ZipRefused(_too_large(max_total))
        try:
            with archive.open(info) as member:
                body = member.read(max_total - total + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise ZipRefused(f"cannot read {info.filename} from the archive ({exc})") from None
        total += len(body)
        if total > max_total:
            raise ZipRefused(_too_large(max_total))
        out[info.filename] = body
    return out


def names(data: bytes) -> list[str]:
    """The names in the archive (empty when it cannot be read)."""
    try:
        return zipfile.ZipFile(io.BytesIO(data)).namelist()[:MAX_MEMBERS]
    except (zipfile.BadZipFile, OSError, ValueError):
        return []


def _too_large(limit: int) -> str:
    return (
        f"the archive expands past {limit / 1e6:g} MB (a zip bomb, or an export larger than "
        "[import] max_size_mb)"
    )
