"""What quotation detection costs on the bench's 5 MB text before it reads any quotation.

`python -m benchmarks.quotations_floor`: CPU time of `find_quotations` on the text
`benchmarks.quotations.timing` measures, on the same text with every quote mark made a space
(the passes that read the whole text: paragraphs, name collection, masking; the block quotes'
few quotations), and of the timing's anchor (one regex pass over the marks), each the best of
three. The difference of the first two is what the quoted spans themselves cost. Issue 23 asks
for the first at ≤ 10× the anchor; the second tells how much of that the text alone takes.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from benchmarks.quotations import LARGE_BYTES, large_text, load

RUNS = 3
_MARKS = re.compile(r"[“”\"‘’'`«»„‚‹›]")  # every mark a span may open or close with
_ANCHOR = re.compile(r"‘‘|’’|[“”\"‘’']")  # benchmarks.quotations.timing's anchor


def best_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    """The least CPU time of runs calls of work, in milliseconds."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append((time.process_time() - started) * 1000)
    return min(times)


def unmarked(text: str) -> str:
    """The text with every quote mark a space: one character for one, so blocks still fit."""
    return _MARKS.sub(" ", text)


def floor(text: str, blocks: Sequence[Any] | None, runs: int = RUNS) -> dict[str, Any]:
    """The anchor's time, detection's on text and on text unmarked (ms), and what each finds."""
    from annotations.quotations import find_quotations

    plain = unmarked(text)
    return {
        "anchor_ms": best_ms(lambda: sum(1 for _ in _ANCHOR.finditer(text)), runs),
        "text_ms": best_ms(lambda: find_quotations(text, blocks), runs),
        "unmarked_ms": best_ms(lambda: find_quotations(plain, blocks), runs),
        "text_found": len(find_quotations(text, blocks)),
        "unmarked_found": len(find_quotations(plain, blocks)),
    }


def report(f: dict[str, Any]) -> str:
    """The figures as lines, each time with its ratio to the anchor."""
    base = f["anchor_ms"] or 1e-9
    own = f["text_ms"] - f["unmarked_ms"]
    return "\n".join(
        [
            f"anchor (one regex pass over the marks): {f['anchor_ms']:,.0f} ms",
            f"detection on the text: {f['text_ms']:,.0f} ms ({f['text_ms'] / base:.1f}×), "
            f"{f['text_found']:,} quotations",
            f"detection, every quote mark a space: {f['unmarked_ms']:,.0f} ms "
            f"({f['unmarked_ms'] / base:.1f}×), {f['unmarked_found']:,} quotations",
            f"the quoted spans' own part: {own:,.0f} ms ({own / base:.1f}×)",
        ]
    )


def main() -> int:
    """Print the figures for the bench's 5 MB text."""
    articles = [a for a in load() if a.label_set in ("tuning", "held-out-2")]
    if not articles:
        print("quotations_floor: no labelled article found (is MARGIN_SHARED set?)")
        return 1
    print(report(floor(*large_text(articles, LARGE_BYTES))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
