"""PDF import figures side by side in one run (`python -m benchmarks.pdf`, in `make bench`).

- Extraction quality: token F1 (and bigram F1, which a wrong reading order loses) of Margin's
  PDF text against the text each page was made from, beside pdftotext (poppler-utils), raw
  pypdfium2 (`get_text_range` a page) and pdfminer.six. The PDFs are laid out here from real
  text nobody here wrote (the licences Debian ships in /usr/share/common-licenses): a report
  with roman front matter, running headers and page numbers; a two-column paper drawn line by
  line across both columns; one drawn column by column with footnotes; words hyphenated at line
  ends in each. The truth is the laid-out text without headers and page numbers.
- Import of a 300-page report against raw pypdfium2 extraction of the same file (target
  ≤ 1.5×), runs of each taken in turn, each a fresh process. The anchor (`_RAW`) imports
  pypdfium2, opens the file and asks each page in turn for its text page and
  `get_text_range()`: one process, one core. Margin's import (`_IMPORT`) imports Margin's
  importer, reads the file, parses it in the bounded reading process (which, from 60 pages on,
  reads and lays out the second half of the pages in a forked copy on the other core unless the
  load is twice the cores or more) and builds the article with its page map. Wall time is given as
  the median and the fastest run (the one least disturbed by other work on the machine), and
  CPU time (user + system of every process) beside it, with the one-minute load average before
  and after the runs: the CPU ratio is what the import costs in all, the wall ratio what the
  user waits.
- Peak RSS while a 1,000-page PDF imports (target ≤ 200 MB), the largest of the processes.
- Opening the 1,000-page PDF's article in the reader, as `open_large_ms` measures the 5 MB one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, run_measured
from tests.library.pdfmaker import make_pdf

LICENSES = Path("/usr/share/common-licenses")
SOURCES = ("GPL-3", "Apache-2.0", "MPL-2.0", "GFDL-1.3", "LGPL-3")
PAGE = (612.0, 792.0)
CHAR = 0.56  # a Helvetica character's mean width, in ems, rounded up so lines never overflow
Text = tuple[float, float, float, str]


def paragraphs(name: str) -> list[str]:
    """The paragraphs of one of Debian's licence texts, one line each."""
    raw = (LICENSES / name).read_text(encoding="utf-8", errors="replace")
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw)]
    return [p.encode("cp1252", "ignore").decode("cp1252") for p in paras if len(p) > 40]


def wrap(words: list[str], chars: int) -> list[str]:
    """Lines of at most chars characters; a long word that does not fit is hyphenated (the
    line then ends in a soft hyphen, U+00AD, which `unwrap` and the PDF both know)."""
    lines: list[str] = []
    line = ""
    for word in words:
        room = chars - len(line) - (1 if line else 0)
        if len(word) <= room:
            line = f"{line} {word}" if line else word
            continue
        head, tail = word[: room - 1], word[room - 1 :]
        if room >= 5 and len(word) >= 8 and head.isalpha() and tail.isalpha():
            lines.append(f"{line} {head}\u00ad" if line else f"{head}\u00ad")
            line = tail
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def unwrap(lines: list[str]) -> str:
    """The text the lines were wrapped from."""
    return " ".join(lines).replace("\u00ad ", "")


def _shown(line: str) -> str:
    """A line as printed: the soft hyphen at its end drawn as a hyphen."""
    return line.replace("\u00ad", "-")


def lay_out(
    paras: list[str],
    *,
    columns: int,
    interleave: bool,
    pages: int | None = None,
    header: str = "",
    notes: bool = False,
) -> tuple[list[list[Text]], list[str]]:
    """Pages of text placed in one or two columns, and the text each page holds (the truth)."""
    notes_from = paragraphs("GPL-2") if notes else []
    size, lead = 10.0, 13.0
    left, right, top, bottom = 72.0, 540.0, 720.0, 90.0
    gutter = 24.0
    width = (right - left - gutter * (columns - 1)) / columns
    chars = int(width / (CHAR * size))
    rows = int((top - bottom) / lead)
    out_pages: list[list[Text]] = []
    truth: list[str] = []
    queue = list(paras)
    number = 0
    while queue and (pages is None or number < pages):
        number += 1
        placed: list[Text] = []
        page_truth: list[str] = []
        grid: list[list[str]] = []
        for _ in range(columns):
            column: list[str] = []
            while queue and len(column) + 2 <= rows:
                lines = wrap(queue[0].split(), chars)
                take = lines[: rows - len(column) - 1]
                column.extend(take)
                column.append("")
                page_truth.append(unwrap(take))
                if len(take) < len(lines):
                    queue[0] = unwrap(lines[len(take) :])
                    break
                queue.pop(0)
            grid.append(column)
        order = range(rows) if interleave else None
        for c, column in enumerate(grid):
            x = left + c * (width + gutter)
            for r, line in enumerate(column):
                if line:
                    placed.append((x, top - r * lead, size, _shown(line)))
        if interleave and order is not None:
            placed.sort(key=lambda t: (-t[1], t[0]))  # drawn across both columns, line by line
        if notes:  # a real sentence, different on every page, as notes are
            words = notes_from[number % len(notes_from)].split()[:12]
            note = f"{number} " + " ".join(words)
            placed.append((left, 72.0, 7.0, note))
            page_truth.append(note)
        if header:
            placed.append((left, 750.0, 8.0, header))
            placed.append((PAGE[0] / 2, 40.0, 9.0, str(number)))
        out_pages.append(placed)
        truth.append("\n".join(page_truth))
    return out_pages, truth


