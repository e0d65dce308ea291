"""Formatted quotes: a highlight and its source in plain, MLA, APA, Chicago, card or template style.

The words of a quote are never added to, dropped or changed. The prose styles (plain, mla, apa,
chicago) wrap the quote in curly double quotes, so double quotes inside it become single quotes
(the American rule all three guides share), and MLA and APA move a final period after the
parenthetical citation, as both guides prescribe. A highlight that spans paragraphs is joined with
one space in the prose styles (a run-in quotation has no paragraphs, and a pilcrow would be a
character the author never wrote); the card keeps the paragraphs. No style adds an ellipsis: a
highlight is one unbroken span, so there is never skipped text to mark.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from annotations.errors import AnnotationError
from annotations.model import Annotation
from library.config import Config
from library.model import BLOCK_SEPARATOR, Article, ArticleMeta
from library.text import strip_controls

Markup = Literal["text", "markdown", "html"]
MARKUPS: tuple[Markup, ...] = ("text", "markdown", "html")

__all__ = [
    "MARKUPS",
    "STYLES",
    "TEMPLATE_FIELDS",
    "CitationError",
    "Markup",
    "QuoteStyle",
    "TemplateError",
    "UnknownStyle",
    "escape_markdown",
    "format_quote",
    "short_cite",
    "style_names",
    "validate_template",
]


class CitationError(AnnotationError):
    """A quote could not be formatted; the message says why and what to do."""


class UnknownStyle(CitationError):
    """The style name is neither built in nor a template in the config."""

    def __init__(self, name: str, choices: Sequence[str]) -> None:
        self.name = name
        self.choices = list(choices)
        super().__init__(f"unknown quote style {name!r}; choose one of: {', '.join(self.choices)}")


class TemplateError(CitationError):
    """A user template cannot be rendered; the message names the template and the field."""

    def __init__(self, template: str, field: str, reason: str) -> None:
        self.template = template
        self.field = field
        super().__init__(f"templates.{template}: {reason}")


# -- markup ----------------------------------------------------------------------------------------

# Markdown (CommonMark plus Obsidian's ==, %%, $, ^, #tag and [[link]]) characters that could turn
# text into markup. A backslash before ASCII punctuation is always a literal in CommonMark.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~=$%^&{}!])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+])|(\d+)([.)]))(?=\s|$)", re.MULTILINE)


def escape_markdown(value: str) -> str:
    """Text that Markdown (and Obsidian) shows literally: specials backslash-escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", value)
    return _MD_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(found: re.Match[str]) -> str:
    """A list marker made literal: \\- for bullets, 1\\. for numbers (a digit cannot be escaped)."""
    indent, bullet, number, mark = found.groups()
    return f"{indent}\\{bullet}" if bullet else f"{indent}{number}\\{mark}"


@dataclass(frozen=True, slots=True)
class _Markup:
    """How one output flavour escapes text and shows emphasis."""

    kind: Markup

    def esc(self, value: str) -> str:
        if self.kind == "html":
            return html.escape(value, quote=True)
        if self.kind == "markdown":
            return escape_markdown(value)
        return value

    def _wrap(self, value: str, md: str, tag: str) -> str:
        """Escaped value inside emphasis markers, whitespace kept outside them."""
        core = value.strip()
        if not core:
            return self.esc(value)
        lead = value[: len(value) - len(value.lstrip())]
        trail = value[len(value.rstrip()) :]
        if self.kind == "html":
            inner = (
                f"<{tag}>{self.esc(core)}</{tag}>"
                if tag != "bu"
                else (f"<b><u>{self.esc(core)}</u></b>")
            )
        elif self.kind == "markdown":
            inner = f"{md}{self.esc(core)}{md}"
        else:
            inner = core if not md or tag == "i" else f"{md}{core}{md}"
        return self.esc(lead) + inner + self.esc(trail)

    def italic(self, value: str) -> str:
        """Titles of containers: plain in text, *…* in Markdown, <i> in HTML."""
        return self._wrap(value, "*", "i")

    def bold(self, value: str) -> str:
        """Headings of a card: plain in text, **…** in Markdown, <b> in HTML."""
        if self.kind == "text":
            return value
        return self._wrap(value, "**", "b")

    def mark(self, value: str) -> str:
        """Highlighted words of a card: **…** in text and Markdown, bold + underline in HTML."""
        return self._wrap(value, "**", "bu")

    def url(self, value: str) -> str:
        """A URL: an autolink in Markdown when it is a safe web address, else escaped text."""
        if self.kind == "markdown" and _SAFE_URL.match(value):
            return f"<{value}>"
        return self.esc(value)

    def lines(self, parts: Sequence[str], *, blank: bool = True) -> str:
        """Separate paragraphs of output; in plain text blank lines only when blank is set."""
        parts = [p for p in parts if p]
        if self.kind == "html":
            return "\n".join(f"<p>{p}</p>" for p in parts)
        return "\n\n".join(parts) if blank or self.kind == "markdown" else "\n".join(parts)


