"""Thin citation metadata is never silent: copy and export warn, `list --incomplete` shows it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Margin = Callable[..., Result]


def _seed(margin: Margin, news_file: Path) -> str:
    assert margin("import", str(news_file)).exit_code == 0
    made = margin("highlight", "boston", "--quote", "eroding trust", "--tag", "trust")
    assert made.exit_code == 0, made.stderr
    return made.stdout.strip()


def test_copy_and_export_name_what_the_citation_lacks(
    margin: Margin, news_file: Path, tmp_path: Path
) -> None:
    ident = _seed(margin, news_file)
    copied = margin("copy", ident[:8], "--print", "--style", "mla")
    assert copied.exit_code == 0
    assert "margin: note: citation lacks publication and URL; add them with: margin edit" in (
        copied.stderr
    )
    assert "--publication NAME --url URL" in copied.stderr
    exported = margin("export", "-o", str(tmp_path / "brief.md"))
    assert exported.exit_code == 0 and "citation lacks publication" in exported.stderr
    data = margin("export", "-f", "json")  # Margin's own data, no citation: no warning
    assert data.exit_code == 0 and data.stderr == ""
    margin("edit", "boston", "--author", "Maria Sacchetti", "--publication", "The Boston Globe")
    margin("edit", "boston", "--url", "https://example.com/boston")
    assert margin("copy", ident[:8], "--print").stderr == ""


def test_list_incomplete(margin: Margin, news_file: Path) -> None:
    _seed(margin, news_file)
    rows = json.loads(margin("list", "--json").stdout)
    assert rows[0]["citation_lacks"] == ["publication", "URL"]
    shown = margin("list", "--incomplete")
    assert "lacks publication, URL" in " ".join(shown.stdout.split())
    margin("edit", "boston", "--author", "{Associated Press}", "--publication", "AP")
    margin("edit", "boston", "--url", "https://example.com/boston")
    assert margin("list", "--incomplete", "--json").stdout.strip() == "[]"
    done = margin("list", "--incomplete")
    assert done.stdout.strip() == "Every article has an author, publication, date and URL."


def test_an_export_of_many_thin_articles_counts_the_notes_past_a_few(
    margin: Margin, news_file: Path, tmp_path: Path
) -> None:
    text = news_file.read_text(encoding="utf-8")
    for n in range(8):  # eight articles with no publication and no URL, one highlight each
        copy = tmp_path / f"story-{n}.txt"
        copy.write_text(text.replace("Boston threatens", f"Town {n} threatens", 1), "utf-8")
        assert margin("import", str(copy)).exit_code == 0
        made = margin("highlight", f"Town {n}", "--quote", "eroding trust")
        assert made.exit_code == 0, made.stderr
    exported = margin("export", "-o", str(tmp_path / "all.md"))
    assert exported.exit_code == 0
    notes = [line for line in exported.stderr.splitlines() if line.startswith("margin: note:")]
    assert len(notes) == 6  # five in full, then one line counting the rest
    assert notes[-1].startswith("margin: note: and 3 more articles whose citations lack")
    assert "margin list --incomplete" in notes[-1]
