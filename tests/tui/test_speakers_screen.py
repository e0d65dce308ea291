"""W lists who is quoted across the library; moving picks a speaker, enter opens a quotation."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.pilot import Pilot

from library.store import Library
from tests.tui.test_flows import SIZE, AppFactory, press_for
from tui.app import MarginApp
from tui.screens.main import MainScreen
from tui.screens.speakers import SpeakersScreen


async def open_speakers(app: MarginApp, pilot: Pilot[None]) -> SpeakersScreen:
    """Press W, as a user would, and wait for the speakers to be listed."""
    await app.settle()
    return await press_for(app, pilot, SpeakersScreen, "W")


async def _until(app: MarginApp, pilot: Pilot[None], done: Callable[[], bool]) -> None:
    """Let the app run (held keys typed again, the workers they start) until done() holds,
    or 200 rounds at most: waited on, not a fixed time, so a busy machine does not fail it."""
    for _ in range(200):
        await app.settle()
        if done():
            return
        await pilot.pause(0.05)


async def _rounds(app: MarginApp, pilot: Pilot[None], count: int) -> None:
    """Let count rounds of layout run (the refits each one calls after the refresh)."""
    for _ in range(count):
        await pilot.pause()
        await app.settle()


async def _opened(app: MarginApp, pilot: Pilot[None], main_screen: object, quote: Any) -> None:
    """Wait for the held keys to act, then check that they opened quote in the reader."""

    def at_quote() -> bool:
        if app.screen is not main_screen or not isinstance(main_screen, MainScreen):
            return False
        article = main_screen.article
        return article is not None and (article.id, main_screen.reader.cursor) == (
            quote.article.id,
            quote.start,
        )

    await _until(app, pilot, at_quote)
    assert app.screen is main_screen
    assert isinstance(main_screen, MainScreen) and main_screen.article is not None
    assert main_screen.article.id == quote.article.id
    assert main_screen.reader.cursor == quote.start


async def test_w_lists_speakers_and_enter_opens_the_quotation(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        main = app.screen
        assert isinstance(main, MainScreen)
        screen = await open_speakers(app, pilot)  # W: the speakers view
        names = [s.name for s in screen.speakers]
        assert "Thomas M. Menino" in names
        index = names.index("Thomas M. Menino")
        await pilot.press(*["down"] * index)  # moving the cursor lists that speaker's words
        await app.settle()
        await pilot.pause()
        assert screen.shown == "Thomas M. Menino"
        assert screen.quotes and all(q.article.title.startswith("Boston") for q in screen.quotes)
        first = screen.quotes[0]
        await pilot.press("enter", "enter")  # into the quotations, then open the first
        await app.settle()
        await pilot.pause()
        assert app.screen is main
        assert main.article is not None and main.article.id == first.article.id
        assert main.reader.cursor == first.start


async def test_speakers_view_is_in_the_palette(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        commands = [str(c.title) for c in app.get_system_commands(app.screen)]
        assert "Speakers" in commands
        await press_for(app, pilot, SpeakersScreen, "W")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


COUNCIL = """\
Council debates the harbour plan

Published 3 March 2026
By Nadia Okafor

“The plan is far too costly for the city,” said Councillor Ada Byrne on Monday.

“We need the new lanes along the river,” said Mayor Rosa Delgado.

“Traders on Harbour Street will suffer for months,” said Liam Walsh, a shopkeeper.
"""


def _add(library: Path, source: Path, text: str) -> None:
    """Import one more news text into the test library."""
    source.write_text(text, encoding="utf-8")
    Library(library).import_file(source)


def _app_on(tmp_path: Path, text: str) -> MarginApp:
    """The reader on a library of one news text."""
    _add(tmp_path / "lib", tmp_path / "news.txt", text)
    return MarginApp(tmp_path / "lib")


async def test_a_slow_answer_for_a_speaker_left_behind_is_not_shown(
    make_app: AppFactory, tui_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moving on while a speaker's quotations are read cancels that worker, but a thread worker
    runs to its end: its late answer must not replace the current speaker's."""
    _add(tui_library, tmp_path / "council.txt", COUNCIL)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_speakers(app, pilot)
        names = [s.name for s in screen.speakers]
        assert len(names) >= 3, names
        quotes = app.workspace.quotes
        original = quotes.by_speaker
        gate = threading.Event()
        answered = threading.Event()

        def by_speaker(name: str, *args: Any, **kwargs: Any) -> Any:
            if name != names[1]:
                return original(name, *args, **kwargs)
            gate.wait(10)  # the speaker the cursor passes over: answers last
            try:
                return original(name, *args, **kwargs)
            finally:
                answered.set()

        monkeypatch.setattr(quotes, "by_speaker", by_speaker)
        await pilot.press("down")  # names[1]: its worker waits at the gate
        await pilot.pause()
        await pilot.press("down")  # names[2]: cancels it, and answers at once
        await app.settle()
        await pilot.pause()
        assert screen.shown == names[2]
        gate.set()  # the left-behind worker now answers
        assert await asyncio.to_thread(answered.wait, 10)
        await asyncio.sleep(0.2)  # its worker posts (or, cancelled, does not) right after
        await pilot.pause()
        await pilot.pause()
        assert screen.shown == names[2]
        assert screen.quotes == original(names[2])[1]


