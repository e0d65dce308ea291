"""The brief board as plain calls: rows and columns, saved orders, filters, export."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotations.edits import Edit
from annotations.errors import UnknownStance
from annotations.model import Annotation
from annotations.workspace import BadScope, BoardFilter, UnknownBriefFormat, Workspace
from library.config import Config, Stance
from tests.conftest import NEWS_TEXT, SECOND


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "lib")


@pytest.fixture
def ids(workspace: Workspace) -> dict[str, str]:
    """Two articles and six highlights (one with two tags, one untagged, one without stance)."""
    boston = workspace.articles.import_bytes(NEWS_TEXT.encode(), "boston.txt").article
    buses = workspace.articles.import_bytes(SECOND.encode(), "buses.txt").article
    assert boston is not None and buses is not None
    made = workspace.highlights.create
    out = {
        "boston": boston.id,
        "buses": buses.id,
        "withdraw": made(
            boston.id, quote="may withdraw", stance="oppose", tags=["immigration", "policing"]
        ).annotation.id,
        "eroding": made(
            boston.id, quote="eroding trust", stance="oppose", tags=["immigration"]
        ).annotation.id,
        "mandatory": made(
            boston.id, quote="program was mandatory", stance="support", tags=["Immigration"]
        ).annotation.id,
        "fingerprints": made(
            boston.id, quote="shares fingerprints", tags=["policing"]
        ).annotation.id,
        "cheapest": made(
            buses.id, quote="the cheapest way", stance="support", tags=["transport"]
        ).annotation.id,
        "deliveries": made(buses.id, quote="squeeze deliveries", stance="neutral").annotation.id,
    }
    return out


def test_rows_are_tags_and_columns_are_stances(workspace: Workspace, ids: dict[str, str]) -> None:
    board = workspace.briefs.board()
    assert board.rows == ["immigration", "policing", "transport", None]
    assert board.columns == ["support", "oppose", "neutral", None]
    assert board.cell("immigration", "oppose").ids == [ids["withdraw"], ids["eroding"]]
    assert board.cell("IMMIGRATION", "support").ids == [ids["mandatory"]]
    assert board.cell("policing", None).ids == [ids["fingerprints"]]
    assert board.cell(None, "neutral").ids == [ids["deliveries"]]
    item = board.cell("transport", "support").items[0]
    assert (item.quote, item.cite, item.title) == (
        "the cheapest way",
        "Lee 24",
        "Council backs bus lanes on three roads",
    )
    assert board.highlights == 6
    assert board.row_label(None) == "untagged" and board.column_label(None) == "no stance"


def test_a_highlight_with_two_tags_stands_in_both_rows(
    workspace: Workspace, ids: dict[str, str]
) -> None:
    board = workspace.briefs.board()
    assert ids["withdraw"] in board.cell("immigration", "oppose").ids
    assert ids["withdraw"] in board.cell("policing", "oppose").ids
    # and its speaker is there for the cards
    workspace.highlights.change(ids["withdraw"], Edit({"speaker": "Thomas M. Menino"}))
    again = workspace.briefs.board()
    assert again.cell("policing", "oppose").items[0].speaker == "Thomas M. Menino"


def test_a_stance_no_longer_configured_gets_its_own_column(
    tmp_path: Path, workspace: Workspace, ids: dict[str, str]
) -> None:
    narrower = Config(
        stances=(Stance("support", "1", "green", ""), Stance("neutral", "3", "blue", ""))
    )
    board = Workspace(workspace.root, narrower).briefs.board()
    assert board.columns == ["support", "neutral", "oppose", None]
    assert board.cell("immigration", "oppose").ids == [ids["withdraw"], ids["eroding"]]


def test_filters_by_tag_stance_article_and_date(workspace: Workspace, ids: dict[str, str]) -> None:
    briefs = workspace.briefs
    tagged = briefs.board(tags=["policing"])
    assert tagged.rows == ["policing"]
    assert {i for c in tagged.cells() for i in c.ids} == {ids["withdraw"], ids["fingerprints"]}
    stanced = briefs.board(stances=["oppose", "none"])
    assert stanced.columns == ["oppose", None]
    assert stanced.rows == ["immigration", "policing"]  # the untagged one is neutral
    assert stanced.highlights == 3
    buses = briefs.board(articles=["Council backs"])
    assert buses.rows == ["transport", None] and buses.highlights == 2
    assert briefs.board(since="2999-01-01").highlights == 0
    assert briefs.board(until="2000-01-01").highlights == 0
    assert briefs.board(since="2000-01-01", until="2999-12-31").highlights == 6
    with pytest.raises(BadScope, match="since"):
        briefs.board(since="someday")
    with pytest.raises(UnknownStance):
        briefs.board(stances=["sceptical"])


def test_a_move_is_saved_and_kept_by_a_new_workspace(
    workspace: Workspace, ids: dict[str, str]
) -> None:
    briefs = workspace.briefs
    cell = briefs.board().cell("immigration", "oppose")
    order = briefs.move("immigration", "oppose", ids["eroding"], -1, among=cell.ids)
    assert order == [ids["eroding"], ids["withdraw"]]
    assert (workspace.root / "briefs.json").exists()
    fresh = Workspace(workspace.root).briefs.board()
    assert fresh.cell("immigration", "oppose").ids == [ids["eroding"], ids["withdraw"]]
    # the other row the highlight stands in keeps its own order
    assert fresh.cell("policing", "oppose").ids == [ids["withdraw"]]
    # moving past the end stays at the end; without among the cell is rebuilt from the store
    assert briefs.move("immigration", "oppose", ids["eroding"], 5) == [
        ids["withdraw"],
        ids["eroding"],
    ]


def test_new_highlights_follow_the_saved_ones_and_deleted_ones_drop_out(
    workspace: Workspace, ids: dict[str, str]
) -> None:
    briefs = workspace.briefs
    briefs.move("immigration", "oppose", ids["eroding"], -1)
    added = workspace.highlights.create(
        ids["boston"], quote="Boston Mayor", stance="oppose", tags=["immigration"]
    ).annotation
    cell = briefs.board().cell("immigration", "oppose")
    assert cell.ids == [ids["eroding"], ids["withdraw"], added.id]
    workspace.highlights.delete(ids["eroding"])
    assert briefs.board().cell("immigration", "oppose").ids == [ids["withdraw"], added.id]


def test_a_move_among_filtered_items_keeps_the_hidden_ones_in_place(
    workspace: Workspace, ids: dict[str, str]
) -> None:
    briefs = workspace.briefs
    extra = workspace.highlights.create(
        ids["buses"], quote="three main roads", stance="oppose", tags=["immigration"]
    ).annotation
    full = briefs.board().cell("immigration", "oppose").ids
    assert full == [ids["withdraw"], ids["eroding"], extra.id]  # by article, then position
    shown = briefs.board(articles=[ids["boston"]]).cell("immigration", "oppose").ids
    briefs.move("immigration", "oppose", ids["eroding"], -1, among=shown)
    assert briefs.board().cell("immigration", "oppose").ids == [
        ids["eroding"],
        ids["withdraw"],
        extra.id,
    ]


MOVER = """
import sys
from annotations.workspace import Workspace
root, row, stance, ident, delta = sys.argv[1:]
Workspace(__import__("pathlib").Path(root)).briefs.move(row, stance, ident, int(delta))
"""


def test_a_move_in_another_process_and_another_cell_is_kept(
    workspace: Workspace, ids: dict[str, str]
) -> None:
    briefs = workspace.briefs
    briefs.board()  # this process has read briefs.json (empty) before the other one writes
    extra = workspace.highlights.create(
        ids["boston"], quote="Federal officials", stance="support", tags=["immigration"]
    ).annotation
    subprocess.run(
        [
            sys.executable,
            "-c",
            MOVER,
            str(workspace.root),
            "immigration",
            "support",
            extra.id,
            "-1",
        ],
        check=True,
    )
    briefs.move("immigration", "oppose", ids["eroding"], -1)  # another cell, from this process
    board = Workspace(workspace.root).briefs.board()
    assert board.cell("immigration", "support").ids == [extra.id, ids["mandatory"]]
    assert board.cell("immigration", "oppose").ids == [ids["eroding"], ids["withdraw"]]


def test_a_damaged_orders_file_is_set_aside_and_said(
    workspace: Workspace, ids: dict[str, str]
) -> None:
    workspace.briefs.move("immigration", "oppose", ids["eroding"], -1)
    workspace.briefs.move("immigration", "oppose", ids["eroding"], 1)
    (workspace.root / "briefs.json").write_text("{not json", encoding="utf-8")
    fresh = Workspace(workspace.root)
    board = fresh.briefs.board()
    assert board.highlights == 6
    assert any("briefs.json could not be read" in m for m in fresh.notices())


def test_export_keeps_the_board_order(
    tmp_path: Path, workspace: Workspace, ids: dict[str, str]
) -> None:
    briefs = workspace.briefs
    briefs.move("immigration", "oppose", ids["eroding"], -1)
    board = briefs.board(tags=["immigration", "policing"])
    out = tmp_path / "brief.txt"
    done = briefs.export(board, "txt", out)
    assert done.count == 4 and done.where == str(out)
    text = out.read_text(encoding="utf-8")
    assert text.index("eroding trust") < text.index("may withdraw") < text.index("shares finger")
    # withdraw stands under both tags, in the board's rows
    assert text.count("may withdraw") == 2
    assert text.index("immigration (3)") < text.index("policing (2)")
    md = briefs.export(BoardFilter(tags=("transport",)), "md", tmp_path / "brief.md")
    assert md.count == 1 and "the cheapest way" in (tmp_path / "brief.md").read_text()
    with pytest.raises(UnknownBriefFormat, match="md, html, docx, txt"):
        briefs.export(board, "csv", tmp_path / "brief.csv")


def test_docx_and_html_briefs_are_written(
    tmp_path: Path, workspace: Workspace, ids: dict[str, str]
) -> None:
    import docx

    board = workspace.briefs.board()
    workspace.briefs.export(board, "docx", tmp_path / "brief.docx")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "brief.docx")).paragraphs]
    assert paragraphs[0] == "Brief"
    assert paragraphs.index("immigration") < paragraphs.index("policing")
    workspace.briefs.export(board, "html", tmp_path / "brief.html")
    assert "the cheapest way" in (tmp_path / "brief.html").read_text()


def test_default_path_is_a_dated_brief(workspace: Workspace) -> None:
    path = workspace.briefs.default_path("docx")
    assert path.name.startswith("brief-") and path.suffix == ".docx"


def test_a_brief_to_its_default_path_makes_the_exports_folder_a_typed_one_never(
    tmp_path: Path, workspace: Workspace, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The brief board suggests a file in the exports folder: on a fresh install, before any
    export had made that folder, writing there failed with "folder … does not exist"."""
    from annotations.export import ExportError

    monkeypatch.setenv("MARGIN_EXPORT_DIR", str(tmp_path / "Documents" / "Margin exports"))
    board = workspace.briefs.board()
    path = workspace.briefs.default_path("md")
    assert not path.parent.exists()
    workspace.briefs.export(board, "md", path)
    assert "the cheapest way" in path.read_text()
    with pytest.raises(ExportError, match="does not exist"):
        workspace.briefs.export(board, "md", tmp_path / "typo" / "brief.md")
    assert not (tmp_path / "typo").exists()


