"""A folder import stores its files in batches written behind: each article file is written
atomically by a thread (fsynced before its rename), and an import is reported only once its
whole batch is on disk; a file that cannot be written fails alone, the catalog left without it.
"""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from annotations.workspace import Workspace
from annotations.workspace.articles import STORE_BATCH, Imported, ImportSummary
from library.errors import ArticleNotFound
from library.store import Library

if TYPE_CHECKING:
    from library.parallel import ParsePool


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    for n in range(count):
        (folder / f"note-{n:02d}.txt").write_text(
            f"Note {n}\n\nThe text of note number {n}, one sentence long enough to keep.\n",
            encoding="utf-8",
        )
    return folder


def _disk_full_for(marker: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write of a payload holding marker fails as on a full disk."""
    import library.fsutil

    real = library.fsutil._write_payload

    def full(fd: int, payload: bytes) -> None:
        if marker in payload:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd, payload)

    monkeypatch.setattr("library.fsutil._write_payload", full)


def _note_and_full_disk(
    tmp_path: Path, marker: bytes, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Library]:
    """A note to import, and a library whose writes of a payload holding marker fail."""
    _disk_full_for(marker, monkeypatch)
    return _folder(tmp_path, 1) / "note-00.txt", Library(tmp_path / "lib")


def _assert_catalog_as_rebuilt(root: Path) -> None:
    """The saved catalog is byte for byte the one rebuilt from the files, sorted from scratch."""
    catalog = root / ".index" / "catalog.json"
    saved = catalog.read_bytes()
    Library(root).rebuild_catalog()
    assert catalog.read_bytes() == saved


def _article_files(workspace: Workspace) -> set[str]:
    return {p.name for p in workspace.library.articles_dir.glob("*.md")}


def test_an_import_is_reported_once_its_batch_is_on_disk(tmp_path: Path) -> None:
    count = STORE_BATCH + 3
    workspace = Workspace(tmp_path / "lib")
    plan = workspace.articles.plan([str(_folder(tmp_path, count))])
    on_disk_when_told: list[int] = []

    def progress(done: Imported) -> None:
        assert done.article is not None, done.error
        # Reported: its file is in place, and so is every other file of its batch.
        assert f"{done.article.id}.md" in _article_files(workspace)
        on_disk_when_told.append(len(_article_files(workspace)))

    summary = workspace.articles.run(plan, progress=progress)
    assert summary.counts["imported"] == count
    # The first report waits for the whole first batch, the last for the rest.
    assert on_disk_when_told[0] == STORE_BATCH
    assert on_disk_when_told[-1] == count
    ids = {r.article.id for r in summary.results if r.article is not None}
    assert {m.id for m in Library(tmp_path / "lib").catalog()} == ids


def test_a_file_that_cannot_be_written_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _disk_full_for(b"note number 3,", monkeypatch)
    workspace = Workspace(tmp_path / "lib")
    plan = workspace.articles.plan([str(_folder(tmp_path, 6))])
    summary = workspace.articles.run(plan)
    failed = [r for r in summary.results if r.status == "failed"]
    assert [r.name for r in failed] == [str(tmp_path / "notes" / "note-03.txt")]
    assert failed[0].error is not None and "the disk is full" in failed[0].error
    assert summary.counts["imported"] == 5
    monkeypatch.undo()
    titles = sorted(m.title for m in Library(tmp_path / "lib").catalog())
    assert titles == [f"Note {n}" for n in (0, 1, 2, 4, 5)]
    assert sorted(m.title for m in workspace.library.catalog()) == titles
    assert not list(workspace.library.articles_dir.glob(".*.tmp"))


def test_an_article_written_behind_reads_back_before_the_batch_ends(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    source = _folder(tmp_path, 1) / "note-00.txt"
    with library.batch(write_behind=True) as outcome:
        result = library.import_file(source)
        assert library.get(result.article.id).text == result.article.text
        again = library.import_file(source)  # the same source: found, unchanged
        assert again.status == "unchanged" and again.article.id == result.article.id
    assert outcome.failed == {}
    assert [m.id for m in library.catalog()] == [result.article.id]


def test_the_search_index_takes_each_batch_in_one_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from library.search import SearchIndex

    workspace = Workspace(tmp_path / "lib")
    workspace.library.ensure()
    workspace.search_index.reindex()  # a library searched before: its index is kept in step
    writes: list[list[str]] = []
    real = SearchIndex.update_articles

    def counted(self: SearchIndex, articles: list[tuple[str, str | None]]) -> object:
        writes.append([article_id for article_id, _ in articles])
        return real(self, articles)

    monkeypatch.setattr(SearchIndex, "update_articles", counted)
    count = STORE_BATCH + 3
    summary = workspace.articles.run(workspace.articles.plan([str(_folder(tmp_path, count))]))
    assert summary.counts["imported"] == count
    assert [len(ids) for ids in writes] == [STORE_BATCH, 3]
    hits = workspace.search_index.search("number", limit=100)
    assert hits.total == count and not hits.sync.rebuilt


def test_a_worker_killed_mid_import_costs_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Killed by the kernel's OOM killer, say, or a crash in a C parser: the files it had are
    # parsed here instead, and the import carries on rather than ending in a traceback.
    import signal

    from library.limits import POOL_MIN_JOBS
    from library.parallel import ParsePool

    count = max(STORE_BATCH, POOL_MIN_JOBS) + 3
    real = ParsePool.files
    started, _ = _workers_started(monkeypatch)
    killed: list[int] = []

    def files_then_kill(pool: ParsePool, paths: list[Path | str]):  # type: ignore[no-untyped-def]
        future = real(pool, paths)
        if not killed:
            for pid in list(pool._pool._processes or {}):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
        return future

    monkeypatch.setattr(ParsePool, "files", files_then_kill)
    workspace = Workspace(tmp_path / "lib")
    plan = workspace.articles.plan([str(_folder(tmp_path, count))])
    # The first batch waits for the workers (on a busy machine they start after this process
    # has parsed every file): the files after it go to them.
    summary = workspace.articles.run(plan, progress=lambda _: _wait(started))
    assert killed
    assert summary.counts["imported"] == count, summary.line()
    assert len(_article_files(workspace)) == count


def test_a_batch_after_another_sees_what_another_process_wrote_in_between(
    tmp_path: Path,
) -> None:
    # The second batch skips the scan of the folder only when nothing changed there: an import
    # by another process (another Library on the same folder) between the two is seen, so the
    # same source is not imported twice and the catalog lists both articles.
    folder = _folder(tmp_path, 2)
    ours, theirs = Library(tmp_path / "lib"), Library(tmp_path / "lib")
    with ours.batch(write_behind=True):
        first = ours.import_file(folder / "note-00.txt")
    other = theirs.import_file(folder / "note-01.txt")
    with ours.batch(write_behind=True):
        again = ours.import_file(folder / "note-01.txt")
    assert (again.status, again.article.id) == ("unchanged", other.article.id)
    ids = {first.article.id, other.article.id}
    assert {m.id for m in ours.catalog(refresh=False)} == ids
    assert {m.id for m in Library(tmp_path / "lib").catalog()} == ids


def test_a_batch_after_another_sees_a_file_removed_in_between(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 1)
    library = Library(tmp_path / "lib")
    with library.batch(write_behind=True):
        first = library.import_file(folder / "note-00.txt")
    library.path_of(first.article.id).unlink()  # by hand: no catalog written
    with library.batch(write_behind=True):
        again = library.import_file(folder / "note-00.txt")
    assert again.status == "imported"
    assert library.path_of(again.article.id).exists()


def test_a_batch_saves_the_catalog_in_the_order_a_rebuild_sorts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The batches keep the catalog's order as articles come (newest import first, then the
    # greater id) instead of sorting every entry again at each batch's end: with one clock
    # second for all, the ids decide, and they come in no order. A file of the second batch
    # changed after the first (an update, in place) and a file given twice are kept too.
    import library.store

    monkeypatch.setattr(library.store, "utc_now", lambda: "2026-01-02T03:04:05Z")
    folder = _folder(tmp_path, 2 * STORE_BATCH + 5)
    workspace = Workspace(tmp_path / "lib")
    workspace.articles.run(workspace.articles.plan([str(folder)]))
    (folder / "note-03.txt").write_text("Note 3\n\nA new text for note three, long enough.\n")
    again = [str(folder / "note-03.txt"), str(folder / "note-03.txt")]
    extra = tmp_path / "more"
    extra.mkdir()
    for n in range(STORE_BATCH):
        (extra / f"more-{n:02d}.txt").write_text(f"More {n}\n\nAnother note, number {n}.\n")
    summary = workspace.articles.run(workspace.articles.plan([*again, str(extra)]))
    assert summary.counts["updated"] == 1 and summary.counts["imported"] == STORE_BATCH
    _assert_catalog_as_rebuilt(workspace.library.root)


def test_an_update_that_cannot_be_written_keeps_the_version_written_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same file imported twice in one batch written behind, changed in between: the first
    # version is on disk when the second's write fails, so the catalog keeps the first (it
    # went back to before the batch, leaving out an article whose file is there).
    source, library = _note_and_full_disk(tmp_path, b"version two", monkeypatch)
    with library.batch(write_behind=True) as outcome:
        first = library.import_file(source)
        source.write_text("Note 0\n\nThe text of note 0, version two, long enough to keep.\n")
        assert library.import_file(source).status == "updated"
    assert list(outcome.failed) == [first.article.id]
    kept = [(m.id, m.content_hash) for m in library.catalog(refresh=False)]
    assert kept == [(first.article.id, first.article.content_hash)]
    _assert_catalog_as_rebuilt(library.root)  # from the files: the first version's


def test_the_first_files_are_imported_here_while_the_workers_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fork server imports the parsers before the first worker runs (a few hundred ms of one
    # core): meanwhile this process parses the first files itself, and the articles are those
    # a one-core import gives.
    import threading

    from library.limits import POOL_MIN_JOBS
    from library.parallel import ParsePool

    count = max(STORE_BATCH, POOL_MIN_JOBS) + 3
    folder = _folder(tmp_path, count)
    real = ParsePool.__init__
    may_start = threading.Event()
    started: list[int] = []

    def slow_start(pool: ParsePool, *args: object, **kwargs: object) -> None:
        may_start.wait(30)
        real(pool, *args, **kwargs)  # type: ignore[arg-type]
        started.append(1)

    monkeypatch.setattr(ParsePool, "__init__", slow_start)
    workspace = Workspace(tmp_path / "both")
    before_workers: list[str] = []

    def progress(done: Imported) -> None:
        if not started:
            before_workers.append(done.name)
        if len(before_workers) >= STORE_BATCH:
            may_start.set()

    summary = workspace.articles.run(workspace.articles.plan([str(folder)]), progress=progress)
    assert summary.counts["imported"] == count, summary.line()
    assert started and len(before_workers) >= STORE_BATCH
    monkeypatch.setattr("library.limits.POOL_MIN_JOBS", count + 1)
    one_core = Workspace(tmp_path / "one")
    assert one_core.articles.run(one_core.articles.plan([str(folder)])).counts["imported"] == count
    for path in sorted((tmp_path / "both" / "articles").glob("*.md")):
        twin = tmp_path / "one" / "articles" / path.name
        assert _without_import_time(path) == _without_import_time(twin)


def test_a_big_folder_goes_to_the_workers_in_tasks_that_shrink_towards_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fewer round trips between the processes than a task of PARSE_CHUNK files each, and small
    # tasks at the end, where a worker with a long one would keep the other waiting.
    from annotations.workspace.articles import PARSE_CHUNK, PARSE_CHUNK_MOST
    from library.parallel import ParsePool

    real_files = ParsePool.files
    started, _ = _workers_started(monkeypatch)
    tasks: list[list[str]] = []

    def files(pool: ParsePool, paths: list[str]) -> object:
        tasks.append([Path(p).name for p in paths])
        return real_files(pool, paths)

    monkeypatch.setattr(ParsePool, "files", files)
    count = 300
    folder = _folder(tmp_path, count)
    workspace = Workspace(tmp_path / "lib")
    # The first batch waits for the workers: the files after it all go to them.
    summary = workspace.articles.run(
        workspace.articles.plan([str(folder)]), progress=lambda _: _wait(started)
    )
    assert summary.counts["imported"] == count, summary.line()
    sizes = [len(task) for task in tasks]
    assert max(sizes) == PARSE_CHUNK_MOST and sizes[-1] <= PARSE_CHUNK
    assert sizes == sorted(sizes, reverse=True)
    sent = [name for task in tasks for name in task]
    assert sent == sorted(sent) and count - 2 * STORE_BATCH <= len(sent) < count


def test_tasks_of_many_files_keep_no_more_files_in_flight_than_tasks_of_few(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each file sent waits here as a whole article until it is stored (big PDFs: megabytes
    # each): the files ahead are counted, not the tasks, which now hold up to five times more.
    from annotations.workspace.articles import PARSE_AHEAD, PARSE_CHUNK, PARSE_CHUNK_MOST, Articles
    from library.parallel import ParsePool

    real_files, real_store = ParsePool.files, Articles._store_parsed
    started, pools = _workers_started(monkeypatch)
    counts = {"sent": 0, "stored": 0}
    in_flight: list[int] = []

    def files(pool: ParsePool, paths: list[str]) -> object:
        counts["sent"] += len(paths)
        in_flight.append(counts["sent"] - counts["stored"])
        return real_files(pool, paths)

    def store(articles: Articles, *args: object) -> Imported:
        counts["stored"] += 1
        return real_store(articles, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ParsePool, "files", files)
    monkeypatch.setattr(Articles, "_store_parsed", store)
    count = 300
    workspace = Workspace(tmp_path / "lib")
    summary = workspace.articles.run(
        workspace.articles.plan([str(_folder(tmp_path, count))]),
        progress=lambda _: _wait(started),
    )
    assert summary.counts["imported"] == count, summary.line()
    ahead = max(4 * pools[0].workers * PARSE_CHUNK, PARSE_AHEAD)
    # What is ahead, the task being stored and the last task sent, which may pass the mark.
    assert in_flight and max(in_flight) <= ahead + 2 * PARSE_CHUNK_MOST, in_flight


def test_an_import_ended_early_does_not_wait_for_the_parses_under_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ctrl+c (or stop) while the workers parse tasks of up to 25 big PDFs: their results are
    # not wanted, and the import waited for every task under way before it ended.
    import time
    from concurrent.futures import Future

    from library.parallel import ParsePool

    real_files = ParsePool.files
    started, _ = _workers_started(monkeypatch)
    sent: list[list[str]] = []
    slow: list[Future[object]] = []

    def files(pool: ParsePool, paths: list[str]) -> object:
        sent.append(paths)
        if len(sent) == 1:
            return real_files(pool, paths)
        slow.append(pool._pool.submit(time.sleep, 30))  # a task that takes its time
        return slow[-1]

    monkeypatch.setattr(ParsePool, "files", files)
    workspace = Workspace(tmp_path / "lib")
    jobs = workspace.articles.plan([str(_folder(tmp_path, 100))]).jobs
    parsed = workspace.articles._parse_ahead(jobs)
    assert next(parsed) is None  # parsed here while the workers start
    _wait(started)
    assert any(found is not None for found in parsed)  # one from the workers: they run
    while not any(future.running() for future in slow):
        time.sleep(0.01)
    parsed.close()
    # Dropped or ended, none finished.
    assert all(future.cancelled() or future.exception() is not None for future in slow)


def _workers_started(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[threading.Event, list[ParsePool]]:
    """An event set once the parse pool has started, and the pools started."""
    from library.parallel import ParsePool

    real = ParsePool.__init__
    started = threading.Event()
    pools: list[ParsePool] = []

    def start(pool: ParsePool, *args: object, **kwargs: object) -> None:
        real(pool, *args, **kwargs)  # type: ignore[arg-type]
        pools.append(pool)
        started.set()

    monkeypatch.setattr(ParsePool, "__init__", start)
    return started, pools


def _wait(event: threading.Event) -> None:
    event.wait(30)


def _without_import_time(path: Path) -> str:
    return "".join(
        line
        for line in path.read_text(encoding="utf-8").splitlines(True)
        if not line.startswith("imported:")
    )


def test_workers_that_cannot_start_leave_every_file_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from library.limits import POOL_MIN_JOBS
    from library.parallel import ParsePool

    def refused(pool: ParsePool, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EAGAIN, "no more processes")

    monkeypatch.setattr(ParsePool, "__init__", refused)
    count = POOL_MIN_JOBS + 2
    workspace = Workspace(tmp_path / "lib")
    summary = workspace.articles.run(workspace.articles.plan([str(_folder(tmp_path, count))]))
    assert summary.counts["imported"] == count, summary.line()


def test_a_source_whose_write_failed_imports_again_in_the_same_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first write fails (the disk full); the same source again in the batch, the disk
    # freed meanwhile, is imported anew: not "no such article" for the file never written.
    source, library = _note_and_full_disk(tmp_path, b"note number 0,", monkeypatch)
    with library.batch(write_behind=True) as outcome:
        first = library.import_file(source)
        assert library.import_file(source).status == "imported"  # the disk still full
        with pytest.raises(ArticleNotFound):  # waits for that write, which failed
            library.get(first.article.id)
        monkeypatch.undo()
        again = library.import_file(source)
        assert (again.status, again.article.id) == ("imported", first.article.id)
    assert outcome.failed == {}  # the article's last write stands
    assert [m.id for m in Library(tmp_path / "lib").catalog()] == [first.article.id]
    assert library.get(first.article.id).text == first.article.text


def test_a_twin_whose_write_failed_is_no_twin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another source with the same content finds no article whose file was never written.
    source, library = _note_and_full_disk(tmp_path, b"note number 0,", monkeypatch)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(source.read_bytes())
    with library.batch(write_behind=True) as outcome:
        library.import_file(source)
        twin = library.import_file(copy)
        assert twin.status == "imported"
    assert list(outcome.failed) == [twin.article.id]  # the disk was full for both
    assert library.catalog() == []


def test_the_same_file_twice_on_a_full_disk_fails_twice_in_one_line_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _disk_full_for(b"note number 3,", monkeypatch)
    folder = _folder(tmp_path, 5)
    workspace = Workspace(tmp_path / "lib")
    twice = str(folder / "note-03.txt")
    summary = workspace.articles.run(workspace.articles.plan([str(folder), twice]))
    failed = [r for r in summary.results if r.status == "failed"]
    assert [r.name for r in failed] == [twice, twice]
    for result in failed:
        assert result.error is not None and "the disk is full" in result.error
        assert "\n" not in result.error
    assert summary.counts["imported"] == 4


VERSION_TWO = b"Note 0\n\nThe text of note 0, version two, long enough to keep.\n"


def _twice_changed_between(
    workspace: Workspace, folder: Path, versions: list[bytes]
) -> ImportSummary:
    """Import note-00 twice then note-01 in one run, note-00 written with each of versions in
    turn before each of its jobs."""
    source = folder / "note-00.txt"
    waiting = list(versions)

    def before_each_job() -> bool:
        if waiting:
            source.write_bytes(waiting.pop(0))
        return False

    plan = workspace.articles.plan([str(source), str(source), str(folder / "note-01.txt")])
    return workspace.articles.run(plan, stop=before_each_job)


def test_a_failed_update_then_the_stored_version_again_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The update fails; the file, set back to the version stored, is found unchanged (its
    # import wrote nothing, so the update's failure is not reported as its own).
    folder = _folder(tmp_path, 2)
    source = folder / "note-00.txt"
    workspace = Workspace(tmp_path / "lib")
    stored = workspace.articles.run(workspace.articles.plan([str(source)])).results[0]
    assert stored.article is not None
    original = source.read_bytes()
    _disk_full_for(b"version two", monkeypatch)
    summary = _twice_changed_between(workspace, folder, [VERSION_TWO, original])
    assert [r.status for r in summary.results] == ["failed", "unchanged", "imported"]
    kept = workspace.library.by_source(str(source))
    assert kept is not None and kept.content_hash == stored.article.content_hash


def test_an_import_written_before_a_failed_update_of_it_is_not_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One batch: the file imported, then changed and imported again, that update's write
    # failing. The first version is in the library (the catalog keeps it): its import is no
    # failure; the update's is the one failure.
    folder = _folder(tmp_path, 2)
    source = folder / "note-00.txt"
    workspace = Workspace(tmp_path / "lib")
    _disk_full_for(b"version two", monkeypatch)
    summary = _twice_changed_between(workspace, folder, [source.read_bytes(), VERSION_TWO])
    assert [r.status for r in summary.results] == ["imported", "failed", "imported"]
    assert summary.counts["imported"] == 2 and summary.failed == 1
    kept = workspace.library.by_source(str(source))
    assert kept is not None and kept.id == summary.results[0].article.id  # type: ignore[union-attr]


def test_an_interrupt_while_a_batch_is_reported_still_reports_the_rest_of_it(
    tmp_path: Path,
) -> None:
    """ctrl+c during the report of a batch's first import: the batch is on disk, so each of
    its imports is still told (margin import's summary counted 276 of 300 stored)."""
    workspace = Workspace(tmp_path / "lib")
    plan = workspace.articles.plan([str(_folder(tmp_path, STORE_BATCH + 3))])
    told: list[str] = []

    def progress(done: Imported) -> None:
        assert done.article is not None, done.error
        told.append(f"{done.article.id}.md")
        if len(told) == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        workspace.articles.run(plan, progress=progress)
    assert len(told) == STORE_BATCH
    assert set(told) == _article_files(workspace)
