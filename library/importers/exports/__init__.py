"""Other tools' exports, recognised by content: one module per format, each declaring its name,
what it brings, `detect` and `parse` (an `ExportFile` of highlights and links).

`recognise` picks the format of a file whatever its name; the CLI help and the README's table of
supported exports come from `formats()`. The format modules load only when a file's first bytes
could belong to one of them (`might_be_export`), so importing an article costs nothing extra.
"""

from __future__ import annotations

import importlib
import re
from codecs import BOM_UTF8
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from library.importers.exports.records import Clip, ExportFile, Link

__all__ = [
    "Clip",
    "ExportFile",
    "ExportFormat",
    "Link",
    "by_name",
    "formats",
    "markdown_table",
    "might_be_export",
    "recognise",
    "recognise_folder",
]

HEAD_BYTES = 65_536
# The format modules, in the order they are tried: the most particular signatures first.
_MODULES = (
    "margin",
    "omnivore",
    "koreader",
    "wallabag",
    "hypothesis",
    "pocket",
    "instapaper",
    "readwise",
    "kindle",
)
# What the first bytes of every export look like: JSON, a Lua table, a zip, a CSV header one of
# the formats writes, Pocket's page title, or Kindle's entry separator.
_MIGHT_BE = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:[{\[]|--(?!-\r?\n)|return\b|PK\x03\x04|(?:highlight|url|title),)"
    rb"|<title>pocket export</title>|={10}",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One source format: how to recognise it and read it."""

    name: str
    label: str  # for people: "Kindle My Clippings.txt"
    brings: str  # what an import of it keeps, for the README and `margin import --help`
    # Both take the content without its UTF-8 byte order mark (`recognise` and `parse` drop it).
    detect: Callable[[bytes, bytes], bool]  # (head, whole file) → whether it is this format
    parse: Callable[[bytes, str], ExportFile]  # (bytes, name for messages) → what it holds
    # A format whose export is an archive may be given unpacked, as a folder: these read it.
    detect_folder: Callable[[Path], bool] | None = None
    parse_folder: Callable[[Path, str], ExportFile] | None = None


_loaded: list[ExportFormat] | None = None


def _format(module: ModuleType) -> ExportFormat:
    detect = module.detect
    if module.__name__.endswith(".omnivore"):  # looks inside the archive: needs every byte
        check: Callable[[bytes, bytes], bool] = detect
    else:

        def check(head: bytes, _data: bytes, detect: Callable[[bytes], bool] = detect) -> bool:
            return detect(head)

    def parse(
        data: bytes, name: str, impl: Callable[..., ExportFile] = module.parse, **limits: int
    ) -> ExportFile:
        return impl(data.removeprefix(BOM_UTF8), name, **limits)  # limits: Omnivore's zip

    return ExportFormat(
        module.NAME,
        module.LABEL,
        module.BRINGS,
        check,
        parse,
        getattr(module, "detect_folder", None),
        getattr(module, "parse_folder", None),
    )


def formats() -> list[ExportFormat]:
    """Every export format, in the order they are tried."""
    global _loaded
    if _loaded is None:
        _loaded = [_format(importlib.import_module(f"{__name__}.{name}")) for name in _MODULES]
    return _loaded


def might_be_export(head: bytes) -> bool:
    """Whether a file starting with head could be an export at all (cheap: no module loads)."""
    return bool(_MIGHT_BE.search(head[:HEAD_BYTES]))


def recognise(data: bytes) -> ExportFormat | None:
    """The export format of a file's content, or None for anything else (an article). A UTF-8
    byte order mark before it (Windows tools write one) is not content, here or to `parse`."""
    data = data.removeprefix(BOM_UTF8)
    head = data[:HEAD_BYTES]
    if not might_be_export(head):
        return None
    return next((f for f in formats() if f.detect(head, data)), None)


def recognise_folder(folder: Path) -> ExportFormat | None:
    """The export format of a folder an archive was unpacked to, or None for any other folder."""
    return next((f for f in formats() if f.detect_folder and f.detect_folder(folder)), None)


def by_name(name: str) -> ExportFormat:
    """A format by its name (KeyError naming the choices otherwise)."""
    for found in formats():
        if found.name == name:
            return found
    choices = ", ".join(f.name for f in formats())
    raise KeyError(f"{name!r}: not an export format; choose from {choices}")


def markdown_table() -> str:
    """The README's table of supported exports (a test keeps the README in step with it)."""
    rows = [f"| {f.label} | {f.brings} |" for f in sorted(formats(), key=lambda f: f.label.lower())]
    return "\n".join(["| Export | What it brings |", "| --- | --- |", *rows])
