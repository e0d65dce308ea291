"""Authors' names split for citation: persons (given, particle, family, suffix) and groups.

How a stored author is read, in order:
- ``{Associated Press}`` in braces (as BibTeX marks a corporate author) is a group author, kept
  whole and never inverted; the braces are never printed. ``margin edit --author "{Staff}"``
  marks one that the word list below misses.
- ``Family, Given`` with a comma is a person, taken as written: ``van Gogh, Vincent`` keeps the
  particle with the family name, ``Press, Eyal`` is a person whose surname is a group word.
- A name with a group word (Press, Board, Staff, Agency, Department, Reuters, …), or with a
  joining word in it (and, of, for: Centers for Disease Control and Prevention), is a group.
- Anything else is a person: the last word is the family name, with the capitalised particles
  before it (Van Buren, De Niro, Du Bois, St. Pierre); lowercase particles (van, von, de, …) go
  after the given names when inverted, as MLA and Chicago alphabetise them (Beethoven, Ludwig
  van; Beauvoir, Simone de). A suffix (Jr., III) follows the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from library.searchtext import unaccented

_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "m.d."}
# Lowercase particles that MLA and Chicago move after the given names. Arabic al-, bin and ibn
# stay with the family name (bin Laden, Osama), so they are not here; nor is Spanish y, which joins
# two surnames (Ortega y Gasset).
_PARTICLES = {
    "da", "das", "de", "del", "della", "den", "der", "des", "di", "do", "dos", "du", "la", "le",
    "ten", "ter", "van", "vom", "von", "zu", "zur",
}  # fmt: skip
# Capitalised words that only ever open a surname (St. Pierre, Saint Laurent), never a given name.
_SURNAME_OPENERS = {"st", "st.", "ste", "ste.", "saint", "sainte"}
# Words that make a byline a group: news agencies, desks, boards, offices and organisations.
_GROUP_WORDS = {
    "administration", "afp", "agence", "agency", "alliance", "association", "authority",
    "bloomberg", "board", "bureau", "center", "centers", "centre", "centres", "coalition",
    "college", "commission", "committee", "community", "company", "consortium", "contributors",
    "corporation", "correspondents", "council", "department", "desk", "developers", "editorial",
    "editors", "federation", "foundation", "government", "group", "inc", "inc.", "initiative",
    "institute", "institution", "llc", "ltd", "ltd.", "maintainers", "ministry", "museum",
    "network", "news", "newsroom", "office", "organisation", "organization", "party", "police",
    "press", "presse", "project", "reporters", "reuters", "service", "services", "society",
    "staff", "team", "university", "wire", "writers",
}  # fmt: skip
_GROUP_MARK = re.compile(r"^\{(.*)\}$")
_WORD = re.compile(r"[\w.]+")


def is_group_author(raw: str) -> bool:
    """Whether a stored author names a group (an agency, a desk, an organisation), not a person."""
    return Name.parse(raw).group


def plain_author(raw: str) -> str:
    """A stored author as people read it: the group marker's braces and extra spaces removed,
    and a person stored inverted ("Rubin, Gretchen", as Kindle and BibTeX give authors) in
    natural order ("Gretchen Rubin"). The stored form is kept: citations invert from it."""
    text = " ".join(raw.split())
    if found := _GROUP_MARK.match(text):
        return found.group(1).strip()
    if "," in text and (person := _from_inverted(text)) is not None and _surely_person(person):
        return person.natural
    return text


def _surely_person(name: Name) -> bool:
    """Whether a name read from "Family, Given" surely is one person's, to be turned round for
    display: a one-word family name (or one led by particles: van Gogh, Le Guin, St. Pierre)
    and given names that are capitalised words or initials. Else it is shown as written: it may
    be two people ("Gretchen Rubin, Ann Lee"), a name and an outlet ("Jane Doe, CNN"), a role
    ("Jones, the mayor") or "Smith, et al."."""
    *lead, last = name.family.split() or [""]
    return (
        not name.group
        and bool(name.given)
        and _capitalised_word(last)
        and all(w.casefold() in _PARTICLES or w.casefold() in _SURNAME_OPENERS for w in lead)
        and all(_capitalised_word(w) or _initials(w) for w in name.given.split())
    )


def _capitalised_word(word: str) -> bool:
    """Gretchen, O'Brien, Jean-Paul, McDonald: a capital, then some lowercase letters."""
    return (
        word[:1].isupper()
        and any(c.islower() for c in word)
        and all(c.isalpha() or c in "'’-." for c in word)
    )


