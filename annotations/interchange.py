"""Margin's own JSON for highlights: a versioned document that exports and re-imports losslessly.

Shape: {"margin": "annotations", "version": 1, "exported": ISO, "articles": [metadata...],
"annotations": [highlights...]}. Articles carry metadata only (no text, no local file paths); they
let an import find an article again by id, URL or content hash. Each highlight carries, beside
its own fields, "page" (the printed page, Kindle location or chapter it starts on in a paginated
source) and "locator" (what page counts: "page", "location", "chapter"), both null elsewhere;
an import reads neither (the offsets and words place a highlight).
"""

from __future__ import annotations

import re
from codecs import BOM_UTF8
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

from annotations.errors import AnnotationError, AnnotationExists, AnnotationNotFound
from annotations.model import Annotation, now_iso
from library.model import ArticleMeta
from library.text import strip_controls

if TYPE_CHECKING:
    from annotations.store import AnnotationStore
    from annotations.workspace import Workspace

__all__ = [
    "SCHEMA",
    "VERSION",
    "ImportReport",
    "InterchangeError",
    "dump_document",
    "highlight_record",
    "import_annotations",
    "load_document",
]

SCHEMA = "annotations"
VERSION = 1
# Local details that mean nothing on another machine (and may reveal a home folder) stay out.
_PRIVATE_META = {"source", "imported"}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
_QUOTE_FIELDS = ("quote", "prefix", "suffix", "original_quote")


class InterchangeError(AnnotationError):
    """A file is not a Margin annotations document this version can read."""


@dataclass(slots=True)
class Document:
    """A parsed Margin annotations document."""

    articles: list[ArticleMeta]
    annotations: list[Annotation]
    exported: str = ""


def highlight_record(
    annotation: Annotation, pages: Mapping[str, tuple[str, str]] | None = None
) -> dict[str, Any]:
    """A highlight as exported and as `margin annotations --json` prints it: its fields, then
    "page" and "locator" from pages (by id: the label of the page it starts on and what the
    label counts, as `ExportOptions.pages` holds them), null when it is on no page."""
    found = (pages or {}).get(annotation.id)
    label, kind = found if found is not None and found[0] else (None, None)
    return {**annotation.to_dict(), "page": label, "locator": kind}


