"""Every read path checks highlights against the article's current text before handing them out.

Each test edits the article file by hand first (a paragraph added at the top, a sentence deleted,
"sales fell by 30%" changed to "takings dropped by 45%"), then reads through one path, and
asserts that no highlight is handed out on words that are not its quote.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.workspace import Workspace
from tests.conftest import SHARED, edit_keeping_size_and_mtime, import_text

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
    import_text(margin, tmp_path / "harbour.txt", ARTICLE)
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
    import_text(
        margin,
        tmp_path / "said.txt",
        "Mayor holds firm\n\nPublished 2 August 2011\n\n"
        "“We will not take part until the rules change,” Mayor Menino said.\n\n"
        "“The budget is sound,” Mayor Menino said later.\n",
    )
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


# -- a quote edited by hand in the highlights file, its fingerprint left as it was ----------------

FAKE = "sales soared by 300%"


def forge_quote(setup: Setup, quote: str, fake: str) -> None:
    """What a user might do in an editor: change a highlight's words in `annotations/<id>.json`,
    leaving its offsets and the fingerprint of the article's (unchanged) text."""
    path = setup.lib / "annotations" / f"{setup.article_id}.json"
    raw = path.read_text(encoding="utf-8")
    assert json.dumps(quote) in raw
    path.write_text(raw.replace(json.dumps(quote), json.dumps(fake)), encoding="utf-8")


@pytest.fixture
def forged(setup: Setup, margin: Callable[..., Result]) -> Setup:
    # Every read path has checked (and the verdict cache vouched for) the article first.
    assert margin("annotations", "--json").exit_code == 0
    assert margin("search", "Traders").exit_code == 0
    assert margin("doctor").exit_code == 0
    forge_quote(setup, CHANGED, FAKE)
    return setup


def assert_forged_one_lost(items: list[dict[str, object]], text: str, fake: str = FAKE) -> None:
    """No highlight is handed out as standing on words not in text: the forged one is treated
    as any whose words are gone (orphaned, its words marked as no longer in the article)."""
    assert len(items) == 5
    for item in items:
        start, end = item["start"], item["end"]
        assert isinstance(start, int) and isinstance(end, int)
        if item["quote"] == fake:
            assert item["orphaned"], item
        else:
            assert item["orphaned"] or text[start:end] == item["quote"], item


def test_forged_quote_not_exported_as_markdown(
    forged: Setup, margin: Callable[..., Result]
) -> None:
    done = margin("export", forged.article_id, "-f", "md", "-o", "-")
    assert done.exit_code == 0, done.output
    assert "Traders blamed the closure of Harbour Street" in done.output
    # Markdown escapes FAKE's %: look for its word. It is shown only as lost words.
    (block,) = [b for b in done.output.split("\n\n") if "soared" in b]
    assert "orphaned: these words are no longer in the article" in block, block


def test_forged_quote_not_exported_as_json(forged: Setup, margin: Callable[..., Result]) -> None:
    done = margin("export", forged.article_id, "-f", "json", "-o", "-")
    assert done.exit_code == 0, done.output
    exported = json.loads(done.output)
    items = exported["annotations"] if isinstance(exported, dict) else exported
    assert_forged_one_lost(items, forged.text())


def test_forged_quote_not_listed(forged: Setup, margin: Callable[..., Result]) -> None:
    done = margin("annotations", "--json")
    assert done.exit_code == 0
    assert_forged_one_lost(json.loads(done.output), forged.text())
    assert margin("annotations", "--orphaned", "--json").output.count(FAKE) == 1


def test_forged_quote_not_found_by_search(forged: Setup, margin: Callable[..., Result]) -> None:
    done = margin("search", "soared", "--json")
    assert (done.exit_code, json.loads(done.output)) == (1, [])  # no hits
    listed = json.loads(margin("search", "sales", "--json").output)
    assert listed and all("soared" not in hit["snippet"] for hit in listed)


def test_doctor_finds_a_forged_quote(setup: Setup, margin: Callable[..., Result]) -> None:
    assert margin("annotations", "--json").exit_code == 0
    forge_quote(setup, CHANGED, FAKE)
    done = margin("doctor")
    assert "counted in another text" in done.output, done.output
    assert done.exit_code != 0


