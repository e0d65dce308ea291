"""The check every read path makes before it hands out highlights: do they count in the text?

Each highlight records the fingerprint of the text its offsets count in. An article file edited
by hand, a re-import cut short between its two writes or a sync tool can leave highlights whose
offsets count in another text; `Highlights.of_article` re-anchors (or flags, or orphans) them
before they are shown. Library-wide listings (`margin annotations`, search, the brief board)
cannot afford to read every article's text on every call, so this module keeps a verdict per
article in `.index/anchors.json` (a cache): the article file's stamp, its text's fingerprint
and the stamp of the highlights file found anchored in it. Only articles whose files changed
since are looked at again, and only those whose highlights' fingerprints differ from the text's
are read and re-anchored.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import orjson

from annotations.errors import AnnotationError
from annotations.model import text_fingerprint
from library.errors import LibraryError
from library.fsutil import atomic_write

if TYPE_CHECKING:
    from pathlib import Path

    from annotations.store import ReanchorReport
    from annotations.workspace.core import Workspace

CACHE_FILE = "anchors.json"
CACHE_VERSION = 1

# (inode, size, mtime ns, ctime ns): ctime too, so an in-place edit of the same size within a
# coarse filesystem's timestamp tick still counts as a change (a program cannot set ctime).
ArticleStamp = tuple[int, int, int, int]
Stamp = tuple[int, int, int]


def _article_stamp(path: Path) -> ArticleStamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class AnchorCheck:
    """Checks the highlights of many articles against their texts, cheaply (see the module)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @property
    def path(self) -> Path:
        """The verdict cache (`.index/anchors.json`)."""
        return self.workspace.library.index_dir / CACHE_FILE

    def run(self, article_ids: Iterable[str] | None = None) -> list[tuple[str, ReanchorReport]]:
        """Re-anchor the highlights (of these articles, else of every article with highlights)
        that do not count in their article's current text; returns what was repaired, by article.

        An article that cannot be read is left alone here: the listing shows its highlights as
        stored, and opening, copying or exporting it says what is wrong with the file.
        """
        workspace = self.workspace
        store = workspace.store
        library = workspace.library
        stamps = store.file_stamps()  # every highlights file, from one folder listing
        wanted = stamps.keys() if article_ids is None else set(article_ids) & stamps.keys()
        cache = self._read()
        fresh: dict[str, list[Any]] = {}
        repaired: list[tuple[str, ReanchorReport]] = []
        for article_id in sorted(wanted):
            if not library.has(article_id):
                continue  # in the trash, or never imported: nothing to check it against
            article_stamp = _article_stamp(library.path_of(article_id))
            if article_stamp is None:
                continue
            notes_stamp = stamps[article_id]
            entry = cache.get(article_id)
            printed: str | None = None
            if entry is not None and tuple(entry[0]) == article_stamp:
                if tuple(entry[2]) == notes_stamp:
                    fresh[article_id] = entry  # nothing changed since the last check
                    continue
                printed = str(entry[1])
            try:
                checked = self._check(article_id, printed)
            except (LibraryError, AnnotationError):
                continue
            if checked is None:
                continue
            text_print, report = checked
            if report is not None:
                repaired.append((article_id, report))
                continue  # the file was just rewritten: the next call records its verdict
            fresh[article_id] = [list(article_stamp), text_print, list(notes_stamp)]
        if article_ids is not None:
            fresh = {**cache, **fresh}
        if fresh != cache:
            self._write(fresh)
        return repaired

    def _check(
        self, article_id: str, printed: str | None
    ) -> tuple[str, ReanchorReport | None] | None:
        """(the text's fingerprint, what re-anchoring repaired or None when all counted in it);
        None when the article has no live highlights."""
        workspace = self.workspace
        found = workspace.store.for_article(article_id)
        live = [a for a in found if not a.orphaned]
        if not found:
            return None
        prints = {a.fingerprint for a in live}
        if printed is not None and prints <= {printed}:
            return printed, None  # every highlight counts in the text the cache vouches for
        article = workspace.library.get(article_id)
        checked = workspace.highlights.of_article(article)
        return text_fingerprint(article.text), checked.repaired

    def _read(self) -> dict[str, list[Any]]:
        try:
            raw = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        if not isinstance(raw, dict) or raw.get("version") != CACHE_VERSION:
            return {}
        articles = raw.get("articles")
        if not isinstance(articles, dict):
            return {}
        good: dict[str, list[Any]] = {}
        for key, entry in articles.items():
            if (
                isinstance(entry, list)
                and len(entry) == 3
                and isinstance(entry[0], list)
                and len(entry[0]) == 4
                and isinstance(entry[1], str)
                and isinstance(entry[2], list)
                and len(entry[2]) == 3
            ):
                good[key] = entry
        return good

    def _write(self, articles: dict[str, list[Any]]) -> None:
        data = orjson.dumps({"version": CACHE_VERSION, "articles": articles})
        # A cache: atomic but not fsynced; a lost or unwritable one only costs a re-check.
        with contextlib.suppress(OSError, LibraryError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, data, durable=False)
