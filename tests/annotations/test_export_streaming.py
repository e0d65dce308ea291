"""A library-wide export is written as it is rendered, from the articles' metadata and quotes
formatted while each text was at hand: the same document as rendering it whole from the full
articles, byte for byte."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.citation import escape_markdown, quote_formatter
from annotations.export import ExportOptions, export_annotations, md
from annotations.export.md import Collector
from annotations.export.registry import export_chunks
from annotations.model import Annotation
from annotations.workspace import ExportRequest, Workspace
from library.fsutil import atomic_write
from library.model import ArticleMeta
from tests.annotations.samples import HIGHLIGHTS, PETITION, sample_annotations, sample_workspace


@pytest.fixture
def samples(library_dir: Path) -> Workspace:
    return sample_workspace(library_dir)


def _without_timestamp(data: bytes) -> bytes:
    """The export with its own timestamp (now) blanked."""
    return re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:[\d.]+Z", b"NOW", data)


# Each format with the styles it uses: plain formats quotes from the metadata alone, apa and
# card read the text; the reference and annotation formats take no style.
FORMATS = [
    *((fmt, style) for fmt in ("md", "txt", "html") for style in ("plain", "apa", "card")),
    *((fmt, "plain") for fmt in ("json", "w3c", "csv", "csl-json", "bibtex")),
]


@pytest.mark.parametrize(("fmt", "style"), FORMATS)
@pytest.mark.parametrize("warm", [False, True])  # the anchors cache absent, or vouching for all
def test_the_streamed_export_is_the_document_rendered_whole(
    samples: Workspace, tmp_path: Path, fmt: str, style: str, warm: bool
) -> None:
    if warm:
        samples.highlights.check()  # what `margin annotations` leaves: every article vouched for
        samples = Workspace(samples.library.root)  # a new process
    target = tmp_path / f"out.{fmt}"
    done = samples.exports.export(ExportRequest(format=fmt, style=style, output=target))
    groups = [
        (article, sorted(anns, key=lambda a: (a.start, a.end)))
        for article, anns in sorted(sample_annotations(samples.library).values(),
                                    key=lambda g: g[0].id)
    ]  # fmt: skip
    config = samples.config
    options = ExportOptions(style=style, config=config, width=config.width)
    whole = export_annotations(groups, fmt, options)
    assert done.count == sum(len(anns) for _a, anns in groups)
    written = target.read_bytes()
    assert _without_timestamp(written) == _without_timestamp(whole)
    if style == "apa":  # the paragraph numbers that need the text are there
        assert b"para." in written


def test_markdown_comes_in_parts_that_join_to_the_document(samples: Workspace) -> None:
    groups = [(a, anns) for a, anns in sample_annotations(samples.library).values()]
    options = ExportOptions(generated="2026-04-02T09:00:00.000Z")
    parts = list(export_chunks(groups * 200, "md", options))  # long enough for several parts
    assert len(parts) > 1
    assert b"".join(parts) == export_annotations(groups * 200, "md", options)
    assert b"".join(parts).endswith(b"\n") and not b"".join(parts).endswith(b"\n\n")


def test_a_write_in_chunks_that_fails_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "export.md"
    target.write_bytes(b"old")

    def chunks():  # type: ignore[no-untyped-def]
        yield b"new part one\n"
        raise RuntimeError("rendering failed half-way")

    with pytest.raises(RuntimeError):
        atomic_write(target, chunks())
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["export.md"]
    atomic_write(target, iter([b"a", b"b"]))
    assert target.read_bytes() == b"ab"


def _calls(monkeypatch: pytest.MonkeyPatch, owner: type, method: str) -> list[str]:
    """The article ids that owner.method(article_id) is called with from now (it still runs)."""
    seen: list[str] = []
    original = getattr(owner, method)

    def spy(self: Any, article_id: str) -> Any:
        seen.append(article_id)
        return original(self, article_id)

    monkeypatch.setattr(owner, method, spy)
    return seen


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles whose files are parsed in full (text and front matter) from now."""
    from library.store import Library

    return _calls(monkeypatch, Library, "get")


