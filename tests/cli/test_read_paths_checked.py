"""Every read path checks highlights against the article's current text before handing them out.

Each test edits the article file by hand first (a paragraph added at the top, a sentence deleted,
"sales fell by 30%" changed to "takings dropped by 45%"), then reads through one path, and
asserts that no highlight is handed out on words that are not its quote.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.workspace import Workspace
from tests.conftest import SHARED

ARTICLE = """\
Harbour district takings slump after street closure

Published 3 March 2026
By Nadia Okafor

The quarterly report was published on Monday by the city's finance office.

According to the report, sales fell by 30% in the harbour district. Traders blamed the \
closure of Harbour Street.

The mayor said the figures were temporary. She promised a review of parking rules by June.

Cyclists welcomed the new lanes along the river.
"""

QUOTES = (
    "sales fell by 30%",
    "Traders blamed the closure of Harbour Street",
    "the figures were temporary",
    "She promised a review of parking rules by June",
    "Cyclists welcomed the new lanes",
)
CHANGED = "sales fell by 30%"
DELETED = "She promised a review of parking rules by June"
SEED = SHARED / "corpus" / "seed" / "boston-secure-communities-2011.txt"


@dataclass
class Setup:
    """A library with the article, its five highlights (quote -> id) and its file."""

    lib: Path
    article_id: str
    ids: dict[str, str]
    file: Path

    def text(self) -> str:
        """The article's canonical text as it is on disk now (read without any check)."""
        return Workspace(self.lib).library.get(self.article_id).text


def hand_edit(path: Path) -> None:
    """What a user might do in an editor: add a paragraph, delete a sentence, change figures."""
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n\n")
    body = "A paragraph added by hand now opens the article.\n\n" + body
    body = body.replace(" " + DELETED + ".", "")
    body = body.replace(CHANGED, "takings dropped by 45%")
    path.write_text(head + sep + body, encoding="utf-8")


@pytest.fixture
def setup(tmp_path: Path, margin: Callable[..., Result], library_dir: Path) -> Setup:
    source = tmp_path / "harbour.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    assert margin("import", str(source)).exit_code == 0
    (file,) = (library_dir / "articles").glob("*.md")
    ids = {}
    for quote in QUOTES:
        done = margin("highlight", "harbour", "--quote", quote, "--tag", "economy")
        assert done.exit_code == 0, done.output
        ids[quote] = done.output.strip()
    return Setup(library_dir, file.stem, ids, file)


def assert_on_their_words(listed: list[dict[str, object]], text: str) -> None:
    """No highlight listed as placed is on words other than its quote; the changed and deleted
    sentences' highlights are flagged."""
    assert listed
    for item in listed:
        start, end = item["start"], item["end"]
        assert isinstance(start, int) and isinstance(end, int)
        if not item["orphaned"]:
            assert text[start:end] == item["quote"], item
        if item["quote"] in (CHANGED, DELETED) or item.get("original_quote") in (CHANGED, DELETED):
            assert item["orphaned"] or item["needs_review"], item


def test_annotations_json_library_wide(setup: Setup, margin: Callable[..., Result]) -> None:
    hand_edit(setup.file)
    done = margin("annotations", "--json")
    assert done.exit_code == 0
    listed = json.loads(done.output)
    assert len(listed) == 5
    assert_on_their_words(listed, setup.text())
    moved = next(a for a in listed if a["id"] == setup.ids["Cyclists welcomed the new lanes"])
    assert not moved["orphaned"] and not moved["needs_review"]


def test_annotations_of_one_article(setup: Setup, margin: Callable[..., Result]) -> None:
    hand_edit(setup.file)
    done = margin("annotations", "harbour", "--json")
    assert_on_their_words(json.loads(done.output), setup.text())


def test_annotations_table_flags_the_lost_ones(setup: Setup, margin: Callable[..., Result]) -> None:
    hand_edit(setup.file)
    done = margin("annotations", "--tag", "economy")
    assert done.exit_code == 0
    assert re.search(r"5 highlights in 1 article \(\d orphaned", done.output), done.output
    # The listing's repairs were saved: the next check finds nothing to do.
    listed = json.loads(margin("annotations", "--json").output)
    assert_on_their_words(listed, setup.text())


