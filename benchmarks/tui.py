"""Benchmark: the reader at scale, headless (`App.run_test`), each measure in a fresh process.

What "paint" means here: Textual renders a compositor update (every dirty line of every dirty
widget) and, in a real terminal, encodes it to escape sequences. Headless Textual skips the
encoding, so the benchmark does it (and throws the bytes away): a paint is the full cost of a frame
short of the write to the terminal. After an action the benchmark handles every pending message and
then paints at once, instead of waiting for the next tick of Textual's 60 Hz update timer; that
timer's wait is pacing, not work. Two times are kept per action:
- first paint: until the end of the first paint that shows the result (the figure);
- settled: until the app is idle again, i.e. every message, callback and paint the action caused
  (footer updates, status line, garbage collection) is done; it decides whether a held key keeps up.

Run it with `python -m benchmarks.tui [--json]` (the scale library is generated on first use).
Heavy imports stay inside functions: the startup child must import only what it measures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

    from benchmarks.library_data import BenchLibrary

WIDE = (120, 40)
NARROW = (80, 40)
STARTUP_RUNS = 7
OPEN_RUNS = 9
PAGE_DOWNS = 30
REWRAP_RUNS = 9
FILTER_REPEATS = 3
FILTER_QUERY_RANKS = (300, 1_500)  # the search benchmark's two words (titles use the same words)
CHILD_TIMEOUT = 300


def now() -> float:
    """The monotonic clock, in seconds; one clock for every process on the machine."""
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))], 2)


# -- in the app's process --------------------------------------------------------------------------


class PaintClock:
    """Times every paint of an app, encoding each compositor update as a terminal would need."""

    def __init__(self, app: App[Any]) -> None:
        from textual._compositor import CompositorUpdate

        self.count = 0
        self.first: float | None = None
        self._condition: Callable[[], bool] | None = None
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
                self.count += 1
                if self.first is None and self._condition is not None and _safe(self._condition):
                    self.first = now()
            original(screen, renderable)

        app._display = display  # type: ignore[method-assign]

    def expect(self, condition: Callable[[], bool]) -> None:
        """Note the end of the next paint at which condition holds."""
        self._condition = condition
        self.first = None


def _safe(condition: Callable[[], bool]) -> bool:
    try:
        return condition()
    except Exception:  # the screen is not mounted yet, the list not composed: not yet
        return False


def _busy(app: App[Any]) -> bool:
    """Whether the screen has work queued: layout, repaint, callbacks, or unhandled messages."""
    screen = app.screen
    if (
        screen._dirty_widgets
        or screen._layout_required
        or screen._repaint_required
        or screen._scroll_required
        or screen._recompose_required
        or screen._callbacks
    ):
        return True
    nodes = [app, *screen.walk_children(with_self=True)]
    return any(not node._message_queue.empty() for node in nodes)


async def settle(pilot: Pilot[Any], condition: Callable[[], bool] = lambda: True) -> None:
    """Handle pending messages and paint at once, round after round, until nothing is left."""
    app = pilot.app
    for _ in range(1_000):
        busy = [w for w in app.workers if w.group != "persist" and not w.is_finished]
        if busy:
            await app.workers.wait_for_complete(busy)
        await pilot._wait_for_screen()
        was_busy = _busy(app)
        app.screen._on_timer_update()  # the paint the update timer would make on its next tick
        if not was_busy and not _busy(app) and _safe(condition):
            return
        if not was_busy:
            await asyncio.sleep(0)  # waiting on a worker's call into the loop
    raise RuntimeError("the app did not settle")


async def timed(
    pilot: Pilot[Any],
    clock: PaintClock,
    action: Callable[[], object],
    shown: Callable[[], bool],
) -> tuple[float, float]:
    """(first paint, settled) in ms for action, where shown() tells its result is on screen."""
    clock.expect(shown)
    started = now()
    action()
    await settle(pilot, shown)
    settled = now()
    first = clock.first if clock.first is not None else settled
    return (first - started) * 1000, (settled - started) * 1000


def _anchor_app() -> App[None]:
    """The anchor for startup: a bare Textual app with a header, a footer and a list of 10."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Label, ListItem, ListView

    class AnchorApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield ListView(*[ListItem(Label(f"Item {n}")) for n in range(1, 11)])
            yield Footer()

    return AnchorApp()


async def startup_child(kind: str, root: Path, articles: int) -> dict[str, Any]:
    """One startup: when the first full paint ended (monotonic clock), and what it showed."""
    app: App[Any]
    if kind == "anchor":
        from textual.widgets import ListView

        app = _anchor_app()

        def shown() -> bool:
            return len(app.query_one(ListView).children) == 10

    elif articles == 0:  # Margin on an empty library: the welcome line instead of the list
        from textual.widgets import Static

        from tui.app import MarginApp

        app = MarginApp(root)

        def shown() -> bool:
            return "library is empty" in str(app.screen.query_one("#status", Static).content)

    else:
        from tui.app import MarginApp

        app = MarginApp(root)

        def shown() -> bool:
            return len(app.screen.library_list.shown) == articles  # type: ignore[attr-defined]

    clock = PaintClock(app)
    clock.expect(shown)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot, shown)
        painted = clock.first
    return {"painted": painted, "paints": clock.count}


