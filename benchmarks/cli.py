"""Benchmark: the `margin` command as a user runs it, on the 10,001-article, 100,000-highlight
library, each figure beside its anchor measured in the same run.

Every command is a fresh process (`python -m tui.cli …`, what the `margin` script runs) with its
output going to a pipe-like sink (/dev/null: not a terminal, as `margin list | less`); the wall
time is the median of a few runs after one warm-up, the memory the largest peak RSS of those
runs (`wait4`'s ru_maxrss for that child alone, taken by a small launcher so that the
bench's own size never leaks into it: `common.run_measured`).

- `margin list` against `margin list --json` (the same data, no layout): ≤ 2×;
- `margin annotations --stance oppose`: ≤ 1.5 s (its `--json` beside it; its CPU time, the
  steadier figure on a loaded machine; `--tag law`; and the first such query, which fills the
  highlights table `.index/highlights.db`);
- `margin export -f md -o FILE` of the whole library: ≤ 5 s, ≤ 300 MB (its anchor: every
  highlight as JSON, `margin annotations --json`, the same reading without grouping or markup);
- the first search of a fresh process on a library whose index was kept up by earlier use:
  ≤ 1 s, beside ripgrep on the same files (the search benchmark's anchor); building that index
  from nothing (`margin reindex`) is reported with it.

Run it alone with `python -m benchmarks.cli [--json]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks import library_data
from benchmarks.common import REPO, print_results, run_measured, scratch

RUNS = 3
SEARCH_QUERY = ("theask", "jifolk")  # the search benchmark's two middling words


def environment(root: Path, home: Path) -> dict[str, str]:
    """A user's environment pointing at root, with its own config and no terminal."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "MARGIN_"))}
    env.update(
        MARGIN_LIBRARY=str(root),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        COLUMNS="120",
    )
    return env


def once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """One `margin ARGS` process: (wall ms, peak RSS in MB); its output is dropped."""
    wall, rss, _cpu = measured(args, env)
    return wall, rss


def measured(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """One `margin ARGS` process: (wall ms, peak RSS in MB, CPU ms: user + system, that child's
    alone, the figure a loaded machine moves least); its output is dropped."""
    with tempfile.TemporaryFile() as stderr:  # a file: a pipe could fill and block the child
        usage = run_measured(
            [sys.executable, "-m", "tui.cli", *args],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
            cwd=REPO,
        )
        stderr.seek(0)
        errors = stderr.read().decode(errors="replace")
    if usage.returncode not in (0, 1):
        raise RuntimeError(f"margin {' '.join(args)} failed ({usage.returncode}): {errors[-500:]}")
    return usage.wall_ms, usage.rss_mb, usage.cpu_ms


def timed(
    args: list[str], env: dict[str, str], runs: int, warmup: bool = True
) -> tuple[float, float]:
    """Median wall ms of runs processes after one warm-up, and their largest peak RSS (MB)."""
    wall, rss, _cpu = timed_cpu(args, env, runs, warmup)
    return wall, rss


def timed_cpu(
    args: list[str], env: dict[str, str], runs: int, warmup: bool = True
) -> tuple[float, float, float]:
    """`timed`, and the median CPU ms of the same runs."""
    if warmup:
        measured(args, env)
    results = [measured(args, env) for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        max(r[1] for r in results),
        statistics.median(r[2] for r in results),
    )


def run(
    bench: library_data.BenchLibrary | None = None,
    *,
    runs: int = RUNS,
    bench_dir: Path | None = None,
    warmup: bool = True,
) -> dict[str, Any]:
    """Every CLI figure on a hard-linked clone of the benchmark library; a JSON-ready dict."""
    bench = bench or library_data.cached()
    out: dict[str, Any] = {}
    with scratch("cli-", bench_dir) as tmp:
        root = library_data.clone(bench.root, tmp / "library")
        env = environment(root, tmp / "home")
        out["cli_list_ms"], out["cli_list_rss_mb"] = timed(["list"], env, runs, warmup)
        out["cli_list_json_ms"], _ = timed(["list", "--json"], env, runs, warmup)
        stance = ["annotations", "--stance", "oppose"]
        # The first library-wide query files every highlight in `.index/highlights.db` (a
        # library kept by earlier use has it); then each query decodes only what it lists.
        out["cli_annotations_first_ms"], out["cli_annotations_first_rss_mb"] = once(stance, env)
        (
            out["cli_annotations_ms"],
            out["cli_annotations_rss_mb"],
            out["cli_annotations_cpu_ms"],
        ) = timed_cpu(stance, env, runs, warmup)
        out["cli_annotations_json_ms"], out["cli_annotations_json_rss_mb"] = timed(
            [*stance, "--json"], env, max(1, runs // 2), warmup
        )
        out["cli_annotations_tag_ms"], _, out["cli_annotations_tag_cpu_ms"] = timed_cpu(
            ["annotations", "--tag", "law"], env, runs, warmup
        )
        out.update(export_figures(env, tmp, runs, warmup))
        # The index a library keeps from its first import on; built here from nothing, once.
        out["cli_index_build_ms"], out["cli_index_build_rss_mb"] = once(["reindex"], env)
        out["cli_first_search_ms"], out["cli_first_search_rss_mb"] = timed(
            ["search", *SEARCH_QUERY], env, runs, warmup
        )
    out["cli_runs"] = runs
    return {k: round(v, 1) if isinstance(v, float) else v for k, v in out.items()}


def export_figures(env: dict[str, str], tmp: Path, runs: int, warmup: bool) -> dict[str, Any]:
    """The library-wide Markdown export beside its anchor, every highlight as JSON (the same
    reading without grouping or markup), run in turn: wall, CPU and peak RSS of each."""
    out: dict[str, Any] = {}
    out["cli_all_json_ms"], out["cli_all_json_rss_mb"], out["cli_all_json_cpu_ms"] = timed_cpu(
        ["annotations", "--json"], env, max(1, runs // 2), warmup
    )
    target = tmp / "export.md"
    export = ["export", "-f", "md", "-o", str(target), "--force"]
    out["cli_export_md_ms"], out["cli_export_md_rss_mb"], out["cli_export_md_cpu_ms"] = timed_cpu(
        export, env, runs, warmup
    )
    out["cli_export_md_bytes"] = target.stat().st_size
    return out


def run_export(
    bench: library_data.BenchLibrary | None = None, *, runs: int = RUNS, warmup: bool = True
) -> dict[str, Any]:
    """Only the export figures (`python -m benchmarks.cli --only export`)."""
    bench = bench or library_data.cached()
    with scratch("cli-", None) as tmp:
        root = library_data.clone(bench.root, tmp / "library")
        out = export_figures(environment(root, tmp / "home"), tmp, runs, warmup)
    out["cli_runs"] = runs
    return {k: round(v, 1) if isinstance(v, float) else v for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: print the figures as a table or JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cli", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--runs", type=int, default=RUNS, help="timed runs per command")
    parser.add_argument(
        "--only", choices=["export"], help="only these figures (the export beside its anchor)"
    )
    args = parser.parse_args(argv)
    if args.only == "export":
        print_results(run_export(runs=args.runs), args.json)
        return 0
    print_results(run(runs=args.runs), args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
