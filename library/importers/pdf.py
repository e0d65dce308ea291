"""PDF documents, read with pypdfium2 (BSD/Apache; never PyMuPDF, which is AGPL).

The text is read in a child process (`library.pdfworker`) held to a time and memory limit, so a
hostile PDF (a huge stream, deep object recursion) is refused in bounded time and memory and can
never take the reader down with it. This module then chooses the metadata: the first page is
trusted over a document title that is a file name ("Microsoft Word - draft3.docx").
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import itertools
import marshal
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from library.errors import ImportFailed
from library.importers import Format
from library.limits import Limits

if TYPE_CHECKING:
    from library.importer import RawSource
    from library.parsers import Parsed

# The reading process starts lean: `library` as a bare package, so that its __init__ (the config,
# dateutil, the model: ~70 ms) is not imported, only the worker and the layout rules.
_LIBRARY_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_BOOT = (
    f"import sys, types; p = types.ModuleType('library'); p.__path__ = [{_LIBRARY_DIR!r}]; "
    "sys.modules['library'] = p; from library.pdfworker import main; main()"
)


@functools.cache
def worker_command() -> tuple[str, ...]:
    """How to start the reading process: without `site` (`-S`; the environment's .pth files
    cost it ~20 ms), with pypdfium2's folder on its path instead, where pypdfium2 is found."""
    spec = importlib.util.find_spec("pypdfium2_raw")
    if spec is None or not spec.origin:  # the worker then says what is missing
        return (sys.executable, "-c", _BOOT)
    where = os.path.dirname(os.path.dirname(spec.origin))
    return (sys.executable, "-S", "-c", f"import sys; sys.path.append({where!r}); {_BOOT}")


MEMORY_LIMIT_MB = 1024  # the reading process's address space; a hostile stream stops there
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_JUNK_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint) - |untitled|document\d*$|slide \d|title$)"
    r"|\.(?:docx?|pdf|tex|dvi|odt|rtf|indd|pptx?|xlsx?|qxd|ps)$",
    re.I,
)
_JUNK_AUTHOR = re.compile(
    r"^(?:user|owner|admin(?:istrator)?|author|unknown|microsoft office user|default|"
    r"staff|guest|[a-z]+\d*|[\d\W_]*)$"
)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,\s*and\s+|\s+and\s+|&|,)\s*")
_REPORT = re.compile(
    r"\b(?:technical report|research report|working paper|report no\.?|white paper|"
    r"discussion paper|policy brief|annual report|report to|final report)\b",
    re.I,
)
_JOURNAL = re.compile(r"\b(?:journal|proceedings|vol\.|volume \d|issn|received|accepted)\b", re.I)
_TITLE_WORD = re.compile(r"\w+")
# What a court's site puts around a case's name in the title it states: the docket number
# before, the date of the decision after ("11-889 Tarrant Regional Water Dist. v. Herrmann
# (06/13/2013)").
_DOCKET = re.compile(r"^\d{2}[-–]\d{2,6}\s+(?=\S.* v\. )|\s*\(\d{1,2}/\d{1,2}/\d{4}\)$")
_WORDY = re.compile(r"[^\W\d_]{3}")
_EXPIRES = re.compile(r"\b(?:expires?|expiration(?: date)?|valid (?:until|through))\b", re.I)
_INFO_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")


def parse(raw: RawSource, text: str, limits: Limits) -> Parsed:
    """The PDF's text in reading order with its page map and metadata."""
    record = _read(raw, limits)
    return to_parsed(record, raw)


