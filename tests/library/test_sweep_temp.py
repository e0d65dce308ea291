"""Temp files that interrupted writes left are swept when the library opens (after a minute)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from library.fsutil import sweep_temp
from library.store import Library


def _aged(path: Path, seconds: float = 3600) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"half a write")
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_the_library_sweeps_old_temp_files_everywhere_when_it_opens(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    old = [
        _aged(root / "articles" / ".story.md.k3j2h1.tmp"),
        _aged(root / "annotations" / ".story.json.abc.tmp"),
        _aged(root / "annotations" / ".backups" / ".story.2.json.tmp"),
        _aged(root / ".index" / ".catalog.json.x1.tmp"),
        _aged(root / "trash" / "20240101T000000Z-story" / ".trash.json.q.tmp"),
        _aged(root / ".state.json.zz.tmp"),
    ]
    young = _aged(root / "articles" / ".other.md.abc.tmp", seconds=5)  # a write in progress
    users = _aged(root / "articles" / "draft.tmp")  # not a name Margin makes
    Library(root).catalog()
    assert not any(p.exists() for p in old)
    assert young.exists() and users.exists()


def test_sweep_beside_an_export_touches_only_that_files_temps(tmp_path: Path) -> None:
    mine = _aged(tmp_path / ".brief.md.a1b2.tmp")
    other = _aged(tmp_path / ".thesis.docx.tmp")
    removed = sweep_temp(tmp_path, recursive=False, prefix=".brief.md.")
    assert removed == [mine] and not mine.exists() and other.exists()


def test_an_export_sweeps_what_an_interrupted_export_left(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    from tests.conftest import NEWS_TEXT

    source = tmp_path / "news.txt"
    source.write_text(NEWS_TEXT, encoding="utf-8")
    assert margin("import", str(source)).exit_code == 0
    assert margin("highlight", "boston", "--quote", "Secure Communities").exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    left = _aged(out / ".brief.md.dead01.tmp")
    assert margin("export", "-o", str(out / "brief.md")).exit_code == 0
    assert not left.exists() and (out / "brief.md").exists()
    assert [p.name for p in out.iterdir()] == ["brief.md"]
