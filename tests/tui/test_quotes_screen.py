"""The quotations screen on its own, pushed by a tiny app: list, enter, h, escape."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from annotations.quotations import find_quotations
from library.importer import build_article, parse_source, read_file
from library.model import Article
from tui.screens.quotes import QuoteChoice, QuotesScreen

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "news" / "boston-secure-communities.txt"


def _seed() -> Article:
    return build_article(parse_source(read_file(SEED, 10_000_000)), str(SEED), "")


class QuotesApp(App[None]):
    """Pushes the screen and keeps what it dismissed with."""

    def __init__(self, screen: QuotesScreen) -> None:
        super().__init__()
        self.quotes_screen = screen
        self.results: list[QuoteChoice | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.quotes_screen, self.results.append)


async def test_enter_jumps_to_the_chosen_quotation() -> None:
    article = _seed()
    quotes = find_quotations(article.text, article.blocks)
    app = QuotesApp(QuotesScreen(article.text, quotes, blocks=article.blocks, title=article.title))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.quotes_screen.table
        assert table.row_count == len(quotes)
        speaker, quote, where = table.get_row_at(0)
        assert speaker.plain == "Thomas M. Menino"
        assert quote.plain.startswith("“We want the federal government")
        assert where.plain.startswith("¶2 · ")
        await pilot.press("down")  # the block quote
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [QuoteChoice(quotes[1], "jump")]
    assert quotes[1].kind == "block"


async def test_h_highlights_and_escape_closes() -> None:
    article = _seed()
    quotes = find_quotations(article.text, article.blocks)
    app = QuotesApp(QuotesScreen(article.text, quotes))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down", "h")  # the ICE quotation
        await pilot.pause()
        choice = app.results[-1]
        assert choice is not None
        assert choice.action == "highlight"
        assert choice.quotation.speaker == "U.S. Immigration and Customs Enforcement (ICE)"
        app.push_screen(QuotesScreen(article.text, quotes), app.results.append)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.results[-1] is None


async def test_quotations_found_in_a_worker_when_only_the_text_is_given() -> None:
    article = _seed()
    app = QuotesApp(QuotesScreen(article.text, blocks=article.blocks))
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.quotes_screen.table.row_count == 7
        status = app.quotes_screen.query_one("#quotes-status")
        assert "7 quotations" in str(status.render())


async def test_markup_in_a_quote_is_shown_as_written() -> None:
    text = "“[bold]Loud[/bold] and [link=x]clear[/link],” said Ada Byron."
    app = QuotesApp(QuotesScreen(text, find_quotations(text)))
    async with app.run_test() as pilot:
        await pilot.pause()
        speaker, quote, _ = app.quotes_screen.table.get_row_at(0)
        assert quote.plain == "“[bold]Loud[/bold] and [link=x]clear[/link]”"
        assert speaker.plain == "Ada Byron"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results[0] is not None and app.results[0].action == "jump"


async def test_no_quotations() -> None:
    app = QuotesApp(QuotesScreen("Nobody is quoted.", []))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter", "h")
        await pilot.pause()
        assert app.results == []
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_an_article_without_quotations_shows_no_empty_table() -> None:
    text = "A short note with no quotation marks at all.\n\nA second paragraph, also quiet."
    app = QuotesApp(QuotesScreen(text, title="Quiet"))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.quotes_screen
        status = screen.query_one("#quotes-status")
        assert "No quotations found" in str(status.render())
        assert not screen.table.display  # no header row under the message
        await pilot.press("enter", "h")  # nothing to choose: the dialog stays
        await pilot.pause()
        assert app.results == []
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_a_speaker_in_wide_characters_leaves_the_quotes_in_the_dialog() -> None:
    """The quote column's width left the speakers' column their names' characters: a name in
    Japanese, two columns a character, took twice that, and the list scrolled sideways."""
    from dataclasses import replace

    article = _seed()
    name = "トーマス・メニーノ市長"  # eleven characters, twenty-two columns
    quotes = [replace(q, speaker=name) for q in find_quotations(article.text, article.blocks)]
    screen = QuotesScreen(article.text, quotes, blocks=article.blocks, title=article.title)
    app = QuotesApp(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert screen.table.get_row_at(0)[0].plain == name
        assert screen.table.max_scroll_x == 0, "the quotations list scrolls sideways"
