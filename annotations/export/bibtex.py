"""BibTeX in the biblatex dialect Pandoc, Zotero and biber read; plain BibTeX reads most of it.

News is an @article with entrysubtype newspaper (which Pandoc and biblatex-chicago read as a
newspaper article), a page without a publication an @online. Every value is braced and its
TeX specials escaped, so no title can run a command when LaTeX typesets it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotations.export.base import ExportGroup, ExportOptions
from annotations.export.names import Name
from annotations.export.references import DateParts, Reference, references

_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    # BibTeX counts every brace, escaped or not, so braces from the text become commands.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIALS = re.compile(r"[\\{}#$%&_~^]")


def tex(value: str) -> str:
    """Text with TeX's special characters escaped and line breaks as spaces."""
    flat = re.sub(r"\s+", " ", value).strip()
    return _SPECIALS.sub(lambda m: _TEX_SPECIAL[m.group(0)], flat)


def _name(name: Name) -> str:
    if name.literal:
        return "{" + tex(name.literal) + "}"  # braces: never split or inverted
    family = " ".join(p for p in (name.particle, name.family) if p)
    parts = [_protect(family), _protect(name.suffix), _protect(name.given)]
    return ", ".join(p for p in parts if p)


def _protect(part: str) -> str:
    """A name part; one holding "and" is braced so BibTeX does not split it into two names."""
    escaped = tex(part)
    return "{" + escaped + "}" if re.search(r"(?i)\band\b", escaped) else escaped


def _date(parts: DateParts) -> str:
    return "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(parts))


def _entry(ref: Reference) -> str:
    fields: list[tuple[str, str]] = []
    if ref.authors:
        fields.append(("author", " and ".join(_name(n) for n in ref.authors)))
    # Double braces keep the title's case: styles would otherwise lowercase it.
    fields.append(("title", "{" + tex(ref.title) + "}"))
    if ref.kind == "news":
        fields += [("journal", tex(ref.container)), ("entrysubtype", "newspaper")]
    if ref.issued:
        # date for biblatex, Pandoc and Zotero; year for plain BibTeX styles, which ignore date.
        fields += [("date", _date(ref.issued)), ("year", str(ref.issued[0]))]
    if ref.url:  # a web address without spaces, braces or backslashes: verbatim is safe
        fields.append(("url", ref.url))
    if ref.accessed:
        fields.append(("urldate", _date(ref.accessed)))
    kind = "article" if ref.kind == "news" else "online"
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@{kind}{{{ref.key},\n{body}}}\n"


def render(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    """The .bib file: one entry per article, blank lines between."""
    return "\n".join(_entry(ref) for ref in references(groups, options))
