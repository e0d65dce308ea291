"""The articles in scope as bibliography records, each with a stable citation key.

CSL-JSON and BibTeX both render these. A key depends only on its article (first author's
family name, year, first title word), so re-exporting never breaks a manuscript's citations;
articles whose keys would clash in one export each get a short hash of their id added.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from annotations.citation import item_type_of
from annotations.export.base import ExportGroup, ExportOptions, clean
from annotations.export.names import Name, parse_name
from library.model import Article, ArticleMeta

DateParts = tuple[int, ...]  # (year,), (year, month) or (year, month, day)

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WEB_URL = re.compile(r"(?i)https?://[^\s<>\"{}|\\^`]+")
_SMALL_WORDS = frozenset({
    "a", "an", "the", "of", "on", "in", "to", "for", "and", "or", "at", "by", "with", "from",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reference:
    """One article as a reference manager sees it."""

    key: str
    type: str  # a CSL item type: the article's (library.model.ITEM_TYPES), else `item_type_of`
    title: str
    authors: tuple[Name, ...]
    container: str  # the publication: newspaper, magazine, blog, journal, website or book
    section: str
    issued: DateParts | None
    accessed: DateParts | None  # only with a URL: an access date cites a web address
    url: str
    article_id: str
    language: str = ""  # BCP 47
    publisher: str = ""  # a book's publisher, a report's institution
    number: str = ""  # a report's number
    volume: str = ""
    issue: str = ""
    pages: str = ""  # the page range of a journal article or chapter: "341–360"
    doi: str = ""
    isbn: str = ""
    editors: tuple[Name, ...] = ()
    text: str | None = None  # the article's text, to tell its proper nouns (BibTeX braces them)
    subtitle: str = ""


def references(groups: Sequence[ExportGroup], options: ExportOptions) -> list[Reference]:
    """A record per article in the export, in export order, with keys unique among them."""
    metas = list({meta.id: meta for meta, _anns in groups}.values())
    bases = [_base_key(meta) for meta in metas]
    keys = _unique(bases, [meta.id for meta in metas])
    accessed = options.accessed or date.today()
    return [_reference(meta, key, accessed) for meta, key in zip(metas, keys, strict=True)]


def _reference(meta: ArticleMeta, key: str, accessed: date) -> Reference:
    url = clean(meta.url)
    url = url if _WEB_URL.fullmatch(url) else ""  # nothing a PDF or Zotero would run
    publication = clean(meta.publication)
    doi = re.sub(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", clean(meta.doi))
    return Reference(
        key=key,
        type=item_type_of(meta),
        title=clean(meta.title),
        authors=_names(meta.authors),
        container=publication,
        section=clean(meta.section),
        issued=date_parts(meta.published),
        accessed=(accessed.year, accessed.month, accessed.day) if url else None,
        url=url,
        article_id=meta.id,
        language=clean(meta.language),
        publisher=clean(meta.publisher),
        number=clean(meta.number),
        volume=clean(meta.volume),
        issue=clean(meta.issue),
        pages=clean(meta.page_range),
        doi=doi,
        isbn=clean(meta.isbn),
        editors=_names(meta.editors),
        text=meta.text if isinstance(meta, Article) else None,
        subtitle=clean(meta.subtitle),
    )


def _names(values: Sequence[str]) -> tuple[Name, ...]:
    return tuple(n for n in (parse_name(a) for a in values) if n.family or n.literal)


def date_parts(value: str | None) -> DateParts | None:
    """The year, month and day an ISO date gives, as far as it gives them."""
    found = _DATE.match(clean(value))
    if found is None:
        return None
    return tuple(int(part) for part in found.groups() if part is not None)


def _ascii_word(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.casefold())


def _words(value: str) -> list[str]:
    return [w for w in (_ascii_word(w) for w in value.split()) if w]


def _base_key(meta: ArticleMeta) -> str:
    """whitcombe2026traders: who, year ("nd" when undated), the title's first significant word.

    An organisation is its first two significant words (associatedpress); with no author,
    the title gives two words.
    """
    names = [n for n in (parse_name(a) for a in meta.authors) if n.family or n.literal]
    who = ""
    if names:
        first = names[0]
        if first.family:
            who = "".join(_words(first.family))
        else:
            who = "".join([w for w in _words(first.literal) if w not in _SMALL_WORDS][:2])
    parts = date_parts(meta.published)
    year = str(parts[0]) if parts else "nd"  # undated: "n.d." as the styles print it
    title = [w for w in _words(clean(meta.title)) if w not in _SMALL_WORDS]
    words = "".join(title[: 1 if who else 2])
    return who + year + words if who or words else "ref"


def _unique(bases: list[str], ids: list[str]) -> list[str]:
    """Keys that clash in this export get -hash of their article id, long enough to differ."""
    counts = Counter(bases)
    keys = []
    for base, article_id in zip(bases, ids, strict=True):
        keys.append(base if counts[base] == 1 else f"{base}-{_digest(article_id)[:4]}")
    size = 4
    while len(set(keys)) < len(keys) and size < 40:
        size += 2
        keys = [
            k if counts[b] == 1 else f"{b}-{_digest(i)[:size]}"
            for k, b, i in zip(keys, bases, ids, strict=True)
        ]
    return keys


def _digest(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8"), usedforsecurity=False).hexdigest()
