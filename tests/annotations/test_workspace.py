"""The use cases every front end shares, tested as plain calls (no Pilot, no CliRunner)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.edits import Edit
from annotations.errors import AnnotationExists, UnknownStance
from annotations.model import Annotation
from annotations.workspace import DuplicateHighlight, ExportRequest, Workspace
from tests.conftest import NEWS_TEXT


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "lib")


@pytest.fixture
def article_id(workspace: Workspace) -> str:
    done = workspace.articles.import_bytes(NEWS_TEXT.encode(), "news.txt")
    assert done.article is not None, done.error
    return done.article.id


def test_the_same_span_cannot_be_highlighted_twice(workspace: Workspace, article_id: str) -> None:
    highlights = workspace.highlights
    first = highlights.create(article_id, quote="eroding trust").annotation
    with pytest.raises(DuplicateHighlight) as info:
        highlights.create(article_id, quote="eroding trust", stance="oppose")
    assert info.value.existing.id == first.id
    assert first.id in str(info.value) and f"margin annotate {first.id[:8]}" in str(info.value)
    assert isinstance(info.value, AnnotationExists)
    article = workspace.articles.get(article_id)
    with pytest.raises(DuplicateHighlight):  # drafted by hand, as the reader does
        highlights.draft(article, first.start, first.end)
    with pytest.raises(DuplicateHighlight):  # or built elsewhere and added
        highlights.add(Annotation.from_span(article_id, article.text, first.start, first.end))
    assert [a.id for a in highlights.of_article(article).annotations] == [first.id]


def test_two_processes_adding_the_same_span_at_once_store_it_once(
    workspace: Workspace, article_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other process saves the span between our look at the highlights and our write: the
    check under the store's lock sees it."""
    other = Workspace(workspace.root)
    article = workspace.articles.get(article_id)
    start = article.text.index("eroding trust")
    end = start + len("eroding trust")
    mine = workspace.highlights.draft(article, start, end)
    theirs = other.highlights.draft(other.articles.get(article_id), start, end)
    store = workspace.store
    add = store.add

    def theirs_first(annotation: Annotation, **options: object) -> Annotation:
        other.highlights.add(theirs)
        return add(annotation, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "add", theirs_first)
    with pytest.raises(DuplicateHighlight) as info:
        workspace.highlights.add(mine)
    assert info.value.existing.id == theirs.id
    assert [a.id for a in Workspace(workspace.root).highlights.find(article_id)] == [theirs.id]
    assert not workspace.highlights.history.can_undo


def test_overlapping_and_orphaned_spans_are_not_duplicates(
    workspace: Workspace, article_id: str
) -> None:
    highlights = workspace.highlights
    first = highlights.create(article_id, quote="eroding trust").annotation
    highlights.create(article_id, span=(first.start, first.end + 8))
    workspace.store.update(first.changed(orphaned=True))
    again = highlights.create(article_id, quote="eroding trust").annotation
    assert (again.start, again.end) == (first.start, first.end)
    assert len(highlights.find(article_id)) == 3


def test_create_says_when_the_words_differ_from_the_quote(
    workspace: Workspace, article_id: str
) -> None:
    done = workspace.highlights.create(article_id, quote='eroding trust" between police')
    assert done.annotation.quote == "eroding trust” between police" and not done.exact


def test_stance_filter(workspace: Workspace, article_id: str) -> None:
    assert workspace.stance_filter(None) is None
    assert workspace.stance_filter(" Support ") == "support"
    assert workspace.stance_filter("none") == workspace.stance_filter("  ") == "none"
    with pytest.raises(UnknownStance, match="choose one of: support, oppose, neutral"):
        workspace.stance_filter("bogus")
    # A stance that left the vocabulary stays usable while a highlight carries it.
    article = workspace.articles.get(article_id)
    start = article.text.index("eroding trust")
    kept = workspace.highlights.add(
        Annotation.from_span(article_id, article.text, start, start + 13, stance="Pro")
    )
    assert workspace.stance_filter("pro") == "pro"
    workspace.highlights.delete(kept.id)
    with pytest.raises(UnknownStance):
        workspace.stance_filter("pro")
    assert workspace.stance_filter("pro", deleted=True) == "pro"


