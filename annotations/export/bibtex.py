"""BibTeX in the biblatex dialect Pandoc, Zotero and biber read; plain BibTeX reads most of it.

Each item type has biblatex's entry type: a newspaper or magazine article is an @article with
entrysubtype newspaper or magazine (which Pandoc and biblatex-chicago read so), a journal
article an @article, a blog post or web page an @online, a report a @report, a book a @book,
a chapter an @incollection and a document of no other type (a PDF from a file) a @misc.
Titles are in sentence case with only proper nouns and acronyms braced; dates give biblatex's
date and plain BibTeX's year and month; langid names the language. Every value is braced and
its TeX specials escaped, so no title can run a command when LaTeX typesets it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotations.citation import evidence, is_english, sentence_case
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


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# biblatex's langid takes babel's language names.
_BABEL = {
    "en": "english", "fr": "french", "de": "ngerman", "es": "spanish", "it": "italian",
    "pt": "portuguese", "nl": "dutch", "sv": "swedish", "da": "danish", "nb": "norsk",
    "no": "norsk", "fi": "finnish", "pl": "polish", "cs": "czech", "ru": "russian",
    "el": "greek", "tr": "turkish", "ca": "catalan", "ga": "irish", "la": "latin",
}  # fmt: skip
_ENGLISH = {"en-us": "american", "en-gb": "british", "en-au": "australian", "en-ca": "canadian"}
# Each CSL type as a biblatex entry type and, for periodicals, its entrysubtype.
_ENTRY: dict[str, tuple[str, str]] = {
    "article-newspaper": ("article", "newspaper"),
    "article-magazine": ("article", "magazine"),
    "article-journal": ("article", ""),
    "post-weblog": ("online", ""),
    "webpage": ("online", ""),
    "report": ("report", ""),
    "book": ("book", ""),
    "chapter": ("incollection", ""),
    "document": ("misc", ""),  # as Zotero's BibTeX and BibLaTeX exports write its "document"
}
# Raw values: a month macro is written unbraced (plain BibTeX styles print "July" for jul).
_RAW = {"month"}


def langid(language: str) -> str:
    """biblatex's langid for a BCP 47 tag ("en-GB" → british), or "" when unknown."""
    tag = language.strip().casefold().replace("_", "-")
    return _ENGLISH.get(tag) or _BABEL.get(tag.split("-")[0], "")


def protected_title(ref: Reference) -> str:
    """The title as BibTeX styles should recase it: sentence case, with only the words that
    must keep their capitals braced (proper nouns, acronyms; every capitalised word of a title
    in another language), so a style may lowercase the rest but never "Secure Communities".

    Braces around the whole title would lock its case: MLA's title case through Pandoc would
    then print a sentence-case title as stored.
    """
    names = [n.literal or f"{n.given} {n.particle} {n.family}" for n in ref.authors]
    ev = evidence(ref.text, names, ref.subtitle, ref.title)
    english = is_english(ref.language or None)
    cased = sentence_case(ref.title, ref.language or None, ev)
    out: list[str] = []
    starts = True
    for token in cased.split():
        word = token.strip("\"'“”‘’()[].,;:!?")
        capital = any(c.isupper() for c in word)
        by_position = (
            starts and word[:1].isupper() and word[1:] == word[1:].lower() and not ev.keeps(word)
        )
        if capital and (not english or not by_position):
            lead = token[: token.index(word)]
            trail = token[token.index(word) + len(word) :]
            out.append(f"{tex(lead)}{{{tex(word)}}}{tex(trail)}")
        else:
            out.append(tex(token))
        starts = token.endswith((":", "?", "!", "—", "–"))
    return " ".join(out)


def _list_field(value: str) -> str:
    """A publisher or institution: biblatex splits these lists at "and", so one holding it is
    braced whole (Centers for Disease Control and Prevention)."""
    escaped = tex(value)
    return "{" + escaped + "}" if re.search(r"(?i)\band\b", escaped) else escaped


def _entry(ref: Reference) -> str:
    kind, subtype = _ENTRY.get(ref.type, ("online", ""))
    fields: list[tuple[str, str]] = []
    if ref.authors:
        fields.append(("author", " and ".join(_name(n) for n in ref.authors)))
    elif kind == "article":
        # An empty author: plain BibTeX styles (and pybtex's) need one for @article; Pandoc and
        # biblatex read it as no author, so the title leads the entry as the manuals want.
        fields.append(("author", "{}"))
    if ref.editors:
        fields.append(("editor", " and ".join(_name(n) for n in ref.editors)))
    fields.append(("title", protected_title(ref)))
    if kind == "article":
        fields.append(("journal", tex(ref.container)))
        if subtype:
            fields.append(("entrysubtype", subtype))
    elif kind == "incollection" and ref.container:
        fields.append(("booktitle", tex(ref.container)))
    elif kind == "online" and ref.container:
        # journaltitle, not organization: Pandoc and Zotero read it as the site's name (the
        # container); organization would be read as a publisher and printed twice by APA.
        fields.append(("journaltitle", tex(ref.container)))
    if ref.publisher:
        # biblatex's @misc names who issued it as its organization (it has no publisher).
        name = {"report": "institution", "misc": "organization"}.get(kind, "publisher")
        fields.append((name, _list_field(ref.publisher)))
    if kind == "report" and ref.number:
        fields.append(("type", "Report"))
    for name, value in (
        ("number", ref.number if kind == "report" else ref.issue),
        ("volume", ref.volume),
        ("pages", ref.pages.replace("\u2013", "--").replace("-", "--").replace("----", "--")),
        ("doi", tex(ref.doi)),
        ("isbn", tex(ref.isbn)),
    ):
        if value:
            fields.append((name, tex(value) if name == "number" else value))
    if ref.issued:
        # date for biblatex, Pandoc and Zotero; year and month for plain BibTeX styles.
        fields += [("date", _date(ref.issued)), ("year", str(ref.issued[0]))]
        if len(ref.issued) > 1:
            fields.append(("month", _MONTHS[ref.issued[1] - 1]))
    if ref.language and (lang := langid(ref.language)):
        fields.append(("langid", lang))
    if any(n.particle for n in (*ref.authors, *ref.editors)):
        # van Gogh is cited and sorted as "van Gogh" (CSL's non-dropping particle), as Margin's
        # styles do; biblatex and Pandoc drop the prefix unless told.
        fields.append(("options", "useprefix=true"))
    if ref.url:  # a web address without spaces, braces or backslashes: verbatim is safe
        fields.append(("url", ref.url))
    if ref.accessed:
        fields.append(("urldate", _date(ref.accessed)))
    body = "".join(
        f"  {name} = {value},\n" if name in _RAW else f"  {name} = {{{value}}},\n"
        for name, value in fields
    )
    return f"@{kind}{{{ref.key},\n{body}}}\n"


def render(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    """The .bib file: one entry per article, blank lines between."""
    return "\n".join(_entry(ref) for ref in references(groups, options))
