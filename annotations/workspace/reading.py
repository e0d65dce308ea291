"""Reading use cases: open an article with its highlights and place; remember where reading
stopped and which article was open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.store import ReanchorReport
    from annotations.workspace.core import Workspace
    from library.model import Article
    from library.state import Position


@dataclass(frozen=True, slots=True)
class Opened:
    """An article ready to read: its text, its highlights (checked against the text), and
    where reading stopped last time (None: never read)."""

    article: Article
    annotations: list[Annotation]
    position: Position | None
    repaired: ReanchorReport | None  # highlights that counted in another text were re-anchored


class Reading:
    """Reading state of a workspace (`state.json`)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def open(self, article_id: str) -> Opened:
        """Read an article, its highlights and its saved place."""
        workspace = self.workspace
        article = workspace.articles.get(article_id)
        found = workspace.highlights.of_article(article)
        position = workspace.state.position(article_id)
        return Opened(article, found.annotations, position, found.repaired)

    def position(self, article_id: str) -> Position | None:
        """Where reading of an article stopped."""
        return self.workspace.state.position(article_id)

    def set_position(self, article_id: str, offset: int, cursor: int) -> Position:
        """Remember the first character shown and the cursor's, durably."""
        return self.workspace.state.set_position(article_id, offset, cursor)

    def last_article(self) -> str | None:
        """The article open when the reader last closed."""
        return self.workspace.state.last_article()

    def set_last_article(self, article_id: str | None) -> None:
        """Remember the open article."""
        self.workspace.state.set_last_article(article_id)

    def recently_read(self) -> dict[str, str]:
        """When each article was last read (ISO time), by id."""
        return self.workspace.state.recently_read()
