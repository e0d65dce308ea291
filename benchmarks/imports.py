"""Bulk imports, side by side with their anchors in one run.

`python -m benchmarks.imports [--json] [--pages N] [--links N]` (run by `make bench`):
- a folder of N synthetic HTML pages imported with every core (worker processes parse them and
  build the articles, this process stores them, one catalog write per batch), against
  trafilatura's bare extraction of the same pages in one process (the anchor; goal ≤ 1.5×), in
  --rounds rounds that take turns, each round's ratio printed and the median round's the figure;
  and the same import on one core;
- a Pocket export of N links served by a local server (in its own process) imported with the
  per-host limit raised to 16: the time per article (goal ≤ 50 ms, i.e. ≥ 20 articles/s);
- one book's Readwise CSV of --csv-rows highlights imported, imported again (nothing new), and
  imported with a few passages more (the book updated, its highlights re-anchored), each in a
  process of its own: seconds and peak memory (goal ≤ 200 MB for the first two).
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import multiprocessing
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import Figure, scratch, table

PAGES = 1_000
# Rounds of the folder figures, bare trafilatura and Margin taking turns in each: the median
# round's ratio is the figure.
ROUNDS = 3
LINKS = 10_000
FOLDER_RATIO_GOAL = 1.5
LINK_MS_GOAL = 50.0
CSV_ROWS = 100_000
GAINED = 3  # passages the book's CSV gains for the third import
CSV_SECONDS_GOAL = 5.0  # "a few seconds"
CSV_MB_GOAL = 200


def _pages(folder: Path, count: int) -> list[Path]:
    from benchmarks.__main__ import synthetic_pages

    return synthetic_pages(folder, count)


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a live process has used, from /proc (0 where unreadable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _lifetime_of(pid: int) -> tuple[float, float, float] | None:
    """Seconds a live process has lived, run on a CPU, and waited for one (its runqueue wait:
    other processes' load), from /proc (None where unreadable: no /proc, no schedstat)."""
    try:
        run, waited = (int(v) / 1e9 for v in Path(f"/proc/{pid}/schedstat").read_text().split()[:2])
        started = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, IndexError, ValueError):
        return None
    return uptime - started / os.sysconf("SC_CLK_TCK"), run, waited


@contextlib.contextmanager
def _workers_cpu(spent: list[float], lives: list[tuple[float, float, float]]) -> Iterator[None]:
    """Add the CPU seconds of every parse pool's workers, read as the pool closes, to spent, and
    those of the fork server they came from (it imports the parsers for them); each worker's
    `_lifetime_of` to lives."""
    from multiprocessing import forkserver

    from library import parallel

    close = parallel.ParsePool.close

    def counted(pool: parallel.ParsePool, *, at_once: bool = False) -> None:
        server = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
        pids = [*(pool._pool._processes or {}), *([server] if server else [])]
        spent.append(sum(_cpu_of(pid) for pid in pids))
        known = (_lifetime_of(pid) for pid in pool._pool._processes or {})
        lives.extend(life for life in known if life is not None)
        close(pool, at_once=at_once)

    parallel.ParsePool.close = counted  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        parallel.ParsePool.close = close  # type: ignore[method-assign]


def _stop_fork_server() -> None:
    """Stop this process's fork server, so that the next parse pool starts its own and imports
    the parsers again, as every `margin import` does (each round pays for it, not the first
    alone)."""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)  # CPython's own (3.8 to 3.14)
    if stop is not None:
        stop()


def _autogroup() -> bool:
    """Whether the kernel shares the CPU between sessions before processes (Linux's
    autogroup): then the worker processes share this session's part with the importing one."""
    try:
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        return False