def test_a_vouched_library_is_exported_without_reading_a_text_and_an_edit_is_read(
    samples: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the anchors cache vouching for every article, a plain Markdown export parses no
    article file; an article edited by hand since (same size, so only its stamp tells) is read
    and its highlight re-anchored: the words it no longer has are not exported."""
    samples.highlights.check()
    first = tmp_path / "first.md"
    read = _reads(monkeypatch)
    Workspace(samples.library.root).exports.export(ExportRequest(output=first))
    assert read == []
    words = "Our best days are the days the street is closed for the market,"
    assert words in first.read_text(encoding="utf-8")

    path = samples.library.path_of(PETITION)
    raw = path.read_text(encoding="utf-8")
    path.write_text(raw.replace("Our best days", "Our good days"), encoding="utf-8")
    second = tmp_path / "second.md"
    done = Workspace(samples.library.root).exports.export(ExportRequest(output=second))
    assert set(read) == {PETITION}  # the check that repairs it reads it too
    exported = second.read_text(encoding="utf-8")
    assert "Our best days" not in exported
    assert done.count == len(HIGHLIGHTS)
    text = samples.library.get(PETITION).text
    for ann in Workspace(samples.library.root).store.for_article(PETITION):
        assert ann.orphaned or text[ann.start : ann.end] == ann.quote


def test_a_quote_forged_in_the_highlights_file_is_checked_against_the_text(
    samples: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The verdict holds for the highlights file it was made with: a quote changed there by
    hand (fingerprint kept) sends the export to the text, which does not have those words: the
    highlight is exported flagged as orphaned, never as a quotation of the article."""
    samples.highlights.check()
    shard = samples.store.shard_path(PETITION)
    forged = "Our best days are the days the street is closed for the market,"
    raw = shard.read_text(encoding="utf-8")
    assert forged in raw
    shard.write_text(raw.replace(forged, "Our sales doubled when the street was closed!!"))
    read = _reads(monkeypatch)
    target = tmp_path / "out.md"
    Workspace(samples.library.root).exports.export(ExportRequest(output=target))
    assert set(read) == {PETITION}  # the check that repairs it reads it too
    exported = target.read_text(encoding="utf-8")
    callout = exported[exported.index("Our sales doubled") :].split("\n^", 1)[0]
    assert "*orphaned: these words are no longer in the article*" in callout
    assert [a.orphaned for a in samples.store.for_article(PETITION) if "sales" in a.quote] == [True]


def test_a_verdict_of_the_fingerprint_only_check_does_not_vouch(
    samples: Workspace, tmp_path: Path
) -> None:
    """`.index/anchors.json` as a Margin before the words were compared (its version 2) wrote
    it: the check then vouched for a quote forged in the highlights file on its fingerprint
    alone, under that file's stamp. Such a verdict means less than the export trusts, so the
    cache is not read: the forged words are checked against the text and flagged."""
    import orjson

    from annotations.workspace.checking import AnchorCheck

    samples.highlights.check()
    shard = samples.store.shard_path(PETITION)
    forged = "Our best days are the days the street is closed for the market,"
    raw = shard.read_text(encoding="utf-8")
    shard.write_text(raw.replace(forged, "Our sales doubled when the street was closed!!"))
    # What the fingerprint-only check recorded for it: every fingerprint matched the text.
    cache = AnchorCheck(samples).path
    data = orjson.loads(cache.read_bytes())
    st_ = os.stat(shard)
    data["articles"][PETITION][2] = [st_.st_ino, st_.st_size, st_.st_mtime_ns]
    data["version"] = 2
    cache.write_bytes(orjson.dumps(data))
    target = tmp_path / "out.md"
    Workspace(samples.library.root).exports.export(ExportRequest(output=target))
    exported = target.read_text(encoding="utf-8")
    callout = exported[exported.index("Our sales doubled") :].split("\n^", 1)[0]
    assert "*orphaned: these words are no longer in the article*" in callout


_IDS = st.text(alphabet="aA-_b1", min_size=0, max_size=4)  # block ids that collide when cut
_STANCES = st.sampled_from([None, "support", "Support", "oppose", "odd one", "Odd One"])
_TAGS = st.lists(st.sampled_from(["Economy", "economy", "law", " Law ", "x  y", "#x y", ""]))
_WORDS = st.text(alphabet="ab *_#>-1.\n“”\"'é", max_size=12)


@st.composite
def _groups(draw: st.DrawFn) -> list[tuple[ArticleMeta, list[Annotation]]]:
    groups = []
    for n in range(draw(st.integers(1, 4))):
        meta = ArticleMeta(
            id=f"article-{n}",
            title=draw(_WORDS),
            authors=draw(st.lists(st.sampled_from(["Ann Lee", "Bo Ray", "{Reuters}"]), max_size=2)),
            publication=draw(st.sampled_from([None, "The *Post*", "Courier"])),
            published=draw(st.sampled_from([None, "2026-03-21", "2011-09"])),
            url=draw(st.sampled_from([None, "https://example.com/a", "not a url"])),
            tags=draw(_TAGS),
        )
        anns = [
            Annotation(
                meta.id,
                start,
                start + 5,
                draw(_WORDS) or "word",
                stance=draw(_STANCES),
                tags=draw(_TAGS),
                note=draw(_WORDS),
                speaker=draw(st.sampled_from([None, "Ann Lee", "Cy Dee"])),
                id=f"{draw(_IDS)}{n}{i}" if draw(st.booleans()) else draw(_IDS) or "x",
                orphaned=draw(st.booleans()),
            )
            for i, start in enumerate(draw(st.lists(st.integers(0, 9), max_size=5)))
        ]
        groups.append((meta, sorted(anns, key=lambda a: (a.start, a.end))))
    return groups


@settings(max_examples=60, deadline=None)
@given(groups=_groups(), focus=st.lists(st.sampled_from(["LAW", "economy", "none"]), max_size=2))
def test_the_collector_writes_the_document_render_writes(
    groups: list[tuple[ArticleMeta, list[Annotation]]], focus: list[str]
) -> None:
    """Article by article, holding only rendered callouts, the same bytes as the whole render
    (topics and stances named as first met, ids that collide when cut, focus tags)."""
    options = ExportOptions(generated="2026-04-02T09:00:00.000Z", tags=tuple(focus))
    groups = [(meta, anns) for meta, anns in groups]
    if not any(anns for _m, anns in groups):
        return
    collector = Collector(options)
    for meta, anns in groups:
        collector.add(meta, anns, quote_formatter(meta, "plain", markup="markdown"))
    streamed = "".join(collector.chunks())
    assert streamed == "".join(md.render([(m, a) for m, a in groups if a], options))


@given(st.lists(st.sampled_from(["", "\n", "a", "b\n", "\n\nc", "d\n\n"])))
def test_parts_are_joined_as_one_text_ending_in_one_newline(parts: list[str]) -> None:
    assert "".join(md._joined(iter(parts))) == "\n".join(parts).rstrip("\n") + "\n"


@given(st.text(alphabet=" \t\u00a0\u2003-+1٣.)x*\n", max_size=8) | st.text(max_size=8))
def test_escaping_one_line_without_the_line_start_scan_changes_nothing(value: str) -> None:
    from annotations.citation.markup import _MD_LINE_START, _MD_SPECIAL, _escape_line_start

    escaped = _MD_SPECIAL.sub(r"\\\1", value)
    assert escape_markdown(value) == _MD_LINE_START.sub(_escape_line_start, escaped)


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_a_brief_reads_only_the_texts_it_cannot_vouch_for(
    samples: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """A plain brief of a vouched library parses no article and writes what it writes with
    every text read; an article edited by hand since is read and its lost words not briefed."""
    from annotations.workspace import BoardFilter
    from annotations.workspace.exporting import Exports

    root = samples.library.root
    samples.highlights.check()
    every = tmp_path / f"every.{fmt}"
    with monkeypatch.context() as patch:  # no article vouched for: every text read, as before
        patch.setattr(Exports, "voucher", lambda _self, _ids, **_kw: lambda _id: None)
        Workspace(root).briefs.export(BoardFilter(), fmt, every)
    read = _reads(monkeypatch)
    vouched = tmp_path / f"vouched.{fmt}"
    Workspace(root).briefs.export(BoardFilter(), fmt, vouched)
    assert read == []
    assert _without_timestamp(vouched.read_bytes()) == _without_timestamp(every.read_bytes())

    path = samples.library.path_of(PETITION)
    path.write_text(path.read_text(encoding="utf-8").replace("Our best days", "Our good days"))
    edited = tmp_path / f"edited.{fmt}"
    Workspace(root).briefs.export(BoardFilter(), fmt, edited)
    assert set(read) == {PETITION}
    assert "Our best days" not in edited.read_text(encoding="utf-8")


def _file_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles whose highlights files the export reads itself from now."""
    from annotations.store import AnnotationStore

    return _calls(monkeypatch, AnnotationStore, "read_article")


def test_the_highlights_table_and_the_files_give_the_same_export(
    samples: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library-wide export takes the highlights from the highlights table (no file read by
    the export) and writes the bytes it writes when the table cannot answer (each file read)."""
    from annotations.highlighttable import HighlightTable

    samples.highlights.check()
    root = samples.library.root
    files = tmp_path / "files.md"
    with monkeypatch.context() as patch:
        patch.setattr(HighlightTable, "articles", lambda _self: None)
        read = _file_reads(patch)
        Workspace(root).exports.export(ExportRequest(output=files))
        assert set(read) == {a.article for a in samples.store.query()}
    read = _file_reads(monkeypatch)
    table = tmp_path / "table.md"
    Workspace(root).exports.export(ExportRequest(output=table))
    assert read == []
    assert _without_timestamp(table.read_bytes()) == _without_timestamp(files.read_bytes())


def test_a_stance_edited_by_hand_keeping_size_and_mtime_is_exported(
    samples: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A highlights file edited in place (a stance changed, same size, mtime set back) after
    the table and the anchors check were made is seen: its new stance is exported."""
    samples.highlights.check()
    root = samples.library.root
    before = tmp_path / "before.md"
    Workspace(root).exports.export(ExportRequest(output=before))
    assert "dubious" not in before.read_text(encoding="utf-8")
    shard = samples.store.shard_path(PETITION)
    raw = shard.read_bytes()
    st = os.stat(shard)
    edited = raw.replace(b'"stance": "neutral"', b'"stance": "dubious"', 1)
    assert edited != raw and len(edited) == len(raw)
    with open(shard, "r+b") as file:  # in place: same inode
        file.write(edited)
    os.utime(shard, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(shard).st_ino == st.st_ino
    after = tmp_path / "after.md"
    read = _file_reads(monkeypatch)
    Workspace(root).exports.export(ExportRequest(output=after))
    exported = after.read_text(encoding="utf-8")
    assert read == []  # from the table, which read the file again: its ctime changed
    assert "> [!quote] dubious\n> “The trial has a review clause" in exported


def test_a_csv_of_books_takes_their_pages_from_the_front_matter_not_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The csv writes the page each highlight of a book is on: with the anchors check vouching
    for the books, it reads each book's page map, not its text, and writes the same file as a
    library-wide export that reads every book in full."""
    from tests.exports.conftest import SAMPLES

    library = tmp_path / "lib"
    workspace = Workspace(library)
    workspace.imports.run(SAMPLES / "koreader-export.json")
    workspace.imports.run(SAMPLES / "kindle-de.txt")
    from library.store import Library

    full = tmp_path / "full.csv"
    with monkeypatch.context() as patched:  # no page map to be had alone: the books are read
        patched.setattr(Library, "page_map", lambda *_: None)
        read = _reads(patched)
        workspace.exports.export(ExportRequest(format="csv", output=full))
        assert len(read) == 3
    workspace.highlights.check()
    read = _reads(monkeypatch)
    cheap = tmp_path / "cheap.csv"
    Workspace(library).exports.export(ExportRequest(format="csv", output=cheap))
    assert read == []
    assert cheap.read_bytes() == full.read_bytes()
    assert re.search(rb",183,[^,]*,order,location,183-185,\r\n", cheap.read_bytes())
    assert b",page," in cheap.read_bytes()
