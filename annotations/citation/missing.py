"""What a citation lacks: the article fields every style needs, and the command that fills them."""

from __future__ import annotations

import shlex

from library.model import ArticleMeta

# (field named in messages, `margin edit` option, placeholder) in the order the message lists them.
_FIELDS = (
    ("author", "--author", "NAME"),
    ("publication", "--publication", "NAME"),
    ("URL", "--url", "URL"),
    ("date", "--published", "YYYY-MM-DD"),
)


def missing_fields(meta: ArticleMeta, *, date: bool = True) -> list[str]:
    """Which of author, publication, URL and (unless date=False) date the article lacks."""
    present = {
        "author": any(a.strip() for a in meta.authors),
        "publication": bool((meta.publication or "").strip()),
        "URL": bool((meta.url or "").strip()),
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
