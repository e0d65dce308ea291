"""W3C Web Annotation JSON-LD: one AnnotationCollection, for Hypothesis-style tools."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import Any

import orjson

from annotations.citation import locate
from annotations.export.base import (
    ExportGroup,
    ExportOptions,
    all_highlights,
    clean,
    summary_title,
)
from annotations.model import Annotation
from library.importers.exports.hypothesis import MARGIN_PLACE, place_fragment
from library.model import Article, ArticleMeta

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
RFC_8118 = "http://tools.ietf.org/rfc/rfc8118"
_MARGIN_NS = uuid.UUID("5b0f3a5e-8f0e-4c38-9d56-6d6172676e31")


def _urn(value: str) -> str:
    """A urn:uuid IRI for an id: the id itself when it is a UUID, else a stable UUID5 of it."""
    try:
        return f"urn:uuid:{uuid.UUID(value)}"
    except ValueError:
        return f"urn:uuid:{uuid.uuid5(_MARGIN_NS, value)}"


def _target_source(meta: ArticleMeta) -> str:
    url = clean(meta.url)
    if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", url):
        return url
    return f"urn:margin:article:{re.sub(r'[^A-Za-z0-9._-]', '-', meta.id) or 'unknown'}"


def _page_number(meta: ArticleMeta, ann: Annotation) -> int | None:
    """The physical page (from 1) where a highlight in a paginated article starts, else None."""
    if not isinstance(meta, Article) or not meta.pages or meta.locator != "page":
        return None
    if locate(ann, meta) is None:
        return None
    if ann.place:  # a note on no words: the page it was written on, when the book has it
        return next((n for n, p in enumerate(meta.pages, 1) if p.label == ann.place), None)
    page = meta.page_at(ann.start)
    return None if page is None else meta.pages.index(page) + 1


def _annotation(meta: ArticleMeta, ann: Annotation) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if ann.note:
        bodies.append(
            {
                "type": "TextualBody",
                "value": ann.note,
                "format": "text/markdown",  # notes are written in Markdown
                "purpose": "commenting",
            }
        )
    if ann.stance:
        bodies.append({"type": "TextualBody", "value": ann.stance, "purpose": "assessing"})
    bodies += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in ann.tags]
    if ann.speaker:
        # "identifying" names what the target shows, as a body naming a person in a photo does:
        # here, who is speaking in the quoted words.
        bodies.append({"type": "TextualBody", "value": ann.speaker, "purpose": "identifying"})
    # The TextPositionSelector counts code points of Margin's canonical text of the article; the
    # TextQuoteSelector is what other tools should anchor by on the original page.
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": ann.quote}
    if ann.prefix:
        quote["prefix"] = ann.prefix
    if ann.suffix:
        quote["suffix"] = ann.suffix
    selectors: list[dict[str, Any]] = [quote]
    if not ann.orphaned:
        selectors.append({"type": "TextPositionSelector", "start": ann.start, "end": ann.end})
    place = locate(ann, meta) if ann.place and not ann.quote else None
    if place is not None:
        # A note on no words: where its device says it was written ("location=300"), which
        # no standard selector holds; Margin's import puts it back there.
        selectors.append(
            {
                "type": "FragmentSelector",
                "conformsTo": MARGIN_PLACE,
                "value": place_fragment(place.kind, place.first),
            }
        )
    page = _page_number(meta, ann)
    if page is not None:
        # RFC 8118's PDF fragment: page=N counts the document's pages from 1, whatever their
        # printed labels; the label is in Margin's citations.
        selectors.append(
            {"type": "FragmentSelector", "conformsTo": RFC_8118, "value": f"page={page}"}
        )
    annotation: dict[str, Any] = {
        "id": _urn(ann.id),
        "type": "Annotation",
        "motivation": "commenting" if ann.note else "highlighting",
        "created": ann.created,
        "modified": ann.modified or ann.created,
    }
    if bodies:
        annotation["body"] = bodies
    annotation["target"] = {
        "type": "SpecificResource",
        "source": _target_source(meta),
        "selector": selectors,
    }
    return annotation


def render(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    """The collection, with every highlight on its first page."""
    pairs = all_highlights(groups)
    items = [_annotation(meta, ann) for meta, ann in pairs]
    digest = _urn("collection:" + ",".join(sorted(a.id for _m, a in pairs)))
    collection = {
        "@context": W3C_CONTEXT,
        "id": digest,
        "type": "AnnotationCollection",
        "label": summary_title(groups, options),
        "total": len(items),
        "first": {
            "id": _urn("page:" + digest),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
    return orjson.dumps(collection, option=orjson.OPT_INDENT_2).decode() + "\n"
