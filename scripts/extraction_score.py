#!/usr/bin/env python3
"""Score `library.html` on the Readability test pages with the shared scorer and print its report.

Usage: .venv/bin/python scripts/extraction_score.py
The shared folder is `../shared` beside the repository, or the folder named by $MARGIN_SHARED.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    """Extract every corpus page into a temporary folder, then run the shared scorer on it."""
    shared = Path(os.environ.get("MARGIN_SHARED", REPO.parent / "shared"))
    pages = shared / "corpus" / "readability-pages"
    scorer = shared / "tools" / "extraction_score.py"
    if not pages.is_dir() or not scorer.is_file():
        print(f"skipped: no corpus at {pages} (set MARGIN_SHARED to the shared folder)")
        return 0
    sys.path.insert(0, str(REPO))
    from library.errors import ImportFailed
    from library.html import extract_html
    from library.text import build_text

    with tempfile.TemporaryDirectory(prefix="margin-score-") as out:
        for folder in sorted(p for p in pages.iterdir() if p.is_dir()):
            try:
                found = extract_html((folder / "source.html").read_bytes())
            except ImportFailed as error:
                print(f"{folder.name}: {error}", file=sys.stderr)  # scored as missing
                continue
            result = {"title": found.title, "text": build_text(found.blocks)[0]}
            target = Path(out) / f"{folder.name}.json"
            target.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        run = subprocess.run(
            [sys.executable, str(scorer), out], capture_output=True, text=True, check=False
        )
    print(run.stdout, end="")
    print(run.stderr, end="", file=sys.stderr)
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
