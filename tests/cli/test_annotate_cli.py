"""The highlight commands as a user runs them: highlight, annotations, annotate, unhighlight.

Also what other commands say about highlights: the re-import report, the store's recovery
messages, the trash keeping highlights, and a stance vocabulary from the config file.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import Result
from filelock import FileLock
from rich.cells import cell_len

from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.workspace import Workspace
from tests.conftest import NEWS_TEXT

Margin = Callable[..., Result]
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TWICE = "The program"  # at the start of two paragraphs of NEWS_TEXT


def ok(result: Result) -> Result:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def one_line_error(result: Result, code: int = 1) -> str:
    """The single stderr line of a failed command (and nothing on stdout, no traceback)."""
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert lines[0].startswith("margin: ")
    return lines[0]


def rows(margin: Margin, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(ok(margin("annotations", "--json", *args)).stdout)
    return found


@pytest.fixture
def article(margin: Margin, news_file: Path) -> str:
    """The id of the imported news article."""
    ok(margin("import", str(news_file)))
    [meta] = json.loads(ok(margin("list", "--json")).stdout)
    ident: str = meta["id"]
    return ident


@pytest.fixture
def text(margin: Margin, article: str) -> str:
    """The article's canonical text."""
    found: str = json.loads(ok(margin("show", article, "--json")).stdout)["text"]
    return found


def highlight(margin: Margin, article: str, *args: str) -> str:
    """Highlight and return the new id."""
    out = ok(margin("highlight", article, *args)).stdout.strip()
    assert UUID.match(out), out
    return out


# -- highlight -------------------------------------------------------------------------------------
def test_highlight_prints_the_id_and_stores_every_field(
    margin: Margin, article: str, text: str
) -> None:
    ident = highlight(
        margin,
        "boston",  # a unique part of the title works as well as the id
        "--quote",
        "eroding trust",
        "--stance",
        "OPPOSE",
        "--tag",
        "immigration",
        "--tag",
        "#Policing",
        "--note",
        "Menino's own words",
        "--speaker",
        " Thomas M. Menino ",
    )
    [row] = rows(margin)
    assert row["id"] == ident and row["article"] == article
    assert text[row["start"] : row["end"]] == row["quote"] == "eroding trust"
    assert text[: row["start"]].endswith(row["prefix"]) and text[row["end"] :].startswith(
        row["suffix"]
    )
    assert row["stance"] == "oppose"  # the configured spelling
    assert row["tags"] == ["immigration", "Policing"]
    assert (row["note"], row["speaker"]) == ("Menino's own words", "Thomas M. Menino")
    assert row["created"] == row["modified"] and row["created"].endswith("Z")
    assert row["orphaned"] is False and row["original_quote"] is None


def test_a_repeated_quote_is_ambiguous_until_told_apart(
    margin: Margin, article: str, text: str
) -> None:
    first, second = (m.start() for m in re.finditer(TWICE, text))
    error = one_line_error(margin("highlight", article, "--quote", TWICE))
    assert f"matches 2 places (offsets {first}, {second})" in error
    assert "--prefix, --suffix or --near" in error
    assert rows(margin) == []

    picks = {
        "suffix": ["--suffix", " has been"],
        "prefix": ["--prefix", "immigration officials."],
        "near": ["--near", str(second + 5)],
        "near-first": ["--near", "0"],
    }
    for name, options in picks.items():
        ident = highlight(margin, article, "--quote", TWICE, *options)
        [row] = [r for r in rows(margin) if r["id"] == ident]
        expected = first if name == "near-first" else second
        assert row["start"] == expected, name
        ok(margin("unhighlight", ident))  # the next pick may find the same words again


def test_the_quote_is_found_like_re_anchoring_finds_it(
    margin: Margin, article: str, text: str
) -> None:
    # Straight quotes and folded spaces find the curly-quoted words of the text.
    ident = highlight(margin, article, "--quote", 'said was  "eroding trust"')
    [row] = rows(margin)
    assert row["id"] == ident and row["quote"] == "said was “eroding trust”"
    # A typo is matched approximately; the text's own words are stored and the user is told.
    result = ok(margin("highlight", article, "--quote", "fingerprints of everyone arested"))
    [row] = [r for r in rows(margin) if r["id"] == result.stdout.strip()]
    assert row["quote"] == "fingerprints of everyone arrested"
    assert text[row["start"] : row["end"]] == row["quote"]
    assert "the text reads “fingerprints of everyone arrested”" in result.stderr