_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")


# -- dates -----------------------------------------------------------------------------------------

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# MLA 9 abbreviates months longer than four letters (Sept. for September).
_MLA_MONTHS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True, slots=True)
class _Date:
    """A publication date that may lack its month or day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | date | None) -> _Date | None:
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        found = _ISO.match((value or "").strip())
        if not found:
            return None
        year, month, day = (int(g) if g else None for g in found.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            return cls(year)
        if month is not None and day is not None:
            try:
                date(year, month, day)
            except ValueError:
                return cls(year, month)
        return cls(year, month, day)

    def as_date(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def dmy(self, months: Sequence[str] = _MONTHS) -> str:
        """13 July 2011 (MLA, plain, card)."""
        if self.month is None:
            return str(self.year)
        month = months[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    def mdy(self) -> str:
        """July 13, 2011 (Chicago)."""
        if self.month is None:
            return str(self.year)
        month = _MONTHS[self.month - 1]
        return f"{month} {self.day}, {self.year}" if self.day else f"{month} {self.year}"

    def apa(self) -> str:
        """2011, July 13 (APA, inside parentheses)."""
        if self.month is None:
            return str(self.year)
        month = _MONTHS[self.month - 1]
        return f"{self.year}, {month} {self.day}" if self.day else f"{self.year}, {month}"


# -- names -----------------------------------------------------------------------------------------

_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "m.d."}
_PARTICLES = {
    "al", "bin", "da", "das", "de", "del", "della", "der", "di", "dos", "du", "el", "la", "le",
    "st.", "ten", "ter", "van", "von", "zu",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Name:
    """A person's name split for citation: given names, family name, suffix."""

    given: str
    family: str
    suffix: str = ""

    @classmethod
    def parse(cls, raw: str) -> _Name:
        text = " ".join(raw.split())
        if text.count(",") == 1:
            family, given = (p.strip() for p in text.split(","))
            if given and given.casefold() not in _SUFFIXES:
                return cls(given, family)
        words = text.replace(",", " ").split()
        suffix = ""
        if len(words) > 2 and words[-1].casefold() in _SUFFIXES:
            suffix = words.pop()
        if len(words) <= 1:
            return cls("", " ".join(words), suffix)
        cut = len(words) - 1
        while cut > 1 and words[cut - 1].casefold() in _PARTICLES:
            cut -= 1
        return cls(" ".join(words[:cut]), " ".join(words[cut:]), suffix)

    @property
    def natural(self) -> str:
        """Thomas M. Menino Jr."""
        out = f"{self.given} {self.family}".strip()
        return f"{out}, {self.suffix}" if self.suffix else out

    @property
    def inverted(self) -> str:
        """Menino, Thomas M. (MLA first author)."""
        if not self.given:
            return self.natural
        out = f"{self.family}, {self.given}"
        return f"{out}, {self.suffix}" if self.suffix else out

    @property
    def initials(self) -> str:
        """Menino, T. M. (APA)."""
        if not self.given:
            return self.natural
        parts = []
        for word in self.given.split():
            pieces = [p for p in word.split("-") if p]
            parts.append("-".join(f"{p[0]}." for p in pieces))
        out = f"{self.family}, {' '.join(parts)}"
        return f"{out}, {self.suffix}" if self.suffix else out


def _names(authors: Sequence[str]) -> list[_Name]:
    return [_Name.parse(a) for a in authors if a and a.strip()]