def test_export_groups_with_no_stance(workspace: Workspace, article_id: str) -> None:
    plain = workspace.highlights.create(article_id, quote="eroding trust").annotation
    workspace.highlights.create(article_id, quote="mandatory", stance="oppose")
    [(_, found)] = workspace.exports.groups(stance="none")
    assert [a.id for a in found] == [plain.id]


def test_change_adds_and_removes_tags_on_the_freshest_record(
    workspace: Workspace, article_id: str
) -> None:
    made = workspace.highlights.create(article_id, quote="eroding trust", tags=["a", "b"])
    other = Workspace(workspace.root)  # another process
    other.highlights.change(made.annotation.id, Edit.tags(add=["c"]))
    _, after = workspace.highlights.change(made.annotation.id, Edit.tags(add=["d"], remove=["A"]))
    assert after.tags == ["b", "c", "d"]
    # A tags prompt returns the whole list: only its difference is applied.
    shown = ["b", "d", "e"]  # the prompt opened before c was added, and e was typed
    _, after = workspace.highlights.change(made.annotation.id, Edit.retag(["b", "d"], shown))
    assert after.tags == ["b", "c", "d", "e"]


def test_quote_names_what_the_citation_lacks(workspace: Workspace, article_id: str) -> None:
    made = workspace.highlights.create(article_id, quote="eroding trust").annotation
    quote = workspace.quotes.format(made.id, style="mla")
    assert "eroding trust" in quote.text and quote.style == "mla"
    assert quote.missing is not None and "publication" in quote.missing
    workspace.articles.edit(
        article_id, publication="The Boston Globe", url="https://example.com/a", authors=["A B"]
    )
    assert workspace.quotes.format(made.id, style="mla").missing is None


def test_export_writes_a_file_and_skips_an_unreadable_article(
    workspace: Workspace, article_id: str, tmp_path: Path
) -> None:
    workspace.highlights.create(article_id, quote="eroding trust", tags=["trust"])
    other = workspace.articles.import_bytes(b"Other title\n\nA body with words.\n", "o.txt")
    assert other.article is not None
    workspace.highlights.create(other.article.id, quote="words", tags=["trust"])
    workspace.library.path_of(other.article.id).write_bytes(b"\xff\xfe broken")
    target = tmp_path / "brief.md"
    done = workspace.exports.export(ExportRequest(tags=("trust",), output=target))
    assert done.count == 1 and "eroding trust" in target.read_text()
    assert len(done.skipped) == 1 and other.article.id in done.skipped[0]


def test_reimport_cut_short_is_mended_on_open(workspace: Workspace, tmp_path: Path) -> None:
    """Highlights re-anchored to a new text that never got written (a crash between the two
    writes) are re-anchored back on the next open: they never point at other words."""
    source = tmp_path / "story.txt"
    source.write_text("Story\n\nFirst sentence here. The quoted words stand here.\n")
    (done,) = workspace.articles.run(workspace.articles.plan([str(source)])).results
    assert done.article is not None
    made = workspace.highlights.create(done.article.id, quote="quoted words").annotation
    # As if the store was re-anchored to this text and the article write then failed.
    workspace.store.reanchor_article(
        made.article, "Story\n\nA new lead. First sentence here. The quoted words stand here.\n"
    )
    opened = workspace.reading.open(made.article)
    (now,) = opened.annotations
    assert opened.article.text[now.start : now.end] == "quoted words"
    assert opened.repaired is not None and opened.repaired.repaired == 1


