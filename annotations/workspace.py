"""A library and its annotations together: the one object the CLI and the TUI talk to.

Keeps the cross-cutting rules in one place: re-importing an article re-anchors its highlights,
removing an article moves its highlights to the trash with it, and restoring brings both back.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import AnnotationExists, UnknownStance
from annotations.model import Annotation
from library.config import Config
from library.model import Article
from library.store import ImportResult, Library, TrashEntry

TRASHED_ANNOTATIONS = "annotations.json"  # an article's highlights, in its trash folder

if TYPE_CHECKING:
    from annotations.search import LibrarySearch
    from annotations.store import AnnotationStore, ReanchorReport


class DuplicateHighlight(AnnotationExists):
    """The same span of the article is highlighted already; the message names that highlight."""

    def __init__(self, existing: Annotation) -> None:
        self.existing = existing
        super().__init__(
            f"that passage is highlighted already (highlight {existing.id}); "
            f"change it with `margin annotate {existing.id[:8]}`"
        )


@dataclass
class Workspace:
    """One library folder: articles, annotations and reading state."""

    root: Path
    config: Config = field(default_factory=Config)
    _library: Library | None = field(default=None, init=False, repr=False)
    _store: AnnotationStore | None = field(default=None, init=False, repr=False)
    _search: LibrarySearch | None = field(default=None, init=False, repr=False)
    # The parts open on first use, possibly from several threads (the reader's workers).
    _opening: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False)

    @property
    def library(self) -> Library:
        """The articles."""
        with self._opening:
            if self._library is None:
                max_bytes = int(self.config.max_size_mb * 1_000_000)
                self._library = Library(self.root, max_bytes=max_bytes)
            return self._library

    @property
    def store(self) -> AnnotationStore:
        """The highlights (opened on first use)."""
        with self._opening:
            if self._store is None:
                from annotations.store import AnnotationStore

                self._store = AnnotationStore(self.root / "annotations")
            return self._store

    @property
    def opened_store(self) -> AnnotationStore | None:
        """The highlights store if something has used it yet, else None (this opens nothing)."""
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

    def stance_filter(
        self, name: str | None, *, deleted: bool = False, article_id: str | None = None
    ) -> str | None:
        """A stance to filter highlights by, as a case-folded key; "none" means no stance.

        A name outside the vocabulary raises UnknownStance listing the choices, unless a stored
        highlight (a deleted one too, with deleted) still carries it: renamed stances stay usable.
        """
        if name is None:
            return None
        wanted = name.strip().casefold() or "none"
        if wanted == "none" or self.config.stance(wanted) is not None:
            return wanted
        in_use = {s.casefold() for c in self.store.stance_counts().values() for s in c if s}
        if deleted:
            in_use.update((a.stance or "").casefold() for a in self.store.deleted(article_id))
        if wanted not in in_use:
            raise UnknownStance(name.strip(), self.config.stance_names)
        return wanted

    def duplicate_of(self, article_id: str, start: int, end: int) -> Annotation | None:
        """The live, placed highlight of an article on exactly [start, end), if there is one."""
        return next(
            (
                a
                for a in self.store.for_article(article_id)
                if not a.orphaned and a.start == start and a.end == end
            ),
            None,
        )

    def add_highlight(self, annotation: Annotation) -> Annotation:
        """Store a new highlight; DuplicateHighlight when its exact span is highlighted already."""
        existing = self.duplicate_of(annotation.article, annotation.start, annotation.end)
        if existing is not None and existing.id != annotation.id:
            raise DuplicateHighlight(existing)
        return self.store.add(annotation)

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
        approximately; prefix, suffix and near tell repeated quotes apart. A span that is
        highlighted already raises DuplicateHighlight.
        """
        from annotations.anchoring import anchor_range, find_quote

        text = self.library.get(article_id).text
        if span is not None:
            start, end = anchor_range(text, *span)
        else:
            match = find_quote(text, quote or "", prefix=prefix, suffix=suffix, near=near)
            start, end = match.start, match.end
        existing = self.duplicate_of(article_id, start, end)
        if existing is not None:
            raise DuplicateHighlight(existing)
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
        # The store's lock keeps saves in other processes from rewriting the file being moved.
        with self.store.locked_article(article_id) as shard:
            entry = self.library.remove(article_id, {TRASHED_ANNOTATIONS: shard})
        self.search_index.article_removed(article_id)  # search: keep the index in step
        return entry

    def restore_article(self, ref: str | None) -> TrashEntry:
        """Bring back a removed article and its highlights.

        Highlights saved for the article while it was in the trash (by a process that still had
        it open) are merged with the restored ones rather than overwritten.
        """
        entry = self.library.trash_entry(ref)
        with self.store.locked_article(entry.id) as shard:
            stray = shard.with_name(f"{shard.name}.stray-{entry.removed.replace(':', '')}")
            if shard.exists():
                os.replace(shard, stray)
            try:
                entry = self.library.restore(entry)
            except BaseException:
                if stray.exists() and not shard.exists():
                    os.replace(stray, shard)
                raise
            if stray.exists():
                self.store.absorb(entry.id, stray)
                stray.unlink()
        self.search_index.article_changed(entry.id)  # search: keep the index in step
        return entry

    def export_groups(
        self,
        articles: list[str] | None = None,
        *,
        tags: list[str] | tuple[str, ...] = (),
        stance: str | None = None,
        since: str | None = None,
    ) -> list[tuple[Article, list[Annotation]]]:
        """Articles with their highlights passing the filters (several tags match any of them).

        A stance of "none" keeps the highlights without one. One library-wide query, then one read
        per article that has a match: exporting a filtered slice never opens every article.
        """
        wanted = set(articles) if articles is not None else None
        no_stance = stance is not None and stance.strip().casefold() in ("", "none")
        found: dict[str, dict[str, Annotation]] = {}
        filters: list[str | None] = list(tags) if tags else [None]
        for tag in filters:
            for annotation in self.store.query(
                stance=None if no_stance else stance, since=since, tag=tag
            ):
                if no_stance and annotation.stance is not None:
                    continue
                if wanted is None or annotation.article in wanted:
                    found.setdefault(annotation.article, {})[annotation.id] = annotation
        order = articles if articles is not None else sorted(found)
        groups: list[tuple[Article, list[Annotation]]] = []
        for article_id in order:
            if article_id in found:
                highlights = sorted(found[article_id].values(), key=lambda a: (a.start, a.end))
                groups.append((self.library.get(article_id), highlights))
        return groups

    # -- search (annotations/search.py) ------------------------------------------------------------
    @property
    def search_index(self) -> LibrarySearch:
        """Full-text search over articles and highlights; the index is kept in `.index/`."""
        with self._opening:
            if self._search is None:
                from annotations.search import LibrarySearch

                self._search = LibrarySearch(self)
            return self._search