def _initials(word: str) -> bool:
    """J, J., J.R.R., J.-P.: capitals each followed by a point (a lone capital may lack it)."""
    letters = [c for c in word if c.isalpha()]
    return (
        bool(letters)
        and all(c.isupper() for c in letters)
        and all(c.isalpha() or c in ".-" for c in word)
        and ("." in word or len(letters) == 1)
    )


@dataclass(frozen=True, slots=True)
class Name:
    """An author split for citation; a group author has only `family`, the whole name."""

    given: str
    family: str
    particle: str = ""  # lowercase particle that follows the given names when inverted
    suffix: str = ""
    group: bool = False

    @classmethod
    def parse(cls, raw: str) -> Name:
        """Read one stored author (see the module docstring for the rules)."""
        text = " ".join(raw.split())
        if found := _GROUP_MARK.match(text):
            return cls("", found.group(1).strip(), group=True)
        if "," in text:
            person = _from_inverted(text)
            if person is not None:
                return person
        if _has_group_word(text):
            return cls("", text, group=True)
        words = text.replace(",", " ").split()
        suffix = ""
        if len(words) > 2 and words[-1].casefold() in _SUFFIXES:
            suffix = words.pop()
        if len(words) <= 1:
            return cls("", " ".join(words), suffix=suffix)
        cut = len(words) - 1
        while cut > 0 and (
            words[cut - 1].casefold() in _SURNAME_OPENERS
            or (cut > 1 and _is_particle(words[cut - 1], capitalised=True))
        ):
            cut -= 1
        if cut == 0:  # "St. Pierre" alone: all surname
            return cls("", " ".join(words), suffix=suffix)
        family = words[cut:]
        rest = words[:cut]
        if all(_is_particle(w, capitalised=False) for w in rest):  # "de Gaulle" alone
            return cls("", " ".join(words), suffix=suffix)
        particle: list[str] = []
        while len(rest) > 1 and _is_particle(rest[-1], capitalised=False):
            particle.insert(0, rest.pop())
        return cls(" ".join(rest), " ".join(family), " ".join(particle), suffix)

    @property
    def natural(self) -> str:
        """Martin Luther King Jr.; Ludwig van Beethoven (Chicago 6.43: no comma before Jr.)."""
        out = " ".join(p for p in (self.given, self.particle, self.family) if p)
        return f"{out} {self.suffix}" if self.suffix else out

    @property
    def inverted(self) -> str:
        """King, Martin Luther, Jr.; Beethoven, Ludwig van (first author in MLA and Chicago)."""
        if not self.given:
            return self.natural
        given = " ".join(p for p in (self.given, self.particle) if p)
        out = f"{self.family}, {given}"
        return f"{out}, {self.suffix}" if self.suffix else out

    @property
    def inverted_with_particle(self) -> str:
        """van Gogh, Vincent: the particle kept before the surname (MLA 9, and CSL's
        non-dropping particle, which the MLA style never demotes)."""
        if not self.given or not self.particle:
            return self.inverted
        out = f"{self.short}, {self.given}"
        return f"{out}, {self.suffix}" if self.suffix else out

    @property
    def initials(self) -> str:
        """King, M. L., Jr.; van Gogh, V. (APA 9.7 keeps a particle before the surname)."""
        if not self.given:
            return self.natural
        parts = []
        for word in self.given.split():
            pieces = [p for p in word.split("-") if p]
            parts.append("-".join(f"{p[0]}." for p in pieces))
        out = f"{self.short}, {' '.join(parts)}"
        return f"{out}, {self.suffix}" if self.suffix else out

    @property
    def natural_initials(self) -> str:
        """M. L. King Jr.; V. van Gogh (APA's editors: initials before the surname)."""
        if not self.given:
            return self.natural
        initials = " ".join(
            "-".join(f"{p[0]}." for p in word.split("-") if p) for word in self.given.split()
        )
        out = f"{initials} {self.short}"
        return f"{out} {self.suffix}" if self.suffix else out

    @property
    def short(self) -> str:
        """The name in a short citation: the surname with its particle (van Gogh, de Gaulle:
        MLA 9 2.75, APA 8.x and Chicago 8.5 cite "van Gogh", never "Gogh"), or the group."""
        return f"{self.particle} {self.family}" if self.particle else self.family


