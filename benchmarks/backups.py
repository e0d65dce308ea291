"""Save latency with write-ahead backups, side by side with the hard-link backups and none.

`python -m benchmarks.backups [--json] [--saves N]` (run by `make bench`). Each save replaces a
highlights-sized TinyDB file (40 highlights, about 30 KB) through DurableStorage, fsync included:
- write-ahead: the payload is also written to the oldest backup slot first (what Margin does, so
  the newest backup holds the last acknowledged save);
- hard link (the anchor): the previous version is linked into a slot (the former scheme, whose
  newest backup lagged one save behind);
- none: no backups at all (the floor).
Target: write-ahead save p99 ≤ 10 ms.

And the lookups of article backups among a library's batch packs (`library.packs.PackIndex`):
`--lookups N` lookups among `--packs M` packs in one pass (what `margin doctor` makes, one per
article), against one lookup outside a pass (which checks every pack) times N.
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
PACKS = 500
LOOKUPS = 10_000
ALONE = 50  # lookups outside a pass, timed to price one


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


def run(saves: int = SAVES, packs: int = PACKS, lookups: int = LOOKUPS) -> dict[str, float]:
    """p50 and p99 save times for each scheme, interleaved so that disk noise hits all three;
    and the pack lookups (`lookup_figures`; none when lookups is 0)."""
    results: dict[str, list[float]] = {"write-ahead": [], "hard link": [], "none": []}
    out: dict[str, float] = {}
    with scratch("backups-") as folder:
        for _ in range(3):
            for scheme in results:
                results[scheme] += measure(folder, scheme, saves // 3)
        if lookups:
            out.update(lookup_figures(folder / "packs", packs, lookups))
    for scheme, key in (("write-ahead", "wal"), ("hard link", "link"), ("none", "none")):
        out[f"save_{key}_p50_ms"] = round(statistics.median(results[scheme]), 3)
        out[f"save_{key}_p99_ms"] = round(_p(results[scheme], 0.99), 3)
    return out


def lookup_figures(folder: Path, packs: int = PACKS, lookups: int = LOOKUPS) -> dict[str, float]:
    """Seconds for lookups of article copies among packs in one pass, and for as many outside a
    pass (priced from ALONE of them)."""
    from library.packs import PackIndex, PackWriter

    per_pack = max(1, lookups // packs)
    for n in range(packs):
        writer = PackWriter(folder)
        for k in range(per_pack):
            writer.append(f"article-{n * per_pack + k}.md", b"---\ntitle: A\n---\nText.\n")
        writer.close()
    names = [f"article-{n % (packs * per_pack)}.md" for n in range(lookups)]
    index = PackIndex(folder)
    index.copies(names[0])  # the packs read once, as either way does first
    started = time.perf_counter()
    with index.one_pass():
        for name in names:
            index.copies(name)
    in_pass = time.perf_counter() - started
    started = time.perf_counter()
    for name in names[:ALONE]:
        index.copies(name)
    alone = (time.perf_counter() - started) / ALONE * lookups
    return {
        "pack_lookups_s": round(in_pass, 4),
        "pack_lookups_alone_s": round(alone, 2),
        "pack_lookups": lookups,
        "packs": packs,
    }


def figures(results: dict[str, float]) -> list[Figure]:
    """The table rows: write-ahead against the hard-link anchor, and against no backup; the
    pack lookups in one pass against as many alone."""
    rows = [
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
    if "pack_lookups_s" in results:
        rows.append(
            Figure(
                "pack_lookups_s",
                f"{results['pack_lookups']:,.0f} backup lookups among {results['packs']:,.0f} "
                "packs in one pass (vs each lookup alone)",
                results["pack_lookups_s"],
                unit="s",
                anchor=results["pack_lookups_alone_s"],
                has_anchor=True,
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.backups")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--saves", type=int, default=SAVES, help="saves per scheme")
    parser.add_argument("--packs", type=int, default=PACKS, help="packs of the lookups")
    parser.add_argument(
        "--lookups", type=int, default=LOOKUPS, help="backup lookups among them (0: skip)"
    )
    args = parser.parse_args()
    results = run(args.saves, args.packs, args.lookups)
    if args.json:
        import json

        print(json.dumps(results, indent=2))
        return
    print(table(figures(results)))
    wal, link = results["save_wal_p99_ms"], results["save_link_p99_ms"]
    print(f"write-ahead / hard link p99: {wal / link:.2f}×" if link else "")


if __name__ == "__main__":
    main()
