"""Margin's own JSON: every field of every highlight and the page it is on, for
`margin import-annotations`."""

from __future__ import annotations

from collections.abc import Sequence

import orjson

from annotations.export.base import ExportGroup, ExportOptions
from annotations.interchange import dump_document


def render(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    """The interchange document, indented."""
    document = dump_document(groups, exported=options.generated, pages=options.pages)
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n"
