"""Every use case takes the library's locks in one order (the catalog's, then the store's), and a
lock held too long by another process is one line, never a raw filelock.Timeout."""

from __future__ import annotations

import os
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

    def reanchor_when_b_waits(article_id: str, text: str, **options: object) -> object:
        if not options.get("only_unanchored"):  # an update's, under the catalog's lock
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


def test_every_lock_is_in_the_one_registry_and_every_owner_takes_it_from_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """library/locks.py lists every lock, its file and the order; briefs.json is in it, and
    the quotation cache's (h33g), which merges two runs' new entries."""
    from library import locks, search

    names = ["catalog", "search", "store", "state", "briefs", "quotations"]
    assert [spec.name for spec in locks.ORDER] == names
    root = tmp_path / "lib"
    workspace = Workspace(root)
    workspace.library.ensure()
    with workspace.library.held():
        assert workspace.library._lock is not None
        taken = {"catalog": workspace.library._lock.lock_file}
    taken["store"] = workspace.store._lock.lock_file
    taken["state"] = workspace.state.document.lock.lock_file
    taken["briefs"] = workspace.briefs.orders.document.lock.lock_file
    made: list[FileLock] = []

    def recording(folder: Path, spec: locks.LockSpec, timeout: float = 10.0) -> FileLock:
        made.append(locks.lock_in(folder, spec, timeout))
        return made[-1]

    def recording_lock(root: Path, spec: locks.LockSpec, timeout: float = 10.0) -> FileLock:
        made.append(real_lock(root, spec, timeout))
        return made[-1]

    real_lock = locks.lock
    monkeypatch.setattr(search, "lock_in", recording)
    workspace.articles.import_bytes(NEWS_TEXT.encode(), "news.txt")
    workspace.search.run("Boston")
    taken["search"] = made[0].lock_file
    monkeypatch.setattr(locks, "lock", recording_lock)
    workspace.quotes.speakers()  # detects the article's quotations: the cache is written
    taken["quotations"] = made[-1].lock_file
    assert taken == {spec.name: str(locks.path_of(root, spec)) for spec in locks.ORDER}


def test_no_code_names_a_lock_file_outside_the_registry() -> None:
    """A store that made its own lock would be outside the one order."""
    import re

    repo = Path(__file__).resolve().parents[2]
    allowed = {repo / "library" / "locks.py", repo / "library" / "fsutil.py"}
    offenders = []
    needles = re.compile(r"\bFileLock\(|\block_for\(|\blocked\(|\.lock\"|\bfilelock\b")
    for package in ("library", "annotations", "tui"):
        for source in sorted((repo / package).rglob("*.py")):
            if source in allowed:
                continue
            for match in needles.finditer(source.read_text(encoding="utf-8")):
                offenders.append(f"{source.relative_to(repo)}: {match.group()}")
    assert offenders == []


def test_nested_locks_are_always_taken_in_the_registrys_order(tmp_path: Path) -> None:
    """Every lock taken while another is held comes later in `library.locks.ORDER`, across
    import, re-import, highlight, remove, restore, a board reorder and doctor --fix."""
    from library import locks

    root = tmp_path / "lib"
    known = [str(locks.path_of(root, spec)) for spec in locks.ORDER]
    held: list[str] = []
    wrong: list[str] = []
    real_acquire, real_release = FileLock.acquire, FileLock.release

    def acquire(self: FileLock, timeout: float | None = None) -> None:
        assert self.lock_file in known, f"{self.lock_file} is not in the registry"
        rank = known.index(self.lock_file)
        later = [f for f in held if known.index(f) > rank]
        if later and self.lock_file not in held:  # taking one again (reentrant) waits for none
            wrong.append(f"{Path(self.lock_file).name} taken while holding {later}")
        real_acquire(self, timeout)
        held.append(self.lock_file)

    def release(self: FileLock) -> None:
        real_release(self)
        held.reverse()
        held.remove(self.lock_file)
        held.reverse()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(FileLock, "acquire", acquire)
        patch.setattr(FileLock, "release", release)
        workspace = Workspace(root)
        story = workspace.articles.import_bytes(NEWS_TEXT.encode(), "news.txt").article
        assert story is not None
        made = workspace.highlights.create(story.id, quote="eroding trust", tags=["t"])
        workspace.highlights.create(story.id, quote="mandatory", tags=["t"])
        workspace.briefs.move("t", None, made.annotation.id, 1)
        changed = NEWS_TEXT.replace("Boston Mayor", "The mayor of Boston,", 1)
        workspace.articles.import_bytes(changed.encode(), "news.txt")
        workspace.reading.set_position(story.id, 0, 5)
        workspace.articles.remove(story.id)
        workspace.articles.restore(story.id)
        stray = root / "annotations" / ".x.json.abc.tmp"
        stray.write_text("half")
        os.utime(stray, (1, 1))
        (root / "briefs.json").write_bytes(b"garbage")
        Workspace(root).doctor.fix()
    assert wrong == []
    assert held == []