async def interactive_child(root: Path, large_id: str, quick: bool = False) -> dict[str, Any]:
    """Open, page down, re-wrap and filter in one app; medians in ms."""
    from textual import events
    from textual.geometry import Size
    from textual.widgets import Input

    from tui.app import MarginApp
    from tui.screens.main import MainScreen

    app = MarginApp(root)
    clock = PaintClock(app)
    runs = 1 if quick else OPEN_RUNS
    results: dict[str, Any] = {}
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await settle(pilot, lambda: bool(screen.library_list.shown))
        others = [i.meta.id for i in screen.library_list.shown if i.meta.id != large_id]
        reader = screen.reader

        # A frame with nothing to do: what the harness itself costs.
        floor = [(await timed(pilot, clock, lambda: None, lambda: True))[1] for _ in range(10)]
        results["frame_floor_ms"] = _median(floor)

        # Opening the large article from another one.
        def large_shown() -> bool:
            return reader.article is not None and reader.article.id == large_id

        first, settled = [], []
        for n in range(runs):
            screen.open_article(others[n % len(others)])
            await settle(
                pilot, lambda: reader.article is not None and reader.article.id != large_id
            )
            f, s = await timed(
                pilot, clock, lambda: screen.open_article(large_id, focus=True), large_shown
            )
            first.append(f)
            settled.append(s)
        results["open_large_ms"] = _median(first)
        results["open_large_max_ms"] = round(max(first), 2)
        results["open_large_settled_ms"] = _median(settled)

        # Page down through the article.
        first, settled = [], []
        for _ in range(3 if quick else PAGE_DOWNS):
            f, s = await timed(pilot, clock, reader.action_page_down, lambda: True)
            first.append(f)
            settled.append(s)
        results["scroll_page_ms"] = _median(first)
        results["scroll_page_p90_ms"] = _p90(first)
        results["scroll_page_settled_ms"] = _median(settled)
        results["scroll_page_settled_p90_ms"] = _p90(settled)
        results["scroll_page_settled_max_ms"] = round(max(settled), 2)
        results["scroll_page_lines"] = reader.scrollable_content_region.height

        # Re-wrap: the terminal goes from 120 to 80 columns (and back, untimed).
        def resize(size: tuple[int, int]) -> None:
            app._driver._size = Size(*size)  # type: ignore[union-attr]  # as Pilot.resize_terminal
            app.post_message(events.Resize(Size(*size), Size(*size)))

        def measure_is_not(measure: int) -> Callable[[], bool]:
            return lambda: reader.layout_ is not None and reader.layout_.measure != measure

        first, settled = [], []
        for _ in range(1 if quick else REWRAP_RUNS):
            wide = reader.layout_.measure if reader.layout_ else 0
            f, s = await timed(
                pilot,
                clock,
                lambda: resize(NARROW),
                measure_is_not(wide),
            )
            first.append(f)
            settled.append(s)
            narrow = reader.layout_.measure if reader.layout_ else 0
            resize(WIDE)
            await settle(pilot, measure_is_not(narrow))
        results["rewrap_ms"] = _median(first)
        results["rewrap_max_ms"] = round(max(first), 2)
        results["rewrap_settled_ms"] = _median(settled)
        results["rewrap_measures"] = [wide, narrow]

        # Filtering the library: typing a two-word query, one key at a time.
        query = _filter_query(screen)
        field = screen.query_one("#library-filter", Input)
        listing = screen.library_list
        listing.focus()
        await settle(pilot)
        screen.action_find()
        await settle(pilot, lambda: field.has_focus)
        driver = app._driver
        assert driver is not None

        def press(key: events.Key) -> Callable[[], None]:
            return lambda: driver.send_message(key)  # the way a terminal's key reaches the app

        def filtered(typed: str) -> Callable[[], bool]:
            return lambda: listing.filter_text == typed

        first, settled = [], []
        for _ in range(1 if quick else FILTER_REPEATS):
            for n in range(1, len(query) + 1):
                char = query[n - 1]
                key = events.Key("space" if char == " " else char, char)
                f, s = await timed(pilot, clock, press(key), filtered(query[:n]))
                first.append(f)
                settled.append(s)
            field.value = ""
            await settle(pilot, lambda: listing.filter_text == "")
        results["filter_ms"] = _median(first)
        results["filter_p90_ms"] = _p90(first)
        results["filter_settled_ms"] = _median(settled)
        results["filter_query"] = query
        results["filter_keystrokes"] = len(first)
        results["articles_listed"] = len(listing.items)
    return results


