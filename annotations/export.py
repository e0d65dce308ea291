"""Annotated summaries: highlights grouped by tag then stance, rendered as md, txt, html, json,
W3C Web Annotation JSON-LD or Readwise CSV.

A registry maps each format name to a pure function (groups, options) → text, so adding a format
is one function and one line. Every piece of article or user text is escaped for its format.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sys
import textwrap
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from annotations.citation import escape_markdown, format_quote, style_names
from annotations.errors import AnnotationError
from annotations.model import Annotation, now_iso, tag_key
from library.config import Config
from library.fsutil import atomic_write
from library.model import ArticleMeta
from library.text import strip_controls

__all__ = [
    "FORMATS",
    "READWISE_COLUMNS",
    "W3C_CONTEXT",
    "ExportError",
    "ExportExists",
    "ExportGroup",
    "ExportOptions",
    "Exporter",
    "NothingToExport",
    "UnknownFormat",
    "export_annotations",
    "group_by_topic",
    "write_export",
]

ExportGroup = tuple[ArticleMeta, Sequence[Annotation]]
UNTAGGED = "Untagged"
NO_STANCE = "No stance"
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READWISE_COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")


class ExportError(AnnotationError):
    """An export could not be made or written; nothing partial was left behind."""


class UnknownFormat(ExportError):
    """The format name is not one of FORMATS."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"unknown export format {name!r}; choose one of: {', '.join(FORMATS)}")


