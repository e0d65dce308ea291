"""A quotation cache write whose lock times out (another run holds it too long): the file stays
as it was, the failure is logged, this run's next save writes it, and a run reading the file
meanwhile detects again what it lacks or holds of an older version of an article (note 33)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock
import pytest
from click.testing import Result

import annotations.quotations as quotations
from annotations.quotations.cache import CACHE_FILE, QuotationCache
from library import locks
from library.store import Library
from tests.cli.test_verify_cache_writes import first_arguments
from tests.conftest import edit_keeping_size_and_mtime, import_text

Margin = Callable[..., Result]


@contextmanager
def _held_elsewhere(*_: object, **__: object) -> Iterator[None]:
    raise filelock.Timeout("quotations.lock")
    yield  # never reached: the lock is not had


def test_a_write_that_times_out_is_retried_and_never_serves_an_older_version(
    margin: Margin,
    tmp_path: Path,
    library_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import_text(
        margin,
        tmp_path / "ferry.txt",
        "Ferry news\n\n“The ferry runs until spring,” Mayor Ann Quill said.\n",
    )
    library = Library(library_dir)
    [article_id] = [meta.id for meta in library.catalog()]
    QuotationCache(library).quotations([article_id])  # the file holds this version's entry
    cache_file = library.index_dir / CACHE_FILE
    written = cache_file.read_bytes()

    # The article is edited (same size and mtime: only its ctime tells), and the next run's
    # write finds the lock held past its timeout.
    edit_keeping_size_and_mtime(library.path_of(article_id), b"spring", b"autumn")
    monkeypatch.setattr(locks, "lock", _held_elsewhere)
    busy = QuotationCache(library)
    with caplog.at_level(logging.INFO, logger="annotations.quotations.cache"):
        [quote] = busy.quotations([article_id])[article_id]
    assert quote.text == "The ferry runs until autumn"
    assert cache_file.read_bytes() == written  # untouched, not half written
    assert "not written" in caplog.text  # was silent

    # Another run meanwhile: the file's entry is of the older version, so it detects again.
    detected = first_arguments(monkeypatch, quotations, "find_quotations")
    [again] = QuotationCache(Library(library_dir)).quotations([article_id], save=False)[article_id]
    assert (again.text, again.speaker) == ("The ferry runs until autumn", "Ann Quill")
    assert len(detected) == 1

    # Once the lock is free, the busy run's next save writes what it detected (it was dropped:
    # the failed write had marked it saved).
    monkeypatch.undo()
    busy.save()
    assert cache_file.read_bytes() != written
    detected = first_arguments(monkeypatch, quotations, "find_quotations")
    [read] = QuotationCache(Library(library_dir)).quotations([article_id])[article_id]
    assert read.text == "The ferry runs until autumn"
    assert detected == []  # read from the file
