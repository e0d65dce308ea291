"""Store writes off the UI thread, one at a time and in the order they were asked for."""

from __future__ import annotations

import asyncio
import contextlib
import queue
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.worker import get_current_worker

Job = tuple[Callable[[], Any], Callable[[Any], None] | None, Callable[[Exception], None] | None]


class Persister:
    """A single background worker that runs disk operations in order and reports back.

    Several workers would race (two quick stance changes could land in the wrong order); one
    worker with a queue keeps the order the user acted in.
    """

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._started = False

    def start(self) -> None:
        """Start the worker (once)."""
        if not self._started:
            self._started = True
            self.app.run_worker(
                self._run, thread=True, name="persist", group="persist", exit_on_error=False
            )

    def submit(
        self,
        job: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run job on the worker; then done(result) or failed(error) on the UI thread."""
        self.start()
        self._queue.put((job, done, failed))

    async def drain(self) -> None:
        """Wait until every submitted job has run (tests, and before quitting)."""
        await asyncio.to_thread(self._queue.join)
        await asyncio.sleep(0)

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
            job, done, failed = item
            try:
                result = job()
            except Exception as error:  # reported to the user, never lost silently
                self._report(failed, error)
            else:
                if done is not None:
                    self._report(done, result)
            finally:
                self._queue.task_done()

    def _report(self, callback: Callable[[Any], None] | None, value: Any) -> None:
        if callback is None:
            callback = self._default_failure
        with contextlib.suppress(RuntimeError):  # the app is closing; the write itself is done
            self.app.call_from_thread(callback, value)

    def _default_failure(self, error: Exception) -> None:
        self.app.notify(str(error), title="Could not save", severity="error", markup=False)
