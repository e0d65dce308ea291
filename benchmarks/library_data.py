"""Benchmark data for the scale figures: 10,000 articles, 100,000 highlights and one 5 MB article.

The articles are the search benchmark's cached library (hard-linked, not copied); this module adds
one large article of the same kind of prose and highlights spread over every article, with real
quotes and context taken from each article's text. Everything is generated once from fixed seeds
and cached under `.bench/`; each run works on a hard-linked clone (Margin only ever renames new
files into place, so the cache is never changed).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson

from annotations.model import Annotation
from annotations.store import AnnotationStore
from benchmarks import search
from benchmarks.common import BENCH_DIR
from library.articlefile import dumps, loads
from library.model import Article, BlockKind
from library.store import Library
from library.text import build_text, count_words
from library.tinystore import replace_file

SEED = 20_260_301
LARGE_ID = "bench-large-5mb"
STANCES = ("support", "oppose", "neutral", None)
TAGS = (
    "economy", "housing", "law", "courts", "health", "education", "policing", "immigration",
    "budget", "taxes", "jobs", "climate", "energy", "transport", "data", "methodology",
    "quote-worthy", "follow-up", "weak-evidence", "strong-evidence", "statistics", "history",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Sizes:
    """How big the benchmark library is."""

    articles: int = search.ARTICLES  # articles in the library, besides the large one
    article_bytes: int = search.TARGET_BYTES  # their total size on disk
    annotations: int = 100_000  # highlights over the whole library, the large article's included
    large_bytes: int = 5_000_000  # the large article's text, in characters
    large_annotations: int = 400  # of the highlights above, how many are on the large article


FULL = Sizes()


@dataclass(frozen=True, slots=True)
class BenchLibrary:
    """A generated library folder and what the benchmarks need to know about it."""

    root: Path
    large_id: str
    articles: int  # every article, the large one included
    annotations: int
    generate_s: float | None  # how long generating took, when this call generated it


def large_article(size: int, seed: int = SEED) -> Article:
    """About size characters of prose: paragraphs of 2–6 sentences of 8–30 words, some headings."""
    rng = random.Random(seed)
    vocab = search._vocabulary(random.Random(search.SEED))
    cum = search._cumulative_zipf(len(vocab))
    blocks: list[tuple[BlockKind, str]] = []
    total = 0
    while total < size:
        if rng.random() < 0.05:
            heading = " ".join(rng.choices(vocab[150:3000], k=rng.randint(2, 6)))
            blocks.append(("heading", heading.capitalize()))
            total += len(heading) + 2
        sentences = []
        for _ in range(rng.randint(2, 6)):
            words = rng.choices(vocab, cum_weights=cum, k=rng.randint(8, 30))
            if rng.random() < 0.3:
                cut = rng.randrange(1, len(words))
                words[cut - 1] += ","
            sentence = " ".join(words)
            sentences.append(sentence[0].upper() + sentence[1:] + rng.choice(".....?"))
        paragraph = " ".join(sentences)
        blocks.append(("paragraph", paragraph))
        total += len(paragraph) + 2
    text, spans = build_text(blocks)
    return Article(
        id=LARGE_ID,
        title="The long report: a five-megabyte article for the benchmarks",
        authors=["Ingrid Larsen"],
        publication="The Civic Review",
        published="2025-06-01",
        source="bench:large",
        imported="2026-02-01T00:00:00Z",
        tags=["budget", "report"],
        words=count_words(text),
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        blocks=spans,
    )


def _highlights(article: Article, count: int, rng: random.Random) -> dict[str, object]:
    """count highlights on article: sentence-sized spans with stances, tags and some notes."""
    docs: dict[str, object] = {}
    text = article.text
    limit = max(1, len(text) - 1)
    for _ in range(count):
        start = rng.randrange(0, limit)
        # Start and end on word boundaries, as a reader's selection would.
        while start > 0 and text[start - 1] != " ":
            start -= 1
        end = min(len(text), start + rng.randint(40, 260))
        space = text.rfind(" ", start + 1, end)
        end = space if space > start else end
        day = rng.randrange(730)
        created = f"{2024 + day // 365}-{1 + (day % 365) // 31:02d}-{1 + day % 28:02d}T12:00:00Z"
        note = ""
        if rng.random() < 0.3:
            note = text[rng.randrange(0, limit) :][: rng.randint(20, 160)].strip()
        annotation = Annotation.from_span(
            article.id,
            text,
            start,
            end,
            stance=rng.choice(STANCES),
            tags=rng.sample(TAGS, rng.choice((0, 1, 1, 2, 3))),
            note=note,
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            created=created,
        )
        docs[annotation.id] = annotation.to_dict()
    return docs


def _write_shard(folder: Path, article_id: str, docs: dict[str, object]) -> None:
    tables = {"annotations": docs, "deleted": {}, "_meta": {"1": {"schema": 1}}}
    payload = orjson.dumps(tables, option=orjson.OPT_INDENT_2)
    replace_file(folder / f"{article_id}.json", payload, durable=False)  # throwaway data


def build(root: Path, source_articles: Path, sizes: Sizes = FULL) -> BenchLibrary:
    """A library at root: source's article files hard-linked, the large article, highlights."""
    started = time.perf_counter()
    library = Library(root)
    library.ensure()
    sources = sorted(p for p in source_articles.iterdir() if p.suffix == ".md")
    for path in sources:
        _link(path, library.articles_dir / path.name)
    large = large_article(sizes.large_bytes)
    (library.articles_dir / f"{LARGE_ID}.md").write_text(dumps(large), encoding="utf-8")

    # Highlights: the large article's share, then the rest spread unevenly over the others.
    rng = random.Random(SEED + 1)
    folder = root / "annotations"
    folder.mkdir(exist_ok=True)
    _write_shard(folder, LARGE_ID, _highlights(large, sizes.large_annotations, rng))
    rest = sizes.annotations - sizes.large_annotations
    weights = [rng.uniform(1, 19) for _ in sources]
    counts = [int(w * rest / sum(weights)) for w in weights]
    for i in range(rest - sum(counts)):
        counts[i % len(counts)] += 1
    for path, count in zip(sources, counts, strict=True):
        if count:
            article, _ = loads(path.read_text(encoding="utf-8"))
            _write_shard(folder, article.id, _highlights(article, count, rng))

    # The caches a returning user has: the catalog and the highlight count index.
    library.catalog()
    AnnotationStore(folder).stance_counts()
    return BenchLibrary(
        root, LARGE_ID, len(sources) + 1, sizes.annotations, time.perf_counter() - started
    )


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def cached(sizes: Sizes = FULL, bench_dir: Path = BENCH_DIR) -> BenchLibrary:
    """The benchmark library, generated on first use (the articles come from the search cache)."""
    params = {"seed": SEED, "sizes": asdict(sizes), "search": search.library_params(), "v": 1}
    key = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:12]
    folder = bench_dir / f"scale-{key}"
    marker = folder / "complete.json"
    root = folder / "library"
    if marker.exists():
        return BenchLibrary(root, LARGE_ID, sizes.articles + 1, sizes.annotations, None)
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    if sizes == FULL:
        source = search.cached_library()[0] / "articles"
    else:
        source = folder / "source" / "articles"
        search.generate_library(source.parent, sizes.articles, sizes.article_bytes)
    made = build(root, source, sizes)
    marker.write_text(json.dumps(params), encoding="utf-8")
    return BenchLibrary(
        made.root, made.large_id, made.articles, made.annotations, time.perf_counter() - started
    )


def clone(source: Path, target: Path) -> Path:
    """A hard-linked copy of a library folder (copies where links are refused); target."""
    for folder, dirs, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            if name.endswith((".db", ".db-journal", ".db-wal", ".db-shm")):
                # SQLite writes in place: a hard link would change the source's file too.
                shutil.copy2(Path(folder) / name, target / relative / name)
            else:
                _link(Path(folder) / name, target / relative / name)
        dirs.sort()
    return target
