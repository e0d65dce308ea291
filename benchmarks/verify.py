"""`margin verify` and `margin speakers` on the 10,000-article benchmark library.

`python -m benchmarks.verify [--json]`. The draft is 5,000 words: quotations of 12–20 words taken
from random articles of the library (most word for word, some with a word changed, some with an
elision, some made up), each in a sentence of its own, between paragraphs of filler prose. The
search index is built before the clock starts (a library in use has one); the quotation cache is
not, so the first run detects the candidate articles' quotations.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import library_data, search
from benchmarks.common import median_ms, scratch

DRAFT_WORDS = 5_000
QUOTES = 60
RUNS = 3
SEED = 23


def make_draft(root: Path, words: int = DRAFT_WORDS, quotes: int = QUOTES) -> tuple[str, list[str]]:
    """A Markdown draft of about `words` words quoting the library; each quote's expected class."""
    from library.store import Library

    rng = random.Random(SEED)
    vocab = search._vocabulary(random.Random(search.SEED))
    library = Library(root)
    metas = [m for m in library.catalog() if m.id != library_data.LARGE_ID]
    expected: list[str] = []
    paragraphs: list[str] = ["# A draft that quotes the library"]
    count = 0
    while count < words:
        filler = " ".join(rng.choices(vocab[:3000], k=rng.randint(40, 70))).capitalize() + "."
        paragraphs.append(filler)
        count += len(filler.split())
        if len(expected) >= quotes:
            continue
        article = library.get(rng.choice(metas).id)
        tokens = article.text.split()
        size = rng.randint(12, 20)
        if len(tokens) < size + 2:
            continue
        at = rng.randrange(0, len(tokens) - size)
        picked = [t.strip('.,;:!?"“”') for t in tokens[at : at + size]]
        kind = rng.choices(["exact", "altered", "elided", "unsourced"], [6, 2, 1, 1])[0]
        if kind == "altered":
            picked[size // 2] = "gloriously"
        elif kind == "elided":
            picked = [*picked[:5], "…", *picked[9:]]
        elif kind == "unsourced":
            picked = rng.choices(vocab[3000:20000], k=size)
        expected.append({"elided": "exact"}.get(kind, kind))
        # The articles are prose without quote marks: a draft quotes them as their writer's words
        # (given to anyone else, the article's own words are misattributed).
        writer = article.authors[0] if article.authors else "Jane Doe"
        sentence = f"“{' '.join(picked)},” said {writer}."
        paragraphs.append(sentence)
        count += len(sentence.split())
    return "\n\n".join(paragraphs) + "\n", expected


def run(root: Path, runs: int = RUNS, words: int = DRAFT_WORDS) -> dict[str, Any]:
    """Verify's time on the draft (first run and median), how it classed the quotations, and
    the speaker index's time on the whole library (first, then from its cache)."""
    from annotations.workspace import Workspace

    workspace = Workspace(root)
    workspace.search_index.refresh()  # the index of a library in use
    text, expected = make_draft(root, words, max(5, QUOTES * words // DRAFT_WORDS))
    draft = root.parent / "verify-draft.md"  # beside the library clone, removed with it
    draft.write_text(text, encoding="utf-8")
    started, cpu = time.perf_counter(), time.process_time()
    result = Workspace(root).quotes.verify(draft)
    first_ms = (time.perf_counter() - started) * 1000
    first_cpu_ms = (time.process_time() - cpu) * 1000  # beside wall time on a shared machine
    warm_ms = median_ms(lambda: Workspace(root).quotes.verify(draft), runs, warmup=False)
    got = [q.status for q in result.quotes]
    started = time.perf_counter()
    speakers = Workspace(root).quotes.speakers()
    speakers_first_s = time.perf_counter() - started
    speakers_ms = median_ms(lambda: Workspace(root).quotes.speakers(), runs, warmup=False)
    return {
        "verify_ms": round(max(first_ms, warm_ms), 1),
        "verify_first_ms": round(first_ms, 1),
        "verify_warm_ms": round(warm_ms, 1),
        "verify_first_cpu_ms": round(first_cpu_ms, 1),
        "verify_words": len(text.split()),
        "verify_quotes": len(got),
        "verify_expected_right": sum(a == b for a, b in zip(got, expected, strict=False)),
        "verify_classes": {s: got.count(s) for s in sorted(set(got))},
        "speakers_first_s": round(speakers_first_s, 1),
        "speakers_ms": round(speakers_ms, 1),
        "speakers_count": len(speakers),
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: runs on a hard-linked clone of the benchmark library."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.verify", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    bench = library_data.cached()
    with scratch("verify-run-") as tmp:
        root = library_data.clone(bench.root, tmp / "library")
        result = run(root)
    print(json.dumps(result, indent=2) if args.json else result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
