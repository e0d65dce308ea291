"""Markdown for Obsidian: properties, one callout per highlight, block ids to link to."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from annotations.citation import escape_markdown
from annotations.export.base import (
    NO_STANCE,
    ExportGroup,
    ExportOptions,
    all_highlights,
    byline,
    clean,
    flags,
    plural,
    quote,
    summary_title,
)
from annotations.export.grouping import ExportItem, anchor_of, block_ids, summary_line, topics_for
from annotations.export.notes import note_markdown
from annotations.model import now_iso
from library.model import ArticleMeta

_OBSIDIAN_TAG = re.compile(r"[^\w/-]")
# A note whose first line opens a block (a list, heading, quote or code) starts below the label.
_BLOCK_START = re.compile(r"\s{0,3}(?:[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$)|>|```|~~~)")


def _yaml(value: Any) -> str:
    """A YAML scalar: JSON strings are valid YAML double-quoted scalars."""
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False)


def _prop(name: str, value: str) -> str:
    """One property line; an empty value is YAML null (Obsidian shows an empty field)."""
    return f"{name}: {value}" if value else f"{name}:"


def _yaml_list(name: str, values: Sequence[str]) -> list[str]:
    if not values:
        return [f"{name}: []"]
    return [f"{name}:", *(f"  - {_yaml(v)}" for v in values)]


def _obsidian_tag(tag: str) -> str:
    """A tag Obsidian accepts as a property value: letters, digits, _, - and / only."""
    return _OBSIDIAN_TAG.sub("", re.sub(r"\s+", "-", clean(tag))).strip("/-")


def _front_matter(groups: Sequence[ExportGroup], options: ExportOptions) -> list[str]:
    tags: list[str] = []
    seen: set[str] = set()  # the case-folded tags listed so far
    for meta, anns in groups:
        for tag in [*meta.tags, *(t for a in anns for t in a.tags)]:
            shown = _obsidian_tag(tag)
            if shown and shown.casefold() not in seen:
                seen.add(shown.casefold())
                tags.append(shown)
    lines = ["---", f"title: {_yaml(summary_title(groups, options))}"]
    if len(groups) == 1:
        meta = groups[0][0]
        published = meta.published or ""
        lines += _yaml_list("authors", [clean(a) for a in meta.authors])
        lines.append(_prop("publication", _yaml(clean(meta.publication) or None)))
        plain_date = re.fullmatch(r"\d{4}-\d{2}-\d{2}", published)
        lines.append(_prop("published", published if plain_date else _yaml(published or None)))
        lines.append(_prop("url", _yaml(clean(meta.url) or None)))
    else:
        lines += _yaml_list("articles", [clean(m.title) for m, _a in groups])
    lines += _yaml_list("tags", tags)
    lines.append(f"highlights: {len(all_highlights(groups))}")
    lines.append(f"exported: {_yaml(options.generated or now_iso())}")
    lines.append("---")
    return lines


def _source(meta: ArticleMeta) -> str:
    parts = [escape_markdown(p) for p in byline(meta)]
    if meta.publication and len(parts) >= 2:
        parts[1 if meta.authors else 0] = f"*{escape_markdown(clean(meta.publication))}*"
    url = clean(meta.url)
    if url:
        parts.append(_url(url))
    return " · ".join(parts)


def _url(url: str) -> str:
    if re.fullmatch(r"https?://[^\s<>\"'`\\]+", url):
        return f"<{url}>"
    return escape_markdown(url)


def _callout(lines: list[str]) -> list[str]:
    return [f"> {line}" if line else ">" for line in lines]


def render(groups: Sequence[ExportGroup], options: ExportOptions) -> Iterator[str]:
    """The Markdown summary, in parts (one a topic): joined, they are the document."""
    parts = _parts(groups, options)
    previous = next(parts)
    for part in parts:
        yield previous
        previous = "\n" + part
    yield previous.rstrip("\n") + "\n"


def _parts(groups: Sequence[ExportGroup], options: ExportOptions) -> Iterator[str]:
    """The document's lines in runs: joined by newlines, they are the whole text."""
    out = _front_matter(groups, options)
    out += ["", f"# {escape_markdown(summary_title(groups, options))}", ""]
    if len(groups) == 1:
        source = _source(groups[0][0])
        if source:
            out += [source, ""]
    else:
        out += ["## Sources", ""]
        for i, (meta, anns) in enumerate(groups, 1):
            line = f"{i}. **{escape_markdown(clean(meta.title))}**"
            source = _source(meta)
            if source:
                line += f" — {source}"
            out.append(f"{line} ({plural(len(anns), 'highlight')})")
        out.append("")
    out += [escape_markdown(summary_line(groups, options.config)), ""]
    topics = topics_for(groups, options)
    anchors = block_ids(topics)
    listed: Counter[str] = Counter()
    for topic in topics:
        out += [f"## {escape_markdown(topic.label)} ({topic.count})", ""]
        for stance in topic.stances:
            out += [f"### {escape_markdown(stance.label)} ({len(stance.items)})", ""]
            for item in stance.items:
                out += _item(item, anchor_of(anchors, item.annotation.id, listed), options)
                if len(out) >= 2_000:
                    yield "\n".join(out)
                    out = []
    yield "\n".join(out)


def _item(item: ExportItem, anchor: str, options: ExportOptions) -> list[str]:
    ann = item.annotation
    title = " · ".join(
        escape_markdown(p)
        for p in [clean(ann.stance) or NO_STANCE.lower(), ", ".join(clean(t) for t in ann.tags)]
        if p
    )
    body = quote(ann, item.article, options, "markdown").split("\n")
    note = clean(ann.note)
    if note:
        note_lines = note_markdown(note).split("\n")
        if _BLOCK_START.match(note_lines[0]):
            body += ["", "**Note:**", *note_lines]
        else:
            body += ["", f"**Note:** {note_lines[0]}", *note_lines[1:]]
    for flag in flags(ann):
        body += ["", f"*{escape_markdown(flag)}*"]
    return [f"> [!quote] {title}", *_callout(body), "", f"^{anchor}", ""]
