"""The registry of built-in styles and the one entry point that formats a highlight in any style."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from annotations.citation import apa, card, chicago, mla, plain
from annotations.citation.errors import CitationError, UnknownStyle
from annotations.citation.markup import MARKUPS, Markup
from annotations.citation.source import (
    QuoteStyle,
    Source,
    article_fields,
    build_source,
    source_of,
)
from annotations.citation.template import render_template
from annotations.model import Annotation
from library.config import Config
from library.model import ArticleMeta

# Adding a style is one module with a STYLE and one line here.
STYLES: dict[str, QuoteStyle] = {
    s.name: s for s in (plain.STYLE, mla.STYLE, apa.STYLE, chicago.STYLE, card.STYLE)
}


def style_names(config: Config | None = None) -> list[str]:
    """Every usable style: the built-in ones, then the config's templates."""
    names = list(STYLES)
    if config is not None:
        names += [t for t in config.templates if t not in STYLES]
    return names


def format_quote(
    annotation: Annotation,
    article: ArticleMeta,
    style: str,
    *,
    config: Config | None = None,
    accessed: date | None = None,
    markup: Markup = "text",
    context_text: str | None = None,
) -> str:
    """A highlight as a quote with its citation in style ("plain", "mla", … or a config template).

    Pass the full `Article` (or its canonical text as context_text) so that the card can show the
    paragraph around the highlight and APA can give its paragraph number; metadata alone also works.
    Raises UnknownStyle (listing the choices) or TemplateError (naming the field).
    """
    render = _renderer(style, config, markup)
    return render(build_source(annotation, article, accessed, markup, context_text))


def quote_formatter(
    article: ArticleMeta,
    style: str,
    *,
    config: Config | None = None,
    accessed: date | None = None,
    markup: Markup = "text",
    context_text: str | None = None,
) -> Callable[[Annotation], str]:
    """format_quote for the highlights of one article: the article's fields are cleaned once
    for all of them (the article must not change meanwhile). Raises as format_quote does, the
    style's errors at once."""
    render = _renderer(style, config, markup)
    fields = article_fields(article, accessed, markup, context_text)
    builtin = STYLES.get(style.strip().casefold())
    if builtin is not None and builtin.prepare is not None and render is builtin.render:
        return builtin.prepare(article, fields)
    return lambda annotation: render(source_of(annotation, article, fields))


def style_reads_text(style: str, config: Config | None = None) -> bool:
    """Whether quotes in style need the article's text (a template may ask for anything)."""
    key = style.strip()
    if config is not None and key in config.templates:
        return True
    builtin = STYLES.get(key.casefold())
    return builtin is None or builtin.reads_text


def style_reads_pages(style: str, config: Config | None = None) -> bool:
    """Whether quotes in style cite the page(s) of a highlight in a paginated article, so
    that the pages of such an article must be read even when its text is not needed."""
    builtin = STYLES.get(style.strip().casefold())
    return style_reads_text(style, config) or (builtin is not None and builtin.reads_pages)


def _renderer(style: str, config: Config | None, markup: Markup) -> Callable[[Source], str]:
    """The renderer of style (a config template, else a built-in style)."""
    if markup not in MARKUPS:
        raise CitationError(f"unknown markup {markup!r}; choose one of: {', '.join(MARKUPS)}")
    key = style.strip()
    templates = config.templates if config is not None else {}
    if key in templates:
        template = templates[key]
        return lambda src: render_template(key, template, src)
    builtin = STYLES.get(key.casefold())
    if builtin is None:
        raise UnknownStyle(style, style_names(config))
    return builtin.render