async def test_each_speakers_count_is_in_view_at_80_columns(make_app: AppFactory) -> None:
    """How often each speaker is quoted is what the list is sorted by: it shows beside the
    name without scrolling sideways (it was in a column past the pane's right edge)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_speakers(app, pilot)
        table = screen.speaker_table
        first = screen.speakers[0]
        assert table.max_scroll_x == 0, "the speakers' pane scrolls sideways"
        cells = [cell.plain for cell in table.get_row_at(0)]
        assert cells == [first.name, f"{first.quotations} in {first.articles}"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_each_quotation_s_article_and_stance_are_in_view(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    """What each speaker said is listed with its article and the stance it was highlighted
    with: both show without scrolling sideways (they were columns past the right edge, at 80
    and at 120 columns alike)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await app.settle()
        meta = next(m for m in app.workspace.articles.listing() if m.title.startswith("Boston"))
        app.workspace.highlights.create(
            meta.id, quote="It should be scrapped",
            stance="oppose",
        )  # fmt: skip
        screen = await open_speakers(app, pilot)
        names = [s.name for s in screen.speakers]
        await pilot.press(*["down"] * names.index("Thomas M. Menino"))
        await app.settle()
        await pilot.pause()
        await pilot.pause()
        assert screen.shown == "Thomas M. Menino"
        table = screen.quote_table
        assert table.max_scroll_x == 0, "the quotations' pane scrolls sideways"
        rows = [
            " ".join(cell.plain for cell in table.get_row_at(i)) for i in range(table.row_count)
        ]
        assert all("Boston threatens" in row for row in rows), rows
        assert any("scrapped" in row and "oppose" in row for row in rows), rows


async def test_h_on_a_quotation_highlights_it_with_its_speaker(make_app: AppFactory) -> None:
    """h on one of a speaker's quotations opens its article and highlights the quotation with
    the speaker filled in, as h does in the article's quotations (Q); a stance key then marks
    it. Opened with enter, h took the sentence around the quotation, and no speaker."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_speakers(app, pilot)
        names = [s.name for s in screen.speakers]
        await pilot.press(*["down"] * names.index("Thomas M. Menino"))
        await app.settle()
        await pilot.pause()
        assert screen.shown == "Thomas M. Menino"
        quote = screen.quotes[-1]
        await pilot.press("tab", *["down"] * (len(screen.quotes) - 1), "h", "2")
        await app.settle()
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.article is not None and main.article.id == quote.article.id
        (made,) = app.workspace.highlights.in_article(quote.article.id)
        assert (made.start, made.end) == (quote.start, quote.end)
        assert made.speaker == "Thomas M. Menino" and made.stance == "oppose"


DEBATE = """\
Harbour debate runs late

Published 4 March 2026
By Nadia Okafor

“The plan is far too costly for the city,” said Councillor Ada Byrne.

“We need the new lanes along the river,” said Mayor Rosa Delgado.

“Nobody has shown me the figures for the second year,” Byrne said.

“The figures were published in January with the budget,” Delgado said.

“Then the budget was wrong about the ferry as well,” Byrne said.

“The ferry has nothing to do with the lanes on the river,” Delgado said.

