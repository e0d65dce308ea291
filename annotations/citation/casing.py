"""What must stay capitalised in a title, read from how the article itself writes its words.

APA 7 (6.17) sets reference titles in sentence case, keeping proper nouns, acronyms and the
first word after a colon capitalised. A proper noun cannot be told from a capitalised word of a
title-case headline by looking at the headline, so the article's body is asked: a word it
capitalises in mid-sentence at least as often as it writes it in lower case ("Secure
Communities", "Boston") is a proper noun; a word it writes in capitals (ICE, DHS) is an
acronym; so is a word of a fixed list, for an all-caps title whose body is not at hand. The
authors' names count as proper nouns. Without a body nothing is lowercased: a wrong lowercase
("boston") is worse than a capital kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Acronyms common in headlines, for titles set all in capitals ("BREAKING: NATO AND EU …"),
# where a body is not at hand to show how the article writes them. Words that are also English
# words in capitals (WHO, IT, US as "us") are left to the body.
ACRONYMS = frozenset({
    "ABC", "ACLU", "AFP", "AI", "AIDS", "AP", "BBC", "CBS", "CDC", "CEO", "CIA", "CNN", "COVID",
    "COVID-19", "DC", "DHS", "DNA", "DOJ", "EPA", "EU", "FAQ", "FBI", "FDA", "FEMA", "GDP", "GOP",
    "HIV", "ICE", "IMF", "IRS", "ISIS", "LGBT", "LGBTQ", "MIT", "NASA", "NATO", "NBA", "NBC",
    "NFL", "NGO", "NHS", "NPR", "NSA", "NYC", "NYPD", "OECD", "OPEC", "PBS", "PhD", "SEC",
    "TV", "U.K.", "U.N.", "U.S.", "UK", "UN", "UNESCO", "UNICEF", "USA", "WHO", "WTO",
})  # fmt: skip
EVIDENCE_CHARS = 200_000
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in",
    "of", "off", "on", "to", "up", "from", "into", "onto", "with", "over", "than", "that", "this",
    "is", "are", "was", "be", "it", "its", "if", "not", "no", "after", "before", "about",
})  # fmt: skip
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# The start of a paragraph or of a sentence: after . ? ! or : and any closing or opening marks.
_SENTENCE_START = re.compile(r"(?:^|[.?!:;]['\"’”)\]]*\s+|\n)['\"‘“(\[]*$")


@dataclass(frozen=True, slots=True)
class Evidence:
    """How an article writes its words: which are proper nouns, which acronyms."""

    proper: frozenset[str]  # casefolded words capitalised mid-sentence at least as often as not
    acronyms: frozenset[str]  # words the article writes in capitals, as written
    known: bool  # False when there was no text to read: nothing may then be lowercased
    # Capitalised pairs whose second word is capitalised mid-sentence ("Harbour Street"): a name
    # of several words, whose last word the body also uses as a common noun ("the street").
    names: frozenset[tuple[str, str]] = frozenset()

    def keeps(self, word: str, before: str = "", after: str = "") -> bool:
        """Whether a word stored capitalised must stay so in sentence case, given the title's
        words before and after it."""
        bare = word.strip("'’.,;:")
        if not self.known:
            return True
        return (
            bare.casefold() in self.proper
            or bare in self.acronyms
            or bare in ACRONYMS
            or (before.strip("'’.,;:"), bare) in self.names
            or (bare, after.strip("'’.,;:")) in self.names
        )

    def is_acronym(self, word: str) -> bool:
        """Whether a word of an all-caps title is an acronym, to be kept in capitals."""
        bare = word.strip("'’,;:!?")
        bare = re.sub(r"['’]S$", "", bare)  # NATO'S: the acronym with a possessive
        return bare in ACRONYMS or bare in self.acronyms


NO_EVIDENCE = Evidence(frozenset(), frozenset(), known=False)


def evidence(
    text: str | None, names: Iterable[str] = (), subtitle: str = "", about: str = ""
) -> Evidence:
    """The proper nouns and acronyms among the words of `about` (the titles to be cased), read
    from an article's text (or, without one, its subtitle), with its authors' names.

    Only the capitalised words of `about` are looked up, in one pass of one regular expression
    over the article's first EVIDENCE_CHARS characters (a title's proper nouns are named early;
    a whole 5 MB book would take half a second).
    """
    text = text if text and text.strip() else subtitle
    if not text or not text.strip():
        return NO_EVIDENCE
    text = text[:EVIDENCE_CHARS]
    # Only capitalised words can need keeping; function words never do.
    words = frozenset(
        w.rstrip(".'’-").casefold()
        for w in _WORD.findall(about)
        if w[:1].isupper() and w.casefold() not in _FUNCTION_WORDS
    )
    found = _read(text, words)
    extra = {w.casefold() for name in names for w in _WORD.findall(name)}
    return Evidence(found.proper | extra, found.acronyms, known=True, names=found.names)


@lru_cache(maxsize=32)  # an export cites the same few articles once per highlight
def _read(text: str, words: frozenset[str]) -> Evidence:
    words = frozenset(w for w in words if w)
    if not words:
        return Evidence(frozenset(), frozenset(), known=True)
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w'’])(?:{alternation})(?![\w'’]\w)", re.IGNORECASE)
    capitalised: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    acronyms: set[str] = set()
    names: set[tuple[str, str]] = set()
    for found in pattern.finditer(text):
        word = found.group()
        if len(word) >= 2 and word.isupper():
            acronyms.add(word)
            continue
        key = word.casefold()
        if word[0].islower():
            lower[key] += 1
            continue
        if _starts_sentence(text, found.start()):
            continue  # "The Senate": a sentence's first word tells nothing
        capitalised[key] += 1
        before = _PREVIOUS.search(text, max(0, found.start() - 40), found.start())
        if before and not _starts_sentence(text, before.start(1)):
            names.add((before.group(1), word))
    proper = frozenset(w for w, n in capitalised.items() if n >= lower[w])
    return Evidence(proper, frozenset(acronyms), known=True, names=frozenset(names))


def _starts_sentence(text: str, at: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, at - 6) : at]))


# The capitalised word right before a match, one space away: "Harbour" in "Harbour Street".
_PREVIOUS = re.compile(r"([A-Z][\w'’-]*) $")


def is_all_caps(title: str) -> bool:
    """Whether a title is set all in capitals (at least two words of letters, none lowercase)."""
    letters = [w for w in _WORD.findall(title) if any(c.isalpha() for c in w)]
    return len(letters) >= 2 and title == title.upper()


def uncapitalise(title: str, ev: Evidence) -> str:
    """An all-caps title in lower case but for its acronyms and proper nouns (Senate, NATO)."""

    def word(found: re.Match[str]) -> str:
        value = found.group()
        if ev.is_acronym(value):
            return value
        lowered = value.lower()
        if ev.known and lowered.strip("'’.,").casefold() in ev.proper:
            return lowered[:1].upper() + lowered[1:]
        return lowered

    return _WORD.sub(word, title)
