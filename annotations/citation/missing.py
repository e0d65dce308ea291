"""What a citation lacks: the article fields every style needs, and the command that fills them."""

from __future__ import annotations

import shlex

from annotations.citation.source import cited_as_case, item_type_of
from library.model import ArticleMeta

# (field named in messages, `margin edit` option, placeholder) in the order the message lists them.
_FIELDS = (
    ("author", "--author", "NAME"),
    ("publication", "--publication", "NAME"),
    ("publisher", "--publisher", "NAME"),
    ("URL", "--url", "URL"),
    ("date", "--published", "YYYY-MM-DD"),
)
# What each kind of work is cited by besides its author and date: a report or a book by its
# publisher (a report's institution), not a publication; works in print (a report, book, journal
# article or chapter) need no URL. An article of no known type is cited as a web article, but a
# PDF from a file as a document (`item_type_of`): by its publisher, with no URL.
_PUBLISHED_BY = frozenset({"report", "book", "document"})
_IN_PRINT = frozenset({"report", "book", "article-journal", "chapter", "document"})


def missing_fields(meta: ArticleMeta, *, date: bool = True) -> list[str]:
    """Which of the fields the article's kind of work is cited by it lacks: author, publication
    (or a report's or book's publisher), URL (not for works in print) and, unless date=False,
    date."""
    kind = meta.item_type or ("document" if item_type_of(meta) == "document" else None)
    case = cited_as_case(meta)  # cited by the case's name alone
    present = {
        "author": case or any(a.strip() for a in meta.authors),
        "publication": case or kind in _PUBLISHED_BY or bool((meta.publication or "").strip()),
        "publisher": kind not in _PUBLISHED_BY or bool((meta.publisher or "").strip()),
        "URL": case or kind in _IN_PRINT or bool((meta.url or "").strip()),
        "date": bool((meta.published or "").strip()) or not date,
    }
    return [name for name, _option, _placeholder in _FIELDS if not present[name]]


def missing_message(meta: ArticleMeta, *, date: bool = True) -> str | None:
    """One line naming what the citation lacks and the `margin edit` command that fills it.

    None when nothing is missing. For example: "citation lacks author and publication; add them
    with: margin edit boston-threatens-abc123 --author NAME --publication NAME".
    """
    missing = missing_fields(meta, date=date)
    if not missing:
        return None
    names = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    options = " ".join(f"{o} {p}" for n, o, p in _FIELDS if n in missing)
    them = "it" if len(missing) == 1 else "them"
    return f"citation lacks {names}; add {them} with: margin edit {shlex.quote(meta.id)} {options}"
