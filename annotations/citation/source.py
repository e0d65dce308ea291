"""A highlight and its article gathered for the styles: cleaned fields, names, dates and context."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from annotations.citation.casing import NO_EVIDENCE, Evidence, evidence, is_all_caps
from annotations.citation.locators import Locator, locate
from annotations.citation.markup import Marks, Markup
from annotations.citation.names import Name, names, plain_author, same_person
from annotations.citation.quotes import prose_frame
from annotations.citation.titles import TitleStyle, headline_case, is_case_name, sentence_case
from annotations.model import Annotation
from library.dates import PartialDate
from library.model import BLOCK_SEPARATOR, ITEM_TYPES, Article, ArticleMeta, Block
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
    subtitle: str = ""
    language: str | None = None  # BCP 47, None when unknown (cased as English)
    # A CSL type, or "" when the article states none and names no publication: then the styles
    # keep their older, neutral form (a quoted title), as nothing says it is a web page.
    item_type: str = ""
    publisher: str = ""  # a book's publisher, a report's institution
    number: str = ""  # a report's number
    volume: str = ""
    issue: str = ""
    page_range: str = ""  # the pages a journal article or chapter spans
    doi: str = ""  # bare: 10.1000/xyz
    isbn: str = ""
    editors: tuple[str, ...] = ()
    locator: Locator | None = None  # the page(s) or chapter of the highlight, when paginated
    is_case: bool = False  # a court's opinion (`cited_as_case`), cited in the Bluebook's form

    @property
    def doi_url(self) -> str:
        """The DOI as all three manuals print it: https://doi.org/10.1000/xyz."""
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def link(self) -> str:
        """The DOI when there is one, else the URL (APA 9.34, MLA 9 2.118, CMOS 14.8)."""
        return self.doi_url or self.url

    @property
    def editor_names(self) -> list[Name]:
        """The editors of the book a chapter is in, parsed."""
        return names(self.editors)

    @property
    def evidence(self) -> Evidence:
        """How the article writes its words (proper nouns, acronyms), for sentence case."""
        return evidence(
            self.article_text, self.authors, self.subtitle, f"{self.title} {self.publication}"
        )

    def headline(self, title: str, style: TitleStyle) -> str:
        """A title in the style's headline case, for the article's language."""
        ev = self.evidence if is_all_caps(title) else NO_EVIDENCE
        return headline_case(title, style, self.language, ev)

    def sentence_case(self, title: str) -> str:
        """A title in APA's sentence case, keeping what the article shows are proper nouns."""
        return sentence_case(title, self.language, self.evidence)

    @property
    def names(self) -> list[Name]:
        """The authors, parsed into persons and groups."""
        return names(self.authors)

    @property
    def quote(self) -> str:
        """The highlighted words, exactly, without control characters."""
        return clean(self.annotation.quote)

    @property
    def prose_frame(self) -> tuple[str, str, str]:
        """The quote's marks and its words between them, for the prose styles (`prose_frame`)."""
        return prose_frame(self.quote, self.annotation.place)

    @property
    def bare_url(self) -> str:
        """The URL without http:// or https:// (as MLA 9 prints it)."""
        return re.sub(r"^https?://", "", self.url)


def item_type_of(meta: ArticleMeta) -> str:
    """The CSL item type an article is cited as: its own, else a newspaper article when it names
    a publication, a document when it is a PDF from a file with no URL, and a web page else
    (what Margin assumed before item types).

    A stand-alone PDF is no web page: Zotero cites one (an attachment without a parent item)
    as CSL's "document", the type CSL 1.0.2 gives a work no other type fits, and exports it to
    BibTeX and biblatex as @misc. A report or a journal article it says it is gets that type
    at import (`library.importers.pdf.guess_type`)."""
    stated = (meta.item_type or "").strip()
    if stated in ITEM_TYPES:
        return stated
    if clean(meta.publication):
        return "article-newspaper"
    source = clean(meta.source).casefold()
    if not clean(meta.url) and source.endswith(".pdf") and "://" not in source:
        return "document"
    return "webpage"


def stated_type(meta: ArticleMeta) -> str:
    """The article's own type; a newspaper article when it only names a publication; else ""."""
    stated = (meta.item_type or "").strip()
    if stated in ITEM_TYPES:
        return stated
    return "article-newspaper" if clean(meta.publication) else ""


def cited_as_case(meta: ArticleMeta) -> bool:
    """Whether an article is a court's opinion: of no stated type, by no one, titled by a case's
    name (as the PDF importer titles an opinion). Legal material is cited by the case's name,
    which needs no author, publication or URL."""
    no_author = not any(a.strip() for a in meta.authors)
    return no_author and not stated_type(meta) and is_case_name(clean(meta.title))


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


