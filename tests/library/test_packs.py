"""A folder import keeps the write-ahead copies of its batch's articles in one pack file
(`library.packs`), not one backup file an article; they serve as the slot files did: a truncated
or overwritten article is told from a hand edit and restored, the last two saves count, a copy
cut short or damaged is skipped, and a kill at any step of the batch leaves every article file
in place with its copy."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import orjson
import pytest

from annotations.workspace import Workspace
from library import packs
from tests.faults import Killed, killed_at

COUNT = 3


def _folder(root: Path, count: int = COUNT) -> Path:
    folder = root / "notes"
    folder.mkdir(exist_ok=True)
    for n in range(count):
        (folder / f"note-{n:02d}.txt").write_text(
            f"Note {n}\n\nThe text of note number {n}, one sentence long enough to keep.\n",
            encoding="utf-8",
        )
    return folder


def _import_folder(ws: Workspace, folder: Path) -> None:
    summary = ws.articles.run(ws.articles.plan([str(folder)]))
    assert summary.counts["failed"] == 0, summary.line()


def _articles(root: Path) -> list[Path]:
    return sorted((root / "articles").glob("*.md"))


def _backup_files(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "articles" / ".backups").iterdir())


def test_a_folder_import_keeps_its_copies_in_one_pack(tmp_path: Path) -> None:
    # One new file a batch for the copies, not one an article (on ext4 a new file's inode was
    # most of an article's cost); each article's newest backup is its file, byte for byte.
    ws = Workspace(tmp_path / "lib")
    _import_folder(ws, _folder(tmp_path))
    (pack,) = _backup_files(tmp_path / "lib")
    assert pack.endswith(packs.SUFFIX)
    files = _articles(tmp_path / "lib")
    assert len(files) == COUNT
    for path in files:
        (newest,) = ws.library.article_copies(path)
        assert newest.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_an_article_of_a_folder_import_is_restored_from_its_pack(
    tmp_path: Path, damage: str
) -> None:
    root = tmp_path / "lib"
    _import_folder(Workspace(root), _folder(tmp_path))
    path = _articles(root)[1]
    saved = path.read_bytes()
    path.write_bytes(saved[: len(saved) * 2 // 3] if damage == "truncated" else b"\x00\xff" * 50)
    found = Workspace(root).doctor.check()
    assert [f.kind for f in found if f.remains] == ["damaged-article"]
    (fixed,) = [f for f in Workspace(root).doctor.fix() if f.kind == "damaged-article"]
    assert fixed.fixed and "restored from the backup saved" in fixed.outcome
    assert path.read_bytes() == saved
    assert [f.kind for f in Workspace(root).doctor.check() if f.remains] == []


def test_a_hand_edit_of_an_article_of_a_folder_import_is_not_damage(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    _import_folder(Workspace(root), _folder(tmp_path))
    path = _articles(root)[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nAdded by hand.\n", encoding="utf-8")
    assert [f.kind for f in Workspace(root).doctor.check() if f.remains] == []


def test_the_last_two_saves_count_from_packs_and_slots_alike(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    ws = Workspace(root)
    _import_folder(ws, _folder(tmp_path))
    meta = ws.library.catalog()[0]
    path = ws.library.path_of(meta.id)
    imported = path.read_bytes()
    ws.articles.edit(meta.id, title="Edited once")  # a single save: a slot file
    once = path.read_bytes()
    assert [c.read_bytes() for c in ws.library.article_copies(path)] == [once, imported]
    ws.articles.edit(meta.id, title="Edited twice")
    twice = path.read_bytes()
    # The pack's copy is the third save back now: no longer one of the two that count.
    assert [c.read_bytes() for c in ws.library.article_copies(path)] == [twice, once]
    _import_folder(ws, _folder(tmp_path, COUNT + 1))  # another batch: a second pack
    assert len([n for n in _backup_files(root) if n.endswith(packs.SUFFIX)]) == 2


def test_a_copy_cut_short_or_damaged_is_skipped(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    ws = Workspace(root)
    _import_folder(ws, _folder(tmp_path))
    (pack,) = (root / "articles" / ".backups").glob(f"*{packs.SUFFIX}")
    records = packs.read_pack(pack)
    assert len(records) == COUNT
    _, second, third = (copy for _, copy in records)
    data = bytearray(pack.read_bytes())
    assert second.offset is not None and third.offset is not None
    data[second.offset + 5] ^= 0xFF  # a damaged byte in the second copy
    pack.write_bytes(bytes(data[: third.offset + third.size // 2]))  # the third cut short
    found = packs.read_pack(pack)
    assert [name for name, _ in found] == [records[0][0], records[1][0]]
    assert found[0][1].read_bytes()  # sound
    with pytest.raises(OSError):
        found[1][1].read_bytes()  # fails its checksum
    # The article whose copy is damaged: found unreadable, with no copy to restore (nothing
    # comes back from the damaged one).
    path = root / "articles" / records[1][0]
    path.write_bytes(path.read_bytes()[:40])
    damage = Workspace(root).library.article_damage(path)
    assert damage is not None and damage.backup is None


def test_a_library_with_only_slot_files_still_restores(tmp_path: Path) -> None:
    # Libraries written before packs: each article's copies are slot files of their own.
    root = tmp_path / "lib"
    ws = Workspace(root)
    made = ws.articles.import_bytes(b"One note\n\nA single import, saved on its own.\n", "n.txt")
    assert made.article is not None
    assert [n for n in _backup_files(root) if n.endswith(packs.SUFFIX)] == []
    path = ws.library.path_of(made.article.id)
    saved = path.read_bytes()
    path.write_bytes(saved[:30])
    damage = Workspace(root).library.article_damage(path)
    assert damage is not None and damage.backup is not None
    assert damage.backup.read_bytes() == saved


def _steps(template: Path, work: Path) -> int:
    root = work / "count"
    shutil.copytree(template, root)
    with killed_at(None) as steps:
        _import_folder(Workspace(root / "lib"), root / "notes")
    shutil.rmtree(root)
    return steps.count


def test_a_kill_at_every_step_of_a_folder_import_leaves_each_article_with_its_copy(
    tmp_path: Path,
) -> None:
    # Killed at each rename and fsync of the batch (its writer threads' too): every article
    # file in place is whole and its newest copy is that file (written ahead of it), doctor
    # finds nothing to mend, the import run again brings the rest without a duplicate, and an
    # article truncated afterwards is restored.
    template = tmp_path / "template"
    template.mkdir()
    _folder(template)
    Workspace(template / "lib").library.ensure()
    steps = _steps(template, tmp_path)
    assert steps >= 2 * COUNT  # each file's fsync and rename at least
    for step in range(1, steps + 1):
        case = tmp_path / f"step-{step}"
        shutil.copytree(template, case)
        root = case / "lib"
        with pytest.raises(Killed), killed_at(step):
            _import_folder(Workspace(root), case / "notes")
        ws = Workspace(root)
        for path in _articles(root):
            assert ws.library.article_damage(path) is None, (step, path)
            assert ws.library.article_copies(path)[0].read_bytes() == path.read_bytes(), step
        assert [f.kind for f in ws.doctor.check() if f.remains] == [], step
        _import_folder(ws, case / "notes")
        files = _articles(root)
        assert len(files) == COUNT and len(Workspace(root).library.catalog()) == COUNT, step
        saved = files[-1].read_bytes()
        files[-1].write_bytes(saved[: len(saved) // 2])
        Workspace(root).doctor.fix()
        assert files[-1].read_bytes() == saved, step
        shutil.rmtree(case)


def test_looking_up_many_articles_lists_the_backup_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The backup folder holds two slot files an article: listing it for every article's
    # lookup (doctor checks each) made a check quadratic in the library's size. It is listed
    # again only when it changed; a pack added or appended to later is still found.
    folder = tmp_path / "backups"
    folder.mkdir()
    for n in range(50):
        for slot in (1, 2):
            (folder / f"a{n:02d}.{slot}.md").write_bytes(b"x")
    writer = packs.PackWriter(folder)
    writer.append("a00.md", b"first")
    index = packs.PackIndex(folder)
    old = time.time_ns() - 60 * 10**9
    os.utime(folder, ns=(old, old))  # settled: not changed within the clock's resolution
    listed: list[object] = []
    scandir = os.scandir

    def counting(path: object) -> object:
        listed.append(path)
        return scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(packs.os, "scandir", counting)
    for n in range(50):
        index.copies(f"a{n:02d}.md")
    assert len(listed) <= 1
    writer.append("a01.md", b"second")  # the same pack, appended to
    assert [c.read_bytes() for c in index.copies("a01.md")] == [b"second"]
    writer.close()
    writer.append("a02.md", b"third")  # a new pack: the folder changed
    writer.close()
    assert [c.read_bytes() for c in index.copies("a02.md")] == [b"third"]


def _forged_record(token: str = "0123456789abcdef") -> bytes:
    """A whole record for victim.md, newer than any save, as an article's text may hold one (it
    cannot know a pack's token: it guesses one)."""
    text = b"Not what was saved\n"
    header = {
        "file": "victim.md",
        "saved": 2**62,
        "size": len(text),
        "sha256": hashlib.sha256(text).hexdigest(),
        "pack": token,
    }
    return b"".join((packs.MAGIC, orjson.dumps(header), b"\n", text, b"\n"))