“Every shop on the quay has written to me about it,” Byrne said.
"""


async def test_keys_typed_before_a_speaker_s_quotations_come_act_on_them(
    make_app: AppFactory, tui_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """down, tab, down, enter typed while the next speaker's quotations are still being read
    open that speaker's second quotation: the keys wait for the list (enter opened the previous
    speaker's quotation still listed, someone else's words under the new name)."""
    _add(tui_library, tmp_path / "debate.txt", DEBATE)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_speakers(app, pilot)
        main_screen = app.screen_stack[0]
        quotes = app.workspace.quotes
        original = quotes.by_speaker
        names = [s.name for s in screen.speakers]
        wanted = names[1]
        said = original(wanted)[1]
        assert screen.shown == names[0] and len(screen.quotes) >= 2 and len(said) >= 2
        gate = threading.Event()

        def by_speaker(name: str, *args: Any, **kwargs: Any) -> Any:
            if name == wanted:
                gate.wait(10)
            return original(name, *args, **kwargs)

        monkeypatch.setattr(quotes, "by_speaker", by_speaker)
        await pilot.press("down", "tab", "down", "enter")
        await pilot.pause()
        assert app.screen is screen, "enter opened the previous speaker's quotation"
        assert screen.quote_table.row_count == 0  # nobody's words under the new name
        gate.set()
        await _opened(app, pilot, main_screen, said[1])


async def test_keys_right_after_tab_go_to_the_list_tab_moved_to(make_app: AppFactory) -> None:
    """tab then down typed at once (one burst from the terminal) move in the quotations, not in
    the speakers: tab moves the focus at once, not after the keys already typed."""
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_speakers(app, pilot)
        assert len(screen.quotes) >= 2
        app.post_message(events.Key("tab", "\t"))
        app.post_message(events.Key("down", None))
        await app.settle()
        await pilot.pause()
        assert screen.speaker_table.cursor_row == 0, "down moved to another speaker"
        assert screen.quote_table.has_focus and screen.quote_table.cursor_row == 1


def _third_speakers_second(app: MarginApp) -> tuple[str, Any]:
    """The third speaker listed and their second quotation: where down, down, then down in the
    quotations, lead."""
    quotes = app.workspace.quotes
    name = quotes.speakers()[2].name
    said = quotes.by_speaker(name)[1]
    assert len(said) >= 2
    return name, said[1]


def _gated(monkeypatch: pytest.MonkeyPatch, owner: object, method: str) -> threading.Event:
    """Make owner's method wait (10 s at most) for the event returned before it answers."""
    original = getattr(owner, method)
    gate = threading.Event()

    def gated(*args: Any, **kwargs: Any) -> Any:
        gate.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, method, gated)
    return gate