def test_an_article_imported_anew_mends_highlights_its_file_left(
    workspace: Workspace, tmp_path: Path
) -> None:
    """An import that finds no article but a highlights file for its id (the article file
    deleted by hand after a re-import cut short) re-anchors them to its text; only an article
    with no highlights file skips the look (one stat instead of a read of the store)."""
    source = tmp_path / "story.txt"
    text = "Story\n\nFirst sentence here. The quoted words stand here.\n"
    source.write_text(text)
    (done,) = workspace.articles.run(workspace.articles.plan([str(source)])).results
    assert done.article is not None
    made = workspace.highlights.create(done.article.id, quote="quoted words").annotation
    workspace.store.reanchor_article(made.article, "Story\n\nA new lead. " + text[7:])
    workspace.library.path_of(made.article).unlink()
    fresh = Workspace(workspace.root)
    (again,) = fresh.articles.run(fresh.articles.plan([str(source)])).results
    assert again.status == "imported" and again.article is not None
    assert again.article.id == made.article
    (now,) = Workspace(workspace.root).store.for_article(made.article)
    assert fresh.library.get(made.article).text[now.start : now.end] == "quoted words"
    assert now.start == made.start


def test_hand_edit_of_an_article_is_caught_by_the_fingerprint(
    workspace: Workspace, article_id: str
) -> None:
    made = workspace.highlights.create(article_id, quote="eroding trust").annotation
    path = workspace.library.path_of(article_id)
    raw = path.read_text()
    path.write_text(raw.replace("Boston Mayor", "The mayor of Boston, Mayor", 1))
    opened = workspace.reading.open(article_id)
    (now,) = opened.annotations
    assert opened.article.text[now.start : now.end] == "eroding trust"
    assert now.start != made.start


