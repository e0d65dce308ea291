"""Formatted quotes: a highlight in plain, MLA 9, APA 7, Chicago 17, card or template style.

The words of a quote are never added to, dropped or changed. The prose styles (plain, mla, apa,
chicago) wrap the quote in curly double quotes, so paired double quotes inside it become single,
and MLA and APA move a final period after the parenthetical citation, as both manuals prescribe.
A highlight that spans paragraphs is joined with one space in the prose styles; the card keeps
the paragraphs. No style adds an ellipsis: a highlight is one unbroken span.

One module per style (plain, mla, apa, chicago, card, template) behind `STYLES`; the shared pieces
are markup, names (group authors in braces: ``{Associated Press}``), titles, quotes and source.
"""

from __future__ import annotations

from annotations.citation.card import short_cite
from annotations.citation.casing import Evidence, evidence
from annotations.citation.errors import CitationError, TemplateError, UnknownStyle
from annotations.citation.locators import Locator, locate
from annotations.citation.markup import MARKUPS, Markup, escape_markdown
from annotations.citation.missing import missing_fields, missing_message
from annotations.citation.names import is_group_author, plain_author
from annotations.citation.source import QuoteStyle, cited_as_case, item_type_of
from annotations.citation.styles import (
    STYLES,
    format_quote,
    quote_formatter,
    style_names,
    style_reads_pages,
    style_reads_text,
)
from annotations.citation.template import TEMPLATE_FIELDS, validate_template
from annotations.citation.titles import is_english, sentence_case

__all__ = [
    "MARKUPS",
    "STYLES",
    "TEMPLATE_FIELDS",
    "CitationError",
    "Evidence",
    "Locator",
    "Markup",
    "QuoteStyle",
    "TemplateError",
    "UnknownStyle",
    "cited_as_case",
    "escape_markdown",
    "evidence",
    "format_quote",
    "is_english",
    "is_group_author",
    "item_type_of",
    "locate",
    "missing_fields",
    "missing_message",
    "plain_author",
    "quote_formatter",
    "sentence_case",
    "short_cite",
    "style_names",
    "style_reads_pages",
    "style_reads_text",
    "validate_template",
]
