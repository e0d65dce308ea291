"""Parsing on every core: a folder of pages or a list of fetched links is parsed in worker
processes (a folder's files built into articles there too) while this process writes what is
ready (the writes stay here, in order, under the catalog's lock).

Workers start with `forkserver`, never `fork`: the importing process runs fetch threads, and a
forked child could inherit a lock one of them held. The fork server imports the HTML parsers
once, before it forks the first worker, so that no worker pays for them (~0.3 s of CPU each).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from library.errors import ImportFailed
from library.importer import RawSource, build_article, parse_source, read_file
from library.limits import POOL_MIN_JOBS, Limits
from library.model import Article, Block, BlockKind, Page
from library.parsers import Parsed

__all__ = ["POOL_MIN_JOBS", "Failure", "ParsePool", "ParsedFile"]

# Imported by the fork server (single-threaded, so safe) and inherited by every worker it forks.
PRELOAD = ("library.parallel", "library.html", "trafilatura", "readability", "htmldate")


@dataclass(frozen=True, slots=True)
class Failure:
    """An ImportFailed carried back from a worker (exceptions with their own arguments do not
    always survive pickling)."""

    source: str
    reason: str
    hint: str

    def error(self) -> ImportFailed:
        """The ImportFailed it stands for."""
        return ImportFailed(self.source, self.reason, self.hint)


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A file read and parsed by a worker, built into the article to store (the store stamps
    its import time): the canonical text is made where the page was parsed, not in the
    importing process, which stores one article after another."""

    article: Article

    def __reduce__(self) -> tuple[Callable[..., ParsedFile], tuple[object, ...]]:
        # Sent back as plain values: an Article's block and page objects pickle at three times
        # the cost of the rest of it.
        article = self.article
        return _parsed_file, (
            tuple(getattr(article, name) for name in _PLAIN_FIELDS),
            [(block.kind, block.start, block.end) for block in article.blocks],
            [(page.start, page.end, page.label) for page in article.pages],
        )


# An Article's fields but its blocks and pages, which are carried back as tuples.
_PLAIN_FIELDS = tuple(f.name for f in fields(Article) if f.name not in ("blocks", "pages"))


def _parsed_file(
    values: tuple[Any, ...],
    blocks: list[tuple[BlockKind, int, int]],
    pages: list[tuple[int, int, str]],
) -> ParsedFile:
    """The ParsedFile that `ParsedFile.__reduce__` took apart."""
    article = Article(**dict(zip(_PLAIN_FIELDS, values, strict=True)))
    article.blocks = [Block(*block) for block in blocks]
    article.pages = [Page(*page) for page in pages]
    return ParsedFile(article)


def _parse_raw(raw: RawSource, limits: Limits) -> Parsed | Failure:
    try:
        return parse_source(raw, limits=limits)
    except ImportFailed as exc:
        return Failure(exc.source, exc.reason, exc.hint)


def _parse_file(path: str, limits: Limits) -> ParsedFile | Failure:
    """What Library.import_file reads, parses and builds, in a worker."""
    resolved = Path(path).expanduser().resolve()
    try:
        raw = read_file(resolved, limits.max_bytes)
        raw.name = path
        return ParsedFile(build_article(parse_source(raw, limits=limits), str(resolved)))
    except ImportFailed as exc:
        return Failure(exc.source, exc.reason, exc.hint)


def _parse_files(paths: list[str], limits: Limits) -> list[ParsedFile | Failure | None]:
    """`_parse_file` for each of paths, in one task; None for a file whose parser raised a bug
    (the importing process parses it again and reports it, and the others are kept)."""
    found: list[ParsedFile | Failure | None] = []
    for path in paths:
        try:
            found.append(_parse_file(path, limits))
        except Exception:
            found.append(None)
    return found


def _ready() -> None:
    """Nothing: submitted so that the executor starts the thread that watches its workers (and,
    on a Python without `_launch_processes`, the workers)."""


def _ignore_interrupts() -> None:
    """Leave ctrl+c to the importing process (runs in each worker as it starts): the terminal
    sends SIGINT to the whole process group, and a worker that took it printed a traceback of
    its own and broke the pool, while the importing process stops the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def _server_deaf_to_ctrl_c() -> Iterator[None]:
    """Start the fork server with ctrl+c blocked (this thread's signal mask, which the server
    inherits): CPython's ignores ctrl+c only once its preloads are imported (the parsers:
    seconds on a busy machine), and one interrupted meanwhile printed a traceback and broke the
    pool. A ctrl+c sent here meanwhile reaches another thread, or this one once unblocked."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


@contextmanager
def _own_code_first() -> Iterator[None]:
    """Start the fork server (with the pool's first workers) without the working folder on its
    path: it runs as `python -c`, which puts that folder first (CPython 3.11 does not give it
    the parent's path), so a `library/` or `tui.py` where margin was run was imported in place
    of Margin's own. PYTHONSAFEPATH (3.11+) leaves the folder out."""
    before = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = before


