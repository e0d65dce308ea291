"""Search across a workspace: articles (text, title, authors, tags) and highlights (notes, tags).

A thin layer over `library.search`: it feeds the index the highlights from the annotation store,
checks stances against the configured vocabulary, and brings the index up to date before each
search, so results are never older than the files.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import AnnotationError
from library.errors import LockHeld
from library.search import (
    DEFAULT_LIMIT,
    Hit,
    NoteLike,
    Query,
    QueryError,
    SearchError,
    SearchIndex,
    SyncReport,
    parse_query,
    scan_stamps,
)

if TYPE_CHECKING:
    from annotations.workspace import Workspace

__all__ = ["LibrarySearch", "QueryError", "SearchResults", "StoreNotes"]


class StoreNotes:
    """The annotation store as the index's source of highlights (one file per article)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.problems: list[str] = []

    @property
    def folder(self) -> Path:
        """Where the highlight files are."""
        return self.workspace.store.root

    def scan(self) -> dict[str, str]:
        """The stamp of each article's highlights file, by article id."""
        return {name[:-5]: stamp for name, stamp in scan_stamps(self.folder, ".json").items()}

    def stat(self, article_id: str) -> os.stat_result | None:
        """One article's highlight file, stat-ed; None when it has none."""
        try:
            return os.stat(self.workspace.store.shard_path(article_id))
        except (OSError, AnnotationError):
            return None

    def load(self, article_id: str) -> Sequence[NoteLike] | None:
        """An article's live highlights; None (try again later) when the file cannot be read."""
        try:
            found = self.workspace.store.for_article(article_id)
        except AnnotationError as exc:
            self.problems.append(str(exc))
            return None
        # An orphaned highlight's quote is no longer in the article: its note and tags are
        # still found, its former words are not handed out as a quotation.
        return [replace(a, quote="") if a.orphaned else a for a in found]


@dataclass(slots=True)
class SearchResults:
    """The best hits of a query, how many there are in all, and what refreshing the index did."""

    query: Query
    hits: list[Hit]
    total: int
    sync: SyncReport


class LibrarySearch:
    """Full-text search over one workspace, with the index under `<library>/.index/`."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.notes = StoreNotes(workspace)
        library = workspace.library
        self.index = SearchIndex(library.index_dir, library.articles_dir, self.notes)

    def needs_build(self) -> bool:
        """Whether the next search must build the whole index first (it is missing or unusable)."""
        return not self.index.exists()

    def parse(self, text: str) -> Query:
        """Parse a query (QueryError when it is malformed)."""
        return parse_query(text)

    def search(self, text: str, limit: int = DEFAULT_LIMIT) -> SearchResults:
        """The best hits for a query, best first, after bringing the index up to date."""
        query = parse_query(text)
        if limit < 1:
            raise QueryError("the limit must be at least 1")
        report = self.refresh()
        self._check_stances(query)
        hits = self.index.search(query, limit)
        total = self.index.count(query) if len(hits) == limit else len(hits)
        return SearchResults(query, hits, total, report)

    def refresh(self) -> SyncReport:
        """Re-read only the article and highlight files that changed; build when missing."""
        self.notes.problems.clear()
        report = self.index.sync()
        report.problems.extend(self.notes.problems)
        return report

    def reindex(self) -> SyncReport:
        """Rebuild the whole index from the files (`margin reindex`)."""
        self.notes.problems.clear()
        report = self.index.rebuild()
        report.problems.extend(self.notes.problems)
        return report

    # -- hooks: keep an existing index in step; never fail the change that called them -----------
    def article_changed(self, article_id: str) -> None:
        """An article was imported, re-imported, edited or restored: re-read it and its notes."""
        file = self.workspace.library.path_of(article_id).name
        with _best_effort():
            self.index.update_article(article_id, file)

    def articles_changed(self, article_ids: Sequence[str]) -> None:
        """`article_changed` for several articles, in one write of the index (a batch of an
        import)."""
        path_of = self.workspace.library.path_of
        with _best_effort():
            self.index.update_articles([(a, path_of(a).name) for a in article_ids])

    def article_removed(self, article_id: str) -> None:
        """An article left the library (the trash): drop it and its highlights."""
        with _best_effort():
            self.index.remove_article(article_id)

    def notes_changed(self, article_id: str) -> None:
        """An article's highlights were added, changed or deleted: re-read them."""
        with _best_effort():
            self.index.update_notes(article_id)

    def _check_stances(self, query: Query) -> None:
        if not query.stances:
            return
        known = {s.name.casefold(): s.name for s in self.workspace.config.stances}
        in_use = self.index.stances()
        for stance in query.stances:
            if stance not in known and stance not in in_use:
                names = ", ".join(known.values()) or "none configured"
                raise QueryError(f"unknown stance '{stance}'; choose from {names}")


def _best_effort() -> contextlib.suppress:
    """Index upkeep after a change may fail quietly: the next search sees the new stamps anyway."""
    return contextlib.suppress(sqlite3.Error, OSError, SearchError, LockHeld)