def _median_round(rounds: list[dict[str, float]]) -> dict[str, float]:
    """The round of the median ratio (the higher of the middle two of an even count)."""
    return sorted(rounds, key=lambda r: r["ratio"])[len(rounds) // 2]


def folder_figures(root: Path, count: int, rounds: int = ROUNDS) -> dict[str, Any]:
    """ms per page: Margin on every core against bare trafilatura in one process, in rounds that
    take turns (bare first in one, Margin first in the next), each round's ratio measured within
    it, so that a neighbour's burst weighs on one round, not on every Margin run; then Margin on
    one core once. Wall time and CPU time (this process's, and the worker processes')."""
    import shutil

    import trafilatura

    import library.limits as limits
    from annotations.workspace import Workspace

    pages = _pages(root / "pages", count)
    datas = [p.read_bytes() for p in pages]
    trafilatura.bare_extraction(datas[0])  # its imports and caches

    def bare() -> tuple[float, float]:
        started, cpu = time.perf_counter(), time.process_time()
        for data in datas:
            trafilatura.bare_extraction(data)
        return (
            (time.perf_counter() - started) * 1000 / count,
            (time.process_time() - cpu) * 1000 / count,
        )

    def margin(name: str, lives: list[tuple[float, float, float]]) -> tuple[float, float, float]:
        _stop_fork_server()
        workspace = Workspace(root / name)
        plan = workspace.articles.plan([str(root / "pages")])
        workers: list[float] = []
        began, cpu = time.perf_counter(), time.process_time()
        with _workers_cpu(workers, lives):
            summary = workspace.articles.run(plan)
        elapsed = (time.perf_counter() - began) * 1000 / count
        parent = (time.process_time() - cpu) * 1000 / count
        assert summary.counts["imported"] == count, summary.line()
        shutil.rmtree(root / name, ignore_errors=True)  # each round writes to an empty disk cache
        return elapsed, parent, sum(workers) * 1000 / count

    load_before = os.getloadavg()[0]
    lives: list[tuple[float, float, float]] = []  # every round's workers (none: unknown)
    found: list[dict[str, float]] = []
    for n in range(max(1, rounds)):
        load = os.getloadavg()[0]
        if n % 2:
            both, parent, workers = margin(f"round-{n}", lives)
            bare_ms, bare_cpu = bare()
        else:
            bare_ms, bare_cpu = bare()
            both, parent, workers = margin(f"round-{n}", lives)
        found.append(
            {
                "page_ms": round(both, 2),
                "parent_cpu_ms": round(parent, 2),
                "workers_cpu_ms": round(workers, 2),
                "bare_ms": round(bare_ms, 2),
                "bare_cpu_ms": round(bare_cpu, 2),
                "ratio": round(both / bare_ms, 2),
                "cpu_ratio": round((parent + workers) / bare_cpu, 2),
                "load": round(load, 1),
            }
        )
    middle = _median_round(found)
    saved = limits.POOL_MIN_JOBS
    limits.POOL_MIN_JOBS = count + 1  # below it no workers start: parsed here, one core
    try:
        one, one_parent, _ = margin("one-core", [])
    finally:
        limits.POOL_MIN_JOBS = saved
    lived = sum(life for life, _, _ in lives)
    waited = sum(wait for _, _, wait in lives)
    idle = sum(life - run - wait for life, run, wait in lives)
    return {
        # The median round's figures (its ratio is the median ratio).
        "import_folder_page_ms": middle["page_ms"],
        "import_folder_parent_cpu_ms": middle["parent_cpu_ms"],
        "import_folder_workers_cpu_ms": middle["workers_cpu_ms"],
        # CPU spent a wall-clock second on every core: near 2 on two free cores when storing
        # (this process) and parsing (the workers) overlap, near 1 when they take turns.
        "import_folder_cores_busy": round(
            (middle["parent_cpu_ms"] + middle["workers_cpu_ms"]) / middle["page_ms"], 2
        ),
        # Of the workers' lives, in every round: waiting for a CPU others held (the machine's
        # load), and idle with no task (the pool's own loss: the importing process did not keep
        # them fed).
        "import_folder_workers_waiting_pct": round(100 * waited / lived) if lived else None,
        "import_folder_workers_idle_pct": round(100 * idle / lived) if lived else None,
        "import_folder_one_core_page_ms": round(one, 2),
        "import_folder_one_core_cpu_ms": round(one_parent, 2),
        "trafilatura_bare_page_ms": middle["bare_ms"],
        "trafilatura_bare_cpu_ms": middle["bare_cpu_ms"],
        "import_folder_rounds": found,
        "autogroup": _autogroup(),
        "import_folder_pages": count,
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }


def _serve(port: Any, ready: Any) -> None:
    """A local site of numbered notes (runs in its own process)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            number = self.path.rsplit("/", 1)[-1]
            body = (
                f"<html><head><title>Note {number}</title></head><body><article><h1>Note "
                f"{number}</h1><p>The text of note {number}, a paragraph long enough for the "
                "extractor to keep, with a second sentence.</p><p>And a second paragraph.</p>"
                "</article></body></html>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    port.value = httpd.server_address[1]
    ready.set()
    httpd.serve_forever()


def link_figures(root: Path, count: int) -> dict[str, Any]:
    """ms per article for a Pocket export of count links from a local server."""
    from annotations.workspace import Workspace

    context = multiprocessing.get_context("spawn")
    port = context.Value("i", 0)
    ready = context.Event()
    server = context.Process(target=_serve, args=(port, ready), daemon=True)
    server.start()
    try:
        ready.wait(30)
        base = f"http://127.0.0.1:{port.value}"
        rows = "".join(
            f'<li><a href="{base}/n/{i}" time_added="1700000000" tags="bench">Note {i}</a></li>'
            for i in range(count)
        )
        export = root / "ril_export.html"
        export.write_text(f"<title>Pocket Export</title><h1>Unread</h1><ul>{rows}</ul>")
        workspace = Workspace(root / "links")
        began = time.perf_counter()
        report = workspace.imports.run(export, workers=16, per_host=16)
        elapsed = time.perf_counter() - began
    finally:
        server.terminate()
        server.join(5)
    assert report.articles["imported"] == count, report.lines()
    return {
        "import_link_ms": round(elapsed * 1000 / count, 2),
        "import_links_per_s": round(count / elapsed, 1),
        "import_links": count,
    }


def write_book_csv(path: Path, rows: int) -> None:
    """A Readwise export of one book's rows highlights (a tenth with a note)."""
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["Highlight", "Book Title", "Book Author", "Amazon Book ID", "Note", "Color", "Tags",
             "Location Type", "Location", "Highlighted at", "Document tags"]
        )  # fmt: skip
        for i in range(rows):
            out.writerow(
                [f"Passage {i} of the long book, with the words that matter ({i * 7}).",
                 "The Long Book", "Ann Author", "B00LONG", "a note" if i % 10 == 0 else "",
                 "yellow", "", "location", str(100 + 3 * i), "2024-01-02 10:11:12", ""]
            )  # fmt: skip