def test_library_wide_check_is_cached_by_file_stamps(setup: Setup) -> None:
    workspace = Workspace(setup.lib)
    assert workspace.highlights.check() == []
    cache = json.loads((setup.lib / ".index" / "anchors.json").read_text())
    assert setup.article_id in cache["articles"]
    hand_edit(setup.file)  # a new stamp: the cached verdict no longer applies
    repaired = Workspace(setup.lib).highlights.check()
    assert [article for article, _report in repaired] == [setup.article_id]
    assert Workspace(setup.lib).highlights.check() == []
    (setup.lib / ".index" / "anchors.json").write_text("{not json")  # a cache: rebuilt
    assert Workspace(setup.lib).highlights.check() == []


def test_copy_refuses_lost_words_in_one_line(setup: Setup, margin: Callable[..., Result]) -> None:
    hand_edit(setup.file)
    done = margin("copy", setup.ids[CHANGED], "--print")
    assert done.exit_code == 1
    assert done.stdout == ""
    assert "30%" not in done.output and "45%" not in done.output
    (line,) = done.stderr.strip().splitlines()
    assert "margin annotations --" in line and setup.ids[CHANGED][:8] in line
    deleted = margin("copy", setup.ids[DELETED], "--print")
    assert deleted.exit_code == 1 and deleted.stdout == ""


def test_copy_prints_a_moved_highlight_on_its_words(
    setup: Setup, margin: Callable[..., Result]
) -> None:
    hand_edit(setup.file)
    done = margin("copy", setup.ids["Traders blamed the closure of Harbour Street"], "--print")
    assert done.exit_code == 0
    assert done.stdout.startswith("“Traders blamed the closure of Harbour Street”")


def test_copy_refuses_words_changed_for_review(setup: Setup, margin: Callable[..., Result]) -> None:
    # A small change: the highlight is re-anchored approximately, onto other words.
    raw = setup.file.read_text(encoding="utf-8")
    setup.file.write_text(raw.replace("figures were temporary", "figures was temporary"))
    done = margin("copy", setup.ids["the figures were temporary"], "--print")
    assert done.exit_code == 1 and done.stdout == ""
    assert "--review" in done.stderr and "--reviewed" in done.stderr
    # Once the user confirms the new words, they are quoted: they are the article's.
    margin("annotate", setup.ids["the figures were temporary"], "--reviewed")
    again = margin("copy", setup.ids["the figures were temporary"], "--print")
    assert again.exit_code == 0 and again.stdout.startswith("“the figures was temporary”")


def test_copy_after_a_reimport_cut_short(setup: Setup, margin: Callable[..., Result]) -> None:
    """Re-import re-anchors the highlights to the new text, then writes the article: killed in
    between, the highlights count in a text the article does not have."""
    workspace = Workspace(setup.lib)
    old = workspace.articles.get(setup.article_id).text
    new = old.replace("30%", "35%")
    workspace.store.reanchor_article(setup.article_id, new)  # the first write; no second
    done = margin("copy", setup.ids[CHANGED], "--print")
    assert done.exit_code == 0
    assert done.stdout.startswith("“sales fell by 30%”")
    assert "35%" not in done.output


def test_reader_copy_of_a_stale_highlight_checks_the_file(setup: Setup) -> None:
    """The reader's (and the board's) `y` passes a highlight it holds: checked all the same."""
    workspace = Workspace(setup.lib)
    held = workspace.highlights.get(setup.ids[CHANGED])
    opened = workspace.articles.get(setup.article_id)
    hand_edit(setup.file)
    from annotations.workspace.quoting import QuoteGone

    with pytest.raises(QuoteGone):
        Workspace(setup.lib).quotes.format(held)  # the board: the article comes from disk
    fresh = Workspace(setup.lib)
    stale = fresh.quotes.format(held, article=opened)  # the reader's text before the edit
    assert stale.text.startswith("“sales fell by 30%”")  # the words on the reader's screen


