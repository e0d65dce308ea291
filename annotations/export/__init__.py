"""Annotated summaries and reference lists: highlights rendered in one of FORMATS.

Each format is one module in this package with a `render(groups, options)` function, listed
by one line in `registry.FORMATS`. Every piece of article or user text is escaped for its
format.
"""

from __future__ import annotations

from annotations.export.base import (
    Exporter,
    ExportError,
    ExportExists,
    ExportGroup,
    ExportOptions,
    NothingToExport,
    UnknownFormat,
)
from annotations.export.csv import READWISE_COLUMNS
from annotations.export.grouping import ExportItem, StanceGroup, Topic, group_by_topic
from annotations.export.paths import default_path, ensure_export_folder, export_folder
from annotations.export.registry import FORMATS, export_annotations
from annotations.export.w3c import W3C_CONTEXT
from annotations.export.write import write_export

__all__ = [
    "FORMATS",
    "READWISE_COLUMNS",
    "W3C_CONTEXT",
    "ExportError",
    "ExportExists",
    "ExportGroup",
    "ExportItem",
    "ExportOptions",
    "Exporter",
    "NothingToExport",
    "StanceGroup",
    "Topic",
    "UnknownFormat",
    "default_path",
    "ensure_export_folder",
    "export_annotations",
    "export_folder",
    "group_by_topic",
    "write_export",
]