def test_opening_says_nothing_was_repaired_when_another_process_repaired_first(
    workspace: Workspace, article_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = workspace.highlights.create(article_id, quote="eroding trust").annotation
    path = workspace.library.path_of(article_id)
    path.write_text(path.read_text().replace("Boston Mayor", "The mayor of Boston, Mayor", 1))
    other = Workspace(workspace.root)
    store = workspace.store
    reanchor = store.reanchor_article

    def repaired_elsewhere_first(article: str, text: str, **options: bool) -> object:
        assert other.reading.open(article).repaired is not None  # the other process repairs
        return reanchor(article, text, **options)

    monkeypatch.setattr(store, "reanchor_article", repaired_elsewhere_first)
    opened = workspace.reading.open(article_id)
    (now,) = opened.annotations
    assert now.id == made.id and opened.article.text[now.start : now.end] == "eroding trust"
    assert opened.repaired is None


def test_the_change_feed_reports_other_processes_and_stays_idle(
    workspace: Workspace, article_id: str
) -> None:
    feed = workspace.changes()
    feed.start(article_id)
    assert feed.poll(article_id).empty and feed.scans == 0  # idle: only a few stats
    other = Workspace(workspace.root)
    made = other.highlights.create(article_id, quote="eroding trust").annotation
    changes = feed.poll(article_id)
    assert changes.highlights == {article_id} and not changes.added
    fresh = other.articles.import_bytes(b"Second story\n\nIts body.\n", "second.txt")
    assert fresh.article is not None
    changes = feed.poll(article_id)
    assert [m.id for m in changes.added] == [fresh.article.id]
    assert changes.catalog is not None and len(changes.catalog) == 2
    other.articles.remove(fresh.article.id)
    assert feed.poll(article_id).removed == [fresh.article.id]
    # Our own write, acknowledged, is not reported back.
    workspace.highlights.change(made.id, Edit.set(note="mine"))
    feed.acknowledge(article_id)
    assert feed.poll(article_id).empty


def test_acknowledging_our_save_does_not_swallow_another_process_save(
    workspace: Workspace, article_id: str
) -> None:
    """Another process saves highlights of article Y just before we acknowledge our save of X:
    the next poll reports Y, and not X."""
    other = Workspace(workspace.root)
    second = other.articles.import_bytes(b"Second story\n\nIts body here.\n", "second.txt")
    assert second.article is not None
    y = second.article.id
    feed = workspace.changes()
    feed.start(article_id)
    workspace.highlights.create(article_id, quote="eroding trust")  # ours
    other.highlights.create(y, quote="Its body")  # theirs, before we acknowledge
    feed.acknowledge(article_id)
    changes = feed.poll(article_id)
    assert changes.highlights == {y}
    assert feed.poll(article_id).empty
    # The same while the other process imports: the import is reported, ours is not.
    workspace.highlights.create(article_id, quote="fingerprints of everyone arrested")
    third = other.articles.import_bytes(b"Third story\n\nMore words.\n", "third.txt")
    assert third.article is not None
    feed.acknowledge(article_id)
    changes = feed.poll(article_id)
    assert [m.id for m in changes.added] == [third.article.id] and not changes.highlights


def test_the_change_feed_does_not_report_our_own_import(
    workspace: Workspace, article_id: str
) -> None:
    feed = workspace.changes()
    feed.start(article_id)
    mine = workspace.articles.import_bytes(b"Mine\n\nImported here.\n", "mine.txt")
    feed.acknowledge(articles=True)
    assert feed.poll(article_id).empty
    other = Workspace(workspace.root)
    theirs = other.articles.import_bytes(b"Theirs\n\nImported elsewhere.\n", "theirs.txt")
    assert mine.article is not None and theirs.article is not None
    assert [m.id for m in feed.poll(article_id).added] == [theirs.article.id]


def test_a_crash_between_the_two_writes_of_a_reimport_leaves_no_highlight_on_other_words(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Failure injected after the highlights were re-anchored to the new text and before the
    article file is written: the old text stays, and its highlights find their words again."""
    from library.store import Library

    source = tmp_path / "story.txt"
    source.write_text("Story\n\nFirst sentence here. The quoted words stand here.\n")
    articles = workspace.articles
    (done,) = articles.run(articles.plan([str(source)])).results
    assert done.article is not None
    made = workspace.highlights.create(done.article.id, quote="quoted words").annotation
    source.write_text(
        "Story\n\nA brand new lead. First sentence here. The quoted words stand here.\n"
    )

    def crash(self: Library, article: object, extra: object = None) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Library, "_write", crash)
    (failed,) = articles.run(articles.plan([str(source)])).results
    assert failed.status == "failed"
    monkeypatch.undo()
    reopened = Workspace(workspace.root)  # the next process
    opened = reopened.reading.open(made.article)
    (now,) = opened.annotations
    assert opened.article.text[now.start : now.end] == "quoted words"
    # Importing again (the disk has room now) moves it to the new text, once.
    (again,) = reopened.articles.run(reopened.articles.plan([str(source)])).results
    assert again.status == "updated"
    fresh = reopened.reading.open(made.article)
    (moved,) = fresh.annotations
    assert fresh.article.text[moved.start : moved.end] == "quoted words"
    assert fresh.repaired is None


def test_a_late_speaker_fills_only_an_empty_one_on_the_freshest_record(
    workspace: Workspace, article_id: str
) -> None:
    """The reader fills in the speaker of a highlight made before the article's quotations were
    found; one set meanwhile in another process is the freshest record's, and stays."""
    made = workspace.highlights.create(article_id, quote="eroding trust").annotation
    other = Workspace(workspace.root)
    other.highlights.change(made.id, Edit.set(speaker="Maria Sacchetti"))
    before, after = workspace.highlights.fill_speaker(made.id, "Thomas M. Menino")
    assert after is before and after.speaker == "Maria Sacchetti"
    plain = workspace.highlights.create(article_id, quote="Secure Communities").annotation
    _, filled = workspace.highlights.fill_speaker(plain.id, "Thomas M. Menino")
    assert filled.speaker == "Thomas M. Menino"
    assert workspace.highlights.undo() is not None  # undone like any change
    assert workspace.highlights.get(plain.id).speaker is None
