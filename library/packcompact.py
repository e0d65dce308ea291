"""Compacting a library's backup packs (`articles/.backups/*.pack`), which are otherwise only
ever added to: every sound pack becomes one, without the copies that are neither among their
article's last saves (`Library.article_copies`, the copies a restore can use) nor younger
than a cut-off. The user runs it (`margin doctor --compact-backups`), after a dry run that
lists what would go if they like.

The new pack is written in full to a temp file and renamed into place before any old pack is
removed: an interruption leaves the old packs (and a temp file the doctor sweeps), or the new
pack beside some of them, whose twin copies count once. A pack with bytes that no record holds
(damage, a record cut short) is left as it is: its copies stay readable where they are, and
what cannot be read is not thrown away.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from library.fsutil import atomic_write, fsync_dir
from library.packs import SUFFIX, Copy, pack_name, pack_record, scan_pack

Record = tuple[str, Copy]  # (article file name, its copy in a pack)


@dataclass(slots=True)
class Compaction:
    """What compacting the packs does, or did: the packs that become one, the copies kept in
    it and those that go."""

    packs: list[Path] = field(default_factory=list)  # replaced by one (none: nothing to do)
    kept: list[Record] = field(default_factory=list)
    dropped: list[Record] = field(default_factory=list)
    left: list[Path] = field(default_factory=list)  # damaged: left as they are
    damage: dict[Path, str] = field(default_factory=dict)  # each left pack's damage, one line
    written: Path | None = None  # the new pack, once written

    @property
    def freed(self) -> int:
        """About how many bytes the copies that go take."""
        return sum(copy.size for _, copy in self.dropped)


def plan(
    folder: Path, latest: Callable[[str], Collection[tuple[Path, int]]], before_ns: int
) -> Compaction:
    """What compacting the packs in folder would do, looking only.

    latest(file): where (pack, offset) the copies of that article file that must stay are; a
    copy saved at or after before_ns stays too.
    """
    found = Compaction()
    try:
        names = sorted(p for p in folder.iterdir() if p.name.endswith(SUFFIX))
    except OSError:
        return found
    for pack in names:
        records, damage = scan_pack(pack)
        if damage is not None:
            found.left.append(pack)
            found.damage[pack] = damage
            continue
        found.packs.append(pack)
        for file, copy in records:
            stays = copy.saved_ns >= before_ns or (pack, copy.offset) in latest(file)
            (found.kept if stays else found.dropped).append((file, copy))
    if len(found.packs) < 2 and not found.dropped:
        found.packs, found.kept = [], []  # one pack, nothing to drop: it is compact already
    return found


def apply(found: Compaction, folder: Path) -> Compaction:
    """Write the kept copies to one new pack, then remove the packs it replaces."""
    if not found.packs:
        return found
    if found.kept:
        name, token = pack_name()
        found.written = folder / name
        atomic_write(found.written, _records(found.kept, token))
    for pack in found.packs:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(pack)
    fsync_dir(folder)
    return found


def _records(kept: list[Record], token: str) -> Iterator[bytes]:
    """The kept copies as records of the pack with that token, in their order (a later record
    of an article is its later save). A copy failing its checksum keeps it, and stays damaged."""
    for file, copy in kept:
        yield pack_record(file, copy.saved_ns, copy.raw_bytes(), copy.sha256, token)
