"""Live updates: what the reader's once-a-second change check costs on a 10,000-article library.

Idle, a poll stats two folders and the open article's two files. The anchor is what a naive
watcher would do on every tick: check every article file against the catalog (`catalog()` with
its stat of each file) and list the highlight files. A poll after an outside import, which does
list and compare, is measured too.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from benchmarks.common import median_ms

IDLE_POLLS = 200
RESCANS = 5


def run(root: Path, open_id: str) -> dict[str, Any]:
    """Figures for one library (a clone: an article is imported into it)."""
    from annotations.workspace import Workspace

    workspace = Workspace(root)
    feed = workspace.changes()
    started = time.perf_counter()
    feed.start(open_id)
    start_ms = (time.perf_counter() - started) * 1000
    idle = median_ms(lambda: feed.poll(open_id), IDLE_POLLS)
    assert feed.scans == 0, "an idle poll listed a folder"

    def rescan() -> None:
        workspace.library.catalog()  # every article file checked against the catalog
        workspace.store.file_stamps()

    anchor = median_ms(rescan, RESCANS)
    other = Workspace(root)
    times = []
    for n in range(3):
        text = f"Outside story {n}\n\nImported by another process, number {n}.\n".encode()
        other.articles.import_bytes(text, f"outside-{n}.txt")
        begun = time.perf_counter()
        changes = feed.poll(open_id)
        times.append((time.perf_counter() - begun) * 1000)
        assert len(changes.added) == 1
    times.sort()
    return {
        "live_idle_poll_ms": round(idle, 4),
        "live_rescan_ms": round(anchor, 2),
        "live_change_poll_ms": round(times[1], 2),
        "live_start_ms": round(start_ms, 2),
        # At one poll a second: CPU time an idle reader spends on it per hour.
        "live_idle_ms_per_hour": round(idle * 3600, 1),
    }
