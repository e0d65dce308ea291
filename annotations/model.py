"""The annotation model, shaped after the W3C Web Annotation Data Model.

The target of a highlight is one span of an article's canonical text, kept by two selectors: a
TextPositionSelector (`start`, `end`, in Unicode code points) and a TextQuoteSelector (`quote`,
`prefix`, `suffix`). The body is the stance, the tags and the note.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from library.text import clean_inline, clean_label, strip_controls

CONTEXT_CHARS = 32


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string with milliseconds and a Z."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    """A fresh annotation id (a UUID4 string)."""
    return str(uuid.uuid4())


@lru_cache(maxsize=4096)  # a library has few tags, and every highlight read normalises its own
def normalize_tag(tag: str) -> str:
    """A tag as displayed: trimmed, inner whitespace folded, controls removed, case kept."""
    return clean_inline(tag).lstrip("#").strip()


def tag_key(tag: str) -> str:
    """A tag as matched: normalised and case-folded."""
    return normalize_tag(tag).casefold()


def normalize_tags(tags: list[str] | tuple[str, ...]) -> list[str]:
    """Normalised tags, empty ones dropped, duplicates (by case-folded key) removed, order kept."""
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        shown = normalize_tag(tag)
        key = shown.casefold()
        if shown and key not in seen:
            seen.add(key)
            out.append(shown)
    return out


@lru_cache(maxsize=16)
def text_fingerprint(text: str) -> str:
    """A short digest of an article's text: a highlight records the text it was anchored in.

    When the article's text no longer has this digest (a re-import cut short, a hand edit, a
    sync tool), its highlights are re-anchored before they are shown. Cached: one article's
    highlights all ask for the same text.
    """
    import hashlib  # on first use: ~2 ms the reader's first paint need not wait for

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


def context_around(text: str, start: int, end: int, size: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The prefix and suffix (about size characters each) around [start, end) in text."""
    return text[max(0, start - size) : start], text[end : end + size]


@dataclass(slots=True)
class Annotation:
    """A highlight on one article, with its stance, tags, note and speaker."""

    article: str
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    stance: str | None = None
    tags: list[str] = field(default_factory=list)
    note: str = ""
    speaker: str | None = None
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=now_iso)
    modified: str = ""
    orphaned: bool = False
    original_quote: str | None = None  # set when re-anchoring moved the highlight to changed words
    needs_review: bool = False  # re-anchored approximately; the user should look at it
    fingerprint: str | None = None  # text_fingerprint of the text the offsets count in
    # A note on no words (a Kindle note written where nothing was highlighted): the page or
    # location its device gave it ("1044"), cited as its place; start == end where that place
    # falls in the text. None for a highlight, whose words give its place.
    place: str | None = None

    def __post_init__(self) -> None:
        if not self.modified:
            self.modified = self.created
        self.tags = normalize_tags(self.tags)
        # Text from users and imported files never carries terminal controls into a display.
        if self.stance is not None:
            self.stance = clean_inline(self.stance) or None
        if self.speaker is not None:
            self.speaker = clean_inline(self.speaker) or None
        if self.place is not None:
            self.place = clean_label(self.place) or None
        if self.note:
            self.note = strip_controls(self.note)

    @classmethod
    def from_span(cls, article: str, text: str, start: int, end: int, **extra: Any) -> Annotation:
        """A new highlight on text[start:end] of an article, with context taken from text."""
        prefix, suffix = context_around(text, start, end)
        extra.setdefault("fingerprint", text_fingerprint(text))
        return cls(article, start, end, text[start:end], prefix, suffix, **extra)

    def anchored_in(self, text: str, fingerprint: str | None = None) -> bool:
        """Whether the offsets still count in text and the quote stands at them: its fingerprint
        (give text_fingerprint(text) when checking many highlights: comparing a long text with
        the cached one costs a pass over it per call) and, always, the words at its offsets. The
        fingerprint alone would vouch for a quote edited by hand in the highlights file."""
        if self.fingerprint is not None and self.fingerprint != (
            fingerprint or text_fingerprint(text)
        ):
            return False  # an orphan too: sought again in the changed text
        if self.orphaned:
            return True  # nothing is drawn for it (one with no fingerprint is older: left alone)
        return text[self.start : self.end] == self.quote

    def has_tag(self, tag: str) -> bool:
        """Whether this highlight carries tag (case-insensitively)."""
        key = tag_key(tag)
        return any(t.casefold() == key for t in self.tags)

    def changed(self, **changes: Any) -> Annotation:
        """A copy with changes applied and `modified` set to now."""
        changes.setdefault("modified", now_iso())
        updated = replace(self, **changes)
        updated.tags = normalize_tags(updated.tags)
        return updated

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping; also the `margin annotations --json` shape. `place` only on a
        note that has one (a highlight's files and exports stay as they were)."""
        out = {
            name: (list(v) if isinstance(v := getattr(self, name), list) else v)
            for name in _field_names()
        }
        if out["place"] is None:
            del out["place"]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Annotation:
        """Build from a mapping, ignoring unknown keys (newer files stay readable)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@functools.cache
def _field_names() -> tuple[str, ...]:
    """Annotation's fields in order (`fields()` costs 15 µs a call: 0.4 s at 25,000 highlights)."""
    return tuple(f.name for f in fields(Annotation))
