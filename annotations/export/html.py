"""One printable HTML file with a table of contents; nothing in it can run or load."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence

from annotations.export.base import (
    NO_STANCE,
    ExportGroup,
    ExportOptions,
    byline,
    clean,
    flags,
    quote,
    summary_title,
)
from annotations.export.grouping import ExportItem, anchor_of, block_ids, summary_line, topics_for
from annotations.export.notes import note_html
from annotations.model import now_iso
from library.display import for_display
from library.model import ArticleMeta
from library.text import plural

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
blockquote p, .note ul, .note ol { margin: .4rem 0; }
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
    # Bidi controls and invisible characters are named, never passed on: a browser would
    # reorder or hide the quoted words with them.
    return html.escape(for_display(clean(value)), quote=True)


def _source(meta: ArticleMeta) -> str:
    parts = [f"<cite>{_e(meta.title)}</cite>"]
    known = byline(meta)
    if known:
        parts.append(f'<span class="byline">{_e(" · ".join(known))}</span>')
    url = clean(meta.url)
    if re.fullmatch(r"https?://\S+", url):
        parts.append(f'<a href="{_e(url)}">{_e(url)}</a>')
    elif url:
        parts.append(_e(url))
    return " — ".join(parts)


def render(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    """The HTML page."""
    config = options.config
    topics = topics_for(groups, options)
    anchors = block_ids(topics)
    listed: Counter[str] = Counter()
    stance_class: dict[str, str] = {}
    css_vars: list[str] = []
    for i, stance in enumerate(config.stances, 1):
        stance_class[stance.name.casefold()] = f"stance-{i}"
        css_vars.append(f".stance-{i} {{ --stance: {_css_color(stance.color)}; }}")
    title = summary_title(groups, options)
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
        out.append(f'<p class="sources">{_source(groups[0][0])}</p>')
    out += [f'<p class="summary">{_e(summary_line(groups, config))}</p>', "</header>"]
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
                f"<li>{_source(meta)} "
                f'<span class="count">({_e(plural(len(anns), "highlight"))})</span></li>'
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
                anchor = anchor_of(anchors, item.annotation.id, listed)
                out += _item(item, anchor, css, options)
        out.append("</section>")
    generated = options.generated or now_iso()
    out += [
        "</main>",
        f'<footer class="meta">Exported from Margin on {_e(generated)}.</footer>',
        "</body>",
        "</html>",
    ]
    # Also what came through quote() and note_html(): nothing on the page reorders or hides.
    return for_display("\n".join(out) + "\n")


def _item(item: ExportItem, anchor: str, css: str, options: ExportOptions) -> list[str]:
    ann = item.annotation
    lines = [f'<blockquote class="{css}" id="h-{anchor}">']
    lines.append(quote(ann, item.article, options, "html"))
    note = clean(ann.note)
    if note:
        lines.append(f'<div class="note">\n{note_html(note)}\n</div>')
    for flag in flags(ann):
        lines.append(f'<p class="flag">{_e(flag)}</p>')
    meta = [clean(ann.stance) or NO_STANCE.lower(), ", ".join(clean(t) for t in ann.tags)]
    meta.append(f"id {clean(ann.id)[:8]}")
    lines += [f'<p class="meta">{_e(" · ".join(p for p in meta if p))}</p>', "</blockquote>"]
    return lines