def _filter_query(screen: Any) -> str:
    """Two words that occur in titles (the search benchmark's ranks when the library has them)."""
    import random

    from benchmarks import search

    vocab = search._vocabulary(random.Random(search.SEED))
    titles = " ".join(i.meta.title.casefold() for i in screen.library_list.items)
    words = [vocab[r] for r in FILTER_QUERY_RANKS if vocab[r] in titles]
    if len(words) < 2:  # a small library: two words from its first title
        words = screen.library_list.items[0].meta.title.casefold().split()[:2]
    return " ".join(words)


async def memory_child(root: Path, large_id: str) -> dict[str, Any]:
    """RSS with the library listed and the large article shown, in MB."""
    from benchmarks.common import status_kb
    from tui.app import MarginApp
    from tui.screens.main import MainScreen

    app = MarginApp(root)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await settle(pilot, lambda: bool(screen.library_list.shown))
        listed = status_kb()["VmRSS"]
        screen.open_article(large_id, focus=True)
        reader = screen.reader
        await settle(pilot, lambda: reader.article is not None and reader.article.id == large_id)
        fields = status_kb()
        return {
            "rss_mb": round(fields["VmRSS"] / 1024, 1),
            "rss_peak_mb": round(fields["VmHWM"] / 1024, 1),
            "rss_listed_mb": round(listed / 1024, 1),
        }


# -- in the benchmark's process --------------------------------------------------------------------


def _child(args: list[str]) -> dict[str, Any]:
    """Run `python -m benchmarks.tui --child ...`; its JSON line, and when it was started."""
    started = now()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.tui", "--child", *args],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        raise RuntimeError(f"benchmark child {args[0]} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    result["spawned"] = started
    return result


def _compile_project() -> None:
    """Cache Margin's bytecode, as a returning user's Python has it (and pip has Textual's).

    Without this a machine that sets PYTHONDONTWRITEBYTECODE compiles every Margin module from
    source on every start (~40 ms), which no returning user pays.
    """
    import compileall

    repo = Path(__file__).resolve().parent.parent
    for package in ("library", "annotations", "tui", "benchmarks"):
        compileall.compile_dir(repo / package, quiet=1)


def startup(root: Path, articles: int, runs: int = STARTUP_RUNS) -> dict[str, Any]:
    """Process start to first full paint, medians in ms: Margin with the library, the anchor app,
    and (to tell the app's own cost from the library's) Margin with an empty library."""
    _compile_project()
    times: dict[str, list[float]] = {"margin": [], "anchor": [], "empty": []}
    empty = root.parent / "empty-library"
    empty.mkdir(exist_ok=True)
    for _ in range(runs):
        for kind, folder, count in (
            ("anchor", root, 0),
            ("margin", root, articles),
            ("empty", empty, 0),
        ):
            (folder / "state.json").unlink(missing_ok=True)  # no last article to reopen
            out = _child(["startup", kind, str(folder), str(count)])
            times[kind].append((out["painted"] - out["spawned"]) * 1000)
    return {
        "startup_ms": _median(times["margin"]),
        "startup_anchor_ms": _median(times["anchor"]),
        "startup_empty_library_ms": _median(times["empty"]),
        "startup_runs_ms": [round(t, 1) for t in times["margin"]],
        "startup_anchor_runs_ms": [round(t, 1) for t in times["anchor"]],
    }


def run(bench: BenchLibrary, *, quick: bool = False) -> dict[str, Any]:
    """Every TUI figure on a library folder (a clone: opening articles writes reading state)."""
    root = bench.root
    results = startup(root, bench.articles, 1 if quick else STARTUP_RUNS)
    (root / "state.json").unlink(missing_ok=True)
    results.update(_child(["interactive", str(root), bench.large_id, "quick" if quick else "full"]))
    (root / "state.json").unlink(missing_ok=True)
    results.update(_child(["memory", str(root), bench.large_id]))
    (root / "state.json").unlink(missing_ok=True)
    results.pop("spawned", None)
    return results


def _child_main(args: list[str]) -> None:
    kind = args[0]
    if kind == "startup":
        out = asyncio.run(startup_child(args[1], Path(args[2]), int(args[3])))
    elif kind == "interactive":
        out = asyncio.run(interactive_child(Path(args[1]), args[2], args[3] == "quick"))
    elif kind == "memory":
        out = asyncio.run(memory_child(Path(args[1]), args[2]))
    else:
        raise SystemExit(f"unknown child {kind}")
    print(json.dumps(out), flush=True)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: the TUI figures as a table or JSON."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        _child_main(argv[1:])
        return 0
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tui", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    from benchmarks import library_data
    from benchmarks.common import print_results, scratch

    bench = library_data.cached()
    with scratch("tui-") as tmp:
        root = library_data.clone(bench.root, tmp / "library")
        results = run(
            library_data.BenchLibrary(root, bench.large_id, bench.articles, bench.annotations, None)
        )
    print_results(results, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
