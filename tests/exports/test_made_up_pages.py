"""Books an older Margin put on made-up pages are corrected by importing their clippings again."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from annotations.citation import format_quote
from annotations.edits import Edit
from annotations.workspace import Workspace
from annotations.workspace.importing import _passage_moves
from library.importer import content_hash
from library.model import Page
from library.text import build_text
from tests.exports.conftest import OFFSET_CSV, SAMPLES

PAGELESS = "So companionable as solitude."


def _koreader(tmp_path: Path) -> Path:
    """The sample export with a highlight KOReader gave no page."""
    export = json.loads((SAMPLES / "koreader-export.json").read_text(encoding="utf-8"))
    export["entries"].append({"chapter": "Solitude", "text": PAGELESS, "sort": "highlight"})
    path = tmp_path / "koreader.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    return path


def _as_an_older_margin_stored_it(workspace: Workspace, passages: list[tuple[str, str]]) -> str:
    """Rewrite the library's one book as Margin stored it before session 32: passages
    (label, words) in this order, each with a page-map entry, an empty label for none (read
    back as the page's number); its highlights re-anchored onto that text, as an update does."""
    (meta,) = workspace.articles.listing()
    book = workspace.articles.get(meta.id)
    text, blocks = build_text(("paragraph", words) for _, words in passages)
    pages = [Page(b.start, b.end, label) for b, (label, _) in zip(blocks, passages, strict=True)]
    old = replace(
        book, text=text, blocks=blocks, pages=pages, content_hash=content_hash(book.title, text)
    )
    moves = _passage_moves(book, old)  # its highlights on their words, as they were then
    assert workspace.articles.add_built(old, book.source or "", moves).status == "updated"
    return meta.id


def _cites(workspace: Workspace, article_id: str) -> dict[str, str]:
    book = workspace.articles.get(article_id)
    return {
        h.quote: format_quote(h, book, "plain") for h in workspace.highlights.in_article(book.id)
    }


def test_a_pageless_koreader_highlight_on_a_made_up_page_is_put_on_none(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "lib")
    path = _koreader(tmp_path)
    workspace.imports.run(path)
    texts = {
        h.quote: h.quote
        for h in workspace.highlights.in_article(workspace.articles.listing()[0].id)
    }
    woods = next(q for q in texts if q.startswith("I went"))
    mass = next(q for q in texts if q.startswith("The mass"))
    book_id = _as_an_older_margin_stored_it(workspace, [("7", mass), ("88", woods), ("", PAGELESS)])
    assert _cites(workspace, book_id)[PAGELESS].endswith("p. 3.")  # what it cited before
    # The user's own edit since, on that highlight: kept.
    solitude = next(h for h in workspace.highlights.in_article(book_id) if h.quote == PAGELESS)
    workspace.highlights.change(solitude.id, Edit({"note": "Mine."}))

    report = workspace.imports.run(path)
    assert report.relocated == 1
    assert any(line.startswith("Locators: 1 passage on") for line in report.summary())
    book = workspace.articles.get(book_id)
    assert [p.label for p in book.pages] == ["7", "88"]
    cites = _cites(workspace, book_id)
    assert "p. 3" not in cites[PAGELESS] and cites[woods].endswith("p. 88.")
    kept = {h.quote: h for h in workspace.highlights.in_article(book_id)}
    assert kept[PAGELESS].note == "Mine." and not kept[PAGELESS].orphaned
    assert book.text[kept[PAGELESS].start : kept[PAGELESS].end] == PAGELESS
    assert len(kept) == 3
    # Done once: the same clippings again change nothing.
    again = workspace.imports.run(path)
    assert (again.relocated, again.articles) == (0, {"unchanged": 1})


def test_an_offset_an_older_csv_gave_as_a_page_is_taken_off(tmp_path: Path) -> None:
    # An older Margin csv wrote a book's passage on no page with its offset as Location; read
    # back, it became "p. 5000". The same csv imported again puts it on no page.
    csv_file = tmp_path / "old.csv"
    csv_file.write_text(OFFSET_CSV, encoding="utf-8")
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(csv_file)
    book_id = _as_an_older_margin_stored_it(
        workspace, [("12", "Simplify, simplify."), ("5000", "Words no page holds now.")]
    )
    workspace = Workspace(tmp_path / "lib")
    assert _cites(workspace, book_id)["Words no page holds now."].endswith("p. 5000.")
    report = workspace.imports.run(csv_file)
    assert report.relocated == 1
    book = workspace.articles.get(book_id)
    assert [p.label for p in book.pages] == ["12"]
    assert "5000" not in _cites(workspace, book_id)["Words no page holds now."]
    assert workspace.imports.run(csv_file).articles == {"unchanged": 1}


def test_a_page_another_export_gave_the_same_words_is_not_made_up(tmp_path: Path) -> None:
    # A passage on page 88 by one export, the same words on no page by another: the page
    # stays (only a label that is the page's own number in the map, or the row's offset, is
    # one an older Margin made up).
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(SAMPLES / "koreader-export.json")
    export = json.loads((SAMPLES / "koreader-export.json").read_text(encoding="utf-8"))
    for entry in export["entries"]:
        del entry["page"]
    path = tmp_path / "pageless.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    report = workspace.imports.run(path)
    assert (report.relocated, report.articles) == (0, {"unchanged": 1})
    (meta,) = workspace.articles.listing()
    assert [p.label for p in workspace.articles.get(meta.id).pages] == ["7", "88"]
