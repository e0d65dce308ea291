#!/usr/bin/env python3
"""Score `library.html` on the Readability test pages with the shared scorer and print its report.

Usage: .venv/bin/python scripts/extraction_score.py
The shared folder is `../shared` beside the repository, or the folder named by $MARGIN_SHARED.
After the shared report come the mean F1 to four places and the metadata that matches what
Readability found (byline, site name, date), counted over the pages where Readability found one.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

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

    scores = _load(scorer)
    f1: list[float] = []
    meta = {"byline": [0, 0], "siteName": [0, 0], "publishedTime": [0, 0]}
    with tempfile.TemporaryDirectory(prefix="margin-score-") as out:
        for folder in sorted(p for p in pages.iterdir() if p.is_dir()):
            want = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
            expected = scores.html_text((folder / "expected.html").read_text(encoding="utf-8"))
            try:
                found = extract_html((folder / "source.html").read_bytes())
            except ImportFailed as error:
                print(f"{folder.name}: {error}", file=sys.stderr)  # scored as missing
                f1.append(0.0)
                continue
            text = build_text(found.blocks)[0]
            f1.append(scores.prf(text, expected)[2])
            got = {
                "byline": "; ".join(found.authors),
                "siteName": found.publication,
                "publishedTime": found.published,
            }
            for key, tally in meta.items():
                if want.get(key):
                    tally[1] += 1
                    tally[0] += _same(key, got[key], want[key])
            result = {"title": found.title, "text": text}
            target = Path(out) / f"{folder.name}.json"
            target.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        run = subprocess.run(
            [sys.executable, str(scorer), out], capture_output=True, text=True, check=False
        )
    print(run.stdout, end="")
    print(run.stderr, end="", file=sys.stderr)
    print(f"mean_F1={sum(f1) / len(f1):.4f}")
    print(
        "metadata as Readability found it: "
        + ", ".join(f"{k} {n}/{d}" for k, (n, d) in meta.items())
    )
    return run.returncode


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("shared_extraction_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _same(key: str, got: str | None, want: str) -> bool:
    """Whether a found value matches Readability's, its "By " and spacing aside."""
    if key == "publishedTime":
        return got == want[:10]

    def simple(value: str) -> str:
        return re.sub(r"\W+", " ", re.sub(r"^\s*by\s+", "", value, flags=re.I)).strip().casefold()

    return bool(got) and simple(got or "") == simple(want)


if __name__ == "__main__":
    sys.exit(main())
