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
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from annotations.quotations.spans import words
from annotations.quotations.speakers import ROLE_WORDS, is_organisation

__all__ = ["SpeakerName", "merge_in_articles", "merge_names", "name_key"]

_HONORIFICS = words("mr mrs ms miss dr prof sir dame lord lady rev")
_PUNCT = re.compile(r"[^\w\s'’-]")


@dataclass(frozen=True, slots=True)
class SpeakerName:
    """One speaker: the name shown (its fullest form) and every variant merged into it."""

    name: str
    variants: tuple[str, ...]


@lru_cache(maxsize=65_536)  # asked of every name twice an index (merge_in_articles)
def name_key(name: str) -> tuple[str, ...]:
    """The words a name is compared by: lower case, without roles, honorifics or a possessive."""
    words = _PUNCT.sub(" ", name.replace("’s ", " ").replace("'s ", " ")).casefold().split()
    words = [re.sub(r"['’]s$", "", w) for w in words]
    while len(words) > 1 and (words[0] in ROLE_WORDS or words[0] in _HONORIFICS):
        words = words[1:]
    return tuple(words)


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
    groups: dict[str, list[tuple[str, ...]]] = {}  # surname → distinct full keys
    for name, key in keys.items():
        if len(key) >= 2 and _person(name, key):
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
    for name, key in keys.items():
        if key in owner:
            target = owner[key]
        elif len(key) == 1 and _person(name, key):
            heads = {owner[f] for f in groups.get(key[0], [])}
            target = heads.pop() if len(heads) == 1 else key
        else:
            target = key
        clusters.setdefault(target, []).append(name)
    merged: dict[str, SpeakerName] = {}
    for names in clusters.values():
        shown = max(
            names, key=lambda n: (len(keys[n]), len(" ".join(_strip_front(n))), counted[n], n)
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
    merged = merge_names(counts)
    # (first word, last word) of each full name of a person; the word of each one-word name.
    ends: dict[str, tuple[str, str]] = {}
    short: dict[str, str] = {}
    for name in merged:
        key = name_key(name)
        if _person(name, key):
            if len(key) >= 2:
                ends[name] = (key[0], key[-1])
            elif len(key) == 1:
                short[name] = key[0]
    shown: dict[tuple[str, str], str] = {}
    for article, quoted in by_article.items():
        fulls = [(ends[n], n) for n in quoted if n in ends]
        for name in quoted:
            target = merged[name].name
            if name in short and fulls:
                # "Trump" is not the Trump Organization: organisations merge only by same words.
                people = {
                    merged[full].name
                    for both, full in fulls
                    if short[name] in both and not is_organisation(full)
                }
                if len(people) == 1:
                    target = people.pop()
                elif len(people) > 1:  # two it could be here: neither, whatever the library says
                    target = " ".join(_strip_front(name))
            shown[(article, name)] = target
    variants: dict[str, set[str]] = {}
    for (_, name), target in shown.items():
        variants.setdefault(target, set()).add(name)
    speakers = {target: SpeakerName(target, tuple(sorted(v))) for target, v in variants.items()}
    return {where: speakers[target] for where, target in shown.items()}


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
