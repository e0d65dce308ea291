"""The library-wide highlights table (`.index/highlights.db`): a cache that never answers from a
file version other than the one on disk, survives damage and other processes, and gives what
reading every highlights file gives."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.highlighttable import FILE_NAME, HighlightTable
from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.workspace import Workspace
from tests.conftest import NEWS_TEXT, SECOND


def make(article: str, start: int, **extra: Any) -> Annotation:
    return Annotation(article, start, start + 5, "words", **extra)


@pytest.fixture
def store(tmp_path: Path) -> AnnotationStore:
    return AnnotationStore(tmp_path / "lib" / "annotations")


def table_of(store: AnnotationStore) -> HighlightTable:
    return HighlightTable(store, store.root.parent / ".index" / FILE_NAME)


def ids(found: list[Annotation] | None) -> list[str]:
    assert found is not None, "the table could not answer"
    return [a.id for a in found]


def edit_file(path: Path, change: Any) -> None:
    """Change a highlights file by hand (as an editor or a sync tool would)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data["annotations"])
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def test_a_hand_edited_stance_is_seen_by_the_next_query(store: AnnotationStore) -> None:
    first = store.add(make("art-1", 0, stance="support"))
    other = store.add(make("art-2", 3, stance="support"))
    table = table_of(store)
    assert ids(table.query(stance="support")) == [first.id, other.id]
    assert table.files_read == 2
    assert ids(table.query(stance="SUPPORT")) == [first.id, other.id]
    assert table.files_read == 2  # nothing changed: no file read again

    path = store.shard_path("art-1")
    before = path.stat()
    # Edited in place to the same size, its mtime put back (as within a coarse filesystem's
    # timestamp tick): only ctime tells the versions apart.
    path.write_bytes(path.read_bytes().replace(b'"support"', b'"neutral"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )
    fresh = table_of(AnnotationStore(store.root))  # another process
    assert ids(fresh.query(stance="support")) == [other.id]
    assert ids(fresh.query(stance="neutral")) == [first.id]
    assert fresh.files_read == 1  # only the edited file was read


def test_tags_flags_and_dates_filter_as_the_store_does(store: AnnotationStore) -> None:
    a = store.add(make("art-1", 0, tags=["Economy", "law"], created="2024-01-01T00:00:00Z"))
    b = store.add(make("art-1", 9, tags=["economy"], orphaned=True, created="2025-06-01T00:00:00Z"))
    c = store.add(make("art-2", 0, needs_review=True, stance="oppose"))
    table = table_of(store)
    assert ids(table.query(tag="ECONOMY")) == [a.id, b.id]
    assert ids(table.query(tag="law")) == [a.id]
    assert ids(table.query(orphaned=True)) == [b.id]
    assert ids(table.query(needs_review=True)) == [c.id]
    assert ids(table.query(since="2025-01-01")) == [b.id, c.id]
    assert ids(table.query(stance="oppose", tag="law")) == []
    assert table.query(tag="economy") == store.query(tag="economy")


def test_deleted_moved_and_restored_files_are_followed(store: AnnotationStore) -> None:
    a = store.add(make("art-1", 0, stance="support"))
    b = store.add(make("art-2", 0, stance="support"))
    table = table_of(store)
    assert ids(table.query(stance="support")) == [a.id, b.id]
    aside = store.root.parent / "aside.json"
    os.replace(store.shard_path("art-1"), aside)  # as remove moves it into the trash
    assert ids(table.query(stance="support")) == [b.id]
    os.replace(aside, store.shard_path("art-1"))  # and restore moves it back
    assert ids(table.query(stance="support")) == [a.id, b.id]
    store.shard_path("art-2").unlink()
    assert ids(table.query(stance="support")) == [a.id]
    store.delete(a.id)
    assert ids(table.query(stance="support")) == []


@pytest.mark.parametrize(
    "damage",
    [b"garbage, not SQLite", b"", b"SQLite format 3\x00" + b"\xff" * 5000],
    ids=["garbage", "empty", "bad-header"],
)
def test_a_damaged_table_is_rebuilt_without_an_error(store: AnnotationStore, damage: bytes) -> None:
    a = store.add(make("art-1", 0, stance="support"))
    table = table_of(store)
    assert ids(table.query(stance="support")) == [a.id]
    table.path.write_bytes(damage)
    assert ids(table.query(stance="support")) == [a.id]
    with sqlite3.connect(table.path) as db:  # a good table again
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_foreign_or_older_table_is_replaced(store: AnnotationStore) -> None:
    a = store.add(make("art-1", 0, stance="support"))
    table = table_of(store)
    table.path.parent.mkdir(parents=True)
    with sqlite3.connect(table.path) as db:
        db.execute("CREATE TABLE rows (x)")
        db.execute("CREATE TABLE files (article TEXT, stamp TEXT)")
    assert ids(table.query(stance="support")) == [a.id]


def test_rows_written_from_an_older_version_are_never_trusted(store: AnnotationStore) -> None:
    """Process A reads a file, another writes it and process B files the new rows; A then files
    the rows of the version it read, under that version's stamp: the next query re-reads."""
    a = store.add(make("art-1", 0, stance="support"))
    slow = table_of(AnnotationStore(store.root))
    fast = table_of(AnnotationStore(store.root))
    read = slow.store.live_docs

    def read_then_lose_the_race(article_id: str) -> list[dict[str, Any]]:
        docs = read(article_id)  # version 1, read under its stamp
        store.change(a.id, _stance("oppose"))  # another process writes version 2...
        assert ids(fast.query(stance="oppose")) == [a.id]  # ...and a third files it
        return docs

    slow.store.live_docs = read_then_lose_the_race  # type: ignore[method-assign]
    # slow files version 1's rows over version 2's, then checks again before answering.
    assert ids(slow.query(stance="support")) == []
    assert ids(slow.query(stance="oppose")) == [a.id]
    assert ids(fast.query(stance="support")) == []


def _stance(value: str | None) -> Any:
    from annotations.edits import Edit

    return Edit({"stance": value})


def test_concurrent_writers_and_queries_agree_with_the_files(store: AnnotationStore) -> None:
    for n in range(4):
        store.add(make(f"art-{n}", 0, stance="support"))
    errors: list[BaseException] = []
    stop = threading.Event()

    def write(worker: int) -> None:
        mine = AnnotationStore(store.root)
        try:
            for n in range(15):
                mine.add(make(f"art-{(worker + n) % 6}", 10 + n, stance="support"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def query() -> None:
        mine = table_of(AnnotationStore(store.root))
        try:
            while not stop.is_set():
                found = mine.query(stance="support")
                assert found is None or all(a.stance == "support" for a in found)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    writers = [threading.Thread(target=write, args=(w,)) for w in range(2)]
    readers = [threading.Thread(target=query) for _ in range(2)]
    for t in [*writers, *readers]:
        t.start()
    for t in writers:
        t.join()
    stop.set()
    for t in readers:
        t.join()
    assert errors == []
    assert table_of(AnnotationStore(store.root)).query(stance="support") == store.query(
        stance="support"
    )
    assert len(store.query(stance="support")) == 4 + 30


def test_an_unwritable_folder_falls_back_to_the_files(store: AnnotationStore) -> None:
    a = store.add(make("art-1", 0, stance="support"))
    blocked = store.root.parent / "blocked"
    blocked.write_text("a file where the folder should be")
    table = HighlightTable(store, blocked / FILE_NAME)
    assert table.query(stance="support") is None  # the caller reads the files instead
    assert store.query(stance="support")[0].id == a.id


STANCES = st.sampled_from([None, "support", "oppose", "Support", "neutral"])
TAGS = st.lists(st.sampled_from(["law", "Law", "economy", "ÉTÉ", "été", "x y"]), max_size=3)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    highlights=st.lists(
        st.tuples(st.integers(0, 3), STANCES, TAGS, st.booleans(), st.booleans()),
        max_size=12,
    ),
    edits=st.lists(st.tuples(st.integers(0, 11), STANCES), max_size=3),
    stance=STANCES,
    tag=st.none() | st.sampled_from(["law", "LAW", "economy", "été", "ete", "x y"]),
    orphaned=st.none() | st.booleans(),
)
def test_the_table_answers_as_reading_every_file(
    tmp_path_factory: pytest.TempPathFactory,
    highlights: list[tuple[int, str | None, list[str], bool, bool]],
    edits: list[tuple[int, str | None]],
    stance: str | None,
    tag: str | None,
    orphaned: bool | None,
) -> None:
    store = AnnotationStore(tmp_path_factory.mktemp("lib") / "annotations")
    table = table_of(store)
    made = [
        store.add(make(f"art-{n}", 7 * i, stance=s, tags=t, orphaned=o, needs_review=r))
        for i, (n, s, t, o, r) in enumerate(highlights)
    ]
    table.query()  # filed before the edits: the table must follow them
    for index, new_stance in edits:
        if index < len(made):
            store.change(made[index].id, _stance(new_stance))
    uncached = AnnotationStore(store.root)
    expected = uncached.query(stance=stance, tag=tag, orphaned=orphaned)
    assert table.query(stance=stance, tag=tag, orphaned=orphaned) == expected


def test_margin_annotations_sees_a_hand_edit_and_checks_anchors(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "lib")
    news = ws.articles.import_bytes(NEWS_TEXT.encode(), "news.txt").article
    second = ws.articles.import_bytes(SECOND.encode(), "second.txt").article
    assert news and second
    made = ws.highlights.create(news.id, quote="mandatory", stance="support").annotation
    ws.highlights.create(second.id, quote="bus lanes", stance="support")
    assert len(ws.highlights.find(stance="support")) == 2
    ws.close()
    path = tmp_path / "lib" / "annotations" / f"{news.id}.json"

    def hand_edit(live: dict[str, Any]) -> None:
        live[made.id]["stance"] = "oppose"
        live[made.id]["start"] += 3  # and its offsets point at other words now

    edit_file(path, hand_edit)
    again = Workspace(tmp_path / "lib")
    found = again.highlights.find(stance="oppose")
    assert [a.id for a in found] == [made.id]
    # The anchors check vouched for it first: re-anchored onto its words, never shown elsewhere.
    text = again.articles.get(news.id).text
    assert text[found[0].start : found[0].end] == "mandatory"
    assert [a.id for a in again.highlights.find(stance="support")] != [made.id]
    again.articles.remove(second.id)
    assert again.highlights.find(stance="support") == []


_FILL = """
import sys
from pathlib import Path
from annotations.highlighttable import FILE_NAME, HighlightTable
from annotations.store import AnnotationStore

store = AnnotationStore(Path(sys.argv[1]))
table = HighlightTable(store, store.root.parent / ".index" / FILE_NAME)
print("start", flush=True)
while True:  # fill the table again and again until killed
    table.path.unlink(missing_ok=True)
    table.query(stance="support")
"""


@pytest.fixture(scope="module")
def many_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A highlights folder of 120 files (made once: each save is durable)."""
    store = AnnotationStore(tmp_path_factory.mktemp("many") / "annotations")
    for n in range(120):
        store.add(make(f"art-{n}", 0, stance="support" if n % 3 else "oppose", tags=["t"]))
    return store.root


@pytest.mark.parametrize("delay", [0.05, 0.15, 0.3])
def test_a_process_killed_while_filling_the_table_leaves_nothing_wrong(
    many_files: Path, tmp_path: Path, delay: float
) -> None:
    import shutil
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import REPO

    root = Path(shutil.copytree(many_files, tmp_path / "lib" / "annotations"))
    child = subprocess.Popen(
        [sys.executable, "-c", _FILL, str(root)], cwd=REPO, stdout=subprocess.PIPE
    )
    assert child.stdout is not None and child.stdout.readline() == b"start\n"
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    store = AnnotationStore(root)
    table = table_of(AnnotationStore(root))
    assert table.query(stance="support") == store.query(stance="support")
    assert table.query(tag="t") == store.query(tag="t")
    with sqlite3.connect(table.path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_rows_build_the_same_highlight_either_way(
    store: AnnotationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows are built by one assignment of every field in order, or field by field when
    Annotation's fields change: the same highlights as the store's either way."""
    import annotations.highlighttable as module

    store.add(make("art-1", 0, stance="support", tags=["#a", "A"], speaker=" Mayor\\x1b "))
    table = table_of(store)
    fast = table.query()
    monkeypatch.setattr(module, "_IN_ORDER", False)
    assert table.query() == fast == store.query()


def test_articles_gives_each_articles_highlights_in_turn_as_query_does(
    store: AnnotationStore,
) -> None:
    """`articles` streams what `query` returns, grouped by article in article order, with the
    stamps of the versions it read; an edit made before it is called is seen."""
    for n, article in enumerate(["art-2", "art-1", "art-3"]):
        for start in (9, 0, 4):
            store.add(make(article, start + n, stance="support"))
    table = table_of(store)
    whole = table.query()
    assert whole is not None
    stream = table.articles()
    assert stream is not None
    assert table.stamps == store.file_stamps()
    groups = list(stream)
    assert [article for article, _ in groups] == ["art-1", "art-2", "art-3"]
    assert [a for _, found in groups for a in found] == whole
    stream = table.articles()  # listed; then another process reads a newer version of art-2
    assert stream is not None
    edit_file(store.shard_path("art-2"), lambda anns: anns.pop(next(iter(anns))))
    other = table_of(AnnotationStore(store.root))
    again = other.articles()
    assert again is not None  # not blocked by the first stream, which holds no lock
    assert [len(found) for _, found in again] == [3, 2, 3]
    # The first stream leaves art-2 out (its rows are of a version it did not list): its
    # caller reads the file, never rows filed under another version's stamp.
    assert [article for article, _ in stream] == ["art-1", "art-3"]
