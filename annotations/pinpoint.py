"""The page a draft cites beside a quotation ("(Author, 2020, p. 7)", "pp. 2–3", "at 7" for a
court's opinion), and whether the source's words are on it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from library.model import LabelKind, LocatorKind, Page

# A page label: a number, or a front-matter page's roman numeral as books print it, lower case
# and well formed below 400, so "page did", "page mix" and "the page I cite" name no page.
_LABEL = r"(?:\d+|(?-i:(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})))"
_DASH = r"\s*[-–—]\s*"
_RANGE = rf"{_LABEL}(?:{_DASH}{_LABEL})?"
_RANGES = rf"{_RANGE}(?:\s*(?:,|&|and)\s*{_RANGE})*"  # "pp. 3, 7", "pp. 2–3 and 9"
# "p. 7", "pp. 2–3", "p 7", "page 7", "pages 2-3", "p. xii": the labels, in ranges. A roman
# label stands apart from "p.", so "p.m." is no page.
_PAGE = re.compile(
    rf"(?<![^\W\d_])(?:pp?\.?|pages?)(?:\s*(?=\d)|\s+)({_RANGES})(?![^\W_])", re.IGNORECASE
)
# A court's opinion is cited by "at": "Id. at 7", "410 U.S. at 153–54", "slip op. at 7"; the
# number ends its clause, so "at 7 p.m." is no page.
_AT = re.compile(rf"(?<![^\W\d_])at\s+(\d+(?:{_DASH}\d+)?)(?=\s*(?:[).;,\]]|$))")
_ONE = re.compile(rf"({_LABEL}){_DASH}({_LABEL})|{_LABEL}", re.IGNORECASE)
_CLOSING = "”’»\"'),.;:!? \t"  # the quotation's own closing mark and punctuation after it
_OPENING = re.compile(r"[“‘«„]|(?:^|(?<=\s))[\"']")  # the next quotation begins
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")  # a blank line ends the draft's paragraph
# A sentence ends at a stop before a capital: what follows cites what it says, not the
# quotation ("…,” she said. Smith disagrees (p. 9)).
_STOP = re.compile(r"([\w.]*)([.!?])[”’\"')\]]*\s+(?=[^\W\d_])")
# A stop after these is an abbreviation, not a sentence's end: a case's "v.", "Id.", a court's
# and a reporter's short forms, "et al.", titles; an initial or a dotted acronym ("U.S.") too.
_ABBREVIATIONS = frozenset(
    {
        "v",
        "vs",
        "al",
        "id",
        "no",
        "nos",
        "co",
        "corp",
        "inc",
        "ltd",
        "jr",
        "sr",
        "st",
        "dr",
        "mr",
        "mrs",
        "ms",
        "ct",
        "cir",
        "supp",
        "app",
        "ed",
        "eds",
        "vol",
        "op",
        "cf",
        "art",
    }
)
_WINDOW = 160  # characters after a quotation read for its citation


@dataclass(frozen=True, slots=True)
class CitedPages:
    """The pages a draft cites for a quotation, as written: each range's first and last label
    (one page is a range of one)."""

    ranges: tuple[tuple[str, str], ...]

    def shown(self) -> str:
        """ "p. 7", "pp. 2–3" or "pp. 3, 7"."""
        ranges = [first if first == last else f"{first}–{last}" for first, last in self.ranges]
        one = len(ranges) == 1 and self.ranges[0][0] == self.ranges[0][1]
        return ("p. " if one else "pp. ") + ", ".join(ranges)


def cited_pages(draft: str, end: int, *, court: bool = False) -> CitedPages | None:
    """The pages the draft cites right after a quotation ending at end (before its closing
    mark), up to the sentence's or the paragraph's end or the next quotation; "at N" only for
    a court's opinion."""
    at = end
    while at < len(draft) and at - end < 3 and draft[at] in _CLOSING:
        at += 1
    window = _PARAGRAPH.split(draft[at : end + _WINDOW], 1)[0]
    following = _OPENING.search(window)
    if following is not None:
        window = window[: following.start()]
    for stop in _STOP.finditer(window):
        word = stop.group(1)
        short = word.rsplit(".", 1)[-1]  # "U.S." → "S"
        if not window[stop.end()].isupper() or (
            stop.group(2) == "."
            and (word.casefold() in _ABBREVIATIONS or (len(short) == 1 and short.isupper()))
        ):
            continue
        window = window[: stop.start(2)]
        break
    found = [m for m in (_PAGE.search(window), _AT.search(window) if court else None) if m]
    if not found:
        return None
    labels = min(found, key=lambda m: m.start()).group(1)
    return CitedPages(tuple(_range(m) for m in _ONE.finditer(labels)))


def _range(found: re.Match[str]) -> tuple[str, str]:
    """One range's first and last label; "123–24" is 123 to 124."""
    if found.group(1) is None:
        return found.group(), found.group()
    start, last = found.group(1), found.group(2)
    if last.isdigit() and start.isdigit() and len(last) < len(start):
        last = start[: len(start) - len(last)] + last
    return start, last


def on_cited_pages(pages: list[Page], touched: list[Page], cited: CitedPages) -> bool:
    """Whether the source's words, on the touched pages of a page map (in text order), stand on
    one of the cited pages (labels found in the map, case aside). A label the source does not
    print is a wrong page."""
    labels = [p.label.casefold() for p in pages]
    on = {i for i, page in enumerate(pages) if page in touched}
    for first, last in cited.ranges:
        first, last = first.casefold(), last.casefold()
        for i, label in enumerate(labels):
            if label != first:
                continue
            # A label may be printed twice (a slip opinion's syllabus and opinion each start at
            # 1): each run from it to the nearest cited end counts.
            j = next((k for k in range(i, len(labels)) if labels[k] == last), None)
            if j is not None and any(i <= k <= j for k in on):
                return True
    return False


def unchecked_pages(pages: list[Page], locator: LocatorKind, labels: LabelKind | None) -> str:
    """Why a source's pages cannot check a page a draft cites ("" when they can): it has none,
    counts chapters or locations, or its labels only count the PDF's pages (a journal reprint
    cited by the journal's pages would be a false alarm). A map stored before its labels' kind
    was recorded is checked unless it could be such a count: numbers up from 1 or 2."""
    if not pages or locator != "page":
        return "page not checked: the source has no page numbers"
    if labels == "counted":
        return "page not checked: the PDF gives no page numbers"
    if labels is None and _counted_look(pages):
        return "page not checked: the page numbers may only count the PDF's (import it again)"
    return ""


def _counted_look(pages: list[Page]) -> bool:
    """Whether a page map's labels could be its pages' places in the file: numbers counting up
    from the first or second (a blank cover dropped), blank pages skipped."""
    if not all(p.label.isascii() and p.label.isdigit() for p in pages):
        return False
    numbers = [int(p.label) for p in pages]
    return numbers[0] <= 2 and all(a < b for a, b in pairwise(numbers))
