"""User templates from the config: `{quote}` and the other fields, checked before rendering."""

from __future__ import annotations

import string
from datetime import date

from annotations.citation.card import short_cite
from annotations.citation.errors import TemplateError
from annotations.citation.names import join_and
from annotations.citation.quotes import run_in
from annotations.citation.source import Source, clean
from library.dates import PartialDate

TEMPLATE_FIELDS: dict[str, str] = {
    "quote": "the highlighted words, exactly",
    "speaker": "who said it: the highlight's speaker, else the authors",
    "title": "the article's title",
    "authors": "all authors, “A, B, and C”",
    "author": "the first author",
    "publication": "the publication",
    "published": "publication date; {published:%d %B %Y} formats it; n.d. when unknown",
    "url": "the article's URL",
    "note": "your note",
    "tags": "your tags, comma-separated",
    "stance": "the stance",
    "accessed": "today's date; {accessed:%d %B %Y} formats it",
    "article": "the article's id",
    "id": "the highlight's id",
    "cite": "the debate short cite (Menino 11; Menino 11, p. 12 in a paginated source)",
    "page": "the page(s) of a paginated source: 12, 12–13, or ch. 3; empty otherwise",
}


def validate_template(name: str, template: str) -> list[str]:
    """The field names a template uses; raises TemplateError for a malformed or unknown one."""
    used: list[str] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise TemplateError(name, "", f"{exc} (write {{{{ and }}}} for literal braces)") from exc
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field == "" or field.isdigit():
            raise TemplateError(name, field, "a field needs a name, e.g. {quote}")
        if field not in TEMPLATE_FIELDS:
            known = ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
            raise TemplateError(name, field, f"unknown field {{{field}}}; fields are: {known}")
        if conversion:
            raise TemplateError(
                name, field, f"{{{field}!{conversion}}}: conversions are not allowed"
            )
        if spec and "{" in spec:
            raise TemplateError(name, field, f"{{{field}}}: nested fields are not allowed")
        used.append(field)
    return used


def _values(src: Source) -> dict[str, str | PartialDate | date | None]:
    ann = src.annotation
    natural = [n.natural for n in src.names]
    published = src.published.iso() if src.published else None
    return {
        "quote": run_in(src.quote),
        "speaker": src.speaker or join_and(natural),
        "title": src.title,
        "authors": join_and(natural),
        "author": natural[0] if natural else "",
        "publication": src.publication,
        "published": src.published,
        "url": src.url,
        "note": clean(ann.note),
        "tags": ", ".join(clean(t) for t in ann.tags),
        "stance": clean(ann.stance),
        "accessed": src.accessed,
        "article": clean(ann.article),
        "id": clean(ann.id),
        "cite": short_cite(src.authors, src.publication, src.title, published, src.locator),
        "page": _page(src),
    }


def _page(src: Source) -> str:
    where = src.locator
    if where is None:
        return ""
    labels = where.labels("apa")
    return f"ch. {labels}" if where.kind == "chapter" else labels


def render_template(name: str, template: str, src: Source) -> str:
    """The template filled in from src, each value escaped for the markup."""
    validate_template(name, template)
    values = _values(src)
    out: list[str] = []
    for literal, field, spec, _conversion in string.Formatter().parse(template):
        out.append(literal)
        if field is None:
            continue
        value = values[field]
        if isinstance(value, PartialDate):
            full = value.as_date()
            if spec and full is not None:
                shown = full.strftime(spec)
            elif spec:
                shown = str(value.year)  # a partial date cannot fill %d or %B
            else:
                shown = value.iso()
        elif isinstance(value, date):
            shown = value.strftime(spec) if spec else value.isoformat()
        elif value is None:
            shown = "n.d." if field == "published" else ""
        else:
            try:
                shown = format(value, spec or "")
            except ValueError as exc:
                raise TemplateError(name, field, f"{{{field}:{spec}}}: {exc}") from exc
        out.append(src.m.esc(shown))
    return "".join(out)
