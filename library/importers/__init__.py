"""The importers: one module a source format, each declaring how it is recognised and how it is
parsed; this registry is the only list of formats (posting's `importing/` layout).

Every list the user sees comes from here: what a folder import picks up, which content types a
URL import accepts, the CLI's help, the import dialog's hint and the README's table. Adding a
format is one module with a `FORMAT` and one line in `_MODULES`.

A format module's `parse` gets the raw bytes (binary formats) or the decoded text (text
formats) and returns one `Parsed`, or a list of them for a file that holds several articles
(an export of another tool's highlights, say).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from library.limits import Limits

if TYPE_CHECKING:
    from library.importer import RawSource
    from library.parsers import Parsed

# The format modules, in the order their names are listed to the user. One line a format.
_MODULES = (
    "library.importers.text",
    "library.importers.markdown",
    "library.importers.html",
    "library.importers.pdf",
    "library.importers.epub",
)

Parse = Callable[["RawSource", str, Limits], "Parsed | list[Parsed]"]
# How sure a text format is that decoded text is its own (0: not at all); the highest wins.
Sniff = Callable[["RawSource", str], float]


@dataclass(frozen=True, slots=True)
class Format:
    """One importable format: how it is recognised and what parses it.

    Binary formats are recognised by their magic bytes first, then by suffix or content type;
    their parse gets "" for the text. Text formats are decoded first and chosen by `sniff`.
    """

    name: str  # "pdf": the module's short name
    label: str  # "PDF": how the user calls it
    description: str  # a few words for the README table and the help
    suffixes: tuple[str, ...]  # with the dot, lower case; "" for a file without one
    content_types: tuple[str, ...]  # media types a web server sends it with
    parse: Parse
    magic: tuple[bytes, ...] = ()  # byte strings a file of this format starts with
    magic_within: int = 0  # how far into the file a magic string may start (PDF allows junk)
    binary: bool = False
    sniff: Sniff | None = None
    # Called on bytes that start with a shared magic (a ZIP): whether they are really this format.
    confirm: Callable[[bytes], bool] | None = None

    def matches_magic(self, data: bytes) -> bool:
        """Whether data starts (or nearly starts) with one of this format's magic strings."""
        head = data[: self.magic_within + 16]
        hit = any(
            data.startswith(m) or (self.magic_within and m in head[: self.magic_within + len(m)])
            for m in self.magic
        )
        return hit and (self.confirm is None or self.confirm(data))


_loaded: list[Format] | None = None


def formats() -> list[Format]:
    """Every importable format, in the order the user sees them listed."""
    global _loaded
    if _loaded is None:
        _loaded = [importlib.import_module(name).FORMAT for name in _MODULES]
    return _loaded


def by_name(name: str) -> Format:
    """The format called name ("pdf")."""
    for fmt in formats():
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def suffixes() -> frozenset[str]:
    """Every suffix a folder import picks up (with the dot; "" for files without one)."""
    return frozenset(s for fmt in formats() for s in fmt.suffixes)


def by_suffix(suffix: str) -> Format | None:
    """The format a file suffix names, if any (".pdf" → PDF)."""
    suffix = suffix.lower()
    return next((f for f in formats() if suffix and suffix in f.suffixes), None)


def by_content_type(content_type: str | None) -> Format | None:
    """The format a media type names, if any ("application/pdf" → PDF)."""
    kind = (content_type or "").split(";")[0].strip().lower()
    return next((f for f in formats() if kind and kind in f.content_types), None)


def by_magic(data: bytes) -> Format | None:
    """The binary format whose magic bytes data starts with, if any."""
    return next((f for f in formats() if f.magic and f.matches_magic(data)), None)


def labels() -> str:
    """The formats as the user reads them in a sentence: "plain text, Markdown, HTML, PDF and
    EPUB"."""
    names = [f.label for f in formats()]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def suffix_list() -> str:
    """The main suffix of each format, for a one-line hint: ".txt, .md, .html, .pdf or .epub"."""
    main = [next(s for s in f.suffixes if s) for f in formats() if any(f.suffixes)]
    return main[0] if len(main) == 1 else ", ".join(main[:-1]) + " or " + main[-1]


def markdown_table() -> str:
    """The README's table of formats, generated from the registry (tests keep them equal)."""
    rows = ["| format | suffixes | content types | what is read |", "|---|---|---|---|"]
    for f in formats():
        shown = ", ".join(f"`{s}`" if s else "no suffix" for s in f.suffixes)
        types = ", ".join(f"`{t}`" for t in f.content_types)
        rows.append(f"| {f.label} | {shown} | {types} | {f.description} |")
    return "\n".join(rows)
