"""Save latency with write-ahead backups, side by side with the hard-link backups and none.

`python -m benchmarks.backups [--json] [--saves N]` (run by `make bench`). Each save replaces a
highlights-sized TinyDB file (40 highlights, about 30 KB) through DurableStorage, fsync included:
- write-ahead: the payload is also written to the oldest backup slot first (what Margin does, so
  the newest backup holds the last acknowledged save);
- hard link (the anchor): the previous version is linked into a slot (the former scheme, whose
  newest backup lagged one save behind);
- none: no backups at all (the floor).
Target: write-ahead save p99 ≤ 10 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

from benchmarks.common import Figure, scratch, table
from library.tinystore import Backups, DurableDB, DurableStorage, StrTable

SAVES = 300
HIGHLIGHTS = 40
TARGET_P99_MS = 10.0


class _LinkBackups(Backups):
    """The former scheme: link the version about to be replaced instead of writing ahead."""

    def write_ahead(self, payload: bytes) -> None:
        self.take()


def _highlight(n: int) -> dict[str, Any]:
    return {
        "article": "bench-article",
        "start": n * 100,
        "end": n * 100 + 80,
        "quote": "A sentence of a quote that is about as long as most quotes are. " * 2,
        "prefix": "words before the quote ",
        "suffix": " words after the quote",
        "stance": "support",
        "tags": ["policy", "budget"],
        "note": "A short note on why this matters, in a line or two of prose.",
        "created": "2026-01-01T00:00:00.000Z",
        "modified": "2026-01-01T00:00:00.000Z",
    }


def measure(folder: Path, scheme: str, saves: int = SAVES) -> list[float]:
    """Milliseconds of each of saves saves under one backup scheme."""
    path = folder / scheme / "bench-article.json"
    storage = DurableStorage(path, backups=0 if scheme == "none" else 5)
    if scheme == "hard link":
        storage.backups = _LinkBackups(storage.backups.path, storage.backups.folder, 5)
    db = DurableDB(storage=lambda: storage)
    items: StrTable = db.table("annotations")  # type: ignore[assignment]
    for n in range(HIGHLIGHTS):
        items.set(f"h{n}", _highlight(n))
    times: list[float] = []
    for n in range(saves):
        started = time.perf_counter()
        items.change(f"h{n % HIGHLIGHTS}", {"note": f"edited {n}"})
        times.append((time.perf_counter() - started) * 1000)
    return times


def _p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(saves: int = SAVES) -> dict[str, float]:
    """p50 and p99 save times for each scheme, interleaved so that disk noise hits all three."""
    results: dict[str, list[float]] = {"write-ahead": [], "hard link": [], "none": []}
    with scratch("backups-") as folder:
        for _ in range(3):
            for scheme in results:
                results[scheme] += measure(folder, scheme, saves // 3)
    out: dict[str, float] = {}
    for scheme, key in (("write-ahead", "wal"), ("hard link", "link"), ("none", "none")):
        out[f"save_{key}_p50_ms"] = round(statistics.median(results[scheme]), 3)
        out[f"save_{key}_p99_ms"] = round(_p(results[scheme], 0.99), 3)
    return out


def figures(results: dict[str, float]) -> list[Figure]:
    """The table rows: write-ahead against the hard-link anchor, and against no backup."""
    return [
        Figure(
            "save_wal_p99_ms",
            "save p99, write-ahead backup (vs hard link)",
            results["save_wal_p99_ms"],
            anchor=results["save_link_p99_ms"],
            has_anchor=True,
            target=f"≤ {TARGET_P99_MS:g} ms",
            limit=TARGET_P99_MS,
        ),
        Figure(
            "save_wal_p50_ms",
            "save p50, write-ahead backup (vs no backup)",
            results["save_wal_p50_ms"],
            anchor=results["save_none_p50_ms"],
            has_anchor=True,
        ),
        Figure(
            "save_none_p99_ms",
            "save p99, no backup (the floor)",
            results["save_none_p99_ms"],
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.backups")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--saves", type=int, default=SAVES, help="saves per scheme")
    args = parser.parse_args()
    results = run(args.saves)
    if args.json:
        import json

        print(json.dumps(results, indent=2))
        return
    print(table(figures(results)))
    wal, link = results["save_wal_p99_ms"], results["save_link_p99_ms"]
    print(f"write-ahead / hard link p99: {wal / link:.2f}×" if link else "")


if __name__ == "__main__":
    main()
