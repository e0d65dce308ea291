"""The page a draft cites beside a quotation ("(Author, 2020, p. 7)", "pp. 2–3", "at 7" for a
court's opinion), and whether the source's words are on it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from library.model import Page

_LABEL = r"(?:\d+|[ivxlcdm]+)"
_DASH = r"\s*[-–—]\s*"
# "p. 7", "pp. 2–3", "p 7", "page 7", "pages 2-3", "p. xii": the label, and the range's end if
# any. A roman label stands apart from "p.", so "p.m." is no page.
_PAGE = re.compile(
    rf"(?<![^\W\d_])(?:pp?\.?|pages?)(?:\s*(?=\d)|\s+)({_LABEL})(?:{_DASH}({_LABEL}))?(?![^\W_])",
    re.IGNORECASE,
)
# A court's opinion is cited by "at": "Id. at 7", "410 U.S. at 153–54", "slip op. at 7"; the
# number ends its clause, so "at 7 p.m." is no page.
_AT = re.compile(rf"(?<![^\W\d_])at\s+(\d+)(?:{_DASH}(\d+))?(?=\s*(?:[).;,\]]|$))")
_CLOSING = "”’»\"'),.;:!? \t"  # the quotation's own closing mark and punctuation after it
_OPENING = re.compile(r"[“‘«„]|(?:^|(?<=\s))[\"']")  # the next quotation begins
_WINDOW = 160  # characters after a quotation read for its citation


@dataclass(frozen=True, slots=True)
class CitedPages:
    """The pages a draft cites for a quotation, as written: first and last label."""

    first: str
    last: str

    def shown(self) -> str:
        """ "p. 7" or "pp. 2–3"."""
        return f"p. {self.first}" if self.first == self.last else f"pp. {self.first}–{self.last}"


def cited_pages(draft: str, end: int, *, court: bool = False) -> CitedPages | None:
    """The pages the draft cites right after a quotation ending at end (before its closing
    mark), up to the line's end or the next quotation; "at N" only for a court's opinion."""
    at = end
    while at < len(draft) and at - end < 3 and draft[at] in _CLOSING:
        at += 1
    window = draft[at : end + _WINDOW].split("\n", 1)[0]
    following = _OPENING.search(window)
    if following is not None:
        window = window[: following.start()]
    found = [m for m in (_PAGE.search(window), _AT.search(window) if court else None) if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    start, last = first.group(1), first.group(2) or first.group(1)
    if last.isdigit() and start.isdigit() and len(last) < len(start):
        last = start[: len(start) - len(last)] + last  # "pp. 123–24" is 123 to 124
    return CitedPages(start, last)


def on_cited_pages(pages: list[Page], touched: list[Page], cited: CitedPages) -> bool:
    """Whether the source's words, on the touched pages of a page map (in text order), stand on
    one of the cited pages (labels found in the map, case aside). A label the source does not
    print is a wrong page."""
    labels = [p.label.casefold() for p in pages]
    first, last = cited.first.casefold(), cited.last.casefold()
    on = {i for i, page in enumerate(pages) if page in touched}
    for i, label in enumerate(labels):
        if label != first:
            continue
        # A label may be printed twice (a slip opinion's syllabus and opinion each start at 1):
        # each run from it to the nearest cited end counts.
        j = next((k for k in range(i, len(labels)) if labels[k] == last), None)
        if j is not None and any(i <= k <= j for k in on):
            return True
    return False
