"""The article model: metadata plus blocks over one canonical plain text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "blockquote", "list_item"]
BLOCK_KINDS: tuple[BlockKind, ...] = ("heading", "paragraph", "blockquote", "list_item")
BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article: a kind and a half-open span [start, end) of the canonical text."""

    kind: BlockKind
    start: int
    end: int


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

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready mapping of the metadata fields."""
        return {f.name: _copy(getattr(self, f.name)) for f in fields(ArticleMeta)}

    @classmethod
    def meta_from_dict(cls, data: dict[str, Any]) -> ArticleMeta:
        """Build metadata from a mapping, ignoring unknown keys (lists are copied)."""
        return ArticleMeta(**{k: _copy(v) for k, v in data.items() if k in _META_FIELDS})


@dataclass(slots=True)
class Article(ArticleMeta):
    """An article: metadata, the canonical text and the blocks that partition it."""

    text: str = ""
    blocks: list[Block] = field(default_factory=list)

    @property
    def meta(self) -> ArticleMeta:
        """The metadata part of this article."""
        return ArticleMeta.meta_from_dict(self.to_dict())

    def block_text(self, block: Block) -> str:
        """The text of one block."""
        return self.text[block.start : block.end]

    def to_json(self) -> dict[str, Any]:
        """The `margin show --json` shape: metadata, text and block offsets."""
        data = self.to_dict()
        data["text"] = self.text
        data["blocks"] = [asdict(b) for b in self.blocks]
        return data


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


_META_FIELDS = frozenset(f.name for f in fields(ArticleMeta))