def _join_and(items: Sequence[str], conj: str = "and") -> str:
    """A, B, and C (serial comma, as all three guides use)."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return ", ".join(items[:-1]) + f", {conj} {items[-1]}"


# -- punctuation -----------------------------------------------------------------------------------

_TO_SINGLE = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019"})
# A straight double quote opens at the start or after space, a bracket or a dash.
_OPENING_STRAIGHT = re.compile(r'(?:^|(?<=[\s(\[{\u2014\u2013-]))"')


def _single_quotes_inside(value: str) -> str:
    """Double quotes inside a quotation become single quotes (MLA, APA and Chicago)."""
    value = value.translate(_TO_SINGLE)
    if '"' in value:
        value = _OPENING_STRAIGHT.sub("\u2018", value).replace('"', "\u2019")
    return value


def _run_in(quote: str) -> str:
    """The quote as one run-in line: paragraph breaks become one space, outer space trimmed."""
    return " ".join(part.strip() for part in quote.split(BLOCK_SEPARATOR) if part.strip())


class _Quoted:
    """A quoted title in a list of elements: the following comma or period goes inside the marks."""

    __slots__ = ("inner",)

    def __init__(self, inner: str) -> None:
        self.inner = inner


_Element = str | _Quoted


def _ends_with_stop(value: str) -> bool:
    return value.rstrip().endswith(("?", "!"))


def _elements(items: Sequence[_Element | None], final: str = ".") -> str:
    """Join citation elements with commas, American style: punctuation inside quotation marks."""
    present = [i for i in items if i]
    out: list[str] = []
    for index, item in enumerate(present):
        mark = "," if index < len(present) - 1 else final
        if isinstance(item, _Quoted):
            inner = item.inner
            if mark and not _ends_with_stop(inner):
                inner += mark
            out.append(f"\u201c{inner}\u201d")
        else:
            out.append(item + mark if mark and not item.endswith(mark) else item)
    return " ".join(out)


def _sentence(value: str) -> str:
    """value ending with a period (unless it already ends with . ? or !)."""
    value = value.rstrip()
    return value if value.endswith((".", "?", "!")) else value + "."


def _short_title(title: str) -> str:
    """A title shortened for a parenthetical citation: its subtitle dropped."""
    head = re.split(r":\s", title, maxsplit=1)[0].strip()
    return head or title


# -- sources ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Source:
    """Everything a style needs, cleaned of control characters."""

    annotation: Annotation
    title: str
    authors: list[str]
    publication: str
    published: _Date | None
    url: str
    speaker: str  # explicit speaker of the quote, "" when it is the author's own words
    accessed: date
    article_text: str | None
    blocks: list[tuple[str, int, int]]  # (kind, start, end) over article_text
    m: _Markup

    @property
    def names(self) -> list[_Name]:
        return _names(self.authors)

    @property
    def quote(self) -> str:
        return _clean(self.annotation.quote)


def _clean(value: str | None) -> str:
    return strip_controls(value or "").strip()


def _source(
    annotation: Annotation,
    article: ArticleMeta,
    accessed: date | None,
    markup: Markup,
    context_text: str | None,
) -> _Source:
    speaker = _clean(annotation.speaker)
    authors = [_clean(a) for a in article.authors if _clean(a)]
    if speaker and speaker.casefold() in {a.casefold() for a in authors}:
        speaker = ""
    blocks: list[tuple[str, int, int]] = []
    text = context_text
    if isinstance(article, Article) and article.text:
        text = article.text
        blocks = [(b.kind, b.start, b.end) for b in article.blocks]
    if text and not blocks:
        offset = 0
        for part in text.split(BLOCK_SEPARATOR):
            blocks.append(("paragraph", offset, offset + len(part)))
            offset += len(part) + len(BLOCK_SEPARATOR)
    return _Source(
        annotation=annotation,
        title=_clean(article.title),
        authors=authors,
        publication=_clean(article.publication),
        published=_Date.parse(article.published),
        url=_clean(article.url),
        speaker=speaker,
        accessed=accessed or date.today(),
        article_text=text,
        blocks=blocks,
        m=_Markup(markup),
    )


# -- the styles ------------------------------------------------------------------------------------


def _prose_quote(src: _Source) -> str:
    return _single_quotes_inside(_run_in(src.quote))


def _with_parenthetical(src: _Source, parenthetical: str) -> str:
    """“quote” (citation). — the quote's final period (or comma) gives way to the sentence's."""
    quote = _prose_quote(src)
    if quote.endswith((".", ",", ";", ":")) and not quote.endswith(("...", "\u2026")):
        quote = quote[:-1]
    return f"\u201c{src.m.esc(quote)}\u201d ({parenthetical})."


def _plain(src: _Source) -> str:
    m = src.m
    who = src.speaker or _join_and([n.natural for n in src.names])
    quote = f"\u201c{m.esc(_prose_quote(src))}\u201d"
    tail = _elements(
        [
            m.esc(who),
            _Quoted(m.esc(_single_quotes_inside(src.title))) if src.title else None,
            m.esc(src.publication),
            m.esc(src.published.dmy()) if src.published else None,
        ]
    )
    return m.lines([f"{quote} \u2014 {tail}" if tail else quote])


def _mla_authors(names: list[_Name]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0].inverted
    if len(names) == 2:
        return f"{names[0].inverted}, and {names[1].natural}"
    return f"{names[0].inverted}, et al."


def _mla_in_text(src: _Source) -> str:
    names = src.names
    if names:
        families = [n.family for n in names]
        who = f"{families[0]} et al." if len(families) > 2 else " and ".join(families)
        cite = src.m.esc(who)
    elif src.title:
        cite = f"\u201c{src.m.esc(_single_quotes_inside(_short_title(src.title)))}\u201d"
    else:
        cite = src.m.italic(src.publication) if src.publication else ""
    if src.speaker:
        return f"qtd. in {cite}" if cite else ""
    return cite


def _mla_entry(src: _Source) -> str:
    m = src.m
    head: list[str] = []
    authors = _mla_authors(src.names)
    if authors:
        head.append(m.esc(_sentence(authors)))
    if src.title:
        title = _single_quotes_inside(src.title)
        head.append(
            f"\u201c{m.esc(title)}\u201d"
            if _ends_with_stop(title)
            else f"\u201c{m.esc(title)}.\u201d"
        )
    url = re.sub(r"^https?://", "", src.url)
    container = _elements(
        [
            m.italic(src.publication) if src.publication else None,
            m.esc(src.published.dmy(_MLA_MONTHS)) if src.published else None,
            m.url(url) if url else None,
        ]
    )
    accessed = _Date.parse(src.accessed)
    assert accessed is not None
    # MLA 9 recommends the access date for online works (the only ones with a URL).
    access = m.esc(f"Accessed {accessed.dmy(_MLA_MONTHS)}.") if src.url else ""
    parts = [*head, container, access]
    return " ".join(p for p in parts if p)


def _mla(src: _Source) -> str:
    paren = _mla_in_text(src)
    quote = _with_parenthetical(src, paren) if paren else _plain_quote(src)
    if src.speaker:
        quote = f"{src.m.esc(src.speaker)}: {quote}"
    return src.m.lines([quote, _mla_entry(src)])


def _plain_quote(src: _Source) -> str:
    return f"\u201c{src.m.esc(_prose_quote(src))}\u201d"


def _apa_authors(names: list[_Name]) -> str:
    shown = [n.initials for n in names]
    if len(shown) > 20:
        return ", ".join(shown[:19]) + ", . . . " + shown[-1]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + ", & " + shown[-1]


def _paragraph_number(src: _Source) -> tuple[str, int] | None:
    """Where the highlight starts for APA's locator: (heading or "", paragraph number)."""
    text = src.article_text
    ann = src.annotation
    if not text or ann.orphaned or text[ann.start : ann.end] != ann.quote:
        return None
    heading = ""
    count = 0
    for kind, p_start, p_end in src.blocks:
        if kind == "heading":
            heading, count = text[p_start:p_end], 0
            continue
        count += 1
        if ann.start < p_end:
            return heading, count
    return None


