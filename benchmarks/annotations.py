"""Benchmark: the annotation store with 2,000 articles and 100,000 highlights.

The library is generated once with a fixed seed and cached under `.bench/`; each run works on a
hard-linked clone of it (the store only ever renames new files into place, so the cache is never
changed). Two anchors are measured in the same run on the same disk: the fsync floor (temp file,
write, fsync, rename, fsync of the folder, for a small file) and a SQLite insert + commit with
synchronous=FULL in WAL mode. Run it with `python -m benchmarks.annotations [--json]`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from annotations.model import Annotation
from annotations.store import AnnotationStore
from benchmarks.common import BENCH_DIR
from library.fsutil import atomic_write
from library.tinystore import replace_file

SEED = 20_240_601
ARTICLES = 2_000
ANNOTATIONS = 100_000
SAVES = 400
LOADS = 200
QUERIES = 20
ANCHOR_RUNS = 200
TARGETS = {  # metric: (limit in ms, what it is)
    "save_p50_ms": (2.0, "save one highlight, p50"),
    "save_p99_ms": (10.0, "save one highlight, p99"),
    "load_article_ms": (5.0, "load one article's highlights"),
    "query_ms": (50.0, "library-wide query by stance and tag"),
}
STANCES = ("support", "oppose", "neutral", None)
_WORDS = [
    "the", "council", "said", "budget", "would", "rise", "fall", "policy", "court", "ruling",
    "evidence", "data", "claim", "report", "housing", "market", "rent", "wages", "jobs", "growth",
    "inflation", "tax", "health", "care", "school", "teachers", "police", "trust", "immigrants",
    "program", "federal", "city", "mayor", "critics", "argue", "study", "found", "percent", "year",
    "since", "however", "despite", "although", "because", "therefore", "experts", "warned",
]  # fmt: skip
_TAGS = [
    "economy", "Housing", "law", "courts", "health", "education", "Policing", "immigration",
    "budget", "taxes", "jobs", "climate", "energy", "transport", "data", "methodology",
    "quote-worthy", "follow-up", "weak-evidence", "strong-evidence", "statistics", "history",
    "Europe", "US", "local", "national", "opinion", "fact-check", "contradiction", "source",
]  # fmt: skip


def library_params() -> dict[str, Any]:
    """What the cached library depends on; a change regenerates it."""
    return {"seed": SEED, "articles": ARTICLES, "annotations": ANNOTATIONS, "version": 1}


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high)))


def _annotation(rng: random.Random, article: str, start: int) -> Annotation:
    quote = _words(rng, 6, 40)
    day = rng.randrange(730)
    created = f"{2023 + day // 365}-{1 + (day % 365) // 31:02d}-{1 + day % 28:02d}T12:00:00.000Z"
    return Annotation(
        article,
        start,
        start + len(quote),
        quote,
        prefix=_words(rng, 5, 5)[:32],
        suffix=_words(rng, 5, 5)[:32],
        stance=rng.choice(STANCES),
        tags=rng.sample(_TAGS, rng.choice((0, 1, 1, 2, 2, 3))),
        note=_words(rng, 5, 25) if rng.random() < 0.3 else "",
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        created=created,
    )


def generate(folder: Path) -> None:
    """Write the synthetic library's shard files (format 1) into folder."""
    rng = random.Random(SEED)
    weights = [rng.uniform(10, 90) for _ in range(ARTICLES)]
    scale = ANNOTATIONS / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(ANNOTATIONS - sum(counts)):
        counts[i % ARTICLES] += 1
    folder.mkdir(parents=True, exist_ok=True)
    for n, count in enumerate(counts):
        article = f"article-{n:04d}-{rng.getrandbits(24):06x}"
        live = {}
        for k in range(count):
            ann = _annotation(rng, article, k * 400)
            live[ann.id] = ann.to_dict()
        tables = {"annotations": live, "deleted": {}, "_meta": {"1": {"schema": 1}}}
        replace_file(
            folder / f"{article}.json",
            orjson.dumps(tables, option=orjson.OPT_INDENT_2),
            durable=False,
        )


def cached_library() -> tuple[Path, float | None]:
    """The cached library folder, generating it if needed; and how long generating took."""
    params = library_params()
    folder = BENCH_DIR / f"annotations-{params['articles']}-{params['annotations']}"
    marker = folder / "params.json"
    if marker.exists() and json.loads(marker.read_text()) == params:
        return folder / "annotations", None
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    generate(folder / "annotations")
    marker.write_text(json.dumps(params))
    return folder / "annotations", time.perf_counter() - started


def clone(source: Path, target: Path) -> None:
    """A hard-linked copy of the shard files (falls back to copying where links are refused)."""
    target.mkdir(parents=True)
    for entry in os.scandir(source):
        if entry.name.endswith(".json"):
            try:
                os.link(entry.path, target / entry.name)
            except OSError:
                shutil.copy2(entry.path, target / entry.name)


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1e3, p99 * 1e3


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def fsync_floor(folder: Path) -> float:
    """p50 of a durable atomic replace of a 200-byte file, in ms."""
    path = folder / "floor.json"
    payload = b'{"k": "' + b"x" * 190 + b'"}'
    return _ms([_timed(lambda: atomic_write(path, payload)) for _ in range(ANCHOR_RUNS)])[0]