@contextmanager
def _ctrl_c_held() -> Iterator[list[bool]]:
    """ctrl+c held back until the block ends: the list it gives holds True once one came.
    Python raises KeyboardInterrupt only in the main thread; elsewhere nothing is held."""
    came: list[bool] = []
    if threading.current_thread() is not threading.main_thread():
        yield came
        return
    before = signal.signal(signal.SIGINT, lambda *_: came.append(True))
    try:
        yield came
    finally:
        signal.signal(signal.SIGINT, before)


def _wait_ended(thread: threading.Thread, most: float = 10.0) -> None:
    """Wait until thread has ended (at most `most` seconds: margin never hangs on it). Not by
    `join`: a ctrl+c that interrupts a join (closing waits on this thread) marks the thread
    ended while it runs (CPython 3.11's `Thread._wait_for_tstate_lock`), and every later join,
    the interpreter's exit's too, returns at once."""
    deadline = time.monotonic() + most
    while thread in threading.enumerate() and time.monotonic() < deadline:
        time.sleep(0.01)


class ParsePool:
    """Worker processes that parse; use as a context manager."""

    def __init__(self, limits: Limits, workers: int | None = None) -> None:
        self.limits = limits  # every cap on input, as the importing process has them
        self.workers = workers or max(1, os.cpu_count() or 1)
        context = multiprocessing.get_context("forkserver")
        # Takes effect when the fork server starts: the first pool of the process.
        context.set_forkserver_preload(list(PRELOAD))
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=context, initializer=_ignore_interrupts
        )
        # Every worker is started now, instead of one at a time as work comes: a worker that dies
        # while the executor is still starting another leaves that one unterminated, and the
        # executor's shutdown (and the interpreter's exit) waits on it forever (CPython 3.11's
        # ProcessPoolExecutor). They are launched all at once, not by a submit each: a submit
        # starts one only when none is idle, and a busy machine let the first finish its no-op
        # before the next submit, which then started none. One no-op starts the thread that
        # watches them.
        # ctrl+c is held until each is known to the executor: one interrupting a start left a
        # worker forked but not yet known as margin exited; it printed a traceback (its queue's
        # semaphores gone) or ran on for ever. Then the workers are ended and the interrupt goes
        # on, as it would have. (Once known, they are shut down at exit, whenever it comes.)
        with _ctrl_c_held() as interrupted:
            try:
                with _own_code_first(), _server_deaf_to_ctrl_c():
                    # CPython's own (3.11 to 3.14); a Python without it gets a submit each.
                    launch = getattr(self._pool, "_launch_processes", None)
                    if launch is not None:
                        launch()
                    for _ in range(1 if launch is not None else self.workers):
                        self._pool.submit(_ready)
            except BaseException:
                self._end_workers()
                raise
        if interrupted:
            try:
                signal.raise_signal(signal.SIGINT)  # as ctrl+c would have: KeyboardInterrupt
            except BaseException:
                self._end_workers()
                raise

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self, *, at_once: bool = False) -> None:
        """Stop the workers; parses not yet started are dropped, and those under way too when
        at_once (their results are not wanted). Interrupted while it waits for those under way
        (a second ctrl+c), the workers are ended at once: they ignore ctrl+c, and the
        interpreter's exit would wait on them."""
        if at_once:
            self._end_workers()
            return
        try:
            self._pool.shutdown(wait=True, cancel_futures=True)
        except BaseException:
            self._end_workers()
            raise

    def _end_workers(self) -> None:
        """End every worker at once (they ignore ctrl+c, and the interpreter's exit would wait
        on them), then the executor without waiting, and then the thread that watched the
        workers: it closes the executor's pipes, and one still at it as the interpreter exits
        raced the exit (a traceback, `OSError: Bad file descriptor`, or a leaked semaphore)."""
        # CPython's own (typeshed gives the thread the type of the executor's wakeup pipe)
        watcher: threading.Thread | None = getattr(self._pool, "_executor_manager_thread", None)
        workers = list((getattr(self._pool, "_processes", None) or {}).values())
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.join()
        self._pool.shutdown(wait=False, cancel_futures=True)
        if watcher is not None:
            _wait_ended(watcher)

    def raw(self, raw: RawSource) -> Future[Parsed | Failure]:
        """Parse bytes already read or fetched."""
        return self._pool.submit(_parse_raw, raw, self.limits)

    def files(self, paths: Sequence[Path | str]) -> Future[list[ParsedFile | Failure | None]]:
        """Read and parse a few files, as `Library.import_file` would, in one task: one round
        trip to a worker for them all (a task costs ~0.3 ms of CPU between the two processes,
        a tenth of a page's parse)."""
        return self._pool.submit(_parse_files, [str(path) for path in paths], self.limits)
