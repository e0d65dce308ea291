"""The open article's quotations in the reader: found on a worker, listed by `Q`, and the source
of the speaker `h` fills in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.messages import QuotationsFound

if TYPE_CHECKING:
    from annotations.quotations import Quotation
    from library.model import Article
    from tui.screens.article_state import OpenArticle, ReaderHost
    from tui.screens.quotes import QuoteChoice

# Quotations (and the speaker h fills in) are found on opening up to this length (~80 ms);
# a longer article has them found when the quotes list (Q) is first opened.
EAGER_QUOTES_CHARS = 200_000


class ArticleQuotations:
    """The quotations of the article on screen (None until found, kept in the state)."""

    def __init__(
        self,
        state: OpenArticle,
        host: ReaderHost,
        highlight_span: Callable[[int, int], None],
    ) -> None:
        self.state = state
        self.host = host
        self._highlight_span = highlight_span  # `h` on a quotation in the list

    @property
    def found(self) -> list[Quotation] | None:
        """The open article's quotations, once found."""
        return self.state.quotations

    def article_opened(self, article: Article) -> None:
        """A new text is on screen: forget the old quotations, find these (if short enough)."""
        self.state.quotations = None
        self.state.unattributed.clear()
        if len(article.text) <= EAGER_QUOTES_CHARS:
            self._find(article)

    def _find(self, article: Article) -> None:
        """Find the article's quotations off the UI thread (about 2 s for 5 MB)."""
        host = self.host
        quotes = host.context.workspace.quotes

        def run() -> None:
            host.post_message(QuotationsFound(article, quotes.quotations(article)))

        host.run_in_background(run, group="quotes")

    def found_in(self, message: QuotationsFound) -> bool:
        """Quotations found on the worker: kept if their text is still the one on screen
        (then True)."""
        if not self.state.is_open(message.article):
            return False
        self.state.quotations = message.quotations
        return True

    def show(self) -> None:
        """List the quotations with their speakers; enter jumps to one, h highlights it."""
        from tui.screens.quotes import QuotesScreen

        host = self.host
        article = self.state.article
        if article is None:
            host.notify("Open an article first.")
            return
        listing = QuotesScreen(article.text, self.found, blocks=article.blocks, title=article.title)
        host.push_dialog(listing, lambda choice: self._chosen(article, choice))
        if self.found is None:
            self._find(article)  # for the speaker of highlights made from now on

    def _chosen(self, article: Article, choice: QuoteChoice | None) -> None:
        if choice is None or not self.state.is_open(article):
            return
        quote = choice.quotation
        if choice.action == "highlight":
            self._highlight_span(quote.start, quote.end)
            return
        reader = self.host.reader
        reader.clear_selection()
        reader.move_cursor(quote.start)
        self.host.focus_reader()
