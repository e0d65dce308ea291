"""The import benchmark at a tiny size, so its code cannot rot unnoticed (no target checked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import imports


def test_every_figure_is_measured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imports, "scratch", lambda prefix: _Here(tmp_path))
    results = imports.run(pages=3, links=3, csv_rows=20)
    for key in (
        "import_folder_page_ms",
        "trafilatura_bare_page_ms",
        "import_link_ms",
        "import_book_csv_s",
    ):
        assert results[key] > 0
    shown = imports.table(imports.figures(results))
    assert "import_folder_page_ms" in shown and "import_link_ms" in shown
    # Three pages start no workers: their idle and waiting shares are unknown, not 0 %.
    assert results["import_folder_workers_idle_pct"] is None
    assert results["import_folder_workers_waiting_pct"] is None


def test_a_process_whose_schedstat_cannot_be_read_has_no_lifetime() -> None:
    """Without /proc, or a kernel without schedstat, a worker's life is not known: it was
    counted as zeros, and the workers then said to be 0 % idle and 0 % waiting."""
    assert imports._lifetime_of(2**22 + 1) is None  # above Linux's largest process id


class _Here:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __enter__(self) -> Path:
        return self.folder

    def __exit__(self, *exc: object) -> None:
        pass