def test_highlight_a_range(margin: Margin, article: str, text: str) -> None:
    start = text.index("Secure Communities")
    ident = highlight(
        margin, article, "--range", f"{start - 1}:{start + 18}", "--stance", "neutral"
    )
    [row] = rows(margin)
    assert row["id"] == ident and row["quote"] == "Secure Communities"  # whitespace trimmed
    assert (row["start"], row["end"]) == (start, start + 18)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quote", "zebra quantum marmalade"], "quote not found; closest match (similarity 0."),
        (["--quote", "   "], "the quote is empty"),
        (["--quote", ""], "the quote is empty"),
        (["--quote", "eroding", "--stance", "sideways"], "choose one of: support, oppose, neutral"),
        (["--range", "10:99999"], "is outside the text"),
        (["--range", "30:10"], "is reversed"),
        # One character is a slip, not a quote: the same rule as the reader's h.
        (["--range", "0:1"], "a highlight needs at least two characters"),
    ],
)
def test_highlight_errors_are_one_line_exit_1(
    margin: Margin, article: str, args: list[str], message: str
) -> None:
    assert message in one_line_error(margin("highlight", article, *args))
    assert rows(margin) == []


def test_quote_not_found_names_the_closest_words(margin: Margin, article: str) -> None:
    error = one_line_error(
        margin("highlight", article, "--quote", "withdraw from the state scheme")
    )
    found = re.search(r"similarity (0\.\d\d)\): “(.+)”; ", error)
    assert found, error
    assert 0.3 < float(found.group(1)) < 0.75 and "withdraw from a" in found.group(2)
    # What to do next, and that its range highlights those words: the test below.


