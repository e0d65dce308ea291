"""Word debate cards: the layout Verbatim users paste, with Verbatim's own style names.

Per card: a tag line (Heading 4, "Tag"), a cite line (the short cite in "Cite", then the full
cite) and the paragraph of the highlight, its words in "Underline" (bold and underlined) and
the rest shrunk, as Verbatim's Shrink does. Topics are Hats and stances Blocks. Each style has
Verbatim's name and alias, so pasting into a Verbatim file or running its Update Styles takes on
the user's own formatting.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from annotations.citation import format_quote, locate, short_cite
from annotations.export.base import (
    NO_STANCE,
    ExportGroup,
    ExportOptions,
    byline,
    clean,
    flags,
    summary_title,
)
from annotations.export.grouping import ExportItem, topics_for
from annotations.export.notes import note_text
from annotations.model import Annotation, now_iso
from library.model import Article, ArticleMeta
from library.text import strip_controls

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import BaseStyle

# Verbatim's paragraph styles (its Debate.dotm): name, alias, and the bold size in points used
# until a Verbatim template restyles them.
_PARAGRAPH_STYLES = [
    ("Heading 1", "Pocket", 26),
    ("Heading 2", "Hat", 22),
    ("Heading 3", "Block", 16),
    ("Heading 4", "Tag", 13),
]
CITE_STYLE = "Style 13 pt Bold"  # alias Cite
UNDERLINE_STYLE = "Style Underline"  # alias Underline
_SHRUNK_PT = 8  # the words around the highlight, as Verbatim's first Shrink step leaves them
_RunList = list[tuple[str, bool]]  # (text, highlighted)


def render(groups: Sequence[ExportGroup], options: ExportOptions) -> bytes:
    """The .docx file."""
    import docx

    document = docx.Document()
    _set_up_styles(document)
    generated = options.generated or now_iso()
    title = summary_title(groups, options)
    props = document.core_properties
    props.title = _plain(title)
    props.author = props.last_modified_by = "Margin"
    props.created = props.modified = _when(generated)
    writer = _Writer(document)
    writer.paragraph(title, "Heading 1")
    for topic in topics_for(groups, options):
        writer.paragraph(topic.label, "Heading 2")
        for stance in topic.stances:
            writer.paragraph(stance.label, "Heading 3")
            for item in stance.items:
                _card(writer, item, options)
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue(), _when(generated))


class _Writer:
    """Appends paragraphs and runs as WordprocessingML, in constant time each.

    python-docx's add_paragraph looks for the section properties and its style= scans every
    style on each call (10,000 cards took minutes), and its runs cost about a millisecond
    each; here styles are resolved once and elements are built directly, in the schema's
    order (rStyle, i, sz inside rPr).
    """

    def __init__(self, document: Document) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.body = document.element.body
        self.end = self.body.sectPr
        self.ids = {s.name: s.style_id for s in document.styles if s.name is not None}

    def paragraph(self, text: str = "", style: str | None = None) -> BaseOxmlElement:
        from docx.oxml import OxmlElement

        qn = self.qn
        element = OxmlElement("w:p")
        if style is not None:
            properties = OxmlElement("w:pPr")
            properties.append(OxmlElement("w:pStyle", {qn("w:val"): self.ids[style]}))
            element.append(properties)
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.body.append(element)
        if text:
            self.run(element, text)
        return element

    def run(
        self,
        paragraph: BaseOxmlElement,
        text: str,
        style: str | None = None,
        *,
        italic: bool = False,
        points: int | None = None,
    ) -> None:
        from docx.oxml import OxmlElement

        qn = self.qn
        run = OxmlElement("w:r")
        properties = []
        if style is not None:
            properties.append(OxmlElement("w:rStyle", {qn("w:val"): self.ids[style]}))
        if italic:
            properties.append(OxmlElement("w:i"))
        if points is not None:
            properties.append(OxmlElement("w:sz", {qn("w:val"): str(points * 2)}))
        if properties:
            holder = OxmlElement("w:rPr")
            holder.extend(properties)
            run.append(holder)
        words = OxmlElement("w:t")
        words.text = _plain(text)
        if words.text != words.text.strip():
            words.set(qn("xml:space"), "preserve")
        run.append(words)
        paragraph.append(run)


def _set_up_styles(document: Document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    _alias(normal, "Normal/Card")
    for name, alias, size in _PARAGRAPH_STYLES:
        style = styles[name]
        font = style.font
        font.name, font.size, font.bold, font.italic = "Calibri", Pt(size), True, False
        font.color.rgb = RGBColor(0, 0, 0)
        _drop_theme_fonts(style)  # a theme font would win over the Calibri just set
        _alias(style, alias)
        _alias(styles[f"{name} Char"], f"{alias} Char")
    cite = styles.add_style(CITE_STYLE, WD_STYLE_TYPE.CHARACTER)
    cite.font.bold, cite.font.size = True, Pt(13)
    _alias(cite, "Cite")
    underline = styles.add_style(UNDERLINE_STYLE, WD_STYLE_TYPE.CHARACTER)
    underline.font.bold, underline.font.underline, underline.font.size = True, True, Pt(11)
    _alias(underline, "Underline")


def _drop_theme_fonts(style: BaseStyle) -> None:
    from docx.oxml.ns import qn

    fonts = style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    if fonts is not None:
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)


def _alias(style: BaseStyle, alias: str) -> None:
    """Give a style Word's alias (shown as "Heading 4,Tag"), which Verbatim matches on."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    aliases = OxmlElement("w:aliases", {qn("w:val"): alias})
    name = style.element.find(qn("w:name"))
    if name is not None:
        name.addnext(aliases)
    else:
        style.element.insert(0, aliases)


