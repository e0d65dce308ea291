"""CSL-JSON, the reference format Zotero, Pandoc and citeproc read: one item per article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from annotations.export.base import ExportGroup, ExportOptions
from annotations.export.names import Name
from annotations.export.references import Reference, references


def _name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    parts = {
        "family": name.family,
        "given": name.given,
        "non-dropping-particle": name.particle,
        "suffix": name.suffix,
    }
    return {k: v for k, v in parts.items() if v}


def _item(ref: Reference) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": ref.key,
        "citation-key": ref.key,
        "type": "article-newspaper" if ref.kind == "news" else "webpage",
        "title": ref.title,
    }
    if ref.authors:
        item["author"] = [_name(n) for n in ref.authors]
    if ref.container:
        item["container-title"] = ref.container
    if ref.section:
        item["section"] = ref.section
    if ref.issued:
        item["issued"] = {"date-parts": [list(ref.issued)]}
    if ref.url:
        item["URL"] = ref.url
    if ref.accessed:
        item["accessed"] = {"date-parts": [list(ref.accessed)]}
    return item


def render(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    """The CSL-JSON array."""
    items = [_item(ref) for ref in references(groups, options)]
    return orjson.dumps(items, option=orjson.OPT_INDENT_2).decode() + "\n"
