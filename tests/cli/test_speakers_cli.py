"""`margin speakers` and `margin quotes --speaker NAME` as a user runs them (issue 23)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from annotations.model import Annotation
from annotations.workspace import Workspace

Margin = Callable[..., Result]
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "news" / "boston-secure-communities.txt"

LATER = """\
Menino doubles down on the program

Published 2 August 2011

Mayor Menino spoke to reporters at City Hall on Tuesday about the federal fingerprint program.

“We will not take part until the rules change,” Mayor Menino said.

Bill Clinton and Hillary Clinton both visited the city that week.

“Boston has always led on this question,” Bill Clinton said at a dinner.

“The mayor is right to ask for changes,” Hillary Clinton told the crowd.
"""


def _library(margin: Margin, tmp_path: Path) -> Path:
    later = tmp_path / "menino-later.txt"
    later.write_text(LATER, encoding="utf-8")
    assert margin("import", str(SEED), str(later)).exit_code == 0
    return later


def test_speakers_merges_name_variants_and_keeps_clintons_apart(
    margin: Margin, tmp_path: Path
) -> None:
    _library(margin, tmp_path)
    result = margin("speakers", "--json")
    assert result.exit_code == 0, result.output
    rows = {row["speaker"]: row for row in json.loads(result.stdout)}
    menino = rows["Thomas M. Menino"]
    assert "Menino" not in rows and "Mayor Menino" not in rows
    assert menino["articles"] == 2
    assert menino["quotations"] >= 4
    assert {"Thomas M. Menino", "Menino"} <= set(menino["variants"])
    assert rows["Bill Clinton"]["quotations"] == 1
    assert rows["Hillary Clinton"]["quotations"] == 1
    table = margin("speakers")
    assert table.exit_code == 0
    assert "Thomas M. Menino" in table.stdout


def test_quotes_by_speaker_in_date_order_with_stance(
    margin: Margin, tmp_path: Path, library_dir: Path
) -> None:
    _library(margin, tmp_path)
    workspace = Workspace(library_dir)
    later = next(m for m in workspace.library.catalog() if m.title.startswith("Menino doubles"))
    article = workspace.library.get(later.id)
    words = "We will not take part until the rules change"
    start = article.text.index(words)
    workspace.store.add(
        Annotation.from_span(later.id, article.text, start, start + len(words), stance="oppose")
    )
    workspace.close()
    result = margin("quotes", "--speaker", "Menino", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["speaker"] for r in rows} == {"Thomas M. Menino"}
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert rows[-1]["quote"] == words and rows[-1]["stance"] == "oppose"
    assert rows[-1]["named"] == "Menino"
    assert all(r["stance"] is None for r in rows[:-1])
    text = margin("quotes", "--speaker", "mayor menino")
    assert text.exit_code == 0
    assert "Thomas M. Menino: " in text.stdout and "oppose" in text.stdout


def test_quotes_by_speaker_unknown_or_ambiguous_is_one_line(margin: Margin, tmp_path: Path) -> None:
    _library(margin, tmp_path)
    unknown = margin("quotes", "--speaker", "Nobody Atall")
    assert unknown.exit_code == 1
    assert "no speaker named 'Nobody Atall'" in unknown.stderr
    ambiguous = margin("quotes", "--speaker", "Clinton")
    assert ambiguous.exit_code == 1
    assert "Bill Clinton" in ambiguous.stderr and "Hillary Clinton" in ambiguous.stderr
    both = margin("quotes", "boston", "--speaker", "Menino")
    assert both.exit_code == 2


def test_speaker_cache_follows_a_changed_article(
    margin: Margin, tmp_path: Path, library_dir: Path
) -> None:
    _library(margin, tmp_path)
    assert margin("speakers").exit_code == 0
    cache = library_dir / ".index" / "quotations.json"
    assert cache.exists()
    workspace = Workspace(library_dir)
    later = next(m for m in workspace.library.catalog() if m.title.startswith("Menino doubles"))
    path = workspace.library.path_of(later.id)
    body = path.read_text(encoding="utf-8").replace("Bill Clinton said", "Al Gore said")
    body = body.replace("Bill Clinton and", "Al Gore and")
    path.write_text(body, encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different stamp even on a coarse clock
    rows = {r["speaker"] for r in json.loads(margin("speakers", "--json").stdout)}
    assert "Al Gore" in rows and "Bill Clinton" not in rows