def test_forged_quote_on_the_fingerprint_alone_does_not_stand(setup: Setup) -> None:
    workspace = Workspace(setup.lib)
    held = workspace.highlights.get(setup.ids[CHANGED])
    text = setup.text()
    assert held.anchored_in(text)
    from dataclasses import replace

    forged = replace(held, quote=FAKE)
    assert forged.fingerprint == held.fingerprint
    assert not forged.anchored_in(text)


# -- edits that keep a file's size and put its mtime back: only ctime tells the versions apart --
SAME_SIZE = "sales rose by 30%"  # CHANGED's length


def test_a_quote_forged_keeping_size_and_mtime_is_not_listed(
    setup: Setup, margin: Callable[..., Result]
) -> None:
    assert margin("annotations", "--json").exit_code == 0  # checked and vouched for
    shard = setup.lib / "annotations" / f"{setup.article_id}.json"
    edit_keeping_size_and_mtime(shard, json.dumps(CHANGED).encode(), json.dumps(SAME_SIZE).encode())
    done = margin("annotations", "--json")
    assert done.exit_code == 0
    listed = json.loads(done.output)
    assert_forged_one_lost(listed, setup.text(), SAME_SIZE)
    (forged,) = [item for item in listed if item["id"] == setup.ids[CHANGED]]
    assert forged["needs_review"] and forged["original_quote"] == SAME_SIZE, forged
    copy = margin("copy", setup.ids[CHANGED], "--print")
    assert (copy.exit_code, copy.stdout) == (1, "")


def test_a_quote_forged_keeping_size_and_mtime_is_not_exported(
    setup: Setup, margin: Callable[..., Result], tmp_path: Path
) -> None:
    """The library-wide export hands out quotes on the verdict's word, without reading the
    text: a verdict made for the highlights file's previous version must not apply."""
    assert margin("annotations", "--json").exit_code == 0
    shard = setup.lib / "annotations" / f"{setup.article_id}.json"
    edit_keeping_size_and_mtime(shard, json.dumps(CHANGED).encode(), json.dumps(SAME_SIZE).encode())
    out = tmp_path / "all.md"
    assert margin("export", "-f", "md", "-o", str(out)).exit_code == 0
    exported = out.read_text(encoding="utf-8")
    assert "rose" not in exported  # re-anchored on the article's words, flagged for a check
    block = exported.split(f"\n\n^{setup.ids[CHANGED]}")[0].rsplit("\n\n", 1)[1]
    assert "sales fell by 30\\%" in block and "re-anchored approximately" in block, block


def test_copy_refuses_after_an_article_edit_keeping_size_and_mtime(
    setup: Setup, margin: Callable[..., Result]
) -> None:
    assert margin("annotations", "--json").exit_code == 0
    edit_keeping_size_and_mtime(setup.file, CHANGED.encode(), b"sales fell by 45%")
    copy = margin("copy", setup.ids[CHANGED], "--print")
    assert (copy.exit_code, copy.stdout) == (1, "")
    assert "30%" not in copy.output
    text = setup.text()
    for item in json.loads(margin("annotations", "--json").output):
        start, end = item["start"], item["end"]
        assert item["orphaned"] or text[start:end] == item["quote"], item
        if item["id"] == setup.ids[CHANGED]:
            assert item["needs_review"] and item["original_quote"] == CHANGED, item


def test_a_title_edit_keeping_size_and_mtime_is_listed(
    setup: Setup, margin: Callable[..., Result]
) -> None:
    assert "takings slump" in margin("list", "--json").output  # the catalog row saved
    edit_keeping_size_and_mtime(setup.file, b"takings slump after", b"takings surge after")
    (listed,) = json.loads(margin("list", "--json").output)
    assert listed["title"] == "Harbour district takings surge after street closure"


