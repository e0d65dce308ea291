"""Removing an article moves it and its companions to the trash with the manifest, or nothing."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from library.errors import WriteFailed
from library.store import Library
from tests.conftest import NEWS_TEXT


def _library_with_companion(tmp_path: Path) -> tuple[Library, str, Path]:
    library = Library(tmp_path / "lib")
    source = tmp_path / "news.txt"
    source.write_text(NEWS_TEXT, encoding="utf-8")
    article = library.import_file(source).article.id
    shard = library.root / "annotations" / f"{article}.json"
    shard.parent.mkdir(parents=True)
    shard.write_text('{"highlights": {"h1": {"quote": "Secure Communities"}}}', encoding="utf-8")
    return library, article, shard


def _assert_untouched(library: Library, article: str, shard: Path) -> None:
    assert library.has(article) and library.path_of(article).exists()
    assert "h1" in shard.read_text(encoding="utf-8")
    assert library.trash() == []
    assert not library.trash_dir.exists() or not any(library.trash_dir.iterdir())


def test_remove_moves_article_companions_and_manifest_together(tmp_path: Path) -> None:
    library, article, shard = _library_with_companion(tmp_path)
    entry = library.remove(article, {"annotations.json": shard})
    assert not library.has(article) and not shard.exists()
    assert {p.name for p in entry.folder.iterdir()} == {
        "trash.json",
        "annotations.json",
        "article.md",
    }
    assert [e.id for e in library.trash()] == [article]
    library.restore(entry)
    assert library.has(article) and "h1" in shard.read_text(encoding="utf-8")


def test_a_full_disk_at_the_manifest_removes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library, article, shard = _library_with_companion(tmp_path)

    def full(fd: int, payload: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("library.fsutil._write_payload", full)
    with pytest.raises(WriteFailed, match=r"trash\.json: cannot write \(the disk is full\)"):
        library.remove(article, {"annotations.json": shard})
    monkeypatch.undo()
    _assert_untouched(library, article, shard)


def test_a_failed_move_of_the_article_puts_the_companions_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library, article, shard = _library_with_companion(tmp_path)
    real = os.replace

    def refuse_article(source: str | Path, target: str | Path) -> None:
        if Path(target).name == "article.md":
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(source))
        real(source, target)

    monkeypatch.setattr("library.store.os.replace", refuse_article)
    with pytest.raises(WriteFailed, match=r"cannot move to the trash \(permission denied\)"):
        library.remove(article, {"annotations.json": shard})
    monkeypatch.undo()
    _assert_untouched(library, article, shard)


def test_a_removal_cut_short_by_a_crash_is_undone(tmp_path: Path) -> None:
    library, article, shard = _library_with_companion(tmp_path)
    entry = library.remove(article, {"annotations.json": shard})
    # As a SIGKILL between the two moves leaves it: highlights in the trash, the article not.
    os.replace(entry.folder / "article.md", library.articles_dir / f"{article}.md")
    library = Library(library.root)
    assert library.trash() == []  # looking at the trash repairs it
    _assert_untouched(library, article, shard)


def test_read_each_skips_an_unreadable_article_with_a_line(tmp_path: Path) -> None:
    library, article, _ = _library_with_companion(tmp_path)
    other = tmp_path / "other.txt"
    other.write_text("Second story\n\nA body long enough to be imported as text.\n")
    second = library.import_file(other).article.id
    library.path_of(second).write_bytes(b"---\nid: [broken\n---\n")
    found, problems = library.read_each([article, second])
    assert list(found) == [article]
    assert len(problems) == 1 and second in problems[0] and "skipped" in problems[0]
