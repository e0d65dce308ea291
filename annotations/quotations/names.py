"""One person under several names: "Thomas M. Menino", "Menino" and "Mayor Menino" are one speaker.

Names are compared without roles ("Mayor"), honorifics ("Mr."), possessives or punctuation. Two
full names are the same person when their surnames are equal and their given names agree (equal,
or one an initial of the other: "T." and "Thomas"; a middle name or initial may be missing). A
lone surname joins the person of that surname when there is exactly one ("Menino"); with two
("Bill Clinton", "Hillary Clinton") it stays on its own, never guessed. Organisations and
descriptions ("the company") merge only with the same words.

Within one article a one-word name also stands for the one person of that article whose full
name it begins or ends ("Fiona" beside "Fiona Parry"; "Lee" beside "Lee Jae-myung", a surname
written first); never across articles by a given name alone, and never where the article names
two people it could be ("Clinton" beside "Bill Clinton" and "Hillary Clinton").

A name ending in an organisation's qualifier the other lacks ("Reuters Television" and "Reuters",
"Gates Foundation" and "Gates", "NBC News" and "NBC") names another organisation, an arm or a
charity of the bare name's: the two merge only where they are written alike.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from annotations.quotations.spans import words
from annotations.quotations.speakers import ROLE_WORDS, is_organisation

__all__ = [
    "SpeakerName",
    "another_organisation",
    "merge_by_article",
    "merge_in_articles",
    "merge_names",
    "name_key",
]

_HONORIFICS = words("mr mrs ms miss dr prof sir dame lord lady rev")
_PUNCT = re.compile(r"[^\w\s'’-]")
# What makes a name another organisation than the bare name before it (see the module's text).
_QUALIFIERS = words(
    "television tv radio news media network broadcasting channel press publishing studios "
    "entertainment records foundation group holdings trust fund institute"
)


@dataclass(frozen=True, slots=True)
class SpeakerName:
    """One speaker: the name shown (its fullest form) and every variant merged into it."""

    name: str
    variants: tuple[str, ...]


@lru_cache(maxsize=65_536)  # asked of every name twice an index (merge_in_articles)
def name_key(name: str) -> tuple[str, ...]:
    """The words a name is compared by: lower case, without roles, honorifics or a possessive."""
    words = _PUNCT.sub(" ", name.replace("’s ", " ").replace("'s ", " ")).casefold().split()
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    while len(words) > 1 and (words[0] in ROLE_WORDS or words[0] in _HONORIFICS):
        words = words[1:]
    return tuple(words)


def another_organisation(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether one name's key ends in a qualifier the other's lacks ("Reuters Television" and
    "Reuters"): then they are two organisations, whatever other words they share."""
    return any(k and k[-1] in _QUALIFIERS and k[-1] not in o for k, o in ((a, b), (b, a)))


def _person(name: str, key: tuple[str, ...]) -> bool:
    """Whether a name reads as a person's: capitalised words, none of them lower case."""
    parts = [w for w in name.split() if w[:1].isalpha()]
    return bool(key) and len(key) <= 5 and all(w[:1].isupper() for w in parts)


def _given_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two given-name lists (surname excluded) can be the same person's."""
    if not a or not b:
        return True
    first_a, first_b = a[0], b[0]
    if first_a != first_b and not (
        (len(first_a) == 1 and first_b.startswith(first_a))
        or (len(first_b) == 1 and first_a.startswith(first_b))
    ):
        return False
    middle_a, middle_b = a[1:], b[1:]
    if middle_a and middle_b:
        return middle_a[0][:1] == middle_b[0][:1]
    return True


def merge_names(counts: Counter[str] | Iterable[str]) -> dict[str, SpeakerName]:
    """Each name mapped to the speaker it belongs to (given the names and how often each comes)."""
    counted = counts if isinstance(counts, Counter) else Counter(counts)
    keys = {name: name_key(name) for name in counted}
    return _merge(counted, keys, {name for name, key in keys.items() if _person(name, key)})


def _merge(
    counted: Mapping[str, int], keys: Mapping[str, tuple[str, ...]], people: set[str]
) -> dict[str, SpeakerName]:
    """`merge_names`, given each name's key and the names that read as a person's."""
    groups: dict[str, list[tuple[str, ...]]] = {}  # surname → distinct full keys
    for name, key in keys.items():
        if len(key) >= 2 and name in people:
            fulls = groups.setdefault(key[-1], [])
            if key not in fulls:
                fulls.append(key)
    # Full names of one surname merged when their given names agree (a union over pairs).
    owner: dict[tuple[str, ...], tuple[str, ...]] = {}
    for fulls in groups.values():
        fulls.sort(key=len, reverse=True)
        for key in fulls:
            owner.setdefault(key, key)
            for other in fulls:
                if other != key and other not in owner and _given_agree(key[:-1], other[:-1]):
                    owner[other] = owner[key]
    clusters: dict[tuple[str, ...], list[str]] = {}
    heads_of: dict[str, tuple[str, ...]] = {}  # a one-word person name's target, by its word
    for name, key in keys.items():
        if key in owner:
            target = owner[key]
        elif len(key) == 1 and name in people:
            target = heads_of.get(key[0], ())
            if not target:
                heads = {owner[f] for f in groups.get(key[0], [])}
                target = heads_of[key[0]] = heads.pop() if len(heads) == 1 else key
        else:
            target = key
        clusters.setdefault(target, []).append(name)
    merged: dict[str, SpeakerName] = {}
    for names in clusters.values():
        shown = names[0]
        if len(names) > 1:
            shown = max(
                names,
                key=lambda n: (len(keys[n]), len(" ".join(_strip_front(n))), counted[n], n),
            )
        shown = " ".join(_strip_front(shown))
        speaker = SpeakerName(shown, tuple(sorted(names)))
        for name in names:
            merged[name] = speaker
    return merged


