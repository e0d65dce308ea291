"""Page bytes to text (BOM, UTF-8, declared charset, detector) and text to an lxml tree."""

from __future__ import annotations

import codecs
import functools
import re
from typing import Any

# lxml ships no type information; its elements are `Any` to mypy.
Node = Any

# libxml2 stops reading a page nested deeper than this, even with huge_tree: what follows is lost.
MAX_DEPTH = 2048

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters as UTF-8 bytes: each is one byte, which no other character's bytes hold.
_CONTROL_BYTES = bytes(n for n in range(0x80) if _CONTROL.match(chr(n)))


class TooDeep(Exception):
    """The page nests elements deeper than the HTML parser reads."""


def decode_page(markup: str | bytes) -> str:
    """The page as text: BOM, then UTF-8, then the declared charset, then a detector's guess."""
    if isinstance(markup, str):
        # Control characters are never valid in HTML and lxml rejects some of them.
        return without_controls(_XML_DECLARATION.sub("", markup, count=1))
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if markup.startswith(bom):
            return decode_page(markup[len(bom) :].decode(encoding, "replace"))
    try:
        # Valid UTF-8 is almost never another encoding, and pages often mislabel UTF-8 as Latin-1.
        return decode_page(markup.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    head = markup[:4096]
    declared = _DECLARED_CHARSET.search(head) or _XML_ENCODING.search(head)
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}:
            name = "cp1252"  # what browsers do (WHATWG Encoding standard)
        try:
            return decode_page(markup.decode(name, "replace"))
        except LookupError:
            pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(markup).best()
    return decode_page(str(best) if best is not None else markup.decode("cp1252", "replace"))


def without_controls(text: str) -> str:
    """Text without `_CONTROL`'s characters. Most pages have none: that is found in C, a fifth
    of the time the pattern takes to find nothing (it tries every character)."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _CONTROL_BYTES)) == len(data):
        return text
    return _CONTROL.sub("", text)


def parse_page(text: str) -> Node | None:
    """An lxml HTML tree of the page, or None when there is nothing to parse.

    Raises TooDeep when the page nests deeper than MAX_DEPTH: libxml2 would drop the rest.
    """
    from lxml import etree
    from lxml import html as lxml_html

    if not text.strip():
        return None
    # huge_tree lifts libxml2's default depth limit of 256, which real pages exceed.
    # Comments go: trafilatura loses the text that follows one (nytimes-3 and -4 lose half
    # sentences), and nothing reads them.
    parser = lxml_html.HTMLParser(
        encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True
    )
    parser.set_element_class_lookup(_element_classes())
    try:
        tree = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        tree = None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise TooDeep
    return tree


@functools.cache
def _element_classes() -> Any:
    """lxml.html's element classes, chosen in C: lxml.html's own lookup is a Python method,
    called for every element a walk of the tree touches (trafilatura's, readability's, ours),
    a twentieth of a page's extraction. It gives forms and their fields classes of their own,
    with methods to fill them in that nothing here calls: here they are plain HtmlElements."""
    from lxml import etree
    from lxml import html as lxml_html

    return etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement,
        comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
