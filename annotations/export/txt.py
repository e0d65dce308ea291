"""Plain text, wrapped to a width: for email, a terminal or a printer."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from annotations.export.base import (
    ExportGroup,
    ExportOptions,
    byline,
    clean,
    flags,
    quote,
    summary_title,
)
from annotations.export.grouping import summary_line, topics_for
from annotations.export.notes import note_text
from library.text import plural


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


def render(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    """The plain-text summary."""
    width = options.width
    title = summary_title(groups, options)
    out = [*_wrap(title, width), "=" * min(width, max(len(title), 3)), ""]
    for meta, anns in groups:
        if len(groups) > 1:
            out += _wrap(clean(meta.title), width)
        for line in [" · ".join(byline(meta)), clean(meta.url)]:
            if line:
                out += _wrap(line, width, "  ")
        if len(groups) > 1:
            out += _wrap(plural(len(anns), "highlight"), width, "  ")
        out.append("")
    out += [*_wrap(summary_line(groups, options.config), width), ""]
    for topic in topics_for(groups, options):
        heading = f"{topic.label} ({topic.count})"
        out += [*_wrap(heading, width), "-" * min(width, len(heading)), ""]
        for stance in topic.stances:
            out += [*_wrap(f"{stance.label} ({len(stance.items)})", width, "  "), ""]
            for item in stance.items:
                ann = item.annotation
                out += _wrap(quote(ann, item.article, options, "text"), width, "    ")
                note = clean(ann.note)
                if note:
                    out += _wrap("Note: " + note_text(note), width, "      ")
                meta_line = [", ".join(clean(t) for t in ann.tags), f"id {clean(ann.id)[:8]}"]
                out += _wrap(" · ".join(p for p in [*meta_line, *flags(ann)] if p), width, "      ")
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
