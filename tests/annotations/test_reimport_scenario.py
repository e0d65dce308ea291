"""The issue's done-when scenario, through the CLI and the files: a highlight survives re-imports.

Highlight a quote, then re-import the same file three times: with a paragraph inserted above (the
highlight keeps its words at new offsets), with a word inside the quote edited (re-anchored
approximately, flagged for review), and with the paragraph deleted (orphaned, nothing lost).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result

from tests.conftest import NEWS_TEXT

Margin = Callable[..., Result]

QUOTE = "the city may withdraw from a federal immigration program"
EDITED = "the city could withdraw from a federal immigration program"
PARAGRAPH_START = "Boston Mayor Thomas M. Menino said yesterday"
INSERTED = "An inserted paragraph about the weather in the city."


def ok(result: Result) -> Result:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def listed(margin: Margin, *args: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(ok(margin("annotations", "--json", *args)).stdout)
    return rows


def article_text(margin: Margin, article: str) -> str:
    text: str = json.loads(ok(margin("show", article, "--json")).stdout)["text"]
    return text


def reimport(margin: Margin, news_file: Path, content: str) -> str:
    news_file.write_text(content, encoding="utf-8")
    out = ok(margin("import", str(news_file))).stdout
    assert out.startswith("updated")
    return out


def test_a_highlight_survives_reimports(margin: Margin, news_file: Path) -> None:
    ok(margin("import", str(news_file)))
    [article] = [row["id"] for row in json.loads(ok(margin("list", "--json")).stdout)]
    made = ok(
        margin(
            "highlight",
            article,
            "--quote",
            QUOTE,
            "--stance",
            "oppose",
            "--tag",
            "immigration",
            "--note",
            "Menino's threat",
        )
    )
    ident = made.stdout.strip()
    other = ok(margin("highlight", article, "--quote", "fingerprints")).stdout.strip()

    [first] = listed(margin, article, "--tag", "immigration")
    text = article_text(margin, article)
    assert first["id"] == ident
    assert text[first["start"] : first["end"]] == first["quote"] == QUOTE
    assert (first["stance"], first["tags"], first["note"]) == (
        "oppose",
        ["immigration"],
        "Menino's threat",
    )
    assert first["original_quote"] is None and not first["orphaned"]
    required = {"id", "article", "start", "end", "quote", "prefix", "suffix", "stance", "tags"}
    required |= {"note", "speaker", "created", "modified", "orphaned", "original_quote"}
    assert required <= first.keys()

    # 1. A paragraph inserted above: same words, new offsets, not flagged.
    inserted = NEWS_TEXT.replace(PARAGRAPH_START, f"{INSERTED}\n\n{PARAGRAPH_START}")
    out = reimport(margin, news_file, inserted)
    assert "(highlights: 2 kept)" in out
    [moved] = listed(margin, article, "--tag", "immigration")
    text = article_text(margin, article)
    assert moved["start"] == first["start"] + len(INSERTED) + 2
    assert text[moved["start"] : moved["end"]] == moved["quote"] == QUOTE
    assert not moved["orphaned"] and not moved["needs_review"] and moved["original_quote"] is None
    assert moved["modified"] == first["modified"]  # re-anchoring is not a user edit

    # 2. One word inside the quote edited: re-anchored approximately, flagged for review.
    edited = inserted.replace("the city may withdraw", "the city could withdraw")
    out = reimport(margin, news_file, edited)
    assert "(highlights: 1 kept, 1 re-anchored for review)" in out
    [review] = listed(margin, "--review")
    text = article_text(margin, article)
    assert review["id"] == ident and review["needs_review"] and not review["orphaned"]
    assert review["original_quote"] == QUOTE
    assert text[review["start"] : review["end"]] == review["quote"] == EDITED
    human = ok(margin("annotations", article)).stdout
    assert "review" in human and "1 to review" in human

    # 3. Text changed elsewhere: the flagged highlight is found exactly, so it counts as kept
    #    (and keeps its review flag until the user clears it).
    elsewhere = edited.replace(INSERTED, "A paragraph about the rain.")
    out = reimport(margin, news_file, elsewhere)
    assert "(highlights: 2 kept)" in out
    assert [row["id"] for row in listed(margin, "--review")] == [ident]

    # 4. The paragraph's text deleted: orphaned, with its quote, stance, tags and note kept.
    start = elsewhere.index(PARAGRAPH_START)
    end = elsewhere.index("\n\n", start) + 2
    out = reimport(margin, news_file, elsewhere[:start] + elsewhere[end:])
    assert "(highlights: 1 kept, 1 orphaned)" in out
    [orphan] = listed(margin, "--orphaned")
    assert orphan["id"] == ident and orphan["orphaned"]
    assert orphan["quote"] == EDITED and orphan["original_quote"] == QUOTE
    assert (orphan["stance"], orphan["tags"], orphan["note"]) == (
        "oppose",
        ["immigration"],
        "Menino's threat",
    )
    assert {row["id"] for row in listed(margin)} == {ident, other}
    assert "orphaned" in ok(margin("annotations")).stdout
    assert listed(margin, "--stance", "oppose") == [orphan]
