"""Every use case takes the library's locks in one order (the catalog's, then the store's), and a
lock held too long by another process is one line, never a raw filelock.Timeout."""

from __future__ import annotations

import threading
from pathlib import Path

import filelock
import pytest

from annotations.errors import StoreError
from annotations.store import AnnotationStore
from annotations.workspace import Workspace
from library.errors import LibraryError, LockHeld
from library.fsutil import FileLock
from library.store import Library
from tests.conftest import NEWS_TEXT


def test_an_import_and_a_removal_at_once_do_not_wait_for_each_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Process A re-imports an article (its highlights are re-anchored under the catalog's
    lock) while process B removes another article: B waits for A's catalog lock before it
    takes the store's, so neither holds what the other waits for."""
    root = tmp_path / "lib"
    source = tmp_path / "story.txt"
    source.write_text(NEWS_TEXT)
    importer, remover = Workspace(root), Workspace(root)
    (story,) = importer.articles.run(importer.articles.plan([str(source)])).results
    other = importer.articles.import_bytes(b"Other story\n\nIts own words.\n", "other.txt")
    assert story.article is not None and other.article is not None
    importer.highlights.create(story.article.id, quote="eroding trust")
    source.write_text(NEWS_TEXT.replace("Boston Mayor", "The mayor of Boston,", 1))

    in_hook = threading.Event()  # A holds the catalog's lock, about to take the store's
    b_waits = threading.Event()  # B is about to wait for the catalog's lock
    real_acquire = FileLock.acquire

    def acquire(self: FileLock, timeout: float | None = None) -> None:
        if threading.current_thread().name == "remover" and "catalog" in self.lock_file:
            b_waits.set()
        real_acquire(self, timeout)

    monkeypatch.setattr(FileLock, "acquire", acquire)
    reanchor = importer.store.reanchor_article

    def reanchor_when_b_waits(article_id: str, text: str, **options: bool) -> object:
        if not options:  # the re-anchoring of an update, under the catalog's lock
            in_hook.set()
            assert b_waits.wait(30), "the removal never reached the catalog's lock"
        return reanchor(article_id, text, **options)

    monkeypatch.setattr(importer.store, "reanchor_article", reanchor_when_b_waits)
    failures: list[BaseException] = []

    def remove() -> None:
        assert in_hook.wait(30)
        try:
            remover.articles.remove(other.article.id)  # type: ignore[union-attr]
        except BaseException as exc:
            failures.append(exc)

    thread = threading.Thread(target=remove, name="remover")
    thread.start()
    (updated,) = importer.articles.run(importer.articles.plan([str(source)])).results
    thread.join(60)
    assert not thread.is_alive()
    assert failures == []
    assert updated.status == "updated", updated.error
    assert [m.id for m in Workspace(root).articles.listing()] == [story.article.id]


def test_a_catalog_lock_held_too_long_is_one_line(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib", lock_timeout=0.05)
    library.ensure()
    lock_file = library.index_dir / "catalog.json.lock"
    with filelock.FileLock(lock_file), pytest.raises(LockHeld) as info:  # another process
        library.edit("anything", title="New")
    assert isinstance(info.value, LibraryError)
    assert str(info.value) == f"{lock_file} is locked by another Margin process; try again"


def test_a_store_lock_held_too_long_is_one_store_error(tmp_path: Path) -> None:
    from annotations.model import Annotation

    store = AnnotationStore(tmp_path / "annotations", lock_timeout=0.05)
    made = Annotation.from_span("a", "Some words here.", 0, 4)
    (tmp_path / "annotations").mkdir()
    with filelock.FileLock(tmp_path / "annotations" / ".lock"), pytest.raises(StoreError) as info:
        store.add(made)
    assert "is locked by another Margin process; try again" in str(info.value)
