"""The brief board screen in the reader: a grid of tags × stances, arrows, J/K, enter, y, f, x."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.model import Annotation
from annotations.workspace import Workspace
from tests.tui.test_flows import SIZE, AppFactory
from tui.app import MarginApp
from tui.dialogs.prompt import PromptDialog
from tui.screens.board import BoardScreen, parse_filter


@pytest.fixture
def made(tui_library: Path) -> dict[str, str]:
    """Highlights on the two articles: immigration × oppose holds two, one has two tags."""
    workspace = Workspace(tui_library)
    by_title = {m.title.split()[0]: m.id for m in workspace.articles.listing()}
    create = workspace.highlights.create
    boston, council = by_title["Boston"], by_title["Council"]
    return {
        "withdraw": create(
            boston, quote="may withdraw", stance="oppose", tags=["immigration", "policing"]
        ).annotation.id,
        "eroding": create(
            boston, quote="eroding trust", stance="oppose", tags=["immigration"]
        ).annotation.id,
        "mandatory": create(
            boston, quote="program was mandatory", stance="support", tags=["immigration"]
        ).annotation.id,
        "cheapest": create(
            council, quote="the cheapest way", stance="support", tags=["transport"]
        ).annotation.id,
    }


async def _open_board(
    app: MarginApp, pilot: object, results: list[Annotation | None]
) -> BoardScreen:
    await app.settle()
    screen = BoardScreen()
    app.push_screen(screen, results.append)
    await app.settle()
    await pilot.pause()  # type: ignore[attr-defined]
    assert app.screen is screen and screen.grid.board is not None
    return screen


async def test_the_grid_has_a_band_per_tag_and_a_column_per_stance(
    make_app: AppFactory, made: dict[str, str]
) -> None:
    app = make_app()
    results: list[Annotation | None] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_board(app, pilot, results)
        board = screen.grid.board
        assert board is not None
        assert board.rows == ["immigration", "policing", "transport"]
        assert board.columns == ["support", "oppose", "neutral", None]
        lines = [screen.grid.render_line(y).text for y in range(12)]
        assert lines[0].startswith(" immigration  3")
        assert "support · 1" in lines[1] and "oppose · 2" in lines[1]
        assert "“program was mandatory”" in lines[2] and "“may withdraw”" in lines[2]
        assert "Lee 24" not in lines[4] and "Sacchetti 11" in lines[4]  # after two quote lines
        assert "“eroding trust”" in lines[5]


async def test_arrows_move_between_cells_and_items_and_enter_dismisses(
    make_app: AppFactory, made: dict[str, str]
) -> None:
    app = make_app()
    results: list[Annotation | None] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_board(app, pilot, results)
        grid = screen.grid
        assert grid.current is not None and grid.current.id == made["mandatory"]
        await pilot.press("right")  # immigration × oppose, first item
        assert screen.cursor == (0, 1, 0) and grid.current.id == made["withdraw"]
        await pilot.press("down")  # its second item
        assert grid.current is not None and grid.current.id == made["eroding"]
        await pilot.press("down")  # past the cell's end: policing × oppose
        assert screen.cursor == (1, 1, 0) and grid.current.id == made["withdraw"]
        await pilot.press("up")  # back to the last item of the cell above
        assert screen.cursor == (0, 1, 1)
        await pilot.press("right", "right")  # no stance: an empty cell
        assert grid.current is None
        await pilot.press("left", "left", "down", "down", "down", "left")  # transport × support
        assert grid.current is not None and grid.current.id == made["cheapest"]
        detail = str(screen.detail.render())
        assert "Council backs bus lanes" in detail and "“the cheapest way”" in detail
        await pilot.press("enter")
        await pilot.pause()
    assert [a.id if a else None for a in results] == [made["cheapest"]]


async def test_j_and_k_reorder_the_cell_and_the_order_is_saved(
    make_app: AppFactory, made: dict[str, str], tui_library: Path
) -> None:
    app = make_app()
    results: list[Annotation | None] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_board(app, pilot, results)
        await pilot.press("right", "J")  # may withdraw goes below eroding trust
        grid = screen.grid
        assert screen.cursor == (0, 1, 1)
        assert grid.cell is not None and grid.cell.ids == [made["eroding"], made["withdraw"]]
        assert "“eroding trust”" in grid.render_line(2).text
        await app.settle()
        saved = Workspace(tui_library).briefs.board().cell("immigration", "oppose").ids
        assert saved == [made["eroding"], made["withdraw"]]
        await pilot.press("K", "K")  # back up; the second K has nowhere to go
        await app.settle()
        assert screen.cursor == (0, 1, 0)
        saved = Workspace(tui_library).briefs.board().cell("immigration", "oppose").ids
        assert saved == [made["withdraw"], made["eroding"]]
        # the other band the highlight stands in was not touched
        assert Workspace(tui_library).briefs.board().cell("policing", "oppose").ids == [
            made["withdraw"]
        ]
        await pilot.press("escape")
        await pilot.pause()
    assert results == [None]


async def test_y_copies_the_quote_with_its_citation(
    make_app: AppFactory, made: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    copied: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "copy_text", lambda text, what: copied.append((text, what)))
    async with app.run_test(size=SIZE) as pilot:
        await _open_board(app, pilot, [])
        await pilot.press("y")
        await app.settle()
        await pilot.pause()
    expected = app.workspace.quotes.format(made["mandatory"]).text
    assert copied == [(expected, "Copied the quote with its citation.")]
    assert "program was mandatory" in expected


async def test_f_filters_the_board_and_x_exports_it(
    make_app: AppFactory, made: dict[str, str], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_board(app, pilot, [])
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PromptDialog)
        dialog.dismiss("tag:policing tag:transport")
        await app.settle()
        await pilot.pause()
        board = screen.grid.board
        assert board is not None and board.rows == ["policing", "transport"]
        assert "tag:policing tag:transport" in str(screen.heading.render())
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PromptDialog) and dialog.value.endswith(".md")
        target = tmp_path / "brief.txt"
        dialog.dismiss(str(target))
        await app.settle()
        await pilot.pause()
    text = target.read_text(encoding="utf-8")
    assert text.index("may withdraw") < text.index("the cheapest way")
    assert "eroding trust" not in text


def test_the_filter_prompt_reads_every_filter() -> None:
    wanted = parse_filter('tag:law "tag:civil rights" article:boston stance:none since:2024-01-01')
    assert wanted.tags == ("law", "civil rights")
    assert (wanted.articles, wanted.stances, wanted.since) == (("boston",), ("none",), "2024-01-01")
    assert parse_filter("economy").tags == ("economy",)
    with pytest.raises(ValueError, match="use tag:"):
        parse_filter("colour:red")
    with pytest.raises(ValueError, match="close the quotes"):
        parse_filter('tag:"open')


async def test_untrusted_text_is_never_markup(make_app: AppFactory, tui_library: Path) -> None:
    workspace = Workspace(tui_library)
    article = next(m.id for m in workspace.articles.listing() if m.title.startswith("Boston"))
    workspace.highlights.create(
        article, quote="may withdraw", tags=["[bold]x[/]"], speaker="[@click=app.quit]Mayor"
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_board(app, pilot, [])
        assert screen.grid.render_line(0).text.startswith(" [bold]x[/]")
        assert "[@click=app.quit]Mayor" in str(screen.detail.render())
        assert app.is_running


async def test_a_board_of_one_highlight_says_one_highlight(
    make_app: AppFactory, tui_library: Path
) -> None:
    workspace = Workspace(tui_library)
    boston = next(m for m in workspace.articles.listing() if m.title.startswith("Boston"))
    workspace.highlights.create(boston.id, quote="may withdraw", stance="oppose", tags=["x"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_board(app, pilot, [])
        heading = str(screen.heading.render())
        assert "· 1 highlight" in heading and "1 highlights" not in heading


async def test_a_quote_that_carries_its_own_mark_is_not_given_a_second(
    make_app: AppFactory, tui_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = Workspace(tui_library)
    boston = next(m for m in workspace.articles.listing() if m.title.startswith("Boston"))
    # The highlight begins at the article's own opening mark and stops before its closing one.
    made = workspace.highlights.create(boston.id, quote="“eroding trust", tags=["x"])
    app = make_app()
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_text", lambda text, what: copied.append(text))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_board(app, pilot, [])
        shown = "\n".join(screen.grid.render_line(y).text for y in range(6))
        detail = str(screen.detail.render())
        await pilot.press("y")  # copy with its citation
        await app.settle()
        await pilot.pause()
    for text in (shown, detail, *copied):
        assert "“eroding trust”" in text and "““" not in text, text
    # The words between the marks are the article's, exactly.
    assert made.annotation.quote in workspace.articles.get(boston.id).text
    assert len(copied) == 1