def test_search_shows_current_words(setup: Setup, margin: Callable[..., Result]) -> None:
    margin("annotate", setup.ids[CHANGED], "--note", "checked against the council's figures")
    margin("search", "Traders")  # build the index before the edit
    hand_edit(setup.file)
    done = json.loads(margin("search", "fell", "--json").output)
    assert done == [] or all("fell" not in h["snippet"] for h in done)
    noted = json.loads(margin("search", "council's figures", "--json").output)
    assert [h["annotation"] for h in noted] == [setup.ids[CHANGED]]
    assert "30%" not in noted[0]["snippet"]
    text = setup.text()
    for hit in json.loads(margin("search", "Traders", "--json").output):
        if hit["annotation"]:
            assert text[hit["offset"] : hit["end"]] == (
                "Traders blamed the closure of Harbour Street"
            )


def test_show_and_quotes_check_on_the_way(setup: Setup, margin: Callable[..., Result]) -> None:
    hand_edit(setup.file)
    assert margin("show", "harbour").exit_code == 0
    store = Workspace(setup.lib).store
    assert store.get(setup.ids[CHANGED]).orphaned  # saved, as opening does
    hand_edit_again = setup.file.read_text().replace("Cyclists", "Walkers and cyclists")
    setup.file.write_text(hand_edit_again)
    assert margin("quotes", "harbour", "--json").exit_code == 0
    moved = Workspace(setup.lib).store.get(setup.ids["Cyclists welcomed the new lanes"])
    assert setup.text()[moved.start : moved.end] == moved.quote


def test_export_and_brief_use_current_words(setup: Setup, margin: Callable[..., Result]) -> None:
    hand_edit(setup.file)
    exported = json.loads(margin("export", "-f", "json", "-o", "-").output)
    items = exported["annotations"] if isinstance(exported, dict) else exported
    text = setup.text()
    for item in items:
        if not item.get("orphaned"):
            assert text[item["start"] : item["end"]] == item["quote"]
    brief = margin("brief", "-f", "md", "-o", "-")
    assert brief.exit_code == 0
    assert "Traders blamed the closure of Harbour Street" in brief.output
    assert "sales fell by 30%" not in brief.output.replace("was “sales fell by 30%”", "")


def test_board_cards_after_a_hand_edit(setup: Setup) -> None:
    hand_edit(setup.file)
    board = Workspace(setup.lib).briefs.board()
    text = setup.text()
    cards = [item.annotation for cell in board.cells() for item in cell.items]
    assert len({a.id for a in cards}) == 5
    for a in cards:
        assert a.orphaned or text[a.start : a.end] == a.quote


@pytest.mark.skipif(not SEED.exists(), reason=f"shared corpus not found at {SEED}")
def test_seed_article_hand_edited(tmp_path: Path, margin: Callable[..., Result]) -> None:
    source = tmp_path / SEED.name
    shutil.copy(SEED, source)
    assert margin("import", str(source)).exit_code == 0
    quote = "prioritizes the removal of criminal aliens"
    ident = margin("highlight", "boston", "--quote", quote).output.strip()
    other = margin("highlight", "boston", "--quote", "checked against DHS and FBI databases")
    (file,) = (tmp_path / "lib" / "articles").glob("*.md")
    raw = file.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n\n")
    body = "Editor's note: this article was updated.\n\n" + body
    body = body.replace(quote, "prioritises removing people with serious convictions")
    file.write_text(head + sep + body, encoding="utf-8")
    done = margin("copy", ident, "--print")
    assert done.exit_code == 1 and done.stdout == ""
    moved = margin("copy", other.output.strip(), "--print")
    assert moved.stdout.startswith("“checked against DHS and FBI databases”")
    listed = json.loads(margin("annotations", "--json").output)
    text = Workspace(tmp_path / "lib").library.get(listed[0]["article"]).text
    for item in listed:
        assert item["orphaned"] or text[item["start"] : item["end"]] == item["quote"]


_WORDS = st.sampled_from(["sales", "fell", "by", "30%", "the", "Harbour", "takings", "June", "."])


@st.composite
def _edits(draw: st.DrawFn) -> list[tuple[int, int, str]]:
    """A few replacements of a span of the body by a few words (empty: a deletion)."""
    count = draw(st.integers(1, 3))
    return [
        (
            draw(st.integers(0, 300)),
            draw(st.integers(0, 60)),
            " ".join(draw(st.lists(_WORDS, max_size=4))),
        )
        for _ in range(count)
    ]


