"""Importing any export twice changes nothing: not the catalog, not a file in the library's
folder (a second list of failures or of page notes would be a change)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from annotations.workspace import Workspace
from tests.exports.conftest import SAMPLES, Served, zipped

# Every sample of every format; `{BASE}` in a sample is the local server's address.
_SKIPPED = ("SOURCE.md", "page.html", "kindle-unknown.txt")
_SAMPLES = [
    *sorted(p.name for p in SAMPLES.iterdir() if p.name not in _SKIPPED),
    "omnivore unzipped",
]


def _files(root: Path) -> dict[str, bytes]:
    """Every file of the library's folder by path, with its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("name", _SAMPLES)
def test_importing_an_export_twice_changes_no_file(
    name: str,
    workspace: Workspace,
    server: Served,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each run in a second of its own, as a user's are: a file named for the time is new.
    seconds = iter(range(10, 60))
    strftime = time.strftime
    monkeypatch.setattr(
        time,
        "strftime",
        lambda pattern, *at: (
            f"20250101-1200{next(seconds)}"
            if pattern == "%Y%m%d-%H%M%S"
            else strftime(pattern, *at)
        ),
    )
    if name == "omnivore":
        path = tmp_path / "omnivore-export.zip"
        path.write_bytes(zipped(SAMPLES / name))
    elif name == "omnivore unzipped":
        path = tmp_path / "omnivore-export"
        shutil.copytree(SAMPLES / "omnivore", path)
    else:
        path = server.sample(name, tmp_path / name)
    workspace.imports.run(path)
    before = _files(workspace.root)
    workspace.imports.run(path)
    after = _files(workspace.root)
    assert sorted(after) == sorted(before)
    assert [k for k in before if before[k] != after[k]] == []
