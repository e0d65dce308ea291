"""The benchmark runner at a tiny size, so the benchmark code cannot rot unnoticed.

No figure is checked against a target here (speed belongs in `make bench`); only that every
figure is measured, is a number, and lands in the JSON and the table.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from benchmarks import __main__ as runner
from benchmarks import annotations as store_bench
from benchmarks import library_data, search
from benchmarks.library_data import Sizes

TINY = Sizes(
    articles=30, article_bytes=200_000, annotations=300, large_bytes=200_000, large_annotations=30
)
FIGURES = (
    "startup_ms",
    "startup_anchor_ms",
    "open_large_ms",
    "scroll_page_ms",
    "rewrap_ms",
    "search_ms",
    "search_anchor_ms",
    "search_hostile_ms",
    "search_hostile_anchor_ms",
    "filter_ms",
    "export_ms",
    "import_per_article_ms",
    "rss_mb",
    "save_p50_ms",
    "save_p99_ms",
    "load_article_ms",
    "query_ms",
    "fsync_floor_ms",
    "sqlite_save_p50_ms",
    "board_ms",
    "board_anchor_ms",
    "board_move_ms",
    "board_all_ms",
    "cli_list_ms",
    "cli_annotations_ms",
    "cli_annotations_cpu_ms",
    "cli_annotations_tag_ms",
    "cli_export_md_ms",
    "cli_export_md_rss_mb",
    "cli_export_md_cpu_ms",
    "cli_first_search_ms",
    "verify_ms",
    "speakers_ms",
)


@pytest.fixture
def tiny_benchmarks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The search and store benchmarks pointed at tiny data under tmp_path."""
    source = tmp_path / "search"
    search.generate_library(source, TINY.articles, TINY.article_bytes)
    vocab = search._vocabulary(random.Random(search.SEED))
    monkeypatch.setattr(search, "cached_library", lambda force=False: (source, vocab))
    monkeypatch.setattr(store_bench, "BENCH_DIR", tmp_path / "store")
    monkeypatch.setattr(search, "BENCH_DIR", tmp_path / "hostile")
    monkeypatch.setattr(search, "HOSTILE_BYTES", 200_000)
    small = {"ARTICLES": 20, "ANNOTATIONS": 300, "SAVES": 10, "LOADS": 5, "QUERIES": 3}
    for name, value in {**small, "ANCHOR_RUNS": 5}.items():
        monkeypatch.setattr(store_bench, name, value)
    return tmp_path


def test_every_figure_is_measured(tiny_benchmarks: Path) -> None:
    results = runner.run(quick=True, sizes=TINY, bench_dir=tiny_benchmarks)

    for key in FIGURES:
        if key == "search_anchor_ms" and results[key] is None:
            continue  # no ripgrep on this machine: the anchor is reported missing, not faked
        assert isinstance(results[key], int | float), key
        assert results[key] > 0, key
    for anchor in (
        "cli_list_json_ms",
        "cli_annotations_json_ms",
        "cli_all_json_ms",
        "cli_annotations_first_ms",
        "cli_annotations_tag_cpu_ms",
        "cli_all_json_cpu_ms",
    ):
        assert results[anchor] > 0, anchor
    assert results["details"]["articles"] == TINY.articles + 1
    assert results["export_highlights"] == TINY.annotations
    assert results["startup_ratio"] == pytest.approx(
        results["startup_ms"] / results["startup_anchor_ms"], rel=0.01
    )
    assert set(results["met"]) >= {"open_large_ms", "scroll_page_ms", "rss_mb"}
    json.dumps(results)  # --json prints it as one object
    report = runner.report(results)
    for key in FIGURES:
        if not key.endswith("anchor_ms"):
            assert f"`{key}`" in report


def test_the_large_article_is_realistic_prose() -> None:
    article = library_data.large_article(100_000)
    paragraphs = [b for b in article.blocks if b.kind == "paragraph"]
    assert len(article.text) >= 100_000
    for block in paragraphs[:50]:
        text = article.text[block.start : block.end]
        sentences = [s for s in text.replace("?", ".").split(". ") if s]
        assert 2 <= len(sentences) <= 6
    assert library_data.large_article(100_000).text == article.text  # deterministic


def test_a_measured_childs_peak_rss_is_its_own_not_the_bench_processes() -> None:
    """Linux hands a child exec'd straight from a process that process's peak RSS; the CLI
    bench, having built its library in-process, reported ~370 MB for every command that way."""
    import sys

    from benchmarks.common import run_measured

    ballast = bytearray(300 * 1024 * 1024)
    ballast[::4096] = b"1" * len(ballast[::4096])  # touched, so it is resident
    small = run_measured([sys.executable, "-c", "pass"])
    grown = run_measured(
        [sys.executable, "-c", "b = bytearray(150 * 2**20); b[::4096] = b'1' * len(b[::4096])"]
    )
    del ballast
    assert small.returncode == 0 and small.rss_mb < 100
    assert 150 <= grown.rss_mb < 250
    assert small.wall_ms > 0 and small.cpu_ms > 0
