"""The parse pool's workers: started by a fork server that has the HTML parsers imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent

# The worker's question must not import the parsers itself: this module imports none of them.
_ASK = """
import sys
from library.limits import Limits
from library.parallel import PRELOAD, ParsePool
from tests.library.test_parallel import modules_loaded

if __name__ == "__main__":
    with ParsePool(Limits(), workers=1) as pool:
        found = pool._pool.submit(modules_loaded, list(PRELOAD)).result()
    print(" ".join(found))
"""


def modules_loaded(names: list[str]) -> list[str]:
    """Which of names a worker process has imported before it runs anything (runs in a worker)."""
    return [name for name in names if name in sys.modules]


def test_workers_start_with_the_parsers_imported(tmp_path: Path) -> None:
    script = tmp_path / "ask.py"
    script.write_text(_ASK, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script)],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert out.stdout.split() == ["library.parallel", "library.html", "trafilatura",
                                  "readability", "htmldate"]  # fmt: skip
