"""Helpers shared by the benchmarks: the cache folder, medians, the machine and a results table."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO / ".bench"  # every benchmark caches its data here (git-ignored)


# A small launcher runs each measured command: Linux gives a child exec'd straight from this
# process (vfork + exec) the peak RSS of *this* process, so a bench that has built its library
# in-process would report hundreds of MB for every command. The launcher's own mm is small and
# fresh, so the grandchild's ru_maxrss is its own; wall and CPU are taken around it alone too.
_LAUNCHER = """
import json, os, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
proc = subprocess.Popen(cmd)
_pid, status, usage = os.wait4(proc.pid, 0)
wall = (time.perf_counter() - started) * 1000
cpu = (usage.ru_utime + usage.ru_stime) * 1000
code = os.waitstatus_to_exitcode(status)
with open(out, "w") as f:
    json.dump({"wall_ms": wall, "rss_mb": usage.ru_maxrss / 1024, "cpu_ms": cpu, "code": code}, f)
"""


@dataclass(frozen=True, slots=True)
class ChildUsage:
    """One measured process: wall ms, peak RSS (MB, its own), CPU ms (user + system), exit code."""

    wall_ms: float
    rss_mb: float
    cpu_ms: float
    returncode: int


def run_measured(args: list[str], **popen: Any) -> ChildUsage:
    """Run ARGS (stdin, stdout, stderr, env, cwd as for subprocess.run) through the launcher and
    return its own wall time, peak RSS and CPU time, unaffected by this process's size."""
    with tempfile.TemporaryDirectory(prefix="margin-measure-") as folder:
        report = Path(folder) / "usage.json"
        subprocess.run([sys.executable, "-c", _LAUNCHER, str(report), *args], check=False, **popen)
        data = json.loads(report.read_text())
    return ChildUsage(data["wall_ms"], data["rss_mb"], data["cpu_ms"], data["code"])


def status_kb() -> dict[str, int]:
    """The kB fields of /proc/self/status (VmRSS: now, VmHWM: peak)."""
    status = Path("/proc/self/status").read_text()
    return {
        line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if " kB" in line
    }


def own_peak_mb() -> float:
    """This process's peak resident set since its exec (VmHWM), in MB: unlike ru_maxrss, which
    starts from the parent's peak in a child started by fork and exec."""
    try:
        return status_kb()["VmHWM"] / 1024
    except (OSError, KeyError):
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def median_ms(fn: Callable[[], object], runs: int, *, warmup: bool = True) -> float:
    """The median wall time of fn over runs calls, in ms (after one untimed call)."""
    if warmup:
        fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


@dataclass(frozen=True, slots=True)
class Figure:
    """One row of the table: a figure, its anchor when it has one, and its target."""

    key: str
    label: str
    value: float | None
    unit: str = "ms"
    anchor: float | None = None
    has_anchor: bool = False  # show the anchor column (even when the anchor could not be measured)
    target: str = ""  # how the target reads, e.g. "≤ 150 ms" or "< 1× rg"
    limit: float | None = None  # value must be at most this
    ratio_limit: float | None = None  # value / anchor must be at most this
    strict: bool = False  # ratio_limit is a strict bound (<)

    @property
    def ratio(self) -> float | None:
        """value / anchor, when both are known."""
        if self.value is None or not self.anchor:
            return None
        return self.value / self.anchor

    @property
    def met(self) -> bool | None:
        """Whether the target is met (None when there is no target or it could not be checked)."""
        if self.value is None or (self.limit is None and self.ratio_limit is None):
            return None
        ok = True
        if self.limit is not None:
            ok = ok and self.value <= self.limit
        if self.ratio_limit is not None:
            ratio = self.ratio
            if ratio is None:
                return None
            ok = ok and (ratio < self.ratio_limit if self.strict else ratio <= self.ratio_limit)
        return ok


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = (
        f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}" if value < 10 else f"{value:.1f}"
    )
    return f"{text} {unit}".rstrip()


def table(figures: list[Figure]) -> str:
    """The figures as a Markdown table (figure, value, anchor, ratio, target, met?)."""
    rows = [("figure", "value", "anchor", "ratio", "target", "met?")]
    for f in figures:
        met = {True: "yes", False: "**no**", None: "—"}[f.met]
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        anchor = _number(f.anchor, f.unit) if f.has_anchor else "—"
        rows.append(
            (f"`{f.key}` {f.label}", _number(f.value, f.unit), anchor, ratio, f.target, met)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    """What the figures ran on: cores, memory, CPU model, Python and Textual versions."""
    import textual

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    rg = None
    try:
        out = subprocess.run(["rg", "--version"], capture_output=True, text=True, check=False)
        rg = out.stdout.splitlines()[0] if out.stdout else None
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "memory_gib": memory,
        "cpu": cpu,
        "python": sys.version.split()[0],
        "textual": textual.__version__,
        "platform": platform.platform(),
        "ripgrep": rg,
        "date": time.strftime("%Y-%m-%d"),
    }


@contextlib.contextmanager
def scratch(prefix: str, bench_dir: Path | None = None) -> Iterator[Path]:
    """A temporary folder beside the cached data (so hard links work), removed afterwards."""
    base = bench_dir or BENCH_DIR
    base.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=base, prefix=prefix))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def print_results(results: dict[str, Any], as_json: bool) -> None:
    """A module's figures on stdout: JSON for scripts, else one aligned `name  value` a line."""
    if as_json:
        print(json.dumps(results, indent=2))
        return
    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
