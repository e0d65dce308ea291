"""Store writes off the UI thread, one at a time and in the order they were asked for.

Each job's outcome comes back to the UI thread as a `JobFinished` message posted to the app,
whose handler (`Persister.finished`) runs the job's continuation.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.worker import Worker, get_current_worker

from tui.messages import JobFinished

Job = tuple[
    Callable[[], Any], Callable[[Any], None] | None, Callable[[Exception], None] | None, bool
]
log = logging.getLogger(__name__)
DRAIN_TIMEOUT = 30.0  # seconds quitting waits for pending writes


class Persister:
    """A single background worker that runs disk operations in order and reports back.

    Several workers would race (two quick stance changes could land in the wrong order); one
    worker with a queue keeps the order the user acted in. A continuation that fails is
    reported and never stops the worker, so later saves still happen.

    The app hands every `JobFinished` message to `finished`; a job counts as pending (and one
    changing highlights as such) until its outcome has been shown.
    """

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._worker: Worker[None] | None = None
        self._highlight_jobs = 0  # submitted jobs that change highlights, not yet shown
        self._unshown = 0  # jobs run whose outcome the UI thread has not handled yet
        self._posting = 0  # outcomes counted unshown whose message is not posted yet
        self._count = threading.Lock()
        self._closed = False

    def close(self) -> None:
        """The app is quitting: the worker ends after the jobs queued before, and never starts
        again. A job submitted later (a continuation handled after the exit began may save the
        reading position) runs at once on the caller's thread, so it is neither lost nor left
        to a worker nobody would cancel, which kept the process alive after the screen closed."""
        self._closed = True
        self._queue.put(None)

    def start(self) -> None:
        """Start the worker, or start it again if it ever stopped (never once closed)."""
        if self._closed:
            return
        if self._worker is None or self._worker.is_finished:
            self._worker = self.app.run_worker(
                self._run, thread=True, name="persist", group="persist", exit_on_error=False
            )

    def submit(
        self,
        job: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        *,
        highlights: bool = False,
    ) -> None:
        """Run job on the worker; then done(result) or failed(error) on the UI thread (from the
        `JobFinished` message the app hands to `finished`).

        highlights marks a job that changes highlights: loading an article waits for those.
        After `close`, the job runs here and now; its continuation is not run (the screen is
        going away) and a failure is logged.
        """
        if self._closed:
            try:
                job()
            except Exception:
                log.exception("a save made while quitting failed")
            return
        self.start()
        if highlights:
            with self._count:
                self._highlight_jobs += 1
        self._queue.put((job, done, failed, highlights))

    @property
    def highlight_jobs(self) -> int:
        """Jobs changing highlights submitted and not finished yet."""
        return self._highlight_jobs

    @property
    def pending(self) -> int:
        """Jobs submitted whose outcome has not been shown yet."""
        with self._count:
            return self._queue.unfinished_tasks + self._unshown

    def wait_idle(self, timeout: float = DRAIN_TIMEOUT, *, highlights_only: bool = False) -> bool:
        """From another thread: wait until every submitted job has run (or every job changing
        highlights has run and been shown); False on timeout."""
        deadline = time.monotonic() + timeout
        while self._highlight_jobs if highlights_only else self._unrun():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.001)
        return True

    def _unrun(self) -> int:
        """Jobs not run yet, or run with their outcome not yet posted to the app."""
        return self._queue.unfinished_tasks + self._posting

    async def drain(self, timeout: float = DRAIN_TIMEOUT) -> bool:
        """Wait until every submitted job has run (tests, and before quitting)."""
        if self.pending and (self._worker is None or self._worker.is_finished):
            self.start()
        done = await asyncio.to_thread(self.wait_idle, timeout)
        await asyncio.sleep(0)
        return done

    def _run(self) -> None:
        worker = get_current_worker()
        while not worker.is_cancelled:
            try:
                item = self._queue.get(timeout=0.1)
            except queue.Empty:
                continue
            if item is None:
                self._queue.task_done()
                return
            job, done, failed, highlights = item
            try:
                result = job()
            except Exception as error:  # reported to the user, never lost silently
                self._report(failed or self._failed_job, error, highlights)
            except BaseException:  # the thread is ending; the job is not waited for
                self._queue.task_done()
                raise
            else:
                self._report(done, result, highlights)

    def _report(self, callback: Callable[[Any], None] | None, value: Any, highlights: bool) -> None:
        """Post the outcome to the app (handled by `finished`), or count it shown at once.

        The job moves from the queue's count to the unshown count in one step, so `pending`
        never counts it twice (its continuation may run before this thread goes on); until the
        message is posted, `_posting` keeps `wait_idle` waiting, so a drain returns only once
        every outcome is in the app's queue."""
        with self._count:
            self._unshown += 1
            self._posting += 1
            self._queue.task_done()
        try:
            if callback is None or not self._post(JobFinished(callback, value, highlights)):
                self._shown(highlights)  # nothing to show, or the app is closing (written)
        finally:
            with self._count:
                self._posting -= 1

    def _post(self, message: JobFinished) -> bool:
        """Post to the app; False when it is closing (its event loop may already be gone)."""
        try:
            return self.app.post_message(message)
        except RuntimeError:  # the loop closed under a late outcome
            return False

    def finished(self, message: JobFinished) -> None:
        """On the UI thread: run a job's continuation; its own failure is logged and shown,
        not raised."""
        try:
            message.callback(message.value)
        except Exception as error:
            log.exception("a persister callback failed")
            self.app.notify(
                f"Saved, but the screen may be out of date ({error}); reopen the article.",
                severity="warning",
                markup=False,
            )
        finally:
            self._shown(message.highlights)

    def _shown(self, highlights: bool) -> None:
        with self._count:
            self._unshown -= 1
            if highlights:
                self._highlight_jobs -= 1

    def _failed_job(self, error: Exception) -> None:
        self.app.notify(str(error), title="Could not save", severity="error", markup=False)
