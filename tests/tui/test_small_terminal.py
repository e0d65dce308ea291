"""At 80×24 the reader still says everything whole: toasts, the quotations list, find, the
import dialog and the status line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from annotations.clipboard import reset_explanations
from library.store import Library
from tests.conftest import NEWS_TEXT, SECOND
from tui.app import MarginApp
from tui.screens.main import MainScreen

SMALL = (80, 24)


def screen_lines(app: MarginApp) -> list[str]:
    """The screen as painted, one string a row (toasts and dialogs included)."""
    update = app.screen._compositor.render_update(full=True)
    strips = getattr(update, "strips", None)
    assert strips is not None
    return ["".join(s.text for s in line) for line in strips]


def _library(tmp_path: Path, text: str = NEWS_TEXT) -> Path:
    root = tmp_path / "lib"
    library = Library(root)
    for name, body in (("boston.txt", text), ("buses.txt", SECOND)):
        source = tmp_path / name
        source.write_text(body, encoding="utf-8")
        library.import_file(source)
    return root


async def _open(app: MarginApp, pilot: Pilot[None], title: str = "Boston") -> MainScreen:
    await app.settle()
    screen = app.screen
    assert isinstance(screen, MainScreen)
    article = next(i.meta for i in screen.library_list.items if i.meta.title.startswith(title))
    screen.open_article(article.id, focus=True)
    await app.settle()
    await pilot.pause()
    return screen


async def test_the_toasts_from_y_leave_room_and_keep_the_command_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article without author: `h` then `y` (the first copy of the session, so OSC 52 is
    explained) at 80×24 shows at most half the screen of toasts, and the suggested
    `margin edit ID …` command keeps the id whole on one line."""
    monkeypatch.delenv("TMUX", raising=False)
    reset_explanations()
    root = _library(tmp_path, NEWS_TEXT.replace("By Maria Sacchetti\n", ""))
    app = MarginApp(root)
    # Both toasts stay while the test looks: "Highlighted" lasts 2 s, and on a busy machine more
    # than that can pass between `h` and the copy's toast (the test is about the two at once).
    notify = app.notify
    monkeypatch.setattr(
        app, "notify", lambda message, **kw: notify(message, **kw | {"timeout": 60})
    )
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        screen = await _open(app, pilot)
        assert screen.article is not None
        await pilot.press("h")
        await app.settle()
        await pilot.press("y")
        await app.settle()  # the copy is done and its toast raised
        for _ in range(100):  # mounted and laid out: a pause or two, more when the CPU is busy
            toasts = list(app.screen.query("Toast"))
            if len(toasts) >= 2 and all(t.outer_size.height for t in toasts):
                break
            await pilot.pause()
        assert len(toasts) >= 2
        rows = sum(t.outer_size.height + 1 for t in toasts)  # with the gap between them
        assert rows <= SMALL[1] // 2, rows
        shown = screen_lines(app)
        assert any(screen.article.id in line for line in shown), shown
        assert any("--author NAME" in line for line in shown), shown


async def test_the_quotations_list_cuts_quotes_at_a_word_with_an_ellipsis() -> None:
    """At 80×24 every quote is shown whole or cut between words with `…`, inside the dialog;
    on a terminal too narrow for that the list says that it scrolls sideways."""
    from annotations.quotations import find_quotations
    from tests.tui.test_quotes_screen import QuotesApp, _seed
    from tui.screens.quotes import QuotesScreen

    article = _seed()
    quotes = find_quotations(article.text, article.blocks)
    for size in (SMALL, (46, 24)):
        screen = QuotesScreen(article.text, quotes, blocks=article.blocks, title=article.title)
        app = QuotesApp(screen)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.pause()
            table = screen.table
            status = str(screen.query_one("#quotes-status").render())
            if size == SMALL:
                assert table.max_scroll_x == 0
                assert "scroll" not in status
                painted = "\n".join(screen_lines(app))
                cut = 0
                for index, quotation in enumerate(quotes[: table.size.height - 1]):
                    shown = table.get_row_at(index)[1].plain.strip("“”")
                    assert f"“{shown}”" in painted, shown  # drawn whole
                    full = " ".join(quotation.text.split())
                    if shown != full:
                        cut += 1
                        assert shown.endswith("…")
                        kept = shown[:-1]
                        assert full.startswith(kept) and full[len(kept)] == " ", shown
                assert cut  # the seed has quotations longer than 80 columns allow
            else:
                assert table.max_scroll_x > 0
                assert "← → scroll" in status


