"""A highlight and its article gathered for the styles: cleaned fields, names, dates and context."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from annotations.citation.markup import Marks, Markup
from annotations.citation.names import Name, names, plain_author
from annotations.citation.quotes import nest_quotes, run_in
from annotations.model import Annotation
from library.dates import PartialDate
from library.model import BLOCK_SEPARATOR, Article, ArticleMeta, Block
from library.text import strip_controls


@dataclass(frozen=True, slots=True)
class Source:
    """Everything a style needs, cleaned of control characters."""

    annotation: Annotation
    title: str
    authors: list[str]
    publication: str
    published: PartialDate | None
    url: str
    speaker: str  # explicit speaker of the quote, "" when it is the author's own words
    accessed: date
    article_text: str | None
    blocks: list[tuple[str, int, int]]  # (kind, start, end) over article_text
    m: Marks

    @property
    def names(self) -> list[Name]:
        """The authors, parsed into persons and groups."""
        return names(self.authors)

    @property
    def quote(self) -> str:
        """The highlighted words, exactly, without control characters."""
        return clean(self.annotation.quote)

    @property
    def prose_quote(self) -> str:
        """The quote run in on one line with its inner quotes nested, for the prose styles."""
        return nest_quotes(run_in(self.quote))

    @property
    def bare_url(self) -> str:
        """The URL without http:// or https:// (as MLA 9 prints it)."""
        return re.sub(r"^https?://", "", self.url)


def clean(value: str | None) -> str:
    """A stored string without control characters or outer space."""
    return strip_controls(value or "").strip()


# The last article's blocks as (kind, start, end): an export formats an article's highlights
# one after another, and listing 300 blocks again for each of them cost a quarter of the time.
_last_blocks: list[tuple[Article, list[Block], list[tuple[str, int, int]]]] = []


def _blocks_of(article: Article) -> list[tuple[str, int, int]]:
    """article.blocks as (kind, start, end), reused while the article and its blocks are the
    same objects (a new list of blocks is listed anew)."""
    if _last_blocks:
        last, listed, spans = _last_blocks[0]
        if last is article and listed is article.blocks and len(spans) == len(listed):
            return spans
    spans = [(b.kind, b.start, b.end) for b in article.blocks]
    _last_blocks[:] = [(article, article.blocks, spans)]
    return spans


def build_source(
    annotation: Annotation,
    article: ArticleMeta,
    accessed: date | None,
    markup: Markup,
    context_text: str | None,
) -> Source:
    """The Source for one highlight; blocks come from the Article, else from context_text."""
    speaker = clean(annotation.speaker)
    authors = [clean(a) for a in article.authors if clean(a)]
    shown = {plain_author(a).casefold() for a in authors}
    if speaker and plain_author(speaker).casefold() in shown:
        speaker = ""
    blocks: list[tuple[str, int, int]] = []
    text = context_text
    if isinstance(article, Article) and article.text:
        text = article.text
        blocks = _blocks_of(article)
    if text and not blocks:
        offset = 0
        for part in text.split(BLOCK_SEPARATOR):
            blocks.append(("paragraph", offset, offset + len(part)))
            offset += len(part) + len(BLOCK_SEPARATOR)
    return Source(
        annotation=annotation,
        title=clean(article.title),
        authors=authors,
        publication=clean(article.publication),
        published=PartialDate.from_iso(article.published),
        url=clean(article.url),
        speaker=plain_author(speaker) if speaker else "",
        accessed=accessed or date.today(),
        article_text=text,
        blocks=blocks,
        m=Marks(markup),
    )


@dataclass(frozen=True, slots=True)
class QuoteStyle:
    """A built-in quote style: its name, a one-line description and its renderer."""

    name: str
    description: str
    render: Callable[[Source], str]
