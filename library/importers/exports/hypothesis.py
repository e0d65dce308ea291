"""Hypothesis annotations (an API search result `{"total", "rows"}` or a user export
`{"export_date", "annotations"}`) and W3C Web Annotation collections, Margin's own `w3c` export
among them.

Each annotation's target names the page (`source`, or the annotation's `uri`) and its words by a
TextQuoteSelector (`exact`, `prefix`, `suffix`) and a TextPositionSelector (`start`, `end`); the
note is `text` (Hypothesis) or the `commenting` body (W3C), tags are `tags` or `tagging` bodies.
Page notes, replies and annotations without a quote have no words to land on: they are not
imported as highlights, and those with a note are kept as page notes (`ExportFile.page_notes`),
which the import writes to a file beside its failures.
"""

from __future__ import annotations

import re
import uuid
from typing import Any
from urllib.parse import quote, unquote

from library.importers.exports.records import Clip, ExportFile, json_document
from library.model import LOCATOR_KINDS, LocatorKind
from library.text import clean_inline, clean_label

NAME = "hypothesis"
LABEL = "Hypothesis JSON (API search or user export), W3C Web Annotations"
BRINGS = (
    "highlights placed on the page's words (fetched when not in the library); notes, tags and "
    "dates; page notes kept in a file; Margin's w3c export also its stances and speakers"
)
_MARGIN_ARTICLE = re.compile(r"^urn:margin:article:(.+)$")
# The FragmentSelector Margin's w3c export gives a note on no words: its place, as what the
# place counts and its label, "location=300" or "page=xii" (the label percent-encoded).
MARGIN_PLACE = "urn:margin:place"


def place_fragment(kind: str, label: str) -> str:
    """The value of a MARGIN_PLACE selector for a note written at label (counting kind)."""
    return f"{kind}={quote(label, safe='')}"


def _place(value: str) -> tuple[str, LocatorKind | None] | None:
    """(label, what it counts) of a MARGIN_PLACE selector's value; None when it is not one."""
    kind, _, label = value.partition("=")
    label = clean_label(unquote(label))
    if not label:
        return None
    return label, next((k for k in LOCATOR_KINDS if k == kind), None)


def detect(head: bytes) -> bool:
    """JSON with Hypothesis' or the W3C model's telltale keys near the start."""
    stripped = head.lstrip(b" \t\r\n")
    if not stripped.startswith((b"{", b"[")):
        return False
    if b"http://www.w3.org/ns/anno.jsonld" in head:
        return True
    hypothesis_keys = (b'"rows"', b'"export_userid"', b'"annotations"')
    return any(k in head for k in hypothesis_keys) and (
        b'"selector"' in head or b'"target"' in head or b'"uri"' in head
    )


def parse(data: bytes, name: str) -> ExportFile:
    """Every annotation of the file that quotes words of a page."""
    found = ExportFile(NAME)
    document = json_document(data, name, found.problems)
    for index, item in enumerate(_items(document)):
        if not isinstance(item, dict):
            found.problems.append(f"{name}: annotation {index + 1} is not an object; skipped")
            continue
        clip = _clip(item)
        if clip is not None:
            found.clips.append(clip)
        elif (note := _bodies(item)[0].strip()) and (page := _page_of(item)) is not None:
            reply = " (a reply)" if item.get("references") else ""
            found.page_notes.append((page[0], page[1], f"{note}{reply}" if reply else note))
    return found


def _page_of(item: dict[str, Any]) -> tuple[str, str] | None:
    """(URL, title) of the page an annotation is on; None when it names none."""
    targets = item.get("target")
    target = (targets[0] if targets else None) if isinstance(targets, list) else targets
    source = target.get("source") if isinstance(target, dict) else None
    url = clean_inline(str(source or item.get("uri") or ""))
    if not url:
        return None
    return url, _title(item)


def _title(item: dict[str, Any]) -> str:
    """The annotated document's title as Hypothesis records it (a string or a list)."""
    title = item.get("document", {}).get("title") if isinstance(item.get("document"), dict) else ""
    if isinstance(title, list):
        title = title[0] if title else ""
    return clean_inline(str(title or ""))


def _items(document: Any) -> list[Any]:
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        return []
    for key in ("rows", "annotations", "items"):
        if isinstance(document.get(key), list):
            return list(document[key])
    first = document.get("first")
    if isinstance(first, dict) and isinstance(first.get("items"), list):
        return list(first["items"])
    if document.get("type") == "Annotation":
        return [document]
    return []


def _clip(item: dict[str, Any]) -> Clip | None:
    targets = item.get("target")
    target = (targets[0] if targets else None) if isinstance(targets, list) else targets
    if not isinstance(target, dict):
        return None
    selectors = target.get("selector") or []
    if isinstance(selectors, dict):
        selectors = [selectors]
    words = prefix = suffix = ""
    start = end = None
    place = None
    for selector in selectors:
        if not isinstance(selector, dict):
            continue
        if selector.get("type") == "TextQuoteSelector":
            words = str(selector.get("exact") or "")
            prefix = str(selector.get("prefix") or "")
            suffix = str(selector.get("suffix") or "")
        elif selector.get("type") == "FragmentSelector" and (
            selector.get("conformsTo") == MARGIN_PLACE
        ):
            place = _place(str(selector.get("value") or ""))
        elif (
            selector.get("type") == "TextPositionSelector"
            and isinstance(selector.get("start"), int)
            and isinstance(selector.get("end"), int)
        ):
            start, end = selector["start"], selector["end"]
    if not words.strip():
        words = ""
        if place is None:
            return None  # a page note, or a reply: no words, no place
    source = str(target.get("source") or item.get("uri") or "")
    article_id = None
    margin = _MARGIN_ARTICLE.match(source)
    if margin:
        article_id, source = margin.group(1), ""
    note, tags, stance, speaker = _bodies(item)
    ident = str(item.get("id") or "")
    keep_id = None
    if ident.startswith("urn:uuid:"):
        try:
            keep_id = str(uuid.UUID(ident[len("urn:uuid:") :]))
        except ValueError:
            keep_id = None
    return Clip(
        quote=words,
        kind="web",
        key=f"hypothesis:{ident}" if ident else "",
        id=keep_id,
        note=note,
        tags=tags,
        stance=stance,
        speaker=speaker,
        created=str(item.get("created") or "") or None,
        url=source or None,
        article_id=article_id,
        title=_title(item),
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        label=place[0] if place is not None and not words else None,
        locator=place[1] if place is not None and not words else None,
    )


def _bodies(item: dict[str, Any]) -> tuple[str, list[str], str | None, str | None]:
    """(note, tags, stance, speaker) from Hypothesis fields or W3C bodies."""
    note = str(item.get("text") or "")
    tags = [str(t) for t in item.get("tags") or [] if isinstance(t, str)]
    stance = speaker = None
    bodies = item.get("body") or []
    if isinstance(bodies, dict | str):
        bodies = [bodies]
    for body in bodies:
        if isinstance(body, str):
            note = note or body
            continue
        if not isinstance(body, dict):
            continue
        value = str(body.get("value") or "")
        purpose = body.get("purpose") or "commenting"
        if purpose == "tagging":
            tags.append(value)
        elif purpose == "assessing":
            stance = value or None
        elif purpose == "identifying":
            speaker = value or None
        elif purpose in ("commenting", "describing") and value:
            note = f"{note}\n\n{value}".strip() if note else value
    return note, tags, stance, speaker
