"""The backup benchmark at a tiny size, so its code cannot rot unnoticed (no target checked)."""

from __future__ import annotations

from benchmarks import backups


def test_every_scheme_is_measured() -> None:
    results = backups.run(saves=9, packs=3, lookups=6)
    for scheme in ("wal", "link", "none"):
        for q in ("p50", "p99"):
            assert results[f"save_{scheme}_{q}_ms"] > 0
    assert results["pack_lookups"] == 6 and results["pack_lookups_alone_s"] >= 0
    shown = backups.table(backups.figures(results))
    assert "save_wal_p99_ms" in shown and "pack_lookups_s" in shown
