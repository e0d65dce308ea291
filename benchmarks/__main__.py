"""Margin's benchmarks at scale: `python -m benchmarks [--json]` (what `make bench` runs).

Generates once (cached under `.bench/`, git-ignored) a library of 10,000 synthetic articles (about
50 MB of prose), 100,000 highlights and one 5 MB article; then measures the figures of the scale
issue, each the median of several runs, each beside its anchor measured in the same run:
- the reader (benchmarks.tui): startup against a bare Textual app, opening, scrolling and
  re-wrapping the 5 MB article, filtering the library, memory;
- library-wide search against ripgrep over the same files (benchmarks.search);
- exporting 10,000 highlights to Markdown, importing HTML pages;
- the annotation store against the fsync floor and SQLite (benchmarks.annotations);
- quotation detection against the labelled set, and its time on a 5 MB article
  (benchmarks.quotations);
- the brief board at 10,000 highlights beside the query it builds on, and one cursor move on it
  (benchmarks.board);
- the `margin` command as a user runs it: list, a library-wide stance query, a library-wide
  Markdown export and the first search of a fresh process, each beside its anchor (benchmarks.cli).
Prints one table (or, with --json, one JSON object keyed by figure) and the time it all took.
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import annotations as store_bench
from benchmarks import board, cli, library_data, live, quotations, search, tui
from benchmarks import verify as verify_bench
from benchmarks.common import REPO, Figure, machine, median_ms, scratch, table
from benchmarks.library_data import BenchLibrary, Sizes

EXPORT_HIGHLIGHTS = 10_000
EXPORT_RUNS = 5
SYNTHETIC_PAGES = 20
STORE_KEYS = (
    "save_p50_ms",
    "save_p99_ms",
    "load_article_ms",
    "query_ms",
    "fsync_floor_ms",
    "sqlite_save_p50_ms",
)


# -- figures measured here -------------------------------------------------------------------------


def export_figures(
    root: Path, count: int = EXPORT_HIGHLIGHTS, runs: int = EXPORT_RUNS
) -> dict[str, Any]:
    """Markdown export of count highlights: the first articles by id, all their highlights."""
    from annotations.export import ExportOptions, export_annotations
    from annotations.model import Annotation
    from annotations.store import AnnotationStore
    from library.model import ArticleMeta
    from library.store import Library

    started = time.perf_counter()
    store = AnnotationStore(root / "annotations")
    groups: list[tuple[ArticleMeta, list[Annotation]]] = []
    total = 0
    for meta in sorted(Library(root).catalog(), key=lambda m: m.id):
        found = store.for_article(meta.id)[: count - total]
        if found:
            groups.append((meta, found))
            total += len(found)
        if total >= count:
            break
    gather_ms = (time.perf_counter() - started) * 1000
    options = ExportOptions(accessed=datetime.date(2026, 1, 1), generated="2026-01-01T00:00:00Z")
    size = len(export_annotations(groups, "md", options))
    return {
        "export_ms": round(median_ms(lambda: export_annotations(groups, "md", options), runs), 2),
        "export_highlights": total,
        "export_articles": len(groups),
        "export_bytes": size,
        "export_gather_ms": round(gather_ms, 2),
    }


def corpus_pages() -> list[Path]:
    """The real news pages of the shared corpus, when it is there (MARGIN_SHARED overrides)."""
    shared = Path(os.environ.get("MARGIN_SHARED", REPO.parent / "shared"))
    return sorted((shared / "corpus" / "readability-pages").glob("*/source.html"))


def synthetic_pages(folder: Path, count: int = SYNTHETIC_PAGES) -> list[Path]:
    """Simple news-like HTML pages (title, byline, headings, paragraphs) from a fixed seed."""
    rng = random.Random(search.SEED + 7)
    vocab = search._vocabulary(random.Random(search.SEED))
    folder.mkdir(parents=True, exist_ok=True)
    pages = []
    for n in range(count):
        title = " ".join(rng.choices(vocab[100:3000], k=rng.randint(4, 9))).capitalize()
        body = []
        for _ in range(rng.randint(8, 40)):
            sentences = [
                " ".join(rng.choices(vocab[:8000], k=rng.randint(8, 30))).capitalize() + "."
                for _ in range(rng.randint(2, 6))
            ]
            body.append(f"<p>{html.escape(' '.join(sentences))}</p>")
            if rng.random() < 0.1:
                body.append(f"<h2>{html.escape(rng.choice(vocab[150:3000]).capitalize())}</h2>")
        page = (
            f"<!doctype html><html><head><title>{html.escape(title)}</title>"
            '<meta name="author" content="Ana Silva"></head><body><nav><a href="/">Home</a></nav>'
            f"<article><h1>{html.escape(title)}</h1><p class=byline>By Ana Silva</p>"
            f"{''.join(body)}</article><footer>© The Harbour Times</footer></body></html>"
        )
        path = folder / f"page-{n:02d}.html"
        path.write_text(page, encoding="utf-8")
        pages.append(path)
    return pages


def import_figures(root: Path, pages: list[Path], scratch_dir: Path) -> dict[str, Any]:
    """Per-page import time into the big library (root) and into an empty one; medians in ms."""
    from library.store import Library

    Library(scratch_dir / "warm-up").import_file(pages[0])  # lazy imports, parser caches

    def per_page(library: Library) -> list[float]:
        library.catalog()
        times = []
        for page in pages:
            started = time.perf_counter()
            library.import_file(page)
            times.append((time.perf_counter() - started) * 1000)
        return times

    empty = per_page(Library(scratch_dir / "empty"))
    full = per_page(Library(root))
    return {
        "import_per_article_ms": round(statistics.median(full), 2),
        "import_per_article_empty_ms": round(statistics.median(empty), 2),
        "import_pages": len(pages),
    }


def search_figures(runs: int = search.RUNS) -> dict[str, Any]:
    """benchmarks.search: a two-word query against ripgrep over the same 10,000 article files."""
    found = search.run(runs)
    found["search_anchor_ms"] = found.get("rg_ms")
    return found


def store_figures() -> dict[str, Any]:
    """benchmarks.annotations: the annotation store with 100,000 highlights."""
    store_bench.BENCH_DIR.mkdir(parents=True, exist_ok=True)
    return store_bench.run()


# -- the run ---------------------------------------------------------------------------------------


def run(
    *,
    quick: bool = False,
    sizes: Sizes = library_data.FULL,
    bench_dir: Path | None = None,
    log: Any = None,
) -> dict[str, Any]:
    """Generate or reuse the data, measure everything; one JSON-ready dict."""
    started = time.perf_counter()

    def say(message: str) -> None:
        if log is not None:
            print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=log, flush=True)

    say("library: generating or reusing the cached data")
    if bench_dir is None:
        bench = library_data.cached(sizes)
    else:
        bench = library_data.cached(sizes, bench_dir)
    details: dict[str, Any] = {
        "articles": bench.articles,
        "annotations": bench.annotations,
        "generate_s": round(bench.generate_s, 1) if bench.generate_s is not None else None,
    }
    say("search: building the index, then the query and ripgrep")
    found = search_figures(1 if quick else search.RUNS)
    say("annotation store")
    stored = store_figures()
    say("the margin command: list, annotations, export, first search")
    commands = cli.run(bench, runs=1 if quick else cli.RUNS, bench_dir=bench_dir, warmup=not quick)
    with scratch("run-", bench_dir) as tmp:
        root = library_data.clone(bench.root, tmp / "library")
        work = BenchLibrary(root, bench.large_id, bench.articles, bench.annotations, None)
        say("reader: startup, open, scroll, re-wrap, filter, memory")
        reader = tui.run(work, quick=quick)
        say("export")
        exported = export_figures(root, runs=1 if quick else EXPORT_RUNS)
        say("brief board: building it at 10,000 highlights, a cursor move")
        boarded = board.run(bench, quick=quick, bench_dir=bench_dir, whole=root)
        say("live updates: the idle change check against a rescan")
        watched = live.run(root, bench.large_id)
        say("verify: a 5,000-word draft's quotations; the speaker index")
        verified = verify_bench.run(
            root, runs=1 if quick else verify_bench.RUNS, words=1000 if quick else 5000
        )
        say("import")
        pages = corpus_pages() or synthetic_pages(tmp / "pages")
        imported = import_figures(root, pages[:2] if quick else pages, tmp)
        details["import_source"] = "corpus" if corpus_pages() else "synthetic"

    results: dict[str, Any] = {}
    results.update({k: v for k, v in reader.items() if not isinstance(v, list)})
    results["search_ms"] = found["search_ms"]
    results["search_anchor_ms"] = found["search_anchor_ms"]
    results["search_hostile_ms"] = found.get("hostile_repeated_word_ms")
    results["search_hostile_anchor_ms"] = found.get("hostile_rare_word_ms")
    results.update(exported)
    results.update(imported)
    results.update(watched)
    results.update(boarded)
    results.update(commands)
    results["cli_search_anchor_ms"] = found["search_anchor_ms"]
    results.update({k: v for k, v in verified.items() if not isinstance(v, dict)})
    details["verify_classes"] = verified["verify_classes"]
    results.update({k: stored[k] for k in STORE_KEYS})
    results["startup_ratio"] = _ratio(results["startup_ms"], results["startup_anchor_ms"])
    results["search_ratio"] = _ratio(results["search_ms"], results["search_anchor_ms"])
    details["search"] = found
    details["annotation_store"] = stored
    details["startup_runs_ms"] = reader["startup_runs_ms"]
    details["startup_anchor_runs_ms"] = reader["startup_anchor_runs_ms"]
    details["rewrap_measures"] = reader["rewrap_measures"]
    results["details"] = details
    results["machine"] = machine()
    results["total_s"] = round(time.perf_counter() - started, 1)
    say("quotations: the labelled set, then a 5 MB article")
    quoted = quotations.run(size=sizes.large_bytes, runs=1 if quick else quotations.RUNS)
    results.update({k: v for k, v in quoted.items() if k.startswith("quotes_")})
    details["quotations"] = quoted
    results["met"] = {f.key: f.met for f in figures(results) if f.met is not None}
    say("done")
    return results


def _ratio(value: float | None, anchor: float | None) -> float | None:
    return round(value / anchor, 3) if value is not None and anchor else None


def figures(r: dict[str, Any]) -> list[Figure]:
    """The table's rows from the results."""
    floor = r.get("fsync_floor_ms")
    return [
        Figure("startup_ms", "start to first full paint", r["startup_ms"],
               anchor=r["startup_anchor_ms"], has_anchor=True, target="≤ 1.3× bare app",
               ratio_limit=1.3),
        Figure("open_large_ms", "open the 5 MB article", r["open_large_ms"],
               target="≤ 150 ms", limit=150),
        Figure("scroll_page_ms", "one page down", r["scroll_page_ms"], target="≤ 16 ms",
               limit=16),
        Figure("rewrap_ms", "resize 120 → 80 columns", r["rewrap_ms"], target="≤ 150 ms",
               limit=150),
        Figure("search_ms", "two-word query, 10,000 articles", r["search_ms"],
               anchor=r["search_anchor_ms"], has_anchor=True, target="< 1× ripgrep",
               ratio_limit=1.0, strict=True),
        Figure("search_hostile_ms", "a word 10 million times in one 50 MB line",
               r.get("search_hostile_ms"), anchor=r.get("search_hostile_anchor_ms"),
               has_anchor=True, target="≤ 1 s, ≈ a rare word", limit=1000),
        Figure("filter_ms", "one keystroke of library filter", r["filter_ms"], target="≤ 16 ms",
               limit=16),
        Figure("export_ms", "10,000 highlights to Markdown", r["export_ms"], target="≤ 1 s",
               limit=1000),
        Figure("import_per_article_ms", "HTML page into the library", r["import_per_article_ms"]),
        Figure("live_idle_poll_ms", "idle check for outside changes", r["live_idle_poll_ms"],
               anchor=r["live_rescan_ms"], has_anchor=True, target="≤ 1 ms", limit=1),
        Figure("live_change_poll_ms", "check after an outside import (one rescan, in a worker)",
               r["live_change_poll_ms"], anchor=r["live_rescan_ms"], has_anchor=True),
        Figure("rss_mb", "memory, library + 5 MB article", r["rss_mb"], unit="MB",
               target="≤ 150 MB", limit=150),
        Figure("save_p50_ms", "save one highlight, p50", r["save_p50_ms"], anchor=floor,
               has_anchor=True, target="≤ 2 ms", limit=2),
        Figure("save_p99_ms", "save one highlight, p99", r["save_p99_ms"], anchor=floor,
               has_anchor=True, target="≤ 10 ms", limit=10),
        Figure("load_article_ms", "load one article's highlights", r["load_article_ms"],
               target="≤ 5 ms", limit=5),
        Figure("query_ms", "library-wide stance + tag query", r["query_ms"], target="≤ 50 ms",
               limit=50),
        Figure("fsync_floor_ms", "anchor: durable write of 200 B", r["fsync_floor_ms"]),
        Figure("sqlite_save_p50_ms", "anchor: SQLite insert + commit", r["sqlite_save_p50_ms"]),
        Figure("board_ms", "brief board of 10,000 highlights", r["board_ms"],
               anchor=r["board_anchor_ms"], has_anchor=True, target="≤ 150 ms", limit=150),
        Figure("board_move_ms", "one cursor move on the board", r["board_move_ms"],
               anchor=r["board_move_anchor_ms"], has_anchor=True, target="≤ 16 ms", limit=16),
        Figure("board_all_ms", "brief board of the whole library", r["board_all_ms"],
               anchor=r["board_all_anchor_ms"], has_anchor=True),
        Figure("quotes_large_ms", "find quotations, 5 MB article", r.get("quotes_large_ms"),
               anchor=r.get("quotes_anchor_ms"), has_anchor=True, target="≤ 10× one regex pass",
               ratio_limit=10),
        Figure("cli_list_ms", "`margin list` (anchor: `list --json`)", r["cli_list_ms"],
               anchor=r["cli_list_json_ms"], has_anchor=True, target="≤ 2× --json",
               ratio_limit=2.0),
        Figure("cli_annotations_ms", "`annotations --stance oppose` (anchor: its --json)",
               r["cli_annotations_ms"], anchor=r["cli_annotations_json_ms"], has_anchor=True,
               target="≤ 1.5 s", limit=1500),
        Figure("cli_export_md_ms", "`export -f md`, whole library (anchor: all as JSON)",
               r["cli_export_md_ms"], anchor=r["cli_all_json_ms"], has_anchor=True,
               target="≤ 5 s", limit=5000),
        Figure("cli_export_md_rss_mb", "its peak memory (anchor: all as JSON)",
               r["cli_export_md_rss_mb"], unit="MB", anchor=r["cli_all_json_rss_mb"],
               has_anchor=True, target="≤ 300 MB", limit=300),
        Figure("cli_export_md_cpu_ms", "its CPU time, user + system (anchor: all as JSON)",
               r.get("cli_export_md_cpu_ms"), anchor=r.get("cli_all_json_cpu_ms"),
               has_anchor=True),
        Figure("cli_first_search_ms", "first search of a fresh process (anchor: ripgrep)",
               r["cli_first_search_ms"], anchor=r.get("cli_search_anchor_ms"), has_anchor=True,
               target="≤ 1 s", limit=1000),
        Figure("verify_ms", "verify a 5,000-word draft, 10,000 articles", r.get("verify_ms"),
               target="≤ 2 s", limit=2000),
        Figure("speakers_ms", "speaker index of the library (cached)", r.get("speakers_ms")),
    ]  # fmt: skip


