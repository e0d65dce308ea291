"""Markdown for Obsidian: properties, one callout per highlight, block ids to link to."""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeAlias

from annotations.citation import escape_markdown
from annotations.export.base import (
    NO_STANCE,
    UNTAGGED,
    ExportGroup,
    ExportOptions,
    NothingToExport,
    all_highlights,
    byline,
    clean,
    flags,
    quote,
    summary_title,
)
from annotations.export.grouping import (
    Anchors,
    ExportItem,
    StanceTally,
    anchor_of,
    block_ids,
    home_tag,
    stance_order,
    summary_line,
    summary_text,
    topics_for,
)
from annotations.export.notes import note_markdown
from annotations.model import Annotation, now_iso, tag_key
from library.model import ArticleMeta
from library.text import plural

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
    tags = _Tags()
    for meta, anns in groups:
        tags.add(meta, anns)
    metas = [meta for meta, _anns in groups]
    return _front_lines(
        summary_title(groups, options),
        metas[0] if len(metas) == 1 else None,
        [clean(m.title) for m in metas],
        tags.shown,
        len(all_highlights(groups)),
        options,
    )


class _Tags:
    """The export's tags in the order first met (articles' own, then their highlights')."""

    def __init__(self) -> None:
        self.shown: list[str] = []
        self._seen: set[str] = set()  # the case-folded tags listed so far
        self._done: dict[str, str] = {}  # tags met already, as shown ("" when none)

    def add(self, meta: ArticleMeta, anns: Sequence[Annotation]) -> None:
        for tag in [*meta.tags, *(t for a in anns for t in a.tags)]:
            shown = self._done.get(tag)
            if shown is None:
                shown = self._done[tag] = _obsidian_tag(tag)
            if shown and shown.casefold() not in self._seen:
                self._seen.add(shown.casefold())
                self.shown.append(shown)


def _front_lines(
    title: str,
    only: ArticleMeta | None,
    titles: Sequence[str],
    tags: Sequence[str],
    count: int,
    options: ExportOptions,
) -> list[str]:
    """The properties: of the only article (only), else the articles' titles; the tags."""
    lines = ["---", f"title: {_yaml(title)}"]
    if only is not None:
        meta = only
        published = meta.published or ""
        lines += _yaml_list("authors", [clean(a) for a in meta.authors])
        lines.append(_prop("publication", _yaml(clean(meta.publication) or None)))
        plain_date = re.fullmatch(r"\d{4}-\d{2}-\d{2}", published)
        lines.append(_prop("published", published if plain_date else _yaml(published or None)))
        lines.append(_prop("url", _yaml(clean(meta.url) or None)))
    else:
        lines += _yaml_list("articles", titles)
    lines += _yaml_list("tags", tags)
    lines.append(f"highlights: {count}")
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
    return _joined(_parts(groups, options))


def _joined(parts: Iterator[str]) -> Iterator[str]:
    """Runs of lines as the document: joined by newlines, ending in exactly one newline (a run
    that adds only blank lines at the end, however the lines fell into runs, adds nothing)."""
    held = ""  # newlines at the end so far: written only if more text follows
    first = True
    for part in parts:
        text = part if first else "\n" + part
        first = False
        body = text.rstrip("\n")
        if body:
            yield held + body
            held = text[len(body) :]
        else:
            held += text
    yield "\n"


def _parts(groups: Sequence[ExportGroup], options: ExportOptions) -> Iterator[str]:
    """The document's lines in runs: joined by newlines, they are the whole text."""
    title = summary_title(groups, options)
    if len(groups) == 1:
        sources = None
        only: ArticleMeta | None = groups[0][0]
    else:
        only = None
        sources = [_source_line(i, meta, len(anns)) for i, (meta, anns) in enumerate(groups, 1)]
    out = _front_matter(groups, options)
    out += _head(title, only, sources, summary_line(groups, options.config))
    topics = topics_for(groups, options)
    anchors = block_ids(topics)
    listed: Counter[str] = Counter()
    for topic in topics:
        out += [f"## {escape_markdown(topic.label)} ({topic.count})", ""]
        for stance in topic.stances:
            out += [f"### {escape_markdown(stance.label)} ({len(stance.items)})", ""]
            for item in stance.items:
                ann = item.annotation
                out += _item(item, anchor_of(anchors, ann.id, listed), options)
                if len(out) >= 2_000:
                    yield "\n".join(out)
                    out = []
    yield "\n".join(out)


def _head(
    title: str, only: ArticleMeta | None, sources: list[str] | None, summary: str
) -> list[str]:
    """The heading, the only article's source or the list of sources, and the summary line."""
    out = ["", f"# {escape_markdown(title)}", ""]
    if only is not None:
        source = _source(only)
        if source:
            out += [source, ""]
    else:
        out += ["## Sources", "", *(sources or []), ""]
    return [*out, escape_markdown(summary), ""]


def _source_line(number: int, meta: ArticleMeta, count: int) -> str:
    """One article in the list of sources: its title, source and how many highlights."""
    line = f"{number}. **{escape_markdown(clean(meta.title))}**"
    source = _source(meta)
    if source:
        line += f" — {source}"
    return f"{line} ({plural(count, 'highlight')})"


def _title(stance: str | None, tags: tuple[str, ...]) -> str:
    """A callout's title: the stance (or "no stance") and the tags."""
    shown = _shown_stance(stance)
    listed = _shown_tags(tags)
    return f"{shown} · {listed}" if shown and listed else shown or listed


