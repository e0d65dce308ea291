"""Bad exports: one line each, and the rest still imported."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.workspace import ExportRequest, Workspace
from library.importers.exports import recognise, zipped
from library.text import MAX_LABEL, MAX_LINES_SHOWN
from tests.exports.conftest import SAMPLES, Served

HEAD = "Highlight,Title,Author,URL,Note,Location,Date\n"
ROW = '"{quote}",Big Book,Ann Author,,,{n},2024-01-01 10:00:00\n'


def test_a_truncated_csv_names_the_cut_row_and_imports_the_rest(
    workspace: Workspace, tmp_path: Path
) -> None:
    rows = "".join(ROW.format(quote=f"Passage {n} of the book.", n=n) for n in range(1, 4))
    path = tmp_path / "readwise.csv"
    path.write_text(HEAD + rows + '"Passage 4 of the bo', encoding="utf-8")
    report = workspace.imports.run(path)
    assert report.problems == [
        f"{path}:5: a row with 1 of 7 columns (the file may be cut short); skipped"
    ]
    assert report.highlights == {"added": 3}
    (meta,) = workspace.articles.listing()
    assert [p.label for p in workspace.articles.get(meta.id).pages] == ["1", "2", "3"]


def test_a_100000_row_csv_of_broken_rows_is_a_bounded_report(
    workspace: Workspace, tmp_path: Path
) -> None:
    good = ROW.format(quote="The one passage that is whole.", n=7)
    path = tmp_path / "huge.csv"
    path.write_text(HEAD + good + "broken,row\n" * 100_000, encoding="utf-8")
    report = workspace.imports.run(path)
    assert len(report.problems) == 100_000
    lines = report.lines()
    assert len(lines) <= MAX_LINES_SHOWN + 5
    # Twenty named, and every one in a file the summary names.
    every = report.problems_file
    assert every is not None and every.parent == workspace.root / "import-failures"
    assert f"Skipped: 100,000, the first 20 lines below, every one in {every}" in report.summary()
    assert lines[-1] == "… and 99,980 more lines not read"
    assert every.read_text(encoding="utf-8").splitlines() == report.problems
    assert report.highlights == {"added": 1}
    # Imported again: the same list, the same file (no second copy).
    assert workspace.imports.run(path).problems_file == every
    assert len(list(every.parent.iterdir())) == 1


def test_a_file_that_is_not_an_export_is_an_article(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("A title\n\nSome text with ========== in it.\n", encoding="utf-8")
    assert workspace.imports.recognise(path) is None


_hostile = st.text(
    st.sampled_from(
        [*list("ab =|-\n\r\t\"',{}[]()0123456789ページ位置No."), "\x1b", "\u202e", "\x00"]
    ),
    max_size=300,
)


@given(_hostile)
def test_no_export_parser_raises_on_hostile_text(text: str) -> None:
    from library.importers.exports import formats

    data = text.encode("utf-8", "surrogatepass")
    for fmt in formats():
        if fmt.name == "omnivore":
            continue  # a zip: its refusals are tested above
        found = fmt.parse(data, "hostile")
        assert all(isinstance(line, str) and "\n" not in line for line in found.problems)
        for clip in found.clips:
            assert "\x1b" not in clip.quote and "\0" not in clip.quote


def test_a_location_of_thousands_of_digits_is_read_and_exported(
    workspace: Workspace, tmp_path: Path
) -> None:
    # int() refuses more than 4,300 digits: the import stopped there (a ValueError), and so did
    # the csv export of a label with as many (its Location is the label's first number).
    huge = "9" * 5000
    path = tmp_path / "readwise.csv"
    path.write_text(HEAD + ROW.format(quote="A passage.", n=huge), encoding="utf-8")
    assert workspace.imports.run(path).highlights == {"added": 1}
    (meta,) = workspace.articles.listing()
    # Cut to a label's length (`clean_label`): no place is thousands of characters long.
    assert [p.label for p in workspace.articles.get(meta.id).pages] == [huge[:MAX_LABEL]]
    out = tmp_path / "out.csv"
    workspace.exports.export(ExportRequest(format="csv", output=out))
    assert huge[:MAX_LABEL] in out.read_text(encoding="utf-8")


@given(st.lists(st.tuples(st.integers(1, 9999), st.integers(0, 99)), min_size=1, max_size=8))
def test_kindle_locations_read_back_whatever_the_numbers(spans: list[tuple[int, int]]) -> None:
    from library.importers.exports import kindle

    entries = "".join(
        f"Book (Author)\n- Your Highlight on Location {start}-{start + more} | Added on "
        f"Monday, 1 January 2018 10:00:00\n\nPassage {n}\n==========\n"
        for n, (start, more) in enumerate(spans)
    )
    found = kindle.parse(entries.encode(), "c.txt")
    assert [c.order for c in found.clips] == [(s, s + m) for s, m in spans]


def test_articles_are_told_from_exports_by_their_first_bytes_alone() -> None:
    from library.importers.exports import might_be_export

    assert not might_be_export(b"---\ntitle: A story\n---\n\nText.\n")  # Markdown front matter
    assert not might_be_export(b"<!doctype html><html><title>A page</title>")
    assert not might_be_export(b"Council backs bus lanes\n\nBy Ann Lee\n")
    for export in (b"-- /mnt/book.epub\nreturn {", b'{"rows": []}', b"PK\x03\x04", b"URL,Title,"):
        assert might_be_export(export)


@pytest.mark.parametrize(
    "sample",
    [
        "hypothesis-export.json",
        "hypothesis-search.json",
        "wallabag-export.json",
        "koreader-export.json",
        "metadata.epub.lua",
        "readwise-export.csv",
        "instapaper-export.csv",
        "pocket-ril_export.html",
        "kindle-de.txt",
    ],
)
def test_an_export_saved_with_a_byte_order_mark_reads_as_without(sample: str) -> None:
    # A UTF-8 BOM (Windows tools write one) is not content: the same format, the same records.
    plain = (SAMPLES / sample).read_bytes()
    marked = b"\xef\xbb\xbf" + plain
    fmt = recognise(plain)
    assert fmt is not None and recognise(marked) is fmt
    found, expected = fmt.parse(marked, sample), fmt.parse(plain, sample)
    assert (found.clips, found.links, found.problems) == (
        expected.clips,
        expected.links,
        expected.problems,
    )


def test_an_export_report_names_twenty_of_each_list_and_counts_the_rest() -> None:
    from annotations.workspace.importing import ExportReport

    report = ExportReport("omnivore.zip", "Omnivore export")
    report.fetched_instead = [f"https://example.com/{n} (why)" for n in range(23)]
    report.problems = [f"omnivore.zip: row {n}: cut short" for n in range(22)]
    report.skipped = 22  # each a row not read
    lines = report.lines()
    fetched = [line for line in lines if line.startswith("Fetched from its address instead: ")]
    assert len(fetched) == MAX_LINES_SHOWN
    assert "… and 3 more fetched from their addresses instead" in lines
    assert lines.count("omnivore.zip: row 0: cut short") == 1
    assert lines[-1] == "… and 2 more lines not read"


def _lying_zip(real: bytes, declared: int) -> bytes:
    """A zip of a small file and one whose headers declare `declared` bytes for `real`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("small.json", b"{}")
        archive.writestr("big.html", real)
    data = bytearray(buffer.getvalue())
    local = data.index(b"PK\x03\x04", data.index(b"PK\x03\x04") + 4)
    struct.pack_into("<I", data, local + 22, declared)  # the local header's size
    central = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)
    struct.pack_into("<I", data, central + 24, declared)  # the central directory's
    return bytes(data)