def report(r: dict[str, Any]) -> str:
    """The table, the figures behind the medians that matter, and what it ran on."""
    m = r["machine"]
    d = r["details"]
    lines = [
        f"Margin at scale: {d['articles']:,} articles, {d['annotations']:,} highlights, "
        f"one 5 MB article",
        "",
        table(figures(r)),
        "",
        "Behind the medians (ms):",
        f"  open 5 MB article: slowest first paint {r['open_large_max_ms']}, until idle "
        f"{r['open_large_settled_ms']}",
        f"  page down: first paint p90 {r['scroll_page_p90_ms']}; until idle median "
        f"{r['scroll_page_settled_ms']}, p90 {r['scroll_page_settled_p90_ms']}, "
        f"max {r['scroll_page_settled_max_ms']}",
        f"  re-wrap: slowest {r['rewrap_max_ms']}, until idle {r['rewrap_settled_ms']} "
        f"(measure {d['rewrap_measures'][0]} → "
        f"{d['rewrap_measures'][1]} columns)",
        f"  filter keystroke: p90 {r['filter_p90_ms']}, until idle {r['filter_settled_ms']} "
        f"({r['filter_keystrokes']} keystrokes typing “{r['filter_query']}”)",
        f"  import into an empty library {r['import_per_article_empty_ms']} "
        f"({r['import_pages']} {d['import_source']} pages)",
        f"  export: gathering {r['export_highlights']:,} highlights of {r['export_articles']} "
        f"articles {r['export_gather_ms']}; {r['export_bytes'] / 1e6:.1f} MB of Markdown",
        f"  brief board: {r['board_items']:,} items in {r['board_cells']} cells from "
        f"{r['board_highlights']:,} highlights (anchor: the query it builds on); a move until "
        f"idle {r['board_move_settled_ms']}, p90 {r['board_move_p90_ms']} (anchor: an idle "
        f"frame); the whole library's board holds {r['board_all_highlights']:,} highlights",
        f"  margin command, each a fresh process, median of {r['cli_runs']}: list peak "
        f"{r['cli_list_rss_mb']} MB; annotations --stance oppose peak "
        f"{r['cli_annotations_rss_mb']} MB (--json {r['cli_annotations_json_rss_mb']} MB); "
        f"export {r['cli_export_md_bytes'] / 1e6:.1f} MB of Markdown; the search index built "
        f"from nothing (`margin reindex`) {r['cli_index_build_ms']:,.0f} ms, "
        f"{r['cli_index_build_rss_mb']} MB",
        f"  memory: {r['rss_listed_mb']} MB with the library listed, before opening the article; "
        f"peak {r['rss_peak_mb']} MB",
        f"  startup of Margin on an empty library {r['startup_empty_library_ms']}; runs with the "
        f"library {d['startup_runs_ms']}, bare app {d['startup_anchor_runs_ms']}",
        f"  harness cost of one idle frame {r['frame_floor_ms']} (included in every figure)",
        "",
        f"Machine: {m['cpus']} CPUs ({m['cpu']}), {m['memory_gib']} GiB, Python {m['python']}, "
        f"Textual {m['textual']}, {m['ripgrep'] or 'no ripgrep'}; {m['date']}",
        f"Total time {r['total_s']} s"
        + (f" (generating the data: {d['generate_s']} s)" if d["generate_s"] else ""),
    ]
    quoted = d.get("quotations", {})
    if quoted.get("scores"):
        lines.insert(-2, "")
        lines.insert(-2, quotations.report(quoted))
    if r["search_anchor_ms"] is None:
        lines.append("note: rg (ripgrep) was not found; the search anchor is missing")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = parser.parse_args(argv)
    results = run(log=None if args.quiet else sys.stderr)
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
