"""Adding highlights one at a time in one streamed write (an import of a book of 100,000):
what `add_many` does, without reading the article's file whole or holding the new ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

import library.tinystore as tinystore
from annotations.edits import Edit
from annotations.errors import AnnotationError
from annotations.model import Annotation
from annotations.store import AnnotationStore
from library.tinystore import CorruptFile, encode_tables, stream_tables


def make(start: int, quote: str = "words", **extra: Any) -> Annotation:
    return Annotation("book-1", start, start + len(quote), quote, **extra)


@pytest.fixture
def store(tmp_path: Path) -> AnnotationStore:
    return AnnotationStore(tmp_path / "annotations")


def test_the_streamed_encoding_is_orjsons_indented_one_and_reads_back(tmp_path: Path) -> None:
    tables = {
        "annotations": {"a": {"x": 1, "l": [1, {"q": 'é"\n'}], "e": {}, "n": None}, "b": {}},
        "deleted": {},
        "_meta": {"1": {"schema": 1}},
    }
    encoded = b"".join(encode_tables((name, docs.items()) for name, docs in tables.items()))
    assert encoded == orjson.dumps(tables, option=orjson.OPT_INDENT_2)
    assert b"".join(encode_tables([])) == b"{}"
    path = tmp_path / "t.json"
    path.write_bytes(encoded)
    assert {name: dict(docs) for name, docs in stream_tables(path)} == tables


def test_the_streamed_read_takes_documents_cut_by_its_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tinystore, "_CHUNK", 5)  # every value runs over a chunk's end
    tables = {"annotations": {f"id{i}": {"quote": "w" * i, "start": i} for i in range(30)}}
    path = tmp_path / "t.json"
    path.write_bytes(orjson.dumps(tables))
    assert {name: dict(docs) for name, docs in stream_tables(path)} == tables


@pytest.mark.parametrize(
    "text", ['{"annotations": {"a": {"x": 1}', '{"annotations": [1]}', "[]", '{"a": {}} x']
)
def test_a_damaged_file_is_corrupt_to_the_streamed_read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.json"
    path.write_text(text)
    with pytest.raises(CorruptFile):
        for _, docs in stream_tables(path):
            list(docs)


def test_new_ones_are_added_and_those_there_are_not(
    store: AnnotationStore, whole_reads: list[Path]
) -> None:
    kept = store.add(make(0, "first words"))
    gone = store.add(make(20, "deleted words"))
    store.delete(gone.id)
    whole_reads.clear()
    again = make(0, "first words")  # another id, the same span: there already
    done = store.add_stream(
        "book-1", iter([make(40, "new words"), again, kept, gone, make(60, "more", orphaned=True)])
    )
    assert (done.added, done.orphaned, done.present, done.updated) == (2, 1, 3, 0)
    assert whole_reads == []  # the file was read a document at a time
    fresh = AnnotationStore(store.root)
    assert sorted(a.quote for a in fresh.for_article("book-1")) == [
        "first words",
        "more",
        "new words",
    ]
    assert [a.id for a in fresh.deleted("book-1")] == [gone.id]  # not brought back
    assert fresh.stance_counts() == {"book-1": {None: 3}}


def test_a_stored_highlight_gets_what_it_lacks_and_keeps_what_it_has(
    store: AnnotationStore,
) -> None:
    bare = store.add(make(0, "bare words"))
    noted = store.add(make(20, "noted words"))
    noted = store.change(noted.id, Edit.set(note="mine"))[1]  # a value set in Margin
    done = store.add_stream(
        "book-1",
        [
            Annotation.from_dict({**bare.to_dict(), "note": "from the device", "tags": ["t"]}),
            Annotation.from_dict({**noted.to_dict(), "note": "from the device"}),
        ],
    )
    assert (done.added, done.present, done.updated) == (0, 2, 1)
    assert store.get(bare.id).note == "from the device" and store.get(bare.id).tags == ["t"]
    assert store.get(noted.id).note == "mine"


def test_nothing_new_writes_nothing(store: AnnotationStore) -> None:
    kept = store.add(make(0, "first words"))
    path = store.shard_path("book-1")
    before = path.stat()
    done = store.add_stream("book-1", [kept])
    assert (done.added, done.present) == (0, 1)
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_the_first_write_makes_a_file_the_ordinary_store_reads(store: AnnotationStore) -> None:
    added = [make(i * 10, f"words {i}", tags=["x"] if i % 2 else []) for i in range(5)]
    done = store.add_stream("book-1", iter(added))
    assert done.added == 5
    raw = orjson.loads(store.shard_path("book-1").read_bytes())
    assert set(raw) == {"annotations", "deleted", "_meta"}
    assert store.for_article("book-1") == added
    assert store.all_tags() == ["x"]
    # The write-ahead backup holds the version just saved.
    (backup,) = (store.root / ".backups").iterdir()
    assert backup.read_bytes() == store.shard_path("book-1").read_bytes()
    assert AnnotationStore(store.root).overview()[0] == {"book-1": {None: 5}}


def test_a_file_in_an_older_format_is_converted_by_the_ordinary_read(
    store: AnnotationStore,
) -> None:
    old = make(0, "old words").to_dict()
    path = store.shard_path("book-1")
    path.parent.mkdir(parents=True)
    path.write_bytes(orjson.dumps({"_default": {"1": old}}))  # format 0
    done = store.add_stream("book-1", [make(20, "new words"), make(0, "old words")])
    assert (done.added, done.present) == (1, 1)
    assert [a.quote for a in store.for_article("book-1")] == ["old words", "new words"]


def test_a_highlight_of_another_article_is_refused_and_nothing_written(
    store: AnnotationStore,
) -> None:
    store.add(make(0, "first words"))
    before = store.shard_path("book-1").read_bytes()
    stray = Annotation("other", 5, 10, "words")
    with pytest.raises(AnnotationError):
        store.add_stream("book-1", [make(20, "new words"), stray])
    assert store.shard_path("book-1").read_bytes() == before
    assert not [p for p in store.root.iterdir() if p.name.endswith(".tmp")]


def test_re_anchoring_a_book_changes_its_highlights_in_one_pass_over_the_table(
    store: AnnotationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # TinyDB copies the whole table on each update: one update per highlight made a book of
    # 10,000 that gained a passage take 16 s of CPU to re-anchor (100,000: hours).
    text = " ".join(f"passage{i:03d}" for i in range(40))
    store.add_many("book-1", [make(i * 11, f"passage{i:03d}") for i in range(40)])
    passes: list[str] = []
    update = tinystore.StrTable._update_table

    def spy(self: tinystore.StrTable, updater: Any) -> None:
        passes.append(self.name)
        update(self, updater)

    monkeypatch.setattr(tinystore.StrTable, "_update_table", spy)
    report = store.reanchor_article("book-1", "A new first passage. " + text)
    assert report.moved == 40 and passes == ["annotations"]
    moved = store.for_article("book-1")
    assert all(("A new first passage. " + text)[a.start : a.end] == a.quote for a in moved)


def test_filling_in_keeps_the_fields_a_newer_margin_stored(store: AnnotationStore) -> None:
    # A field this version does not know (written by a newer Margin sharing the folder) is the
    # user's: store.change merges the edit into the stored record, and so must the streamed fill.
    bare = store.add(make(0, "bare words"))
    path = store.shard_path("book-1")
    raw = orjson.loads(path.read_bytes())
    raw["annotations"][bare.id]["colour"] = "yellow"
    path.write_bytes(orjson.dumps(raw, option=orjson.OPT_INDENT_2))
    done = store.add_stream(
        "book-1", [Annotation.from_dict({**bare.to_dict(), "note": "from the device"})]
    )
    assert done.updated == 1
    stored = orjson.loads(path.read_bytes())["annotations"][bare.id]
    assert stored["note"] == "from the device"
    assert stored["colour"] == "yellow"


@pytest.mark.parametrize("damage", ['"note": "\\udc00"', '"note": "", "score": NaN'])
def test_a_file_the_ordinary_read_calls_damaged_is_repaired_as_it_would_be(
    store: AnnotationStore, damage: str
) -> None:
    # A lone surrogate escaped, or NaN: Python's json reads them, orjson (the ordinary read)
    # does not. The streamed read took the file, then could not write the surrogate back (the
    # import failed with a TypeError every time) or wrote NaN as null; the ordinary read moves
    # the file aside and restores its newest backup.
    kept = store.add(make(0, "first words"))
    path = store.shard_path("book-1")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"note": ""', damage, 1), encoding="utf-8")
    done = store.add_stream("book-1", [make(20, "new words")])
    assert done.added == 1
    fresh = AnnotationStore(store.root)
    assert sorted(a.quote for a in fresh.for_article("book-1")) == ["first words", "new words"]
    assert fresh.get(kept.id).note == ""
    assert [p for p in path.parent.iterdir() if ".corrupt-" in p.name]  # the damaged one kept


@pytest.mark.parametrize("streamed", [True, False])
def test_two_notes_on_the_same_lost_words_are_both_kept(
    store: AnnotationStore, streamed: bool
) -> None:
    # Two Hypothesis notes on one passage that is no longer in the page: both are orphans with
    # the same quote, and neither note may be lost; the same pair imported again adds nothing.
    def pair() -> list[Annotation]:
        return [
            make(0, "gone words", orphaned=True, note="first thought"),
            make(0, "gone words", orphaned=True, note="second thought"),
        ]

    def add(items: list[Annotation]) -> int:
        if streamed:
            return store.add_stream("book-1", iter(items)).added
        return len(store.add_many("book-1", items)[0])

    assert add(pair()) == 2
    assert add(pair()) == 0
    assert sorted(a.note for a in store.for_article("book-1")) == [
        "first thought",
        "second thought",
    ]


@pytest.mark.parametrize("streamed", [True, False])
def test_an_older_copy_of_an_orphan_whose_note_was_edited_since_is_already_there(
    store: AnnotationStore, streamed: bool
) -> None:
    # Margin's CSV export of an orphan, written before its note was edited, comes back under
    # another id with the old note: the same highlight, not a second one. An orphan unchanged
    # since it was made is still told from another by its note (two notes on lost words).
    def add(items: list[Annotation]) -> int:
        if streamed:
            return store.add_stream("book-1", iter(items)).added
        return len(store.add_many("book-1", items)[0])

    made = "2025-03-02T08:00:00.000000+00:00"
    kept = make(0, "gone words", orphaned=True, note="first thought", created=made)
    assert add([kept]) == 1
    store.update(kept.changed(note="a better thought"))
    older = make(0, "gone words", orphaned=True, note="first thought", created=made)
    assert add([older]) == 0
    assert add([make(0, "lost words", orphaned=True, note="one", created=made)]) == 1
    assert add([make(0, "lost words", orphaned=True, note="two", created=made)]) == 1
    notes = sorted(a.note for a in store.for_article("book-1"))
    assert notes == ["a better thought", "one", "two"]


def _untimed(path: Path) -> list[tuple[str, str, list[tuple[str, Any]]]]:
    """A highlights file's documents in file order, each field in order, times left out (two
    stores made a moment apart)."""
    return [
        (
            name,
            ident,
            [(k, v) for k, v in doc.items() if k not in ("created", "modified", "deleted_at")],
        )
        for name, table in orjson.loads(path.read_bytes()).items()
        for ident, doc in table.items()
    ]


def _book_with_highlights(root: Path) -> tuple[AnnotationStore, str]:
    """A store whose book has 40 highlighted passages, one with a field a newer Margin wrote,
    and one deleted highlight; and the book's text."""
    text = " ".join(f"passage{i:03d}" for i in range(40))
    store = AnnotationStore(root)
    store.add_many(
        "book-1",
        [make(i * 11, f"passage{i:03d}", note=f"n{i}", id=f"h{i:03d}") for i in range(40)],
    )
    store.delete(store.for_article("book-1")[5].id)
    path = store.shard_path("book-1")
    raw = orjson.loads(path.read_bytes())
    first = next(iter(raw["annotations"]))
    raw["annotations"][first]["colour"] = "yellow"
    path.write_bytes(orjson.dumps(raw, option=orjson.OPT_INDENT_2))
    return AnnotationStore(root), text


