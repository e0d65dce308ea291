"""Benchmark: library-wide search over 10,000 synthetic articles against ripgrep on the same files.

The library (about 50 MB of prose drawn from a Zipf-like vocabulary) is generated once with a fixed
seed and cached under `.bench/`; the index is built from scratch each run so its time is reported.
Run it with `python -m benchmarks.search [--json]`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from annotations.model import Annotation
from annotations.search import LibrarySearch
from annotations.store import AnnotationStore
from annotations.workspace import Workspace
from benchmarks.common import BENCH_DIR, print_results
from library.articlefile import dumps
from library.model import Article
from library.store import Library
from library.text import build_text, count_words

SEED = 20_260_101
ARTICLES = 10_000
TARGET_BYTES = 50_000_000
RUNS = 7
ANNOTATED_EVERY = 50  # every 50th article gets HIGHLIGHTS_EACH highlights with notes and tags
HIGHLIGHTS_EACH = 5
# The query: two content words of middling frequency (vocabulary ranks 300 and 1,500), the kind of
# pair a reader types; a common-word pair (ranks 40 and 90) is timed as well, for information.
QUERY_RANKS = (300, 1_500)
COMMON_RANKS = (40, 90)
# A hostile block: one line of one word repeated (see hostile_block), and a word found once.
HOSTILE_BYTES = 50_000_000
HOSTILE_RARE = "zyzzyvas"
HOSTILE_RUNS = 3

_FUNCTION_WORDS_TEXT = (
    "the of and to a in that is was he for it with as his on be at by i this had not are but from "
    "or have an they which one you were her all she there would their we him been has when who "
    "will more no if out so said what up its about into than them can only other new some could "
    "time these two may then do first any my now such like our over man me even most made after "
    "also did many before must through back years where much your way well down should because "
    "each just those people how too little state good very make world still own see men work long "
    "get here between both life being under never day same another know while last might us great "
    "old year off come since against go came right used take three"
)
_ONSETS = "b bl br c ch cl cr d dr f fl fr g gl gr h j k l m n p pl pr qu r s sc sh sl sm sn sp st "
_ONSETS += "str t th tr v w wh y z"
_NUCLEI = "a e i o u ai au ea ee ie oa oo ou y"
_CODAS = " b ck d ft g l ld lk lt m mp n nd ng nk nt p r rd rk rm rn rt s sh sk ss st t th x"
_FIRST = "Maria Thomas Ana João Li Wei Amina Peter Sara Omar Elena Hiro Chloé Kwame Ingrid Rafael"
_LAST = "Sacchetti Menino Silva Chen Okafor Novak Müller García Tanaka Haddad Larsen Costa Dubois"
_PUBLICATIONS = ("The Harbour Times", "Riverton Ledger", "Evening Courier", "The Civic Review")


def _vocabulary(rng: random.Random, size: int = 40_000) -> list[str]:
    """Function words first, then invented words of one to four syllables (all distinct)."""
    onsets, nuclei, codas = _ONSETS.split(), _NUCLEI.split(), _CODAS.split(" ")
    words = list(dict.fromkeys(_FUNCTION_WORDS_TEXT.split()))
    seen = set(words)
    while len(words) < size:
        syllables = rng.choice((1, 1, 2, 2, 2, 3))
        word = "".join(
            rng.choice(onsets) + rng.choice(nuclei) + _coda(rng, codas) for _ in range(syllables)
        )
        if word not in seen and len(word) > 2:
            seen.add(word)
            words.append(word)
    return words


def _coda(rng: random.Random, codas: list[str]) -> str:
    return rng.choice(codas) if rng.random() < 0.5 else ""


def _cumulative_zipf(size: int, exponent: float = 1.07) -> list[float]:
    total = 0.0
    out = []
    for rank in range(1, size + 1):
        total += 1.0 / rank**exponent
        out.append(total)
    return out


def library_params() -> dict[str, Any]:
    """What the cached library depends on; a change regenerates it."""
    return {
        "seed": SEED,
        "articles": ARTICLES,
        "bytes": TARGET_BYTES,
        "annotated_every": ANNOTATED_EVERY,
        "format": 2,
    }


def generate_library(
    root: Path, articles: int = ARTICLES, target_bytes: int = TARGET_BYTES
) -> None:
    """Write a synthetic library of realistic prose as real article files (deterministic)."""
    rng = random.Random(SEED)
    vocab = _vocabulary(rng)
    cum = _cumulative_zipf(len(vocab))
    library = Library(root)
    library.ensure()
    # Front matter takes about 400 bytes of each file; the rest is text.
    per_article = target_bytes // articles - 400
    firsts, lasts = _FIRST.split(), _LAST.split()
    for n in range(articles):
        # Articles vary in length between about a third and twice the mean.
        want = int(per_article * rng.uniform(0.35, 1.65))
        pool = rng.choices(vocab, cum_weights=cum, k=want // 3)
        pos = size = 0
        blocks: list[tuple[str, str]] = []
        while size < want and pos < len(pool):
            sentences = []
            for _ in range(rng.randint(2, 6)):
                length = rng.randint(8, 30)
                words = pool[pos : pos + length]
                pos += length
                if not words:
                    break
                sentence = " ".join(words)
                if len(words) > 2 and rng.random() < 0.3:
                    cut = rng.randrange(1, len(words))
                    sentence = " ".join(words[:cut]) + ", " + " ".join(words[cut:])
                sentences.append(sentence[0].upper() + sentence[1:] + ".")
            if sentences:
                blocks.append(("paragraph", " ".join(sentences)))
                size += len(blocks[-1][1]) + 2
            if rng.random() < 0.08:
                heading = " ".join(rng.choices(vocab[150:3000], k=rng.randint(2, 5)))
                blocks.append(("heading", heading.capitalize()))
        title_words = rng.choices(vocab[100:5000], k=rng.randint(4, 9))
        title = " ".join(title_words).capitalize()
        text, spans = build_text(blocks)  # type: ignore[arg-type]
        digest = hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()
        article = Article(
            id=f"bench-{n:05d}-{digest[:6]}",
            title=title,
            authors=[f"{rng.choice(firsts)} {rng.choice(lasts)}"],
            publication=rng.choice(_PUBLICATIONS),
            published=f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            source=f"bench:{n}",
            imported=f"2026-01-01T00:{n // 600:02d}:{n // 10 % 60:02d}Z",
            tags=rng.sample(("transport", "housing", "budget", "policing", "schools"), k=2),
            words=count_words(text),
            content_hash=digest,
            text=text,
            blocks=spans,
        )
        # The fast path: plain writes, no fsync; this is throwaway data.
        (library.articles_dir / f"{article.id}.md").write_text(dumps(article), encoding="utf-8")
        if n % ANNOTATED_EVERY == 0:
            _annotate(root, article, rng, vocab, cum)


def _annotate(
    root: Path, article: Article, rng: random.Random, vocab: list[str], cum: list[float]
) -> None:
    """Highlights on one article through the annotation store, with notes, tags and stances."""
    store = AnnotationStore(root / "annotations")
    for _ in range(HIGHLIGHTS_EACH):
        start = rng.randrange(0, max(1, len(article.text) - 200))
        note = " ".join(rng.choices(vocab, cum_weights=cum, k=rng.randint(5, 25))).capitalize()
        store.add(
            Annotation.from_span(
                article.id,
                article.text,
                start,
                start + rng.randint(20, 150),
                note=note,
                tags=rng.sample(("evidence", "claim", "statistic", "quote"), k=1),
                stance=rng.choice(("support", "oppose", "neutral")),
            )
        )


def cached_library(force: bool = False) -> tuple[Path, list[str]]:
    """The benchmark library (generated on first use) and its vocabulary by rank."""
    params = library_params()
    key = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:12]
    root = BENCH_DIR / f"search-{key}"
    marker = root / "complete.json"
    if force and root.exists():
        shutil.rmtree(root)
    if not marker.exists():
        if root.exists():
            shutil.rmtree(root)
        generate_library(root)
        marker.write_text(json.dumps(params), encoding="utf-8")
    return root, _vocabulary(random.Random(SEED))


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up: page cache, lazy imports, racily-clean files
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def rg_both_words(rg: str, folder: Path, first: str, second: str) -> list[str]:
    """Files containing both words (whole words, any case), the way a person would use rg.

    rg has no AND of patterns (lookahead needs --pcre2 and reads files whole), so two passes: list
    the files with the first word, then search only those for the second.
    """
    base = [rg, "--no-ignore", "--no-messages", "-l", "-i", "-w", "-F"]
    first_pass = subprocess.run(
        [*base, first, str(folder)], capture_output=True, text=True, check=False
    ).stdout.split()
    if not first_pass:
        return []
    second_pass = subprocess.run(
        [*base, second, *first_pass], capture_output=True, text=True, check=False
    ).stdout.split()
    return second_pass


def run(runs: int = RUNS, *, force: bool = False) -> dict[str, Any]:
    """Generate or reuse the library, build the index, time the query and rg; a JSON-ready dict."""
    started = time.perf_counter()
    root, vocab = cached_library(force)
    generate_s = time.perf_counter() - started
    size = sum(e.stat().st_size for e in os.scandir(root / "articles"))
    workspace = Workspace(root)
    search = LibrarySearch(workspace)

    start = time.perf_counter()
    counts = search.reindex()
    build_s = time.perf_counter() - start
    index_bytes = sum(p.stat().st_size for p in search.index.folder.glob("search-*.db*"))

    results: dict[str, Any] = {
        "articles": counts.articles,
        "library_bytes": size,
        "generate_or_reuse_s": round(generate_s, 2),
        "index_build_s": round(build_s, 2),
        "index_bytes": index_bytes,
        "runs": runs,
    }
    rg = shutil.which("rg")
    for label, ranks in (("", QUERY_RANKS), ("common_", COMMON_RANKS)):
        first, second = vocab[ranks[0]], vocab[ranks[1]]
        query = f"{first} {second}"
        found = search.search(query, limit=20)
        ours = _median_ms(partial(search.search, query, 20), runs)
        results[f"{label}query"] = query
        results[f"{label}search_ms"] = round(ours, 2)
        results[f"{label}hits"] = found.total
        if rg:
            rg_ms = _median_ms(partial(rg_both_words, rg, root / "articles", first, second), runs)
            files = rg_both_words(rg, root / "articles", first, second)
            results[f"{label}rg_ms"] = round(rg_ms, 2)
            results[f"{label}rg_files"] = len(files)
            results[f"{label}ratio"] = round(ours / rg_ms, 3)
        else:
            results[f"{label}rg_ms"] = None
            results[f"{label}ratio"] = None

    results.update(hostile_block(min(runs, HOSTILE_RUNS)))

    # Incremental cost: one article rewritten behind the index's back, then the next search.
    target = sorted((root / "articles").iterdir())[0]
    original = target.read_bytes()
    try:
        target.write_bytes(original.replace(b"\n\n", b"\n\nZyzzyvaword appears here.\n\n", 1))
        start = time.perf_counter()
        found = search.search("zyzzyvaword", limit=5)
        results["stale_one_article_search_ms"] = round((time.perf_counter() - start) * 1000, 2)
        results["stale_one_article_found"] = found.total
    finally:
        target.write_bytes(original)
        search.search("zyzzyvaword", limit=5)
    return results


def hostile_block(runs: int = HOSTILE_RUNS, size: int | None = None) -> dict[str, Any]:
    """One article that is a single 50 MB line of one word repeated, with a rare word at its end:
    `margin search word` (ten million matches in one block) side by side with the rare word, on
    the same row of the index. Snippets mark the first few matches only, so the two should take
    about as long (FTS5's highlight() took time in the square of the matches: 106 s at 4 MB)."""
    size = size or HOSTILE_BYTES
    root = BENCH_DIR / f"hostile-{size}"
    marker = root / "complete.json"
    if not marker.exists():
        if root.exists():
            shutil.rmtree(root)
        library = Library(root)
        library.ensure()
        text, spans = build_text(
            [("paragraph", ("word " * (size // 5)).strip() + f" {HOSTILE_RARE}")]
        )
        article = Article(
            id="hostile-one-line-000000",
            title="One line of one word",
            source="bench:hostile",
            imported="2026-01-01T00:00:00Z",
            words=count_words(text),
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
            text=text,
            blocks=spans,
        )
        (library.articles_dir / f"{article.id}.md").write_text(dumps(article), encoding="utf-8")
        marker.write_text(json.dumps({"bytes": size}), encoding="utf-8")
    workspace = Workspace(root)
    start = time.perf_counter()
    workspace.search.reindex()
    build_s = time.perf_counter() - start
    found = workspace.search.run("word", 20)
    assert found.hits and found.hits[0].marks, "the snippet shows the match"
    repeated = _median_ms(partial(workspace.search.run, "word", 20), runs)
    rare = _median_ms(partial(workspace.search.run, HOSTILE_RARE, 20), runs)
    return {
        "hostile_bytes": size,
        "hostile_index_build_s": round(build_s, 2),
        "hostile_repeated_word_ms": round(repeated, 1),
        "hostile_rare_word_ms": round(rare, 1),
        "hostile_ratio": round(repeated / rare, 2),
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: print the results as a table or JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--runs", type=int, default=RUNS, help="timed runs per query (median)")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the cached library")
    args = parser.parse_args(argv)
    results = run(args.runs, force=args.regenerate)
    print_results(results, args.json)
    if results.get("rg_ms") is None:
        print("note: rg (ripgrep) not found; the rg anchor was skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
