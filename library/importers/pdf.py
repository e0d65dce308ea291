"""PDF documents, read with pypdfium2 (BSD/Apache; never PyMuPDF, which is AGPL).

The text is read in a child process (`library.pdfworker`) held to a time and memory limit, so a
hostile PDF (a huge stream, deep object recursion) is refused in bounded time and memory and can
never take the reader down with it. This module then chooses the metadata: the first page is
trusted over a document title that is a file name ("Microsoft Word - draft3.docx").
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import re
import subprocess
import sys
from typing import TYPE_CHECKING, Any

from library.errors import ImportFailed
from library.importers import Format
from library.limits import Limits

if TYPE_CHECKING:
    from library.importer import RawSource
    from library.parsers import Parsed

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
_INFO_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")


def parse(raw: RawSource, text: str, limits: Limits) -> Parsed:
    """The PDF's text in reading order with its page map and metadata."""
    record = _read(raw, limits)
    return to_parsed(record, raw)


def _read(raw: RawSource, limits: Limits) -> dict[str, Any]:
    """Run the worker on the bytes; its record, or ImportFailed with its one-line reason."""
    command = [
        sys.executable,
        "-m",
        "library.pdfworker",
        str(limits.max_pages),
        str(MEMORY_LIMIT_MB),
    ]
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
    from library.parsers import Parsed

    blocks = [(kind, text) for kind, text in record["blocks"]]
    info: dict[str, str] = record["info"]
    xmp: dict[str, Any] = record["xmp"]
    first: list[tuple[str, float, float]] = record["first_page"]
    head = " ".join(text for _, text in blocks[:40])
    parsed = Parsed(
        title=choose_title(info.get("Title"), xmp.get("title"), first, record["height"]),
        authors=choose_authors(info.get("Author"), xmp.get("creators")),
        published=choose_date(first, xmp.get("date"), info.get("CreationDate")),
        url=raw.url,
        blocks=blocks,
        page_starts=[(int(b), int(o), str(label)) for b, o, label in record["starts"]],
        doi=xmp.get("doi") or find_doi(head),
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
    stated = [t.strip() for t in (xmp, info) if t and t.strip() and not _JUNK_TITLE.search(t)]
    page_text = " ".join(text for text, _, _ in first).lower()
    for title in stated:
        if " ".join(title.lower().split()) in page_text:
            return title
    upper = [(text, size) for text, size, top in first if top > 0.4 * height and len(text) > 2]
    if upper:
        largest = max(size for _, size in upper)
        sizes = sorted(size for _, size in upper)
        if largest >= 1.2 * sizes[len(sizes) // 2]:
            lines = []
            started = False
            for text, size in upper:
                if abs(size - largest) < 0.5:
                    lines.append(text)
                    started = True
                elif started:
                    break
            title = " ".join(lines)
            if 3 <= len(title) <= 300:
                return title
    return stated[0] if stated else None


def choose_authors(info: str | None, xmp: list[str] | None) -> list[str]:
    """The authors the document states (XMP's list first), without placeholder names."""
    names = list(xmp or []) or (_AUTHOR_SPLIT.split(info) if info else [])
    return [n.strip() for n in names if n.strip() and not _JUNK_AUTHOR.match(n.strip().lower())]


def choose_date(
    first: list[tuple[str, float, float]], xmp: str | None, info: str | None
) -> str | None:
    """The date printed on the first page, else the XMP's, else when the PDF was made."""
    from library.dates import parse_date

    for text, _, _ in first:
        if len(text) <= 120:
            # A date starts a line or follows a comma: "version 4.19.0, 18 August 2022".
            for part in [text, *(p for p in re.split(r"[,;—–|]\s*", text)[1:])]:
                found = parse_date(part.strip())
                if found:
                    return found
    if xmp and re.fullmatch(r"\d{4}-\d{2}-\d{2}", xmp):
        return xmp
    match = _INFO_DATE.match(info or "")
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            return None
    return None


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
        "text in reading order (two columns too) with the printed page labels; running "
        "headers, footers and page numbers dropped, footnotes at the end of their page; "
        "title, authors, date and DOI"
    ),
    suffixes=(".pdf",),
    content_types=("application/pdf", "application/x-pdf"),
    parse=parse,
    magic=(b"%PDF-",),
    magic_within=1024,
    binary=True,
)
