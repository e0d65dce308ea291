"""Quotation marks and punctuation: nested quotes, run-in quotes, elements joined American style.

The words of a quote are never added to, dropped or changed. Inside the curly double quotes the
prose styles put around a quote or a title, double quotes become single (the American rule all
three manuals share), but only where an opening mark has its closing mark: a lone ``"`` is an inch
mark or a quote that opens in another paragraph, and stays as written.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotations.quotemarks import CLOSE, OPEN, frame, frame_words, pairs
from library.model import BLOCK_SEPARATOR

_CLOSING_MARKS = "\u201d\u2019\"'"


def nest_quotes(value: str) -> str:
    """Paired double quotes inside a quotation become single quotes; a lone one stays as written.

    A third level switches back: single quotes paired inside a double pair become double
    (Chicago 13.30, APA 6.7: ‘He told me “never again”’). Only an opening ‘ starts such a pair,
    closed by the next ’ that no letter follows, so an apostrophe (don’t) never closes one.
    """
    if '"' not in value and "\u201c" not in value and "\u201d" not in value:
        return value  # most quotes and titles: nothing to look at character by character
    out = list(value)
    for start, i in pairs(value):
        out[start] = "\u2018"
        out[i] = "\u2019"
        _third_level(value, out, start + 1, i)
    return "".join(out)


def prose_frame(quote: str, place: str | None = None) -> tuple[str, str, str]:
    """The quote's marks (`frame`) and its words run in on one line with inner quotes nested,
    for the prose styles. The frame is always curly there, like every other mark they print: a
    straight mark the words carry at an edge stands as “ or ” (“Secure…”, never "Secure…").
    A note on no words is shown by its place, in no marks (`frame_words`), never as “”."""
    if not quote and place:
        return frame_words(quote, place)
    _, words, _ = frame(run_in(quote))
    return OPEN, nest_quotes(words), CLOSE


def _third_level(value: str, out: list[str], start: int, end: int) -> None:
    """Single-quote pairs in value[start:end] (inside a double pair) become double in out."""
    i = start
    while i < end:
        if value[i] == "\u2018" and out[i] == "\u2018":
            close = next(
                (
                    j
                    for j in range(i + 1, end)
                    if value[j] == "\u2019" and (j + 1 >= end or not value[j + 1].isalnum())
                ),
                None,
            )
            if close is not None:
                out[i], out[close] = "\u201c", "\u201d"
                i = close
        i += 1


def run_in(quote: str) -> str:
    """The quote as one run-in line: paragraph breaks become one space, outer space trimmed."""
    return " ".join(part.strip() for part in quote.split(BLOCK_SEPARATOR) if part.strip())


def without_final_stop(quote: str) -> str:
    """The quote without the period (or comma, semicolon, colon) that a following parenthetical
    takes over, also when it sits inside closing quotes (“… ‘I agree.’” becomes “… ‘I agree’”).

    MLA and APA put the sentence's period after the parenthetical citation, so the quote's own
    period would otherwise print twice. Question marks, exclamation marks and ellipses stay.
    """
    body = quote.rstrip(_CLOSING_MARKS)
    closing = quote[len(body) :]
    if body.endswith((".", ",", ";", ":")) and not body.endswith(("...", "\u2026")):
        body = body[:-1]
    return body + closing


def ends_with_stop(value: str) -> bool:
    """Whether value ends with a mark that ends a sentence (. ? !), inside closing quotes or not."""
    return value.rstrip().rstrip(_CLOSING_MARKS).endswith((".", "?", "!"))


def ends_with_question(value: str) -> bool:
    """Whether value ends with ? or ! (a title's own mark takes the place of a comma or period)."""
    return value.rstrip().rstrip(_CLOSING_MARKS).endswith(("?", "!"))


def sentence(value: str) -> str:
    """value ending with a period, unless it already ends with . ? or !."""
    value = value.rstrip()
    return value if ends_with_stop(value) else value + "."


class Quoted:
    """A title in a list of elements: the comma or period after it goes inside the marks."""

    __slots__ = ("raw", "shown")

    def __init__(self, raw: str, shown: str) -> None:
        self.raw = raw  # the title as text, to decide punctuation
        self.shown = shown  # the title as output (escaped for its markup)


class Shown:
    """An element whose output (marked up) differs from its text (the text decides punctuation)."""

    __slots__ = ("raw", "shown")

    def __init__(self, raw: str, shown: str) -> None:
        self.raw = raw
        self.shown = shown


Element = Quoted | Shown


def elements(items: Sequence[Element | None], final: str = ".", sep: str = ",") -> str:
    """Join citation elements with sep, American style: punctuation inside quotation marks.

    A mark is never doubled: an element that already ends with it (Jr., Inc.) or with ? or ! takes
    none.
    """
    present = [i for i in items if i is not None and i.raw]
    out: list[str] = []
    for index, item in enumerate(present):
        mark = sep if index < len(present) - 1 else final
        if isinstance(item, Quoted):
            inner = item.shown
            if (
                mark
                and not ends_with_question(item.raw)
                and not (mark == "." and ends_with_stop(item.raw))
            ):
                inner += mark
            out.append(f"{OPEN}{inner}{CLOSE}")
            continue
        raw = item.raw.rstrip()
        if not mark or raw.endswith(mark) or (mark == "." and ends_with_stop(raw)):
            out.append(item.shown)
        else:
            out.append(item.shown + mark)
    return " ".join(out)
