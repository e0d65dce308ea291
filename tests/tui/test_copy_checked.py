"""The board's `y` after the article was edited by hand: never the words it no longer holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.workspace import Workspace
from tests.tui.test_board import _open_board
from tests.tui.test_flows import SIZE, AppFactory


async def test_board_y_refuses_words_the_article_lost(
    make_app: AppFactory, tui_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = Workspace(tui_library)
    boston = next(m.id for m in workspace.articles.listing() if m.title.startswith("Boston"))
    workspace.highlights.create(boston, quote="program was mandatory", tags=["immigration"])
    app = make_app()
    copied: list[str] = []
    errors: list[str] = []
    monkeypatch.setattr(app, "copy_text", lambda text, what: copied.append(text))
    monkeypatch.setattr(app, "report", lambda error: errors.append(str(error)))
    async with app.run_test(size=SIZE) as pilot:
        await _open_board(app, pilot, [])
        file = workspace.library.path_of(boston)  # edited while the board shows the card
        file.write_text(file.read_text().replace("program was mandatory", "scheme is over"))
        await pilot.press("y")
        await app.settle()
        await pilot.pause()
    assert copied == []
    assert len(errors) == 1 and "margin annotations --orphaned" in errors[0]


async def test_the_board_is_rebuilt_when_an_article_changes_on_disk(
    make_app: AppFactory, tui_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.tui.test_flows import open_boston
    from tests.tui.test_live import poll
    from tui.screens.board import BoardScreen

    monkeypatch.setattr("tui.screens.main.WATCH_SECONDS", 3600)  # only the test polls
    workspace = Workspace(tui_library)
    boston = next(m.id for m in workspace.articles.listing() if m.title.startswith("Boston"))
    workspace.highlights.create(boston, quote="program was mandatory", tags=["immigration"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        main = await open_boston(app, pilot)  # the reader watches the open article's file
        await poll(app, main)  # the feed starts from what is there now
        board = await _open_board(app, pilot, [])
        assert isinstance(board, BoardScreen) and board.grid.board is not None
        quotes = [i.quote for c in board.grid.board.cells() for i in c.items]
        assert quotes == ["program was mandatory"]
        file = workspace.library.path_of(boston)
        file.write_text(file.read_text().replace("program was mandatory", "scheme is over"))
        await poll(app, main)
        await app.settle()  # the board's rebuild, started by what the poll found
        await pilot.pause()
        assert board.grid.board is not None
        cards = [i.annotation for c in board.grid.board.cells() for i in c.items]
        assert [a.orphaned for a in cards] == [True]