def _apa_in_text(src: _Source) -> str:
    m = src.m
    names = src.names
    year = str(src.published.year) if src.published else "n.d."
    if names:
        families = [n.family for n in names]
        who = m.esc(f"{families[0]} et al." if len(families) > 2 else " & ".join(families))
    elif src.title:
        who = m.italic(_short_title(src.title))
    else:
        who = m.esc(src.publication)
    parts = [f"{who}, {year}" if who else year]
    where = _paragraph_number(src)
    if where is not None:
        heading, para = where
        if heading:
            # APA 8.28: in a document with headings, count paragraphs within the section.
            parts.append(f"\u201c{m.esc(_single_quotes_inside(heading))}\u201d section")
        parts.append(f"para. {para}")
    cite = ", ".join(parts)
    if src.speaker:
        return f"{m.esc(_Name.parse(src.speaker).family)}, as cited in {cite}"
    return cite


def _apa_entry(src: _Source) -> str:
    m = src.m
    date_part = f"({src.published.apa()})." if src.published else "(n.d.)."
    title = m.italic(src.title) + ("" if _ends_with_stop(src.title) else ".") if src.title else ""
    authors = _apa_authors(src.names)
    parts: list[str] = []
    if authors:
        parts += [m.esc(_sentence(authors)), date_part, title]
    else:
        parts += [title, date_part]
    if src.publication and src.publication.casefold() != authors.casefold():
        parts.append(m.esc(_sentence(src.publication)))
    if src.url:
        parts.append(m.url(src.url))
    return " ".join(p for p in parts if p)


