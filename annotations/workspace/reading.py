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


@dataclass(frozen=True, slots=True)
class ReaderSettings:
    """What the reader remembers between sessions besides the reading place."""

    theme: str | None = None  # a theme picked in the palette (None: the config's)
    sort: str | None = None  # the library pane's order
    library_pane: bool = True
    highlights_pane: bool = True


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

    def read(self, article_id: str) -> Article:
        """An article to print or scan (`margin show`, `margin quotes`), its highlights checked
        against its text on the way, as opening does (re-anchored ones are saved)."""
        article = self.workspace.articles.get(article_id)
        self.workspace.highlights.of_article(article)
        return article

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

    def settings(self) -> ReaderSettings:
        """The reader's settings as last chosen in it (theme, sort, panes shown)."""
        raw = self.workspace.state.settings()
        theme, sort = raw.get("theme"), raw.get("sort")
        return ReaderSettings(
            theme=theme if isinstance(theme, str) else None,
            sort=sort if isinstance(sort, str) else None,
            library_pane=raw.get("library_pane") is not False,
            highlights_pane=raw.get("highlights_pane") is not False,
        )

    def save_settings(self, **values: str | bool | None) -> None:
        """Remember settings chosen in the reader (theme=, sort=, library_pane=, …)."""
        unknown = set(values) - set(ReaderSettings.__dataclass_fields__)
        if unknown:
            raise ValueError(f"not a reader setting: {', '.join(sorted(unknown))}")
        self.workspace.state.set_settings(**values)

    def recently_read(self) -> dict[str, str]:
        """When each article was last read (ISO time), by id."""
        return self.workspace.state.recently_read()
