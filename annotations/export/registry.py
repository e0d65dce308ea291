"""The export formats by name, and the one entry point that renders any of them."""

from __future__ import annotations

from collections.abc import Sequence

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
        Exporter("md", md.render, ".md", "Markdown for Obsidian: properties, callouts", True),
        Exporter("txt", txt.render, ".txt", "plain text, wrapped", True),
        Exporter("html", html.render, ".html", "one printable HTML file with contents", True),
        Exporter(
            "json", json.render, ".json", "Margin's own JSON, for import-annotations", cites=False
        ),
        Exporter(
            "w3c", w3c.render, ".jsonld", "W3C Web Annotation JSON-LD collection", cites=False
        ),
        Exporter("csv", csv.render, ".csv", "Readwise CSV import", cites=False),
        Exporter("docx", docx.render, ".docx", "Word debate cards (Verbatim styles)", binary=True),
        Exporter("csl-json", csl.render, ".csl.json", "CSL-JSON references for Zotero, Pandoc"),
        Exporter("bibtex", bibtex.render, ".bib", "BibTeX references for LaTeX, Pandoc"),
    )
}


def export_annotations(
    groups: Sequence[ExportGroup], fmt: str, options: ExportOptions | None = None
) -> bytes:
    """Render groups of (article, highlights) in format fmt as bytes (text formats in UTF-8).

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
            raise UnknownStyle(options.style, names)
    data = exporter.render(groups, options)
    return data.encode("utf-8") if isinstance(data, str) else data
