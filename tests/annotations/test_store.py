"""The annotation store: CRUD, lookups, queries, deletion with a way back, sharing, repair."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import types
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

import library.tinystore as tinystore
from annotations.errors import (
    AmbiguousAnnotation,
    AnnotationExists,
    AnnotationNotFound,
    StoreError,
)
from annotations.model import Annotation
from annotations.store import AnnotationStore

REPO = Path(__file__).resolve().parents[2]


def make(article: str = "art-1", start: int = 0, quote: str = "words", **extra: Any) -> Annotation:
    return Annotation(article, start, start + len(quote), quote, **extra)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "lib" / "annotations"


@pytest.fixture
def store(root: Path) -> AnnotationStore:
    return AnnotationStore(root)


# -- create, read, update --------------------------------------------------------------------------
def test_add_then_read_back_in_reading_order(store: AnnotationStore) -> None:
    late = store.add(make(start=50, quote="later words", stance="support", tags=["Economy"]))
    early = store.add(make(start=5, quote="early words", note="a note"))
    other = store.add(make("art-2", 0, "elsewhere"))
    assert store.for_article("art-1") == [early, late]
    assert store.for_article("art-2") == [other]
    assert store.for_article("nothing-here") == []
    assert AnnotationStore(store.root).for_article("art-1") == [early, late]


def test_reads_of_an_empty_library_create_no_files(root: Path) -> None:
    store = AnnotationStore(root)
    assert store.for_article("x") == []
    assert store.query(stance="support") == []
    assert store.stance_counts() == {}
    assert not root.exists()


def test_add_is_durable_json_in_the_articles_file(store: AnnotationStore) -> None:
    saved = store.add(make(stance="oppose", tags=["#Law ", "law", "courts"]))
    data = orjson.loads(store.shard_path("art-1").read_bytes())
    assert data["annotations"][saved.id]["tags"] == ["Law", "courts"]
    assert data.get("deleted", {}) == {}
    assert data["_meta"]["1"]["schema"] == 1


def test_add_twice_is_refused(store: AnnotationStore) -> None:
    saved = store.add(make())
    with pytest.raises(AnnotationExists):
        store.add(saved)


def test_invalid_span_is_refused(store: AnnotationStore) -> None:
    with pytest.raises(Exception, match="not valid"):
        store.add(Annotation("art-1", 10, 5, "x"))


def test_update_saves_the_changed_copy(store: AnnotationStore) -> None:
    saved = store.add(make())
    changed = store.update(saved.changed(stance="oppose", tags=["Courts"], note="why"))
    fresh = AnnotationStore(store.root).get(saved.id)
    assert fresh == changed
    assert (fresh.stance, fresh.tags, fresh.note) == ("oppose", ["Courts"], "why")


def test_update_of_an_unknown_or_deleted_highlight_is_an_error(store: AnnotationStore) -> None:
    with pytest.raises(AnnotationNotFound):
        store.update(make())
    saved = store.add(make())
    store.delete(saved.id)
    with pytest.raises(AnnotationNotFound, match="deleted"):
        store.update(saved.changed(note="x"))


def test_get_by_id_and_unique_prefix(store: AnnotationStore) -> None:
    a = store.add(make(id="abc12345-0000"))
    store.add(make(start=9, id="abd99999-0000"))
    fresh = AnnotationStore(store.root)
    assert fresh.get("abc12345-0000") == a
    assert fresh.get("abc") == a
    assert fresh.get("  abc1 ") == a
    with pytest.raises(AmbiguousAnnotation) as info:
        fresh.get("ab")
    assert "abc12345-0000" in str(info.value) and "abd99999-0000" in str(info.value)
    with pytest.raises(AnnotationNotFound):
        fresh.get("zzz")
    with pytest.raises(AnnotationNotFound):
        fresh.get("")


def test_bad_article_ids_are_refused(store: AnnotationStore) -> None:
    for bad in ("", ".hidden", "a/b", "..", "a\\b"):
        with pytest.raises(Exception, match="not a valid article id"):
            store.shard_path(bad)


# -- delete and restore ----------------------------------------------------------------------------
def test_delete_keeps_a_way_back(store: AnnotationStore) -> None:
    keep = store.add(make(quote="keep"))
    gone = store.add(make(start=10, quote="gone", stance="oppose"))
    assert store.delete(gone.id[:8]) == gone
    assert store.for_article("art-1") == [keep]
    assert store.query(stance="oppose") == []
    assert store.deleted() == [gone] == store.deleted("art-1")
    raw = orjson.loads(store.shard_path("art-1").read_bytes())
    assert raw["deleted"][gone.id]["deleted_at"]
    with pytest.raises(AnnotationNotFound):
        store.delete(gone.id)
    assert AnnotationStore(store.root).restore_deleted(gone.id[:6]) == gone
    assert store.for_article("art-1") == [keep, gone]
    assert store.deleted() == []


def test_deleted_lists_newest_first_across_articles(store: AnnotationStore) -> None:
    first = store.add(make("a", quote="first"))
    second = store.add(make("b", quote="second"))
    store.delete(first.id)
    store.delete(second.id)
    assert store.deleted() == [second, first]
    assert store.deleted("a") == [first]


def test_restore_of_something_never_deleted_is_an_error(store: AnnotationStore) -> None:
    live = store.add(make())
    with pytest.raises(AnnotationNotFound):
        store.restore_deleted(live.id)


# -- library-wide views ----------------------------------------------------------------------------
@pytest.fixture
def library(store: AnnotationStore) -> dict[str, Annotation]:
    items = {
        "a1": make("a", 0, "one", stance="Support", tags=["Economy", "jobs"], created="2024-01-05"),
        "a2": make("a", 10, "two", stance="oppose", tags=["Economy"], created="2024-03-01"),
        "a3": make("a", 20, "three", stance=None, tags=["Health"], created="2024-02-01"),
        "b1": make("b", 0, "four", stance="oppose", tags=["ECONOMY"], orphaned=True),
        "b2": make("b", 9, "five", stance="neutral", needs_review=True, created="2023-12-31"),
    }
    for key, ann in items.items():
        items[key] = store.add(ann)
    return items


def test_query_filters(store: AnnotationStore, library: dict[str, Annotation]) -> None:
    def ids(**filters: Any) -> list[str]:
        by_id = {a.id: k for k, a in library.items()}
        return [by_id[a.id] for a in store.query(**filters)]

    assert ids() == ["a1", "a2", "a3", "b1", "b2"]
    assert ids(stance="OPPOSE") == ["a2", "b1"]
    assert ids(stance="support") == ["a1"]
    assert ids(tag="economy") == ["a1", "a2", "b1"]
    assert ids(tag="#Economy ") == ["a1", "a2", "b1"]
    assert ids(stance="oppose", tag="Economy") == ["a2", "b1"]
    assert ids(stance="oppose", tag="economy", article="a") == ["a2"]
    assert ids(orphaned=True) == ["b1"]
    assert ids(orphaned=False, article="b") == ["b2"]
    assert ids(needs_review=True) == ["b2"]
    assert ids(since="2024-02-01") == ["a2", "a3", "b1"]
    assert ids(tag="nothing") == []
    assert ids(article="missing") == []


def test_stance_counts_and_tags(store: AnnotationStore, library: dict[str, Annotation]) -> None:
    assert store.stance_counts() == {
        "a": Counter({"Support": 1, "oppose": 1, None: 1}),
        "b": Counter({"oppose": 1, "neutral": 1}),
    }
    assert store.all_tags() == ["Economy", "Health", "jobs"]
    store.delete(library["a3"].id)
    assert store.all_tags() == ["Economy", "jobs"]
    assert store.stance_counts()["a"] == Counter({"Support": 1, "oppose": 1})
    # The same from one look at the files, and from a store that reads the on-disk index.
    assert store.overview() == (store.stance_counts(), store.all_tags())
    assert AnnotationStore(store.root).overview() == store.overview()


def test_views_follow_changes_made_through_another_store(
    store: AnnotationStore, library: dict[str, Annotation]
) -> None:
    assert len(store.query(stance="oppose")) == 2  # builds the in-memory index
    other = AnnotationStore(store.root)
    other.update(library["a1"].changed(stance="oppose"))
    other.add(make("c", 0, "new", stance="oppose"))
    other.delete(library["b1"].id)
    assert [a.quote for a in store.query(stance="oppose")] == ["one", "two", "new"]
    assert store.stance_counts()["c"] == Counter({"oppose": 1})
    assert store.get(library["a1"].id).stance == "oppose"


def test_the_on_disk_index_is_used_and_checked(
    store: AnnotationStore, library: dict[str, Annotation]
) -> None:
    store.close()
    index = store.root / ".index.json"
    assert set(orjson.loads(index.read_bytes())["articles"]) == {"a", "b"}
    # The index is stale for "a" once another writer changes it; readers must notice.
    AnnotationStore(store.root).add(make("a", 30, "six", stance="neutral"))
    assert AnnotationStore(store.root).stance_counts()["a"]["neutral"] == 1
    # A broken index is ignored and rebuilt; it is a cache, so nobody is told.
    index.write_bytes(b"garbage")
    fresh = AnnotationStore(store.root)
    assert sum(sum(c.values()) for c in fresh.stance_counts().values()) == 6
    assert fresh.recoveries == []
    assert orjson.loads(index.read_bytes())["articles"]


def test_a_new_process_finds_ids_without_reading_every_file(
    store: AnnotationStore, library: dict[str, Annotation], monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    assert (store.root / ".ids.json").exists()
    loaded: list[Path] = []
    real = tinystore.DurableStorage._load

    def spy(self: tinystore.DurableStorage) -> Any:
        if not self.path.name.startswith("."):  # shard files, not the indexes
            loaded.append(self.path)
        return real(self)

    monkeypatch.setattr(tinystore.DurableStorage, "_load", spy)
    fresh = AnnotationStore(store.root)
    assert fresh.stance_counts()["b"] == Counter({"oppose": 1, "neutral": 1})
    assert loaded == []  # counts come from the index
    assert fresh.get(library["b2"].id[:10]) == library["b2"]
    assert [p.name for p in loaded] == ["b.json"]  # only the file holding the highlight


def test_moving_a_file_away_and_back_with_forget(
    store: AnnotationStore, library: dict[str, Annotation], tmp_path: Path
) -> None:
    shard = store.shard_path("b")
    store.for_article("b")
    os.replace(shard, tmp_path / "b.json")  # as the library's trash does
    store.forget("b")
    assert store.for_article("b") == []
    assert set(store.stance_counts()) == {"a"}
    os.replace(tmp_path / "b.json", shard)
    store.forget("b")
    assert len(store.for_article("b")) == 2
    assert set(store.stance_counts()) == {"a", "b"}


# -- re-anchoring ----------------------------------------------------------------------------------
def fake_reanchor(annotation: Annotation, new_text: str) -> Annotation:
    """The anchoring contract in miniature: same place, moved, approximate, or orphaned."""
    if new_text[annotation.start : annotation.end] == annotation.quote:
        return annotation
    at = new_text.find(annotation.quote)
    if at >= 0:
        return annotation.changed(start=at, end=at + len(annotation.quote))
    at = new_text.casefold().find(annotation.quote.casefold())
    if at >= 0:
        end = at + len(annotation.quote)
        return annotation.changed(
            start=at,
            end=end,
            quote=new_text[at:end],
            original_quote=annotation.quote,
            needs_review=True,
        )
    return annotation.changed(orphaned=True)


def test_reanchor_article_reports_and_saves_in_one_write(
    store: AnnotationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        sys.modules, "annotations.anchoring", types.SimpleNamespace(reanchor=fake_reanchor)
    )
    old_text = "alpha beta gamma delta"
    for word in ("alpha", "beta", "gamma", "delta"):
        store.add(make("doc", old_text.index(word), word))
    writes: list[Path] = []
    real = tinystore.replace_file

    def spy(path: Path, payload: bytes, *, durable: bool = True) -> Any:
        writes.append(path)
        return real(path, payload, durable=durable)

    monkeypatch.setattr(tinystore, "replace_file", spy)
    report = store.reanchor_article("doc", "alpha GAMMA zeta beta")
    assert (report.kept, report.moved, report.approximate, report.orphaned) == (1, 1, 1, 1)
    assert report.total == 4
    assert [w.name for w in writes] == ["doc.json"]
    stored = AnnotationStore(store.root).for_article("doc")
    by_quote = {a.original_quote or a.quote: a for a in stored}
    assert (by_quote["beta"].start, by_quote["beta"].end) == (17, 21)
    assert by_quote["gamma"].needs_review and by_quote["gamma"].quote == "GAMMA"
    assert by_quote["delta"].orphaned
    assert store.query(orphaned=True, article="doc") == [by_quote["delta"]]


# -- format, corruption ----------------------------------------------------------------------------
def test_a_format_0_file_is_migrated(root: Path) -> None:
    root.mkdir(parents=True)
    old = make("old-art", 3, "kept words", stance="support").to_dict()
    del old["id"]
    (root / "old-art.json").write_bytes(orjson.dumps({"_default": {"1": old}}))
    store = AnnotationStore(root)
    [found] = store.for_article("old-art")
    assert (found.quote, found.stance, found.start) == ("kept words", "support", 3)
    assert store.get(found.id) == found
    store.add(make("old-art", 20, "new words"))
    data = orjson.loads((root / "old-art.json").read_bytes())
    assert data["_meta"]["1"]["schema"] == 1 and "_default" not in data
    assert len(data["annotations"]) == 2
    assert store.recoveries == []


BREAKAGES: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda good: good[: len(good) * 2 // 3],
    "garbage": lambda good: os.urandom(300),
    "wrong-shape": lambda good: orjson.dumps({"annotations": [1, 2]}),
    "bad-highlight": lambda good: orjson.dumps(
        {"_meta": {"1": {"schema": 1}}, "annotations": {"x": {"id": "x", "quote": 5}}}
    ),
}


@pytest.mark.parametrize("kind", sorted(BREAKAGES))
def test_a_corrupt_file_is_repaired_from_backup_and_reported(root: Path, kind: str) -> None:
    store = AnnotationStore(root)
    first = store.add(make(quote="first"))
    second = store.add(make(start=10, quote="second"))
    path = store.shard_path("art-1")
    path.write_bytes(BREAKAGES[kind](path.read_bytes()))

    told: list[str] = []
    fresh = AnnotationStore(root, on_recovery=told.append)
    assert fresh.for_article("art-1") == [first, second]  # the last save is in the backup
    assert len(fresh.recoveries) == 1 and told == fresh.recoveries
    assert "art-1.json" in told[0] and "restored" in told[0]
    assert len(list(root.glob("art-1.json.corrupt-*"))) == 1
    assert fresh.stance_counts() == {"art-1": Counter({None: 2})}


def test_each_repair_is_reported_once_to_a_late_follower(root: Path) -> None:
    """Repairs made before anyone listens are handed over; later ones go to the callback."""
    store = AnnotationStore(root)
    store.add(make("a", quote="one"))
    store.add(make("b", quote="two"))
    for article in ("a", "b"):
        store.shard_path(article).write_bytes(b"\x00")
    fresh = AnnotationStore(root)
    fresh.for_article("a")  # repaired before the app listens
    told: list[str] = []
    earlier = fresh.follow_recoveries(told.append)
    fresh.for_article("b")
    assert len(earlier) == 1 and "a.json" in earlier[0]
    assert len(told) == 1 and "b.json" in told[0]
    assert fresh.recoveries == [*earlier, *told]


def test_corruption_found_by_a_library_wide_view_is_repaired_too(root: Path) -> None:
    store = AnnotationStore(root)
    store.add(make("a", quote="one", stance="oppose"))
    store.add(make("a", 9, quote="two", stance="oppose"))
    store.add(make("b", quote="three", stance="oppose"))
    store.shard_path("a").write_bytes(b"\x00\x00\x00")
    fresh = AnnotationStore(root)
    assert [a.quote for a in fresh.query(stance="oppose")] == ["one", "two", "three"]
    assert len(fresh.recoveries) == 1


def test_a_file_from_a_newer_margin_is_an_error_not_a_loss(root: Path) -> None:
    root.mkdir(parents=True)
    raw = orjson.dumps({"_meta": {"1": {"schema": 99}}, "annotations": {}})
    (root / "future.json").write_bytes(raw)
    store = AnnotationStore(root)
    store.add(make("today", quote="fine"))
    with pytest.raises(StoreError, match="newer Margin"):
        store.for_article("future")
    assert store.stance_counts() == {"today": Counter({None: 1})}
    assert any("newer Margin" in p for p in store.problems)
    assert (root / "future.json").read_bytes() == raw


# -- sharing ---------------------------------------------------------------------------------------
def test_threads_adding_at_once_lose_nothing(store: AnnotationStore) -> None:
    def work(n: int) -> None:
        for i in range(15):
            store.add(make(start=n * 100 + i, quote=f"t{n}-{i}"))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.for_article("art-1")) == 60


WRITER = """
import sys, time
from pathlib import Path
from annotations.model import Annotation
from annotations.store import AnnotationStore

root, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = AnnotationStore(root)
(root.parent / f"ready-{name}").touch()
while not (root.parent / "go").exists():
    time.sleep(0.002)
for i in range(count):
    store.add(Annotation("shared", i, i + 1, f"{name}-{i}"))
    if i % 10 == 0:
        store.add(Annotation(f"own-{name}", i, i + 1, f"{name}-{i}"))
"""


def test_two_processes_adding_to_one_article_lose_nothing(root: Path) -> None:
    root.mkdir(parents=True)
    count = 60
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(root), name, str(count)], env=env)
        for name in ("p", "q")
    ]
    try:
        for name in ("p", "q"):
            for _ in range(3000):
                if (root.parent / f"ready-{name}").exists():
                    break
                threading.Event().wait(0.005)
        (root.parent / "go").touch()
        assert [p.wait(timeout=60) for p in procs] == [0, 0]
    finally:
        for p in procs:
            p.kill()
    quotes = {a.quote for a in AnnotationStore(root).for_article("shared")}
    assert quotes == {f"{n}-{i}" for n in ("p", "q") for i in range(count)}
    counts = AnnotationStore(root).stance_counts()
    assert counts["own-p"][None] == counts["own-q"][None] == count // 10


def test_reanchor_article_with_the_real_anchoring(store: AnnotationStore) -> None:
    old = "The mayor said the program was eroding trust. Officials disagreed."
    new = "Intro line. The mayor said the program was eroding trust. Officials disagreed strongly."
    quote = "the program was eroding trust"
    start = old.index(quote)
    saved = store.add(Annotation.from_span("city", old, start, start + len(quote)))
    first_word = store.add(Annotation.from_span("city", old, 0, 3))
    report = store.reanchor_article("city", new)
    assert report.total == 2 and report.orphaned == 0
    moved = store.get(saved.id)
    assert new[moved.start : moved.end] == quote
    assert store.get(first_word.id).quote == "The"


def test_finding_a_highlight_by_id_opens_only_its_file(root: Path) -> None:
    """Library-wide views list every file without opening it; looking up one id must not undo
    that by opening them all (thousands of files at scale)."""
    store = AnnotationStore(root)
    added = [store.add(make(f"art-{n}", quote=f"quote {n}")) for n in range(20)]
    AnnotationStore(root).overview()  # reads every file once and saves the index
    fresh = AnnotationStore(root)
    fresh.overview()  # from the index: no file opened
    assert all(s.opened_storage is None for s in fresh._shards.values())
    assert fresh.get(added[7].id).quote == "quote 7"
    fresh.get(added[7].id)  # the exact-id shortcut over files already open
    opened = [s.article_id for s in fresh._shards.values() if s.opened_storage is not None]
    assert opened == ["art-7"]


def test_a_first_query_scans_and_a_second_uses_lookups_with_the_same_answers(
    root: Path,
) -> None:
    """A command queries each file once (a scan); the reader again and again (lookups built on
    the second query): both find the same highlights, stance and tags matched in any case."""
    seed = AnnotationStore(root)
    for n, (stance, tags) in enumerate(
        [("oppose", ["Economy"]), ("Oppose", ["economy", "law"]), ("support", []), (None, ["LAW"])]
    ):
        seed.add(make("art-1", start=n * 10, stance=stance, tags=tags))
        seed.add(make("art-2", start=n * 10, stance=stance, tags=tags))
    fresh = AnnotationStore(root)
    asks: list[dict[str, Any]] = [
        {"stance": "oppose"},
        {"tag": "law"},
        {"stance": "OPPOSE", "tag": "economy"},
        {},
    ]
    for ask in asks:
        first = [a.id for a in fresh.query(**ask)]
        second = [a.id for a in fresh.query(**ask)]
        third = [a.id for a in fresh.query(**ask)]
        expected = [a.id for a in AnnotationStore(root).query(**ask)]
        assert first == second == third == expected, ask
    assert len(fresh.query(stance="oppose")) == 4
    assert len(fresh.query(tag="law")) == 4
    assert len(fresh.query(stance="oppose", tag="economy")) == 4


def test_a_stance_or_tag_query_reads_only_files_that_can_match_and_sees_hand_edits(
    store: AnnotationStore, library: dict[str, Annotation], monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    # A fresh process takes the per-file stances and tags from `.index.json`: a file with no
    # highlight of that stance or tag is never opened.
    fresh = AnnotationStore(store.root)
    read: list[str] = []
    real = tinystore.DurableStorage.read

    def counting(self: tinystore.DurableStorage) -> Any:
        if not self.path.name.startswith("."):  # the index itself is read once, as always
            read.append(self.path.name)
        return real(self)

    monkeypatch.setattr(tinystore.DurableStorage, "read", counting)
    assert [a.quote for a in fresh.query(stance="SUPPORT")] == ["one"]
    assert read == ["a.json"]
    read.clear()
    assert [a.quote for a in AnnotationStore(store.root).query(tag="health")] == ["three"]
    assert read == ["a.json"]
    monkeypatch.setattr(tinystore.DurableStorage, "read", real)
    # A hand edit of b's file (another stance, another tag, a different size) changes its
    # stamp: the index entry is not trusted and the file is read again.
    path = store.root / "b.json"
    raw = orjson.loads(path.read_bytes())
    doc = raw["annotations"][library["b2"].id]
    doc["stance"], doc["tags"] = "Support", ["health-care", "Health"]
    path.write_bytes(orjson.dumps(raw, option=orjson.OPT_INDENT_2))
    later = AnnotationStore(store.root)
    assert [a.quote for a in later.query(stance="support")] == ["one", "five"]
    assert [a.quote for a in later.query(tag="Health")] == ["three", "five"]
    assert [a.quote for a in later.query(stance="neutral")] == []