def merge_in_articles(
    names: Mapping[str, Iterable[str]],
) -> dict[tuple[str, str], SpeakerName]:
    """The speaker of each (article, name), given the names each article quotes (a name once
    a quotation): `merge_names` over the library, then a one-word name moved onto the one
    person of its article it can stand for (see the module's text)."""
    counts: Counter[str] = Counter()
    by_article: dict[str, set[str]] = {}
    for article, quoted in names.items():
        listed = list(quoted)
        counts.update(listed)
        by_article[article] = set(listed)
    library, moved = merge_by_article(by_article, counts)
    return {
        (article, name): moved.get(article, {}).get(name) or library[name]
        for article, quoted in by_article.items()
        for name in quoted
    }


def merge_by_article(
    by_article: Mapping[str, Iterable[str]], counts: Mapping[str, int]
) -> tuple[dict[str, SpeakerName], dict[str, dict[str, SpeakerName]]]:
    """`merge_in_articles` given each article's distinct names and the library's count of each
    name: the speaker of each name, and by article the names whose speaker differs there (a
    one-word name moved onto its article's person)."""
    keys: dict[str, tuple[str, ...]] = {}
    people: set[str] = set()
    # (first word, last word) of each full name of a person; the word of each one-word name.
    ends: dict[str, tuple[str, str, str]] = {}  # and the name
    short: dict[str, str] = {}
    for name in counts:
        key = keys[name] = name_key(name)
        if _person(name, key):
            people.add(name)
            if len(key) >= 2:
                ends[name] = (key[0], key[-1], name)
            else:
                short[name] = key[0]
    merged = _merge(counts, keys, people)
    orgs: dict[str, bool] = {}  # asked once a name, only of full names a one-word name meets
    shown: dict[str, dict[str, str]] = {}  # article → name → its speaker there, where moved
    seen: Counter[str] = Counter()  # articles of each one-word name
    moves: Counter[str] = Counter()  # articles where it is moved
    for article, quoted in by_article.items():
        shorts = [n for n in quoted if n in short]
        if not shorts:
            continue
        seen.update(shorts)
        fulls = [ends[n] for n in quoted if n in ends]
        if not fulls:
            continue
        for name in shorts:
            # "Trump" is not the Trump Organization: organisations merge only by same words.
            word = short[name]
            could = [full for first, last, full in fulls if word in (first, last)]
            base = merged[name].name
            if all(merged[full].name == base for full in could):
                continue  # organisation or not, it stays its library speaker's
            here: set[str] = set()
            for full in could:
                org = orgs.get(full)
                if org is None:
                    org = orgs[full] = is_organisation(full) or another_organisation(
                        keys[full], (word,)
                    )
                if not org:
                    here.add(merged[full].name)
            if len(here) == 1:
                target = here.pop()
            elif len(here) > 1:  # two it could be here: neither, whatever the library says
                target = " ".join(_strip_front(name))
            else:
                continue
            if target != base:
                shown.setdefault(article, {})[name] = target
                moves[name] += 1
    # Speakers made again (variants by the name shown, as each article reads): those a move
    # changes, and any one name shown for two clusters of the library.
    clusters: dict[str, list[SpeakerName]] = {}
    for speaker in merged.values():
        alike = clusters.setdefault(speaker.name, [])
        if speaker not in alike:
            alike.append(speaker)
    variants: dict[str, set[str]] = {t: set() for t, alike in clusters.items() if len(alike) > 1}
    for targets in shown.values():
        for name, target in targets.items():
            variants.setdefault(target, set()).add(name)
            variants.setdefault(merged[name].name, set())
    for target, names in variants.items():
        for speaker in clusters.get(target, ()):
            names.update(n for n in speaker.variants if n not in moves or moves[n] < seen[n])
    changed = {target: SpeakerName(target, tuple(sorted(v))) for target, v in variants.items()}
    library = {name: changed.get(s.name, s) for name, s in merged.items()}
    return library, {
        article: {name: changed[target] for name, target in targets.items()}
        for article, targets in shown.items()
    }


def _strip_front(name: str) -> list[str]:
    """The name's words without a leading role or honorific ("Mayor Menino" → ["Menino"])."""
    words = name.split()
    while len(words) > 1 and (
        words[0].casefold().rstrip(".") in ROLE_WORDS
        or words[0].casefold() in ROLE_WORDS
        or words[0].casefold().rstrip(".") in _HONORIFICS
    ):
        words = words[1:]
    return words
