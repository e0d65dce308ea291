"""Annotated summaries: grouping, golden files, W3C validity, hostile text, JSON round trip."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from annotations.citation import UnknownStyle
from annotations.export import (
    FORMATS,
    READWISE_COLUMNS,
    ExportError,
    ExportExists,
    ExportGroup,
    ExportOptions,
    NothingToExport,
    UnknownFormat,
    export_annotations,
    group_by_topic,
    write_export,
)
from annotations.interchange import InterchangeError, import_annotations, load_document
from annotations.model import Annotation
from annotations.workspace import Workspace
from library.model import Article, ArticleMeta
from library.text import build_text
from tests.annotations.samples import (
    ACCESSED,
    GENERATED,
    GUIDE,
    HIGHLIGHTS,
    PETITION,
    check_golden,
    sample_annotations,
    sample_library,
)
from tests.conftest import SHARED

OPTIONS = ExportOptions(accessed=ACCESSED, generated=GENERATED)


@pytest.fixture(scope="module")
def groups(tmp_path_factory: pytest.TempPathFactory) -> list[ExportGroup]:
    library = sample_library(Path(tmp_path_factory.mktemp("export")) / "lib")
    return list(sample_annotations(library).values())


def _render(groups: list[ExportGroup], fmt: str, options: ExportOptions = OPTIONS) -> str:
    return export_annotations(groups, fmt, options).decode("utf-8")


# -- golden files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(f for f, e in FORMATS.items() if not e.binary))
def test_golden_whole_library(groups: list[ExportGroup], fmt: str) -> None:
    check_golden(f"export-all{FORMATS[fmt].suffix}", _render(groups, fmt))


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_golden_article_missing_author_and_date(groups: list[ExportGroup], fmt: str) -> None:
    guide = [g for g in groups if g[0].id == GUIDE]
    check_golden(f"export-guide{FORMATS[fmt].suffix}", _render(guide, fmt))


def test_golden_single_article_with_apa_style(groups: list[ExportGroup]) -> None:
    petition = [g for g in groups if g[0].id == PETITION]
    options = ExportOptions(style="apa", accessed=ACCESSED, generated=GENERATED)
    check_golden("export-petition-apa.md", _render(petition, "md", options))


# -- grouping --------------------------------------------------------------------------------------


def test_grouped_by_tag_then_stance_with_untagged_last(groups: list[ExportGroup]) -> None:
    topics = group_by_topic(groups)
    labels = [t.label for t in topics]
    assert labels == [
        "consultation",
        "economy",
        "evidence",
        "framing",
        "parking",
        "survey",
        "Untagged",
    ]
    economy = topics[1]
    assert [(s.label, len(s.items)) for s in economy.stances] == [("support", 1), ("oppose", 1)]
    assert economy.count == 2
    untagged = topics[-1]
    assert [s.label for s in untagged.stances] == ["neutral", "No stance"]


def test_each_highlight_is_listed_once_under_its_first_tag(groups: list[ExportGroup]) -> None:
    topics = group_by_topic(groups)
    shown = [i.annotation for t in topics for s in t.stances for i in s.items]
    assert sorted(a.id for a in shown) == sorted(a.id for _m, anns in groups for a in anns)
    home = {i.annotation.id: t.tag for t in topics for s in t.stances for i in s.items}
    for ann in shown:
        assert home[ann.id] == (ann.tags[0] if ann.tags else None)
    assert sum(t.count for t in topics) == len(HIGHLIGHTS)


def test_the_tags_filtered_by_decide_where_a_highlight_is_listed(
    groups: list[ExportGroup],
) -> None:
    # Highlight 1 is tagged parking, economy: an export of the economy tag lists it there.
    topics = group_by_topic(groups, focus=["Economy"])
    economy = next(t for t in topics if t.label == "economy")
    listed = {i.annotation.id[:8] for s in economy.stances for i in s.items}
    assert listed == {"00000001", "00000002", "00000005", "00000009"}
    assert "parking" not in [t.label for t in topics]


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_header_counts_match_what_is_listed(groups: list[ExportGroup], fmt: str) -> None:
    out = _render(groups, fmt)
    for topic in group_by_topic(groups):
        heading = f"{topic.label} ({topic.count})"
        if fmt == "html":
            heading = f'{topic.label} <span class="count">({topic.count})</span></h2>'
        assert heading in out, heading
    if fmt == "txt":  # each item ends with its meta line: tags · id 0000000a
        items = [ln for ln in out.splitlines() if re.search(r"(^| · )id [0-9a-f]{8}$", ln.strip())]
        assert len(items) == len(HIGHLIGHTS)
    else:
        assert out.count({"md": "> [!quote]", "html": "<blockquote "}[fmt]) == len(HIGHLIGHTS)
    for ann in (a for _m, anns in groups for a in anns):
        assert out.count(ann.id[:8]) == (1 if fmt != "html" else 2)  # html: the id and the meta


def test_block_ids_are_unique_even_when_ids_clash_once_cut() -> None:
    _article, (ann,) = _hostile_groups()[0]
    meta = ArticleMeta(id="m", title="Clash")
    twins = [ann.changed(id="a_b", start=1), ann.changed(id="ab", start=2), ann.changed(id="!")]
    md = export_annotations([(meta, twins)], "md").decode()
    blocks = [line for line in md.splitlines() if line.startswith("^")]
    assert blocks == ["^ab", "^ab-2", "^highlight"]
    html = export_annotations([(meta, twins)], "html").decode()
    for anchor in ("h-ab", "h-ab-2", "h-highlight"):
        assert html.count(f'id="{anchor}"') == 1


def test_markdown_has_properties_callouts_and_block_ids(groups: list[ExportGroup]) -> None:
    petition = [g for g in groups if g[0].id == PETITION]
    md = _render(petition, "md")
    head = md.split("---\n")[1]
    assert (
        'title: "Traders deliver 4,000-signature petition against Harbour Street closure"' in head
    )
    assert 'authors:\n  - "Tom Whitcombe"' in head
    assert 'publication: "The Riverton Courier"' in head
    assert "published: 2026-03-21" in head
    assert 'url: "https://courier.example/news/2026/03/21/harbour-street-petition"' in head
    assert '  - "economy"' in head
    assert md.count("> [!quote]") == 3  # three highlights, one of them with two tags
    for ann in petition[0][1]:
        assert md.count(f"\n^{ann.id}\n") == 1


def test_counts_and_metadata_in_text_and_html(groups: list[ExportGroup]) -> None:
    txt = _render(groups, "txt")
    summary = "10 highlights from 4 articles: support 4 · oppose 3 · neutral 2 · no stance 1"
    assert summary in " ".join(txt.split())
    assert "Tom Whitcombe · The Riverton Courier · 21 March 2026" in txt
    assert all(len(line) <= 76 for line in txt.splitlines() if " " in line.strip())
    html = _render(groups, "html")
    assert '<nav aria-label="Contents">' in html and 'href="#topic-2">economy</a>' in html


# -- errors ----------------------------------------------------------------------------------------


def test_unknown_format_lists_choices(groups: list[ExportGroup]) -> None:
    with pytest.raises(UnknownFormat) as info:
        export_annotations(groups, "odt")
    for name in ("md", "txt", "html", "json", "w3c", "csv", "docx", "csl-json", "bibtex"):
        assert name in str(info.value)


def test_unknown_style_is_refused_before_rendering(groups: list[ExportGroup]) -> None:
    with pytest.raises(UnknownStyle, match="choose one of: plain, mla"):
        export_annotations(groups, "md", ExportOptions(style="harvard"))


def test_nothing_to_export(groups: list[ExportGroup]) -> None:
    with pytest.raises(NothingToExport):
        export_annotations([(groups[0][0], [])], "md")
    with pytest.raises(NothingToExport):
        export_annotations([], "csv")


def test_write_export_is_atomic_and_refuses_bad_destinations(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    assert write_export(b"new", target, overwrite=True) == str(target)
    assert target.read_bytes() == b"new"
    with pytest.raises(ExportError, match="does not exist"):
        write_export(b"x", tmp_path / "missing" / "out.md")
    with pytest.raises(ExportError, match="is a folder"):
        write_export(b"x", tmp_path)
    if os.geteuid() != 0:  # root can write anywhere
        locked = tmp_path / "ro"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            with pytest.raises(ExportError, match="nothing was written"):
                write_export(b"x", locked / "out.md")
            assert list(locked.iterdir()) == []
        finally:
            locked.chmod(0o700)


def test_write_export_failure_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")

    def broken(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(ExportError, match="No space left on device; nothing was written"):
        write_export(b"new", target, overwrite=True)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_write_export_refuses_an_existing_file_unless_told(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    with pytest.raises(ExportExists) as info:
        write_export(b"new", target)
    assert info.value.path == target and str(target) in str(info.value)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]
    link = tmp_path / "dangling.md"
    link.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(ExportExists):
        write_export(b"new", link)
    assert write_export(b"new", target, overwrite=True) == str(target)
    assert target.read_text() == "new"
    fresh = tmp_path / "fresh.md"
    assert write_export(b"first", fresh) == str(fresh)  # a new file needs no permission
    assert fresh.read_text() == "first"


def test_dash_writes_to_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert write_export(b"hello\n", "-") == "standard output"
    assert capsysbinary.readouterr().out == b"hello\n"


# -- W3C Web Annotation ----------------------------------------------------------------------------

W3C = SHARED / "corpus" / "w3c-annotation"
VALIDATOR = SHARED / "tools" / "w3c_validate.py"
needs_w3c = pytest.mark.skipif(
    not (W3C / "definitions").is_dir() or not VALIDATOR.is_file(),
    reason=f"W3C annotation corpus or validator not found under {SHARED} (set MARGIN_SHARED)",
)


def test_w3c_shape(groups: list[ExportGroup]) -> None:
    doc = json.loads(_render(groups, "w3c"))
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection" and doc["total"] == len(HIGHLIGHTS)
    first = doc["first"]["items"][0]
    assert first["type"] == "Annotation" and first["id"].startswith("urn:uuid:")
    purposes = [b["purpose"] for b in first["body"]]
    assert purposes == ["commenting", "assessing", "tagging", "tagging", "identifying"]
    assert first["body"][-1]["value"] == "Priya Raman"  # the speaker
    unattributed = doc["first"]["items"][2]  # "The trial has a review clause…": no speaker
    assert "identifying" not in [b["purpose"] for b in unattributed["body"]]
    selectors = {s["type"]: s for s in first["target"]["selector"]}
    assert set(selectors) == {"TextQuoteSelector", "TextPositionSelector"}
    assert selectors["TextQuoteSelector"]["exact"].startswith("People don’t carry")
    assert (
        first["target"]["source"]
        == "https://courier.example/news/2026/03/21/harbour-street-petition"
    )
    no_url = [a for a in doc["first"]["items"] if a["target"]["source"].startswith("urn:margin:")]
    assert no_url  # the guide and the council story have no URL


@needs_w3c
def test_w3c_export_passes_the_w3c_must_assertions(
    groups: list[ExportGroup], tmp_path: Path
) -> None:
    path = tmp_path / "export.jsonld"
    hostile = _hostile_groups()
    path.write_bytes(export_annotations([*groups, *hostile], "w3c", OPTIONS))
    run = subprocess.run(
        [sys.executable, str(VALIDATOR), str(path)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{len(HIGHLIGHTS) + 1} annotations checked, 0 MUST failures" in run.stdout


@needs_w3c
def test_w3c_collection_passes_the_collection_must_assertions(groups: list[ExportGroup]) -> None:
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))
        for schema in (json.loads(p.read_text()) for p in (W3C / "definitions").glob("*.json"))
    )
    manifest = json.loads((W3C / "collections" / "collectionMusts.test").read_text())
    doc = json.loads(_render(groups, "w3c"))
    for name in manifest["assertions"]:
        schema = json.loads((W3C / name).read_text())
        validator = Draft4Validator(
            schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
        )
        assert validator.is_valid(doc), f"{name}: {schema.get('errorMessage')}"


# -- hostile text ----------------------------------------------------------------------------------

EVIL = (
    '<script>alert(1)</script> "><img src=x onerror=alert(2)> =HYPERLINK("http://evil","x") [[x]]'
)


def _hostile_groups() -> list[ExportGroup]:
    text, blocks = build_text([("paragraph", f"Intro. {EVIL} [/bold] end.")])
    article = Article(
        id="evil-1",
        title='<script>alert("title")</script>',
        authors=['"><img src=x onerror=alert(3)>'],
        publication="=cmd|' /C calc'!A0",
        published="2024-01-02",
        url='javascript:alert("url")',
        tags=["<b>tag</b>"],
        text=text,
        blocks=blocks,
    )
    start = text.index("<script>")
    ann = Annotation.from_span(
        "evil-1",
        text,
        start,
        start + len(EVIL),
        id="0bad0bad-0000-4000-8000-000000000000",
        created="2024-01-03T00:00:00.000Z",
        stance="<i>support</i>",
        tags=['"><svg onload=alert(4)>', "=1+1", "-2+3", "@SUM(A1)", "+cmd"],
        note=(
            "line one\n> [!danger] fake callout\n</blockquote><script>alert(5)</script>\n"
            '=HYPERLINK("x")'
        ),
    )
    return [(article, [ann])]


_ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "nav",
    "ol", "li", "a", "span", "main", "section", "blockquote", "cite", "footer", "br", "i", "b", "u",
    # what a note's Markdown renders to
    "div", "em", "strong", "code", "pre", "ul", "hr",
}  # fmt: skip
_ALLOWED_ATTRS = {
    "class",
    "id",
    "href",
    "lang",
    "charset",
    "name",
    "content",
    "http-equiv",
    "aria-label",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("style", ["plain", "mla", "apa", "chicago", "card"])
def test_html_export_shows_hostile_text_as_text(style: str) -> None:
    out = export_annotations(_hostile_groups(), "html", ExportOptions(style=style)).decode()
    parser = _Tags()
    parser.feed(out)
    for tag, attrs in parser.tags:
        assert tag in _ALLOWED_TAGS, tag
        for name, value in attrs:
            assert name in _ALLOWED_ATTRS, (tag, name)
            if name == "href":
                assert value is not None and (value.startswith(("#", "https://", "http://"))), value
    shown = "".join(parser.text)
    assert "<script>alert(1)</script>" in shown  # visible, as text
    assert "onerror=alert(3)" in shown and "alert(5)" in shown
    assert "default-src 'none'" in out  # and nothing could run even if escaping failed


def test_csv_neutralises_formulas_and_follows_rfc_4180() -> None:
    out = export_annotations(_hostile_groups(), "csv").decode()
    assert out.startswith(
        "Highlight,Title,Author,URL,Note,Location,Date,Location Type,Margin Location Type,"
        "Margin Location,Margin Offset\r\n"
    )
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert tuple(rows[0]) == READWISE_COLUMNS
    (row,) = rows[1:]
    for cell in row:
        assert not cell.lstrip().startswith(("=", "+", "-", "@")), cell
    record = dict(zip(READWISE_COLUMNS, row, strict=True))
    assert record["Highlight"] == EVIL  # starts with "<": kept exactly
    assert record["Title"] == '<script>alert("title")</script>'
    assert record["Note"].startswith(
        '.<i>support</i> ."><svg-onload=alert(4)> .=1+1 .-2+3 .@SUM(A1) .+cmd'
    )
    assert record["Note"].endswith('=HYPERLINK("x")')  # inside the cell, not at its start
    assert record["Date"] == "2024-01-03 00:00:00"


def test_csv_opens_with_readwise_s_seven_columns_in_their_order(
    groups: list[ExportGroup],
) -> None:
    # Readwise's CSV import names Highlight, Title, Author, URL, Note, Location, Date, in that
    # order; before, Location Type stood between Location and Date, so a reader taking the
    # columns by place read the type as the date.
    header = next(csv.reader(io.StringIO(_render(groups, "csv"), newline="")))
    assert header[:7] == ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]
    for row in csv.reader(io.StringIO(_render(groups, "csv"), newline="")):
        if row != header:
            assert re.fullmatch(r"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})?", row[6]), row[6]
            assert row[5] == "" or row[5].isdigit(), row[5]


def test_csv_keeps_the_speaker_in_the_note(groups: list[ExportGroup]) -> None:
    rows = list(csv.DictReader(io.StringIO(_render(groups, "csv"), newline="")))
    by_quote = {row["Highlight"][:20]: row for row in rows}
    raman = by_quote["People don’t carry a"]
    assert raman["Note"] == (
        ".oppose .parking .economy Traders fear losing drivers to the retail parks\n"
        "Check against the 30% figure\nSpeaker: Priya Raman"
    )
    assert by_quote["Our best days are th"]["Note"] == ".support .economy\nSpeaker: Joel Mensah"
    assert by_quote["The trial has a revi"]["Note"] == ".neutral"  # no speaker, no line


def test_csv_formula_cells_get_an_apostrophe() -> None:
    groups = _hostile_groups()
    _article, (ann,) = groups[0]
    ann = ann.changed(quote='=HYPERLINK("http://evil","click")', stance=None, tags=[], note="")
    meta = ArticleMeta(id="m", title="+SUM(1)", authors=["-2"], url="@x")
    row = list(csv.reader(io.StringIO(export_annotations([(meta, [ann])], "csv").decode())))[1]
    assert row[:4] == ['\'=HYPERLINK("http://evil","click")', "'+SUM(1)", "'-2", "'@x"]


def test_markdown_export_keeps_hostile_text_inert() -> None:
    md = export_annotations(_hostile_groups(), "md").decode()
    body = md.split("---\n", 2)[2]
    assert body.count("> [!quote]") == 1  # once, though it has five tags
    assert "\n> [!danger]" not in body  # the note's fake callout stays inside the real one
    assert "\n> > \\[!danger] fake callout" in body  # a quote in the note, not a callout
    assert not re.search(r"(?<!\\)<(?!https?://)", body), "raw HTML in Markdown"
    assert not re.search(r"(?<!\\)\[\[", body), "live wikilink"
    callout = body[body.index("> [!quote]") :].split("\n\n")[0]
    assert all(line.startswith(">") for line in callout.splitlines())
    head = md.split("---\n")[1]
    import yaml

    assert yaml.safe_load(head)["title"] == '<script>alert("title")</script>'  # a quoted string
    assert '  - "btag/b"' in head  # Obsidian tags keep letters, digits, _ - / only


# -- Margin JSON: round trip -----------------------------------------------------------------------


def test_json_export_import_round_trip_without_duplicates(
    groups: list[ExportGroup], tmp_path: Path
) -> None:
    data = export_annotations(groups, "json", OPTIONS)
    workspace = Workspace(tmp_path / "lib")
    workspace.library.ensure()
    workspace.library.seed_samples()
    report = import_annotations(workspace, data, "export.json")
    assert (report.added, report.updated, report.unchanged) == (len(HIGHLIGHTS), 0, 0)
    again = import_annotations(workspace, data, "export.json")
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(HIGHLIGHTS))
    stored = {a.id: a for a in workspace.store.query()}
    originals = {a.id: a for _m, anns in groups for a in anns}
    assert {k: v.to_dict() for k, v in stored.items()} == {
        k: v.to_dict() for k, v in originals.items()
    }
    # Exporting what was imported gives the same document.
    regrouped = [(meta, workspace.store.for_article(meta.id)) for meta, _a in groups]
    assert export_annotations(regrouped, "json", OPTIONS) == data


def test_import_updates_only_newer_copies(groups: list[ExportGroup], tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "lib")
    workspace.library.ensure()
    workspace.library.seed_samples()
    import_annotations(workspace, export_annotations(groups, "json", OPTIONS))
    meta, anns = groups[0]
    newer = anns[0].changed(note="edited elsewhere", modified="2030-01-01T00:00:00.000Z")
    older = anns[1].changed(note="stale edit", modified="2000-01-01T00:00:00.000Z")
    report = import_annotations(workspace, export_annotations([(meta, [newer, older])], "json"))
    assert (report.updated, report.unchanged, report.kept_newer) == (1, 0, 1)
    assert report.lines()[0] == (
        "0 added, 1 updated, 0 unchanged, 1 kept (local copy newer) (0 re-anchored, 0 orphaned)"
    )
    assert report.handled == 2
    assert workspace.store.get(newer.id).note == "edited elsewhere"
    assert workspace.store.get(older.id).note == anns[1].note


def _article(article_id: str, paragraphs: list[str]) -> Article:
    text, blocks = build_text([("paragraph", p) for p in paragraphs])
    return Article(
        id=article_id, title="Changing story", authors=["Ann Lee"], text=text, blocks=blocks
    )


def test_import_reanchors_by_quote_when_the_text_differs(tmp_path: Path) -> None:
    old = _article("story-1", ["The mayor said the plan is a promise kept.", "Critics disagree."])
    new = _article("story-1", ["Update: a new first paragraph.", *old.text.split("\n\n")])
    start = old.text.index("a promise kept")
    ann = Annotation.from_span(
        "story-1", old.text, start, start + len("a promise kept"), stance="support"
    )
    data = export_annotations([(old, [ann])], "json")
    workspace = Workspace(tmp_path / "lib")
    workspace.library.ensure()
    workspace.library.add(new)
    report = import_annotations(workspace, data)
    assert (report.added, report.reanchored, report.orphaned) == (1, 1, 0)
    stored = workspace.store.get(ann.id)
    assert new.text[stored.start : stored.end] == "a promise kept"
    assert stored.start == start + len("Update: a new first paragraph.\n\n")


def test_import_keeps_highlights_whose_words_are_gone_as_orphans(tmp_path: Path) -> None:
    old = _article("story-2", ["Words that will vanish entirely from this story."])
    new = _article("story-2", ["Completely different text now."])
    ann = Annotation.from_span("story-2", old.text, 0, 20)
    workspace = Workspace(tmp_path / "lib")
    workspace.library.ensure()
    workspace.library.add(new)
    report = import_annotations(workspace, export_annotations([(old, [ann])], "json"))
    assert (report.added, report.orphaned) == (1, 1)
    stored = workspace.store.get(ann.id)
    assert stored.orphaned and stored.quote == ann.quote


def test_import_skips_articles_not_in_the_library_with_a_line_naming_them(
    groups: list[ExportGroup], tmp_path: Path
) -> None:
    workspace = Workspace(tmp_path / "lib")
    workspace.library.ensure()
    report = import_annotations(workspace, export_annotations(groups[:1], "json"))
    assert report.added == 0
    (line,) = report.skipped
    assert PETITION in line and "Traders deliver" in line and "import the article" in line


def test_json_import_refuses_other_files() -> None:
    with pytest.raises(InterchangeError, match="not valid JSON"):
        load_document(b"{nope", "x.json")
    with pytest.raises(InterchangeError, match="not a Margin annotations file"):
        load_document(b'{"@context": "http://www.w3.org/ns/anno.jsonld"}', "x.json")
    with pytest.raises(InterchangeError, match="version 2; this Margin reads version 1"):
        load_document(b'{"margin": "annotations", "version": 2, "annotations": []}', "x.json")
    bad = (
        b'{"margin": "annotations", "version": 1, "annotations":'
        b' [{"id": "../x", "article": "a", "quote": "q", "start": 0, "end": 1}]}'
    )
    with pytest.raises(InterchangeError, match=r"annotations\[0\]: id"):
        load_document(bad, "x.json")


# -- the package -----------------------------------------------------------------------------------


def test_every_format_module_is_textual_free_and_the_package_loads_no_heavy_writer() -> None:
    """The front ends import annotations.export for FORMATS; Word and Markdown load on use."""
    import pkgutil

    import annotations.export as package

    modules = [f"annotations.export.{m.name}" for m in pkgutil.iter_modules(package.__path__)]
    code = (
        "import importlib, sys\n"
        "import annotations.export\n"
        "early = [m for m in ('docx', 'lxml', 'markdown_it') if m in sys.modules]\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "print(','.join(early) + '|' + ','.join(bad))\n"
    )
    repo = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo
    )
    assert run.stdout.strip() == "|", run.stdout
    assert {"md", "txt", "html", "json", "w3c", "csv", "docx"} <= {
        m.rsplit(".", 1)[1] for m in modules
    }


def test_an_inverted_author_reads_in_natural_order_in_an_export_byline() -> None:
    # A Kindle book's author is stored "Rubin, Gretchen"; the txt, md and html bylines printed it
    # so. The Markdown front matter keeps the stored form (it is data, read back by tools).
    from annotations.export.base import byline

    meta = ArticleMeta(id="b", title="Better Than Before", authors=["Rubin, Gretchen"])
    assert byline(meta) == ["Gretchen Rubin"]
