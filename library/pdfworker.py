"""Read a PDF with pypdfium2 in a child process: its lines page by page, its metadata.

Run as `python -m library.pdfworker MAX_PAGES MEMORY_MB` with the PDF's bytes on stdin; prints
one marshal record: ("ok", result) or ("refused", reason, hint). The parent
(library.importers.pdf) bounds the child's time; the child caps its own memory before reading,
so a hostile PDF (a huge stream, deep recursion) costs at most those, and nothing here has to
guard against them itself.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from typing import Any

from library.pdftext import Line, PageLines, assemble, merge_segments, page_texts, vocabulary

_XMP = re.compile(rb"<x:xmpmeta.{0,200000}?</x:xmpmeta>", re.S)
_XMP_FIELD = {
    "title": re.compile(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", re.S),
    "creators": re.compile(r"<dc:creator>(.*?)</dc:creator>", re.S),
    "date": re.compile(
        r"<(?:xmp:CreateDate|dc:date|prism:publicationDate)[^>]*>\s*(?:<rdf:Seq>\s*<rdf:li>)?"
        r"\s*([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)",
        re.S,
    ),
    "doi": re.compile(r"<(?:prism:doi|pdfx:doi|dc:identifier)[^>]*>\s*(?:doi:)?(10\.[^<\s]+)"),
}
_LI = re.compile(r"<rdf:li[^>]*>(.*?)</rdf:li>", re.S)
_LINE_BREAK = re.compile("\r\n")


class Refused(Exception):
    """The PDF cannot be imported; args: reason, hint."""


def read(data: bytes, max_pages: int) -> dict[str, Any]:
    """The PDF's pages as blocks in reading order, its page labels and its metadata."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise Refused(
                "the PDF is encrypted and needs a password",
                "open it in a PDF reader, save an unencrypted copy, and import that",
            ) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise Refused(
                "the PDF uses an encryption Margin cannot read", "save an unencrypted copy"
            ) from None
        raise Refused(
            "the PDF is damaged (cannot be read)", "download it again, or re-save it"
        ) from None
    count = len(pdf)
    if count == 0:
        raise Refused("the PDF has no pages", "is the file complete?")
    if count > max_pages:
        raise Refused(
            f"the PDF has {count:,} pages, over the {max_pages:,} page limit",
            "raise [import] max_pages in the config",
        )
    pages = _all_pages(pdf, raw, count)
    chars = sum(len(ln.text) for page in pages for ln in page.lines)
    with_text = sum(1 for page in pages if sum(len(ln.text) for ln in page.lines) >= 20)
    if chars < 20 or with_text < 0.2 * count:
        raise Refused("no text layer (a scanned PDF?)", "run OCR first, e.g. ocrmypdf")
    info = {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items() if isinstance(v, str)}
    pdf.close()
    words = vocabulary(pages)
    blocks, starts = assemble(page_texts(pages, words), words)
    first = pages[0].lines if pages else []
    return {
        "blocks": blocks,
        "starts": starts,
        "info": info,
        "xmp": xmp(data),
        "first_page": [(ln.text, ln.size, ln.y1) for ln in first[:60]],
        "height": pages[0].height,
    }


PARALLEL_PAGES = 60  # from this many pages on, a second process reads the second half


def _all_pages(pdf: Any, raw: Any, count: int) -> list[PageLines]:
    """Every page's lines; a long document's second half read by a forked copy of this process
    on the other core (pdfium is not thread-safe; a fork after opening the document is)."""
    if count < PARALLEL_PAGES or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return _pages(pdf, raw, 0, count)
    middle = count // 2
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the forked half
        code = 0
        try:
            second = _pages(pdf, raw, middle, count)
            payload = marshal.dumps(
                [
                    (
                        p.width,
                        p.height,
                        p.label,
                        [(ln.x0, ln.y0, ln.x1, ln.y1, ln.text, ln.size) for ln in p.lines],
                    )
                    for p in second
                ]
            )
            with os.fdopen(writer, "wb") as out:
                out.write(payload)
        except BaseException:
            code = 1
        os._exit(code)
    os.close(writer)
    first = _pages(pdf, raw, 0, middle)
    with os.fdopen(reader, "rb") as handle:
        payload = handle.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        raise Refused("the PDF is damaged (its pages cannot be read)", "re-save it")
    second = [
        PageLines(w, h, label, [Line(*ln) for ln in lines])
        for w, h, label, lines in marshal.loads(payload)
    ]
    return first + second


