"""A library and its annotations together: the one object the CLI and the reader talk to.

`Workspace` holds the parts (articles, highlights store, search index, reading state), opened on
first use, and the use cases in groups: `articles`, `highlights`, `quotes`, `exports`, `search`,
`reading`, `briefs` and `doctor`. Front ends call the groups; the parts are for the groups
themselves, tests and scripts (import-linter keeps `tui/` away from the stores).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import UnknownStance
from library.config import Config
from library.store import Library

if TYPE_CHECKING:
    from annotations.highlighttable import HighlightTable
    from annotations.search import LibrarySearch
    from annotations.store import AnnotationStore
    from annotations.workspace.articles import Articles
    from annotations.workspace.briefing import Briefs
    from annotations.workspace.changes import ChangeFeed
    from annotations.workspace.doctor import Doctor
    from annotations.workspace.exporting import Exports
    from annotations.workspace.highlights import Highlights
    from annotations.workspace.importing import ForeignImports
    from annotations.workspace.quoting import Quotes
    from annotations.workspace.reading import Reading
    from annotations.workspace.searching import Search
    from library.state import ReadingState


@dataclass(eq=False)
class Workspace:
    """One library folder: articles, annotations and reading state, with every use case."""

    root: Path
    config: Config = field(default_factory=Config)
    _library: Library | None = field(default=None, init=False, repr=False)
    _store: AnnotationStore | None = field(default=None, init=False, repr=False)
    _search: LibrarySearch | None = field(default=None, init=False, repr=False)
    _state: ReadingState | None = field(default=None, init=False, repr=False)
    # The parts open on first use, possibly from several threads (the reader's workers).
    _opening: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False)
    _notices: list[str] = field(default_factory=list, init=False, repr=False)

    # -- the use cases -----------------------------------------------------------------------------
    @cached_property
    def imports(self) -> ForeignImports:
        """Import other tools' exports: highlights, books of clippings, lists of links."""
        from annotations.workspace.importing import ForeignImports

        return ForeignImports(self)

    @cached_property
    def articles(self) -> Articles:
        """Import, list, edit, remove and restore articles."""
        from annotations.workspace.articles import Articles

        return Articles(self)

    @cached_property
    def highlights(self) -> Highlights:
        """Create, change, delete, restore, undo and redo highlights; list them."""
        from annotations.workspace.highlights import Highlights

        return Highlights(self)

    @cached_property
    def quotes(self) -> Quotes:
        """Format a highlight as a quote with its citation; copy it."""
        from annotations.workspace.quoting import Quotes

        return Quotes(self)

    @cached_property
    def exports(self) -> Exports:
        """Export a scope of highlights in a format."""
        from annotations.workspace.exporting import Exports

        return Exports(self)

    @cached_property
    def search(self) -> Search:
        """Full-text search over articles and highlights."""
        from annotations.workspace.searching import Search

        return Search(self)

    @cached_property
    def reading(self) -> Reading:
        """Open an article to read; reading positions and the last article."""
        from annotations.workspace.reading import Reading

        return Reading(self)

    @cached_property
    def briefs(self) -> Briefs:
        """The brief board: highlights by tag and stance, reordered by hand, exported."""
        from annotations.workspace.briefing import Briefs

        return Briefs(self)

    @cached_property
    def doctor(self) -> Doctor:
        """Check the library's files; repair what is safe (`margin doctor [--fix]`)."""
        from annotations.workspace.doctor import Doctor

        return Doctor(self)

    @cached_property
    def highlight_table(self) -> HighlightTable:
        """Every live highlight in one table (`.index/highlights.db`, a cache kept true to the
        highlights files by their stamps): library-wide queries decode only what they return."""
        from annotations.highlighttable import FILE_NAME, HighlightTable

        return HighlightTable(self.store, self.library.index_dir / FILE_NAME)

    def changes(self) -> ChangeFeed:
        """A feed of what other processes change in this library (articles and highlights)."""
        from annotations.workspace.changes import ChangeFeed

        return ChangeFeed(self)

    # -- the parts ---------------------------------------------------------------------------------
    @property
    def library(self) -> Library:
        """The articles."""
        with self._opening:
            if self._library is None:
                limits = self.config.limits  # size, front-matter expansion, URL deadline
                self._library = Library(self.root, max_bytes=limits.max_bytes, limits=limits)
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

    @property
    def state(self) -> ReadingState:
        """Reading positions and the last open article (`state.json`)."""
        with self._opening:
            if self._state is None:
                from library.state import ReadingState

                self._state = ReadingState(self.root / "state.json", on_recovery=self._notice)
            return self._state

    @property
    def search_index(self) -> LibrarySearch:
        """Full-text search over articles and highlights; the index is kept in `.index/`."""
        with self._opening:
            if self._search is None:
                from annotations.search import LibrarySearch

                self._search = LibrarySearch(self)
            return self._search

    # -- what went wrong on the way ----------------------------------------------------------------
    def _notice(self, message: str) -> None:
        self._notices.append(message)

    def forget_notice(self, message: str) -> None:
        """Drop a notice already shown another way (e.g. as a doctor finding)."""
        with contextlib.suppress(ValueError):
            self._notices.remove(message)

    def notices(self) -> list[str]:
        """Repairs and skipped files met so far, one line each (shown once, then forgotten)."""
        found = list(self._notices)
        self._notices.clear()
        store = self._store
        if store is not None:
            found += [m for m in [*store.recoveries, *store.problems] if m not in found]
            store.recoveries.clear()
            store.problems.clear()
        return found

    def follow_repairs(self, callback: Callable[[str], None]) -> list[str]:
        """Send later repairs of damaged files to callback; returns the ones made so far."""
        return self.store.follow_recoveries(callback)

    # -- stances -----------------------------------------------------------------------------------
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

    def close(self) -> None:
        """Bring caches up to date (skipping this loses nothing)."""
        if self._store is not None:
            self._store.close()
