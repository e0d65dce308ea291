"""Field-level changes to a highlight: the fields an edit sets, the tags it adds and removes.

An `Edit` names only what the user changed, never a whole record. The store applies it under its
lock to the freshest copy of the highlight, so two processes editing different fields (or adding
different tags) of one highlight at once never undo each other. Undo records the inverse edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotations.model import Annotation, normalize_tags, tag_key

EDITABLE = frozenset({"stance", "note", "speaker", "needs_review"})
_QUOTE_CHARS = 40


@dataclass(frozen=True, slots=True)
class Edit:
    """Set these fields; add these tags; remove those (tags match case-insensitively)."""

    values: dict[str, Any] = field(default_factory=dict)
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    # Only fill in: set a field only where it is empty, add tags only to a highlight with none
    # (an import bringing a note made on the device later never overwrites one edited here).
    fill_only: bool = False

    def __post_init__(self) -> None:
        unknown = set(self.values) - EDITABLE
        if unknown:
            raise ValueError(f"not an editable field: {', '.join(sorted(unknown))}")

    @classmethod
    def set(cls, **values: Any) -> Edit:
        """An edit setting fields, e.g. `Edit.set(stance="oppose", note="…")`."""
        return cls(values=values)

    @classmethod
    def tags(
        cls, add: list[str] | tuple[str, ...] = (), remove: list[str] | tuple[str, ...] = ()
    ) -> Edit:
        """An edit adding and removing tags."""
        return cls(add_tags=tuple(normalize_tags(list(add))), remove_tags=tuple(remove))

    @classmethod
    def retag(cls, before: list[str], after: list[str]) -> Edit:
        """The tag edit that turns the tags `before` into `after` (what a tags prompt returns).

        Only the difference is applied, so a tag another process added meanwhile stays.
        """
        old = {tag_key(t) for t in before}
        new = {tag_key(t) for t in after}
        added = [t for t in after if tag_key(t) not in old]
        removed = [t for t in before if tag_key(t) not in new]
        return cls.tags(added, removed)

    @property
    def empty(self) -> bool:
        """Whether the edit changes nothing at all."""
        return not self.values and not self.add_tags and not self.remove_tags

    def then(self, other: Edit) -> Edit:
        """This edit followed by other, as one edit."""
        removed = {tag_key(t) for t in other.remove_tags}
        added = {tag_key(t) for t in other.add_tags}
        return Edit(
            {**self.values, **other.values},
            tuple(t for t in self.add_tags if tag_key(t) not in removed) + other.add_tags,
            tuple(t for t in self.remove_tags if tag_key(t) not in added) + other.remove_tags,
        )

    def apply(self, annotation: Annotation) -> Annotation:
        """The highlight with this edit applied (the same object when nothing changes)."""
        changes: dict[str, Any] = {
            k: v
            for k, v in self.values.items()
            if getattr(annotation, k) != v and not (self.fill_only and getattr(annotation, k))
        }
        if (self.add_tags or self.remove_tags) and not (self.fill_only and annotation.tags):
            tags = apply_tags(annotation.tags, self.add_tags, self.remove_tags)
            if tags != annotation.tags:
                changes["tags"] = tags
        return annotation.changed(**changes) if changes else annotation

    def describe(self) -> str:
        """A short phrase such as "set stance oppose, add tag economy"."""
        parts: list[str] = []
        values = self.values
        if "stance" in values:
            parts.append(f"set stance {values['stance']}" if values["stance"] else "clear stance")
        if self.add_tags:
            parts.append(f"add tag{'s' * (len(self.add_tags) > 1)} {', '.join(self.add_tags)}")
        if self.remove_tags:
            many = "s" * (len(self.remove_tags) > 1)
            parts.append(f"remove tag{many} {', '.join(self.remove_tags)}")
        if "note" in values:
            parts.append("edit note" if values["note"] else "clear note")
        if "speaker" in values:
            speaker = values["speaker"]
            parts.append(f"set speaker {speaker}" if speaker else "clear speaker")
        if "needs_review" in values:
            parts.append("flag for review" if values["needs_review"] else "mark reviewed")
        return ", ".join(parts) or "no change"


def apply_tags(tags: list[str], add: tuple[str, ...], remove: tuple[str, ...]) -> list[str]:
    """Tags with some removed (case-insensitively) and others added at the end."""
    removed = {tag_key(t) for t in remove}
    return normalize_tags([t for t in tags if tag_key(t) not in removed] + list(add))


def inverse(before: Annotation, after: Annotation, edit: Edit) -> Edit:
    """The edit that undoes what `edit` did to `before` (it made `after`).

    Only what really changed is put back: a tag that was there already is not removed on undo.
    """
    values = {k: getattr(before, k) for k in edit.values if getattr(before, k) != getattr(after, k)}
    had = {tag_key(t) for t in before.tags}
    has = {tag_key(t) for t in after.tags}
    return Edit(
        values,
        add_tags=tuple(t for t in before.tags if tag_key(t) not in has),
        remove_tags=tuple(t for t in after.tags if tag_key(t) not in had),
    )


def short_quote(quote: str) -> str:
    """A quote cut to a few words for messages."""
    quote = " ".join(quote.split())
    return quote if len(quote) <= _QUOTE_CHARS else quote[: _QUOTE_CHARS - 1].rstrip() + "…"