def test_quote_not_found_says_what_to_do_next(margin: Margin, article: str, text: str) -> None:
    """The error named the closest words and stopped there. Near, it gives the command that
    highlights them as they stand; far, it points to the search (another article?)."""
    near = one_line_error(
        margin("highlight", article, "--quote", "the city may soon pull out of a federal scheme")
    )
    command = re.search(r"as they stand with: margin highlight (\S+) --range (\d+:\d+)$", near)
    assert command, near
    assert f"`margin show {article}`" in near
    ident = highlight(margin, command.group(1), "--range", command.group(2))
    [row] = rows(margin)
    assert row["id"] == ident and "city may withdraw from a federal" in row["quote"]
    far = one_line_error(margin("highlight", article, "--quote", "zebra quantum marmalade"))
    assert far.endswith(
        f'is it another article? `margin search "zebra quantum marmalade"` finds the one with '
        f"it; `margin show {article}` prints this one's text"
    ), far


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--quote", "eroding", "--range", "1:5"],
        ["--range", "1-5"],
        ["--range", "1:5", "--near", "3"],
        ["--quote", "eroding", "--near", "soon"],
    ],
)
def test_highlight_usage_errors_exit_2(margin: Margin, article: str, args: list[str]) -> None:
    result = margin("highlight", article, *args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert rows(margin) == []


def test_highlighting_the_same_words_again_is_refused(
    margin: Margin, article: str, text: str
) -> None:
    first = highlight(margin, article, "--quote", "eroding trust", "--stance", "oppose")
    start = text.index("eroding trust")
    for args in (
        ["--quote", "eroding trust", "--stance", "support"],
        ["--range", f"{start}:{start + len('eroding trust')}"],
    ):
        error = one_line_error(margin("highlight", article, *args))
        assert error == (
            f"margin: that passage is highlighted already (highlight {first}); "
            f"change it with `margin annotate {first[:8]}`"
        )
    assert [r["id"] for r in rows(margin)] == [first]
    # Words inside it, or around it, are another highlight.
    highlight(margin, article, "--quote", "eroding")
    assert len(rows(margin)) == 2


def test_highlight_an_unknown_article(margin: Margin, article: str) -> None:
    assert "no article has that id or title" in one_line_error(
        margin("highlight", "nowhere", "--quote", "x")
    )


# -- annotations -----------------------------------------------------------------------------------
@pytest.fixture
def several(margin: Margin, article: str, tmp_path: Path) -> dict[str, str]:
    """Highlights with different stances and tags in two articles."""
    second = tmp_path / "second.txt"
    second.write_text("Another article\n\nThe council met on Tuesday.\n", encoding="utf-8")
    ok(margin("import", str(second)))
    return {
        "oppose": highlight(
            margin,
            article,
            "--quote",
            "eroding trust",
            "--stance",
            "oppose",
            "--tag",
            "immigration",
        ),
        "support": highlight(
            margin, article, "--quote", "fingerprints", "--stance", "support", "--tag", "Data"
        ),
        "plain": highlight(margin, article, "--quote", "Federal officials", "--tag", "IMMIGRATION"),
        "council": highlight(margin, "another", "--quote", "council met", "--stance", "neutral"),
    }


def test_annotations_filters(margin: Margin, article: str, several: dict[str, str]) -> None:
    def ids(*args: str) -> set[str]:
        return {r["id"] for r in rows(margin, *args)}

    assert ids() == set(several.values())
    assert ids(article) == {several["oppose"], several["support"], several["plain"]}
    assert ids("--stance", "oppose") == {several["oppose"]}
    assert ids("--stance", "Support") == {several["support"]}
    assert ids("--stance", "none") == ids("--stance", " ") == {several["plain"]}
    assert ids("--tag", "immigration") == {several["oppose"], several["plain"]}
    assert ids("--tag", "immigration", "--stance", "none") == {several["plain"]}
    assert ids("another", "--stance", "oppose") == set()
    assert ids("--orphaned") == set() and ids("--review") == set()
    listed = rows(margin)
    assert [(r["article"], r["start"]) for r in listed] == sorted(
        (r["article"], r["start"]) for r in listed
    )


def test_annotations_empty_is_not_an_error(margin: Margin, article: str) -> None:
    result = ok(margin("annotations"))
    assert result.stdout.strip() == "No highlights match." and result.stderr == ""
    assert rows(margin, "--stance", "oppose") == []
    assert ok(margin("annotations", "--tag", "nothing")).stdout.strip() == "No highlights match."


def test_unknown_stance_in_a_filter_lists_the_stances(
    margin: Margin, several: dict[str, str]
) -> None:
    error = one_line_error(margin("annotations", "--stance", "sideways"))
    assert "unknown stance 'sideways'; choose one of: support, oppose, neutral" in error


def test_stance_none_clears_the_stance(margin: Margin, several: dict[str, str]) -> None:
    ok(margin("annotate", several["oppose"], "--stance", "none"))
    assert {r["id"] for r in rows(margin, "--stance", "none")} == {
        several["oppose"],
        several["plain"],
    }
    assert rows(margin, "--stance", "oppose") == []


def test_human_listing_fits_80_columns_and_flags_states(
    margin: Margin, article: str, library_dir: Path, columns: Callable[[int], None]
) -> None:
    columns(80)
    long_quote = (
        "Boston Mayor Thomas M. Menino said yesterday that the city may withdraw from a federal "
        "immigration program, known as Secure Communities"
    )
    highlight(
        margin,
        article,
        "--quote",
        long_quote,
        "--stance",
        "oppose",
        "--tag",
        "immigration",
        "--tag",
        "a-rather-long-tag-name-for-testing",
        "--note",
        "A note long enough to need wrapping in its narrow column\nsecond line",
        "--speaker",
        "Thomas M. Menino",
    )
    review = highlight(margin, article, "--quote", "fingerprints", "--stance", "support")
    orphan = highlight(margin, article, "--quote", "mandatory")
    store = AnnotationStore(library_dir / "annotations")
    store.update(store.get(review).changed(needs_review=True, original_quote="finger prints"))
    store.update(store.get(orphan).changed(orphaned=True))

    out = ok(margin("annotations")).stdout
    assert all(cell_len(line) <= 80 for line in out.splitlines()), out
    assert "Boston threatens to withdraw from Secure Communities" in out
    assert article in out
    flat = " ".join(out.split())
    assert "second line" not in out and "wrapping" in flat  # only the note's first line
    assert "#immigration" in flat and "Thomas M. Menino" in flat
    lines = out.splitlines()
    by_id = {
        ident: i
        for i, line in enumerate(lines)
        for ident in (review[:8], orphan[:8])
        if line.startswith(ident)
    }
    assert "support" in lines[by_id[review[:8]]] and "review" in lines[by_id[review[:8]] + 1]
    assert "orphaned" in lines[by_id[orphan[:8]]]
    assert "was “finger prints”" in flat
    assert lines[-1] == "3 highlights in 1 article (1 orphaned, 1 to review)"


def test_untrusted_text_is_printed_literally(
    margin: Margin, article: str, columns: Callable[[int], None]
) -> None:
    columns(400)  # one line per highlight, to compare whole strings
    note = "[bold]x[/bold] and [link=http://x]y[/link] \x1b]0;pwned\x07 [@click=app.quit]q[/]"
    highlight(margin, article, "--quote", "eroding trust", "--note", note, "--tag", "[red]t")
    highlight(margin, article, "--quote", "fingerprints", "--speaker", "[i]Menino[/i]")
    out = ok(margin("annotations")).stdout
    assert "[bold]x[/bold] and [link=http://x]y[/link]" in out
    assert "[@click=app.quit]q[/]" in out and "#[red]t" in out and "[i]Menino[/i]" in out
    assert "\x1b" not in out and "\x07" not in out and "pwned" in out


def test_annotations_of_an_unknown_article(margin: Margin, article: str) -> None:
    assert "no article has that id" in one_line_error(margin("annotations", "nowhere"))


# -- annotate and unhighlight ----------------------------------------------------------------------
def test_annotate_changes_fields_by_id_prefix(margin: Margin, several: dict[str, str]) -> None:
    ident = several["oppose"]
    prefix = next(
        ident[:n]
        for n in range(4, 37)
        if not any(other.startswith(ident[:n]) for other in several.values() if other != ident)
    )
    result = ok(
        margin(
            "annotate",
            prefix,
            "--stance",
            "neutral",
            "--tag",
            "trust",
            "--untag",
            "IMMIGRATION",
            "--note",
            "changed",
            "--speaker",
            "Menino",
        )
    )
    assert result.stdout.strip() == ident
    [row] = [r for r in rows(margin) if r["id"] == ident]
    assert (row["stance"], row["tags"], row["note"], row["speaker"]) == (
        "neutral",
        ["trust"],
        "changed",
        "Menino",
    )
    assert row["modified"] >= row["created"]
    ok(margin("annotate", ident, "--speaker", "", "--tag", "Trust", "--tag", "second"))
    [row] = [r for r in rows(margin) if r["id"] == ident]
    assert row["speaker"] is None and row["tags"] == ["trust", "second"]


def test_annotate_with_bytes_that_are_not_utf8(margin: Margin, several: dict[str, str]) -> None:
    """An argument holding bytes that are not UTF-8 reaches Python as lone surrogates (a
    terminal set to Latin-1, a script): they are not text, and went as far as the store's write,
    which failed with "unexpected error: TypeError"."""
    ident = several["oppose"]
    ok(margin("annotate", ident, "--note", "bad \udc9b byte", "--tag", "t\udce9g"))
    ok(margin("annotate", ident, "--speaker", "Men\udcefino"))
    [row] = [r for r in rows(margin) if r["id"] == ident]
    assert (row["note"], row["speaker"]) == ("bad  byte", "Menino")
    assert "tg" in row["tags"]


def test_annotate_reviewed_clears_the_flag(
    margin: Margin, several: dict[str, str], library_dir: Path
) -> None:
    store = AnnotationStore(library_dir / "annotations")
    ident = several["support"]
    store.update(store.get(ident).changed(needs_review=True, original_quote="finger prints"))
    assert [r["id"] for r in rows(margin, "--review")] == [ident]
    ok(margin("annotate", ident[:12], "--reviewed"))
    assert rows(margin, "--review") == []
    [row] = [r for r in rows(margin) if r["id"] == ident]
    assert row["original_quote"] == "finger prints"  # the record of what changed stays


def test_annotate_errors(margin: Margin, several: dict[str, str]) -> None:
    assert margin("annotate", several["oppose"]).exit_code == 2
    assert "no highlight has that id" in one_line_error(margin("annotate", "zzzz", "--note", "x"))
    assert "choose one of" in one_line_error(
        margin("annotate", several["oppose"], "--stance", "meh")
    )
    # A prefix shared by several highlights lists them (there are 4 ids: some prefix collides).
    ids = list(several.values())
    shared = max(
        (a[:n] for a in ids for b in ids if a != b for n in range(1, 9) if a[:n] == b[:n]),
        key=len,
        default=None,
    )
    if shared:
        assert "Use a longer id prefix" in one_line_error(margin("annotate", shared, "--note", "x"))
    assert "no highlight named" in one_line_error(margin("annotate", " ", "--note", "x"))


def test_unhighlight_and_restore(margin: Margin, several: dict[str, str]) -> None:
    ident = several["support"]
    result = ok(margin("unhighlight", ident[:10]))
    assert (
        result.stdout.strip()
        == f"deleted    {ident} (undo with: margin unhighlight --restore {ident[:8]})"
    )
    assert ident not in {r["id"] for r in rows(margin)}
    assert [r["id"] for r in rows(margin, "--deleted")] == [ident]
    assert [r["id"] for r in rows(margin, "--deleted", "--stance", "support")] == [ident]
    assert rows(margin, "--deleted", "--stance", "oppose") == []
    assert rows(margin, "--deleted", "--tag", "immigration") == []
    hint = f"{ident} was deleted; bring it back with `margin unhighlight --restore {ident[:8]}`"
    assert hint in one_line_error(margin("annotate", ident, "--note", "x"))
    assert hint in one_line_error(margin("unhighlight", ident[:9]))
    assert ok(margin("unhighlight", "--restore", ident[:8])).stdout.strip() == f"restored   {ident}"
    assert ident in {r["id"] for r in rows(margin)} and rows(margin, "--deleted") == []
    assert "no deleted highlight" in one_line_error(margin("unhighlight", "--restore", ident))


# -- re-import report ------------------------------------------------------------------------------
def test_import_says_what_happened_to_the_highlights(
    margin: Margin, article: str, news_file: Path
) -> None:
    for words in ("eroding trust", "fingerprints of everyone arrested", "Federal officials said"):
        highlight(margin, article, "--quote", words)
    news_file.write_text(
        NEWS_TEXT.replace("between police", "between the police")
        .replace("fingerprints of everyone arrested", "fingerprints of everyone detained")
        .replace("Federal officials said the program was mandatory and would continue.", "Gone."),
        encoding="utf-8",
    )
    out = ok(margin("import", str(news_file))).stdout
    report = r"\(highlights: 1 kept, 1 re-anchored for review, 1 orphaned\)"
    assert re.match(rf"updated +{article}  .*boston\.txt  {report}$", out.strip()), out
    news_file.write_text(NEWS_TEXT + "\nA closing line.\n", encoding="utf-8")
    out = ok(margin("import", str(news_file))).stdout
    assert "(highlights: 2 kept, 1 re-anchored for review)" in out  # the orphan is found again
    assert "highlights" not in ok(margin("import", str(news_file))).stdout  # unchanged


# -- recovery and problems -------------------------------------------------------------------------
def test_a_repaired_annotation_file_is_reported_once_on_stderr(
    margin: Margin, article: str, library_dir: Path
) -> None:
    first = highlight(margin, article, "--quote", "eroding trust")
    second = highlight(margin, article, "--quote", "fingerprints")
    shard = library_dir / "annotations" / f"{article}.json"
    shard.write_bytes(b'{"annotations": {"broken')

    shown = ok(margin("show", article))  # checks the highlights against the text on the way
    [line] = shown.stderr.strip().splitlines()
    result = ok(margin("annotations", "--json"))
    assert result.stderr == ""  # reported once
    assert line.startswith("margin: ") and f"{article}.json could not be read" in line
    assert "was restored" in line
    # The newest backup is written ahead of each save: the last highlight comes back too.
    assert sorted(r["id"] for r in json.loads(result.stdout)) == sorted([first, second])
    assert len(list(shard.parent.glob(f"{article}.json.corrupt-*"))) == 1
    assert ok(margin("annotations")).stderr == ""  # repaired: nothing more to say


def test_a_file_from_a_newer_margin_is_reported(
    margin: Margin, article: str, library_dir: Path
) -> None:
    highlight(margin, article, "--quote", "eroding trust")
    future = library_dir / "annotations" / "from-the-future.json"
    future.write_bytes(b'{"_meta": {"1": {"schema": 99}}, "annotations": {}}')
    for _ in range(2):  # every time, not only when first found
        result = ok(margin("annotations"))
        assert "eroding trust" in result.stdout
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("margin: ") and "from-the-future.json: written by a newer" in line
    assert future.read_bytes() == b'{"_meta": {"1": {"schema": 99}}, "annotations": {}}'


def test_recoveries_are_printed_before_an_error(
    margin: Margin, article: str, library_dir: Path
) -> None:
    highlight(margin, article, "--quote", "eroding trust")
    (library_dir / "annotations" / f"{article}.json").write_bytes(b"\x00\x00")
    result = margin("annotate", "zzzz", "--note", "x")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "could not be read" in lines[0]
    assert lines[1] == "margin: 'zzzz': no highlight has that id; see `margin annotations`"


# -- trash -----------------------------------------------------------------------------------------
def test_remove_and_restore_keep_highlights(
    margin: Margin, article: str, library_dir: Path
) -> None:
    ident = highlight(margin, article, "--quote", "eroding trust", "--stance", "oppose")
    other = AnnotationStore(library_dir / "annotations")  # e.g. a reader open on the article
    assert [a.id for a in other.for_article(article)] == [ident]

    ok(margin("remove", "--yes", article))
    assert rows(margin) == []
    assert not (library_dir / "annotations" / f"{article}.json").exists()
    ok(margin("restore", article))
    assert [r["id"] for r in rows(margin)] == [ident]

    added = other.add(Annotation.from_span(article, NEWS_TEXT, 0, 6))
    assert {r["id"] for r in rows(margin)} == {ident, added.id}
    assert {a.id for a in AnnotationStore(library_dir / "annotations").for_article(article)} == {
        ident,
        added.id,
    }


def test_highlights_saved_while_in_the_trash_are_merged_on_restore(
    margin: Margin, article: str, library_dir: Path
) -> None:
    ident = highlight(margin, article, "--quote", "eroding trust")
    other = AnnotationStore(library_dir / "annotations")
    other.for_article(article)
    ok(margin("remove", "--yes", article))
    late = other.add(Annotation.from_span(article, NEWS_TEXT, 0, 6))  # saved by a stale reader
    ok(margin("restore"))
    assert {r["id"] for r in rows(margin)} == {ident, late.id}
    assert not list((library_dir / "annotations").glob("*.stray-*"))
    ok(margin("remove", "--yes", article))
    ok(margin("restore"))
    assert {r["id"] for r in rows(margin)} == {ident, late.id}


def test_remove_waits_for_the_store_lock(margin: Margin, article: str, library_dir: Path) -> None:
    highlight(margin, article, "--quote", "eroding trust")
    shard = library_dir / "annotations" / f"{article}.json"
    workspace = Workspace(library_dir)
    held = FileLock(str(library_dir / "annotations" / ".lock"))
    held.acquire()  # as another process saving a highlight would
    try:
        worker = threading.Thread(target=workspace.articles.remove, args=(article,))
        worker.start()
        worker.join(timeout=0.3)
        assert worker.is_alive() and shard.exists()  # still waiting: nothing was moved
    finally:
        held.release()
    worker.join(timeout=30)
    assert not worker.is_alive() and not shard.exists()
    assert rows(margin) == []


# -- a stance vocabulary from the config -----------------------------------------------------------
CUSTOM = """\
[[stances]]
name = "pro"
key = "1"
color = "green"

[[stances]]
name = "con"
key = "2"
color = "#cc3333"
"""


def test_a_custom_stance_vocabulary(
    margin: Margin, article: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = highlight(margin, article, "--quote", "eroding trust", "--stance", "oppose")
    config = tmp_path / "custom.toml"
    config.write_text(CUSTOM, encoding="utf-8")
    monkeypatch.setenv("MARGIN_CONFIG", str(config))

    pro = highlight(margin, article, "--quote", "fingerprints", "--stance", "pro")
    error = one_line_error(
        margin("highlight", article, "--quote", "mandatory", "--stance", "support")
    )
    assert "unknown stance 'support'; choose one of: pro, con" in error
    error = one_line_error(margin("annotate", pro, "--stance", "neutral"))
    assert "choose one of: pro, con" in error

    # The highlight whose stance left the vocabulary keeps it, is listed with it and filtered by it.
    assert {r["id"]: r["stance"] for r in rows(margin)} == {kept: "oppose", pro: "pro"}
    assert [r["id"] for r in rows(margin, "--stance", "oppose")] == [kept]
    assert [r["id"] for r in rows(margin, "--stance", "PRO")] == [pro]
    assert "oppose" in ok(margin("annotations")).stdout
    error = one_line_error(margin("annotations", "--stance", "support"))
    assert "choose one of: pro, con" in error
    ok(margin("annotate", kept, "--stance", "con"))
    assert {r["id"]: r["stance"] for r in rows(margin)} == {kept: "con", pro: "pro"}


def test_a_refused_restore_leaves_the_live_highlights_alone(
    margin: Margin,
    article: str,
    news_file: Path,
    library_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("library.store.utc_now", lambda: "2026-01-02T03:04:05Z")  # one second
    old = highlight(margin, article, "--quote", "eroding trust")
    ok(margin("remove", "--yes", article))
    ok(margin("import", str(news_file)))  # the same article again, under the same id
    new = highlight(margin, article, "--quote", "fingerprints")
    assert "in the library already" in one_line_error(margin("restore", article))
    assert [r["id"] for r in rows(margin)] == [new]
    assert not list((library_dir / "annotations").glob("*.stray-*"))

    # Removed again within the same second: both removals stay in the trash, restorable.
    ok(margin("remove", "--yes", article))
    assert len(list((library_dir / "trash").glob("*/annotations.json"))) == 2
    ok(margin("restore"))  # the newest removal first
    assert [r["id"] for r in rows(margin)] == [new]
    ok(margin("remove", "--yes", article))
    ok(margin("restore", article))
    assert [r["id"] for r in rows(margin)] == [new]
    ok(margin("remove", "--yes", article))
    assert ok(margin("restore", "--list")).stdout.count(article) == 2
    assert {
        row["id"]
        for path in (library_dir / "trash").glob("*/annotations.json")
        for row in orjson.loads(path.read_bytes())["annotations"].values()
    } == {old, new}


def test_the_older_removal_of_an_article_imported_again_can_be_restored(
    margin: Margin, article: str, news_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Removed, imported again, removed again: `restore ID` brings back the newest removal only,
    # so the first one's highlights were out of reach, and the refusal's advice (remove the
    # article first) led back to the same refusal.
    times = iter(f"2026-01-02T03:0{minute}:00Z" for minute in range(10))
    monkeypatch.setattr("library.store.utc_now", lambda: next(times))
    old = highlight(margin, article, "--quote", "eroding trust")
    ok(margin("remove", "--yes", article))
    ok(margin("import", str(news_file)))
    error = one_line_error(margin("restore", article))
    command = error[error.index("margin remove") :]
    assert command.startswith(f"margin remove {article} --yes, then margin restore ")
    ok(margin(*command.split(", then margin ")[0].split()[1:]))
    ok(margin(*command.split(", then margin ")[1].split()))
    assert [r["id"] for r in rows(margin)] == [old]
    # The time of removal --list shows names an entry too: here the older, empty one.
    ok(margin("remove", "--yes", article))
    oldest = re.findall(r"\S+Z\b", ok(margin("restore", "--list")).stdout)[-1]
    ok(margin("restore", oldest))
    assert rows(margin) == []


def test_json_on_a_terminal_is_never_reordered_by_bidi_controls(
    margin: Margin, article: str
) -> None:
    """`--json` wrote a note's U+202E raw, and a terminal showing it reordered the line. It is
    written as an escape: the same string to any JSON reader."""
    note = "see \u202ethis\u202c and \u2066that\u2069"
    highlight(margin, article, "--quote", "Secure Communities", "--note", note, "--tag", "\u202ex")
    out = margin("annotations", "--json").stdout
    assert not any(c in out for c in "\u202c\u202e\u2066\u2069"), out
    assert "see \\u202ethis\\u202c" in out
    [row] = json.loads(out)
    assert row["note"] == note and row["tags"] == ["\u202ex"]
