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
            article = self._article(annotation)
        if not _stands_in(annotation, article.text):
            # Stored, and counting in another text than the one given (or than the file's, when
            # none was): the freshest copy, checked against the article's text on disk.
            article = self._article(annotation)
            checked = self.workspace.highlights.of_article(article).annotations
            annotation = next((a for a in checked if a.id == annotation.id), annotation)
        refuse_gone(annotation, article.text)
        chosen = style or self.workspace.config.quote_style
        text = format_quote(
            annotation, article, chosen, config=self.workspace.config, markup=markup
        )
        return Quote(text, chosen, missing_message(article.meta, date=False))

    def _article(self, annotation: Annotation) -> Article:
        try:
            return self.workspace.articles.get(annotation.article)
        except ArticleNotFound:
            raise AnnotationError(
                f"highlight {annotation.id[:8]} belongs to article {annotation.article},"
                " which is not in the library (restore it with `margin restore`)"
            ) from None

    def quotations(self, article: Article) -> list[Quotation]:
        """Every quotation in an article, with its speaker and offsets in the canonical text
        (about 0.4 s per million characters: callers with a long article use a worker)."""
        from annotations.quotations import find_quotations

        return find_quotations(article.text, article.blocks)

    def copy(self, text: str, *, osc52_writer: Callable[[str], None] | None = None) -> CopyResult:
        """Put text on the system clipboard, else send it to the terminal's (OSC 52)."""
        from annotations.clipboard import copy_text

        return copy_text(text, osc52_writer=osc52_writer)


class QuoteGone(AnnotationError):
    """A highlight whose words the article no longer holds as they were highlighted."""


def _stands_in(annotation: Annotation, text: str) -> bool:
    """Whether the highlight counts in text and its quote stands at its offsets there."""
    return (
        not annotation.orphaned
        and annotation.anchored_in(text)
        and text[annotation.start : annotation.end] == annotation.quote
    )


def refuse_gone(annotation: Annotation, text: str) -> None:
    """QuoteGone, saying what to do, unless the highlight's words stand in text as highlighted.

    An orphaned highlight lost its words; one re-anchored approximately now covers changed
    words (its former ones in `original_quote`) until the user confirms it: neither is quoted.
    """
    short = annotation.id[:8]
    if annotation.orphaned:
        raise QuoteGone(
            f"highlight {short} lost its words: the article no longer contains them; "
            "see `margin annotations --orphaned` and highlight the passage again"
        )
    if annotation.needs_review and (annotation.original_quote or annotation.quote) != (
        annotation.quote
    ):
        raise QuoteGone(
            f"highlight {short} now covers changed words (it was on other words); check it "
            f"with `margin annotations --review`, then `margin annotate {short} --reviewed` "
            "or highlight the passage again"
        )
    if text[annotation.start : annotation.end] != annotation.quote:
        raise QuoteGone(
            f"highlight {short} does not stand on its words in the article (was its file "
            "edited by hand?); delete it with `margin unhighlight` and highlight the passage again"
        )
