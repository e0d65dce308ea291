"""A library and its annotations together: the one object the CLI and the TUI talk to.

Keeps the cross-cutting rules in one place: re-importing an article re-anchors its highlights,
removing an article moves its highlights to the trash with it, and restoring brings both back.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import UnknownStance
from annotations.model import Annotation
from library.config import Config
from library.store import ImportResult, Library, TrashEntry

if TYPE_CHECKING:
    from annotations.search import LibrarySearch
    from annotations.store import AnnotationStore, ReanchorReport


@dataclass
class Workspace:
    """One library folder: articles, annotations and reading state."""

    root: Path
    config: Config = field(default_factory=Config)
    _library: Library | None = field(default=None, init=False, repr=False)
    _store: AnnotationStore | None = field(default=None, init=False, repr=False)
    _search: LibrarySearch | None = field(default=None, init=False, repr=False)

    @property
    def library(self) -> Library:
        """The articles."""
        if self._library is None:
            self._library = Library(self.root, max_bytes=int(self.config.max_size_mb * 1_000_000))
        return self._library

    @property
    def store(self) -> AnnotationStore:
        """The highlights (opened on first use)."""
        if self._store is None:
            from annotations.store import AnnotationStore

            self._store = AnnotationStore(self.root / "annotations")
        return self._store

    def after_import(self, result: ImportResult) -> ReanchorReport | None:
        """Re-anchor the highlights of an article whose text an import changed."""
        previous = result.previous
        report = None
        if result.status == "updated" and previous and previous.text != result.article.text:
            report = self.store.reanchor_article(result.article.id, result.article.text)
        if result.status != "unchanged":
            self.search_index.article_changed(result.article.id)  # search: keep the index in step
        return report

    def stance_name(self, name: str | None) -> str | None:
        """The configured spelling of a stance; UnknownStance (listing the choices) if absent."""
        if name is None or not name.strip() or name.strip().casefold() == "none":
            return None
        found = self.config.stance(name.strip())
        if found is None:
            raise UnknownStance(name.strip(), self.config.stance_names)
        return found.name

    def new_highlight(
        self,
        article_id: str,
        *,
        quote: str | None = None,
        prefix: str = "",
        suffix: str = "",
        near: int | None = None,
        span: tuple[int, int] | None = None,
        stance: str | None = None,
        tags: list[str] | None = None,
        note: str = "",
        speaker: str | None = None,
    ) -> Annotation:
        """A highlight on an article from a character range or a quote (not yet stored).

        The quote is found exactly, then up to whitespace, quote marks and dashes, then
        approximately; prefix, suffix and near tell repeated quotes apart.
        """
        from annotations.anchoring import anchor_range, find_quote

        text = self.library.get(article_id).text
        if span is not None:
            start, end = anchor_range(text, *span)
        else:
            match = find_quote(text, quote or "", prefix=prefix, suffix=suffix, near=near)
            start, end = match.start, match.end
        return Annotation.from_span(
            article_id,
            text,
            start,
            end,
            stance=self.stance_name(stance),
            tags=list(tags or []),
            note=note,
            speaker=(speaker or "").strip() or None,
        )

    def annotation_counts(self) -> dict[str, Counter[str | None]]:
        """Per article, how many highlights carry each stance (None: no stance)."""
        return self.store.stance_counts()

    def remove_article(self, article_id: str) -> TrashEntry:
        """Move an article and its highlights into the trash."""
        shard = self.store.shard_path(article_id)
        entry = self.library.remove(article_id, {"annotations.json": shard})
        self.store.forget(article_id)
        self.search_index.article_removed(article_id)  # search: keep the index in step
        return entry

    def restore_article(self, ref: str | None) -> TrashEntry:
        """Bring back a removed article and its highlights."""
        entry = self.library.restore(ref)
        self.store.forget(entry.id)
        self.search_index.article_changed(entry.id)  # search: keep the index in step
        return entry

    # -- search (annotations/search.py) ------------------------------------------------------------
    @property
    def search_index(self) -> LibrarySearch:
        """Full-text search over articles and highlights; the index is kept in `.index/`."""
        if self._search is None:
            from annotations.search import LibrarySearch

            self._search = LibrarySearch(self)
        return self._search