def _apa(src: _Source) -> str:
    return src.m.lines([_with_parenthetical(src, _apa_in_text(src)), _apa_entry(src)])


def _chicago_authors(names: list[_Name]) -> str:
    shown = [n.natural for n in names]
    if len(shown) >= 4:
        return f"{shown[0]} et al."
    return _join_and(shown)


def _chicago_note(src: _Source) -> str:
    m = src.m
    accessed = _Date.parse(src.accessed)
    assert accessed is not None
    if src.published:
        when = src.published.mdy()
    else:
        # Chicago 14.233: an online source with no date gets the date it was consulted.
        when = f"accessed {accessed.mdy()}" if src.url else "n.d."
    note = _elements(
        [
            m.esc(_chicago_authors(src.names)),
            _Quoted(m.esc(_single_quotes_inside(src.title))) if src.title else None,
            m.italic(src.publication) if src.publication else None,
            m.esc(when),
            m.url(src.url) if src.url else None,
        ]
    )
    # Chicago 14.260: words spoken by someone else are cited "quoted in" the work that reports them.
    return f"{m.esc(src.speaker)}, quoted in {note}" if src.speaker else note


def _chicago(src: _Source) -> str:
    return src.m.lines([_plain_quote(src), _chicago_note(src)])


def short_cite(
    authors: Sequence[str], publication: str | None, title: str, published: str | None
) -> str:
    """The debate short cite: first author's surname (or the publication) and a two-digit year."""
    names = _names(authors)
    if len(names) == 1:
        who = names[0].family
    elif len(names) == 2:
        who = f"{names[0].family} and {names[1].family}"
    elif names:
        who = f"{names[0].family} et al."
    else:
        who = _clean(publication) or _short_title(_clean(title)) or "Unknown"
    when = _Date.parse(published)
    return f"{who} {when.year % 100:02d}" if when else f"{who} ND"


def _card_runs(src: _Source) -> list[list[tuple[str, bool]]]:
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


def _card(src: _Source) -> str:
    m = src.m
    ann = src.annotation
    note_line = next((ln.strip() for ln in _clean(ann.note).splitlines() if ln.strip()), "")
    tag = note_line or ", ".join(_clean(t) for t in ann.tags)
    short = short_cite(src.authors, src.publication, src.title, _iso(src.published))
    accessed = _Date.parse(src.accessed)
    assert accessed is not None
    full = _elements(
        [
            m.esc(_join_and([n.natural for n in src.names])),
            m.esc(src.published.dmy()) if src.published else None,
            _Quoted(m.esc(src.title)) if src.title else None,
            m.italic(src.publication) if src.publication else None,
            m.url(src.url) if src.url else None,
            m.esc(f"accessed {accessed.dmy()}") if src.url else None,
        ],
        final="",
    )
    if src.speaker:
        full = f"{full}; quoting {m.esc(src.speaker)}"
    body = [
        "".join(m.mark(t) if hit else m.esc(t) for t, hit in paragraph)
        for paragraph in _card_runs(src)
    ]
    head = [m.bold(tag)] if tag else []
    return m.lines([*head, m.bold(short), full, *body], blank=False)


def _iso(value: _Date | None) -> str | None:
    if value is None:
        return None
    parts = [f"{value.year:04d}"]
    if value.month:
        parts.append(f"{value.month:02d}")
        if value.day:
            parts.append(f"{value.day:02d}")
    return "-".join(parts)


@dataclass(frozen=True, slots=True)
class QuoteStyle:
    """A built-in quote style: its name, a one-line description and its renderer."""

    name: str
    description: str
    render: Callable[[_Source], str]


STYLES: dict[str, QuoteStyle] = {
    s.name: s
    for s in (
        QuoteStyle("plain", "“Quote” — Speaker, “Title,” Publication, 13 July 2011.", _plain),
        QuoteStyle("mla", "MLA 9: quote with (Author), then the works-cited entry", _mla),
        QuoteStyle("apa", "APA 7: quote with (Author, Year, para.), then the reference", _apa),
        QuoteStyle("chicago", "Chicago 17: quote, then the full note", _chicago),
        QuoteStyle("card", "Debate card: tag, short cite, full cite, marked paragraph", _card),
    )
}


def style_names(config: Config | None = None) -> list[str]:
    """Every usable style: the built-in ones, then the config's templates."""
    names = list(STYLES)
    if config is not None:
        names += [t for t in config.templates if t not in STYLES]
    return names


