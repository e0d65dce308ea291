"""The durable TinyDB storage: atomic writes, reloads, batches, backups, migrations, repair."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from tinydb.storages import MemoryStorage

import library.tinystore as tinystore
from library.tinystore import (
    CorruptFile,
    DurableDB,
    NewerFormat,
    StrTable,
    open_db,
)


def table(db: DurableDB, name: str = "items") -> StrTable:
    t = db.table(name)
    assert isinstance(t, StrTable)
    return t


@pytest.fixture(params=["memory", "file"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DurableDB]:
    """The same string-keyed table API on TinyDB's MemoryStorage and on the durable file."""
    if request.param == "memory":
        yield DurableDB(storage=MemoryStorage)
    else:
        yield open_db(tmp_path / "db.json")


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every durable file replacement, in order."""
    seen: list[Path] = []
    real = tinystore.replace_file

    def spy(path: Path, payload: bytes, *, durable: bool = True) -> Any:
        seen.append(path)
        return real(path, payload, durable=durable)

    monkeypatch.setattr(tinystore, "replace_file", spy)
    return seen


def test_string_ids_put_fetch_change_set_drop(db: DurableDB) -> None:
    items = table(db)
    items.put("a-1", {"n": 1})
    items.set("b-2", {"n": 2})
    assert items.fetch("a-1") == {"n": 1}
    assert items.change("a-1", {"n": 10}) is True
    assert items.change("missing", {"n": 0}) is False
    items.set("b-2", {"m": 3})  # replaces the whole document
    assert items.fetch("b-2") == {"m": 3}
    with pytest.raises(ValueError):
        items.put("a-1", {"n": 5})
    with pytest.raises(ValueError):
        items.insert({"no": "id"})
    assert items.drop("a-1") is True
    assert items.drop("a-1") is False
    assert sorted(items.raw()) == ["b-2"]


def test_missing_file_reads_as_empty_and_reading_creates_nothing(tmp_path: Path) -> None:
    db = open_db(tmp_path / "sub" / "db.json")
    assert table(db).all() == []
    assert not (tmp_path / "sub").exists()


def test_file_is_json_with_schema_and_no_temp_files_left(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = open_db(path, schema=3)
    table(db).put("x", {"v": [1, 2]})
    data = orjson.loads(path.read_bytes())
    assert data["items"] == {"x": {"v": [1, 2]}}
    assert data["_meta"]["1"]["schema"] == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_second_instance_sees_writes_and_the_first_sees_them_back(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    one, two = open_db(path), open_db(path)
    table(one).put("a", {"n": 1})
    assert table(two).fetch("a") == {"n": 1}
    table(two).change("a", {"n": 2})
    table(two).put("b", {"n": 3})
    assert table(one).fetch("a") == {"n": 2}
    assert sorted(table(one).raw()) == ["a", "b"]


def test_rapid_same_size_writes_are_still_seen(tmp_path: Path) -> None:
    # Same size, same coarse mtime, possibly a recycled inode: the ns mtime still tells them apart.
    path = tmp_path / "db.json"
    writer, reader = open_db(path, backups=0), open_db(path, backups=0)
    for n in range(50):
        table(writer).set("k", {"n": n % 10})
        assert table(reader).fetch("k") == {"n": n % 10}


def test_batch_is_one_write(tmp_path: Path, writes: list[Path]) -> None:
    db = open_db(tmp_path / "db.json")
    with db.durable.batch():
        for n in range(5):
            table(db).put(str(n), {"n": n})
        table(db).drop("0")
        assert sorted(table(db).raw()) == ["1", "2", "3", "4"]  # reads inside see the batch
    assert len(writes) == 1
    assert sorted(table(open_db(tmp_path / "db.json")).raw()) == ["1", "2", "3", "4"]


def test_failed_batch_writes_nothing_and_forgets_its_changes(
    tmp_path: Path, writes: list[Path]
) -> None:
    db = open_db(tmp_path / "db.json")
    table(db).put("keep", {"n": 1})
    with pytest.raises(RuntimeError), db.durable.batch():
        table(db).change("keep", {"n": 99})
        table(db).put("new", {"n": 2})
        raise RuntimeError("boom")
    assert len(writes) == 1
    assert table(db).raw() == {"keep": {"n": 1}}


def test_backups_keep_the_last_versions(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = open_db(path, backups=3)
    for n in range(8):
        table(db).set("k", {"n": n})
    backups = db.durable.backups.newest_first()
    # The newest backup is the last save itself (written ahead of it), not the one before.
    assert [orjson.loads(p.read_bytes())["items"]["k"]["n"] for p in backups] == [7, 6, 5]
    assert sorted(p.name for p in (tmp_path / ".backups").iterdir()) == [
        "db.1.json",
        "db.2.json",
        "db.3.json",
    ]


def test_backups_survive_the_live_file_being_overwritten_in_place(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = open_db(path)
    table(db).set("k", {"n": 1})
    table(db).set("k", {"n": 2})
    with open(path, "r+b") as handle:  # in place, as an editor or a sync tool might
        handle.write(b"\0" * 10)
    newest = db.durable.backups.newest_first()[0]
    assert orjson.loads(newest.read_bytes())["items"]["k"] == {"n": 2}  # not a hard link


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda good: b"",
    "truncated": lambda good: good[: len(good) // 2],
    "garbage": lambda good: bytes(range(256)) * 4,
    "list": lambda good: b"[1, 2, 3]",
    "table-not-object": lambda good: b'{"items": [1]}',
    "document-not-object": lambda good: b'{"items": {"k": 5}}',
    "bad-schema": lambda good: b'{"_meta": {"1": {"schema": "one"}}}',
}


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_corrupt_file_is_moved_aside_and_the_newest_good_backup_restored(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "db.json"
    messages: list[str] = []
    table(open_db(path)).set("k", {"n": 1})
    table(open_db(path)).set("k", {"n": 2})
    bad = CORRUPTIONS[kind](path.read_bytes())
    path.write_bytes(bad)

    db = open_db(path, on_recovery=messages.append)
    assert table(db).fetch("k") == {"n": 2}  # every acknowledged save comes back
    assert len(messages) == 1
    assert str(path) in messages[0] and "backup" in messages[0] and "restored" in messages[0]
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("db.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == bad
    assert aside[0].name in messages[0]
    table(db).set("k", {"n": 3})  # and it works normally afterwards
    assert table(open_db(path)).fetch("k") == {"n": 3}


def test_a_broken_newest_backup_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = open_db(path)
    for n in range(3):
        table(db).set("k", {"n": n})
    newest = db.durable.backups.newest_first()[0]
    newest.unlink()
    newest.write_bytes(b"{broken")  # a new file: mtime now, so it sorts newest
    path.write_bytes(b"")
    messages: list[str] = []
    assert table(open_db(path, on_recovery=messages.append)).fetch("k") == {"n": 1}
    assert len(messages) == 1


def test_corrupt_file_without_backup_starts_empty_and_keeps_the_file(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b'{"items": {"k": {"n": 1}')
    messages: list[str] = []
    db = open_db(path, on_recovery=messages.append)
    assert table(db).all() == []
    assert "no good backup" in messages[0] and "starts empty" in messages[0]
    assert len(list(tmp_path.glob("db.json.corrupt-*"))) == 1


def test_a_directory_in_place_of_the_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.mkdir()
    messages: list[str] = []
    db = open_db(path, on_recovery=messages.append)
    assert table(db).all() == []
    assert "cannot be read" in messages[0]
    table(db).put("a", {"n": 1})
    assert path.is_file()


def test_validator_failures_count_as_corruption(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b'{"_meta": {"1": {"schema": 1}}, "items": {"k": {"n": "text"}}}')

    def numbers_only(tables: dict[str, dict[str, Any]]) -> str | None:
        ok = all(isinstance(d.get("n"), int) for d in tables.get("items", {}).values())
        return None if ok else "n must be a number"

    messages: list[str] = []
    db = open_db(path, validate=numbers_only, on_recovery=messages.append)
    assert table(db).all() == []
    assert "n must be a number" in messages[0]


def test_without_recovery_corruption_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b"nope")
    with pytest.raises(CorruptFile, match="not valid JSON"):
        open_db(path, recover=False).durable.read()
    assert path.read_bytes() == b"nope"


def test_newer_format_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    raw = b'{"_meta": {"1": {"schema": 7}}, "items": {}}'
    path.write_bytes(raw)
    with pytest.raises(NewerFormat, match="newer Margin"):
        table(open_db(path, schema=2)).all()
    assert path.read_bytes() == raw


def test_migrations_run_in_order_and_are_saved_on_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b'{"_default": {"1": {"name": "old"}}}')  # no _meta: format 0

    def v0_to_v1(t: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {"items": {d["name"]: d for d in t.pop("_default").values()}, **t}

    def v1_to_v2(t: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for doc in t["items"].values():
            doc["label"] = doc.pop("name").upper()
        return t

    db = open_db(path, schema=2, migrations={0: v0_to_v1, 1: v1_to_v2})
    assert table(db).fetch("old") == {"label": "OLD"}
    assert b"_default" in path.read_bytes()  # reading changes nothing on disk
    table(db).put("new", {"label": "NEW"})
    data = orjson.loads(path.read_bytes())
    assert data["_meta"]["1"]["schema"] == 2 and "_default" not in data
    kept = [orjson.loads(p.read_bytes()) for p in db.durable.backups.newest_first()]
    assert {"_default": {"1": {"name": "old"}}} in kept  # the file as it was before migrating


def test_a_write_that_fails_leaves_the_old_file_and_a_clean_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    db = open_db(path)
    table(db).put("a", {"n": 1})

    def full_disk(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tinystore, "replace_file", full_disk)
    with pytest.raises(tinystore.StorageError, match=r"db.json: cannot save \(the disk is full\)"):
        table(db).change("a", {"n": 2})
    monkeypatch.undo()
    assert table(db).fetch("a") == {"n": 1}
    assert orjson.loads(path.read_bytes())["items"] == {"a": {"n": 1}}
