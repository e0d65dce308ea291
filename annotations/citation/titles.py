"""Titles per manual: headline style (MLA, Chicago), APA title and sentence case, short titles.

Headline style capitalises every word except each manual's lowercase words in mid-title, from a
title stored in any case. A word stored with a capital inside it or throughout (iPhone, NATO, US)
is left as stored, so acronyms and proper nouns are never lowercased; only a small word stored
capitalised (The, Of) is lowercased. A title stored all in capitals is lowered first, keeping the
acronyms of a list and those its article writes in capitals (see `casing`). Only English titles
are recased.

The `titlecase` package was considered and not used: its small words are module-level state that
`set_small_word_list` rewrites (so two styles cannot be used at once from the reader's worker
threads), a word its callback handles skips the first- and last-word rules, its list treats "if"
as small (MLA and Chicago capitalise it), and it lowercases every word of an all-caps title,
acronyms included.

APA's sentence case keeps proper nouns, told from how the article's body writes them
(`casing.Evidence`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from annotations.citation.casing import NO_EVIDENCE, Evidence, is_all_caps, uncapitalise

TitleStyle = Literal["mla", "chicago", "apa"]

_ARTICLES = {"a", "an", "the"}
# Prepositions of any length (MLA 9 and Chicago 8.159 lowercase them regardless of length). Words
# that headlines mostly use as adverbs or verbs (up, down, out, off, like, past, since, than) are
# left out, so they are capitalised: "Shuts Down", "Better Than Ever" (Chicago 8.160).
_PREPOSITIONS = {
    "about", "above", "across", "after", "against", "along", "amid", "among", "amongst", "around",
    "as", "at", "atop", "before", "behind", "below", "beneath", "beside", "besides", "between",
    "beyond", "by", "despite", "during", "except", "for", "from", "in", "inside", "into", "near",
    "of", "on", "onto", "outside", "over", "per", "through", "throughout", "till", "to", "toward",
    "towards", "under", "underneath", "unlike", "until", "upon", "versus", "via", "vs.", "v.",
    "with", "within", "without",
}  # fmt: skip
_LOWERCASE: dict[TitleStyle, frozenset[str]] = {
    # MLA 9: articles, prepositions, coordinating conjunctions, and "to" in infinitives.
    "mla": frozenset(_ARTICLES | _PREPOSITIONS | {"and", "but", "for", "nor", "or", "so", "yet"}),
    # Chicago 8.159: articles, prepositions, and, but, for, or, nor, and "to" and "as" always.
    "chicago": frozenset(_ARTICLES | _PREPOSITIONS | {"and", "but", "for", "or", "nor"}),
    # APA 6.17 title case: only minor words of three letters or fewer stay lowercase.
    "apa": frozenset(
        w
        for w in _ARTICLES | _PREPOSITIONS | {"and", "but", "for", "nor", "or", "so", "yet", "if"}
        if len(w) <= 3
    ),
}
# Name particles stay lowercase between two capitalised words (Ludwig van Beethoven).
_NAME_PARTICLES = {"van", "von", "der", "den", "de", "du", "da", "di", "del", "della", "ter", "zu"}
_TOKEN = re.compile(r"\S+")
# Leading and trailing punctuation around a word; what is left is the word.
_EDGES = re.compile(r"^([\"'“‘(\[{¿¡]*)(.*?)([\"'”’)\]}.,;:!?…]*)$")
_SUBTITLE_END = (":", "?", "!", "—", "–")
_VERSUS = {"v.", "vs."}
# A case's name, its parties on each side of "v.": cited as the reporter prints it.
_CASE_NAME = re.compile(r"^[^:?!—–]*\S\s+v\.\s+\S[^:?!—–]*$")
_VERBATIM = re.compile(r"[./@\\]\w|\w[.]\w|^\W*$")  # URLs, e.g., 3.5: kept as written


def is_english(language: str | None) -> bool:
    """Whether a title follows English capitalisation: an English or unknown language."""
    return not language or language.strip().casefold().replace("_", "-").split("-")[0] in {
        "en",
        "eng",
        "english",
    }


def headline_case(
    title: str, style: TitleStyle, language: str | None = None, ev: Evidence = NO_EVIDENCE
) -> str:
    """The title in the style's title case: MLA 9 and Chicago headline style, or APA title case.

    Only an English title is recased (MLA 9 1.2, Chicago 11.4: a title in another language keeps
    that language's capitalisation). A title set all in capitals is first lowered, keeping its
    acronyms and the proper nouns its article shows (ev), then cased.
    """
    if not title:
        return title
    if is_all_caps(title):
        title = uncapitalise(title, ev)
        if not is_english(language):
            return _SENTENCE_START.sub(_capitalise_start, title)
    elif not is_english(language):
        return title
    return _headline(title, style)


@lru_cache(maxsize=1024)  # an export formats the same few titles once per highlight
def _headline(title: str, style: TitleStyle) -> str:
    lowercase = _LOWERCASE[style]
    tokens = list(_TOKEN.finditer(title))
    words = [_EDGES.match(t.group()) for t in tokens]
    out: list[str] = []
    cursor = 0
    for index, (token, parts) in enumerate(zip(tokens, words, strict=True)):
        assert parts is not None
        lead, word, trail = parts.groups()
        starts = index == 0 or _ends_subtitle(tokens[index - 1].group())
        ends = index == len(tokens) - 1 or _ends_subtitle(token.group())
        # A preposition followed by another is an adverb or a verb's particle, capitalised
        # (Chicago 8.159: "Catching On in Britain"); "as" and "to" are lowercase always.
        adverb = (
            not trail
            and index + 1 < len(words)
            and word.casefold() in _PREPOSITIONS - {"as", "to"}
            and _bare(words[index + 1]) in _PREPOSITIONS
        )
        forced = starts or adverb or (ends and style != "apa")
        between_names = (
            0 < index < len(tokens) - 1
            and _capitalised(words[index - 1])
            and _capitalised(words[index + 1])
        )
        if token.group() in _VERSUS and 0 < index < len(tokens) - 1:
            cased = word  # a case's name: "Tarrant Regional Water Dist. v. Herrmann"
        else:
            cased = _case_compound(word, lowercase, forced=forced, in_name=between_names)
        out.append(title[cursor : token.start()] + lead + cased + trail)
        cursor = token.end()
    return "".join(out) + title[cursor:]


def _bare(parts: re.Match[str] | None) -> str:
    return parts.group(2).casefold() if parts is not None and not parts.group(1) else ""


def _case_compound(word: str, lowercase: frozenset[str], *, forced: bool, in_name: bool) -> str:
    """A word, or each part of a hyphenated compound (MLA capitalises words after hyphens)."""
    if _VERBATIM.search(word):
        return word
    parts = word.split("-")
    return "-".join(
        _case_word(part, lowercase, forced=forced and i == 0, in_name=in_name and len(parts) == 1)
        for i, part in enumerate(parts)
    )


def _case_word(word: str, lowercase: frozenset[str], *, forced: bool, in_name: bool) -> str:
    if not word:
        return word
    folded = word.casefold()
    small = folded in lowercase and not forced
    if word != word.lower():  # stored with a capital
        title_form = word[0].isupper() and word[1:] == word[1:].lower()
        return (
            word.lower()
            if (small and title_form and len(word) > 1) or (word == "A" and small)
            else word
        )
    if small or (in_name and folded in _NAME_PARTICLES):
        return word
    return _capitalise(word)


def _capitalise(word: str) -> str:
    for i, ch in enumerate(word):
        if ch.isdigit():
            return word  # an ordinal or a decade (3rd, 1990s) has no initial to capitalise
        if ch.isalpha():
            return word[:i] + ch.upper() + word[i + 1 :]
    return word


def _capitalised(parts: re.Match[str] | None) -> bool:
    return parts is not None and parts.group(2)[:1].isupper()


def _ends_subtitle(token: str) -> bool:
    return token.endswith(_SUBTITLE_END) and not token.endswith("...")


def is_case_name(title: str) -> bool:
    """Whether a title is a court case's name, its parties on each side of "v." (Bluebook 10.2)."""
    return bool(_CASE_NAME.match(title.strip()))


def sentence_case(title: str, language: str | None = None, ev: Evidence = NO_EVIDENCE) -> str:
    """APA 7 sentence case (6.17): only the first word of the title and of a subtitle, proper
    nouns, acronyms and names capitalised. A case's name ("Brown v. Board of Education") is
    left as stored: APA cites legal material in the Bluebook's form.

    A word stored capitalised is lowered only when the article's text (ev) shows it is no proper
    noun; without the text it stays as stored. A title in another language keeps its own
    capitalisation; one set all in capitals is lowered first (see `headline_case`).
    """
    if not title or _CASE_NAME.match(title):  # a case's name, as its reporter prints it
        return title
    if is_all_caps(title):
        title = uncapitalise(title, ev)
    elif not is_english(language):
        return title
    tokens = list(_TOKEN.finditer(title))
    out: list[str] = []
    cursor = 0
    for index, token in enumerate(tokens):
        parts = _EDGES.match(token.group())
        assert parts is not None
        lead, word, trail = parts.groups()
        starts = index == 0 or _ends_subtitle(tokens[index - 1].group())
        if not starts and not _VERBATIM.search(word):
            before = _EDGES.match(tokens[index - 1].group())
            after = _EDGES.match(tokens[index + 1].group()) if index + 1 < len(tokens) else None
            near = (before.group(2) if before else "", after.group(2) if after else "")
            word = "-".join(_sentence_word(part, ev, *near) for part in word.split("-"))
        out.append(title[cursor : token.start()] + lead + word + trail)
        cursor = token.end()
    return _SENTENCE_START.sub(_capitalise_start, "".join(out) + title[cursor:])


def _sentence_word(word: str, ev: Evidence, before: str, after: str) -> str:
    """A mid-title word in sentence case: a capitalised common word lowered."""
    if len(word) < 2 or not word[0].isupper() or word[1:] != word[1:].lower():
        return word.lower() if word == "A" else word  # iPhone, NATO, McDonald, I
    return word if ev.keeps(word, before, after) else word.lower()


def _capitalise_start(found: re.Match[str]) -> str:
    word = found.group(2)
    return found.group(1) + (word if word != word.lower() else _capitalise(word))


# The first word of the title and each word after a colon, question mark or dash. A word stored
# with a capital already (iPhone, eBay) is left alone.
_SENTENCE_START = re.compile(r"((?:^|[:?!—–]\s+)\W*)(\w+)")


_SUBTITLE = re.compile(r"(?<=[?!])\s|:\s|\s[—–]\s")
_SMALL_END = _LOWERCASE["mla"] | _NAME_PARTICLES


def short_title(title: str, style: TitleStyle = "mla") -> str:
    """A title shortened for a citation, its subtitle dropped (not yet title-cased).

    MLA and Chicago drop a leading article and keep at most four words: MLA's example shortens
    "The Impact of Global Warming in North America" to "Impact of Global Warming", and Chicago
    keeps short titles to four words or fewer. APA keeps "the first few words", article
    included: its example cites "A historical look back at DC scandals" as "A Historical Look".
    """
    head = _SUBTITLE.split(title.strip(), maxsplit=1)[0].strip() or title.strip()
    if _CASE_NAME.match(head):  # a case is cited by its whole name (Bluebook 10.2)
        return head
    words = head.split()
    max_words = 3 if style == "apa" else 4
    if style != "apa" and len(words) > 1 and words[0].casefold() in _ARTICLES:
        words = words[1:]
    if len(words) > max_words:
        words = words[:max_words]
        while len(words) > 1 and words[-1].strip(",;:").casefold() in _SMALL_END:
            words.pop()
        # A cut title ends before its last small word past the second, so it stops at a phrase:
        # "Stocks slide as rates rise" gives "Stocks Slide", "Impact of Global Warming" stays;
        # "to" is kept, as it mostly opens an infinitive ("Boston Threatens to Withdraw").
        small = [
            i
            for i, w in enumerate(words)
            if i >= 2 and w.casefold() in _SMALL_END and w.casefold() != "to"
        ]
        if small:
            words = words[: small[-1]]
    return " ".join(words).rstrip(",;:")


def without_the(name: str) -> str:
    """A periodical's name without a leading "The" (Chicago: New York Times)."""
    found = re.match(r"^the\s+(?=\S)", name, re.IGNORECASE)
    return name[found.end() :] if found else name
