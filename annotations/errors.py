"""Errors of the annotation domain; each message says what was wrong and what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from library.errors import LibraryError

if TYPE_CHECKING:
    from annotations.anchoring import Match


class AnnotationError(LibraryError):
    """Base class: a problem with highlights the user can act on, shown as one line.

    It derives from LibraryError so the CLI and the TUI handle every domain error in one place.
    """


class AnnotationNotFound(AnnotationError):
    """No highlight matches the id or id prefix the user gave."""


class AmbiguousAnnotation(AnnotationError):
    """Several highlights match an id prefix; the message lists them."""

    def __init__(self, ref: str, candidates: list[tuple[str, str]]) -> None:
        self.ref = ref
        self.candidates = candidates  # (annotation id, article id)
        shown = "; ".join(f"{aid} (in {article})" for aid, article in candidates[:8])
        more = f" and {len(candidates) - 8} more" if len(candidates) > 8 else ""
        super().__init__(
            f"'{ref}' matches {len(candidates)} highlights: {shown}{more}. Use a longer id prefix."
        )


class AnnotationExists(AnnotationError):
    """A highlight with this id is stored already (live or deleted)."""


class StoreError(AnnotationError):
    """The annotation files could not be read or written; the message names the file and a fix."""


class AnchoringError(AnnotationError):
    """A highlight could not be placed on an article's text."""


class EmptyQuote(AnchoringError):
    """The quote to look for is empty or only whitespace."""

    def __init__(self) -> None:
        super().__init__("the quote is empty; give the words to highlight")


# A closest match at least this similar is offered as a range to highlight; one further off is
# more likely a quote from another article (or misremembered) than a variant of these words.
WORTH_OFFERING = 0.5


class QuoteNotFound(AnchoringError):
    """The quote is not in the text, not even approximately; the message shows the closest match."""

    def __init__(
        self,
        quote: str,
        closest: str | None = None,
        closest_similarity: float = 0.0,
        closest_start: int | None = None,
    ) -> None:
        self.quote = quote
        self.closest = closest
        self.closest_similarity = closest_similarity
        self.closest_start = closest_start
        if closest:
            shown = " ".join(closest.split())
            if len(shown) > 60:
                shown = shown[:59] + "…"
            text = (
                f"quote not found; closest match (similarity {closest_similarity:.2f}): “{shown}”"
            )
        else:
            text = "quote not found; nothing in the text resembles it"
        super().__init__(text)

    def in_article(self, article_id: str) -> QuoteNotFound:
        """The same error, saying what to do next in that article: check the wording, or
        highlight the closest words as they stand (by range), or find the article that has it."""
        found = QuoteNotFound(self.quote, self.closest, self.closest_similarity, self.closest_start)
        if (
            self.closest
            and self.closest_start is not None
            and (self.closest_similarity >= WORTH_OFFERING)
        ):
            end = self.closest_start + len(self.closest)
            step = (
                f"check the wording with `margin show {article_id}`, or highlight those words "
                f"as they stand with: margin highlight {article_id} --range "
                f"{self.closest_start}:{end}"
            )
        else:
            words = " ".join(self.quote.split()[:4]).replace('"', "")
            step = (
                f'is it another article? `margin search "{words}"` finds the one with it; '
                f"`margin show {article_id}` prints this one's text"
            )
        found.args = (f"{self.args[0]}; {step}",)
        return found


class AmbiguousQuote(AnchoringError):
    """The quote occurs in several places and nothing given tells them apart."""

    def __init__(
        self,
        quote: str,
        candidates: list[Match],
        total: int | None = None,
        *,
        complete: bool = True,
    ) -> None:
        self.quote = quote
        self.candidates = candidates  # in text order (the first few when there are many)
        # How many places (more than that when not complete: the search stopped once the
        # ambiguity was certain, without listing every place).
        self.total = total if total is not None else len(candidates)
        self.complete = complete
        shown = ", ".join(str(c.start) for c in candidates[:10])
        if not complete:
            where = f"more than {self.total:,} places (offsets {shown}, …)"
        else:
            more = f" and {self.total - 10} more" if self.total > 10 else ""
            where = f"{self.total} places (offsets {shown}{more})"
        super().__init__(f"quote matches {where}; add --prefix, --suffix or --near")


class RangeError(AnchoringError):
    """A character range does not select any text."""


class TooShort(AnchoringError):
    """A highlight of fewer than two characters (a slip of the mouse or of the keys, not a
    quote)."""

    def __init__(self) -> None:
        super().__init__("a highlight needs at least two characters; select more of the passage")


class UnknownStance(AnnotationError):
    """A stance name that is not in the configured vocabulary; the message lists the stances."""

    def __init__(self, name: str, choices: list[str]) -> None:
        self.name = name
        self.choices = choices
        super().__init__(
            f"unknown stance '{name}'; choose one of: {', '.join(choices)} "
            "(or add it under [[stances]] in the config)"
        )