def _import_once(export: str, library: str, results: Any) -> None:
    """Import export into library in a process of its own, as `margin import` does, so that its
    peak memory is its own: (wall s, CPU s, highlights added, peak MB)."""
    from annotations.workspace import Workspace
    from benchmarks.common import own_peak_mb

    workspace = Workspace(Path(library))
    began, cpu = time.perf_counter(), time.process_time()
    report = workspace.imports.run(Path(export))
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    results.put((wall, cpu, report.highlights["added"], own_peak_mb()))


def book_csv_figures(root: Path, rows: int) -> dict[str, Any]:
    """Seconds (wall and CPU) and peak MB to import a one-book CSV of rows highlights, to import
    it again (nothing new), and to import it with GAINED more passages at the end (the book's
    article updated, its highlights re-anchored), each in a fresh process."""
    export, more = root / "readwise.csv", root / "readwise-more.csv"
    write_book_csv(export, rows)
    write_book_csv(more, rows + GAINED)
    context = multiprocessing.get_context("spawn")
    runs = []
    for path in (export, export, more):
        results = context.Queue()
        child = context.Process(
            target=_import_once, args=(str(path), str(root / "book-csv"), results)
        )
        child.start()
        runs.append(results.get(timeout=600))
        child.join(60)
    first, again, gained = runs
    assert first[2] == rows and again[2] == 0 and gained[2] == GAINED, runs
    return {
        "import_book_csv_s": round(first[0], 2),
        "import_book_csv_cpu_s": round(first[1], 2),
        "import_book_csv_peak_mb": round(first[3]),
        "import_book_csv_again_s": round(again[0], 2),
        "import_book_csv_again_cpu_s": round(again[1], 2),
        "import_book_csv_again_peak_mb": round(again[3]),
        "import_book_csv_gain_s": round(gained[0], 2),
        "import_book_csv_gain_cpu_s": round(gained[1], 2),
        "import_book_csv_gain_peak_mb": round(gained[3]),
        "import_book_csv_rows": rows,
    }