@functools.lru_cache(maxsize=256)
def _shown_stance(stance: str | None) -> str:
    return escape_markdown(clean(stance) or NO_STANCE.lower())


@functools.lru_cache(maxsize=16_384)
def _shown_tags(tags: tuple[str, ...]) -> str:
    return escape_markdown(", ".join(clean(t) for t in tags))


def _item(item: ExportItem, anchor: str, options: ExportOptions) -> list[str]:
    ann = item.annotation
    return [*_body(ann, quote(ann, item.article, options, "markdown")), "", f"^{anchor}", ""]


def _body(ann: Annotation, quoted: str) -> list[str]:
    """A highlight's callout (without its block id): stance and tags, the quote, note, flags."""
    title = _title(ann.stance, tuple(ann.tags))
    body = quoted.split("\n")
    note = clean(ann.note)
    if note:
        note_lines = note_markdown(note).split("\n")
        if _BLOCK_START.match(note_lines[0]):
            body += ["", "**Note:**", *note_lines]
        else:
            body += ["", f"**Note:** {note_lines[0]}", *note_lines[1:]]
    if ann.orphaned or ann.needs_review:
        for flag in flags(ann):
            body += ["", f"*{escape_markdown(flag)}*"]
    return [f"> [!quote] {title}", *_callout(body)]


# A stance of a topic in a Collector: (its name as first met, [(highlight id, callout)]).
_Stance: TypeAlias = tuple[str | None, list[tuple[str, str]]]


class Collector:
    """The Markdown summary of many articles, gathered one article at a time.

    `render` needs every article and highlight at once; an export of a whole library adds each
    article here as it is read and lets it go. Per highlight only its callout (rendered once,
    without the block id, which depends on the listing) and its id are kept, under its topic
    and stance; `chunks` then writes the same document `render` gives for those groups.
    """

    def __init__(self, options: ExportOptions) -> None:
        self.options = options
        self.count = 0  # highlights
        self.articles = 0  # articles with highlights
        self._first: ArticleMeta | None = None
        self._titles: list[str] = []
        self._sources: list[str] = []
        self._tags = _Tags()
        self._tally = StanceTally()
        # By topic key: the tag as first met (None: untagged) and its stances by key.
        self._topics: dict[str | None, tuple[str | None, dict[str | None, _Stance]]] = {}
        # home_tag and its key, by a highlight's tags
        self._homes: dict[tuple[str, ...], tuple[str | None, str | None]] = {}

    def add(
        self, meta: ArticleMeta, anns: Sequence[Annotation], quoted: Callable[[Annotation], str]
    ) -> None:
        """An article's highlights, in the order a group lists them, each with its quote."""
        if not anns:
            return
        self.articles += 1
        self.count += len(anns)
        if self._first is None:
            self._first = meta
        self._titles.append(clean(meta.title))
        self._sources.append(_source_line(self.articles, meta, len(anns)))
        self._tags.add(meta, anns)
        for ann in anns:
            self._tally.add(ann)
        focus = self.options.tags
        topics = self._topics
        homes = self._homes
        for ann in sorted(anns, key=lambda a: (a.start, a.id)):  # as group_by_topic lists them
            tags = tuple(ann.tags)
            home = homes.get(tags)
            if home is None:
                tag = home_tag(ann, focus)
                home = homes[tags] = (tag, tag_key(tag) if tag is not None else None)
            tag, key = home
            topic = topics.get(key)
            if topic is None:
                topic = topics[key] = (tag, {})
            stance_key = ann.stance.casefold() if ann.stance is not None else None
            stance = topic[1].get(stance_key)
            if stance is None:
                stance = topic[1][stance_key] = (ann.stance, [])
            stance[1].append((ann.id, "\n".join(_body(ann, quoted(ann)))))

    def chunks(self) -> Iterator[str]:
        """The document, in parts; NothingToExport when no article had a highlight."""
        if not self.count:
            raise NothingToExport("no highlights match; nothing was exported")
        return _joined(self._parts())

    def _parts(self) -> Iterator[str]:
        options = self.options
        only = self._first if self.articles == 1 else None
        if options.title:
            title = clean(options.title)
        else:
            title = (clean(only.title) if only is not None else "") or "Annotated summary"
        out = _front_lines(title, only, self._titles, self._tags.shown, self.count, options)
        self._titles = []
        summary = summary_text(self.count, self.articles, self._tally.counts(options.config))
        out += _head(title, only, self._sources, summary)
        self._sources = []
        order = stance_order(options.config)
        anchors = Anchors()
        topics = sorted(self._topics.values(), key=lambda t: (t[0] is None, tag_key(t[0] or "")))
        for tag, stances in topics:
            label = tag if tag is not None else UNTAGGED
            count = sum(len(items) for _name, items in stances.values())
            out += [f"## {escape_markdown(label)} ({count})", ""]
            for name, items in sorted(stances.values(), key=lambda s: order(s[0])):
                shown = clean(name) if name else NO_STANCE
                out += [f"### {escape_markdown(shown)} ({len(items)})", ""]
                for ident, callout in items:
                    out += [callout, "", f"^{anchors.next(ident)}", ""]
                    if len(out) >= 2_000:
                        yield "\n".join(out)
                        out = []
        yield "\n".join(out)