def _counting_lstat(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names packs.py lstat's from now on."""
    seen: list[str] = []
    lstat = os.lstat

    def counting(path: object) -> os.stat_result:
        seen.append(os.fspath(path))  # type: ignore[arg-type]
        return lstat(path)  # type: ignore[arg-type]

    monkeypatch.setattr(packs.os, "lstat", counting)
    return seen


def _write_pack(folder: str, name: str, payload: bytes) -> None:
    """A pack of one copy, written by another process (a second Margin importing)."""
    writer = packs.PackWriter(Path(folder))
    writer.append(name, payload)
    writer.close()


def test_a_pass_over_many_articles_checks_each_pack_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each lookup checked every pack (a batch may still be appending to one): 10,000 lookups
    # among 500 packs made 5 million lstat calls. A pass over every article checks them once.
    folder = tmp_path / "backups"
    for n in range(20):
        _write_pack(str(folder), f"a{n:02d}.md", f"copy {n}".encode())
    index = packs.PackIndex(folder)
    seen = _counting_lstat(monkeypatch)
    with index.one_pass():
        for n in range(20):
            assert [c.read_bytes() for c in index.copies(f"a{n:02d}.md")] == [f"copy {n}".encode()]
    assert len(seen) == 20


def test_in_a_pass_an_append_is_seen_after_it_and_a_pack_added_at_once(
    tmp_path: Path,
) -> None:
    import multiprocessing

    folder = tmp_path / "backups"
    writer = packs.PackWriter(folder)
    writer.append("a.md", b"first")
    index = packs.PackIndex(folder)
    context = multiprocessing.get_context("spawn")
    with index.one_pass():
        assert [c.read_bytes() for c in index.copies("a.md")] == [b"first"]
        writer.append("a.md", b"second")  # the same pack, appended to
        assert [c.read_bytes() for c in index.copies("a.md")] == [b"first"]
        other = context.Process(target=_write_pack, args=(str(folder), "b.md", b"theirs"))
        other.start()
        other.join(60)
        assert other.exitcode == 0
        # A pack made changes the folder: the packs are read again.
        assert [c.read_bytes() for c in index.copies("b.md")] == [b"theirs"]
        assert [c.read_bytes() for c in index.copies("a.md")] == [b"first", b"second"]
    assert [c.read_bytes() for c in index.copies("b.md")] == [b"theirs"]
    assert [c.read_bytes() for c in index.copies("a.md")] == [b"first", b"second"]
    with index.one_pass():  # a new pass checks again
        writer.append("a.md", b"third")
        writer.close()
        assert [c.read_bytes() for c in index.copies("a.md")][-1] == b"third"


def test_doctor_checks_each_pack_once_whatever_the_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "lib"
    ws = Workspace(root)
    for batch in range(3):  # three imports, three packs
        folder = tmp_path / f"batch-{batch}"
        folder.mkdir()
        notes = _folder(folder, 4)
        for note in notes.iterdir():
            note.write_text(note.read_text().replace("Note", f"Batch {batch} note"))
        _import_folder(ws, notes)
    pack_dir = root / "articles" / ".backups"
    assert len(list(pack_dir.glob(f"*{packs.SUFFIX}"))) == 3
    seen = _counting_lstat(monkeypatch)
    assert [f.kind for f in Workspace(root).doctor.check() if f.remains] == []
    assert len([p for p in seen if p.endswith(packs.SUFFIX)]) == 3


def test_a_pass_still_reads_the_copies_after_a_compaction_during_it(tmp_path: Path) -> None:
    # Another process (`margin doctor --compact-backups`) compacts the packs while a pass is
    # open: the packs its copies were read from are gone, and a lookup must find them where
    # the compaction put them, not offer copies no longer on disk.
    from library import packcompact

    folder = tmp_path / "backups"
    for n in range(2):
        _write_pack(str(folder), "a.md", f"copy {n}".encode())
    index = packs.PackIndex(folder)
    with index.one_pass():
        assert [c.read_bytes() for c in index.copies("a.md")] == [b"copy 0", b"copy 1"]
        packcompact.apply(packcompact.plan(folder, lambda file: (), 0), folder)
        assert len(list(folder.glob(f"*{packs.SUFFIX}"))) == 1
        assert [c.read_bytes() for c in index.copies("a.md")] == [b"copy 0", b"copy 1"]


def test_a_pass_in_one_thread_leaves_another_threads_lookups_fresh(tmp_path: Path) -> None:
    # A doctor's pass in one worker thread; a batch in another appends an article's copy and
    # then looks it up (outside any pass): it sees the copy it just wrote.
    import threading

    folder = tmp_path / "backups"
    writer = packs.PackWriter(folder)
    writer.append("a.md", b"first")
    index = packs.PackIndex(folder)
    seen: list[list[bytes]] = []

    def batch() -> None:
        writer.append("a.md", b"second")
        seen.append([c.read_bytes() for c in index.copies("a.md")])

    with index.one_pass():
        assert [c.read_bytes() for c in index.copies("a.md")] == [b"first"]
        other = threading.Thread(target=batch)
        other.start()
        other.join(60)
    writer.close()
    assert seen == [[b"first", b"second"]]


def test_a_pass_ends_with_its_outermost_block_even_through_an_exception(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    writer = packs.PackWriter(folder)
    writer.append("a.md", b"first")
    index = packs.PackIndex(folder)
    with pytest.raises(KeyError), index.one_pass():
        with index.one_pass():
            assert len(index.copies("a.md")) == 1
        writer.append("a.md", b"second")
        assert len(index.copies("a.md")) == 1  # still in the outer pass
        raise KeyError("a")
    writer.close()
    assert [c.read_bytes() for c in index.copies("a.md")] == [b"first", b"second"]


def test_a_record_cut_short_at_the_end_of_a_pack_yields_nothing_from_inside_it(
    tmp_path: Path,
) -> None:
    # An article's text is untrusted: one holding a whole record of its own for another
    # article (newer than any save) is appended, and cut short after it (a kill, a full disk).
    # Nothing follows a cut-short record (the writer starts a new pack), so the reader stops
    # there, never taking the forgery inside it for the other article's newest copy.
    forged = _forged_record()
    folder = tmp_path / "backups"
    writer = packs.PackWriter(folder)
    writer.append("victim.md", b"The victim's last save\n")
    writer.append("hostile.md", b"An article quoting a record: " + forged + b"and more text" * 50)
    writer.close()
    (pack,) = folder.glob(f"*{packs.SUFFIX}")
    data = pack.read_bytes()
    pack.write_bytes(data[: data.index(forged) + len(forged)])  # cut short after the forgery
    assert [name for name, _ in packs.read_pack(pack)] == ["victim.md"]
    (copy,) = packs.PackIndex(folder).copies("victim.md")
    assert copy.read_bytes() == b"The victim's last save\n"


@pytest.mark.parametrize("scan", [20, 256 * 1024])
def test_the_records_after_a_damaged_header_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scan: int
) -> None:
    # The pack is read a header at a time (a small scan makes headers straddle its reads).
    monkeypatch.setattr(packs, "_SCAN", scan)
    folder = tmp_path / "backups"
    writer = packs.PackWriter(folder)
    for name in ("a.md", "b.md", "c.md"):
        writer.append(name, f"The text of {name}\n".encode() * 5)
    writer.close()
    (pack,) = folder.glob(f"*{packs.SUFFIX}")
    data = pack.read_bytes()
    second = data.index(b'"b.md"')
    pack.write_bytes(data[:second] + b"\x00" + data[second + 1 :])  # its header's JSON broken
    found = packs.read_pack(pack)
    assert [name for name, _ in found] == ["a.md", "c.md"]
    assert found[1][1].read_bytes() == b"The text of c.md\n" * 5


_PREAMBLE = b"An article quoting a record:"


@pytest.mark.parametrize("rot", ["header unreadable", "size smaller", "size past the end"])
def test_after_bit_rot_in_a_header_every_later_record_is_found_and_no_forgery(
    tmp_path: Path, rot: str
) -> None:
    # Bit rot in the header of a record whose article text holds a record of its own for
    # another article: the reader goes on through that text to the next record, which it must
    # not take from the text. Every later record is found; the forgery never is, whether the
    # header no longer reads or its size now ends the record just before the forgery (the
    # place the next header would be) or past the end of the pack.
    folder = tmp_path / "backups"
    writer = packs.PackWriter(folder)
    writer.append("victim.md", b"The victim's last save\n")
    writer.append("hostile.md", _PREAMBLE + b"\n" + _forged_record() + b"and more text\n" * 50)
    for name in ("c.md", "d.md"):
        writer.append(name, f"The text of {name}\n".encode() * 5)
    writer.close()
    (pack,) = folder.glob(f"*{packs.SUFFIX}")
    data = pack.read_bytes()
    header = data.index(b'"hostile.md"')
    size = data.index(b'"size":', header) + len(b'"size":')
    digits = data.index(b",", size)
    rotten = {
        "header unreadable": b"\x00" + data[header + 1 : digits],
        "size smaller": data[header:size] + str(len(_PREAMBLE)).encode(),
        "size past the end": data[header:size] + str(len(data)).encode(),
    }[rot]
    pack.write_bytes(data[:header] + rotten + data[digits:])
    assert [name for name, _ in packs.read_pack(pack) if name != "hostile.md"] == [
        "victim.md",
        "c.md",
        "d.md",
    ]
    index = packs.PackIndex(folder)
    assert [c.read_bytes() for c in index.copies("victim.md")] == [b"The victim's last save\n"]
    assert [c.read_bytes() for c in index.copies("d.md")] == [b"The text of d.md\n" * 5]


def test_a_pack_without_a_token_ends_at_damage(tmp_path: Path) -> None:
    # A pack written before tokens (or renamed): no header can be told from an article's text
    # after damage, so the records before it are read and nothing after.
    folder = tmp_path / "backups"
    folder.mkdir()
    records = [
        b"".join((packs.MAGIC, orjson.dumps(h), b"\n", body, b"\n"))
        for h, body in (
            (_legacy_header("a.md", b"first\n"), b"first\n"),
            ({"file": "b.md"}, b"broken header\n" + _forged_record()),
            (_legacy_header("c.md", b"third\n"), b"third\n"),
        )
    ]
    pack = folder / f"20250101T000000.000000Z-abc123{packs.SUFFIX}"
    pack.write_bytes(b"".join(records))
    assert [name for name, _ in packs.read_pack(pack)] == ["a.md"]


def _legacy_header(file: str, body: bytes) -> dict[str, object]:
    digest = hashlib.sha256(body).hexdigest()
    return {"file": file, "saved": time.time_ns(), "size": len(body), "sha256": digest}


@pytest.mark.parametrize("clock", ["tied", "stepped back"])
def test_the_later_copy_of_an_article_in_a_pack_is_its_newest_whatever_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: str
) -> None:
    # A pack is only appended to: of two records of one article, the later is the later save,
    # even when the clock gave both the same time (a coarse clock) or went back between them.
    library = Workspace(tmp_path / "lib").library
    library.ensure()
    path = library.articles_dir / "twice.md"
    writer = packs.PackWriter(library.articles_dir / ".backups")
    now = time.time_ns()
    for payload, at in ((b"first save\n", now), (b"second save\n", now - 10**12)):
        with monkeypatch.context() as patch:
            patch.setattr(packs.time, "time_ns", lambda at=at: now if clock == "tied" else at)
            writer.append(path.name, payload)
    writer.close()
    assert [c.read_bytes() for c in library.article_copies(path)] == [
        b"second save\n",
        b"first save\n",
    ]


