"""The debate card: tag line, short cite, full cite, then the paragraphs with the read words marked.

In Markdown and HTML the three are marked differently, as debate templates do: the tag is a
heading, the short cite bold, and the read words bold and underlined. Without an author the short
cite names the publication (without "The") or the shortened title; inner double quotes in the
full cite's title are nested, and the card's paragraphs keep the article's own marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotations.citation.locators import Locator
from annotations.citation.names import join_and, names
from annotations.citation.quotes import Quoted, Shown, elements, nest_quotes
from annotations.citation.source import QuoteStyle, Source, clean
from annotations.citation.titles import headline_case, short_title, without_the
from library.dates import PartialDate, format_date
from library.model import BLOCK_SEPARATOR
from library.text import strip_controls


def short_cite(
    authors: Sequence[str],
    publication: str | None,
    title: str,
    published: str | None,
    where: Locator | None = None,
) -> str:
    """The debate short cite: first author's surname (or the publication) and a two-digit year,
    then the page of a paginated source ("Menino 11, p. 12").

    Without an author: the publication without a leading "The", else the title shortened to four
    words in headline style; "ND" when there is no date.
    """
    people = names(authors)
    if len(people) == 1:
        who = people[0].short
    elif len(people) == 2:
        who = f"{people[0].short} and {people[1].short}"
    elif people:
        who = f"{people[0].short} et al."
    else:
        who = without_the(clean(publication)) or headline_case(short_title(clean(title)), "chicago")
        who = who or "Unknown"
    when = PartialDate.from_iso(published)
    cite = f"{who} {when.year % 100:02d}" if when else f"{who} ND"
    page = page_label(where)
    return f"{cite}, {page}" if page else cite


def page_label(where: Locator | None) -> str:
    """p. 12, pp. 12–13, ch. 3 or loc. 40: the page after a short cite; "" when unpaginated."""
    if where is None:
        return ""
    if where.kind == "chapter":
        return f"ch. {where.labels('apa')}"
    if where.kind == "location":
        return f"loc. {where.labels('apa')}"
    return f"{'pp.' if where.is_range else 'p.'} {where.labels('apa')}"


def _runs(src: Source) -> list[list[tuple[str, bool]]]:
    """The paragraphs around the highlight as runs of (text, highlighted)."""
    ann = src.annotation
    quote = ann.quote
    text = src.article_text
    span: tuple[int, int] | None = None
    if text and quote:
        if text[ann.start : ann.end] == quote:
            span = (ann.start, ann.end)
        else:
            found = [m.start() for m in re.finditer(re.escape(quote), text)]
            if found:
                best = min(found, key=lambda i: abs(i - ann.start))
                span = (best, best + len(quote))
    if text is None or span is None:
        return [[(part, True)] for part in src.quote.split(BLOCK_SEPARATOR) if part]
    start, end = span
    paragraphs: list[list[tuple[str, bool]]] = []
    for _kind, p_start, p_end in src.blocks:
        if p_end <= start or p_start >= end:
            continue
        lo, hi = max(start, p_start), min(end, p_end)
        runs = [(text[p_start:lo], False), (text[lo:hi], True), (text[hi:p_end], False)]
        runs = [(strip_controls(t), hit) for t, hit in runs]
        paragraphs.append([r for r in runs if r[0]])
    return [p for p in paragraphs if p]


def render(src: Source) -> str:
    """Tag, short cite, full cite, marked paragraphs."""
    m = src.m
    ann = src.annotation
    note_line = next((ln.strip() for ln in clean(ann.note).splitlines() if ln.strip()), "")
    tag = note_line or ", ".join(clean(t) for t in ann.tags)
    short = short_cite(
        src.authors,
        src.publication,
        src.title,
        src.published.iso() if src.published else None,
        src.locator,
    )
    who = join_and([n.natural for n in src.names])
    when = format_date(src.published, "dmy") if src.published else ""
    title = nest_quotes(src.title)
    accessed = f"accessed {format_date(src.accessed, 'dmy')}" if src.url else ""
    full = elements(
        [
            Shown(who, m.esc(who)),
            Shown(when, m.esc(when)),
            Quoted(title, m.esc(title)),
            Shown(src.publication, m.italic(src.publication)),
            Shown(src.url, m.url(src.url)),
            Shown(accessed, m.esc(accessed)),
        ],
        final="",
    )
    if src.speaker:
        full = f"{full}; quoting {m.esc(src.speaker)}"
    body = [
        "".join(m.mark(t) if hit else m.esc(t) for t, hit in paragraph) for paragraph in _runs(src)
    ]
    head = [m.heading(tag)] if tag else []
    return m.lines([*head, m.bold(short), full, *body], blank=False)


STYLE = QuoteStyle("card", "Debate card: tag, short cite, full cite, marked paragraph", render)
