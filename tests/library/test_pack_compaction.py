"""Compacting the folder imports' backup packs (`Library.compact_backups`, `margin doctor
--compact-backups`): many packs become one, only copies that are neither among an article's last
two saves nor younger than the cut-off go, a dry run changes nothing, a damaged pack is left as
it is, and an interruption at any step loses no article's backups. (The command's output:
tests/cli/test_doctor_cli.py.)"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from annotations.workspace import Workspace
from library import packs
from tests.faults import Killed, killed_at
from tests.library.test_packs import _articles, _folder, _import_folder


def _packs(root: Path) -> list[Path]:
    return sorted((root / "articles" / ".backups").glob(f"*{packs.SUFFIX}"))


def _backups(root: Path) -> dict[str, list[bytes]]:
    """Each article file's backups, newest first, as bytes: what a restore can use."""
    library = Workspace(root).library
    return {p.name: [c.read_bytes() for c in library.article_copies(p)] for p in _articles(root)}


def _library(tmp_path: Path) -> tuple[Path, str]:
    """A library of two folder imports (two packs) whose first article was edited twice since:
    its pack copy is its third save back, superseded. Returns the root and that article's file."""
    tmp_path.mkdir(exist_ok=True)
    root = tmp_path / "lib"
    ws = Workspace(root)
    _import_folder(ws, _folder(tmp_path, 3))
    _import_folder(ws, _folder(tmp_path, 5))  # two new notes: a second pack
    first = min(ws.library.catalog(), key=lambda m: m.title)
    ws.articles.edit(first.id, title="Edited once")
    ws.articles.edit(first.id, title="Edited twice")
    assert len(_packs(root)) == 2
    return root, ws.library.path_of(first.id).name


def test_packs_become_one_and_only_old_superseded_copies_go(tmp_path: Path) -> None:
    root, edited = _library(tmp_path)
    before = _backups(root)
    doctor = Workspace(root).doctor

    looked = doctor.compact_backups(0, dry_run=True)  # lists what would go, changes nothing
    assert [file for file, _ in looked.dropped] == [edited]
    assert len(looked.kept) == 4 and len(_packs(root)) == 2

    young = doctor.compact_backups(30)  # every copy is younger: the packs merge, none goes
    assert young.dropped == [] and len(young.kept) == 5
    assert _packs(root) == [young.written]
    assert _backups(root) == before

    old = doctor.compact_backups(0)  # the superseded copy goes; every article's last two stay
    assert [file for file, _ in old.dropped] == [edited]
    assert _packs(root) == [old.written]
    # Each kept copy once, in the order the packs held them (a folder import stores articles as
    # its workers finish them, so that order is not the files' own).
    kept = sorted(name for name, _ in packs.read_pack(_packs(root)[0]))
    assert kept == sorted(set(before) - {edited})
    assert _backups(root) == before
    assert doctor.compact_backups(0).packs == []  # compact already: nothing to do

    # A batch-imported article damaged afterwards is still restored from the compacted pack.
    path = _articles(root)[-1]
    saved = path.read_bytes()
    path.write_bytes(saved[:40])
    Workspace(root).doctor.fix()
    assert path.read_bytes() == saved


def test_a_damaged_pack_is_left_as_it_is(tmp_path: Path) -> None:
    root, _ = _library(tmp_path)
    first, second = _packs(root)
    data = bytearray(first.read_bytes())
    data[data.index(b'"file"') + 2] ^= 0xFF  # bit rot in a header
    first.write_bytes(bytes(data))
    done = Workspace(root).doctor.compact_backups(0)
    assert done.left == [first] and done.packs == []  # one sound pack, nothing of it to drop
    assert first.read_bytes() == bytes(data) and second.exists()


def test_a_pack_with_a_damaged_header_run_into_the_next_is_left_as_it_is(tmp_path: Path) -> None:
    # Bit rot that ate a header's newline: its start runs into the next record's header, one
    # line that begins as a header does and ends where that record's copy begins.
    root, _ = _library(tmp_path)
    first, second = _packs(root)
    data = first.read_bytes()
    at = data.index(packs.MAGIC, 1)  # the second record's header
    damaged = data[:at] + packs.MAGIC + b"{rotted" + data[at:]
    first.write_bytes(damaged)
    done = Workspace(root).doctor.compact_backups(0)
    assert done.left == [first] and done.packs == []
    assert first.read_bytes() == damaged and second.exists()


def test_an_interrupted_compaction_loses_no_backup(tmp_path: Path) -> None:
    # Killed at each rename and fsync of the compaction: every article keeps its backups (a
    # copy in the new pack and an old one counts once), and the compaction run again finishes.
    template, edited = _library(tmp_path / "template")
    before = _backups(template)
    count = tmp_path / "count"
    shutil.copytree(template, count)
    with killed_at(None) as steps:
        Workspace(count).doctor.compact_backups(0)
    assert steps.count >= 3  # the new pack's fsync and rename, the folder's fsync
    for step in range(1, steps.count + 1):
        root = tmp_path / f"step-{step}"
        shutil.copytree(template, root)
        with pytest.raises(Killed), killed_at(step):
            Workspace(root).doctor.compact_backups(0)
        assert _backups(root) == before, step
        done = Workspace(root).doctor.compact_backups(0)
        assert _backups(root) == before, step
        assert len(_packs(root)) == 1 and edited not in {f for f, _ in done.kept}, step
        for temp in (root / "articles" / ".backups").glob(".*.tmp"):  # a kill before the rename
            os.utime(temp, (time.time() - 3600,) * 2)  # left it; the doctor sweeps it once old
        Workspace(root).doctor.fix()
        assert [p.name for p in (root / "articles" / ".backups").glob(".*.tmp")] == [], step


def test_a_span_of_days_past_any_number_keeps_every_copy_and_nan_is_refused(
    tmp_path: Path,
) -> None:
    # `--older-than` takes any float click reads: "inf" or 1e300 days keep every copy (no
    # copy is that old), "nan" is no number of days: one line, nothing changed.
    from library.errors import LibraryError

    root, _ = _library(tmp_path)
    doctor = Workspace(root).doctor
    for days in (float("inf"), 1e300):
        assert doctor.compact_backups(days, dry_run=True).dropped == []
    with pytest.raises(LibraryError, match="give 0 or more"):
        doctor.compact_backups(float("nan"))
    assert len(_packs(root)) == 2
