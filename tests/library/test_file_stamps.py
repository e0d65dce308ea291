"""A file's stamp (inode, size, mtime, ctime) tells its versions apart, and Margin's own writes
are stamped as they stand after their rename, so a cache keyed by stamps trusts what this
process or another wrote, and distrusts a hand edit that keeps the size and puts the mtime back.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotations.model import Annotation
from annotations.quotations.cache import QuotationCache
from annotations.store import AnnotationStore
from library import store as library_store
from library.fsutil import atomic_write, file_stamp
from library.store import Library
from library.tinystore import DurableStorage
from tests.conftest import edit_keeping_size_and_mtime


def _loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The data files (not the caches, whose names start with a dot) read from disk."""
    seen: list[str] = []
    load = DurableStorage._load

    def spy(self: DurableStorage) -> object:
        if not self.path.name.startswith("."):
            seen.append(self.path.name)
        return load(self)

    monkeypatch.setattr(DurableStorage, "_load", spy)
    return seen


def _front_matter_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    read = library_store._read_front_matter

    def spy(path: Path, limit: int) -> object:
        seen.append(path.name)
        return read(path, limit)

    monkeypatch.setattr(library_store, "_read_front_matter", spy)
    return seen


def test_a_write_is_stamped_as_the_file_stands_after_its_rename(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    for n in range(3):  # a rename sets the file's ctime on ext4 and tmpfs
        written = atomic_write(path, f"version {n}")
        assert file_stamp(written) == file_stamp(os.stat(path))
        assert written.st_ctime_ns == os.stat(path).st_ctime_ns


def test_a_stamp_tells_apart_an_edit_that_keeps_size_and_mtime(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    before = file_stamp(atomic_write(path, "sales fell by 30%"))
    edit_keeping_size_and_mtime(path, b"30%", b"45%")
    assert file_stamp(os.stat(path)) != before


def test_a_storage_serves_what_it_wrote_from_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = DurableStorage(tmp_path / "notes.json")
    storage.write({"annotations": {"1": {"quote": "words"}}})
    loads = _loads(monkeypatch)
    assert storage.read() == {
        "annotations": {"1": {"quote": "words"}},
        "_meta": {"1": {"schema": 1}},
    }
    assert loads == []
    edit_keeping_size_and_mtime(storage.path, b"words", b"sword")
    assert storage.read()["annotations"]["1"]["quote"] == "sword"  # type: ignore[index]
    assert loads == ["notes.json"]


def test_the_highlights_index_a_store_wrote_is_trusted_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "annotations"
    writer = AnnotationStore(root)
    writer.add(Annotation("art-1", 0, 5, "words", stance="oppose"))
    writer.add(Annotation("art-2", 0, 5, "words"))
    writer.close()  # the index saved, each file under the stamp its write returned
    loads = _loads(monkeypatch)
    assert AnnotationStore(root).stance_counts()["art-1"]["oppose"] == 1
    assert loads == []  # the counts came from `.index.json`, under the files' stamps
    shard = root / "art-1.json"
    edit_keeping_size_and_mtime(shard, b'"oppose"', b'"contra"')
    assert AnnotationStore(root).stance_counts()["art-1"]["contra"] == 1
    assert loads == ["art-1.json"]


def test_the_catalog_a_library_wrote_is_trusted_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(tmp_path / "lib")
    for n in range(3):
        source = tmp_path / f"a{n}.txt"
        source.write_text(f"Article number {n}\n\nBody {n} of the text.\n", encoding="utf-8")
        library.import_file(source)
    reads = _front_matter_reads(monkeypatch)
    titles = sorted(m.title for m in Library(library.root).catalog())
    assert titles == ["Article number 0", "Article number 1", "Article number 2"]
    assert reads == []  # every row's stamp is the file's as it stands
    path = library.path_of(library.catalog()[0].id)
    edit_keeping_size_and_mtime(path, b"Article number", b"Article Number")
    assert "Article Number" in {m.title[:14] for m in Library(library.root).catalog()}
    assert reads == [path.name]


def test_the_quotations_of_an_edit_keeping_size_and_mtime_are_found_again(
    tmp_path: Path,
) -> None:
    library = Library(tmp_path / "lib")
    source = tmp_path / "a.txt"
    source.write_text(
        'Harbour report\n\n"The figures are temporary," said Nadia Okafor on Monday.\n',
        encoding="utf-8",
    )
    article_id = library.import_file(source).article.id
    (found,) = QuotationCache(library).quotations([article_id])[article_id]
    assert found.text == "The figures are temporary"
    edit_keeping_size_and_mtime(library.path_of(article_id), b"temporary", b"permanent")
    (found,) = QuotationCache(Library(library.root)).quotations([article_id])[article_id]
    assert found.text == "The figures are permanent"


def test_an_edit_between_a_write_and_its_stamp_is_read_not_served_from_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another program edits the file in place right after the rename, before the write takes
    # its stamp: the stamp must not be that of the edit, or the edit is never read (and the
    # next save, made from memory, writes over it).
    storage = DurableStorage(tmp_path / "notes.json")
    rename = os.replace

    def rename_then_edit(src: str, dst: str | Path) -> None:
        rename(src, dst)
        if Path(dst) == storage.path:
            monkeypatch.setattr(os, "replace", rename)
            with open(dst, "r+b") as file:  # an in-place edit of the same size
                data = file.read()
                file.seek(0)
                file.write(data.replace(b"words", b"sword"))

    monkeypatch.setattr(os, "replace", rename_then_edit)
    storage.write({"annotations": {"1": {"quote": "words"}}})
    assert storage.read()["annotations"]["1"]["quote"] == "sword"  # type: ignore[index]
