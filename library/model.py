"""The article model: metadata plus blocks over one canonical plain text."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "blockquote", "list_item"]
BLOCK_KINDS: tuple[BlockKind, ...] = ("heading", "paragraph", "blockquote", "list_item")
BLOCK_SEPARATOR = "\n\n"

# What kind of work an article is, named as CSL names item types, so the CSL-JSON export and
# each citation style's form per type need no second vocabulary. None means not known: the
# styles then cite it as they always have (a newspaper article when it has a publication).
ITEM_TYPES: tuple[str, ...] = (
    "article-newspaper",
    "article-magazine",
    "post-weblog",
    "webpage",
    "report",
    "article-journal",
    "book",
    "chapter",
)
# What a paginated article's locator counts: printed pages, an EPUB's chapters, or the
# locations of an e-reader's clippings.
LocatorKind = Literal["page", "chapter", "location"]
LOCATOR_KINDS: tuple[LocatorKind, ...] = ("page", "chapter", "location")
# Where a PDF's page labels come from: stated by the file (its /PageLabels), printed on the pages
# and read, or counted by the pages' places in the file (which a journal reprint's do not match).
LabelKind = Literal["stated", "printed", "counted"]
LABEL_KINDS: tuple[LabelKind, ...] = ("stated", "printed", "counted")


def read_label_kind(value: object) -> LabelKind | None:
    """A stored label kind, or None for anything else (not recorded, or edited to nonsense)."""
    return next((kind for kind in LABEL_KINDS if kind == value), None)


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article: a kind and a half-open span [start, end) of the canonical text."""

    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Page:
    """One page (or chapter, or location) of a paginated source: a half-open span [start, end)
    of the canonical text and the label printed on it ("xii", "341", "Chapter 3")."""

    start: int
    end: int
    label: str


@dataclass(slots=True)
class ArticleMeta:
    """What the library knows about an article without reading its text."""

    id: str
    title: str
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    publication: str | None = None
    section: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    url: str | None = None
    source: str | None = None  # file path or URL it was imported from
    imported: str = ""  # ISO timestamp, UTC
    tags: list[str] = field(default_factory=list)
    words: int = 0
    content_hash: str = ""  # sha256 of title and canonical text; detects changed re-imports
    # Bibliographic fields beyond a news article's (None or empty where unknown or not relevant).
    item_type: str | None = None  # one of ITEM_TYPES
    language: str | None = None  # BCP 47 tag: "en", "fr", "en-GB"
    publisher: str | None = None  # a book's publisher, a report's institution
    number: str | None = None  # a report's number
    volume: str | None = None
    issue: str | None = None
    page_range: str | None = None  # the pages a journal article or chapter spans: "341–360"
    doi: str | None = None  # bare, without https://doi.org/: "10.1000/xyz123"
    isbn: str | None = None
    editors: list[str] = field(default_factory=list)  # of the book a chapter is in
    saved: str | None = None  # ISO time it was saved in a read-later app (Pocket, Instapaper…)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready mapping of the metadata fields."""
        return {name: _copy(getattr(self, name)) for name in _META_NAMES}

    @classmethod
    def meta_from_dict(cls, data: dict[str, Any]) -> ArticleMeta:
        """Build metadata from a mapping, ignoring unknown keys (lists are copied)."""
        return ArticleMeta(**{k: _copy(v) for k, v in data.items() if k in _META_FIELDS})


@dataclass(slots=True)
class Article(ArticleMeta):
    """An article: metadata, the canonical text and the blocks that partition it."""

    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    # A paginated source's page map, in text order, covering the text without overlap; empty
    # for a web article. `locator` says what the labels count.
    pages: list[Page] = field(default_factory=list)
    locator: LocatorKind = "page"
    # Where the labels come from (a PDF's); None where the source states them (an EPUB's page
    # list) or the map was stored before the kind was recorded.
    labels: LabelKind | None = None

    @property
    def meta(self) -> ArticleMeta:
        """The metadata part of this article."""
        return ArticleMeta(**self.to_dict())

    def block_text(self, block: Block) -> str:
        """The text of one block."""
        return self.text[block.start : block.end]

    def page_at(self, offset: int) -> Page | None:
        """The page holding the character at offset; None for an unpaginated article."""
        return page_at(self.pages, offset)

    def pages_of(self, start: int, end: int) -> list[Page]:
        """The pages a span [start, end) touches, in order (one page, or a range)."""
        pages = self.pages
        first = max(bisect_right(pages, start, key=_page_start) - 1, 0)
        last = bisect_left(pages, max(end, start + 1), key=_page_start)
        return [p for p in pages[first:last] if p.end > start]

    def to_json(self) -> dict[str, Any]:
        """The `margin show --json` shape: metadata, text, block offsets and the page map."""
        data = self.to_dict()
        data["text"] = self.text
        data["blocks"] = [asdict(b) for b in self.blocks]
        if self.pages:
            data["locator"] = self.locator
            data["pages"] = [asdict(p) for p in self.pages]
        return data


def page_at(pages: list[Page], offset: int) -> Page | None:
    """The page of a page map (in text order) holding the character at offset; None when no
    page holds it (or there are none). The last page holds every offset after its start."""
    if not pages:
        return None
    index = bisect_right(pages, offset, key=_page_start) - 1
    if index < 0:
        return None
    page = pages[index]
    return page if offset < page.end or index == len(pages) - 1 else None


def _page_start(page: Page) -> int:
    return page.start


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


# In declaration order (the front matter's), read once: `fields()` builds its tuple on each call,
# and an import copies an article's metadata a few times.
_META_NAMES = tuple(f.name for f in fields(ArticleMeta))
_META_FIELDS = frozenset(_META_NAMES)