def run(
    pages: int = PAGES, links: int = LINKS, csv_rows: int = CSV_ROWS, rounds: int = ROUNDS
) -> dict[str, Any]:
    """Every figure of this module, in one dict."""
    with scratch("imports-") as root:
        found = folder_figures(root, pages, rounds) if pages else {}
        if links:
            found.update(link_figures(root, links))
        if csv_rows:
            found.update(book_csv_figures(root, csv_rows))
    return found


def figures(results: dict[str, Any]) -> list[Figure]:
    """The table's rows."""
    rows = []
    if "import_folder_page_ms" in results:
        rows += [
            Figure(
                "import_folder_page_ms",
                f"folder of {results['import_folder_pages']:,} pages, per page, both cores "
                "(vs bare trafilatura, one process; the median of "
                f"{len(results['import_folder_rounds'])} rounds)",
                results["import_folder_page_ms"],
                anchor=results["trafilatura_bare_page_ms"],
                has_anchor=True,
                target=f"≤ {FOLDER_RATIO_GOAL:g}× bare",
                ratio_limit=FOLDER_RATIO_GOAL,
            ),
            Figure(
                "import_folder_cpu_ms",
                "  its CPU a page: this process + the workers (vs bare trafilatura's CPU)",
                round(
                    results["import_folder_parent_cpu_ms"]
                    + results["import_folder_workers_cpu_ms"],
                    2,
                ),
                anchor=results["trafilatura_bare_cpu_ms"],
                has_anchor=True,
            ),
            Figure(
                "import_folder_cores_busy",
                "  cores it kept busy: that CPU / its wall time (2 = both, when no one else runs)",
                results["import_folder_cores_busy"],
                unit="",
            ),
            Figure(
                "import_folder_workers_idle_pct",
                "  workers' lives idle with no task (and waiting for a CPU others held: "
                f"{results['import_folder_workers_waiting_pct']} %)"
                if results["import_folder_workers_idle_pct"] is not None
                else "  workers' lives idle with no task (unknown: no workers, or no schedstat)",
                results["import_folder_workers_idle_pct"],
                unit="%",
            ),
            Figure(
                "import_folder_one_core_page_ms",
                "the same folder on one core (vs bare trafilatura)",
                results["import_folder_one_core_page_ms"],
                anchor=results["trafilatura_bare_page_ms"],
                has_anchor=True,
            ),
            Figure(
                "import_folder_one_core_cpu_ms",
                "  its CPU a page (vs bare trafilatura's CPU)",
                results["import_folder_one_core_cpu_ms"],
                anchor=results["trafilatura_bare_cpu_ms"],
                has_anchor=True,
            ),
        ]
    if "import_link_ms" in results:
        rows.append(
            Figure(
                "import_link_ms",
                f"list of {results['import_links']:,} links from a local server, per article "
                f"({results['import_links_per_s']:g}/s)",
                results["import_link_ms"],
                target=f"≤ {LINK_MS_GOAL:g} ms (≥ 20/s)",
                limit=LINK_MS_GOAL,
            )
        )
    if "import_book_csv_s" in results:
        rows += [
            Figure(
                "import_book_csv_s",
                f"one book's Readwise CSV of {results['import_book_csv_rows']:,} highlights, "
                f"seconds (CPU {results['import_book_csv_cpu_s']:g} s)",
                results["import_book_csv_s"],
                unit="s",
                target=f"≤ {CSV_SECONDS_GOAL:g} s",
                limit=CSV_SECONDS_GOAL,
            ),
            Figure(
                "import_book_csv_again_s",
                f"  the same file again (nothing new), seconds "
                f"(CPU {results['import_book_csv_again_cpu_s']:g} s)",
                results["import_book_csv_again_s"],
                unit="s",
                target=f"≤ {CSV_SECONDS_GOAL:g} s",
                limit=CSV_SECONDS_GOAL,
            ),
            Figure(
                "import_book_csv_peak_mb",
                "  peak memory of the first import's process",
                results["import_book_csv_peak_mb"],
                unit="MB",
                target=f"≤ {CSV_MB_GOAL} MB",
                limit=CSV_MB_GOAL,
            ),
            Figure(
                "import_book_csv_again_peak_mb",
                "  peak memory of the second import's process",
                results["import_book_csv_again_peak_mb"],
                unit="MB",
                target=f"≤ {CSV_MB_GOAL} MB",
                limit=CSV_MB_GOAL,
            ),
            Figure(
                "import_book_csv_gain_peak_mb",
                f"  peak memory with {GAINED} passages more (the book updated, its highlights "
                f"re-anchored; {results['import_book_csv_gain_s']:g} s, "
                f"CPU {results['import_book_csv_gain_cpu_s']:g} s)",
                results["import_book_csv_gain_peak_mb"],
                unit="MB",
            ),
        ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.imports")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--pages", type=int, default=PAGES, help="pages in the folder (0: skip)")
    parser.add_argument("--links", type=int, default=LINKS, help="links in the list (0: skip)")
    parser.add_argument(
        "--csv-rows", type=int, default=CSV_ROWS, help="rows of the book CSV (0: skip)"
    )
    parser.add_argument(
        "--rounds", type=int, default=ROUNDS, help="rounds of the folder figures (bare, Margin)"
    )
    args = parser.parse_args()
    results = run(args.pages, args.links, args.csv_rows, args.rounds)
    if args.json:
        import json

        print(json.dumps(results, indent=2))
        return
    print(table(figures(results)))
    for n, found in enumerate(results.get("import_folder_rounds", ()), 1):
        print(
            f"round {n}: Margin {found['page_ms']:g} ms a page, bare {found['bare_ms']:g} ms: "
            f"{found['ratio']:.2f}× (CPU {found['parent_cpu_ms'] + found['workers_cpu_ms']:.2f} "
            f"vs {found['bare_cpu_ms']:g} ms: {found['cpu_ratio']:.2f}×; cores it had "
            f"{(found['parent_cpu_ms'] + found['workers_cpu_ms']) / found['page_ms']:.2f}, "
            f"bare {found['bare_cpu_ms'] / found['bare_ms']:.2f}), load {found['load']:g}"
        )
    if "import_folder_rounds" in results:
        rounds = results["import_folder_rounds"]
        print(f"median ratio {_median_round(rounds)['ratio']:.2f}× of {len(rounds)} rounds")
    if results.get("autogroup"):
        print(
            "the kernel shares the CPU between sessions first (autogroup): how much more of it "
            "Margin's processes get than bare's one depends on the other sessions' load (each "
            "round's cores above); where they get no more than bare's, the ratio is the CPU "
            "ratio"
        )
    if "load_average" in results:
        before, after = results["load_average"]
        print(f"load average (1 min) {before:g} before the folder figures, {after:g} after")


if __name__ == "__main__":
    main()
