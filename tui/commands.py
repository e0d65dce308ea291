"""Command palette provider: open any article by typing part of its title."""

from __future__ import annotations

from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from library.text import clean_inline


class ArticleCommands(Provider):
    """Articles in the library, matched fuzzily against their titles."""

    async def startup(self) -> None:
        app: Any = self.app
        self._articles = [
            (meta.id, clean_inline(meta.title), meta.publication or "", meta.published or "")
            for meta in await self._catalog(app)
        ]

    async def _catalog(self, app: Any) -> list[Any]:
        import asyncio

        return await asyncio.to_thread(app.workspace.articles.listing)

    def _hit(self, score: float, title: str, article_id: str, detail: str, query: str) -> Hit:
        # Titles are untrusted: build Content from the plain string, never from markup.
        display = Content(f"Open: {title}")
        if query:
            matcher = self.matcher(query)
            found_score, offsets = matcher.fuzzy_search.match(query, title)
            if found_score:
                for offset in offsets:
                    display = display.stylize("bold underline", offset + 6, offset + 7)
        return Hit(
            score,
            display,
            lambda: self.app.call_later(self._open, article_id),
            text=f"Open: {title}",
            help=escape(detail),
        )

    def _open(self, article_id: str) -> None:
        app: Any = self.app
        app.open_article(article_id)

    async def discover(self) -> Hits:
        for article_id, title, publication, published in self._articles[:30]:
            detail = " · ".join(p for p in (publication, published) if p)
            yield DiscoveryHit(
                Content(f"Open: {title}"),
                lambda a=article_id: self._open(a),
                text=f"Open: {title}",
                help=escape(detail),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for article_id, title, publication, published in self._articles:
            score = matcher.match(title)
            if score > 0:
                detail = " · ".join(p for p in (publication, published) if p)
                yield self._hit(score, title, article_id, detail, query)