# The last article's cleaned fields: an export formats an article's highlights one after
# another, and cleaning its seventeen fields again for each highlight was most of the time of
# building a Source. Keyed by the raw values (an article is mutable), not by the object alone.
_last_article: list[tuple[tuple[Any, ...], dict[str, Any]]] = []


def _article_fields(
    article: ArticleMeta, accessed: date | None, markup: Markup, context_text: str | None
) -> dict[str, Any]:
    """The fields of a Source that depend on the article alone, cleaned."""
    full = article if isinstance(article, Article) and article.text else None
    key = (
        article.title,
        tuple(article.authors),
        article.publication,
        article.published,
        article.url,
        article.subtitle,
        article.language,
        article.item_type,
        article.publisher,
        article.number,
        article.volume,
        article.issue,
        article.page_range,
        article.doi,
        article.isbn,
        tuple(article.editors),
        accessed,
        markup,
        # By identity: the entry holds both objects, so their ids cannot be reused meanwhile.
        id(full.text) if full else None,
        (id(full.blocks), len(full.blocks)) if full else None,
        None if full else context_text,
    )
    if _last_article and _last_article[0][0] == key:
        return _last_article[0][1]
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
    fields: dict[str, Any] = {
        "title": clean(article.title),
        "publication": clean(article.publication),
        "published": PartialDate.from_iso(article.published),
        "url": clean(article.url),
        "accessed": accessed or date.today(),
        "article_text": text,
        "blocks": blocks,
        "m": Marks(markup),
        "subtitle": clean(article.subtitle),
        "language": clean(article.language) or None,
        "item_type": stated_type(article),
        "publisher": clean(article.publisher),
        "number": clean(article.number),
        "volume": clean(article.volume),
        "issue": clean(article.issue),
        "page_range": clean(article.page_range)
        .replace("-", "\u2013")
        .replace("\u2013\u2013", "\u2013"),
        "doi": re.sub(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", clean(article.doi)),
        "isbn": clean(article.isbn),
        "editors": tuple(clean(e) for e in article.editors if clean(e)),
        "is_case": cited_as_case(article),
    }
    fields["_public"] = dict(fields)  # what a Source is built with, besides the highlight's own
    authors = [clean(a) for a in article.authors if clean(a)]
    fields["_authors"] = authors
    fields["_held"] = (full.text, full.blocks) if full else None
    _last_article[:] = [(key, fields)]
    return fields


def build_source(
    annotation: Annotation,
    article: ArticleMeta,
    accessed: date | None,
    markup: Markup,
    context_text: str | None,
) -> Source:
    """The Source for one highlight; blocks come from the Article, else from context_text."""
    return source_of(annotation, article, _article_fields(article, accessed, markup, context_text))


def article_fields(
    article: ArticleMeta, accessed: date | None, markup: Markup, context_text: str | None
) -> dict[str, Any]:
    """The cleaned fields of the Sources of an article's highlights (see `source_of`): made once
    for all of them by a caller that formats an article's highlights together. The article must
    not change while they are used."""
    return _article_fields(article, accessed, markup, context_text)


def source_of(annotation: Annotation, article: ArticleMeta, fields: dict[str, Any]) -> Source:
    """The Source for one highlight of article, whose cleaned fields are `article_fields`."""
    return Source(
        annotation=annotation,
        authors=list(fields["_authors"]),
        speaker=speaker_of(annotation, fields),
        locator=locate(annotation, article),
        **fields["_public"],
    )


def speaker_of(annotation: Annotation, fields: dict[str, Any]) -> str:
    """The highlight's speaker as cited: "" when it names one of the authors, in any of the
    forms a name is written ("Shinyama" for "Yusuke Shinyama"): their own words."""
    speaker = clean(annotation.speaker)
    if speaker and any(same_person(speaker, author) for author in fields["_authors"]):
        speaker = ""
    return plain_author(speaker) if speaker else ""


@dataclass(frozen=True, slots=True)
class QuoteStyle:
    """A built-in quote style: its name, a one-line description and its renderer."""

    name: str
    description: str
    render: Callable[[Source], str]
    # render for many highlights of one article, given the article and its `article_fields`
    # (the same output, made cheaper: what depends on the article alone is made once).
    prepare: Callable[[ArticleMeta, dict[str, Any]], Callable[[Annotation], str]] | None = None
    # Whether it reads the article's text, blocks or pages (paragraph numbers, page locators,
    # the card's paragraph, the casing of a title in capitals); else the metadata is enough.
    reads_text: bool = True
    # Whether it reads the pages of a paginated article (the locator), though not the text of
    # one without them: an export reads the texts of the paginated articles only.
    reads_pages: bool = True