def dump_document(
    groups: Sequence[tuple[ArticleMeta, Sequence[Annotation]]],
    *,
    exported: str | None = None,
    pages: Mapping[str, tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """The JSON-ready document for groups of (article, highlights), each highlight with its page
    from pages (`highlight_record`)."""
    articles = []
    annotations = []
    for meta, anns in groups:
        data = meta.to_dict()  # metadata fields only, also for a full Article
        articles.append({k: v for k, v in data.items() if k not in _PRIVATE_META})
        ordered = sorted(anns, key=lambda a: (a.start, a.id))
        annotations += [highlight_record(a, pages) for a in ordered]
    return {
        "margin": SCHEMA,
        "version": VERSION,
        "exported": exported or now_iso(),
        "articles": articles,
        "annotations": annotations,
    }


def load_document(data: bytes | str | dict[str, Any], name: str = "input") -> Document:
    """Parse and validate a document; errors name the file and what is wrong."""
    if isinstance(data, bytes | str):
        # A UTF-8 byte order mark (an editor's) is not JSON: orjson refuses it.
        data = (
            data.removeprefix(BOM_UTF8) if isinstance(data, bytes) else data.removeprefix("\ufeff")
        )
        try:
            raw = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise InterchangeError(f"{name}: not valid JSON ({exc})") from exc
    else:
        raw = data
    if not isinstance(raw, dict) or raw.get("margin") != SCHEMA:
        raise InterchangeError(
            f"{name}: not a Margin annotations file (export one with `margin export --format json`)"
        )
    version = raw.get("version")
    if version != VERSION:
        raise InterchangeError(
            f"{name}: annotations file version {version!r}; this Margin reads version {VERSION}"
        )
    articles_raw = raw.get("articles", [])
    annotations_raw = raw.get("annotations")
    if not isinstance(articles_raw, list) or not isinstance(annotations_raw, list):
        raise InterchangeError(f"{name}: 'articles' and 'annotations' must be lists")
    articles = []
    for i, item in enumerate(articles_raw):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise InterchangeError(f"{name}: articles[{i}] needs an id")
        meta = ArticleMeta.meta_from_dict({**item, "title": str(item.get("title") or "")})
        articles.append(meta)
    annotations = [_annotation(name, i, item) for i, item in enumerate(annotations_raw)]
    return Document(articles, annotations, str(raw.get("exported") or ""))


def _annotation(name: str, index: int, item: Any) -> Annotation:
    where = f"{name}: annotations[{index}]"
    if not isinstance(item, dict):
        raise InterchangeError(f"{where} is not an object")
    for key, kind in (("id", str), ("article", str), ("quote", str), ("start", int), ("end", int)):
        if not isinstance(item.get(key), kind) or isinstance(item.get(key), bool):
            raise InterchangeError(f"{where}: '{key}' is missing or not a {kind.__name__}")
    if not _ID.match(item["id"]):
        raise InterchangeError(f"{where}: id {item['id']!r} is not a valid highlight id")
    if not 0 <= item["start"] <= item["end"]:
        raise InterchangeError(f"{where}: start and end must satisfy 0 <= start <= end")
    if not isinstance(item.get("tags", []), list) or not all(
        isinstance(t, str) for t in item.get("tags", [])
    ):
        raise InterchangeError(f"{where}: 'tags' must be a list of strings")
    for key in ("prefix", "suffix", "note"):
        if not isinstance(item.get(key, ""), str):
            raise InterchangeError(f"{where}: '{key}' must be a string")
    for key in ("stance", "speaker", "original_quote"):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise InterchangeError(f"{where}: '{key}' must be a string or null")
    # The model cleans stance, speaker and note; the quote and its context must match the article's
    # canonical text, which has no control characters, so removing them loses nothing.
    texts = {k: strip_controls(v) for k in _QUOTE_FIELDS if isinstance(v := item.get(k), str)}
    try:
        return Annotation.from_dict({**item, **texts})
    except TypeError as exc:
        raise InterchangeError(f"{where}: {exc}") from exc


@dataclass(slots=True)
class ImportReport:
    """What an import did, highlight by highlight."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_newer: int = 0  # differs from the file's copy, but the local one was modified later
    reanchored: int = 0  # found at another place because the article's text differs
    orphaned: int = 0  # their words are no longer in the article; kept, marked orphaned
    deleted: int = 0  # deleted in this library; left deleted (restore them with undo)
    skipped: list[str] = field(default_factory=list)  # one line per article not in the library

    def lines(self) -> list[str]:
        """A human summary: the counts, then one line per skipped article."""
        head = f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.kept_newer:
            head += f", {self.kept_newer} kept (local copy newer)"
        head += f" ({self.reanchored} re-anchored, {self.orphaned} orphaned)"
        if self.deleted:
            head += f"; {self.deleted} left deleted"
        return [head, *self.skipped]

    @property
    def handled(self) -> int:
        """How many highlights of the file matched an article of the library."""
        return self.added + self.updated + self.unchanged + self.kept_newer + self.deleted


def _same(a: Annotation, b: Annotation) -> bool:
    return a.to_dict() == b.to_dict()


def _find_article(workspace: Workspace, meta: ArticleMeta | None, article_id: str) -> str | None:
    """The local id of an article: the same id, else the same URL, else the same content."""
    library = workspace.library
    if library.has(article_id):
        return article_id
    if meta is None:
        return None
    if meta.content_hash:
        found = library.by_hash(meta.content_hash)
        if found is not None:
            return found.id
    if meta.url:
        for local in library.catalog():
            if local.url and local.url == meta.url:
                return local.id
    return None


def _anchor(ann: Annotation, text: str) -> tuple[Annotation, str]:
    """ann placed on this library's text of its article: ("kept" | "reanchored" | "orphaned")."""
    if not ann.orphaned and text[ann.start : ann.end] == ann.quote:
        return ann, "kept"
    from annotations.anchoring import reanchor

    placed = reanchor(ann, text)
    placed.modified = ann.modified  # moving a highlight is not an edit: newer-wins stays fair
    return placed, "orphaned" if placed.orphaned else "reanchored"


def _stored(store: AnnotationStore, ident: str) -> Annotation | None:
    try:
        found = store.get(ident)
    except AnnotationNotFound:
        return None
    return found if found.id == ident else None


def import_annotations(
    workspace: Workspace, data: bytes | str | dict[str, Any], name: str = "input"
) -> ImportReport:
    """Import a Margin annotations document: match highlights by id, re-anchor by quote.

    An existing highlight is replaced only when the file's copy was modified later, so importing
    the same file twice changes nothing. Highlights of articles the library does not have are
    skipped with a report line naming the article: the rest still imports, and importing the
    article then re-running the same file completes the job without duplicates.
    """
    document = load_document(data, name)
    metas = {m.id: m for m in document.articles}
    store = workspace.store
    report = ImportReport()
    missing: dict[str, int] = {}
    texts: dict[str, str] = {}
    for incoming in document.annotations:
        local_id = _find_article(workspace, metas.get(incoming.article), incoming.article)
        if local_id is None:
            missing[incoming.article] = missing.get(incoming.article, 0) + 1
            continue
        if local_id not in texts:
            texts[local_id] = workspace.library.get(local_id).text
        if local_id != incoming.article:
            incoming = incoming.changed(article=local_id, modified=incoming.modified)
        placed, how = _anchor(incoming, texts[local_id])
        existing = _stored(store, placed.id)
        if existing is not None and _same(existing, placed):
            report.unchanged += 1
            continue
        if existing is not None and placed.modified <= existing.modified:
            report.kept_newer += 1
            continue
        if how == "reanchored":
            report.reanchored += 1
        elif how == "orphaned":
            report.orphaned += 1
        if existing is None:
            try:
                store.add(placed)
            except AnnotationExists:
                report.deleted += 1  # deleted here on purpose: an import does not resurrect it
                continue
            report.added += 1
        else:
            store.update(placed)
            report.updated += 1
    for article_id, count in missing.items():
        meta = metas.get(article_id)
        title = f" “{meta.title}”" if meta and meta.title else ""
        url = f" ({meta.url})" if meta and meta.url else ""
        report.skipped.append(
            f"skipped {count} highlight{'s' if count != 1 else ''} of {article_id}{title}{url}:"
            " not in the library; import the article, then import this file again"
        )
    return report
