"""Concurrent writers on one highlight: field-level edits under the lock lose nothing.

Three processes run `margin annotate` 20 times each on different fields of the same highlight
(tags, note, speaker), and a fourth writer (the reader's use case, in this process) sets the
stance meanwhile. Before field-level edits, the whole-record writes of `margin annotate` lost
5-6 of the 20 tags in every run.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from annotations.edits import Edit
from annotations.workspace import Workspace
from tests.conftest import NEWS_TEXT

EDITS = 20
REPO = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from tui.cli import main
library, ident, field = sys.argv[1:4]
for n in range(int(sys.argv[4])):
    args = {
        "tag": ["--tag", f"t{n}"],
        "note": ["--note", f"note {n}"],
        "speaker": ["--speaker", f"Speaker {n}"],
    }[field]
    try:
        main(["--library", library, "annotate", ident, *args])
    except SystemExit as exit:
        if exit.code:
            raise
"""


def test_three_cli_writers_and_the_reader_lose_nothing(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    workspace = Workspace(root)
    done = workspace.articles.import_bytes(NEWS_TEXT.encode(), "news.txt")
    assert done.article is not None
    ident = workspace.highlights.create(done.article.id, quote="eroding trust").annotation.id
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(root), ident, field, str(EDITS)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for field in ("tag", "note", "speaker")
    ]
    stances = ["support", "oppose", "neutral"]
    reader = Workspace(root)  # as the open reader: its own store, its own process state

    def stance_loop() -> None:
        for n in range(EDITS):
            reader.highlights.change(ident, Edit.set(stance=stances[n % 3]))

    thread = threading.Thread(target=stance_loop)
    thread.start()
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    thread.join(timeout=60)
    final = Workspace(root).highlights.get(ident)
    assert final.tags == [f"t{n}" for n in range(EDITS)]  # every tag, in order
    assert final.note == f"note {EDITS - 1}"
    assert final.speaker == f"Speaker {EDITS - 1}"
    assert final.stance == stances[(EDITS - 1) % 3]
    assert final.quote == "eroding trust"
