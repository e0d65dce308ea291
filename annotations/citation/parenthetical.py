"""A run-in quote followed by a parenthetical citation, as MLA and APA write it."""

from __future__ import annotations

from annotations.citation.quotes import without_final_stop
from annotations.citation.source import Source


def with_parenthetical(src: Source, parenthetical: str) -> str:
    """“quote” (citation). — the quote's final period gives way to the sentence's, even inside
    closing quotes, so a full stop never prints twice."""
    opening, words, closing = src.prose_frame
    return f"{opening}{src.m.esc(without_final_stop(words))}{closing} ({parenthetical})."


def plain_quote(src: Source) -> str:
    """“quote” with nothing after it."""
    opening, words, closing = src.prose_frame
    return f"{opening}{src.m.esc(words)}{closing}"