async def test_find_as_you_type_brings_the_first_match_into_view(tmp_path: Path) -> None:
    """At 80×24 a match below the screen comes into view as it is typed, before enter; escape
    goes back to where the cursor was, enter selects that match."""
    from tests.tui.test_reopen import LONG

    root = tmp_path / "lib"
    Library(root).import_bytes(LONG.encode(), "long.txt")
    app = MarginApp(root)
    async with app.run_test(size=SMALL) as pilot:
        screen = await _open(app, pilot, "A long report")
        assert screen.article is not None
        reader = screen.reader
        assert reader.layout_ is not None
        target = screen.article.text.index("Paragraph 57 ")
        await pilot.press("slash", *"Paragraph 57 ")
        await pilot.pause()
        top = int(reader.scroll_y)
        assert top <= reader.layout_.y_of_offset(target) < top + reader.size.height
        assert "Paragraph 57 says" in "\n".join(screen_lines(app))
        assert "1 match" in str(screen.query_one("#status").render())
        await pilot.press("escape")
        await pilot.pause()
        assert reader.cursor == 0 and int(reader.scroll_y) == 0
        await pilot.press("slash", *"Paragraph 57 ", "enter")
        await pilot.pause()
        assert reader.selection == (target, target + len("Paragraph 57 "))


async def test_the_import_hint_and_the_status_line_are_whole(tmp_path: Path) -> None:
    """At 80×24 the import dialog's hint wraps inside the dialog (naming the tools whose
    exports it reads: it named only file suffixes), and the status line in
    selection mode says how to highlight and cancel, whole."""
    app = MarginApp(_library(tmp_path))
    async with app.run_test(size=SMALL) as pilot:
        await _open(app, pilot)
        await pilot.press("v", "w", "w")
        await pilot.pause()
        status = screen_lines(app)[-2]
        assert "SELECT (h highlights, esc cancels)" in status, status
        await pilot.press("escape", "i")
        await pilot.pause()
        await pilot.pause()
        box = app.screen.query_one("#import").region
        inside = [line[box.x + 1 : box.right - 1] for line in screen_lines(app)[box.y : box.bottom]]
        painted = " ".join(" ".join(line.split()) for line in inside)
        assert "URL, or an export from Omnivore," in painted, painted  # the registry's tools
        assert "Pocket, Instapaper, Readwise or Kindle. → completes." in painted, painted
    from tui.screens.main import fit_status

    parts = [("12%", ""), ("on highlight · oppose", "on highlight · oppose")]
    parts.append(("3 matches for “eroding trust”", "3 matches"))
    assert fit_status(parts, 80) == "12% · on highlight · oppose · 3 matches for “eroding trust”"
    assert fit_status(parts, 40) == "12% · on highlight · oppose · 3 matches"
    assert fit_status(parts, 34) == "on highlight · oppose · 3 matches"
    assert fit_status(parts, 20) == "on highlight ·…"


MANY_SPEAKERS = "\n\n".join(
    f"“Our street number {n} needs a new crossing soon,” said Resident{chr(65 + n)} Okafor{n}."
    for n in range(26)
)


async def test_long_quotations_and_speakers_lists_keep_their_key_hint(tmp_path: Path) -> None:
    """At 80×24 a list taller than the screen scrolls inside its dialog: the dialog's key hint
    stays painted below it (it was cut off the bottom)."""
    from tests.tui.test_speakers_screen import open_speakers
    from tui.screens.quotes import QuotesScreen

    app = MarginApp(_library(tmp_path, "Street talk\n\n" + MANY_SPEAKERS))
    async with app.run_test(size=SMALL) as pilot:
        await _open(app, pilot, "Street")
        await pilot.press("Q")  # the article's quotations
        await app.settle()
        await pilot.pause()
        quotes = app.screen
        assert isinstance(quotes, QuotesScreen) and quotes.table.row_count == 26
        painted = "\n".join(screen_lines(app))
        assert "enter jump · h highlight with the speaker · escape close" in painted
        await pilot.press("escape")
        speakers = await open_speakers(app, pilot)  # W: the library's speakers
        assert len(speakers.speakers) > 20
        painted = "\n".join(screen_lines(app))
        assert "↑↓ speakers · tab quotations · enter open · h highlight · escape close" in painted
