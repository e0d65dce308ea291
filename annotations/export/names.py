"""Author strings split into the parts reference managers want: family, given, particle, suffix.

Group authors (Associated Press, Editorial Board) are kept whole as a literal and never
inverted. This should later share its rules with the name handling in annotations.citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotations.citation import is_group_author
from annotations.export.base import clean

# Words that make an author an organisation. Words that are also common surnames (Post, Court,
# Bank, Trust, Review) are left out: a person is never turned into a group by mistake.
_GROUP_WORDS = frozenset({
    "press", "associated", "reuters", "agence", "board", "staff", "editorial", "editors",
    "agency", "department", "office", "council", "committee", "commission", "ministry",
    "institute", "association", "foundation", "bureau", "services", "newsroom", "team", "desk",
    "correspondent", "correspondents", "reporters", "writers", "inc", "ltd", "llc", "plc",
    "corporation", "company", "university", "government", "authority", "police", "network",
    "centre", "center", "organization", "organisation", "group", "society", "federation",
    "coalition", "alliance", "media", "news", "enforcement", "administration",
})  # fmt: skip
# Function words a person's name never has, but "Department of Justice" does.
_ORG_JOINERS = frozenset({"of", "and", "&", "for", "on"})
# Lowercase name particles, sorted under the family name ("Beethoven, Ludwig van"); a
# capitalised "Van" belongs to the family name ("Van Buren").
_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ten", "ter",
    "dos", "das", "do",
})  # fmt: skip
_SUFFIX = re.compile(r"(?i)^(?:jr|sr)\.?$|^(?:II|III|IV)$")


@dataclass(frozen=True, slots=True)
class Name:
    """One author: a person's parts, or an organisation's whole name as literal."""

    family: str = ""
    given: str = ""
    particle: str = ""  # lowercase particles such as "van" (CSL's non-dropping-particle)
    suffix: str = ""
    literal: str = ""

    @property
    def is_group(self) -> bool:
        """Whether this is an organisation (or a name with one part) kept whole."""
        return bool(self.literal)


def parse_name(raw: str) -> Name:
    """Split one author string: "Tom Whitcombe", "Whitcombe, Tom", "{Associated Press}".

    Braces mark a name to keep whole, as in BibTeX; so do organisation words ("Press",
    "Board"), joining words ("of", "and"), digits and names of one word ("Reuters").
    """
    value = re.sub(r"\s+", " ", clean(raw))
    if value.startswith("{") and value.endswith("}"):
        return Name(literal=value[1:-1].strip())
    words = [w.casefold() for w in re.findall(r"[^\s,.]+", value)]
    if (
        len(words) < 2
        or words[0] == "the"
        or any(w in _GROUP_WORDS or w in _ORG_JOINERS for w in words)
        or is_group_author(value)  # every group the citations keep whole ("Live Systems Project")
        or re.search(r"\d", value)
    ):
        return Name(literal=value)
    if "," in value:
        return _inverted([p.strip() for p in value.split(",")], value)
    return _natural(value.split(" "))


def _inverted(parts: list[str], value: str) -> Name:
    """ "Family, Given", "Family, Jr., Given" or "Given Family, Jr."."""
    if len(parts) == 2 and _SUFFIX.match(parts[1]):
        natural = _natural(parts[0].split(" "))
        return Name(natural.family, natural.given, natural.particle, parts[1])
    if len(parts) == 2:
        family, particle = _split_particle(parts[0])
        return Name(family, parts[1], particle)
    if len(parts) == 3 and _SUFFIX.match(parts[1]):
        family, particle = _split_particle(parts[0])
        return Name(family, parts[2], particle, parts[1])
    if len(parts) == 3 and _SUFFIX.match(parts[2]):
        family, particle = _split_particle(parts[0])
        return Name(family, parts[1], particle, parts[2])
    return Name(literal=value)


def _split_particle(family: str) -> tuple[str, str]:
    words = family.split(" ")
    lead = [w for w in words[:-1] if w in _PARTICLES]
    if len(lead) == len(words) - 1 and lead:
        return words[-1], " ".join(lead)
    return family, ""


def _natural(words: list[str]) -> Name:
    """ "Given [particles] Family [Suffix]"."""
    words = [w for w in words if w]
    suffix = ""
    if len(words) > 2 and _SUFFIX.match(words[-1]):
        suffix = words.pop()
    family = words.pop()
    # A capitalised particle is part of the family name ("Van Buren"), a lowercase one not.
    while len(words) > 1 and words[-1].casefold() in _PARTICLES and words[-1][0].isupper():
        family = f"{words.pop()} {family}"
    particles: list[str] = []
    while len(words) > 1 and words[-1] in _PARTICLES:
        particles.insert(0, words.pop())
    return Name(family, " ".join(words), " ".join(particles), suffix)
