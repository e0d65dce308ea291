"""Quote use cases: a highlight (or a passage) as a quote with its citation, and copying it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotations.errors import AnnotationError
from annotations.model import Annotation
from library.errors import ArticleNotFound

if TYPE_CHECKING:
    from annotations.citation import Markup
    from annotations.clipboard import CopyResult
    from annotations.quotations import Quotation
    from annotations.workspace.core import Workspace
    from library.model import Article


@dataclass(frozen=True, slots=True)
class Quote:
    """A formatted quote, the style it is in, and what its citation lacks (None: nothing)."""

    text: str
    style: str
    missing: str | None  # e.g. "citation lacks author; add it with: margin edit … --author NAME"


class Quotes:
    """Formatting and copying quotes."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def styles(self) -> list[str]:
        """The built-in citation styles and the config's templates."""
        from annotations.citation import style_names

        return style_names(self.workspace.config)

    def format(
        self,
        source: str | Annotation,
        *,
        article: Article | None = None,
        style: str | None = None,
        markup: Markup = "text",
    ) -> Quote:
        """A highlight (by id or prefix, or a passage not stored) as a quote in a style.

        The style defaults to the config's; UnknownStyle lists the choices.
        """
        from annotations.citation import format_quote, missing_message

        annotation = self.workspace.highlights.get(source) if isinstance(source, str) else source
        if article is None or article.id != annotation.article:
            try:
                article = self.workspace.articles.get(annotation.article)
            except ArticleNotFound:
                raise AnnotationError(
                    f"highlight {annotation.id[:8]} belongs to article {annotation.article},"
                    " which is not in the library (restore it with `margin restore`)"
                ) from None
        chosen = style or self.workspace.config.quote_style
        text = format_quote(
            annotation, article, chosen, config=self.workspace.config, markup=markup
        )
        return Quote(text, chosen, missing_message(article.meta, date=False))

    def quotations(self, article: Article) -> list[Quotation]:
        """Every quotation in an article, with its speaker and offsets in the canonical text
        (about 0.4 s per million characters: callers with a long article use a worker)."""
        from annotations.quotations import find_quotations

        return find_quotations(article.text, article.blocks)

    def copy(self, text: str, *, osc52_writer: Callable[[str], None] | None = None) -> CopyResult:
        """Put text on the system clipboard, else send it to the terminal's (OSC 52)."""
        from annotations.clipboard import copy_text

        return copy_text(text, osc52_writer=osc52_writer)
