"""CSL-JSON, the reference format Zotero, Pandoc and citeproc read: one item per article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from annotations.citation import evidence, sentence_case
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
        "type": ref.type,
        # CSL-JSON holds titles in sentence case, which styles title-case where they want it
        # (the CSL specification's advice): proper nouns kept, as APA's reference list has them.
        "title": csl_title(ref),
    }
    if ref.authors:
        item["author"] = [_name(n) for n in ref.authors]
    if ref.editors:
        item["editor"] = [_name(n) for n in ref.editors]
    if ref.container:
        item["container-title"] = ref.container
    if ref.section:
        item["section"] = ref.section
    if ref.issued:
        item["issued"] = {"date-parts": [list(ref.issued)]}
    if ref.type == "report" and ref.number:
        item["genre"] = "Report"  # what the number counts: Report 18-2059
    for key, value in (
        ("publisher", ref.publisher),
        ("number", ref.number),
        ("volume", ref.volume),
        ("issue", ref.issue),
        ("page", ref.pages),
        ("DOI", ref.doi),
        ("ISBN", ref.isbn),
        ("language", ref.language),
    ):
        if value:
            item[key] = value
    if ref.url:
        item["URL"] = ref.url
    if ref.accessed:
        item["accessed"] = {"date-parts": [list(ref.accessed)]}
    return item


def csl_title(ref: Reference) -> str:
    """The title in sentence case for an English work, as stored for another language."""
    names = [n.literal or f"{n.given} {n.particle} {n.family}" for n in ref.authors]
    ev = evidence(ref.text, names, ref.subtitle, ref.title)
    return sentence_case(ref.title, ref.language or None, ev)


def render(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    """The CSL-JSON array."""
    items = [_item(ref) for ref in references(groups, options)]
    return orjson.dumps(items, option=orjson.OPT_INDENT_2).decode() + "\n"