def _card(writer: _Writer, item: ExportItem, options: ExportOptions) -> None:
    ann, meta = item.annotation, item.article
    note = [ln.strip() for ln in note_text(clean(ann.note)).split("\n") if ln.strip()]
    tag = (note[0] if note else "") or ", ".join(clean(t) for t in ann.tags)
    writer.paragraph(tag or clean(ann.stance) or NO_STANCE, "Heading 4")
    short = short_cite(
        meta.authors, meta.publication, meta.title, meta.published, locate(ann, meta)
    )
    cite = writer.paragraph()
    writer.run(cite, short, CITE_STYLE)
    full = f" {full_cite(ann, meta, options, short)}"
    # The publication in italics, as the Markdown and HTML cards set it: it follows the title.
    publication = clean(meta.publication)
    at = full.find(publication, full.rfind("\u201d") + 1) if publication else -1
    if at < 0:
        writer.run(cite, full)
    else:
        writer.run(cite, full[:at])
        writer.run(cite, publication, italic=True)
        writer.run(cite, full[at + len(publication) :])
    for runs in card_runs(meta, ann):
        paragraph = writer.paragraph()
        for text, highlighted in runs:
            if highlighted:
                writer.run(paragraph, text, UNDERLINE_STYLE)
            else:
                writer.run(paragraph, text, points=_SHRUNK_PT)
    rest = [f"Note: {note[1]}", *note[2:]] if len(note) > 1 else []
    for extra in [*rest, *flags(ann)]:
        writer.run(writer.paragraph(), extra, italic=True)


def full_cite(ann: Annotation, meta: ArticleMeta, options: ExportOptions, short: str) -> str:
    """The card style's full cite (the line after its short cite), so both say the same."""
    card = format_quote(ann, meta, "card", config=options.config, accessed=options.accessed)
    lines = [line.strip() for line in card.split("\n")]
    if short in lines[:-1]:
        return lines[lines.index(short) + 1]
    # The card's layout changed: a cite built from the same parts keeps the export working.
    parts = [*byline(meta), f"“{clean(meta.title)}”" if clean(meta.title) else "", clean(meta.url)]
    cite = ", ".join(p for p in parts if p)
    return f"{cite}; quoting {clean(ann.speaker)}" if ann.speaker else cite


def card_runs(meta: ArticleMeta, ann: Annotation) -> list[_RunList]:
    """The paragraphs holding the highlight, as runs of (text, highlighted).

    Without the article's text, or when the words are no longer in it, the highlight's own
    context (prefix, quote, suffix) stands in for the paragraph.
    """
    text = meta.text if isinstance(meta, Article) else ""
    span = _find(text, ann) if text and not ann.orphaned else None
    if span is None:
        runs = [(ann.prefix, False), (ann.quote, True), (ann.suffix, False)]
        return [[(_plain(t), hit) for t, hit in runs if _plain(t)]]
    assert isinstance(meta, Article)
    start, end = span
    paragraphs = []
    for block in meta.blocks:
        if block.end <= start or block.start >= end:
            continue
        lo, hi = max(start, block.start), min(end, block.end)
        runs = [(text[block.start : lo], False), (text[lo:hi], True), (text[hi : block.end], False)]
        kept = [(_plain(t), hit) for t, hit in runs if _plain(t)]
        if kept:
            paragraphs.append(kept)
    return paragraphs


def _find(text: str, ann: Annotation) -> tuple[int, int] | None:
    if text[ann.start : ann.end] == ann.quote:
        return ann.start, ann.end
    found = [m.start() for m in re.finditer(re.escape(ann.quote), text)] if ann.quote else []
    if not found:
        return None
    best = min(found, key=lambda i: abs(i - ann.start))
    return best, best + len(ann.quote)


_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _plain(value: str) -> str:
    """Text a Word run can hold: controls and what XML refuses gone, line breaks as spaces."""
    return _NOT_XML.sub("", strip_controls(value)).replace("\n", " ").replace("\t", " ")


def _when(iso: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return datetime.now(UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _stable_zip(data: bytes, when: datetime) -> bytes:
    """The same package with every member stamped `when`: one export, one byte sequence."""
    stamp = max(when, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