def test_a_changed_pack_is_the_only_one_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three batches' packs; one of them appended to: a lookup reads that pack again, not all.
    folder = tmp_path / "backups"
    writers = [packs.PackWriter(folder) for _ in range(3)]
    for n, writer in enumerate(writers):
        writer.append(f"{n}.md", f"The text of {n}\n".encode())
    read: list[str] = []
    scan = packs.scan_pack

    def counted(path: Path) -> tuple[list[tuple[str, packs.Copy]], str | None]:
        read.append(path.name)
        return scan(path)

    monkeypatch.setattr(packs, "scan_pack", counted)
    index = packs.PackIndex(folder)
    assert [c.read_bytes() for c in index.copies("1.md")] == [b"The text of 1\n"]
    assert len(read) == 3
    read.clear()
    writers[1].append("1.md", b"A later save of 1\n")
    assert [c.read_bytes() for c in index.copies("1.md")] == [
        b"The text of 1\n",
        b"A later save of 1\n",
    ]
    assert read == [_pack_of(folder, "A later save of 1")]
    assert [c.read_bytes() for c in index.copies("2.md")] == [b"The text of 2\n"]
    assert len(read) == 1  # nothing changed since: nothing read
    for writer in writers:
        writer.close()


def _pack_of(folder: Path, words: str) -> str:
    """The name of the pack in folder holding words."""
    return next(p.name for p in folder.glob(f"*{packs.SUFFIX}") if words.encode() in p.read_bytes())