def _from_inverted(text: str) -> Name | None:
    """A person from "Family, Given[, Jr.]"; None when the comma does not make one."""
    parts = [p.strip() for p in text.split(",")]
    suffix = ""
    if len(parts) == 3 and parts[2].casefold() in _SUFFIXES:
        suffix = parts.pop()
    if len(parts) != 2 or not all(parts):
        return None
    family, given = parts
    if given.casefold() in _SUFFIXES:  # "Martin Luther King, Jr." is a natural-order name
        return None
    # "Department of Justice, Civil Rights Division" is a group; "Press, Eyal" is a person.
    if _has_group_word(given) or (" " in family and _has_group_word(family)):
        return Name("", text, group=True)
    words = given.split()
    particle: list[str] = []
    while len(words) > 1 and _is_particle(words[-1], capitalised=False):
        particle.insert(0, words.pop())
    return Name(" ".join(words), family, " ".join(particle), suffix)


def _is_particle(word: str, *, capitalised: bool) -> bool:
    if word.casefold() not in _PARTICLES:
        return False
    return word[:1].isupper() if capitalised else word.islower()


def _has_group_word(text: str) -> bool:
    """A group word, or a joining word no personal name has (Centers for Disease Control and
    Prevention, U.S. Immigration and Customs Enforcement)."""
    words = _WORD.findall(text)
    return (
        any(w.casefold() in _GROUP_WORDS for w in words)
        or (len(words) > 2 and any(w in _JOINING for w in words[1:-1]))
        or "&" in text
    )


_JOINING = {"and", "of", "for", "the", "on"}


def names(authors: Sequence[str]) -> list[Name]:
    """The non-empty authors, parsed."""
    return [Name.parse(a) for a in authors if a and a.strip()]


def join_and(items: Sequence[str], conj: str = "and") -> str:
    """A, B, and C (serial comma, as all three manuals use)."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return ", ".join(items[:-1]) + f", {conj} {items[-1]}"


def _given_agrees(one: str, other: str) -> bool:
    """Two given names that can be one person's: either unknown, equal, or one the other's
    initial ("Y." and "Yusuke"); "Jane" and "John" cannot."""
    first, second = (
        name.split()[0].strip(".").casefold() if name.split() else "" for name in (one, other)
    )
    if not first or not second:
        return True
    if len(first) == 1 or len(second) == 1:
        return first[0] == second[0]
    return first == second


def same_person(one: str, other: str) -> bool:
    """Whether two written names can name the same person: "Shinyama", "Y. Shinyama" and
    "Shinyama, Yusuke" all name the author "Yusuke Shinyama"; "Hillary Clinton" is not
    "Bill Clinton". Accents, case and punctuation do not count ("GARCIA MARQUEZ, Gabriel" is
    "Gabriel García Márquez"), nor where a particle is written ("van Gogh, Vincent" is
    "Vincent van Gogh"). A group name matches only itself."""
    # Accents only: capitals tell particles apart.
    a, b = (Name.parse(unaccented(plain_author(name))) for name in (one, other))
    if a.family and _letters(a.natural) == _letters(b.natural):
        return True  # the same words in order: "Garcia Marquez, Gabriel", "Gabriel Garcia Marquez"
    if not a.family or (
        _letters(a.family) != _letters(b.family) and _letters(a.short) != _letters(b.short)
    ):
        return False
    if a.group or b.group:
        return a.group == b.group
    suffixes = {_suffix(a), _suffix(b)} - {""}
    if len(suffixes) > 1:
        return False  # "John Smith Jr." and "John Smith Sr.": a father and his son
    # Hyphens kept: "Jean-Paul" is one given name, not "Jean" (then any "Jean-…" would agree).
    return _given_agrees(*("-".join(map(_letters, x.given.split("-"))) for x in (a, b)))


def _suffix(name: Name) -> str:
    """A person's generation folded ("jr", "iii"), also where "Smith, John Jr." leaves it in the
    given names; "" for none (a degree, PhD or MD, tells no one apart)."""
    last = name.given.split()[-1:] if not name.suffix else [name.suffix]
    folded = _letters(last[0]) if last else ""
    return folded if folded in _GENERATIONS else ""


_GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}


def _letters(text: str) -> str:
    """A name's words compared: case folded, punctuation gone ("O'Brien" is "OBrien", "H." is
    "H"), hyphens and runs of space one space."""
    return " ".join(_NOT_LETTER.sub("", text.replace("-", " ")).casefold().split())


_NOT_LETTER = re.compile(r"[^\w\s]")
