"""A highlight's note is Markdown: kept as Markdown, rendered to HTML, or turned into plain text.

Notes can arrive from an imported file, so each form keeps a hostile note inert: no raw HTML,
no link that runs or embeds anything, nothing that escapes the callout or hides what follows.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Obsidian syntax a note must not trigger in the Markdown export: wikilinks and embeds (which
# pull in other files), images (which load from the web), callout markers, %% comments (which
# hide everything after them), raw HTML, inline Dataview queries, and links to anything but the
# web or mail. The scan takes the note's own backslash escapes as units first, so an escape the
# user wrote is kept and can never cancel one added here; code spans are inert and kept as
# written, except one that opens a Dataview query.
_SAFE_SCHEME = r"(?!(?:https?|mailto):)[A-Za-z][A-Za-z0-9+.-]*:"
_ACTIVE = re.compile(
    r"\\[\s\S]|`\$?=|(?<!`)`[^`\n]+`(?!`)|\[\[|!\[|\[!|%%|<(?!https?://[^\s<>]*>)"
    rf"|\]\(\s*<?\s*{_SAFE_SCHEME}"
)
_ESCAPED = {"[[": r"\[\[", "![": r"!\[", "[!": r"\[!", "%%": r"\%\%"}
_UNSAFE_REFERENCE = re.compile(rf"^(\s{{0,3}})\[(?=[^\]]*\]:\s*<?\s*{_SAFE_SCHEME})", re.M)
# A note line ending in " ^word" would declare a block id and steal a highlight's links.
_BLOCK_ID = re.compile(r"(\s)\^([A-Za-z0-9-]+)[ \t]*$", re.M)
_WEB_LINK = re.compile(r"(?i)^(?:https?://|mailto:)")
# A note without Markdown's syntax characters, without a line opening with a space or a digit
# (a code block, a numbered list) and without white space other than spaces and line breaks
# renders as its own words. Most notes are like that, and parsing costs ~0.2 ms a note, over a
# second for 10,000 highlights; a test checks this path against markdown-it's own output.
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]<>!#&|~=+\-]|^[\s\d]|[^\S \n]", re.M)


def note_markdown(note: str) -> str:
    """The note as Obsidian Markdown: its own markup kept, anything active made literal."""

    def escape(found: re.Match[str]) -> str:
        text = found.group(0)
        if text.startswith("\\") or (text.endswith("`") and len(text) > 1):
            return text
        return _ESCAPED.get(text) or "\\" + text

    note = _ACTIVE.sub(escape, note)
    note = _UNSAFE_REFERENCE.sub(r"\1\\[", note)
    return _BLOCK_ID.sub(r"\1\\^\2", note)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # CommonMark with raw HTML off and a line break kept as typed (as Obsidian and the note
    # editor show it). Images would load from the web; links go only to the web or to mail.
    parser = MarkdownIt("commonmark", {"html": False, "breaks": True}).disable("image")
    parser.validateLink = lambda url: bool(_WEB_LINK.match(url))  # type: ignore[method-assign]
    # A heading inside a note would break the page's outline: it is shown as a bold line.
    parser.add_render_rule("heading_open", lambda *_args: "<p><strong>")
    parser.add_render_rule("heading_close", lambda *_args: "</strong></p>\n")
    return parser


def _paragraphs(note: str) -> list[list[str]]:
    """A plain note's paragraphs, each a list of its lines without trailing spaces."""
    found: list[list[str]] = [[]]
    for line in note.split("\n"):
        if line.strip(" "):
            found[-1].append(line.rstrip(" "))
        elif found[-1]:
            found.append([])
    return [p for p in found if p]


def note_html(note: str) -> str:
    """The note rendered as HTML blocks; every piece of its text is escaped."""
    if not _MARKDOWN_SYNTAX.search(note):
        return "\n".join(
            "<p>" + "<br />\n".join(line.replace('"', "&quot;") for line in p) + "</p>"
            for p in _paragraphs(note)
        )
    return str(_parser().render(note)).strip()


def note_text(note: str) -> str:
    """The note as plain text: emphasis and code marks dropped, links as "text (URL)"."""
    if not _MARKDOWN_SYNTAX.search(note):
        return "\n".join(line for p in _paragraphs(note) for line in p)
    return _parsed_text(note)


def _parsed_text(note: str) -> str:
    lines: list[str] = []
    lists: list[list[int]] = []  # per open list: [next number], or [] for bullets
    marker = ""
    for token in _parser().parse(note):
        if token.type == "bullet_list_open":
            lists.append([])
        elif token.type == "ordered_list_open":
            lists.append([int(str(token.attrGet("start") or 1))])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open" and lists:
            numbers = lists[-1]
            marker = f"{numbers[0]}. " if numbers else "- "
            if numbers:
                numbers[0] += 1
        elif token.type in ("inline", "fence", "code_block"):
            text = _inline_text(token.children or []) if token.type == "inline" else token.content
            indent = "  " * max(0, len(lists) - 1)
            for n, line in enumerate(text.rstrip("\n").split("\n")):
                lead = marker if n == 0 else " " * len(marker)
                lines.append(f"{indent}{lead}{line}".rstrip())
            marker = ""
    return "\n".join(lines)


def _inline_text(children: list[Token]) -> str:
    out: list[str] = []
    links: list[tuple[str, int]] = []  # (href, where its text starts in out)
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "link_open":
            links.append((str(child.attrGet("href") or ""), len(out)))
        elif child.type == "link_close" and links:
            href, start = links.pop()
            shown = "".join(out[start:])
            if href and href not in (shown, f"mailto:{shown}"):
                out.append(f" ({href})")
    return "".join(out)
