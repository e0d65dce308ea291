"""A run-in quote followed by a parenthetical citation, as MLA and APA write it."""

from __future__ import annotations

from annotations.citation.quotes import CLOSE, OPEN, without_final_stop
from annotations.citation.source import Source


def with_parenthetical(src: Source, parenthetical: str) -> str:
    """“quote” (citation). — the quote's final period gives way to the sentence's, even inside
    closing quotes, so a full stop never prints twice."""
    quote = without_final_stop(src.prose_quote)
    return f"{OPEN}{src.m.esc(quote)}{CLOSE} ({parenthetical})."


def plain_quote(src: Source) -> str:
    """“quote” with nothing after it."""
    return f"{OPEN}{src.m.esc(src.prose_quote)}{CLOSE}"