@settings(max_examples=25)
@given(edits=_edits())
def test_copy_never_prints_words_the_article_lacks(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, int, str]]
) -> None:
    lib = tmp_path_factory.mktemp("lib")
    workspace = Workspace(lib)
    source = lib.parent / f"{lib.name}.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    workspace.articles.run(workspace.articles.plan([str(source)]))
    (file,) = (lib / "articles").glob("*.md")
    ids = [workspace.highlights.create(file.stem, quote=q).annotation.id for q in QUOTES]
    raw = file.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n\n")
    for at, length, words in edits:
        at = min(at, len(body) - 1)
        body = body[:at] + words + body[at + length :]
    file.write_text(head + sep + body, encoding="utf-8")
    from annotations.workspace.quoting import QuoteGone

    fresh = Workspace(lib)
    text = fresh.library.get(file.stem).text
    for ident in ids:
        try:
            quoted = fresh.quotes.format(ident, style="plain").text
        except QuoteGone:
            continue
        words = quoted[1 : quoted.index("” — ")]
        assert words in text, (words, text)


def test_library_wide_check_finds_a_renamed_article_file(setup: Setup) -> None:
    renamed = setup.file.with_name("renamed-by-hand.md")
    setup.file.rename(renamed)
    assert Workspace(setup.lib).highlights.check() == []
    hand_edit(renamed)
    repaired = Workspace(setup.lib).highlights.check()
    assert [article for article, _report in repaired] == [setup.article_id]
    # A file under the article's usual name that holds another article is not read as it.
    setup.file.write_text(renamed.read_text().replace(setup.article_id, "someone-else"))
    assert Workspace(setup.lib).highlights.check() == []
    text = setup.text()
    for a in Workspace(setup.lib).store.for_article(setup.article_id):
        assert a.orphaned or text[a.start : a.end] == a.quote


def test_annotations_orphaned_sees_what_a_hand_edit_lost(
    setup: Setup, margin: Callable[..., Result]
) -> None:
    hand_edit(setup.file)
    listed = json.loads(margin("annotations", "--orphaned", "--json").output)
    assert {a["id"] for a in listed} >= {setup.ids[DELETED]}
    assert all(a["orphaned"] for a in listed)


def test_copy_refuses_a_quote_edited_in_the_highlights_file(
    setup: Setup, margin: Callable[..., Result]
) -> None:
    shard = setup.lib / "annotations" / f"{setup.article_id}.json"
    ident = setup.ids["the figures were temporary"]
    data = json.loads(shard.read_text())
    data["annotations"][ident]["quote"] = "the figures were invented"
    shard.write_text(json.dumps(data))
    done = margin("copy", ident, "--print")
    assert done.exit_code == 1 and done.stdout == ""
    assert "invented" not in done.output and "highlight the passage again" in done.stderr


def test_quotes_by_speaker_take_the_stance_of_a_highlight_on_its_words(
    margin: Callable[..., Result], tmp_path: Path, library_dir: Path
) -> None:
    source = tmp_path / "said.txt"
    source.write_text(
        "Mayor holds firm\n\nPublished 2 August 2011\n\n"
        "“We will not take part until the rules change,” Mayor Menino said.\n\n"
        "“The budget is sound,” Mayor Menino said later.\n",
        encoding="utf-8",
    )
    assert margin("import", str(source)).exit_code == 0
    words = "We will not take part until the rules change"
    assert margin("highlight", "mayor", "--quote", words, "--stance", "oppose").exit_code == 0
    (file,) = (library_dir / "articles").glob("*.md")
    raw = file.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n\n")
    moved = body.replace(words, "The council will decide").replace(
        "The budget is sound",
        "The budget is sound, and we will not take part until the rules change",
    )
    file.write_text(head + sep + moved, encoding="utf-8")
    rows = json.loads(margin("quotes", "--speaker", "Menino", "--json").stdout)
    for row in rows:  # the highlight's words left the first quotation: no stance from it there
        if row["stance"] is not None:
            assert words.casefold() in row["quote"].casefold(), row