def sqlite_save(folder: Path, rng: random.Random) -> float:
    """p50 of one SQLite insert + commit (WAL, synchronous=FULL) into 100,000 rows, in ms."""
    db = sqlite3.connect(folder / "anchor.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE annotations (id TEXT PRIMARY KEY, article TEXT, doc TEXT)")
    db.execute("CREATE INDEX by_article ON annotations(article)")
    doc = json.dumps(_annotation(rng, "a", 0).to_dict())
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO annotations VALUES (?, ?, ?)",
        ((str(uuid.uuid4()), f"article-{n % ARTICLES}", doc) for n in range(ANNOTATIONS)),
    )
    db.execute("COMMIT")

    def insert() -> None:
        db.execute(
            "INSERT INTO annotations VALUES (?, ?, ?)", (str(uuid.uuid4()), "article-1", doc)
        )

    samples = [_timed(insert) for _ in range(ANCHOR_RUNS)]
    db.close()
    return _ms(samples)[0]


def run() -> dict[str, Any]:
    """Measure everything; the figures in ms."""
    source, generated = cached_library()
    rng = random.Random(SEED + 1)
    results: dict[str, Any] = {"articles": ARTICLES, "annotations": ANNOTATIONS}
    if generated is not None:
        results["generate_s"] = round(generated, 2)
    with tempfile.TemporaryDirectory(dir=BENCH_DIR, prefix="run-") as tmp:
        root = Path(tmp) / "annotations"
        clone(source, root)
        articles = sorted(p.stem for p in root.glob("*.json"))

        results["fsync_floor_ms"] = fsync_floor(Path(tmp))
        results["sqlite_save_p50_ms"] = sqlite_save(Path(tmp), rng)

        # Saves through a fresh store, each to a random article: the file is read, changed,
        # written durably and its previous version kept as a backup.
        store = AnnotationStore(root)
        saves = []
        for n in range(SAVES):
            ann = _annotation(rng, rng.choice(articles), 1_000_000 + n)
            saves.append(_timed(lambda a=ann: store.add(a)))  # type: ignore[misc]
        results["save_p50_ms"], results["save_p99_ms"] = _ms(saves)

        # Changing one field of a highlight already in memory (the reader's common case).
        target = store.for_article(articles[0])[0]
        updates = [
            _timed(lambda s=s: store.update(target.changed(stance=s)))  # type: ignore[misc]
            for s in (STANCES * (ANCHOR_RUNS // len(STANCES)))
        ]
        results["update_p50_ms"] = _ms(updates)[0]

        # Loading one article's highlights, each from disk in a fresh store.
        loader = AnnotationStore(root)
        picks = rng.sample(articles, LOADS)
        loads = [_timed(lambda a=a: loader.for_article(a)) for a in picks]  # type: ignore[misc]
        results["load_article_ms"], results["load_article_p99_ms"] = _ms(loads)

        # `margin list`: stance counts in a fresh process, from the on-disk index.
        AnnotationStore(root).stance_counts()  # makes sure the index file is current
        results["stance_counts_cold_ms"] = _timed(AnnotationStore(root).stance_counts) * 1e3

        # Library-wide queries: the first builds the in-memory index, later ones reuse it after
        # checking every file's stamp (one pass over the folder).
        querier = AnnotationStore(root)
        results["index_build_ms"] = (
            _timed(lambda: querier.query(stance="oppose", tag="economy")) * 1e3
        )
        queries = []
        hits = []
        for _ in range(QUERIES):
            stance, tag = rng.choice(STANCES[:3]), rng.choice(_TAGS)
            started = time.perf_counter()
            hits.append(len(querier.query(stance=stance, tag=tag)))
            queries.append(time.perf_counter() - started)
        results["query_ms"], results["query_p99_ms"] = _ms(queries)
        results["query_hits_avg"] = round(statistics.mean(hits))
        results["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    results = {k: round(v, 3) if isinstance(v, float) else v for k, v in results.items()}
    results["targets_met"] = {k: results[k] <= limit for k, (limit, _) in TARGETS.items()}
    return results


def table(r: dict[str, Any]) -> str:
    """The results as a plain text table."""
    floor, lite = r["fsync_floor_ms"], r["sqlite_save_p50_ms"]

    def anchors(v: float) -> str:
        return f"{v / floor:.1f}× fsync floor, {v / lite:.1f}× SQLite"

    rows = [
        ("save one highlight, p50", r["save_p50_ms"], "≤ 2 ms", anchors(r["save_p50_ms"])),
        ("save one highlight, p99", r["save_p99_ms"], "≤ 10 ms", anchors(r["save_p99_ms"])),
        ("update one field, p50", r["update_p50_ms"], "", anchors(r["update_p50_ms"])),
        ("load one article, p50", r["load_article_ms"], "≤ 5 ms", ""),
        ("load one article, p99", r["load_article_p99_ms"], "", ""),
        ("query stance+tag, p50", r["query_ms"], "≤ 50 ms", f"~{r['query_hits_avg']} hits"),
        ("query stance+tag, p99", r["query_p99_ms"], "", ""),
        ("first query (builds index)", r["index_build_ms"], "", "once per process"),
        ("stance counts, new process", r["stance_counts_cold_ms"], "", "`margin list`"),
        ("fsync floor (anchor)", floor, "", "write+fsync+rename+dir fsync"),
        ("SQLite insert+commit (anchor)", lite, "", "WAL, synchronous=FULL"),
    ]
    lines = [
        f"Annotation store: {r['articles']:,} articles, {r['annotations']:,} highlights "
        f"(peak RSS {r['rss_mb']} MB)",
        f"{'measure':<30} {'ms':>9}  {'target':<8} notes",
    ]
    lines += [f"{name:<30} {value:>9.3f}  {target:<8} {note}" for name, value, target, note in rows]
    met = r["targets_met"]
    lines.append(
        "targets: "
        + ", ".join(f"{TARGETS[k][1]} {'met' if ok else 'MISSED'}" for k, ok in met.items())
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print a table, or JSON with --json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    BENCH_DIR.mkdir(exist_ok=True)
    results = run()
    print(json.dumps(results, indent=2) if args.json else table(results))
    return 0 if all(results["targets_met"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