def corpus(folder: Path) -> list[tuple[str, Path, str]]:
    """The quality corpus: (what, file, truth)."""
    made = []
    specs: list[tuple[str, str, dict[str, Any]]] = [
        (
            "report, 1 column, headers",
            "GPL-3",
            {"columns": 1, "interleave": False, "header": "GNU General Public License"},
        ),
        ("paper, 2 columns line by line", "Apache-2.0", {"columns": 2, "interleave": True}),
        (
            "paper, 2 columns, footnotes",
            "MPL-2.0",
            {"columns": 2, "interleave": False, "notes": True},
        ),
    ]
    for what, source, options in specs:
        pages, truth = lay_out(paragraphs(source), **options)
        path = folder / f"{source}.pdf"
        path.write_bytes(make_pdf(pages, labels="0 << /S /r >> 2 << /S /D >>", size=PAGE))
        made.append((what, path, "\n".join(truth)))
    return made


def big_pdf(folder: Path, pages: int) -> Path:
    """A report of this many pages, the licences' text over and over."""
    text = [p for name in SOURCES for p in paragraphs(name)]
    paras = (text * (pages * 12 // len(text) + 2))[: pages * 12]
    laid, _ = lay_out(paras, columns=1, interleave=False, pages=pages, header="A Long Report")
    path = folder / f"report-{pages}.pdf"
    path.write_bytes(make_pdf(laid, labels="0 << /S /r >> 4 << /S /D >>", size=PAGE))
    return path


# -- extractors ------------------------------------------------------------------------------------


def margin_text(path: Path) -> str:
    from library.importer import build_article, parse_source, read_file

    return build_article(parse_source(read_file(path, 10**9)), str(path), "").text


def pdfium_text(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def pdfminer_text(path: Path) -> str | None:
    try:
        from pdfminer.high_level import extract_text
    except ImportError:
        return None
    return str(extract_text(str(path)))


def pdftotext_text(path: Path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False
    )
    return done.stdout.decode("utf-8", "replace")


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def f1(found: str, truth: str, n: int = 1) -> float:
    """Multiset F1 of word n-grams."""

    def grams(text: str) -> Counter[tuple[str, ...]]:
        words = _tokens(text)
        return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))

    a, b = grams(found), grams(truth)
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return round(2 * precision * recall / (precision + recall), 4)


# -- speed and memory -----------------------------------------------------------------------------

_RAW = """
import sys, pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
n = sum(len(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf)))
print(n)
"""
_IMPORT = """
import sys
from library.importer import build_article, parse_source, read_file
from pathlib import Path
a = build_article(parse_source(read_file(Path(sys.argv[1]), 10**9)), sys.argv[1], "")
print(len(a.text), len(a.pages))
"""


_CPU: dict[str, list[float]] = {}  # CPU seconds (user + system) of each timed run, by code


def _timed_run(code: str, path: Path) -> float:
    """Wall ms of one run in a fresh process; its CPU time (with its children's: the reading
    process and its forked half) is kept in _CPU, steadier than wall time on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, str(path)], check=True, cwd=REPO, capture_output=True
    )
    wall = (time.perf_counter() - started) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    _CPU.setdefault(code, []).append(cpu)
    return wall


def _median(fn: Callable[[], float], runs: int) -> float:
    return round(statistics.median(fn() for _ in range(runs)), 1)


def import_against_raw(report: Path, runs: int) -> dict[str, Any]:
    """Margin's import of the report against raw pypdfium2 extraction, runs of each taken in
    turn (so a burst of load elsewhere hits both): wall time, median and fastest, and CPU."""
    margin: list[float] = []
    raw: list[float] = []
    load_before = os.getloadavg()[0]
    for _ in range(runs):
        margin.append(_timed_run(_IMPORT, report))
        raw.append(_timed_run(_RAW, report))
    out: dict[str, Any] = {
        "import_300_ms": round(statistics.median(margin), 1),
        "raw_pdfium_300_ms": round(statistics.median(raw), 1),
        "import_300_fastest_ms": round(min(margin), 1),
        "raw_pdfium_300_fastest_ms": round(min(raw), 1),
        "import_300_cpu_s": round(statistics.median(_CPU[_IMPORT][-runs:]), 3),
        "raw_pdfium_300_cpu_s": round(statistics.median(_CPU[_RAW][-runs:]), 3),
    }
    out["import_ratio"] = round(out["import_300_ms"] / out["raw_pdfium_300_ms"], 2)
    out["import_fastest_ratio"] = round(
        out["import_300_fastest_ms"] / out["raw_pdfium_300_fastest_ms"], 2
    )
    out["import_cpu_ratio"] = round(out["import_300_cpu_s"] / out["raw_pdfium_300_cpu_s"], 2)
    out["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return out


def peak_rss_mb(path: Path) -> float:
    """The largest resident set of the processes of one import (the importer and its reader),
    theirs alone (`run_measured`: not this process's, nor an earlier child's)."""
    usage = run_measured([sys.executable, "-c", _IMPORT, str(path)], cwd=REPO, capture_output=True)
    if usage.returncode != 0:
        raise RuntimeError(f"importing {path} failed ({usage.returncode})")
    return round(usage.rss_mb, 1)


def open_in_reader(folder: Path, path: Path, quick: bool) -> dict[str, Any]:
    """open_large_ms (benchmarks.tui's own measurement) for the 1,000-page PDF's article, and
    beside it, in the same library and run, for a 5 MB plain-text article."""
    from annotations.workspace import Workspace
    from benchmarks.tui import _child

    root = folder / "library"
    workspace = Workspace(root)
    text = [p for name in SOURCES for p in paragraphs(name)]
    body = "A five megabyte article\n\n" + "\n\n".join(text * 60)[:5_000_000]
    large = workspace.articles.import_bytes(body.encode(), "five.txt").article
    done = workspace.articles.run(workspace.articles.plan([str(path)])).results[0]
    assert done.article is not None and large is not None, done.error
    workspace.close()
    mode = "quick" if quick else "full"
    pdf = _child(["interactive", str(root), done.article.id, mode])
    (root / "state.json").unlink(missing_ok=True)
    five = _child(["interactive", str(root), large.id, mode])
    return {
        "open_pdf_1000_ms": pdf["open_large_ms"],
        "open_pdf_1000_settled_ms": pdf["open_large_settled_ms"],
        "open_5mb_ms": five["open_large_ms"],
        "open_5mb_settled_ms": five["open_large_settled_ms"],
    }


def run(quick: bool = False) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        quality: dict[str, dict[str, Any]] = {}
        for what, path, truth in corpus(folder):
            row: dict[str, Any] = {}
            for tool, extract in (
                ("margin", margin_text),
                ("pdftotext", pdftotext_text),
                ("pypdfium2", pdfium_text),
                ("pdfminer.six", pdfminer_text),
            ):
                found = extract(path)
                row[tool] = None if found is None else (f1(found, truth), f1(found, truth, 2))
            quality[what] = row
        results["quality"] = quality
        report = big_pdf(folder, 300)
        results.update(import_against_raw(report, 2 if quick else 9))
        thousand = big_pdf(folder, 1000)
        results["import_1000_ms"] = _median(lambda: _timed_run(_IMPORT, thousand), 1)
        results["import_1000_peak_rss_mb"] = peak_rss_mb(thousand)
        results.update(open_in_reader(folder, thousand, quick))
    return results


def table(r: dict[str, Any]) -> str:
    lines = ["PDF extraction: token F1 / bigram F1 against the laid-out text", ""]
    tools = ["margin", "pdftotext", "pypdfium2", "pdfminer.six"]
    lines.append(f"| {'document':<32} | " + " | ".join(f"{t:>15}" for t in tools) + " |")
    lines.append("|" + "-" * 34 + "|" + "|".join("-" * 17 for _ in tools) + "|")
    for what, row in r["quality"].items():
        cells = [
            "missing" if row[t] is None else f"{row[t][0]:.3f} / {row[t][1]:.3f}" for t in tools
        ]
        lines.append(f"| {what:<32} | " + " | ".join(f"{c:>15}" for c in cells) + " |")
    lines += [
        "",
        f"import of a 300-page report against raw pypdfium2 extraction (target ≤ 1.5×), wall: "
        f"median {r['import_300_ms']} against {r['raw_pdfium_300_ms']} ms, "
        f"{r['import_ratio']}×; fastest {r['import_300_fastest_ms']} against "
        f"{r['raw_pdfium_300_fastest_ms']} ms, {r['import_fastest_ratio']}×; CPU (all "
        f"processes) {r['import_300_cpu_s']} against {r['raw_pdfium_300_cpu_s']} s, "
        f"{r['import_cpu_ratio']}×; one-minute load average {r['load_average'][0]} before, "
        f"{r['load_average'][1]} after ({os.cpu_count()} cores)",
        f"import of a 1,000-page PDF: {r['import_1000_ms']} ms, peak RSS "
        f"{r['import_1000_peak_rss_mb']} MB (target ≤ 200 MB)",
        f"open the 1,000-page PDF's article: {r['open_pdf_1000_ms']} ms first paint, "
        f"{r['open_pdf_1000_settled_ms']} ms until idle; the 5 MB text article in the same run: "
        f"{r['open_5mb_ms']} ms, {r['open_5mb_settled_ms']} ms (target: no slower; "
        "open_large_ms ≤ 150 ms)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pdf", description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true", help="one run each")
    args = parser.parse_args(argv)
    results = run(args.quick)
    print(json.dumps(results) if args.json else table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
