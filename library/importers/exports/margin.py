"""Margin's own JSON export (`margin export -f json`): read by `annotations.interchange`, which
matches highlights by id and re-anchors them; recognised here so `margin import` takes it too."""

from __future__ import annotations

import re

from library.importers.exports.records import ExportFile

NAME = "margin"
LABEL = "Margin JSON (margin export -f json)"
BRINGS = "every highlight with all its fields, matched by id, re-anchored where the text differs"
_SCHEMA = re.compile(rb'"margin"\s*:\s*"annotations"')


def detect(head: bytes) -> bool:
    """A JSON object naming Margin's annotations schema."""
    return head.lstrip(b" \t\r\n").startswith(b"{") and bool(_SCHEMA.search(head))


def parse(data: bytes, name: str) -> ExportFile:
    """Nothing to read here: the workspace hands the file to Margin's own importer."""
    del data, name
    return ExportFile(NAME)