# -- templates -------------------------------------------------------------------------------------

TEMPLATE_FIELDS: dict[str, str] = {
    "quote": "the highlighted words, exactly",
    "speaker": "who said it: the highlight's speaker, else the authors",
    "title": "the article's title",
    "authors": "all authors, “A, B, and C”",
    "author": "the first author",
    "publication": "the publication",
    "published": "publication date; {published:%d %B %Y} formats it; n.d. when unknown",
    "url": "the article's URL",
    "note": "your note",
    "tags": "your tags, comma-separated",
    "stance": "the stance",
    "accessed": "today's date; {accessed:%d %B %Y} formats it",
    "article": "the article's id",
    "id": "the highlight's id",
    "cite": "the debate short cite (Menino 11)",
}
_DATE_FIELDS = {"published", "accessed"}


def validate_template(name: str, template: str) -> list[str]:
    """The field names a template uses; raises TemplateError for a malformed or unknown one."""
    used: list[str] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise TemplateError(name, "", f"{exc} (write {{{{ and }}}} for literal braces)") from exc
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field == "" or field.isdigit():
            raise TemplateError(name, field, "a field needs a name, e.g. {quote}")
        if field not in TEMPLATE_FIELDS:
            known = ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
            raise TemplateError(name, field, f"unknown field {{{field}}}; fields are: {known}")
        if conversion:
            raise TemplateError(
                name, field, f"{{{field}!{conversion}}}: conversions are not allowed"
            )
        if spec and "{" in spec:
            raise TemplateError(name, field, f"{{{field}}}: nested fields are not allowed")
        used.append(field)
    return used


def _template_values(src: _Source) -> dict[str, str | _Date | date | None]:
    ann = src.annotation
    natural = [n.natural for n in src.names]
    return {
        "quote": _run_in(src.quote),
        "speaker": src.speaker or _join_and(natural),
        "title": src.title,
        "authors": _join_and(natural),
        "author": natural[0] if natural else "",
        "publication": src.publication,
        "published": src.published,
        "url": src.url,
        "note": _clean(ann.note),
        "tags": ", ".join(_clean(t) for t in ann.tags),
        "stance": _clean(ann.stance),
        "accessed": src.accessed,
        "article": _clean(ann.article),
        "id": _clean(ann.id),
        "cite": short_cite(src.authors, src.publication, src.title, _iso(src.published)),
    }


def _render_template(name: str, template: str, src: _Source) -> str:
    validate_template(name, template)
    values = _template_values(src)
    out: list[str] = []
    for literal, field, spec, _conversion in string.Formatter().parse(template):
        out.append(literal)
        if field is None:
            continue
        value = values[field]
        if isinstance(value, _Date):
            full = value.as_date()
            if spec and full is not None:
                shown = full.strftime(spec)
            elif spec:
                shown = str(value.year)  # a partial date cannot fill %d or %B
            else:
                shown = _iso(value) or ""
        elif isinstance(value, date):
            shown = value.strftime(spec) if spec else value.isoformat()
        elif value is None:
            shown = "n.d." if field == "published" else ""
        else:
            try:
                shown = format(value, spec or "")
            except ValueError as exc:
                raise TemplateError(name, field, f"{{{field}:{spec}}}: {exc}") from exc
        out.append(src.m.esc(shown))
    return "".join(out)


# -- entry point -----------------------------------------------------------------------------------


def format_quote(
    annotation: Annotation,
    article: ArticleMeta,
    style: str,
    *,
    config: Config | None = None,
    accessed: date | None = None,
    markup: Markup = "text",
    context_text: str | None = None,
) -> str:
    """A highlight as a quote with its citation in style ("plain", "mla", … or a config template).

    Pass the full `Article` (or its canonical text as context_text) so that the card can show the
    paragraph around the highlight and APA can give its paragraph number; metadata alone also works.
    Raises UnknownStyle (listing the choices) or TemplateError (naming the field).
    """
    if markup not in MARKUPS:
        raise CitationError(f"unknown markup {markup!r}; choose one of: {', '.join(MARKUPS)}")
    key = style.strip()
    templates = config.templates if config is not None else {}
    src = _source(annotation, article, accessed, markup, context_text)
    if key in templates:
        return _render_template(key, templates[key], src)
    builtin = STYLES.get(key.casefold())
    if builtin is None:
        raise UnknownStyle(style, style_names(config))
    return builtin.render(src)
