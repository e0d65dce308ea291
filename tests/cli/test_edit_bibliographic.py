"""`margin edit` sets the bibliographic fields (issue 21 Deliver 5, issue 22 Deliver 3 and 4)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Margin = Callable[..., Result]


def _imported(margin: Margin, tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("---\ntitle: On reading\n---\n\nBody text here.\n")
    assert margin("import", str(source)).exit_code == 0


def test_edit_sets_a_journal_articles_fields(margin: Margin, tmp_path: Path) -> None:
    _imported(margin, tmp_path)
    result = margin(
        "edit", "On reading", "--type", "journal", "--journal", "Journal of Reading",
        "--volume", "12", "--issue", "3", "--pages", "341-360",
        "--doi", "https://doi.org/10.1000/xyz123", "--language", "en_GB", "--published", "2020",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    shown = json.loads(margin("show", "On reading", "--json").output)
    assert {k: shown[k] for k in ("item_type", "publication", "volume", "issue", "page_range",
                                  "doi", "language", "published")} == {
        "item_type": "article-journal", "publication": "Journal of Reading", "volume": "12",
        "issue": "3", "page_range": "341-360", "doi": "10.1000/xyz123", "language": "en-GB",
        "published": "2020",
    }  # fmt: skip
    # A chapter in an edited book, then a report: each field set on its own.
    assert margin("edit", "On reading", "--type", "chapter", "--editor", "Ann Lee",
                  "--editor", "Bo Chen", "--publisher", "Harbour Press",
                  "--isbn", "978-0-00-000000-0").exit_code == 0  # fmt: skip
    shown = json.loads(margin("show", "On reading", "--json").output)
    assert shown["editors"] == ["Ann Lee", "Bo Chen"] and shown["volume"] == "12"
    assert margin("edit", "On reading", "--type", "report", "--number", "GAO-21-123").exit_code == 0
    shown = json.loads(margin("show", "On reading", "--json").output)
    assert (shown["item_type"], shown["number"], shown["publisher"]) == (
        "report", "GAO-21-123", "Harbour Press",
    )  # fmt: skip


def test_edit_refuses_an_unknown_type_or_language_in_one_line(
    margin: Margin, tmp_path: Path
) -> None:
    _imported(margin, tmp_path)
    result = margin("edit", "On reading", "--type", "zine")
    assert result.exit_code == 2
    assert "--type: unknown type 'zine'; choose one of: article-newspaper" in result.output
    result = margin("edit", "On reading", "--language", "not a language")
    assert result.exit_code == 2 and "--language: cannot read" in result.output
    result = margin("edit", "On reading", "--journal", "J", "--publication", "P")
    assert result.exit_code == 2 and "give one" in result.output
