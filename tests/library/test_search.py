"""Library-wide search: the query language, the index kept in step with the files, and hits."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import given
from hypothesis import strategies as st

import library.search as search_module
from annotations.model import Annotation
from annotations.search import LibrarySearch, SearchResults
from annotations.workspace import Workspace
from library.model import Article
from library.search import (
    Hit,
    QueryError,
    SearchError,
    SearchIndex,
    fold,
    make_snippet,
    parse_query,
)
from library.searchtext import SNIPPET_WIDTH

# -- helpers ---------------------------------------------------------------------------------------


def article_md(title: str, *paragraphs: str, authors: str = "", tags: str = "") -> bytes:
    head = f"---\ntitle: {json.dumps(title)}\n"  # JSON strings are valid YAML
    if authors:
        head += f"authors: [{authors}]\n"
    if tags:
        head += f"tags: [{tags}]\n"
    return (head + "---\n\n" + "\n\n".join(paragraphs) + "\n").encode()


def add(ws: Workspace, title: str, *paragraphs: str, **meta: str) -> Article:
    """Import an article the way `margin import` does (so the workspace hooks run)."""
    done = ws.articles.import_bytes(article_md(title, *paragraphs, **meta), f"{title}.md")
    assert done.article is not None, done.error
    return ws.articles.get(done.article.id)


def ids(results: SearchResults) -> list[str]:
    return [h.article for h in results.hits]


def highlight(ws: Workspace, article: Article, words: str, **fields: object) -> Annotation:
    start = article.text.index(words)
    note = Annotation.from_span(article.id, article.text, start, start + len(words), **fields)
    saved = ws.store.add(note)
    ws.search_index.notes_changed(article.id)
    return saved


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace(tmp_path / "lib")
    workspace.library.ensure()
    return workspace


@pytest.fixture
def three(ws: Workspace) -> dict[str, Article]:
    """Three small articles with distinct words, titles, authors and tags."""
    return {
        "boston": add(
            ws,
            "Boston threatens to withdraw from Secure Communities",
            "Mayor Thomas Menino said the city may withdraw from a federal immigration program.",
            "The program shares fingerprints of everyone arrested with federal officials.",
            authors="Maria Sacchetti",
            tags="Immigration, policing",
        ),
        "harbour": add(
            ws,
            "Harbour Street goes car-free",
            "The council voted to close Harbour Street to private cars for a long trial.",
            "Traders say the closure will cost them customers; cyclists welcome it.",
            authors="Ana Costa",
            tags="transport",
        ),
        "cafe": add(
            ws,
            "A café on the corner",
            "The café opened in a former bank. Its owner, José, says the trial brought walkers.",
            authors="Li Wei",
        ),
    }


# -- the query language ----------------------------------------------------------------------------


def test_parse_words_phrases_and_filters() -> None:
    query = parse_query('cost "federal program"  tag:"City Hall" STANCE:Oppose author:Ménino x:y')
    assert query.terms == ("cost", "federal program", "x:y")
    assert query.phrases == (False, True, False)
    assert query.tags == ("city hall",)
    assert query.stances == ("oppose",)
    assert query.authors == ("menino",)
    assert query.match_expression() == '"cost" AND "federal program" AND "x:y"'


def test_parse_quotes_inside_terms_are_escaped_for_fts() -> None:
    assert parse_query('a"b c"').match_expression() == '"a" AND "b c"'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"unclosed phrase', "unbalanced quote"),
        ("word tag:", "'tag:' needs a value"),
        ('stance:""', "'stance:' needs a value"),
        ("   ", "nothing to search for"),
        ("- & ---", "nothing to search for"),
    ],
)
def test_bad_queries_say_what_to_do(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        parse_query(text)


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Ménino ÉCOLE") == "menino ecole"


# -- searching -------------------------------------------------------------------------------------


def test_words_must_all_match_anywhere_in_an_article(
    ws: Workspace, three: dict[str, Article]
) -> None:
    search = ws.search_index
    assert ids(search.search("federal fingerprints")) == [three["boston"].id]
    assert ids(search.search("federal cyclists")) == []
    both = search.search("trial")
    assert set(ids(both)) == {three["harbour"].id, three["cafe"].id}
    assert both.total == 2


def test_case_and_accent_insensitive(ws: Workspace, three: dict[str, Article]) -> None:
    search = ws.search_index
    for query in ("CAFE", "café", "jose", "JOSÉ"):
        assert ids(search.search(query)) == [three["cafe"].id], query


def test_offset_points_at_the_match_in_the_canonical_text(
    ws: Workspace, three: dict[str, Article]
) -> None:
    hit = ws.search_index.search("fingerprints").hits[0]
    text = ws.library.get(hit.article).text
    assert text[hit.offset : hit.end] == "fingerprints"
    assert hit.field == "text" and hit.annotation is None
    assert [hit.snippet[s:e] for s, e in hit.marks] == ["fingerprints"]


def test_best_window_holds_most_query_words(ws: Workspace) -> None:
    filler = " ".join(["lorem"] * 80)
    article = add(
        ws,
        "Windows",
        f"alpha alone here. {filler}",
        f"{filler} beta and alpha together here.",
    )
    hit = ws.search_index.search("alpha beta").hits[0]
    assert hit.offset == article.text.index("beta and alpha")
    assert sorted(hit.snippet[s:e] for s, e in hit.marks) == ["alpha", "beta"]


def test_phrases_match_words_in_order_only(ws: Workspace, three: dict[str, Article]) -> None:
    search = ws.search_index
    assert ids(search.search('"federal immigration program"')) == [three["boston"].id]
    assert ids(search.search('"program federal"')) == []
    hit = search.search('"private cars"').hits[0]
    text = ws.library.get(hit.article).text
    assert text[hit.offset : hit.end] == "private cars"


def test_title_match_ranks_above_body_match(ws: Workspace) -> None:
    body_only = add(ws, "Notes on the week", "Councillors discussed congestion at length.")
    in_title = add(ws, "Congestion charge approved", "The council approved the charge.")
    hits = ws.search_index.search("congestion").hits
    assert [h.article for h in hits] == [in_title.id, body_only.id]
    assert hits[0].score > hits[1].score > 0
    assert hits[0].field == "title" and hits[0].offset == 0


def test_filters_tag_author_title(ws: Workspace, three: dict[str, Article]) -> None:
    search = ws.search_index
    assert ids(search.search("tag:immigration")) == [three["boston"].id]
    assert ids(search.search("tag:IMMIGRATION federal")) == [three["boston"].id]
    assert ids(search.search("tag:transport federal")) == []
    assert ids(search.search("author:sacchetti")) == [three["boston"].id]
    assert ids(search.search("author:COST trial")) == [three["harbour"].id]
    assert ids(search.search("title:cafe")) == [three["cafe"].id]
    assert ids(search.search("title:harbour traders")) == [three["harbour"].id]
    assert ids(search.search("tag:nope")) == []


def test_limit_caps_hits_but_total_counts_all(ws: Workspace) -> None:
    for n in range(5):
        add(ws, f"Article {n}", f"Common word number {n}.")
    results = ws.search_index.search("common", limit=2)
    assert len(results.hits) == 2 and results.total == 5
    with pytest.raises(QueryError):
        ws.search_index.search("common", limit=0)


# -- highlights ------------------------------------------------------------------------------------


def test_note_and_tag_hits_point_at_the_highlight(ws: Workspace, three: dict[str, Article]) -> None:
    article = three["boston"]
    saved = highlight(
        ws,
        article,
        "shares fingerprints",
        note="Surveillance worry: check the numbers",
        tags=["Privacy"],
        stance="oppose",
    )
    search = ws.search_index
    hits = search.search("surveillance").hits
    assert len(hits) == 1
    hit = hits[0]
    assert (hit.article, hit.annotation, hit.field) == (article.id, saved.id, "note")
    assert (hit.offset, hit.end) == (saved.start, saved.end)
    assert hit.title == article.title
    assert [hit.snippet[s:e] for s, e in hit.marks] == ["Surveillance"]

    tag_hit = search.search("privacy").hits[0]
    assert (tag_hit.annotation, tag_hit.field) == (saved.id, "tags")
    # Quote words find the article and the highlight, the article first.
    quote_hits = search.search("shares fingerprints").hits
    assert [(h.article, h.annotation) for h in quote_hits] == [
        (article.id, None),
        (article.id, saved.id),
    ]


def test_stance_and_tag_filters_on_highlights(ws: Workspace, three: dict[str, Article]) -> None:
    boston, harbour = three["boston"], three["harbour"]
    against = highlight(ws, boston, "federal officials", stance="oppose", tags=["evidence"])
    favour = highlight(ws, harbour, "cyclists welcome it", stance="Support", note="good point")
    search = ws.search_index
    assert [h.annotation for h in search.search("stance:oppose").hits] == [against.id]
    assert [h.annotation for h in search.search("stance:support").hits] == [favour.id]
    assert [h.annotation for h in search.search("stance:support point").hits] == [favour.id]
    assert search.search("stance:oppose point").hits == []
    assert [h.annotation for h in search.search("tag:evidence").hits] == [against.id]
    with pytest.raises(QueryError, match="unknown stance 'sideways'; choose from"):
        search.search("stance:sideways")


def test_annotation_changes_behind_the_index_are_seen(
    ws: Workspace, three: dict[str, Article]
) -> None:
    article = three["harbour"]
    search = ws.search_index
    search.search("anything")  # the index exists
    start = article.text.index("Traders")
    # No hook called: the store's file changed, and the next search notices by its stamp.
    saved = ws.store.add(
        Annotation.from_span(article.id, article.text, start, start + 7, note="zebra crossing")
    )
    assert [h.annotation for h in search.search("zebra").hits] == [saved.id]
    ws.store.update(saved.changed(note="pelican crossing"))
    assert search.search("zebra").hits == []
    assert [h.annotation for h in search.search("pelican").hits] == [saved.id]
    ws.store.delete(saved.id)
    assert search.search("pelican").hits == []


# -- keeping in step -------------------------------------------------------------------------------


def test_import_hook_updates_an_existing_index_without_a_sync(
    ws: Workspace, three: dict[str, Article]
) -> None:
    search = ws.search_index
    search.search("anything")
    fresh = add(ws, "Ferry timetable", "The ferry now leaves hourly.")
    query = parse_query("ferry")
    assert [h.article for h in search.index.search(query)] == [fresh.id]


def test_reimport_with_changed_text_replaces_the_old_text(ws: Workspace, tmp_path: Path) -> None:
    source = tmp_path / "story.md"
    source.write_bytes(article_md("Story", "The original wording mentions walruses."))
    articles = ws.articles
    (result,) = articles.run(articles.plan([str(source)])).results
    assert result.article is not None
    search = ws.search_index
    assert ids(search.search("walruses")) == [result.article.id]
    source.write_bytes(article_md("Story", "The revised wording mentions narwhals."))
    (again,) = articles.run(articles.plan([str(source)])).results
    assert again.status == "updated"
    assert ids(search.search("narwhals")) == [result.article.id]
    assert search.search("walruses").hits == []


def test_edit_of_title_is_searchable(ws: Workspace, three: dict[str, Article]) -> None:
    search = ws.search_index
    search.search("anything")
    ws.library.edit(three["cafe"].id, title="The espresso corner", tags=["food"])
    assert ids(search.search("espresso")) == [three["cafe"].id]
    assert ids(search.search("tag:food")) == [three["cafe"].id]


def test_removed_article_leaves_results_and_comes_back_on_restore(
    ws: Workspace, three: dict[str, Article]
) -> None:
    boston = three["boston"]
    highlight(ws, boston, "federal officials", note="check the officials")
    search = ws.search_index
    assert len(search.search("officials").hits) == 2
    ws.articles.remove(boston.id)
    assert search.search("officials").hits == []
    assert search.index.search(parse_query("fingerprints")) == []  # the hook did it
    ws.articles.restore(boston.id)
    assert {h.annotation is None for h in search.search("officials").hits} == {True, False}


def test_file_changed_behind_the_index_gives_current_results(
    ws: Workspace, three: dict[str, Article]
) -> None:
    search = ws.search_index
    search.search("anything")
    path = ws.library.path_of(three["harbour"].id)
    path.write_text(path.read_text().replace("cyclists", "pedestrians"))
    assert ids(search.search("pedestrians")) == [three["harbour"].id]
    assert search.search("cyclists").hits == []
    path.unlink()
    assert search.search("pedestrians").hits == []
    assert search.search("anything").sync.removed == 0  # removed once, not again


def test_same_size_in_place_edit_within_one_mtime_tick_is_seen(
    ws: Workspace, three: dict[str, Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "RACY_FINE_NS", 60_000_000_000)  # a slow machine, too
    search = ws.search_index
    search.search("anything")  # indexed moments after writing: the stamps are racy
    path = ws.library.path_of(three["harbour"].id)
    before = path.stat()
    content = path.read_bytes()
    with open(path, "r+b") as handle:  # same inode, same size, then the same mtime
        handle.write(content.replace(b"cyclists", b"scooters"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_ino == before.st_ino and path.stat().st_size == before.st_size
    assert ids(search.search("scooters")) == [three["harbour"].id]


def test_a_file_changed_just_now_with_its_mtime_put_back_is_read_again(
    ws: Workspace, three: dict[str, Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    # `touch -r` after an edit: an old mtime, a ctime of now. Another such edit of the same
    # size within the same ctime tick would leave the whole stamp as it was, so the stamp of a
    # file whose ctime is recent is not trusted either (git's "racy clean", on ctime).
    monkeypatch.setattr(search_module, "RACY_FINE_NS", 60_000_000_000)
    monkeypatch.setattr(search_module, "RACY_NS", 60_000_000_000)
    for article in three.values():
        path = ws.library.path_of(article.id)
        old = path.stat().st_mtime_ns - 3_600_000_000_000
        os.utime(path, ns=(old, old))
    search = ws.search_index
    search.search("anything")
    assert search.search("anything").sync.updated == 3  # each file read again


def test_unchanged_files_are_not_read_again(
    ws: Workspace, three: dict[str, Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "RACY_NS", 0)
    monkeypatch.setattr(search_module, "RACY_FINE_NS", 0)
    search = ws.search_index
    first = search.search("trial").sync
    assert first.rebuilt and first.articles == 3
    second = search.search("trial").sync
    assert not second.changed
    add(ws, "Late arrival", "A fourth article.")
    third = search.search("trial").sync
    assert not third.changed  # the import hook indexed it already


def test_missing_index_is_built_and_reindex_rebuilds(
    ws: Workspace, three: dict[str, Article]
) -> None:
    search = ws.search_index
    assert search.needs_build()
    assert search.search("trial").sync.rebuilt
    assert not search.needs_build()
    report = search.reindex()
    assert report.rebuilt and report.articles == 3
    assert len(list(ws.library.index_dir.glob("search-*.db"))) == 1  # the old generation is gone


@pytest.mark.parametrize("damage", ["garbage", "truncated", "pointer", "dangling"])
def test_corrupt_index_is_rebuilt(ws: Workspace, three: dict[str, Article], damage: str) -> None:
    search = ws.search_index
    search.search("trial")
    db = search.index.path
    assert db is not None
    search.index.close()
    if damage == "garbage":
        db.write_bytes(b"this is not a database at all " * 500)
    elif damage == "truncated":
        db.write_bytes(db.read_bytes()[:1000])
    elif damage == "pointer":
        search.index.pointer.write_text("{not json")
    else:
        db.unlink()
    # A new process opening the damaged index.
    fresh = LibrarySearch(Workspace(ws.root))
    results = fresh.search("trial")
    assert set(ids(results)) == {three["harbour"].id, three["cafe"].id}
    assert results.sync.rebuilt


def test_index_without_notes_source_and_sharing(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "lib")
    add(ws, "Solo", "Just one article about lighthouses.")
    index = SearchIndex(ws.library.index_dir, ws.library.articles_dir)
    assert index.sync().rebuilt
    other = SearchIndex(ws.library.index_dir, ws.library.articles_dir)  # a second process
    assert [h.title for h in other.search(parse_query("lighthouses"))] == ["Solo"]
    index.rebuild()
    assert [h.title for h in other.search(parse_query("lighthouses"))] == ["Solo"]


# -- snippets --------------------------------------------------------------------------------------


def test_hostile_text_stays_plain_in_snippets(ws: Workspace) -> None:
    article = add(
        ws,
        "[bold red]Markup[/] title",
        "Look at [link=https://evil.example]this[/link] and [@click=app.quit]that[/] \\[escaped].",
    )
    highlight(ws, article, "Look at", note="note with \x1b]52;c;aGk=\x07 escape and [/] markup")
    hits = ws.search_index.search("look").hits
    text_hit = next(h for h in hits if h.annotation is None)
    assert "[link=https://evil.example]this[/link]" in text_hit.snippet
    assert text_hit.title == "[bold red]Markup[/] title"
    note_hit = ws.search_index.search("escape").hits[0]
    assert "\x1b" not in note_hit.snippet and "\x07" not in note_hit.snippet
    assert "[/] markup" in note_hit.snippet


def test_snippet_is_a_short_window_with_ellipses() -> None:
    text = " ".join(f"word{i}" for i in range(200))
    start = text.index("word100")
    snippet, marks = make_snippet(text, [(start, start + 7)], start)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) <= SNIPPET_WIDTH + 2
    assert [snippet[s:e] for s, e in marks] == ["word100"]


@given(
    text=st.text(alphabet=st.sampled_from("ab \n\t\x1b\x85é.["), max_size=400),
    data=st.data(),
)
def test_snippet_marks_stay_inside_and_text_stays_safe(text: str, data: st.DataObject) -> None:
    points = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    marks = [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2)]
    focus = marks[0][0] if marks else 0
    snippet, relative = make_snippet(text, marks, focus)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\n]", snippet)
    assert "  " not in snippet
    for start, end in relative:
        assert 0 <= start < end <= len(snippet)


def test_hit_json_shape() -> None:
    hit = Hit("a", "T", 3, 5, "snip", ((0, 4),), 1.5, None, "text")
    assert hit.to_json() == {
        "article": "a",
        "title": "T",
        "offset": 3,
        "end": 5,
        "snippet": "snip",
        "marks": [[0, 4]],
        "score": 1.5,
        "annotation": None,
        "field": "text",
    }


class _Sabotage:
    """A note source whose scan removes the index pointer, as a concurrent `reindex` might."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self.armed = False

    def scan(self) -> dict[str, str]:
        if self.armed:
            self.armed = False
            (self.index_dir / "search.json").unlink()
        return {}

    def stat(self, article_id: str) -> os.stat_result | None:
        return None

    def load(self, article_id: str) -> list[Annotation] | None:
        return []


def test_generation_switched_during_a_sync_is_followed(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "lib")
    article = add(ws, "Solo", "Just one article about lighthouses.")
    source = _Sabotage(ws.library.index_dir)
    index = SearchIndex(ws.library.index_dir, ws.library.articles_dir, source)
    index.sync()
    path = ws.library.path_of(article.id)
    path.write_text(path.read_text().replace("lighthouses", "lightships"))
    source.armed = True
    report = index.sync()
    assert report.rebuilt
    assert [h.title for h in index.search(parse_query("lightships"))] == ["Solo"]
    assert index.search(parse_query("lighthouses")) == []


def test_index_locked_by_another_process_is_a_clear_error(
    ws: Workspace, three: dict[str, Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "LOCK_TIMEOUT", 0.05)
    ws.library.index_dir.mkdir(parents=True, exist_ok=True)
    with (
        FileLock(str(ws.library.index_dir / "search.lock")),
        pytest.raises(SearchError, match="held by another Margin process"),
    ):
        ws.search_index.search("trial")
    assert ids(ws.search_index.search("federal")) == [three["boston"].id]