def test_a_pack_cut_short_in_its_last_copy_says_nothing_is_lost(tmp_path: Path) -> None:
    # An append that stopped (a full disk, a crash, or one still under way as the doctor looks)
    # leaves the last copy short of its bytes: that copy's version was never saved over its
    # article, so the line says so, not that a copy was lost. A rotted size in the last header,
    # its bytes all there, is damage.
    folder = tmp_path / "backups"
    writer = packs.PackWriter(folder)
    writer.append("a.md", b"The text of a\n")
    writer.append("b.md", b"The text of b, a longer one\n")
    writer.close()
    (pack,) = folder.glob(f"*{packs.SUFFIX}")
    whole = pack.read_bytes()
    second = whole.index(packs.MAGIC, 1)
    pack.write_bytes(whole[:-10])
    records, line = packs.scan_pack(pack)
    assert [file for file, _ in records] == ["a.md"]
    assert line == (
        f"cut short at byte {second:,}, in its last copy (a save that stopped there, or one "
        "under way): that version was never saved over its article, so nothing is lost; "
        "1 record read"
    )
    rotted = whole.replace(b'"size":28', b'"size":99')
    assert rotted != whole
    pack.write_bytes(rotted)
    records, line = packs.scan_pack(pack)
    assert line is not None and line.startswith(f"damaged at byte {second:,}; 1 record read")
