"""Write small PDFs for the layout tests: text placed at given points in Helvetica.

Each case tests one rule of the PDF reader (columns, hyphens, headers, footnotes, labels) on a
layout whose right answer is known; the real-file tests are in test_pdf_corpus.py.
"""

from __future__ import annotations

from collections.abc import Sequence

Text = tuple[float, float, float, str]  # x, y, font size, text


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(
    pages: Sequence[Sequence[Text]],
    *,
    labels: str = "",
    info: str = "",
    size: tuple[float, float] = (612, 792),
) -> bytes:
    """A PDF of the given pages; labels is a /PageLabels /Nums body ("0 << /S /r >> 2 << /S /D >>"),
    info the body of a document information dictionary ("/Title (Draft)")."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 0  # reserved below
    objects.append(b"")  # the page tree, filled in at the end
    kids = []
    for texts in pages:
        stream = "".join(
            f"BT /F1 {s:g} Tf {x:g} {y:g} Td ({_escape(t)}) Tj ET\n" for x, y, s, t in texts
        ).encode("cp1252")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>"
                % (pages_id, size[0], size[1], content, font)
            )
        )
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    extra = f" /PageLabels << /Nums [{labels}] >>".encode() if labels else b""
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_id, extra))
    info_id = add(f"<< {info} >>".encode("cp1252")) if info else 0
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info_id:
        trailer += b" /Info %d 0 R" % info_id
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