def test_search_finds_words_edited_keeping_size_and_mtime(
    setup: Setup, margin: Callable[..., Result]
) -> None:
    past = time.time_ns() - 3600 * 10**9  # long written: the index trusts the file's stamp
    os.utime(setup.file, ns=(past, past))
    assert margin("search", "Cyclists").exit_code == 0
    edit_keeping_size_and_mtime(setup.file, b"Cyclists welcomed", b"Bicycles welcomed")
    done = margin("search", "Bicycles", "--json")
    assert done.exit_code == 0 and json.loads(done.output)


def test_what_margin_wrote_is_not_checked_or_read_again(
    setup: Setup, margin: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every write's stamp is the file's as it stands after the rename (which sets ctime here):
    once checked, the next commands trust the caches, as before ctime was in the stamps."""
    from annotations.workspace.checking import AnchorCheck
    from library import store
    from library.tinystore import DurableStorage

    assert margin("annotate", setup.ids[CHANGED], "--note", "check this").exit_code == 0
    assert margin("edit", "harbour", "--publication", "Harbour Gazette").exit_code == 0
    assert margin("annotations", "--json").exit_code == 0  # the highlights changed: checked
    seen: list[str] = []
    check, load, front = AnchorCheck._check, DurableStorage._load, store._read_front_matter
    monkeypatch.setattr(
        AnchorCheck, "_check", lambda self, a, n: seen.append(f"check {a}") or check(self, a, n)
    )
    monkeypatch.setattr(
        DurableStorage, "_load", lambda self: seen.append(f"load {self.path.name}") or load(self)
    )
    monkeypatch.setattr(
        store, "_read_front_matter", lambda p, n: seen.append(f"front {p.name}") or front(p, n)
    )
    out = setup.lib.parent / "all.md"
    assert margin("annotations", "--json").exit_code == 0
    assert margin("list", "--json").exit_code == 0
    assert margin("export", "-f", "md", "-o", str(out)).exit_code == 0
    assert [s for s in seen if not s.startswith("load .")] == []  # no caches (.index.json)
    edit_keeping_size_and_mtime(setup.file, CHANGED.encode(), b"sales fell by 45%")
    assert margin("annotations", "--json").exit_code == 0
    assert f"check {setup.article_id}" in seen


def test_no_verdict_vouches_for_a_highlights_version_the_check_did_not_read(
    setup: Setup,
) -> None:
    # An export lists the highlights with a forged quote; before its check reads the file,
    # another program puts the words back. The check reads the good version: its verdict must
    # not be filed under the forged version's stamp, which the export holds rows of.
    forge_quote(setup, CHANGED, FAKE)
    held = Workspace(setup.lib).store.file_stamps()
    rows = Workspace(setup.lib).store.for_article(setup.article_id)
    assert FAKE in {a.quote for a in rows}
    forge_quote(setup, FAKE, CHANGED)
    vouch = Workspace(setup.lib).exports.voucher([setup.article_id], held)
    vouched = vouch(setup.article_id, rows)
    assert vouched is None or FAKE not in {a.quote for a in vouched[1]}


def test_an_orphan_whose_words_come_back_is_found_again(
    setup: Setup, margin: Callable[..., Result]
) -> None:
    # A hand edit orphans a highlight; undoing the edit brings its words back, and the
    # highlight with them (it was orphaned for good before: copy refused it ever after).
    original = setup.file.read_text(encoding="utf-8")
    ident = setup.ids[DELETED]
    hand_edit(setup.file)
    assert margin("copy", ident, "--print").exit_code == 1
    setup.file.write_text(original, encoding="utf-8")
    done = margin("copy", ident, "--print")
    assert done.exit_code == 0, done.output
    assert DELETED in done.stdout
    listed = json.loads(margin("annotations", "--json").output)
    text = setup.text()
    assert all(not a["orphaned"] and text[a["start"] : a["end"]] == a["quote"] for a in listed)


def test_library_wide_listing_finds_an_orphan_whose_words_came_back(
    setup: Setup, margin: Callable[..., Result]
) -> None:
    original = setup.file.read_text(encoding="utf-8")
    hand_edit(setup.file)
    assert margin("annotations", "--orphaned", "--json").exit_code == 0
    setup.file.write_text(original, encoding="utf-8")
    listed = json.loads(margin("annotations", "--orphaned", "--json").output)
    assert listed == []
