"""What every export format shares: options, the Exporter record, errors and small text helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeAlias

from annotations.citation import Markup, format_quote, plain_author
from annotations.errors import AnnotationError
from annotations.model import Annotation
from library.config import Config
from library.model import ArticleMeta
from library.text import strip_controls

ExportGroup: TypeAlias = tuple[ArticleMeta, Sequence[Annotation]]
UNTAGGED = "Untagged"
NO_STANCE = "No stance"


class ExportError(AnnotationError):
    """An export could not be made or written; nothing partial was left behind."""


class UnknownFormat(ExportError):
    """The format name is not one of FORMATS."""

    def __init__(self, name: str) -> None:
        from annotations.export.registry import FORMATS

        self.name = name
        super().__init__(f"unknown export format {name!r}; choose one of: {', '.join(FORMATS)}")


class ExportExists(ExportError):
    """The export file exists and overwriting was not asked for; it is left as it was."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} exists already; choose another name or replace it")


class NothingToExport(ExportError):
    """No highlight matched; an empty summary would only hide the mistake."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How to render: the quote style for md/txt/html, dates that would otherwise be today's."""

    style: str = "plain"  # any name format_quote accepts (md, txt and html only)
    config: Config = field(default_factory=Config)
    accessed: date | None = None  # for citations' access dates; today when None
    generated: str | None = None  # the export's timestamp (ISO); now when None
    width: int = 76  # wrap column of the txt format
    title: str | None = None  # the summary's title; the article's title when there is one
    # The tags the scope was filtered by: a highlight with several tags is listed under the
    # first of these it carries, so `--tag economy` lists everything under "economy".
    tags: tuple[str, ...] = ()
    # A layout given in full (the brief board): (tag, stance, highlight ids) in the order to
    # list them, a highlight under every tag it stands in; None groups by tag then stance.
    layout: tuple[tuple[str | None, str | None, tuple[str, ...]], ...] | None = None
    # Quotes formatted beforehand, by (highlight id, markup): a library-wide export formats
    # each while its article's text is at hand, then lets the text go.
    quotes: Mapping[tuple[str, str], str] | None = None
    # The label of the page (or Kindle location) each highlight starts on and what the label
    # counts (the article's locator: "page", "location", "chapter"), by highlight id, in the
    # paginated articles, for a format that reads_pages; found while the article is at hand.
    pages: Mapping[str, tuple[str, str]] | None = None


# A renderer returns the whole document, or its text in parts as they are rendered.
Renderer: TypeAlias = Callable[
    [Sequence[ExportGroup], ExportOptions], "str | bytes | Iterator[str]"
]


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format: its renderer, file suffix and a line for help texts.

    A text format's renderer returns str (written as UTF-8); a binary one returns bytes and
    sets binary, so a front end can refuse to send it to a terminal.
    """

    name: str
    render: Renderer
    suffix: str
    description: str
    uses_style: bool = False
    binary: bool = False
    cites: bool = True  # prints citations: an export warns when an article's metadata is thin
    # The markup its quotes are formatted in (quote() with it), for formats that show quotes.
    quote_markup: Markup | None = None
    # Whether it reads the articles' texts, blocks or pages itself (beyond its quotes' style).
    reads_text: bool = True
    # Whether it writes the page each highlight is on (ExportOptions.pages).
    reads_pages: bool = False


def clean(value: str | None) -> str:
    """User or article text without controls and outer whitespace."""
    return strip_controls(value or "").strip()


def all_highlights(groups: Sequence[ExportGroup]) -> list[tuple[ArticleMeta, Annotation]]:
    """Every (article, highlight) pair, in group order."""
    return [(meta, ann) for meta, anns in groups for ann in anns]


def summary_title(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    """The export's title: the one asked for, else the only article's, else a generic one."""
    if options.title:
        return clean(options.title)
    if len(groups) == 1:
        return clean(groups[0][0].title) or "Annotated summary"
    return "Annotated summary"


def pretty_date(value: str | None) -> str:
    """An ISO date as "21 March 2026"; anything unreadable is shown as it is."""
    if not value:
        return ""
    try:
        parsed = date.fromisoformat(value[:10])
    except ValueError:
        return clean(value)
    return f"{parsed.day} {parsed.strftime('%B')} {parsed.year}"


def byline(meta: ArticleMeta) -> list[str]:
    """Authors, publication, date: the parts of an article's byline that are known."""
    authors = ", ".join(plain_author(clean(a)) for a in meta.authors if clean(a))
    return [p for p in (authors, clean(meta.publication), pretty_date(meta.published)) if p]


def flags(ann: Annotation) -> list[str]:
    """Warnings a reader of the export must see: the highlight's words moved or are gone."""
    found = []
    if ann.orphaned:
        found.append("orphaned: these words are no longer in the article")
    elif ann.needs_review:
        found.append("re-anchored approximately: check it")
    return found


def quote(ann: Annotation, meta: ArticleMeta, options: ExportOptions, markup: Markup) -> str:
    """The highlight as a quote in the export's style."""
    if options.quotes is not None:
        found = options.quotes.get((ann.id, markup))
        if found is not None:
            return found
    return format_quote(
        ann, meta, options.style, config=options.config, accessed=options.accessed, markup=markup
    )
