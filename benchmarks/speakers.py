"""The speaker index (`margin speakers`, `quotes --speaker`) on 10,000 synthetic articles.

`python -m benchmarks.speakers [--json]`. Times only the index step (names merged, quotations
counted and grouped by speaker), not reading the quotation cache: about 97,000 quotations under
about 30,000 distinct names (full names, "Mayor Surname", lone surnames and given names, initials,
organisations) spread over 10,000 articles. Side by side with the anchor, 6ff2296's index: its
own `names.py` (read from git) merging over the library, and its tally, without the per-article
merging that came after it. Runs alternate; each starts with `name_key`'s cache empty.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
import types
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotations.quotations.cache import CachedQuotation

ARTICLES = 10_000
RUNS = 5
SEED = 23
ANCHOR = "6ff2296"
_GIVEN = 120
_SURNAMES = 3_000
_ROLES = ("Mayor", "Senator", "Dr.", "Mr.", "Ms.", "Governor")
_ORGS = ("the company", "the agency", "officials", "a spokesman", "the ministry", "police")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)).title()


def make_found(articles: int = ARTICLES, seed: int = SEED) -> dict[str, list[CachedQuotation]]:
    """Quotations by article id, each article quoting a few people under varied names."""
    rng = random.Random(seed)
    given = [_word(rng) for _ in range(_GIVEN)]
    surnames = [_word(rng) for _ in range(_SURNAMES)]
    found: dict[str, list[CachedQuotation]] = {}
    for n in range(articles):
        quotes: list[CachedQuotation] = []
        for _ in range(rng.randint(1, 4)):
            first, last = rng.choice(given), rng.choice(surnames)
            forms = [f"{first} {last}", last, f"{rng.choice(_ROLES)} {last}", f"{first[0]}. {last}"]
            forms += [first, f"{first} {rng.choice(given)[0]}. {last}", f"{last}'s"]
            for _ in range(rng.randint(1, 7)):
                name = rng.choice(forms) if rng.random() < 0.9 else rng.choice(_ORGS)
                quotes.append(CachedQuotation(0, 10, "words", name, None))
        if rng.random() < 0.2:
            quotes.append(CachedQuotation(0, 10, "words", None, None))
        found[f"a{n:05d}"] = quotes
    return found


def anchor_names() -> types.ModuleType:
    """6ff2296's `annotations/quotations/names.py`, read from git and loaded as a module."""
    source = subprocess.run(
        ["git", "show", f"{ANCHOR}:annotations/quotations/names.py"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent,
    ).stdout
    module = types.ModuleType(f"names_{ANCHOR}")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"names.py@{ANCHOR}", "exec"), module.__dict__)
    return module


def anchor_index(
    found: dict[str, list[CachedQuotation]], merge_names: Callable[..., Any]
) -> dict[str, tuple[int, int]]:
    """6ff2296's index: a library-wide merge and a tally (quotations, articles) per speaker."""
    counts: Counter[str] = Counter(
        q.speaker for quotes in found.values() for q in quotes if q.speaker
    )
    merged = merge_names(counts)
    tallies: dict[str, tuple[int, set[str]]] = {}
    variants: dict[str, set[str]] = {}
    for article_id, quotes in found.items():
        for q in quotes:
            if not q.speaker:
                continue
            name = merged[q.speaker].name
            count, articles = tallies.get(name, (0, set()))
            articles.add(article_id)
            tallies[name] = (count + 1, articles)
            variants.setdefault(name, set()).add(q.speaker)
    return {name: (count, len(articles)) for name, (count, articles) in tallies.items()}


def index_summary(found: dict[str, list[CachedQuotation]]) -> list[tuple[Any, ...]]:
    """Every speaker of the current index: name, variants, quotations, articles, article ids."""
    from annotations.workspace.quoting import _speaker_index

    return sorted(
        (s.name, s.variants, s.quotations, s.articles, tuple(sorted(by)))
        for s, by in _speaker_index(found).values()
    )


def _timed(step: Callable[[], object]) -> float:
    from annotations.quotations.names import name_key

    name_key.cache_clear()
    started = time.perf_counter()
    step()
    return (time.perf_counter() - started) * 1000


def run(articles: int = ARTICLES, runs: int = RUNS) -> dict[str, Any]:
    """Anchor and current index times (ms, each run and the median), alternated runs."""
    from annotations.workspace.quoting import _speaker_index

    found = make_found(articles)
    merge_names = anchor_names().merge_names
    anchor: list[float] = []
    now: list[float] = []
    for _ in range(runs):  # alternated so that load falls on both alike
        anchor.append(_timed(lambda: anchor_index(found, merge_names)))
        now.append(_timed(lambda: _speaker_index(found)))
    names = {q.speaker for quotes in found.values() for q in quotes if q.speaker}
    return {
        "articles": len(found),
        "quotations": sum(1 for quotes in found.values() for q in quotes if q.speaker),
        "distinct_names": len(names),
        "speakers": len(_speaker_index(found)),
        "anchor": ANCHOR,
        "anchor_ms": sorted(round(t) for t in anchor),
        "index_ms": sorted(round(t) for t in now),
        "anchor_median_ms": round(sorted(anchor)[len(anchor) // 2]),
        "index_median_ms": round(sorted(now)[len(now) // 2]),
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speakers", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    try:
        result = run(runs=args.runs)
    except (OSError, subprocess.CalledProcessError):
        print(
            f"benchmarks.speakers: cannot read the anchor ({ANCHOR}'s names.py) from git; "
            "run it in a clone of the repository with its history",
            file=sys.stderr,
        )
        return 1
    print(json.dumps(result, indent=2) if args.json else result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
