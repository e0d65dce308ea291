"""Crash safety: a writer killed at random moments never loses an acknowledged save."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from annotations.store import AnnotationStore

REPO = Path(__file__).resolve().parents[2]
ROUNDS = 8

# Adds highlights to a few articles and deletes some; prints "a <id>" or "d <id>" only after the
# call returned, so every printed line is a save the store acknowledged.
WRITER = """
import sys
from pathlib import Path
from annotations.model import Annotation
from annotations.store import AnnotationStore

root, round_no = Path(sys.argv[1]), int(sys.argv[2])
store = AnnotationStore(root)
i = 0
while True:
    article = f"art-{i % 3}"
    saved = store.add(Annotation(article, i, i + 5, f"r{round_no} q{i} " + "x" * (i % 40)))
    print("a", saved.id, flush=True)
    if i % 4 == 3:
        store.delete(saved.id)
        print("d", saved.id, flush=True)
    i += 1
"""


def test_killed_writers_lose_no_acknowledged_save(tmp_path: Path) -> None:
    root = tmp_path / "annotations"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rng = random.Random(20240601)
    added: set[str] = set()
    deleted: set[str] = set()
    for round_no in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(root), str(round_no)],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        try:
            assert child.stdout is not None
            first = child.stdout.readline()  # the writer is running and has saved once
            assert first.startswith("a "), "the writer did not start"
            time.sleep(rng.uniform(0.005, 0.25))
        finally:
            child.send_signal(signal.SIGKILL)
            rest, _ = child.communicate(timeout=30)
        for line in (first + rest).splitlines(keepends=True):
            if not line.endswith("\n"):
                continue  # cut off by the kill: not acknowledged
            kind, ident = line.split()
            (added if kind == "a" else deleted).add(ident)

        store = AnnotationStore(root)
        live = {a.id for art in ("art-0", "art-1", "art-2") for a in store.for_article(art)}
        binned = {a.id for a in store.deleted()}
        assert store.recoveries == [], "a killed writer must never leave a broken file"
        assert added <= live | binned, "an acknowledged add was lost"
        assert deleted <= binned, "an acknowledged delete was lost"
        assert not live & binned
        assert not list(root.glob("*.corrupt-*"))
    assert len(added) > ROUNDS