class ExportExists(ExportError):
    """The export file exists and overwriting was not asked for; it is left as it was."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} exists already; choose another name or replace it")


class NothingToExport(ExportError):
    """No highlight matched; an empty summary would only hide the mistake."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How to render: the quote style for md/txt/html, dates that would otherwise be today's."""

    style: str = "plain"  # any name format_quote accepts (md, txt and html only)
    config: Config = field(default_factory=Config)
    accessed: date | None = None  # for citations' access dates; today when None
    generated: str | None = None  # the export's timestamp (ISO); now when None
    width: int = 76  # wrap column of the txt format
    title: str | None = None  # the summary's title; the article's title when there is one


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format: its renderer, file suffix and a line for help texts."""

    name: str
    render: Callable[[Sequence[ExportGroup], ExportOptions], str]
    suffix: str
    description: str
    uses_style: bool = False


# -- grouping --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    article: ArticleMeta
    annotation: Annotation
    first: bool  # first time this highlight is shown (it appears once under each of its tags)


@dataclass(slots=True)
class _Stance:
    name: str | None
    items: list[_Item] = field(default_factory=list)

    @property
    def label(self) -> str:
        return _clean(self.name) if self.name else NO_STANCE


@dataclass(slots=True)
class _Topic:
    tag: str | None
    stances: list[_Stance] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.tag if self.tag is not None else UNTAGGED

    @property
    def count(self) -> int:
        return sum(len(s.items) for s in self.stances)


def _stance_order(config: Config) -> Callable[[str | None], tuple[int, int, str]]:
    known = [s.name.casefold() for s in config.stances]

    def key(name: str | None) -> tuple[int, int, str]:
        if name is None:
            return (2, 0, "")
        folded = name.casefold()
        if folded in known:
            return (0, known.index(folded), "")
        return (1, 0, folded)

    return key


def group_by_topic(groups: Sequence[ExportGroup], config: Config | None = None) -> list[_Topic]:
    """Highlights by tag (alphabetical, Untagged last) then stance (the config's order, none last).

    A highlight with several tags appears under each; within a stance, highlights keep article
    order and then text order.
    """
    config = config or Config()
    topics: dict[str | None, _Topic] = {}
    seen: set[str] = set()
    ordered = [
        (meta, ann) for meta, anns in groups for ann in sorted(anns, key=lambda a: (a.start, a.id))
    ]
    for meta, ann in ordered:
        tags: list[str | None] = [_clean(t) for t in ann.tags if _clean(t)]
        for tag in tags or [None]:
            key = tag_key(tag) if tag is not None else None
            topic = topics.setdefault(key, _Topic(tag))
            stance = next((s for s in topic.stances if _same(s.name, ann.stance)), None) or _append(
                topic.stances, _Stance(ann.stance)
            )
            stance.items.append(_Item(meta, ann, False))
    order = _stance_order(config)
    result = sorted(topics.values(), key=lambda t: (t.tag is None, tag_key(t.tag or "")))
    for topic in result:
        topic.stances.sort(key=lambda s: order(s.name))
        for group in topic.stances:
            group.items = [replace(i, first=i.annotation.id not in seen) for i in group.items]
            seen.update(i.annotation.id for i in group.items)
    return result


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").casefold() == (b or "").casefold() and (a is None) == (b is None)


def _append(items: list[_Stance], item: _Stance) -> _Stance:
    items.append(item)
    return item


def _clean(value: str | None) -> str:
    return strip_controls(value or "").strip()


def _all(groups: Sequence[ExportGroup]) -> list[tuple[ArticleMeta, Annotation]]:
    return [(meta, ann) for meta, anns in groups for ann in anns]


def _stance_counts(groups: Sequence[ExportGroup], config: Config) -> list[tuple[str, int]]:
    counts: Counter[str | None] = Counter()
    shown: dict[str | None, str | None] = {}
    for _meta, ann in _all(groups):
        key = ann.stance.casefold() if ann.stance else None
        counts[key] += 1
        shown.setdefault(key, ann.stance)
    order = _stance_order(config)
    keys = sorted(counts, key=lambda k: order(shown[k]))
    return [(_clean(shown[k]) if k is not None else NO_STANCE.lower(), counts[k]) for k in keys]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _summary_line(groups: Sequence[ExportGroup], config: Config) -> str:
    total = len(_all(groups))
    articles = sum(1 for _m, anns in groups if anns)
    head = _plural(total, "highlight")
    if articles > 1:
        head += f" from {articles} articles"
    parts = [f"{name} {count}" for name, count in _stance_counts(groups, config)]
    return f"{head}: {' · '.join(parts)}" if parts else head


def _title(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    if options.title:
        return _clean(options.title)
    if len(groups) == 1:
        return _clean(groups[0][0].title) or "Annotated summary"
    return "Annotated summary"


def _pretty_date(value: str | None) -> str:
    if not value:
        return ""
    try:
        parsed = date.fromisoformat(value[:10])
    except ValueError:
        return _clean(value)
    return f"{parsed.day} {parsed.strftime('%B')} {parsed.year}"


def _byline(meta: ArticleMeta) -> list[str]:
    """Authors, publication, date: the parts of an article's byline that are known."""
    authors = ", ".join(_clean(a) for a in meta.authors if _clean(a))
    return [p for p in (authors, _clean(meta.publication), _pretty_date(meta.published)) if p]


def _flags(ann: Annotation) -> list[str]:
    flags = []
    if ann.orphaned:
        flags.append("orphaned: these words are no longer in the article")
    elif ann.needs_review:
        flags.append("re-anchored approximately: check it")
    return flags


def _quote(ann: Annotation, meta: ArticleMeta, options: ExportOptions, markup: Any) -> str:
    return format_quote(
        ann, meta, options.style, config=options.config, accessed=options.accessed, markup=markup
    )


# -- Markdown (Obsidian) ---------------------------------------------------------------------------

_BLOCK_ID = re.compile(r"[^A-Za-z0-9-]")
_OBSIDIAN_TAG = re.compile(r"[^\w/-]")


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
    return _OBSIDIAN_TAG.sub("", re.sub(r"\s+", "-", _clean(tag))).strip("/-")


def _front_matter(groups: Sequence[ExportGroup], options: ExportOptions) -> list[str]:
    tags: list[str] = []
    for meta, anns in groups:
        for tag in [*meta.tags, *(t for a in anns for t in a.tags)]:
            shown = _obsidian_tag(tag)
            if shown and shown.casefold() not in {t.casefold() for t in tags}:
                tags.append(shown)
    lines = ["---", f"title: {_yaml(_title(groups, options))}"]
    if len(groups) == 1:
        meta = groups[0][0]
        published = meta.published or ""
        lines += _yaml_list("authors", [_clean(a) for a in meta.authors])
        lines.append(_prop("publication", _yaml(_clean(meta.publication) or None)))
        plain_date = re.fullmatch(r"\d{4}-\d{2}-\d{2}", published)
        lines.append(_prop("published", published if plain_date else _yaml(published or None)))
        lines.append(_prop("url", _yaml(_clean(meta.url) or None)))
    else:
        lines += _yaml_list("articles", [_clean(m.title) for m, _a in groups])
    lines += _yaml_list("tags", tags)
    lines.append(f"highlights: {len(_all(groups))}")
    lines.append(f"exported: {_yaml(options.generated or now_iso())}")
    lines.append("---")
    return lines


def _md_source(meta: ArticleMeta) -> str:
    parts = [escape_markdown(p) for p in _byline(meta)]
    if meta.publication and len(parts) >= 2:
        parts[1 if meta.authors else 0] = f"*{escape_markdown(_clean(meta.publication))}*"
    url = _clean(meta.url)
    if url:
        parts.append(_md_url(url))
    return " · ".join(parts)


def _md_url(url: str) -> str:
    if re.fullmatch(r"https?://[^\s<>\"'`\\]+", url):
        return f"<{url}>"
    return escape_markdown(url)


def _callout(lines: list[str]) -> list[str]:
    return [f"> {line}" if line else ">" for line in lines]


def _render_md(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    out = _front_matter(groups, options)
    out += ["", f"# {escape_markdown(_title(groups, options))}", ""]
    if len(groups) == 1:
        meta = groups[0][0]
        source = _md_source(meta)
        if source:
            out += [source, ""]
    else:
        out += ["## Sources", ""]
        for i, (meta, anns) in enumerate(groups, 1):
            line = f"{i}. **{escape_markdown(_clean(meta.title))}**"
            source = _md_source(meta)
            if source:
                line += f" — {source}"
            out.append(f"{line} ({_plural(len(anns), 'highlight')})")
        out.append("")
    out += [escape_markdown(_summary_line(groups, options.config)), ""]
    for topic in group_by_topic(groups, options.config):
        out += [f"## {escape_markdown(topic.label)} ({topic.count})", ""]
        for stance in topic.stances:
            out += [f"### {escape_markdown(stance.label)} ({len(stance.items)})", ""]
            for item in stance.items:
                out += _md_item(item, options)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_item(item: _Item, options: ExportOptions) -> list[str]:
    ann = item.annotation
    title = " · ".join(
        escape_markdown(p)
        for p in [
            _clean(ann.stance) or NO_STANCE.lower(),
            ", ".join(_clean(t) for t in ann.tags),
        ]
        if p
    )
    body = _quote(ann, item.article, options, "markdown").split("\n")
    note = _clean(ann.note)
    if note:
        note_lines = [escape_markdown(line) for line in note.split("\n")]
        body += ["", f"**Note:** {note_lines[0]}", *note_lines[1:]]
    for flag in _flags(ann):
        body += ["", f"*{escape_markdown(flag)}*"]
    lines = [f"> [!quote] {title}", *_callout(body), ""]
    block = _BLOCK_ID.sub("", ann.id)
    if item.first and block:
        lines += [f"^{block}", ""]
    return lines


# -- plain text ------------------------------------------------------------------------------------


def _wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        if not para.strip():
            lines.append("")
            continue
        lines += textwrap.wrap(
            para,
            width=max(20, width),
            initial_indent=indent,
            subsequent_indent=indent if hanging is None else hanging,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [indent]
    return lines


def _render_txt(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    width = options.width
    title = _title(groups, options)
    out = [*_wrap(title, width), "=" * min(width, max(len(title), 3)), ""]
    for meta, anns in groups:
        if len(groups) > 1:
            out += _wrap(_clean(meta.title), width)
        for line in [" · ".join(_byline(meta)), _clean(meta.url)]:
            if line:
                out += _wrap(line, width, "  ")
        if len(groups) > 1:
            out += _wrap(_plural(len(anns), "highlight"), width, "  ")
        out.append("")
    out += [*_wrap(_summary_line(groups, options.config), width), ""]
    for topic in group_by_topic(groups, options.config):
        heading = f"{topic.label} ({topic.count})"
        out += [*_wrap(heading, width), "-" * min(width, len(heading)), ""]
        for stance in topic.stances:
            out += [*_wrap(f"{stance.label} ({len(stance.items)})", width, "  "), ""]
            for item in stance.items:
                ann = item.annotation
                out += _wrap(_quote(ann, item.article, options, "text"), width, "    ")
                note = _clean(ann.note)
                if note:
                    out += _wrap("Note: " + note, width, "      ")
                meta_line = [", ".join(_clean(t) for t in ann.tags), f"id {_clean(ann.id)[:8]}"]
                out += _wrap(
                    " · ".join(p for p in [*meta_line, *_flags(ann)] if p), width, "      "
                )
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- HTML ------------------------------------------------------------------------------------------

_CSS = """\
:root { color-scheme: light; --ink: #1d1d1f; --muted: #6e6e73; --rule: #d2d2d7; }
body { font: 16px/1.55 Georgia, "Times New Roman", serif; color: var(--ink); max-width: 46rem;
  margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, nav, .meta, .summary, .sources { font-family: system-ui, sans-serif; }
h1 { font-size: 1.7rem; margin-bottom: .25rem; }
h2 { border-bottom: 1px solid var(--rule); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1rem; text-transform: uppercase; letter-spacing: .05em; }
.count, .meta, .summary, .byline { color: var(--muted); font-size: .9rem; }
blockquote { margin: 0 0 1.2rem; padding: .4rem 1rem; border-left: 6px solid var(--stance, #999);
  background: #f7f7f9; break-inside: avoid; }
blockquote p { margin: .4rem 0; }
.note { font-style: italic; }
.flag { color: #b3261e; font-size: .9rem; }
nav ol { padding-left: 1.2rem; }
a { color: inherit; }
@media print { nav { break-after: page; } body { margin: 0; max-width: none; }
  a { text-decoration: none; } }
"""
_HEX = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")


def _css_color(color: str) -> str:
    """A config colour as CSS: #hex kept, Rich names such as bright_red or green3 made plain."""
    if _HEX.fullmatch(color):
        return color
    name = re.sub(r"^bright_|[0-9]+$", "", color.lower()).replace("_", "")
    return name if re.fullmatch(r"[a-z]{3,30}", name) else "#999"


def _e(value: str | None) -> str:
    return html.escape(_clean(value), quote=True)


def _html_source(meta: ArticleMeta) -> str:
    parts = [f"<cite>{_e(meta.title)}</cite>"]
    byline = _byline(meta)
    if byline:
        parts.append(f'<span class="byline">{_e(" · ".join(byline))}</span>')
    url = _clean(meta.url)
    if re.fullmatch(r"https?://\S+", url):
        parts.append(f'<a href="{_e(url)}">{_e(url)}</a>')
    elif url:
        parts.append(_e(url))
    return " — ".join(parts)


def _render_html(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    config = options.config
    topics = group_by_topic(groups, config)
    stance_class: dict[str, str] = {}
    css_vars: list[str] = []
    for i, stance in enumerate(config.stances, 1):
        stance_class[stance.name.casefold()] = f"stance-{i}"
        css_vars.append(f".stance-{i} {{ --stance: {_css_color(stance.color)}; }}")
    title = _title(groups, options)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Defence in depth: even if some text escaped its escaping, nothing could run or load.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="generator" content="Margin">',
        f"<title>{_e(title)}</title>",
        f"<style>\n{_CSS}{chr(10).join(css_vars)}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(title)}</h1>",
    ]
    if len(groups) == 1:
        out.append(f'<p class="sources">{_html_source(groups[0][0])}</p>')
    out += [f'<p class="summary">{_e(_summary_line(groups, config))}</p>', "</header>"]
    out += ['<nav aria-label="Contents">', "<h2>Contents</h2>", "<ol>"]
    if len(groups) > 1:
        out.append('<li><a href="#sources">Sources</a></li>')
    for i, topic in enumerate(topics, 1):
        out.append(
            f'<li><a href="#topic-{i}">{_e(topic.label)}</a> '
            f'<span class="count">({topic.count})</span></li>'
        )
    out += ["</ol>", "</nav>", "<main>"]
    if len(groups) > 1:
        out += ['<section id="sources">', "<h2>Sources</h2>", '<ol class="sources">']
        for meta, anns in groups:
            out.append(
                f"<li>{_html_source(meta)} "
                f'<span class="count">({_e(_plural(len(anns), "highlight"))})</span></li>'
            )
        out += ["</ol>", "</section>"]
    for i, topic in enumerate(topics, 1):
        out += [
            f'<section id="topic-{i}">',
            f'<h2>{_e(topic.label)} <span class="count">({topic.count})</span></h2>',
        ]
        for group in topic.stances:
            css = stance_class.get((group.name or "").casefold(), "stance-none")
            out.append(
                f'<h3 class="{css}">{_e(group.label)} '
                f'<span class="count">({len(group.items)})</span></h3>'
            )
            for item in group.items:
                out += _html_item(item, css, options)
        out.append("</section>")
    generated = options.generated or now_iso()
    out += [
        "</main>",
        f'<footer class="meta">Exported from Margin on {_e(generated)}.</footer>',
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def _html_item(item: _Item, css: str, options: ExportOptions) -> list[str]:
    ann = item.annotation
    anchor = _BLOCK_ID.sub("", ann.id)
    ident = f' id="h-{anchor}"' if item.first and anchor else ""
    lines = [f'<blockquote class="{css}"{ident}>', _quote(ann, item.article, options, "html")]
    note = _clean(ann.note)
    if note:
        lines.append(f'<p class="note">{"<br>".join(_e(ln) for ln in note.split(chr(10)))}</p>')
    for flag in _flags(ann):
        lines.append(f'<p class="flag">{_e(flag)}</p>')
    meta = [_clean(ann.stance) or NO_STANCE.lower(), ", ".join(_clean(t) for t in ann.tags)]
    meta.append(f"id {_clean(ann.id)[:8]}")
    lines += [f'<p class="meta">{_e(" · ".join(p for p in meta if p))}</p>', "</blockquote>"]
    return lines


# -- Margin JSON -----------------------------------------------------------------------------------


def _render_json(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    from annotations.interchange import dump_document

    document = dump_document(groups, exported=options.generated)
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n"


# -- W3C Web Annotation ----------------------------------------------------------------------------

_MARGIN_NS = uuid.UUID("5b0f3a5e-8f0e-4c38-9d56-6d6172676e31")


def _urn(value: str) -> str:
    """A urn:uuid IRI for an id: the id itself when it is a UUID, else a stable UUID5 of it."""
    try:
        return f"urn:uuid:{uuid.UUID(value)}"
    except ValueError:
        return f"urn:uuid:{uuid.uuid5(_MARGIN_NS, value)}"


def _target_source(meta: ArticleMeta) -> str:
    url = _clean(meta.url)
    if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", url):
        return url
    return f"urn:margin:article:{re.sub(r'[^A-Za-z0-9._-]', '-', meta.id) or 'unknown'}"


def _w3c_annotation(meta: ArticleMeta, ann: Annotation) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if ann.note:
        bodies.append(
            {
                "type": "TextualBody",
                "value": ann.note,
                "format": "text/plain",
                "purpose": "commenting",
            }
        )
    if ann.stance:
        bodies.append({"type": "TextualBody", "value": ann.stance, "purpose": "assessing"})
    bodies += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in ann.tags]
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


def _render_w3c(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    items = [_w3c_annotation(meta, ann) for meta, ann in _all(groups)]
    digest = _urn("collection:" + ",".join(sorted(a.id for _m, a in _all(groups))))
    collection = {
        "@context": W3C_CONTEXT,
        "id": digest,
        "type": "AnnotationCollection",
        "label": _title(groups, options),
        "total": len(items),
        "first": {
            "id": _urn("page:" + digest),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
    return orjson.dumps(collection, option=orjson.OPT_INDENT_2).decode() + "\n"


# -- Readwise CSV ----------------------------------------------------------------------------------

# Cells starting with these are formulas in Excel, LibreOffice and Google Sheets (OWASP's list,
# plus the full-width forms some spreadsheets also accept).
_FORMULA_START = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def _neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading formula character gets an apostrophe."""
    if cell.startswith(_FORMULA_START) or cell.lstrip().startswith(_FORMULA_START):
        return "'" + cell
    return cell


def _action_tag(value: str) -> str:
    """A Readwise action tag: .name, with spaces as hyphens."""
    return "." + re.sub(r"\s+", "-", _clean(value)).lstrip(".")


def _readwise_date(value: str) -> str:
    found = re.match(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})", value or "")
    return f"{found.group(1)} {found.group(2)}" if found else _clean(value)


def _render_csv(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(READWISE_COLUMNS)
    for meta, ann in _all(groups):
        tags = [ann.stance] if ann.stance else []
        tags += ann.tags
        note = " ".join([*(_action_tag(t) for t in tags if _clean(t)), _clean(ann.note)]).strip()
        authors = ", ".join(_clean(a) for a in meta.authors) or _clean(meta.publication)
        row = [
            strip_controls(ann.quote),
            _clean(meta.title),
            authors,
            _clean(meta.url),
            note,
            str(ann.start),
            _readwise_date(ann.created),
        ]
        writer.writerow([_neutralise(cell) for cell in row])
    return buffer.getvalue()


# -- registry and entry points ---------------------------------------------------------------------

FORMATS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("md", _render_md, ".md", "Markdown for Obsidian: properties, callouts", True),
        Exporter("txt", _render_txt, ".txt", "plain text, wrapped", True),
        Exporter("html", _render_html, ".html", "one printable HTML file with contents", True),
        Exporter("json", _render_json, ".json", "Margin's own JSON, for import-annotations"),
        Exporter("w3c", _render_w3c, ".jsonld", "W3C Web Annotation JSON-LD collection"),
        Exporter("csv", _render_csv, ".csv", "Readwise CSV import"),
    )
}


def export_annotations(
    groups: Sequence[ExportGroup], fmt: str, options: ExportOptions | None = None
) -> bytes:
    """Render groups of (article, highlights) in format fmt as UTF-8 bytes.

    Raises UnknownFormat, NothingToExport when there is no highlight, and the citation errors of
    the chosen style (checked before any rendering).
    """
    exporter = FORMATS.get(fmt.strip().casefold())
    if exporter is None:
        raise UnknownFormat(fmt)
    options = options or ExportOptions()
    groups = [(meta, list(anns)) for meta, anns in groups if anns]
    if not groups:
        raise NothingToExport("no highlights match; nothing was exported")
    if exporter.uses_style:
        names = style_names(options.config)
        if options.style not in options.config.templates and options.style.casefold() not in names:
            from annotations.citation import UnknownStyle

            raise UnknownStyle(options.style, names)
    return exporter.render(groups, options).encode("utf-8")


def write_export(data: bytes, destination: str | Path, *, overwrite: bool = False) -> str:
    """Write data atomically to destination ("-" is stdout); returns where it went.

    The folder must exist: a typo in -o should not create directories. An existing file is
    replaced only with overwrite (else ExportExists); on any failure the old file, if any, is
    untouched and no temporary file is left.
    """
    if str(destination) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return "standard output"
    path = Path(destination).expanduser()
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name, e.g. {path / 'summary.md'}")
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: folder {path.parent} does not exist")
    if not overwrite and (path.exists() or path.is_symlink()):
        raise ExportExists(path)
    try:
        atomic_write(path, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(f"cannot write {path}: {reason}; nothing was written") from exc
    return str(path)
