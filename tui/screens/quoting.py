"""The open article's quotations in the reader: found on a worker, listed by `Q`, and the source
of the speaker `h` fills in."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotations.quotations import Quotation
    from library.model import Article
    from tui.screens.main import MainScreen
    from tui.screens.quotes import QuoteChoice

# Quotations (and the speaker h fills in) are found on opening up to this length (~80 ms);
# a longer article has them found when the quotes list (Q) is first opened.
EAGER_QUOTES_CHARS = 200_000


class ArticleQuotations:
    """The quotations of the article on screen (None until found)."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.found: list[Quotation] | None = None

    def article_opened(self, article: Article) -> None:
        """A new text is on screen: forget the old quotations, find these (if short enough)."""
        self.found = None
        if len(article.text) <= EAGER_QUOTES_CHARS:
            self._find(article)

    def _find(self, article: Article) -> None:
        """Find the article's quotations off the UI thread (about 2 s for 5 MB)."""
        screen = self.screen
        quotes = screen.context.workspace.quotes

        def run() -> None:
            found = quotes.quotations(article)
            screen.app.call_from_thread(self._found, article, found)

        screen.run_worker(run, thread=True, exclusive=True, group="quotes", exit_on_error=False)

    def _found(self, article: Article, found: list[Quotation]) -> None:
        if self.screen.article is article:  # still the text they were found in
            self.found = found

    def show(self) -> None:
        """List the quotations with their speakers; enter jumps to one, h highlights it."""
        from tui.screens.quotes import QuotesScreen

        screen = self.screen
        article = screen.article
        if article is None:
            screen.notify("Open an article first.")
            return
        listing = QuotesScreen(article.text, self.found, blocks=article.blocks, title=article.title)
        screen.app.push_screen(listing, lambda choice: self._chosen(article, choice))
        if self.found is None:
            self._find(article)  # for the speaker of highlights made from now on

    def _chosen(self, article: Article, choice: QuoteChoice | None) -> None:
        screen = self.screen
        if choice is None or screen.article is not article:
            return
        quote = choice.quotation
        if choice.action == "highlight":
            screen.editor.highlight_span(quote.start, quote.end)
            return
        screen.reader.clear_selection()
        screen.reader.move_cursor(quote.start)
        screen.set_focus(screen.reader)