def test_the_next_default_brief_does_not_name_the_last_one(
    tmp_path: Path, workspace: Workspace, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After one brief to the suggested file, the board suggested the same name again."""
    monkeypatch.setenv("MARGIN_EXPORT_DIR", str(tmp_path / "exports"))
    first = workspace.briefs.default_path("md")
    workspace.briefs.export(workspace.briefs.board(), "md", first)
    second = workspace.briefs.default_path("md")
    assert second != first and second.parent == first.parent
    assert second.name == f"{first.stem}-2.md" and not second.exists()


def test_orphaned_highlights_keep_their_place(workspace: Workspace, ids: dict[str, str]) -> None:
    annotation = workspace.highlights.get(ids["cheapest"])
    workspace.store.update(annotation.changed(orphaned=True))
    found = workspace.briefs.board().cell("transport", "support").items
    assert [i.annotation.orphaned for i in found] == [True]
    assert isinstance(found[0].annotation, Annotation)


def test_a_highlight_listed_twice_gets_two_anchors(
    tmp_path: Path, workspace: Workspace, ids: dict[str, str]
) -> None:
    import re

    board = workspace.briefs.board(tags=["immigration", "policing"])
    workspace.briefs.export(board, "html", tmp_path / "brief.html")
    html_ids = re.findall(r'id="(h-[^"]+)"', (tmp_path / "brief.html").read_text())
    assert len(html_ids) == 5 and len(set(html_ids)) == 5
    assert f"h-{ids['withdraw']}" in html_ids and f"h-{ids['withdraw']}-2" in html_ids
    workspace.briefs.export(board, "md", tmp_path / "brief.md")
    blocks = re.findall(r"^\^(\S+)$", (tmp_path / "brief.md").read_text(), re.M)
    assert len(blocks) == len(set(blocks)) == 5