def test_a_zip_member_whose_declared_size_lies_is_never_read_past_the_budget() -> None:
    # Declaring 100 bytes for a megabyte: read no further than the 100 (zipfile stops at the
    # declared size), found damaged by its checksum, and refused in one line naming it.
    with pytest.raises(zipped.ZipRefused, match=r"cannot read big\.html from the archive"):
        zipped.members(_lying_zip(b"x" * 1_000_000, 100), max_total=10_000, max_member=5_000)
    # Declaring more than the budget: refused unread, the rest kept.
    kept, refused = zipped.members(_lying_zip(b"x" * 10, 10**9), max_total=10_000)
    assert (kept, refused) == ({"small.json": b"{}"}, ["big.html"])


def test_an_unpacked_files_size_is_what_is_read_not_what_it_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file that grew after it was looked at (a sync tool still writing it): the size its
    # stat gave lets it through, but the budget holds on the bytes read.
    (tmp_path / "small.json").write_bytes(b"{}")
    (tmp_path / "big.html").write_bytes(b"x" * 1_000_000)
    stat = Path.stat

    def small(path: Path, **kwargs: bool) -> os.stat_result:
        found = stat(path, **kwargs)
        if path.name != "big.html":
            return found
        return os.stat_result((*found[:6], 10, *found[7:]))

    monkeypatch.setattr(Path, "stat", small)
    kept, refused = zipped.folder_members(tmp_path, max_total=10_000, max_member=5_000)
    assert (kept, refused) == ({"small.json": b"{}"}, ["big.html"])