def _read(raw: RawSource, limits: Limits) -> dict[str, Any]:
    """Run the worker on the bytes; its record, or ImportFailed with its one-line reason."""
    command = [*worker_command(), str(limits.max_pages), str(MEMORY_LIMIT_MB)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONSTARTUP", None)
    try:
        done = subprocess.run(
            command,
            input=raw.data,
            capture_output=True,
            timeout=limits.parse_seconds,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ImportFailed(
            raw.name,
            f"reading the PDF took over {limits.parse_seconds:g} s",
            "raise [import] parse_seconds in the config, or re-save the PDF",
        ) from None
    except OSError as exc:
        raise ImportFailed(raw.name, f"cannot read the PDF ({exc})", "try again") from None
    try:
        record = marshal.loads(done.stdout) if done.returncode == 0 else None
    except (EOFError, ValueError, TypeError):
        record = None
    if not isinstance(record, tuple) or not record:
        raise ImportFailed(
            raw.name,
            f"the PDF could not be read within the {MEMORY_LIMIT_MB} MB memory limit "
            "(damaged, or built to exhaust the reader)",
            "re-save it with a PDF tool, or print it to a new PDF",
        )
    if record[0] == "refused":
        raise ImportFailed(raw.name, str(record[1]), str(record[2]))
    result: dict[str, Any] = record[1]
    return result


def to_parsed(record: dict[str, Any], raw: RawSource) -> Parsed:
    """A Parsed from the worker's record: blocks, page starts, and the metadata chosen."""
    from library.itemtypes import detect_language, read_language
    from library.model import read_label_kind
    from library.parsers import Parsed

    blocks = [(kind, text) for kind, text in record["blocks"]]
    info: dict[str, str] = record["info"]
    xmp: dict[str, Any] = record["xmp"]
    first: list[tuple[str, float, float]] = record["first_page"]
    head = " ".join(text for _, text in blocks[:40])
    parsed = Parsed(
        title=choose_title(info.get("Title"), xmp.get("title"), first, record["height"]),
        authors=choose_authors(info.get("Author"), xmp.get("creators"), first, record["height"]),
        published=choose_date(first, xmp.get("date"), info.get("CreationDate"), record["height"]),
        url=raw.url,
        blocks=blocks,
        page_starts=[(int(b), int(o), str(label)) for b, o, label in record["starts"]],
        labels=read_label_kind(record.get("labels")),
        doi=xmp.get("doi") or find_doi(head),
        # The catalog's /Lang, else the language the opening text is written in.
        language=read_language(record.get("language")) or detect_language(head),
    )
    parsed.item_type = guess_type(parsed, head, first)
    if parsed.title and blocks and blocks[0][1] == parsed.title:
        blocks[0] = ("heading", blocks[0][1])
    return parsed


def choose_title(
    info: str | None, xmp: str | None, first: list[tuple[str, float, float]], height: float
) -> str | None:
    """The document's title: the stated one when the first page prints it, else the first
    page's largest line in its upper part, else a stated one that is not a file name."""
    stated = [
        _DOCKET.sub("", t.strip()) if " v. " in t else t.strip()  # only a case's is a court's
        for t in (xmp, info)
        if t and t.strip() and not _JUNK_TITLE.search(t)
    ]
    page_text = " ".join(text for text, _, _ in first).lower()
    for title in stated:
        if " ".join(title.lower().split()) in page_text:
            return title
    page_words = set(_TITLE_WORD.findall(page_text))
    for title in stated:  # printed in other words' company: 'DD Form 293, "APPLICATION FOR…"'
        words = _TITLE_WORD.findall(title.lower())
        if len(words) >= 4 and sum(w in page_words for w in words) >= 0.8 * len(words):
            return title
    if is_caption(first) and (case := case_name(first)):
        return case
    upper = [(text, size) for text, size, top in first if top > 0.4 * height and len(text) > 2]
    if upper:
        sizes = sorted(size for _, size in upper)
        median = sizes[len(sizes) // 2]
        # The largest lines, unless they hold no word (a cover's "2007"): then the next size.
        for largest in sorted({round(size, 1) for size in sizes}, reverse=True)[:3]:
            if largest < 1.2 * median:
                break
            lines = []
            started = False
            for text, size in upper:
                if abs(size - largest) < 0.5:
                    lines.append(text)
                    started = True
                elif started:
                    break
            title = " ".join(lines)
            if 3 <= len(title) <= 300 and _WORDY.search(title):
                return title
    return stated[0] if stated else None


def choose_authors(
    info: str | None,
    xmp: list[str] | None,
    first: list[tuple[str, float, float]] | None = None,
    height: float = 0.0,
) -> list[str]:
    """The authors: the names printed under the first page's title, unless the stated ones
    (XMP's list, else the info's) are printed there too; the stated ones where the page gives
    none. Placeholder names ("owner", "jsmith") never count."""
    names = list(xmp or []) or (_AUTHOR_SPLIT.split(info) if info else [])
    cleaned = (stated_name(n) for n in names)
    stated = [n for n in cleaned if n and not _JUNK_AUTHOR.match(n.lower())]
    printed = [] if is_caption(first or []) else page_authors(first or [], height)
    if printed:
        page_text = " ".join(text for text, _, _ in first or []).lower()
        if stated and all(" ".join(n.lower().split()) in page_text for n in stated):
            return stated
        return printed
    return stated


# What authoring software adds to a stated author: a typist's initials after a dash ("United
# States Copyright Office - jmf"), an e-mail address ("Jane Roe <jroe@example.org>"); and a
# login with its Windows domain ("CORP\jroe") is no name at all. ("- jr" is a suffix.)
_TYPIST = re.compile(r"\s+[-–—]\s*(?!jr$|sr$)[a-z]{2,4}$")
_EMAIL = re.compile(r"\s*[<(\[]?\s*(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[>)\]]?")
_LOGIN = re.compile(r"^[\w.-]+\\[\w.$-]+$")


_COURT = re.compile(r"\b(?:supreme court|court of appeals|district court|circuit court)\b", re.I)
_PARTY = re.compile(
    r"\b(?:petitioners?|respondents?|appellants?|appellees?|plaintiffs?|defendants?)\b", re.I
)


def is_caption(first: list[tuple[str, float, float]]) -> bool:
    """Whether the first page opens with a court's caption (the court, and the parties by their
    roles or on each side of "v."): the names under it are the parties', the judges' and the
    clerk's, not authors'."""
    texts = [text.split(")")[0].strip() for text, _, _ in first[:40]]
    if not _COURT.search(" ".join(texts)):
        return False
    # A caption sets its parts on lines of their own: a party's role ("Plaintiff—Appellant,"),
    # "v." alone or after a party in capitals. A paper on the Supreme Court that names
    # defendants, or breaks a line after "Gideon v.", has none.
    return any(
        _ROLE_LINE.match(text)
        or ((found := _VERSUS.match(text)) and (found.group("before") or "A").isupper())
        for text in texts
    )


_ROLE_LINE = re.compile(
    r"^(?:\w+\s*[—–-]\s*)?(?:petitioner|respondent|appellant|appellee|plaintiff|defendant)s?"
    r"(?:\s*[—–-]\s*\w+)?[,.;:]?$",
    re.I,
)


_VERSUS = re.compile(r"^(?:(?P<before>.+?)\s+)?(?:v\.|vs\.|versus)$", re.I)
_SMALL_WORDS = {"of", "and", "the", "for", "in", "on", "at", "by", "de", "la"}


def case_name(first: list[tuple[str, float, float]]) -> str | None:
    """The case's name from a court's caption: the first party named before "v." (or "vs.",
    "versus") and the first after it, their roles ("Appellant,") and a caption's column of ")"
    left out: "Nichole Marie Jagels v. State of Missouri"."""
    texts = [text.split(")")[0].strip() for text, _, _ in first]

    def party(indexes: Iterable[int]) -> str:
        for k in indexes:
            text = texts[k].strip(" ,;")
            if not _WORDY.search(text) or (_PARTY.search(text) and len(text.split()) <= 3):
                continue
            name = re.sub(r",?\s+et al\.?$", "", text.split(";")[0].strip(" ,"), flags=re.I)
            return _case_capitals(name)
        return ""

    for n, text in enumerate(texts):
        found = _VERSUS.match(text)
        if not found:
            continue
        before = _case_capitals(found.group("before").strip(" ,")) if found.group("before") else ""
        before = before or party(range(n - 1, max(n - 8, -1), -1))
        after = party(range(n + 1, min(n + 8, len(texts))))
        if before and after:
            return f"{before} v. {after}"
    return None


def _case_capitals(name: str) -> str:
    """A party's name as a citation writes it: a caption's capitals in title case."""
    if not name.isupper():
        return name
    words = name.lower().split()
    return " ".join(
        w if n and w in _SMALL_WORDS else w[:1].upper() + w[1:] for n, w in enumerate(words)
    )


def stated_name(name: str) -> str:
    """A name as the document's info or XMP states it, without what the authoring software
    added: "United States Copyright Office - jmf" is "United States Copyright Office". A dash
    followed by a capitalised name ("Smith - Jones", "Jean-Paul Sartre") stays."""
    name = " ".join(name.split())
    if _LOGIN.match(name):
        return ""
    return _TYPIST.sub("", _EMAIL.sub("", name)).strip()


_NAME_WORD = re.compile(
    r"^(?:[^\W\d_][.]?(?:-[^\W\d_][.]?)?|[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?)$"
)
_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "da",
    "di",
    "du",
    "le",
    "la",
    "bin",
    "al",
}
_FUNCTION_WORDS = {"the", "of", "and", "for", "in", "on", "to", "with", "a", "an", "at", "is", "by"}
_NOT_NAMES = re.compile(
    r"\b(?:university|universit[éà]|institut\w*|college|school|department|dept|laborator\w*|lab|"
    r"group|foundation|center|centre|inc|ltd|llc|corporation|company|press|society|"
    r"association|agency|office|ministry|council|committee|project|team|desktop|system|"
    r"library|version|draft|report|paper|abstract|introduction|contents|chapter|copyright|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)\b",
    re.I,
)
_MARKS = re.compile(r"(?:\s*\([^)]*\)|\s*<[^>]*>|[\d*†‡§¶¹²³⁴⁵⁶⁷⁸⁹⁰]+)+\s*$")
_BY = re.compile(r"^(?:by|authors?:?|written by)\s+", re.I)
_SECTION = re.compile(  # "1. Introduction", "Abstract", "Abstract—We …" (not "Abstract Syntax")
    r"^(?:\d+(?:\.\d+)*\.?\s+\S|(?:abstract|summary|contents|introduction)\s*(?:$|[.:—–-]))", re.I
)


def is_person_name(text: str) -> bool:
    """Whether text reads as one person's name: two to five words, each capitalised or an
    initial (particles such as "van" and "de" aside), no digits, no institution's words."""
    words = text.split()
    if not 2 <= len(words) <= 5 or _NOT_NAMES.search(text) or any(c.isdigit() for c in text):
        return False
    if _FUNCTION_WORDS & {w.lower() for w in words}:  # "THE SIEGE OF VICKSBURG"
        return False
    full = 0
    for word in words:
        if word.lower() in _PARTICLES and word is not words[0]:
            continue
        if not word[:1].isupper() or not _NAME_WORD.match(word):
            return False
        if len(word.rstrip(".")) > 1:
            full += 1
    return full >= 1


def page_authors(first: list[tuple[str, float, float]], height: float) -> list[str]:
    """The names printed under the first page's title (its largest lines in the upper part):
    lines made only of names ("Jane Roe, John Doe and Ann Lee", "Thomas Leonard (email)") up
    to the first section heading; affiliations, e-mail addresses and dates are passed over."""
    title = _title_lines(first, height)
    if title is None:
        return []
    found: list[str] = []
    for text, _, _ in first[title:]:
        line = _BY.sub("", text.strip())
        if _SECTION.match(line) or len(line) > 160:
            break
        parts = [_MARKS.sub("", p).strip() for p in _AUTHOR_SPLIT.split(line)]
        parts = [p for p in parts if p]
        if parts and all(is_person_name(p) for p in parts):
            found.extend(p for p in parts if p not in found)
    return found[:30]


def _title_lines(first: list[tuple[str, float, float]], height: float) -> int | None:
    """The index just after the first page's title lines, if the page prints a title (a run
    of its largest lines, well above the body size, in its upper part)."""
    upper = [size for text, size, top in first if top > 0.4 * height and len(text) > 2]
    if not upper:
        return None
    largest = max(upper)
    if largest < 1.2 * sorted(upper)[len(upper) // 2]:
        return None
    started = False
    for n, (text, size, top) in enumerate(first):
        if top > 0.4 * height and len(text) > 2 and abs(size - largest) < 0.5:
            started = True
        elif started:
            return n
    return len(first) if started else None


def choose_date(
    first: list[tuple[str, float, float]],
    xmp: str | None,
    info: str | None,
    height: float = 0.0,
    today: dt.date | None = None,
) -> str | None:
    """The date printed in the first page's head, else the XMP's, else when the PDF was made.

    The printed date wins over a stated one even where that is plausible: a report re-exported
    years later still prints the date it was issued. A stated date from before PDF existed or
    in the future is a placeholder ("D:00000101000000Z"), never the document's.
    """
    today = today or dt.date.today()
    # Only a court's caption dates a document by its "Decided" or "Filed:" (a patent's "Filed:"
    # is the application's day, not the patent's).
    decided = decided_date(first) if is_caption(first) else None
    printed = decided or printed_date(first, height, today)
    if printed:
        return printed
    stated = [xmp if xmp and re.fullmatch(r"\d{4}-\d{2}-\d{2}", xmp) else None]
    match = _INFO_DATE.match(info or "")
    stated.append("-".join(match.groups()) if match else None)
    for value in stated:
        try:
            when = dt.date.fromisoformat(value) if value else None
        except ValueError:  # "D:00000101": no such day
            continue
        if when and _FIRST_PDF <= when <= today + dt.timedelta(days=1):
            return when.isoformat()
    return None


_DECIDED = re.compile(r"(?:^|[\s—–-])(?:Decided|Filed:)\s+([A-Z][a-z]+\.? \d{1,2}, \d{4})\.?$")


def decided_date(first: list[tuple[str, float, float]]) -> str | None:
    """The day a court decided the case, or filed its opinion, as its caption prints it ("No.
    11–889. Argued April 23, 2013—Decided June 13, 2013", "Filed: January 19, 2021"): the
    date of an opinion, wherever the first page has it."""
    from library.dates import parse_date_line

    for text, _, _ in first:
        found = _DECIDED.search(text)
        if found:
            return parse_date_line(found.group(1))
    return None


_FIRST_PDF = dt.date(1993, 6, 15)  # PDF 1.0 came out with Acrobat 1.0, June 1993
# Where a line's date may follow other words: "for version 4.19.0, 18 August 2022".
_DATE_SEPARATOR = re.compile(r"\s*[,;|·•—–]\s*|\s+-\s+")
_CLOCK = re.compile(r"\d:\d\d")
_DATE_LABEL = re.compile(
    r"^(?:dated?|published|issued|released|filed|decided)(?:\s+on)?\s*:?\s+", re.I
)


def printed_date(
    first: list[tuple[str, float, float]], height: float, today: dt.date | None = None
) -> str | None:
    """The date printed in the first page's head (its lines before the body begins): a short
    line that is a full date or a month and year ("December 1998"), or ends in one after a
    comma or a dash. Never a date from the body, one a form expires on, a range of dates, or
    one more than a year ahead."""
    from library.dates import parse_date_line

    latest = (today or dt.date.today()).year + 1
    # A date a form says it expires on is not the document's ("OMB approval expires:" above).
    labels = [(top, size) for text, size, top in first if _EXPIRES.search(text)]
    for text, size, top in head_lines(first, height):
        if len(text) > 80 or _CLOCK.search(text):  # a sentence; a time stamp ("7:48 - 6-DEC-2007")
            continue
        if any(0 <= above - top <= 2 * max(size, label) for above, label in labels):
            continue
        cuts = list(_DATE_SEPARATOR.finditer(text))
        pieces = [text, *(text[cut.end() :] for cut in cuts)]  # the line, and how it ends
        edges = [0, *(p for cut in cuts for p in cut.span()), len(text)]
        pieces += [text[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True)]  # its parts
        found = {parse_date_line(_DATE_LABEL.sub("", piece.strip())) for piece in pieces} - {None}
        if len(found) == 1:  # two dates are a range or a history: none is the document's
            date = found.pop()
            if date and int(date[:4]) <= latest:
                return date
    return None


def head_lines(
    first: list[tuple[str, float, float]], height: float
) -> list[tuple[str, float, float]]:
    """The first page's lines before its body begins: before the first section heading
    ("INTRODUCTION", "1. Scope") or paragraph (two long lines in a row at the body's size or
    smaller), leaving out lines printed off the page (a printer's slug above the trim)."""
    from library.dates import parse_date_line

    sizes = sorted(size for _, size, _ in first)
    body = sizes[len(sizes) // 2] + 0.5 if sizes else 0.0
    head: list[tuple[str, float, float]] = []
    for (text, size, top), after in itertools.zip_longest(first, first[1:]):
        if _SECTION.match(text.strip()) and not parse_date_line(text):  # not "3 March 2021"
            break
        if (
            after
            and size <= body
            and min(len(text), len(after[0])) >= 45
            and abs(size - after[1]) < 0.5
        ):
            break
        if not height or top <= height + 1:
            head.append((text, size, top))
    return head


def find_doi(text: str) -> str | None:
    """The first DOI printed in text, bare ("10.1000/xyz123")."""
    found = _DOI.search(text)
    return found.group(1).rstrip(".,;:)]}") if found else None


def guess_type(parsed: Parsed, head: str, first: list[tuple[str, float, float]]) -> str | None:
    """A report or a journal article, where the first pages say so clearly; else unknown."""
    front = " ".join(text for text, _, _ in first)
    if _REPORT.search(front) or _REPORT.search(parsed.title or ""):
        return "report"
    if parsed.doi and (_JOURNAL.search(front) or _JOURNAL.search(head[:4000])):
        return "article-journal"
    return None


FORMAT = Format(
    name="pdf",
    label="PDF",
    description=(
        "text in reading order (two columns too, also as a band between lines across the "
        "page) with the printed page labels (else the numbers the pages print); words spaced "
        "as pdfium reads them (an OCR layer by its word boxes); a list's bullets or numbers "
        "drawn apart lead their items, one block each; running headers, footers and page "
        "numbers dropped, footnotes at the end of their page; title, authors and date from the "
        "first page (a court opinion's case name and the day it was decided), else the "
        "document's info and XMP; the language the document states (else the one it is "
        "written in), DOI"
    ),
    suffixes=(".pdf",),
    content_types=("application/pdf", "application/x-pdf"),
    parse=parse,
    magic=(b"%PDF-",),
    magic_within=1024,
    binary=True,
)
