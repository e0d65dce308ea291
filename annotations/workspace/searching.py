"""Search use cases: full-text search over articles and highlights, and rebuilding the index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from library.search import Query, QueryError, SyncReport
from library.searchtext import Hit

if TYPE_CHECKING:
    from annotations.search import SearchResults
    from annotations.workspace.core import Workspace

__all__ = ["Hit", "Query", "QueryError", "Search", "SearchResults", "SyncReport"]

DEFAULT_LIMIT = 20


class Search:
    """Searching a workspace (the index lives in `<library>/.index/`, a cache of the files)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def parse(self, text: str) -> Query:
        """Check a query; QueryError says what is malformed."""
        return self.workspace.search_index.parse(text)

    def needs_build(self) -> bool:
        """Whether the next search builds the whole index first (worth telling the user)."""
        return self.workspace.search_index.needs_build()

    def run(self, text: str, limit: int = DEFAULT_LIMIT) -> SearchResults:
        """The best hits, best first, after re-reading only the files that changed.

        A hit on a highlight shows its words as the article has them now: the articles of such
        hits are checked (see Highlights.check), and when some highlights had to be re-anchored
        (so re-indexed), the search runs again.
        """
        index = self.workspace.search_index
        results = index.search(text, limit)
        noted = {hit.article for hit in results.hits if hit.annotation is not None}
        if noted and self.workspace.highlights.check(noted):
            results = index.search(text, limit)
        return results

    def reindex(self) -> SyncReport:
        """Rebuild the index from the article and highlight files."""
        return self.workspace.search_index.reindex()
