"""Regenerate tests/golden/ from the current code; review the diff before committing it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    """Run the golden tests with MARGIN_UPDATE_GOLDEN=1, then show what changed."""
    env = {**os.environ, "MARGIN_UPDATE_GOLDEN": "1"}
    tests = [
        "tests/annotations/test_citation.py",
        "tests/annotations/test_export.py",
        "tests/library/test_parsers_news.py",
        "tests/library/test_html_scripts.py",
    ]
    code = subprocess.call(
        [sys.executable, "-m", "pytest", "-q", "-k", "golden", *tests], cwd=REPO, env=env
    )
    subprocess.call(["git", "status", "--short", "tests/golden", "tests/fixtures"], cwd=REPO)
    return code


if __name__ == "__main__":
    sys.exit(main())
