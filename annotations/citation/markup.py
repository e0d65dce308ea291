"""Output flavours (text, Markdown, HTML): how each escapes untrusted text and marks emphasis."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Markup = Literal["text", "markdown", "html"]
MARKUPS: tuple[Markup, ...] = ("text", "markdown", "html")

# Markdown (CommonMark plus Obsidian's ==, %%, $, ^, #tag and [[link]]) characters that could turn
# text into markup. A backslash before ASCII punctuation is always a literal in CommonMark.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~=$%^&{}!])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+])|(\d+)([.)]))(?=\s|$)", re.MULTILINE)
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")


def escape_markdown(value: str) -> str:
    """Text that Markdown (and Obsidian) shows literally: specials backslash-escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", value)
    if "\n" not in escaped:  # one line: only its start can read as a list marker
        first = escaped.lstrip()[:1]  # what `\s*` skips (both are str.isspace)
        if not first or (first not in "+-" and not first.isdecimal()):  # `\d` is isdecimal
            return escaped
    return _MD_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(found: re.Match[str]) -> str:
    """A list marker made literal: \\- for bullets, 1\\. for numbers (a digit cannot be escaped)."""
    indent, bullet, number, mark = found.groups()
    return f"{indent}\\{bullet}" if bullet else f"{indent}{number}\\{mark}"


@dataclass(frozen=True, slots=True)
class Marks:
    """How one output flavour escapes text and shows emphasis; every method escapes its input."""

    kind: Markup

    def esc(self, value: str) -> str:
        """Text shown literally."""
        if self.kind == "html":
            return html.escape(value, quote=True)
        if self.kind == "markdown":
            return escape_markdown(value)
        return value

    def _wrap(self, value: str, md: tuple[str, str], tags: tuple[str, ...]) -> str:
        """Escaped value inside emphasis markers, surrounding whitespace kept outside them."""
        core = value.strip()
        if not core:
            return self.esc(value)
        lead = value[: len(value) - len(value.lstrip())]
        trail = value[len(value.rstrip()) :]
        if self.kind == "html":
            opening = "".join(f"<{t}>" for t in tags)
            closing = "".join(f"</{t}>" for t in reversed(tags))
            inner = f"{opening}{self.esc(core)}{closing}"
        elif self.kind == "markdown":
            inner = f"{md[0]}{self.esc(core)}{md[1]}"
        else:
            inner = core
        return self.esc(lead) + inner + self.esc(trail)

    def italic(self, value: str) -> str:
        """Titles of containers: plain in text, *…* in Markdown, <i> in HTML."""
        return self._wrap(value, ("*", "*"), ("i",))

    def bold(self, value: str) -> str:
        """The card's short cite: plain in text, **…** in Markdown, <b> in HTML."""
        return self._wrap(value, ("**", "**"), ("b",))

    def mark(self, value: str) -> str:
        """The card's read words: **…** in text, bold and underlined in Markdown and HTML."""
        if self.kind == "text":
            core = value.strip()
            return value.replace(core, f"**{core}**", 1) if core else value
        # Markdown has no underline: <u> is the HTML that CommonMark and Obsidian pass through.
        return self._wrap(value, ("**<u>", "</u>**"), ("b", "u"))

    def heading(self, value: str) -> str:
        """The card's tag line: plain in text, a level-4 heading in Markdown and HTML.

        Level 4 because debate templates (Verbatim) keep levels 1–3 for pockets, hats and blocks,
        and an export already uses them for its own sections.
        """
        if self.kind == "html":
            return f"<h4>{self.esc(value.strip())}</h4>"
        if self.kind == "markdown":
            return f"#### {self.esc(value.strip())}"
        return value

    def url(self, value: str) -> str:
        """A URL: an autolink in Markdown when it is a safe web address, else escaped text."""
        if self.kind == "markdown" and _SAFE_URL.match(value):
            return f"<{value}>"
        return self.esc(value)

    def lines(self, parts: Sequence[str], *, blank: bool = True) -> str:
        """Paragraphs of output; in plain text separated by blank lines only when blank is set.

        In HTML a part that is already a block (a heading) is not wrapped in <p>.
        """
        parts = [p for p in parts if p]
        if self.kind == "html":
            return "\n".join(p if p.startswith("<h4>") else f"<p>{p}</p>" for p in parts)
        return "\n\n".join(parts) if blank or self.kind == "markdown" else "\n".join(parts)
