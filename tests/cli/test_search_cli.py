"""`margin search` and `margin reindex`: JSON shape, exit codes, and safe output for people."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from library.search import Hit
from tests.conftest import REPO
from tui.cli.search import MARK_STYLE, _snippet

Margin = Callable[..., Result]

HOSTILE = """\
---
title: "[bold red]Loud[/] title \\e]0;pwned\\a"
authors: ["[link=https://evil.example]Mallory[/link]"]
---

Plain words about harbours, then [link=https://evil.example]click[/link] and [@click=app.quit]x[/].
"""


@pytest.fixture
def library(margin: Margin, tmp_path: Path, news_file: Path) -> Path:
    """A library with the news article and a hostile one, imported through the CLI."""
    hostile = tmp_path / "hostile.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    for source in (news_file, hostile):
        assert margin("import", str(source)).exit_code == 0
    return tmp_path


def test_json_hits_best_first_with_the_documented_fields(margin: Margin, library: Path) -> None:
    result = margin("search", "--json", "immigration")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits and isinstance(hits, list)
    for hit in hits:
        assert {"article", "title", "offset", "snippet", "score", "annotation"} <= hit.keys()
        assert isinstance(hit["offset"], int) and hit["annotation"] is None
        assert all(hit["snippet"][s:e].casefold() == "immigration" for s, e in hit["marks"])
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    shown = json.loads(margin("show", "--json", hits[0]["article"]).stdout)
    assert shown["text"][hits[0]["offset"] : hits[0]["end"]].casefold() == "immigration"


def test_words_across_arguments_and_phrases(margin: Margin, library: Path) -> None:
    both = json.loads(margin("search", "--json", "menino", "fingerprints").stdout)
    assert len(both) == 1
    phrase = margin("search", "--json", '"federal immigration"')
    assert phrase.exit_code == 0 and len(json.loads(phrase.stdout)) == 1
    assert margin("search", "--json", '"immigration federal"').exit_code == 1


def test_limit(margin: Margin, library: Path) -> None:
    assert len(json.loads(margin("search", "--json", "--limit", "1", "the").stdout)) == 1
    assert margin("search", "--limit", "0", "the").exit_code == 2


def test_people_output_lists_title_id_snippet_and_count(margin: Margin, library: Path) -> None:
    result = margin("search", "fingerprints")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Boston threatens to withdraw from Secure Communities")
    assert "boston-threatens" in lines[0]
    assert "fingerprints" in result.stdout
    assert lines[-1] == "1 hit"  # not "1 hits"


def test_no_results_exit_1(margin: Margin, library: Path) -> None:
    result = margin("search", "xylophone")
    assert result.exit_code == 1
    assert result.stderr.strip() == "margin: no results for xylophone"
    as_json = margin("search", "--json", "xylophone")
    assert as_json.exit_code == 1 and json.loads(as_json.stdout) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (['"unclosed'], "unbalanced quote"),
        (["tag:"], "'tag:' needs a value"),
        (["stance:sideways"], "unknown stance 'sideways'"),
    ],
)
def test_bad_query_one_line_exit_2(
    margin: Margin, library: Path, args: list[str], message: str
) -> None:
    result = margin("search", *args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in result.output


def test_a_query_with_bytes_that_are_not_utf8(margin: Margin, library: Path) -> None:
    """Bytes that are not UTF-8 in the query reach Python as lone surrogates: they are no part
    of any word (SQLite could not encode them: "unexpected error: UnicodeEncodeError")."""
    result = margin("search", "harbours\udc9b")
    assert result.exit_code == 0, result.output
    assert "Plain words about" in result.stdout


def test_search_on_an_empty_library(margin: Margin) -> None:
    result = margin("search", "anything")
    assert result.exit_code == 1 and "no results" in result.stderr


def test_reindex_prints_counts(margin: Margin, library: Path) -> None:
    result = margin("reindex")
    assert result.exit_code == 0
    assert result.stdout.startswith("indexed 2 articles and 0 highlights in ")


def test_hostile_text_is_printed_literally(margin: Margin, library: Path) -> None:
    result = margin("search", "harbours")
    assert result.exit_code == 0
    assert "[bold red]Loud[/] title" in result.stdout
    assert "[link=https://evil.example]click[/link]" in result.stdout
    assert "[@click=app.quit]x[/]" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    hits = json.loads(margin("search", "--json", "mallory").stdout)
    assert hits[0]["field"] == "authors"


def test_snippet_marks_become_styles_not_markup() -> None:
    hit = Hit("a", "t", 0, 3, "[b]one[/b] two \x1b[31m", ((3, 6), (11, 14)), 1.0)
    text = _snippet(hit)
    assert text.plain == "[b]one[/b] two [31m"
    assert [(s.start, s.end, s.style) for s in text.spans] == [
        (3, 6, MARK_STYLE),
        (11, 14, MARK_STYLE),
    ]


def test_margin_list_does_not_load_search(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "try:\n"
        f"    main(['--library', {str(tmp_path / 'lib')!r}, 'list', '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in ('sqlite3', 'library.search', 'annotations.search') "
        "if m in sys.modules]\n"
        "sys.stderr.write('LOADED=' + ','.join(loaded))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert "LOADED=" in out.stderr, out.stderr
    assert out.stderr.rsplit("LOADED=", 1)[1].strip() == ""
