"""Words, sentences and paragraphs of an article, computed per block on demand.

Sentences and words never cross a block boundary, so spans are computed for one block at a time
(when the cursor first reaches it) and cached: opening a multi-megabyte article costs nothing here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import Literal

from library.model import Article

Unit = Literal["word", "sentence", "paragraph"]
Span = tuple[int, int]


class Units:
    """Unit spans of an article's canonical text, with motions between them."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self._block_starts = [b.start for b in article.blocks]
        self._cache: dict[tuple[Unit, int], list[Span]] = {}

    def block_index(self, offset: int) -> int:
        """The block holding offset (an offset in a separator belongs to the next block)."""
        blocks = self.article.blocks
        if not blocks:
            return -1
        i = max(0, bisect_right(self._block_starts, offset) - 1)
        if offset >= blocks[i].end and i + 1 < len(blocks):
            return i + 1
        return i

    def spans(self, unit: Unit, block: int) -> list[Span]:
        """The spans of unit in one block, as absolute offsets."""
        if block < 0 or block >= len(self.article.blocks):
            return []
        key = (unit, block)
        cached = self._cache.get(key)
        if cached is None:
            b = self.article.blocks[block]
            if unit == "paragraph":
                cached = [(b.start, b.end)]
            else:
                # Loaded with the first article's first movement, not before the first paint.
                from annotations.selection import sentence_spans, word_spans

                finder: Callable[[str], list[Span]] = (
                    sentence_spans if unit == "sentence" else word_spans
                )
                cached = [(b.start + s, b.start + e) for s, e in finder(self.article.block_text(b))]
                if not cached:
                    cached = [(b.start, b.end)]
            self._cache[key] = cached
        return cached

    def at(self, unit: Unit, offset: int) -> Span | None:
        """The unit containing offset, or the nearest one after it in the same block."""
        block = self.block_index(offset)
        spans = self.spans(unit, block)
        if not spans:
            return None
        i = bisect_right([s for s, _ in spans], offset) - 1
        if i >= 0 and spans[i][0] <= offset < spans[i][1]:
            return spans[i]
        if i + 1 < len(spans):
            return spans[i + 1]
        return spans[i]

    def next_start(self, unit: Unit, offset: int) -> int:
        """The start of the next unit after the one at offset (stays put at the end)."""
        block = self.block_index(offset)
        while 0 <= block < len(self.article.blocks):
            for start, _ in self.spans(unit, block):
                if start > offset:
                    return start
            block += 1
        return offset

    def prev_start(self, unit: Unit, offset: int) -> int:
        """The start of the unit at offset, or of the previous one when already at a start."""
        block = self.block_index(offset)
        while block >= 0:
            for start, _ in reversed(self.spans(unit, block)):
                if start < offset:
                    return start
            block -= 1
        return offset

    def next_end(self, unit: Unit, offset: int) -> int:
        """The end of the unit at offset, or of the next one when offset is already at an end."""
        block = self.block_index(offset)
        while 0 <= block < len(self.article.blocks):
            for _, end in self.spans(unit, block):
                if end > offset:
                    return end
            block += 1
        return offset

    def snap(self, start: int, end: int) -> Span:
        """Expand [start, end) to whole words."""
        first = self.at("word", start)
        last = self.at("word", max(start, end - 1))
        lo = min(start, first[0]) if first and first[0] <= start < first[1] else start
        hi = max(end, last[1]) if last and last[0] <= end - 1 < last[1] else end
        return lo, hi