async def test_tab_down_enter_typed_while_the_first_quotations_load_act_on_them(
    make_app: AppFactory, tui_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Right after W, tab, down and enter in one burst, before the first speaker's quotations
    are listed, open that speaker's second quotation (down and enter reached an empty list)."""
    from textual import events

    _add(tui_library, tmp_path / "debate.txt", DEBATE)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        main_screen = app.screen
        original = app.workspace.quotes.by_speaker
        gate = _gated(monkeypatch, app.workspace.quotes, "by_speaker")
        await pilot.press("W")
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        for _ in range(200):  # the speakers are listed; their first one's words are being read
            if screen.speakers:
                break
            await pilot.pause()
        said = original(screen.speakers[0].name)[1]
        assert len(said) >= 2 and screen.quote_table.row_count == 0
        for key, character in (("tab", "\t"), ("down", None), ("enter", "\r")):
            app.post_message(events.Key(key, character))  # one burst from the terminal
        await pilot.pause()
        assert app.screen is screen and screen.quote_table.has_focus
        gate.set()
        await _opened(app, pilot, main_screen, said[1])


async def test_keys_typed_before_the_speakers_are_listed_act_on_them(
    make_app: AppFactory, tui_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """W, then down down at once, while the speakers are still being read, move to the third
    speaker once they are listed (the keys moved nothing in the empty list); tab, down, enter
    then open that speaker's second quotation."""
    _add(tui_library, tmp_path / "debate.txt", DEBATE)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        main_screen = app.screen
        wanted, quote = _third_speakers_second(app)
        gate = _gated(monkeypatch, app.workspace.quotes, "speakers")
        await pilot.press("W")
        screen = app.screen
        assert isinstance(screen, SpeakersScreen) and not screen.speakers
        await pilot.press("down", "down")
        assert app.screen is screen and not screen.speakers
        gate.set()
        await _until(app, pilot, lambda: screen.shown == wanted)
        assert screen.shown == wanted
        await pilot.press("tab", "down", "enter")
        await _opened(app, pilot, main_screen, quote)


@pytest.mark.parametrize("to_quotes", ["tab", "enter"])
async def test_w_down_down_then_tab_down_enter_in_one_burst(
    make_app: AppFactory, tui_library: Path, tmp_path: Path, to_quotes: str
) -> None:
    """W, down, down, tab (or enter), down, enter typed at once, as keys arrive from a terminal
    under load, open the third speaker's second quotation. tab ran as it arrived, ahead of the
    downs typed before it, and enter moved to the quotations only after the keys behind it had
    reached the speakers: another speaker's words were opened."""
    from textual import events

    _add(tui_library, tmp_path / "debate.txt", DEBATE)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        main_screen = app.screen
        _, quote = _third_speakers_second(app)
        burst = ("W", "down", "down", to_quotes, "down", "enter")
        for key in burst:
            character = {"tab": "\t", "enter": "\r", "down": None}.get(key, key)
            app.post_message(events.Key(key, character))
        await _opened(app, pilot, main_screen, quote)


LONG_NAMED = "Council hears the harbour plan\n\n" + "\n\n".join(
    [
        f"“The harbour plan number {n} will change everything for the families who live along "
        "the waterfront,” said Alexandra Montgomery-Whitfield, a member of the council."
        for n in range(12)
    ]
    + [
        f"“Our street number {n} needs a crossing,” said Resident{chr(65 + n)} Okafor{n}."
        for n in range(20)
    ]
)


async def test_long_names_leave_the_quotations_room_at_80_columns(tmp_path: Path) -> None:
    """At 80 columns a speaker's name 20 characters long took so much of the view that the
    quotations beside it were wider than their pane and scrolled sideways: names are cut to
    leave the quotations their narrowest width, and neither list scrolls sideways."""
    app = _app_on(tmp_path, LONG_NAMED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_speakers(app, pilot)
        assert screen.speakers[0].name == "Alexandra Montgomery-Whitfield"
        await _until(app, pilot, lambda: screen.shown == "Alexandra Montgomery-Whitfield")
        await pilot.pause()
        assert screen.quote_table.row_count == 12
        assert screen.speaker_table.max_scroll_x == 0, "the speakers' pane scrolls sideways"
        assert screen.quote_table.max_scroll_x == 0, "the quotations' pane scrolls sideways"
        name = screen.speaker_table.get_row_at(0)[0].plain
        assert name.endswith("…") and "Alexandra Montgomery-Whitfield".startswith(name[:-1])
        # Wider, the whole name fits; narrow again, it is cut again and nothing scrolls.
        await pilot.resize_terminal(120, 40)
        await _until(app, pilot, lambda: "…" not in screen.speaker_table.get_row_at(0)[0].plain)
        await pilot.resize_terminal(80, 24)
        await _until(app, pilot, lambda: "…" in screen.speaker_table.get_row_at(0)[0].plain)
        await pilot.pause()
        await app.settle()
        assert screen.speaker_table.max_scroll_x == 0, "the speakers' pane scrolls sideways"
        assert screen.quote_table.max_scroll_x == 0, "the quotations' pane scrolls sideways"


async def test_a_resize_keeps_the_speaker_and_the_quotation_under_the_cursors(
    tmp_path: Path,
) -> None:
    """Listing the speakers again for the new width highlighted the first row on its way back
    to the cursor's: the quotations of the speaker under the cursor were read again and the
    cursor in them went back to the first."""
    second = "\n\n".join(
        f"“The ferry number {n} must run all night,” said Bartholomew Featherstonehaugh, a "
        "skipper on the harbour."
        for n in range(6)
    )
    app = _app_on(tmp_path, f"{LONG_NAMED}\n\n{second}")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_speakers(app, pilot)
        assert screen.speakers[1].name == "Bartholomew Featherstonehaugh"
        await pilot.press("down")
        await _until(app, pilot, lambda: screen.shown == "Bartholomew Featherstonehaugh")
        await pilot.press("tab", "down", "down", "down")
        await _until(app, pilot, lambda: screen.quote_table.cursor_row == 3)
        await pilot.resize_terminal(80, 24)
        await _until(app, pilot, lambda: "…" in screen.speaker_table.get_row_at(0)[0].plain)
        await _rounds(app, pilot, 5)  # the quotations' pane refits after the speakers'
        assert screen.speaker_table.cursor_row == 1
        assert screen.shown == "Bartholomew Featherstonehaugh"
        assert screen.quote_table.cursor_row == 3


@pytest.mark.parametrize("broken", ["speakers", "by_speaker"])
async def test_a_reading_that_breaks_says_so_and_lets_go_of_the_keys(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    """Reading the speakers (or one speaker's quotations) that raised what it was not expected
    to sent no answer: the view said "Reading…" and nothing else, and the keys typed in its
    lists were held for 15 seconds (as a search or an export that broke, before)."""
    from annotations.workspace.quoting import Quotes

    def raising(self: Quotes, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the quotation cache broke")

    monkeypatch.setattr(Quotes, broken, raising)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        screen = await press_for(app, pilot, SpeakersScreen, "W")
        await _until(
            app,
            pilot,
            lambda: any("the quotation cache broke" in n.message for n in app._notifications),
        )
        assert any("the quotation cache broke" in n.message for n in app._notifications)
        assert not screen.speaker_table.held.holding
        assert not screen.quote_table.held.holding


@pytest.mark.parametrize(
    "name",
    [
        "アレクサンドラ・モンゴメリー・ホイットフィールド",
        "習近平 and 李克強 of the State Council",
        "❤️" * 15,  # one character, two columns with its variation selector
    ],
)
def test_a_name_in_wide_characters_is_cut_to_the_columns_it_has(name: str) -> None:
    """Names and quotes were cut to a number of characters: a Japanese name cut to 20 took 39
    columns, and the speakers' list scrolled sideways at 80 columns."""
    from rich.cells import cell_len

    from tui.screens.quotes import shorten

    for width in (8, 12, 20):
        cut = shorten(name, width)
        assert cut.endswith("…") and cell_len(cut) <= width, (cut, width)
        assert name.startswith(cut[:-1].rstrip())
    assert shorten("Thomas M. Menino", 12) == "Thomas M.…"  # narrow text cut as before


async def test_a_stance_in_wide_characters_leaves_its_quotation_in_view(
    make_app: AppFactory,
) -> None:
    """The article's title was cut to leave room for the stance counted in characters: a
    stance in Japanese, two columns a character, pushed the row past the pane's right edge."""
    from rich.cells import cell_len

    from library.config import Config, Stance

    stance = "反対の立場だ"  # six characters, twelve columns
    app = make_app(config=Config(stances=(Stance(stance, "1", "red"),)))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.settle()
        meta = next(m for m in app.workspace.articles.listing() if m.title.startswith("Boston"))
        app.workspace.highlights.create(meta.id, quote="It should be scrapped", stance=stance)
        screen = await open_speakers(app, pilot)
        names = [s.name for s in screen.speakers]
        await pilot.press(*["down"] * names.index("Thomas M. Menino"))
        await _until(app, pilot, lambda: screen.shown == "Thomas M. Menino")
        await pilot.pause()
        table = screen.quote_table
        rows = [table.get_row_at(i)[1].plain for i in range(table.row_count)]
        assert any(stance in row for row in rows), rows
        lines = [line for row in rows for line in row.splitlines()]
        assert all(cell_len(line) <= screen._quote_width for line in lines), rows
        assert table.max_scroll_x == 0, "the quotations' pane scrolls sideways"


async def test_the_quotations_are_listed_once_when_they_come_and_when_the_view_widens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quotations were fitted to their pane as it was laid out then: listed, the pane
    changed width (the speakers' rows laid out beside it, then its own scroll bar gone) and they
    were listed again, two or three times, each time rebuilding the rows under the cursor."""
    app = _app_on(tmp_path, LONG_NAMED)
    listed: list[int] = []
    fill = SpeakersScreen._fill

    def counted(self: SpeakersScreen, row: int = 0) -> None:
        listed.append(row)
        fill(self, row)

    monkeypatch.setattr(SpeakersScreen, "_fill", counted)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_speakers(app, pilot)
        await _until(app, pilot, lambda: screen.shown == "Alexandra Montgomery-Whitfield")
        await _rounds(app, pilot, 5)  # a refit would come after the layout
        assert len(listed) == 1
        await pilot.resize_terminal(80, 24)
        await _until(app, pilot, lambda: "…" in screen.speaker_table.get_row_at(0)[0].plain)
        await _rounds(app, pilot, 5)
        listed.clear()
        await pilot.resize_terminal(120, 40)  # wider: names whole again, quotations wider
        await _until(app, pilot, lambda: "…" not in screen.speaker_table.get_row_at(0)[0].plain)
        await _rounds(app, pilot, 5)
        assert len(listed) == 1
        assert screen.speaker_table.max_scroll_x == 0, "the speakers' pane scrolls sideways"
        assert screen.quote_table.max_scroll_x == 0, "the quotations' pane scrolls sideways"


@pytest.mark.parametrize("count", [13, 14])  # the speakers' list at 80×24 shows 13 at once
async def test_the_quotations_fit_beside_the_speakers_scroll_bar_or_none(
    tmp_path: Path, count: int
) -> None:
    """The quotations are fitted to what the speakers' list leaves, counting its scroll bar
    only when its speakers are more than it shows: neither list scrolls sideways either way
    (the first speaker's quotations are more than their list shows, so it has its scroll bar;
    the title, one word, is cut to the very last column)."""
    title = "Council-hears-the-residents-of-the-harbour-road"
    text = f"{title}\n\n" + "\n\n".join(
        f"“Our street number {n} needs a crossing and a pavement on both sides of the road,” "
        f"said Resident{chr(65 + n)} Okafor{n}."
        for n in [*range(count), *[0] * 8]
    )
    app = _app_on(tmp_path, text)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_speakers(app, pilot)
        await _until(app, pilot, lambda: screen.shown is not None)
        await _rounds(app, pilot, 3)
        assert len(screen.speakers) == count
        assert screen.speaker_table.max_scroll_x == 0, "the speakers' pane scrolls sideways"
        assert screen.quote_table.max_scroll_x == 0, "the quotations' pane scrolls sideways"


async def test_the_quotations_heading_and_dates_keep_their_widths_when_listed_again(
    make_app: AppFactory,
) -> None:
    """Listed once (no longer two or three times), the quotations could be drawn before their
    list had measured its rows (a DataTable does so when idle, then keeps the lines it drew while
    its size stays): the columns kept the widths of their headings, each date cut to "2011" and
    "quote · article" over the dates, until the cursor moved (seen at 80×24, a busy machine)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_speakers(app, pilot)
        await _until(app, pilot, lambda: screen.shown is not None)
        await app.settle()
        table = screen.quote_table
        screen._fill()  # listed again at the same size (a refit)
        table.render_lines(Region(0, 0, *table.size))  # and painted before the list is idle
        await _rounds(app, pilot, 3)
        heading, first = table.render_line(0).text, table.render_line(1).text
        assert first.lstrip().startswith("2011-07-13"), first
        assert heading.index("quote · article") == first.index("“"), (heading, first)


HARBOUR_CLIPPINGS = (
    "Harbour Notes (Okafor, Nadia)\n"
    "- Your Highlight on page 3 | Location 40-42 | Added on Monday, March 7, 2016 10:00:00 PM\n"
    "\n"
    "“The plan is far too costly for the city,” said Councillor Ada Byrne on Monday.\n"
    "==========\n"
)


async def test_an_undated_book_s_quotation_has_no_date_and_comes_last(
    tmp_path: Path,
) -> None:
    """A Kindle book of passages has no publication date: its quotations were dated the day it
    was imported, as if said then. They show no date, after the dated ones (oldest first)."""
    app = _app_on(tmp_path, COUNCIL)  # published 3 March 2026
    clippings = tmp_path / "My Clippings.txt"
    clippings.write_text(HARBOUR_CLIPPINGS, encoding="utf-8")
    app.workspace.imports.run(clippings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_speakers(app, pilot)
        names = [s.name for s in screen.speakers]
        await pilot.press(*["down"] * names.index("Ada Byrne"))
        await _until(app, pilot, lambda: screen.shown == "Ada Byrne")
        table = screen.quote_table
        rows = [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert [(date, what.split("\n")[1]) for date, what in rows] == [
            ("2026-03-03", "Council debates the harbour plan"),
            ("—", "Harbour Notes"),
        ], rows