def _pages(pdf: Any, raw: Any, start: int, stop: int) -> list[PageLines]:
    """The lines of pages [start, stop), with their sizes and printed labels."""
    pages: list[PageLines] = []
    for index in range(start, stop):
        page = pdf[index]
        width, height = page.get_size()
        label = pdf.get_page_label(index) or str(index + 1)
        textpage = page.get_textpage()
        segments = _segments(textpage, raw)
        textpage.close()
        page.close()
        pages.append(PageLines(width, height, label, merge_segments(segments)))
    return pages


def _segments(textpage: Any, raw: Any) -> list[Line]:
    """The page's runs of text, each with its box and font size.

    pdfium's rects split a line where the text jumps (a column gutter) or its style changes,
    and follow the page's characters in order: each rect's first character is found by its
    position, and its text is the page's text from there to the next rect's first. A few calls
    a run, instead of a bounded-text read each (which costs ten times as much).
    """
    import ctypes

    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    exact = len(text) == count  # else characters outside the BMP shift the slices
    handle = textpage.raw
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    boxes: list[tuple[float, float, float, float]] = []
    firsts: list[int] = []
    get_rect, index_at, char_box = (
        raw.FPDFText_GetRect,
        raw.FPDFText_GetCharIndexAtPos,
        raw.FPDFText_GetCharBox,
    )
    # Where pdfium's lines start: a rect there begins with that character, found by its box
    # (one cheap call) instead of a search by position (which walks the page's characters).
    line_starts = [0, *(found.end() for found in _LINE_BREAK.finditer(text))] if exact else []
    at_line = 0
    for n in range(raw.FPDFText_CountRects(handle, 0, -1)):
        get_rect(handle, n, left, top, right, bottom)
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        half = (y1 - y0) / 2
        boxes.append((x0, y0, x1, y1))
        first = -1
        if at_line < len(line_starts):
            start = line_starts[at_line]
            char_box(handle, start, left, right, bottom, top)
            middle = (bottom.value + top.value) / 2
            if x0 - 1 <= left.value <= x1 and y0 - 1 <= middle <= y1 + 1:
                first = start
                at_line += 1
        if first < 0 and exact:
            first = index_at(handle, x0 + 0.2, y0 + half, half, half)
        firsts.append(first)
    out: list[Line] = []
    font_size = raw.FPDFText_GetFontSize
    for n, (x0, y0, x1, y1) in enumerate(boxes):
        first = firsts[n]
        after = firsts[n + 1] if n + 1 < len(firsts) else count
        if 0 <= first < after <= count:
            piece = text[first:after]
        else:  # the position missed its character: ask pdfium for the box's text
            piece = textpage.get_text_bounded(x0, y0, x1, y1)
        size = font_size(handle, first) if first >= 0 else 0.0
        out.append(Line(x0, y0, x1, y1, piece, size or (y1 - y0)))
    return out


def xmp(data: bytes) -> dict[str, Any]:
    """Title, creators, date and DOI from the PDF's XMP packet, where it is stored unpacked."""
    found = _XMP.search(data)
    if not found:
        return {}
    packet = found.group(0).decode("utf-8", "replace")
    out: dict[str, Any] = {}
    for key, pattern in _XMP_FIELD.items():
        hit = pattern.search(packet)
        if hit:
            out[key] = (
                [_plain(li) for li in _LI.findall(hit.group(1))]
                if key == "creators"
                else _plain(hit.group(1))
            )
    return out


def _plain(value: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", value)).strip()


def _cap_memory(megabytes: int) -> None:
    """Cap this process's address space before the PDF is read: a stream that inflates to
    gigabytes fails to allocate (set here, not by the parent between fork and exec, which is
    unsafe in a threaded program such as the reader)."""
    if megabytes <= 0:
        return
    try:
        import resource
    except ImportError:  # not POSIX: the time limit still holds
        return
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main() -> None:
    """Read the PDF on stdin and print the marshal record of what it holds."""
    max_pages = int(sys.argv[1])
    _cap_memory(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    data = sys.stdin.buffer.read()
    try:
        record: tuple[Any, ...] = ("ok", read(data, max_pages))
    except Refused as exc:
        record = ("refused", *exc.args)
    except RecursionError:
        record = ("refused", "the PDF nests its objects too deeply", "re-save it")
    sys.stdout.buffer.write(marshal.dumps(record))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
