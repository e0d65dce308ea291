"""Benchmark: anchoring and selection on a 5 MB article.

Times the approximate quote search (Myers in lanes of one big integer), re-anchoring after an
edit, and building and using the reader's TextIndex. The text is synthetic prose from a fixed seed.
Run it with `python -m benchmarks.anchoring [--size BYTES]`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from functools import partial

from annotations.anchoring import _folded, match_quote, reanchor
from annotations.model import Annotation
from annotations.selection import TextIndex

SEED = 20_260_101
_WORDS = [
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as",
    "his", "on", "be", "at", "by", "this", "had", "not", "are", "but", "from", "or", "have", "an",
    "they", "which", "one", "you", "were", "her", "all", "she", "there", "would", "their", "we",
    "council", "harbour", "street", "traders", "petition", "mayor", "trial", "cars", "parking",
    "residents", "budget", "million", "percent", "shops", "cyclists", "pedestrians", "vote",
    "Tuesday", "Mr.", "Dr.", "U.S.", "3.5", "e.g.", "“quoted”", "it’s", "—",
]  # fmt: skip


def article(size: int) -> str:
    """Deterministic prose of about size characters, in paragraphs separated by blank lines."""
    rng = random.Random(SEED)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(3, 8)):
            words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 30)))
            sentences.append(words[0].upper() + words[1:] + rng.choice(".?!."))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def timed(label: str, action: Callable[[], object], runs: int = 3) -> None:
    """Print the median wall time of action."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    print(f"{label:<58} {statistics.median(times) * 1000:9.1f} ms")


def typo_every(text: str, step: int) -> str:
    """Text with every step-th character replaced by '#'."""
    return "".join("#" if i % step == step // 2 else c for i, c in enumerate(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=5_000_000, help="article size in characters")
    size = parser.parse_args().size
    text = article(size)
    middle = len(text) // 2
    print(f"article: {len(text):,} characters")

    timed("fold the text (cached after the first call)", lambda: _folded.__wrapped__(text))
    _folded(text)
    for length in (20, 200, 1000):
        quote = typo_every(text[middle : middle + length], min(40, length // 2))
        timed(
            f"approximate search, {length}-char quote with typos", partial(match_quote, text, quote)
        )
    timed("quote not found (200 chars, closest reported)", lambda: match_quote(text, "zq" * 100))

    rng = random.Random(SEED)
    notes = []
    for _ in range(100):
        start = rng.randrange(0, len(text) - 200)
        notes.append(Annotation.from_span("a", text, start, start + rng.randint(20, 200)))
    shifted = "A new first paragraph.\n\n" + text
    timed(
        "re-anchor 100 highlights after a paragraph was inserted",
        lambda: [reanchor(n, shifted) for n in notes],
        1,
    )

    timed("TextIndex build", lambda: TextIndex(text))
    index = TextIndex(text)
    timed(
        "first sentence motion (splits one paragraph)",
        lambda: index.next_start("sentence", middle),
        1,
    )
    timed(
        "1,000 sentence motions",
        lambda: [index.next_start("sentence", middle + i) for i in range(1000)],
    )
    timed("1,000 word motions", lambda: [index.next_start("word", middle + i) for i in range(1000)])
    timed("all sentence spans", lambda: TextIndex(text).sentences, 1)
    timed("all word spans", lambda: TextIndex(text).words, 1)


if __name__ == "__main__":
    main()
