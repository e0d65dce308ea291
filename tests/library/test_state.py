"""Reading state: positions, last-read times and the last open article, kept durably."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from library.state import Position, ReadingState


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "lib" / "state.json"


def test_a_new_library_knows_nothing_and_reading_creates_no_file(path: Path) -> None:
    state = ReadingState(path)
    assert state.position("a") is None
    assert state.last_article() is None
    assert state.recently_read() == {}
    assert not path.parent.exists()


def test_positions_and_last_article_survive_a_restart(path: Path) -> None:
    state = ReadingState(path)
    saved = state.set_position("a", 120, 133)
    state.set_last_article("a")
    again = ReadingState(path)
    assert again.position("a") == saved
    assert isinstance(saved, Position) and (saved.offset, saved.cursor) == (120, 133)
    assert saved.read_at.endswith("Z")
    assert again.last_article() == "a"


def test_negative_offsets_are_clamped(path: Path) -> None:
    state = ReadingState(path)
    saved = state.set_position("a", -5, -1)
    assert (saved.offset, saved.cursor) == (0, 0)


def test_recently_read_is_most_recent_first(path: Path) -> None:
    state = ReadingState(path)
    for article in ("a", "b", "c"):
        state.set_position(article, 0, 0)
    state.set_position("a", 10, 10)
    assert list(state.recently_read()) == ["a", "c", "b"]
    assert list(state.recently_read(limit=2)) == ["a", "c"]


def test_forget_drops_the_article(path: Path) -> None:
    state = ReadingState(path)
    state.set_position("a", 1, 1)
    state.set_position("b", 2, 2)
    state.set_last_article("a")
    state.forget("a")
    assert state.position("a") is None
    assert state.last_article() is None
    assert list(state.recently_read()) == ["b"]
    state.set_last_article(None)
    assert state.last_article() is None


def test_two_instances_share_the_file(path: Path) -> None:
    one, two = ReadingState(path), ReadingState(path)
    one.set_position("a", 5, 6)
    two.set_position("b", 7, 8)
    two.set_last_article("b")
    assert one.position("b") is not None and one.last_article() == "b"
    assert set(ReadingState(path).recently_read()) == {"a", "b"}


def test_file_is_plain_tinydb_json(path: Path) -> None:
    ReadingState(path).set_position("a", 3, 4)
    data = orjson.loads(path.read_bytes())
    assert data["positions"]["a"]["offset"] == 3
    assert data["_meta"]["1"]["schema"] == 1


@pytest.mark.parametrize(
    "broken",
    [
        b"",
        b'{"positions": {"a": {"offset": 1',
        b"\xff\xfe garbage",
        b'{"_meta": {"1": {"schema": 1}}, "positions": {"a": {"offset": "x", "cursor": 0}}}',
    ],
    ids=["empty", "truncated", "garbage", "bad-position"],
)
def test_a_corrupt_file_is_restored_from_backup_and_reported(path: Path, broken: bytes) -> None:
    state = ReadingState(path)
    state.set_position("a", 1, 1)
    state.set_position("b", 2, 2)
    path.write_bytes(broken)
    told: list[str] = []
    fresh = ReadingState(path, on_recovery=told.append)
    # The backup is written ahead of each save: the last one comes back too.
    assert fresh.position("a") is not None and fresh.position("b") is not None
    assert told == fresh.recoveries and len(told) == 1
    assert "state.json" in told[0] and "restored" in told[0]
    assert len(list(path.parent.glob("state.json.corrupt-*"))) == 1
    fresh.set_position("c", 3, 3)
    assert ReadingState(path).position("c") is not None
