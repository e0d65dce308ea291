"""Where in a paginated source a highlight is: its page or pages (printed labels), or chapter.

A highlight that starts on one page and ends on another cites the range ("pp. 12–13"). Each
manual writes a range its own way: APA 7 (8.13) in full (112–113); MLA 9 (6.x) the second
number's last two digits when it is within the same hundred (112–13); Chicago 17 (9.61) by its
table of inclusive numbers (101–8, 321–28, 498–532, 1087–89). Roman labels are written whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from annotations.model import Annotation
from library.model import Article, ArticleMeta
from library.text import is_number

RangeStyle = Literal["apa", "mla", "chicago"]


@dataclass(frozen=True, slots=True)
class Locator:
    """The page (or chapter, or location) labels a highlight spans: first and last."""

    kind: str  # "page", "chapter" or "location" (library.model.LOCATOR_KINDS)
    first: str
    last: str

    @property
    def is_range(self) -> bool:
        """Whether the highlight spans more than one page."""
        return self.first != self.last

    def labels(self, style: RangeStyle) -> str:
        """12, or the range 12–13 written as the style writes inclusive numbers."""
        first, last = self.first, self.last
        if self.kind == "chapter":
            # By number when both ends have one: "1–3", never the half-numbered "Preface–1".
            numbers = chapter_number(first), chapter_number(last)
            if first == last or (numbers[0] != first and numbers[1] != last):
                first, last = numbers
        if first == last:
            return first
        return f"{first}\u2013{inclusive(first, last, style)}"


CiteStyle = Literal["plain", "apa", "mla", "chicago", "card", "template"]

# How each style writes a locator: the way it writes ranges, and by kind the word before the
# labels for one page and for a range ("" for the number alone). APA 8.13 "p. 12", "Chapter 3";
# MLA 9 and CMOS 14.21 the page number alone, "ch. 3" / "chap. 3" (MLA 9's "chs.", CMOS 10.43's
# "chaps." for a range); the card's short cite and a template's `{page}` "p. 12" / the number
# alone; the plain style "p. 12", "pp. 11–12", "ch. 3". A Kindle location is "loc. 1234" in every
# style (never written as a page).
_LOCATION = ("loc.", "loc.")
_PREFIXES: dict[str, tuple[RangeStyle, dict[str, tuple[str, str]]]] = {
    "plain": ("apa", {"page": ("p.", "pp."), "chapter": ("ch.", "chs."), "location": _LOCATION}),
    "apa": (
        "apa",
        {"page": ("p.", "pp."), "chapter": ("Chapter", "Chapters"), "location": _LOCATION},
    ),
    "mla": ("mla", {"page": ("", ""), "chapter": ("ch.", "chs."), "location": _LOCATION}),
    "chicago": (
        "chicago",
        {"page": ("", ""), "chapter": ("chap.", "chaps."), "location": _LOCATION},
    ),
    "card": ("apa", {"page": ("p.", "pp."), "chapter": ("ch.", "chs."), "location": _LOCATION}),
    "template": ("apa", {"page": ("", ""), "chapter": ("ch.", "chs."), "location": _LOCATION}),
}


# A chapter's label that leads with its number: "1. Introduction", "Chapter 2: Getting Set Up",
# "CHAPTER XII. Loomings", "Chapter 3". A number followed by words without a stop ("24 Hours in
# Tokyo") is a title, not a number; so is a word of roman letters that is no numeral ("CIVIL:").
# Without "Chapter", roman numerals are read only below XL, and never as a name's initials ("C. S.
# Lewis", "V. S. Naipaul", "I. M. Pei"), nor a word such as "CLI:" or "CV:": those stay whole.
_NUMBERED_CHAPTER = re.compile(
    r"^\s*(?:(?i:chapter|chap\.|ch\.)\s+(?P<named>\d+|(?i:[ivxlc]+))(?:\s*[.:\u2013\u2014-]|\s*$)"
    r"|(?P<bare>\d{1,3}|[IVX]+)(?:[.:]\s(?![A-Z]\.)|\s[\u2013\u2014-]\s))"
)
_ROMAN = re.compile(r"^(?i:C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))$")


def chapter_number(label: str) -> str:
    """The number a chapter's label leads with, as the manuals cite it ("ch. 3"); the label
    itself when it has none ("About this manual")."""
    found = _NUMBERED_CHAPTER.match(label)
    number = found and (found.group("named") or found.group("bare"))
    if not number or not (number.isdigit() or _ROMAN.match(number)):
        return label
    return number


def cite_locator(where: Locator | None, style: CiteStyle) -> str:
    """The locator as style writes it: "p. 12", "12–13", "ch. 3", "loc. 1234–1240"; "" for
    None (an unpaginated source)."""
    if where is None:
        return ""
    ranges, prefixes = _PREFIXES[style]
    one, many = prefixes.get(where.kind, prefixes["page"])
    labels = where.labels(ranges)
    prefix = many if where.is_range else one
    return f"{prefix} {labels}" if prefix else labels


def locate(annotation: Annotation, article: ArticleMeta) -> Locator | None:
    """The labels of the pages a highlight covers; None for an unpaginated article or a
    highlight whose words are no longer where it says."""
    if annotation.orphaned:
        return None
    if annotation.place:  # a note on no words: the place its device gave it
        kind = article.locator if isinstance(article, Article) else "location"
        return Locator(kind, annotation.place, annotation.place)
    if not isinstance(article, Article) or not article.pages:
        return None
    text = article.text
    if text[annotation.start : annotation.end] != annotation.quote:
        return None
    pages = article.pages_of(annotation.start, annotation.end)
    if not pages:
        return None
    return Locator(article.locator, pages[0].label, pages[-1].label)


def inclusive(first: str, last: str, style: RangeStyle) -> str:
    """The second number of a range as the style abbreviates it."""
    if not (is_number(first) and is_number(last)) or style == "apa":
        return last
    low, high = int(first), int(last)
    if high <= low:
        return last
    if style == "mla":
        # MLA 9: beyond 99, only the last two digits of the second number when they suffice.
        if low < 100 or high // 100 != low // 100:
            return last
        return last[-2:] if len(last) >= 2 else last
    # CMOS 9.61: under 100 or a multiple of 100, all digits; 101–109 in a hundred, the changed
    # part only; 110–199, two digits or more as needed.
    if low < 100 or low % 100 == 0:
        return last
    changed = _changed(first, last, 1 if low % 100 < 10 else 2)
    # Four-digit numbers of which three change are written whole (1496–1504).
    return last if len(last) == 4 and len(changed) >= 3 else changed


def _changed(first: str, last: str, at_least: int) -> str:
    """The digits of last from where it differs from first, at least at_least of them."""
    if len(first) != len(last):
        return last
    for i, (a, b) in enumerate(zip(first, last, strict=True)):
        if a != b:
            return last[min(i, len(last) - at_least) :]
    return last


def page_span(value: str, style: RangeStyle) -> str:
    """A stored page range ("341-360") written as the style writes ranges (MLA 341–60)."""
    parts = [p.strip() for p in value.replace("\u2014", "-").replace("\u2013", "-").split("-")]
    parts = [p for p in parts if p]
    if len(parts) != 2:
        return value.strip()
    return f"{parts[0]}\u2013{inclusive(parts[0], parts[1], style)}"


def is_plural(value: str) -> bool:
    """Whether a page value names more than one page (a range or a list): pp., not p."""
    return any(mark in value for mark in ("-", "\u2013", ",", "&"))
