"""`margin remove` and `margin restore` SIGKILLed by the kernel at each of their renames.

`strace -e inject=rename:signal=SIGKILL:when=N` kills the real CLI at the Nth rename, as the
issue's probe did; the in-process matrix (`tests/test_kill_matrix.py`) covers every path and
every fsync. After each kill a new highlight is added when the article is in the library (the
issue's sequence: the old code left the former highlights in the trash, unlisted); then every
highlight is in the library or in an entry `restore --list` lists, and `margin restore` brings
them all back. Skips without strace (Debian: apt-get install strace).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from annotations.workspace import Workspace
from library.store import Library
from tests.conftest import NEWS_TEXT, REPO

STRACE = shutil.which("strace")
pytestmark = pytest.mark.skipif(STRACE is None, reason="needs strace (apt-get install strace)")
RENAMES = "rename,renameat,renameat2"


def _margin(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "tui.cli", "--library", str(root), *args]


def _killed_at(root: Path, step: int, *args: str) -> int:
    assert STRACE is not None
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [STRACE, "-f", "-qq", "-o", os.devnull]
    command += ["-e", f"inject={RENAMES}:signal=SIGKILL:when={step}", *_margin(root, *args)]
    return subprocess.run(command, env=env, capture_output=True, check=False).returncode


def _notes(root: Path, article: str) -> set[str]:
    """Notes of the article's highlights in the library and in every listed trash entry."""
    ws = Workspace(root)
    listed = ws.articles.trash()  # restore --list: finishes what a kill cut short first
    found = {a.note for a in ws.store.for_article(article)} if ws.library.has(article) else set()
    for entry in listed:
        shard = entry.folder / "annotations.json"
        if entry.id == article and shard.exists():
            live = orjson.loads(shard.read_bytes()).get("annotations", {})
            found |= {doc.get("note", "") for doc in live.values()}
    return found


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("strace") / "lib"
    ws = Workspace(root)
    article = ws.articles.import_bytes(NEWS_TEXT.encode(), "news.txt").article
    assert article is not None
    for quote in ("eroding trust", "mandatory"):
        ws.highlights.create(article.id, quote=quote, note=f"note {quote}")
    ws.close()
    return root, article.id


@pytest.mark.parametrize("command", ["remove", "restore"])
def test_a_kill_at_each_rename_strands_no_highlight(
    command: str, template: tuple[Path, str], tmp_path: Path
) -> None:
    source, article = template
    saved = {"note eroding trust", "note mandatory"}
    for step in range(1, 6):
        root = tmp_path / f"{command}-{step}"
        shutil.copytree(source, root)
        if command == "restore":
            Workspace(root).articles.remove(article)
            args: tuple[str, ...] = ("restore", article)
        else:
            args = ("remove", article, "--yes")
        code = _killed_at(root, step, *args)
        assert code in (0, -9, 137), code
        saved_now = saved
        if Library(root).has(article):  # the next command, before anything looks at the trash
            Workspace(root).highlights.create(article, quote="Federal officials", note="next")
            saved_now = saved | {"next"}
        assert _notes(root, article) == saved_now, f"killed at rename {step}"
        if not Workspace(root).library.has(article):
            Workspace(root).articles.restore(article)
        assert {a.note for a in Workspace(root).store.for_article(article)} == saved_now
        assert [f.kind for f in Workspace(root).doctor.check() if f.remains] == []
        shutil.rmtree(root)
