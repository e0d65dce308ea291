"""Loose comparison of short texts (titles, names, blocks): case, punctuation and spacing aside."""

from __future__ import annotations

import re

from library.text import UNSPACED_LETTERS, count_unspaced, count_words, has_unspaced

# A token is a run of word characters, or one letter of a script written without spaces, so that
# Chinese or Japanese text compares letter by letter rather than as a few long runs.
_SPACES = re.compile(r"[^\S\u3000]+")
_TOKENS = re.compile(rf"[{UNSPACED_LETTERS}]|(?:(?![{UNSPACED_LETTERS}])\w)+")
_WORDS = re.compile(r"\w+")  # the same tokens for text without such letters, found faster


def clean(value: str | None) -> str:
    """Value with whitespace runs folded to one space and trimmed; empty for None.

    The ideographic space stays: Chinese and Japanese headlines use it as punctuation.
    """
    return _SPACES.sub(" ", value).strip() if value else ""


def tokens(text: str) -> list[str]:
    """The casefolded word tokens of text."""
    folded = text.casefold()
    return (_TOKENS if has_unspaced(folded) else _WORDS).findall(folded)


def norm(text: str) -> str:
    """Text as space-separated casefolded tokens."""
    return " ".join(tokens(text))


def squash(text: str) -> str:
    """Text as one run of casefolded letters and digits ("Salon.com" → "saloncom")."""
    return "".join(tokens(text)).replace("_", "")


def same(a: str, b: str) -> bool:
    """Whether a and b have the same words."""
    return bool(norm(a)) and norm(a) == norm(b)


def overlap(a: str, b: str) -> float:
    """Share of a's words that also occur in b."""
    words_a, words_b = tokens(a), set(tokens(b))
    return sum(w in words_b for w in words_a) / len(words_a) if words_a else 0.0


def size(text: str) -> float:
    """Length in words, two letters of a script without spaces counting as one word.

    Thresholds (a sentence-long line, a short kicker) are set in English words; a Chinese or
    Japanese word is one to three letters, so a letter counts half.
    """
    return count_words(text) - count_unspaced(text) / 2
