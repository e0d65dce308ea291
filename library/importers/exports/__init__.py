"""Other tools' exports, recognised by content: one module per format, each declaring its name,
what it brings, `detect` and `parse` (an `ExportFile` of highlights and links).

`recognise` picks the format of a file whatever its name; the CLI help and the README's table of
supported exports come from `FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from library.importers.exports import (
    hypothesis,
    instapaper,
    kindle,
    koreader,
    margin,
    omnivore,
    pocket,
    readwise,
    wallabag,
)
from library.importers.exports.records import Clip, ExportFile, Link

__all__ = [
    "FORMATS",
    "Clip",
    "ExportFile",
    "ExportFormat",
    "Link",
    "by_name",
    "markdown_table",
    "recognise",
]

HEAD_BYTES = 65_536


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One source format: how to recognise it and read it."""

    name: str
    label: str  # for people: "Kindle My Clippings.txt"
    brings: str  # what an import of it keeps, for the README and `margin import --help`
    detect: Callable[[bytes, bytes], bool]  # (head, whole file) → whether it is this format
    parse: Callable[[bytes, str], ExportFile]  # (bytes, name for messages) → what it holds


def _head_only(detect: Callable[[bytes], bool]) -> Callable[[bytes, bytes], bool]:
    return lambda head, _data: detect(head)


# In the order they are tried: the most particular signatures first.
FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(margin.NAME, margin.LABEL, margin.BRINGS, _head_only(margin.detect), margin.parse),
    ExportFormat(omnivore.NAME, omnivore.LABEL, omnivore.BRINGS, omnivore.detect, omnivore.parse),
    ExportFormat(
        koreader.NAME, koreader.LABEL, koreader.BRINGS, _head_only(koreader.detect), koreader.parse
    ),
    ExportFormat(
        wallabag.NAME, wallabag.LABEL, wallabag.BRINGS, _head_only(wallabag.detect), wallabag.parse
    ),
    ExportFormat(
        hypothesis.NAME,
        hypothesis.LABEL,
        hypothesis.BRINGS,
        _head_only(hypothesis.detect),
        hypothesis.parse,
    ),
    ExportFormat(pocket.NAME, pocket.LABEL, pocket.BRINGS, _head_only(pocket.detect), pocket.parse),
    ExportFormat(
        instapaper.NAME,
        instapaper.LABEL,
        instapaper.BRINGS,
        _head_only(instapaper.detect),
        instapaper.parse,
    ),
    ExportFormat(
        readwise.NAME, readwise.LABEL, readwise.BRINGS, _head_only(readwise.detect), readwise.parse
    ),
    ExportFormat(kindle.NAME, kindle.LABEL, kindle.BRINGS, _head_only(kindle.detect), kindle.parse),
)


def recognise(data: bytes) -> ExportFormat | None:
    """The export format of a file's content, or None for anything else (an article)."""
    head = data[:HEAD_BYTES]
    return next((f for f in FORMATS if f.detect(head, data)), None)


def by_name(name: str) -> ExportFormat:
    """A format by its name (KeyError naming the choices otherwise)."""
    for found in FORMATS:
        if found.name == name:
            return found
    raise KeyError(
        f"{name!r}: not an export format; choose from {', '.join(f.name for f in FORMATS)}"
    )


def markdown_table() -> str:
    """The README's table of supported exports (a test keeps the README in step with it)."""
    rows = [f"| {f.label} | {f.brings} |" for f in sorted(FORMATS, key=lambda f: f.label.lower())]
    return "\n".join(["| Export | What it brings |", "| --- | --- |", *rows])
