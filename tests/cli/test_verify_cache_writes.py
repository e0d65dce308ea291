"""`margin verify` asks the quotation detector who speaks, article by article, while it aligns;
the quotation cache it fills is written once a run (atomically), not once for each article the
draft quotes (issue 23, note 30)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import Result

from annotations.quotations import cache as quotation_cache
from tests.conftest import import_text

Margin = Callable[..., Result]
TOWNS = ("Alder", "Birchwood", "Cedarford", "Dunmere")


def towns_library(margin: Margin, tmp_path: Path, towns: tuple[str, ...] = TOWNS) -> Path:
    """A library of one new article for each town, each with Mayor Quill's quotation broken by
    its tag (joining it asks the detector who speaks), and a draft quoting each whole: its path."""
    draft_lines = []
    for n, town in enumerate(towns):
        import_text(
            margin,
            tmp_path / f"{town.lower()}.txt",
            f"{town} council meets\n\nThe council met on Monday.\n\n"
            f"“The {town} bridge will reopen in spring {n},” Mayor Ann Quill said. “The ferry "
            f"will run until the {town} works are done.”\n",
        )
        draft_lines.append(
            f"Quill said: “The {town} bridge will reopen in spring {n}. The ferry will run "
            f"until the {town} works are done.”"
        )
    draft = tmp_path / "draft.md"
    draft.write_text("\n\n".join(draft_lines) + "\n", encoding="utf-8")
    return draft


def first_arguments(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[Any]:
    """owner.name, still called, recording the first argument of each call: the list."""
    seen: list[Any] = []
    real = getattr(owner, name)

    def recording(first: Any, *rest: Any, **kwargs: Any) -> Any:
        seen.append(first)
        return real(first, *rest, **kwargs)

    monkeypatch.setattr(owner, name, recording)
    return seen


def test_a_draft_quoting_several_new_articles_writes_the_cache_once(
    margin: Margin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = towns_library(margin, tmp_path)
    writes = first_arguments(monkeypatch, quotation_cache, "atomic_write")
    result = margin("verify", "--json", str(draft))
    assert result.exit_code == 0, result.output
    assert [q["status"] for q in json.loads(result.stdout)] == ["exact"] * len(TOWNS)
    assert len(writes) == 1  # was one write for each of the four articles
    saved = json.loads(writes[0].read_text(encoding="utf-8"))
    assert len(saved["articles"]) == len(TOWNS)
    # A second run detects nothing new and writes nothing.
    assert margin("verify", "--json", str(draft)).exit_code == 0
    assert len(writes) == 1


def test_two_runs_at_once_keep_each_others_new_entries(
    margin: Margin, tmp_path: Path, library_dir: Path
) -> None:
    """Note 32: two runs that read the cache before either wrote it each wrote what they had, so
    the later write dropped the earlier's new entries (they were detected again next time).
    Each write now merges its detections into the file under its lock; an article gone from the
    library is still dropped by a run over the whole library, and stays dropped."""
    from library.store import Library

    towns_library(margin, tmp_path)
    library = Library(library_dir)
    ids = sorted(meta.id for meta in library.catalog())
    cache_file = library.index_dir / quotation_cache.CACHE_FILE
    first = quotation_cache.QuotationCache(library)
    second = quotation_cache.QuotationCache(library)
    first.quotations([], save=False)  # both read it before either writes
    second.quotations([], save=False)
    first.quotations(ids[:2])
    second.quotations(ids[2:])
    assert sorted(orjson.loads(cache_file.read_bytes())["articles"]) == ids  # was ids[2:]

    library.path_of(ids[0]).unlink()
    third = quotation_cache.QuotationCache(library)
    third.quotations([], save=False)  # reads all four
    changed = library.path_of(ids[3])
    os.utime(changed, ns=(changed.stat().st_atime_ns, changed.stat().st_mtime_ns + 10**9))
    fourth = quotation_cache.QuotationCache(library)
    fourth.quotations(ids, every=True)  # the whole library: the gone one is dropped
    third.quotations(ids[3:])  # detects the changed one again, and writes
    saved = orjson.loads(cache_file.read_bytes())["articles"]
    assert sorted(saved) == ids[1:]  # was all four: the gone one back from third's first read
