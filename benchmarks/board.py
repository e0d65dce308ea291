"""Benchmark: the brief board at 10,000 highlights, and one cursor move on it in the reader.

The library is the scale benchmark's (10,000 articles, `library_data.cached()`), hard-linked
into a scratch folder with the highlight files of its first articles by id, until they hold
10,000 highlights: every article is there, a tenth of them highlighted. Figures, each a median
beside its anchor measured in the same process:
- `board_ms`: `workspace.briefs.board()` (the query, rows × columns, short cites, saved orders),
  anchor `workspace.highlights.find()`, the library-wide query the board builds on;
- `board_move_ms`: one arrow key on the board screen until its paint (a Pilot app, painted as a
  terminal would be, see benchmarks.tui), anchor an idle frame of the same app;
- `board_all_ms`: the board of the whole scale library (100,000 highlights), beside `find()`
  of the same (no target: the issue's target is for 10,000).

Run it alone with `python -m benchmarks.board [--json]`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
from pathlib import Path
from typing import Any

import orjson

from benchmarks.common import median_ms, print_results, scratch
from benchmarks.library_data import BenchLibrary, clone

HIGHLIGHTS = 10_000
RUNS = 7
ALL_RUNS = 3
MOVES = 40
SIZE = (160, 50)


def sub_library(source: Path, target: Path, highlights: int = HIGHLIGHTS) -> tuple[Path, int]:
    """source's articles (hard links) with the highlight files of its first articles by id,
    until they hold at least highlights; (target, how many they hold)."""
    (target / "annotations").mkdir(parents=True, exist_ok=True)
    for name in ("articles", ".index"):
        if (source / name).is_dir():
            clone(source / name, target / name)
    total = 0
    for shard in sorted((source / "annotations").glob("*.json")):
        if shard.name.startswith("."):
            continue
        total += len(orjson.loads(shard.read_bytes()).get("annotations", {}))
        os.link(shard, target / "annotations" / shard.name)
        if total >= highlights:
            break
    return target, total


def domain_figures(root: Path, runs: int = RUNS) -> dict[str, Any]:
    """board() and its anchor find() on one workspace, warm (the reader keeps one open)."""
    from annotations.workspace import Workspace

    workspace = Workspace(root)
    workspace.briefs.board()  # opens the store, reads every file once, as the reader has
    board = workspace.briefs.board()
    return {
        "board_ms": round(median_ms(workspace.briefs.board, runs), 2),
        "board_anchor_ms": round(median_ms(workspace.highlights.find, runs), 2),
        "board_highlights": board.highlights,
        "board_cells": sum(1 for c in board.cells() if c.items),
        "board_items": sum(len(c.items) for c in board.cells()),
    }


def all_figures(root: Path, runs: int = ALL_RUNS) -> dict[str, Any]:
    """The board of a whole library beside find() of the same."""
    from annotations.workspace import Workspace

    workspace = Workspace(root)
    workspace.highlights.find()
    return {
        "board_all_ms": round(median_ms(workspace.briefs.board, runs, warmup=False), 1),
        "board_all_anchor_ms": round(median_ms(workspace.highlights.find, runs), 1),
        "board_all_highlights": len(workspace.highlights.find()),
    }


async def move_figures(root: Path, moves: int = MOVES) -> dict[str, Any]:
    """One cursor move on the board screen (down, then right), first paint; medians in ms."""
    from textual.app import App

    from annotations.workspace import Workspace
    from benchmarks.tui import PaintClock, settle, timed
    from tui.screens.board import BoardScreen

    workspace = Workspace(root)
    board = workspace.briefs.board()

    class BoardApp(App[None]):
        """The board screen on a bare app that has what a screen asks of Margin's."""

        def __init__(self) -> None:
            super().__init__()
            self.workspace = workspace
            self.copied: list[str] = []

        def copy_text(self, text: str, what: str) -> None:
            self.copied.append(text)

        def report(self, error: Exception) -> None:
            raise error

        def on_mount(self) -> None:
            self.push_screen(BoardScreen(board))

    app = BoardApp()
    clock = PaintClock(app)
    results: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, BoardScreen))
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        floor = [(await timed(pilot, clock, lambda: None, lambda: True))[0] for _ in range(10)]
        first: list[float] = []
        settled: list[float] = []
        for n in range(moves):
            across = (
                screen.action_cursor_right
                if screen.cursor[1] + 1 < len(board.columns)
                else screen.action_cursor_left
            )
            action = screen.action_cursor_down if n % 4 else across  # every move moves
            before = screen.cursor
            f, s = await timed(
                pilot,
                clock,
                action,
                lambda b=before: screen.cursor != b,  # type: ignore[misc]
            )
            first.append(f)
            settled.append(s)
        results["board_move_ms"] = round(statistics.median(first), 2)
        results["board_move_p90_ms"] = round(sorted(first)[int(0.9 * (len(first) - 1))], 2)
        results["board_move_settled_ms"] = round(statistics.median(settled), 2)
        results["board_move_anchor_ms"] = round(statistics.median(floor), 2)
    return results


def run(
    bench: BenchLibrary,
    *,
    quick: bool = False,
    bench_dir: Path | None = None,
    whole: Path | None = None,
) -> dict[str, Any]:
    """Every board figure on the scale library (bench), in a scratch folder; whole is a clone
    of it to measure the whole-library board on (made here when not given)."""
    with scratch("board-", bench_dir) as tmp:
        root, count = sub_library(bench.root, tmp / "library")
        results = {"board_library_highlights": count}
        results.update(domain_figures(root, 2 if quick else RUNS))
        results.update(asyncio.run(move_figures(root, 8 if quick else MOVES)))
        if whole is None:
            whole = clone(bench.root, tmp / "whole")  # caches go there, never into .bench/
        results.update(all_figures(whole, 1 if quick else ALL_RUNS))
    return results


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: the board figures alone."""
    from benchmarks import library_data

    parser = argparse.ArgumentParser(prog="python -m benchmarks.board", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args(argv)
    print_results(run(library_data.cached(), quick=args.quick), args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
