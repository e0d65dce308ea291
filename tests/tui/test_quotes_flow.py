"""Q lists the open article's quotations; enter jumps to one, h highlights it with its speaker,
and h on a sentence inside a quotation fills the speaker in too."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest

from tests.tui.test_flows import SIZE, AppFactory, open_boston
from tui.dialogs.prompt import PromptDialog
from tui.screens.main import MainScreen
from tui.screens.quotes import QuotesScreen

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from annotations.model import Annotation
    from annotations.quotations import Quotation
    from library.model import Article
    from tui.app import MarginApp

BOSTON = "Boston threatens to withdraw from Secure Communities"


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


async def _highlight_before_quotations(
    app: MarginApp, pilot: Pilot[None], gate: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainScreen, Annotation]:
    """Open the Boston article with its quotations held back (found late, as on a loaded
    machine), press h inside Menino's quotation, and wait for the highlight to be stored."""
    quotes = app.workspace.quotes
    real = quotes.quotations

    def late(article: Article) -> list[Quotation]:
        assert gate.wait(30), "the test never let the quotations come"
        return real(article)

    monkeypatch.setattr(quotes, "quotations", late)
    for _ in range(200):  # no settle: it would wait for the held-back worker
        await pilot.pause(0.05)
        screen = app.screen
        if isinstance(screen, MainScreen) and screen.library_list.shown:
            break
    assert isinstance(screen, MainScreen)
    titles = [item.meta.title for item in screen.library_list.shown]
    screen.library_list.focus()
    await pilot.pause()
    await pilot.press(*["down"] * titles.index(BOSTON), "enter")
    for _ in range(200):
        await pilot.pause(0.05)
        if screen.article is not None and app.focused is screen.reader:
            break
    assert screen.article is not None and screen.quotations is None
    screen.reader.move_cursor(screen.article.text.index("It should be scrapped") + 3)
    await pilot.press("h")
    for _ in range(200):
        await pilot.pause(0.05)
        stored = app.workspace.highlights.in_article(screen.article.id)
        if stored:
            break
    (made,) = stored
    assert made.speaker is None  # no quotations yet: no speaker
    return screen, made


async def _stored_when_found(app: MarginApp, gate: threading.Event, ident: str) -> Annotation:
    """Let the quotations come; the highlight as stored once every result is handled."""
    gate.set()
    await app.settle()
    await app.settle()  # the fill is saved on the persister, its result shown a round later
    return app.workspace.highlights.get(ident)


async def test_a_highlight_made_before_the_quotations_gets_its_speaker_when_they_come(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It stayed without one: the speaker was taken only at the moment of h."""
    app = make_app()
    gate = threading.Event()
    async with app.run_test(size=SIZE) as pilot:
        screen, made = await _highlight_before_quotations(app, pilot, gate, monkeypatch)
        stored = await _stored_when_found(app, gate, made.id)
        assert stored.speaker == "Thomas M. Menino"
        assert [a.speaker for a in screen.annotations] == ["Thomas M. Menino"]
        assert any(
            n.message.startswith("Speaker filled in: Thomas M. Menino, from the article's")
            for n in app._notifications
        ), [n.message for n in app._notifications]
        await pilot.press("u")  # undone like any change
        await app.settle()
        assert app.workspace.highlights.get(made.id).speaker is None


async def test_a_speaker_the_user_cleared_before_the_quotations_came_stays_cleared(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """s then enter on an empty field says "no speaker": the quotations coming later do not
    put one back (a speaker set by hand is never replaced either: filled only where empty)."""
    app = make_app()
    gate = threading.Event()
    async with app.run_test(size=SIZE) as pilot:
        screen, made = await _highlight_before_quotations(app, pilot, gate, monkeypatch)
        await pilot.press("s")
        for _ in range(200):
            await pilot.pause(0.05)
            if isinstance(app.screen, PromptDialog):
                break
        await pilot.press("enter")  # the field empty: cleared
        for _ in range(200):
            await pilot.pause(0.05)
            if app.screen is screen:
                break
        await pilot.pause()
        stored = await _stored_when_found(app, gate, made.id)
        assert screen.quotations  # they came
        assert stored.speaker is None
        assert [a.speaker for a in screen.annotations] == [None]
        assert not any("Speaker filled in" in n.message for n in app._notifications)
