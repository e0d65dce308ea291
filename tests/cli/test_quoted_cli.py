"""`margin quotes ARTICLE [--json]` as a user runs it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Margin = Callable[..., Result]
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "news" / "boston-secure-communities.txt"


def test_quotes_json_lists_the_seed_quotations(margin: Margin) -> None:
    assert margin("import", str(SEED)).exit_code == 0
    result = margin("quotes", "--json", "secure communities")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    text = json.loads(margin("show", "--json", "secure communities").stdout)["text"]
    for row in rows:
        assert text[row["start"] : row["end"]] == row["quote"]
        assert set(row) == {"quote", "speaker", "role", "kind", "start", "end"}
    speakers = {row["quote"][:20]: row["speaker"] for row in rows}
    assert speakers["We want the federal "] == "Thomas M. Menino"  # the ’’-closed quotation
    assert speakers["The program has been"] == "Thomas M. Menino"  # the block quote
    assert speakers["uses an already-exist"[:20]] == (
        "U.S. Immigration and Customs Enforcement (ICE)"
    )
    assert [r["kind"] for r in rows].count("block") == 2


def test_quotes_table_shows_speaker_role_and_offsets(margin: Margin) -> None:
    assert margin("import", str(SEED)).exit_code == 0
    result = margin("quotes", "boston")
    assert result.exit_code == 0
    assert "Thomas M. Menino" in result.stdout
    assert "Police Commissioner" in result.stdout
    assert "speaker" in result.stdout and "start" in result.stdout


def test_quotes_never_reads_markup_from_the_article(margin: Margin, tmp_path: Path) -> None:
    source = tmp_path / "markup.txt"
    source.write_text(
        "Markup test\n\n“[bold]Nothing[/bold] is [link=x]hidden[/link] here,” said Ada Byron.\n",
        encoding="utf-8",
    )
    assert margin("import", str(source)).exit_code == 0
    result = margin("quotes", "markup test")
    assert result.exit_code == 0
    assert "[bold]Nothing[/bold]" in result.stdout
    assert "Ada Byron" in result.stdout


def test_quotes_of_an_unknown_article_is_one_line(margin: Margin) -> None:
    result = margin("quotes", "no such article")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "no article" in result.stderr


def test_quotes_without_quotations(margin: Margin, tmp_path: Path) -> None:
    source = tmp_path / "plain.txt"
    source.write_text("Plain title\n\nNobody is quoted in this short piece.\n", encoding="utf-8")
    assert margin("import", str(source)).exit_code == 0
    result = margin("quotes", "plain title")
    assert result.exit_code == 0
    assert "No quotations" in result.stdout
    assert json.loads(margin("quotes", "--json", "plain title").stdout) == []
