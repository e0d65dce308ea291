"""The export formats by name, and the one entry point that renders any of them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from annotations.citation import UnknownStyle, style_names
from annotations.export import bibtex, csl, csv, docx, html, json, md, txt, w3c
from annotations.export.base import (
    Exporter,
    ExportGroup,
    ExportOptions,
    NothingToExport,
    UnknownFormat,
)

# One line per format: name, renderer, file suffix, help text, whether the quote style applies.
FORMATS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("md", md.render, ".md", "Markdown for Obsidian: properties, callouts", True,
                 quote_markup="markdown", reads_text=False),
        Exporter("txt", txt.render, ".txt", "plain text, wrapped", True, quote_markup="text",
                 reads_text=False),
        Exporter("html", html.render, ".html", "one printable HTML file with contents", True,
                 quote_markup="html", reads_text=False),
        Exporter(
            "json", json.render, ".json", "Margin's own JSON, for import-annotations", cites=False,
            reads_text=False, reads_pages=True,
        ),
        Exporter(
            "w3c", w3c.render, ".jsonld", "W3C Web Annotation JSON-LD collection", cites=False
        ),
        Exporter("csv", csv.render, ".csv", "Readwise CSV import", cites=False, reads_text=False,
                 reads_pages=True),
        Exporter("docx", docx.render, ".docx", "Word debate cards (Verbatim styles)", binary=True),
        Exporter("csl-json", csl.render, ".csl.json", "CSL-JSON references for Zotero, Pandoc"),
        Exporter("bibtex", bibtex.render, ".bib", "BibTeX references for LaTeX, Pandoc"),
    )
}  # fmt: skip


def style_known(options: ExportOptions) -> bool:
    """Whether the options' quote style is a built-in style or a template of the config."""
    names = style_names(options.config)
    return options.style in options.config.templates or options.style.casefold() in names


def export_annotations(
    groups: Sequence[ExportGroup], fmt: str, options: ExportOptions | None = None
) -> bytes:
    """Render groups of (article, highlights) in format fmt as bytes (text formats in UTF-8).

    Raises UnknownFormat, NothingToExport when there is no highlight, and the citation errors of
    the chosen style (checked before any rendering).
    """
    return b"".join(export_chunks(groups, fmt, options))


def export_chunks(
    groups: Sequence[ExportGroup], fmt: str, options: ExportOptions | None = None
) -> Iterator[bytes]:
    """export_annotations in chunks, rendered as they are read (a format that renders in parts,
    Markdown, never holds the whole document). The errors are raised here, before any chunk."""
    exporter = FORMATS.get(fmt.strip().casefold())
    if exporter is None:
        raise UnknownFormat(fmt)
    options = options or ExportOptions()
    groups = [(meta, list(anns)) for meta, anns in groups if anns]
    if not groups:
        raise NothingToExport("no highlights match; nothing was exported")
    if exporter.uses_style and not style_known(options):
        raise UnknownStyle(options.style, style_names(options.config))
    data = exporter.render(groups, options)
    if isinstance(data, bytes):
        return iter([data])
    if isinstance(data, str):
        return iter([data.encode("utf-8")])
    return (chunk.encode("utf-8") for chunk in data)
