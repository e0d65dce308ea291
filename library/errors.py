"""Errors of the article library; each message says what was wrong and what to do."""

from __future__ import annotations


class LibraryError(Exception):
    """Base class: a problem the user can act on, shown as one line."""


class ImportFailed(LibraryError):
    """A source could not be imported; the library is unchanged."""

    def __init__(self, source: str, reason: str, hint: str = "") -> None:
        self.source = source
        self.reason = reason
        self.hint = hint
        text = f"{source}: {reason}"
        if hint:
            text += f" ({hint})"
        super().__init__(text)


class ArticleNotFound(LibraryError):
    """No article matches the reference the user gave."""


class AmbiguousArticle(LibraryError):
    """Several articles match the reference; the message lists them."""

    def __init__(self, ref: str, candidates: list[tuple[str, str]]) -> None:
        self.ref = ref
        self.candidates = candidates
        shown = "; ".join(f"{aid} ({title})" for aid, title in candidates[:8])
        more = f" and {len(candidates) - 8} more" if len(candidates) > 8 else ""
        super().__init__(
            f"'{ref}' matches {len(candidates)} articles: {shown}{more}. Use a longer id prefix."
        )


class ConfigError(LibraryError):
    """The config file is invalid; the message names the file and the setting."""