@pytest.mark.parametrize("only_unanchored", [False, True])
def test_a_big_file_is_re_anchored_a_document_at_a_time_as_a_whole_read_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whole_reads: list[Path], only_unanchored: bool
) -> None:
    # A book of 100,000 highlights that gained a passage was re-anchored through a whole read
    # and a second copy of every changed highlight: 559 MB. A big file now streams, to the
    # same bytes and the same counts (moved, orphaned, an unknown field kept).
    import annotations.store

    whole, text = _book_with_highlights(tmp_path / "whole")
    streamed, _ = _book_with_highlights(tmp_path / "streamed")
    new = "A new first passage. " + text.replace("passage007 ", "")
    expected = whole.reanchor_article("book-1", new, only_unanchored=only_unanchored)
    monkeypatch.setattr(annotations.store, "STREAM_MIN_BYTES", 0)
    whole_reads.clear()
    report = streamed.reanchor_article("book-1", new, only_unanchored=only_unanchored)
    assert whole_reads == []
    assert report == expected and (report.moved, report.approximate) == (38, 1)
    assert report.repaired == (39 if only_unanchored else 0)
    path = streamed.shard_path("book-1")
    assert _untimed(path) == _untimed(whole.shard_path("book-1"))
    assert streamed.stance_counts() == whole.stance_counts() == {"book-1": {None: 39}}
    placed = AnnotationStore(streamed.root).for_article("book-1")
    assert len(placed) == 39 and all(new[a.start : a.end] == a.quote for a in placed)
    # Again: nothing changes, and nothing is written.
    whole_reads.clear()
    before = path.stat()
    again = streamed.reanchor_article("book-1", new, only_unanchored=only_unanchored)
    assert again.moved == 0 and again.kept == (0 if only_unanchored else 39)
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert whole_reads == []


@pytest.mark.parametrize("only_unanchored", [False, True])
def test_a_big_file_in_an_older_format_is_re_anchored_through_the_ordinary_read(
    store: AnnotationStore, monkeypatch: pytest.MonkeyPatch, only_unanchored: bool
) -> None:
    import annotations.store

    monkeypatch.setattr(annotations.store, "STREAM_MIN_BYTES", 0)
    old = make(0, "old words").to_dict()
    path = store.shard_path("book-1")
    path.parent.mkdir(parents=True)
    path.write_bytes(orjson.dumps({"_default": {"1": old}}))  # format 0
    report = store.reanchor_article("book-1", "New. old words", only_unanchored=only_unanchored)
    assert report.moved == 1
    (moved,) = store.for_article("book-1")
    assert (moved.start, moved.quote) == (5, "old words")
