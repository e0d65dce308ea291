"""Q lists the open article's quotations; enter jumps to one, h highlights it with its speaker,
and h on a sentence inside a quotation fills the speaker in too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.tui.test_flows import SIZE, AppFactory, open_boston
from tui.screens.quotes import QuotesScreen

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from annotations.model import Annotation
    from tui.app import MarginApp


async def test_q_lists_quotes_and_h_highlights_one_with_its_speaker(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await app.settle()
        assert screen.quotations is not None  # found on a worker after opening
        assert any(q.speaker == "Thomas M. Menino" for q in screen.quotations)
        await pilot.press("Q")
        await app.settle()
        await pilot.pause()
        assert isinstance(app.screen, QuotesScreen)
        await pilot.press("h")  # the first quotation
        await app.settle()
        await pilot.pause()
        assert app.screen is screen
        (made,) = screen.annotations
        first = screen.quotations[0]
        assert (made.start, made.end) == (first.start, first.end)
        assert made.speaker == first.speaker == "Thomas M. Menino"
        stored = app.workspace.highlights.get(made.id)
        assert stored.speaker == "Thomas M. Menino"


async def test_enter_jumps_to_the_quote(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await app.settle()
        assert screen.quotations
        last = screen.quotations[0]
        await pilot.press("Q")
        await app.settle()
        await pilot.pause()
        await pilot.press("enter")
        await app.settle()
        await pilot.pause()
        assert app.screen is screen and screen.reader.cursor == last.start


async def _highlight_in_boston(app: MarginApp, pilot: Pilot[None], words: str) -> Annotation:
    """Open the Boston article (its quotations found), put the cursor in words and press h:
    the one highlight made."""
    screen = await open_boston(app, pilot)
    await app.settle()
    assert screen.article is not None and screen.quotations
    screen.reader.move_cursor(screen.article.text.index(words) + 3)
    await pilot.press("h")
    await app.settle()
    (made,) = screen.annotations
    return made


async def test_h_inside_a_quotation_fills_the_speaker(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        # the sentence under the cursor, inside Menino's quotation
        made = await _highlight_in_boston(app, pilot, "It should be scrapped")
        assert "It should be scrapped" in made.quote
        assert made.speaker == "Thomas M. Menino"


async def test_the_speaker_prompt_completes_the_article_s_speakers(make_app: AppFactory) -> None:
    """s on a highlight outside every quotation completes a name the article quotes: "Tho" and
    → give "Thomas M. Menino" (it completed only the speakers of other highlights, so the first
    speaker typed by hand had to be typed in full, and a typo made a new person)."""
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        # a sentence of narration: no speaker
        made = await _highlight_in_boston(app, pilot, "Federal officials said")
        assert made.speaker is None
        await pilot.press("s")
        await app.settle()
        await pilot.press(*"Tho", "right")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input) and field.value == "Thomas M. Menino"