def test_a_file_of_skipped_lines_and_other_problems_is_named_for_what_it_holds(
    workspace: Workspace, tmp_path: Path, server: Served
) -> None:
    # Rows cut short (skipped) and pages that could not be fetched (their highlights kept on an
    # article of their passages: a problem, no row skipped): the file holding them all is not
    # named "-skipped.txt", and the summary counts each kind and names it.
    gone = "".join(f'"Words on page {n}.",Page {n},,{server.base}/gone/{n},,,\n' for n in range(12))
    path = tmp_path / "mixed.csv"
    path.write_text(HEAD + gone + "broken,row\n" * 12, encoding="utf-8")
    report = workspace.imports.run(path)
    every = report.problems_file
    assert every is not None and every.name.endswith("-problems.txt")
    assert every.read_text(encoding="utf-8").splitlines() == report.problems
    assert (
        f"Skipped: 12; other problems: 12; the first 20 lines below, every one in {every}"
        in report.summary()
    )
    assert report.warnings()[MAX_LINES_SHOWN] == "… and 4 more problems"


def test_a_file_of_every_problem_is_named_when_none_is_a_skipped_entry(tmp_path: Path) -> None:
    # Pages that could not be fetched (their highlights kept on an article of their passages)
    # are problems but not skipped entries: past twenty, the file holding them all is named
    # all the same.
    from annotations.workspace.importing import ExportReport

    report = ExportReport("export.json", "Hypothesis")
    report.problems = [f"https://example.com/{n}: the page could not be fetched" for n in range(25)]
    report.problems_file = tmp_path / "export-20260101-120000-skipped.txt"
    shown = "\n".join(report.summary() + report.warnings())
    assert str(report.problems_file) in shown


def test_the_summary_counts_a_few_other_problems_and_the_failed_links(
    workspace: Workspace, tmp_path: Path, server: Served
) -> None:
    # Two pages that could not be fetched (their highlights kept on articles of their passages)
    # and no entry skipped: the summary said nothing of them, as it said nothing of a dead link
    # in a list, though both were named below it. Each outcome has its count there now.
    gone = "".join(f'"Words on page {n}.",Page {n},,{server.base}/gone/{n},,,\n' for n in range(2))
    path = tmp_path / "few.csv"
    path.write_text(HEAD + gone, encoding="utf-8")
    summary = workspace.imports.run(path).summary()
    assert "Problems: 2, each named below" in summary
    links = server.sample("pocket-ril_export.html", tmp_path / "ril_export.html")
    assert any(
        line.startswith("Articles: ") and line.endswith(", 1 failed")
        for line in workspace.imports.run(links).summary()
    )
