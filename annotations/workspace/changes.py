"""What other processes changed in a library: articles added, changed or removed, and highlights.

A tick costs a few `stat` calls: the `articles/` and `annotations/` folders (every save renames a
file into one of them, which changes the folder's mtime), the open article's file and its
highlights file (an editor may rewrite a file in place). Only when one of those moved does the
feed list a folder and compare: the catalog by file stamps, the highlight files by stamp. An idle
library of 10,000 articles is never rescanned.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from library.fsutil import Stamp as FileStamp
from library.fsutil import file_stamp

if TYPE_CHECKING:
    from annotations.workspace.core import Workspace
    from library.model import ArticleMeta

Stamp = FileStamp | None


def _stamp(path: str | os.PathLike[str]) -> Stamp:
    try:
        return file_stamp(os.stat(path))
    except OSError:
        return None


@dataclass(slots=True)
class Changes:
    """One batch of outside changes."""

    added: list[ArticleMeta] = field(default_factory=list)
    changed: list[ArticleMeta] = field(default_factory=list)  # metadata or text
    removed: list[str] = field(default_factory=list)  # article ids
    highlights: set[str] = field(default_factory=set)  # articles whose highlights changed
    catalog: list[ArticleMeta] | None = None  # the whole catalog, when articles changed

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not (self.added or self.changed or self.removed or self.highlights)


class ChangeFeed:
    """Polled by a front end (the reader does it once a second, on a worker thread)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._mutex = threading.Lock()
        library = workspace.library
        self._articles_dir = library.articles_dir
        self._annotations_dir = workspace.root / "annotations"
        self._dirs: tuple[Stamp, Stamp] = (None, None)
        self._metas: dict[str, ArticleMeta] | None = None
        self._shards: dict[str, FileStamp] | None = None
        self._watched: tuple[str | None, Stamp, Stamp] = (None, None, None)
        self._quiet = False  # the next catalog difference is this process's own import
        self.ticks = 0  # how many polls ran, and how many had to look further: for benchmarks
        self.scans = 0

    def start(
        self, open_article: str | None = None, catalog: list[ArticleMeta] | None = None
    ) -> None:
        """Take the current state as the baseline (at startup, on a worker thread); catalog is
        the one just read, if the caller has it."""
        with self._mutex:
            self._dirs = self._dir_stamps()  # first: a change made while listing is seen later
            metas = catalog if catalog is not None else self.workspace.library.catalog()
            self._metas = {m.id: m for m in metas}
            self._shards = self.workspace.store.file_stamps()
            self._watched = self._watch(open_article)

    def acknowledge(self, *article_ids: str, articles: bool = False) -> None:
        """This process just wrote these articles' highlights: take their files as they are now,
        so the reader does not report its own save as an outside change. With articles (this
        process imported these), the next poll takes the catalog as it is without reporting it,
        and the open article's file as it is now.

        The folders' stamps are left as they were: another process may have saved something
        just before us, and the next poll must still look. It then finds only what others
        changed, since what we wrote already matches."""
        with self._mutex:
            if articles:
                self._dirs = (None, self._dirs[1])  # the next poll re-reads the catalog
                self._quiet = True
            for article_id in article_ids:
                stamp = _stamp(self.workspace.store.shard_path(article_id))
                if self._shards is not None:
                    if stamp is None:
                        self._shards.pop(article_id, None)
                    else:
                        self._shards[article_id] = stamp
                if article_id == self._watched[0]:  # its text stays watched, unless we wrote it
                    text = self._watched[1]
                    if articles:
                        text = _stamp(self.workspace.library.path_of(article_id))
                    self._watched = (article_id, text, stamp)

    def poll(self, open_article: str | None = None) -> Changes:
        """What changed since the last poll (empty when nothing did)."""
        if self._metas is None or self._shards is None:
            self.start(open_article)
            return Changes()
        with self._mutex:
            self.ticks += 1
            changes = Changes()
            dirs = self._dir_stamps()
            watched = self._watch(open_article)
            same_open = watched[0] == self._watched[0]
            article_moved = same_open and watched[1] != self._watched[1]
            shard_moved = same_open and watched[2] != self._watched[2]
            self._watched = watched
            if dirs[0] != self._dirs[0] or article_moved:
                self.scans += 1
                self._diff_articles(changes)
                open_meta = self._metas.get(watched[0]) if watched[0] and self._metas else None
                if article_moved and open_meta is not None and open_meta not in changes.changed:
                    changes.changed.append(open_meta)  # edited in place: its body, say
            if dirs[1] != self._dirs[1] or shard_moved:
                self.scans += 1
                self._diff_highlights(changes)
            self._dirs = dirs
            return changes

    # -- internals ---------------------------------------------------------------------------------
    def _dir_stamps(self) -> tuple[Stamp, Stamp]:
        return _stamp(self._articles_dir), _stamp(self._annotations_dir)

    def _watch(self, article_id: str | None) -> tuple[str | None, Stamp, Stamp]:
        if article_id is None:
            return (None, None, None)
        library, store = self.workspace.library, self.workspace.store
        return (
            article_id,
            _stamp(library.path_of(article_id)),
            _stamp(store.shard_path(article_id)),
        )

    def _diff_articles(self, changes: Changes) -> None:
        assert self._metas is not None
        metas = self.workspace.library.catalog()
        now = {m.id: m for m in metas}
        for article_id, meta in now.items():
            before = self._metas.get(article_id)
            if before is None:
                changes.added.append(meta)
            elif before is not meta and before != meta:
                changes.changed.append(meta)
        changes.removed = [a for a in self._metas if a not in now]
        self._metas = now
        if self._quiet:  # our own import: the baseline moves on, nothing is reported
            self._quiet = False
            changes.added, changes.changed, changes.removed = [], [], []
            return
        if changes.added or changes.changed or changes.removed:
            changes.catalog = metas

    def _diff_highlights(self, changes: Changes) -> None:
        assert self._shards is not None
        now = self.workspace.store.file_stamps()
        for article_id in now.keys() | self._shards.keys():
            if now.get(article_id) != self._shards.get(article_id):
                changes.highlights.add(article_id)
        self._shards = now
