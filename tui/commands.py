"""The command palette: Margin's actions from the binding tables, and an article switcher."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.markup import escape
from textual.screen import Screen

from library.display import display_line

MARGIN_BINDINGS = ("app.", "main.", "reader.", "library.")
# Moving the cursor or the list by a line, page, word or sentence means nothing from a palette
# that closes first: these keys are in the footer and the help, not in the palette.
NOT_IN_PALETTE = frozenset(
    {
        "reader.line-down",
        "reader.line-up",
        "reader.page-down",
        "reader.page-up",
        "reader.top",
        "reader.bottom",
        "reader.next-sentence",
        "reader.prev-sentence",
        "reader.next-paragraph",
        "reader.prev-paragraph",
        "reader.next-word",
        "reader.prev-word",
        "reader.cancel",
        "library.down",
        "library.up",
        "library.page-down",
        "library.page-up",
        "library.first",
        "library.last",
    }
)


def describe(binding: Binding) -> str:
    """A binding's description as help and the palette show it."""
    return binding.description


def binding_commands(app: Any, screen: Screen[Any]) -> Iterable[SystemCommand]:
    """Margin's own actions for the palette: one per binding, and one per configured stance.

    Motions and the stance digits (listed by name instead) are left out; descriptions and keys
    are escaped, since stance names and descriptions are the user's own words.
    """
    seen: set[str] = set()
    nodes: list[DOMNode] = [app, screen, *screen.query("*")]
    for node in nodes:
        for binding in getattr(node, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            binding_id = binding.id or ""
            if not binding_id.startswith(MARGIN_BINDINGS) or binding_id in seen:
                continue
            if binding_id in NOT_IN_PALETTE or binding.action.startswith("stance("):
                continue
            seen.add(binding_id)
            keys = binding.key_display or binding.key.split(",")[0]
            yield SystemCommand(
                escape(describe(binding)), f"Key: {escape(keys)}", _runner(node, binding.action)
            )
    for stance in app.workspace.config.stances:
        yield SystemCommand(
            escape(f"Stance: {stance.name}"),
            escape(f"Key: {stance.key} — {stance.description}"),
            _runner(screen, f"stance('{stance.key}')"),
        )


def _runner(node: Any, action: str) -> Any:
    async def run() -> None:
        await node.run_action(action)

    return run


class ArticleCommands(Provider):
    """Articles in the library, matched fuzzily against their titles."""

    async def startup(self) -> None:
        app: Any = self.app
        self._articles = [
            (
                meta.id,
                display_line(meta.title),
                display_line(meta.publication),
                meta.published or "",
            )
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
