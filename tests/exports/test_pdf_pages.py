"""A real PDF's printed pages reach every export: the CSV's Location, the JSON's page, the
`annotations --json` listing; and a PDF from a file is a document, not a web page."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from pybtex.database import parse_string

from annotations.edits import Edit
from annotations.workspace import ExportRequest, Workspace
from tests.conftest import serving
from tests.library.corpus import CORPUS


@pytest.fixture(scope="module")
def spec() -> Path:
    """freedesktop.org's shared-mime-info specification: 17 pages printed 1–17."""
    return CORPUS["spec"].require()


@pytest.fixture
def served(spec: Path) -> Iterator[str]:
    """The spec's address on a local server, served as a PDF."""
    with serving(spec.read_bytes(), "application/pdf") as base:
        yield f"{base}/shared-mime-info-spec.pdf"


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_the_csv_gives_the_printed_page_of_a_pdf_with_a_url_and_re_imports_in_place(
    tmp_path: Path, served: str
) -> None:
    home = Workspace(tmp_path / "home")
    (imported,) = home.articles.run(home.articles.plan([served])).results
    assert imported.article is not None and imported.article.url == served
    article = home.articles.get(imported.article.id)
    # "glob pattern" is printed on pages 4, 6, 8 and 15: the second time on page 6 is the one.
    second = article.text.index("glob pattern", article.text.index("glob pattern") + 1)
    assert article.page_at(second).label == "6"  # type: ignore[union-attr]
    made = home.highlights.create(article.id, quote="glob pattern", near=second).annotation
    assert made.start == second
    out = tmp_path / "pages.csv"
    home.exports.export(ExportRequest(format="csv", output=out))
    (row,) = _rows(out)
    # Before, a PDF with a URL gave its offset in Margin's text (12661), not its page.
    assert (row["Location"], row["Location Type"]) == ("6", "page")
    assert (row["Margin Location Type"], row["Margin Location"]) == ("page", "6")
    assert row["Margin Offset"] == str(second)
    # Margin reads its csv back onto the same words, in this library and in another.
    assert home.imports.run(out).highlights == {"present": 1}
    away = Workspace(tmp_path / "away")
    assert away.imports.run(out).highlights == {"added": 1}
    (there,) = [h for m in away.articles.listing() for h in away.highlights.in_article(m.id)]
    assert (there.start, there.quote) == (second, "glob pattern")


def _second_glob(home: Workspace, served: str) -> tuple[str, int]:
    """The spec imported from its address into home: its id, and where "glob pattern" stands
    the second time (on page 6)."""
    (imported,) = home.articles.run(home.articles.plan([served])).results
    assert imported.article is not None
    text = home.articles.get(imported.article.id).text
    return imported.article.id, text.index("glob pattern", text.index("glob pattern") + 1)


def _older_csv(path: Path, served: str, offset: int, note: str = "") -> Path:
    """Margin's csv as written before "Margin Offset": a web highlight's offset as Location."""
    path.write_text(
        "Highlight,Title,Author,URL,Note,Location,Date,Location Type,Margin Location Type,"
        f"Margin Location\r\nglob pattern,Shared MIME-info Database,Thomas Leonard,{served},"
        f"{note},{offset},,order,offset,{offset}\r\n",
        encoding="utf-8",
    )
    return path


def test_an_older_csv_whose_location_is_the_offset_still_lands_on_its_words(
    tmp_path: Path, served: str
) -> None:
    home = Workspace(tmp_path / "home")
    article_id, second = _second_glob(home, served)
    old = _older_csv(tmp_path / "old.csv", served, second)
    assert home.imports.run(old).highlights == {"added": 1}
    (placed,) = home.highlights.in_article(article_id)
    assert placed.start == second


def test_json_export_and_the_listing_carry_the_page_and_null_off_the_page(
    margin: Callable[..., Result], spec: Path, tmp_path: Path
) -> None:
    note = tmp_path / "note.md"
    note.write_text("# Harbour note\n\nThe ferry leaves at six in the morning.\n", "utf-8")
    for source in (spec, note):
        assert margin("import", str(source)).exit_code == 0
    ids = {a["title"]: a["id"] for a in json.loads(margin("list", "--json").output)}
    pdf, web = ids["Shared MIME-info Database"], ids["Harbour note"]
    assert margin("highlight", pdf, "--quote", "magic-deleteall element").exit_code == 0
    assert margin("highlight", web, "--quote", "ferry leaves at six").exit_code == 0
    listed = {h["quote"]: h for h in json.loads(margin("annotations", "--json").output)}
    exported = json.loads(margin("export", "--format", "json", "-o", "-").stdout)
    for shown in (listed, {h["quote"]: h for h in exported["annotations"]}):
        on_page = shown["magic-deleteall element"]
        assert (on_page["page"], on_page["locator"]) == ("5", "page")
        off_page = shown["ferry leaves at six"]
        assert (off_page["page"], off_page["locator"]) == (None, None)
        # The fields tools read are all still there, as they were.
        assert {"id", "article", "start", "end", "quote", "prefix", "suffix"} <= on_page.keys()
    # The export imports back as it did: page and locator are read by nothing.
    again = margin("import-annotations", "-", input=json.dumps(exported))
    assert again.exit_code == 0 and "2 unchanged" in again.output


def test_a_pdf_from_a_file_of_no_stated_type_is_a_document_not_a_web_page(
    margin: Callable[..., Result], spec: Path
) -> None:
    assert margin("import", str(spec)).exit_code == 0
    (listed,) = json.loads(margin("list", "--json").output)
    assert margin("highlight", listed["id"], "--quote", "magic-deleteall element").exit_code == 0
    exported = margin("export", "--format", "csl-json", "-o", "-")
    (item,) = json.loads(exported.stdout)
    assert item["type"] == "document"  # as Zotero cites a stand-alone PDF; before: "webpage"
    # What its citation lacks is what a document is cited by: no URL for a file on the disk.
    assert "lacks publisher;" in exported.stderr and "--url" not in exported.stderr
    assert "URL" not in item and "accessed" not in item
    bib = margin("export", "--format", "bibtex", "-o", "-").stdout
    (entry,) = parse_string(bib, "bibtex").entries.values()
    assert entry.type == "misc"  # before: @online, a web resource with no address
    assert entry.fields["title"].startswith("Shared")


def test_a_newer_csv_giving_the_page_updates_what_an_older_one_imported(
    tmp_path: Path, served: str
) -> None:
    # Margin's csv of a PDF with a URL gave its offset as Location; it now gives the page. The
    # same highlight is the same clip either way, so a note changed since reaches the copy.
    home = Workspace(tmp_path / "home")
    article_id, second = _second_glob(home, served)
    made = home.highlights.create(article_id, quote="glob pattern", near=second)
    home.highlights.change(made.annotation.id, Edit(values={"note": "newer note"}))
    new = tmp_path / "new.csv"
    home.exports.export(ExportRequest(format="csv", output=new))
    away = Workspace(tmp_path / "away")
    _second_glob(away, served)
    old = _older_csv(tmp_path / "old.csv", served, second, note="first note")
    assert away.imports.run(old).highlights == {"added": 1}
    assert away.imports.run(new).highlights == {"updated": 1}  # before: present, note lost
    (there,) = [h for m in away.articles.listing() for h in away.highlights.in_article(m.id)]
    assert (there.start, there.note) == (second, "newer note")
