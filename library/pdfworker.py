"""Read a PDF with pypdfium2 in a child process: its lines page by page, its metadata.

Run as `python -m library.pdfworker MAX_PAGES` with the PDF's bytes on stdin; prints one marshal
record: ("ok", result) or ("refused", reason, hint). The parent (library.importers.pdf) bounds
the child's time and memory, so a hostile PDF (a huge stream, deep recursion) costs at most
those; nothing here has to guard against them itself.
"""

from __future__ import annotations

import marshal
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
    pages: list[PageLines] = []
    chars = 0
    with_text = 0
    for index in range(count):
        page = pdf[index]
        width, height = page.get_size()
        label = pdf.get_page_label(index) or str(index + 1)
        textpage = page.get_textpage()
        segments = _segments(textpage, raw)
        visible = sum(len(seg.text.strip()) for seg in segments)
        chars += visible
        with_text += visible >= 20
        textpage.close()
        page.close()
        pages.append(PageLines(width, height, label, merge_segments(segments)))
    if chars < 20 or with_text < 0.2 * count:
        raise Refused("no text layer (a scanned PDF?)", "run OCR first, e.g. ocrmypdf")
    info = {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items() if isinstance(v, str)}
    pdf.close()
    blocks, starts = assemble(page_texts(pages), vocabulary(pages))
    first = pages[0].lines if pages else []
    return {
        "blocks": blocks,
        "starts": starts,
        "info": info,
        "xmp": xmp(data),
        "first_page": [(ln.text, ln.size, ln.y1) for ln in first[:60]],
        "height": pages[0].height,
    }


def _segments(textpage: Any, raw: Any) -> list[Line]:
    """The page's runs of text, each with its box and font size.

    pdfium's rects split a line where the text jumps (a column gutter) or its style changes;
    each rect's characters are found by position at its two ends and sliced out of the page's
    text, which costs a few calls a run instead of a bounded-text read each.
    """
    import ctypes

    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    exact = len(text) == count  # else characters outside the BMP shift the slices
    handle = textpage.raw
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    out: list[Line] = []
    for n in range(raw.FPDFText_CountRects(handle, 0, -1)):
        raw.FPDFText_GetRect(handle, n, left, top, right, bottom)
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        middle = (y0 + y1) / 2
        first = raw.FPDFText_GetCharIndexAtPos(handle, x0 + 0.2, middle, 1.0, 1.0)
        last = raw.FPDFText_GetCharIndexAtPos(handle, x1 - 0.2, middle, 1.0, 1.0)
        if exact and 0 <= first <= last < count and last - first < 4_000:
            piece = text[first : last + 1]
        else:
            piece = textpage.get_text_bounded(x0, y0, x1, y1)
        size = raw.FPDFText_GetFontSize(handle, first) if first >= 0 else 0.0
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


def main() -> None:
    """Read the PDF on stdin and print the marshal record of what it holds."""
    max_pages = int(sys.argv[1])
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
