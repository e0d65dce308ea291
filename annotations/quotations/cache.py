"""The quotations of every article, kept in `<library>/.index/quotations.json` (a cache).

Each article's quotations are stored with its file's stamp (inode, size, mtime, ctime) and the
detector's version; an article whose file changed, or that the cache has not seen, is read and
detected again, the rest come from the file. Losing or damaging the file costs a rebuild, never
data. A caller asking article by article (`margin verify`) asks with save=False and saves once,
at the end: the file is written once a run, not once an article. A long run also writes it
(atomically, all detected so far) each time another CHECKPOINT_SECONDS of detection is unsaved,
so a run killed part-way keeps all but the last few seconds of its work, and writing costs a
small share of detecting (writing the 10,000-article cache takes tens of milliseconds).
Each write merges, under the cache's lock, this run's detections into the file as it is then,
so two runs at once keep each other's new entries. A write that cannot be made (a read-only
library, the lock held past its timeout) is logged and leaves the file as it was: an entry is
read only with its article file's stamp, so what the file lacks or holds of an older version is
detected again, and this run's next save tries the write again.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import orjson

from library.errors import LibraryError
from library.fsutil import atomic_write, stamp_text
from library.store import Library

__all__ = ["CACHE_FILE", "DETECTOR_VERSION", "CachedQuotation", "QuotationCache"]

CACHE_FILE = "quotations.json"
DETECTOR_VERSION = 21  # bump when find_quotations changes what it returns
CHECKPOINT_SECONDS = 2.0  # detection time a run may lose when it is killed
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CachedQuotation:
    """A quotation as the index keeps it: offsets, words, speaker and role."""

    start: int
    end: int
    text: str
    speaker: str | None
    role: str | None


class QuotationCache:
    """Quotations by article, detected once per version of each article file."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.path = library.index_dir / CACHE_FILE
        self._saved: dict[str, dict[str, object]] | None = None
        self._unsaved = False  # entries detected since the file was last written
        self._work = 0.0  # seconds spent detecting what the file does not hold yet
        self._detected: set[str] = set()  # articles detected since the file was last written
        self._dropped: set[str] = set()  # articles no longer in the library (every=True)

    def _read(self) -> dict[str, dict[str, object]]:
        if self._saved is None:
            self._saved = self._load()
        return self._saved

    def _load(self) -> dict[str, dict[str, object]]:
        try:
            data = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        if not isinstance(data, dict) or data.get("version") != DETECTOR_VERSION:
            return {}
        articles = data.get("articles")
        return articles if isinstance(articles, dict) else {}

    def quotations(
        self,
        article_ids: Iterable[str],
        problems: list[str] | None = None,
        *,
        every: bool = False,
        save: bool = True,
    ) -> dict[str, list[CachedQuotation]]:
        """The quotations of each article that can be read (one problem line for each other).

        With every=True the ids are the whole library, and entries of other articles are
        dropped from the cache; otherwise they are kept. With save=False what was detected is
        kept for `save` to write.
        """
        from annotations.quotations import find_quotations

        saved = self._read()
        fresh: dict[str, dict[str, object]] = {} if every else dict(saved)
        found: dict[str, list[CachedQuotation]] = {}
        for article_id in article_ids:
            path: Path = self.library.path_of(article_id)
            try:
                stamp = stamp_text(path.stat())  # an older one (no ctime) never matches
            except OSError:
                continue
            entry = saved.get(article_id)
            if isinstance(entry, dict) and entry.get("stamp") == stamp:
                rows = entry.get("quotes")
                if isinstance(rows, list):
                    with contextlib.suppress(TypeError, ValueError):
                        found[article_id] = [CachedQuotation(*row) for row in rows]
                        fresh[article_id] = entry
                        continue
            try:
                article = self.library.get(article_id)
            except LibraryError as exc:
                if problems is not None:
                    problems.append(f"{exc} (skipped)")
                continue
            began = time.monotonic()
            quotes = [
                CachedQuotation(q.start, q.end, q.text, q.speaker, q.role)
                for q in find_quotations(article.text, article.blocks)
            ]
            self._work += time.monotonic() - began
            found[article_id] = quotes
            rows_out = [[q.start, q.end, q.text, q.speaker, q.role] for q in quotes]
            fresh[article_id] = {"stamp": stamp, "quotes": rows_out}
            self._detected.add(article_id)
            self._unsaved = True
            if self._work >= CHECKPOINT_SECONDS:  # what the articles not yet read had stays
                self._unsaved = not self._write(fresh if not every else saved | fresh)
        self._saved = fresh
        if every:
            self._dropped = set(saved) - set(fresh)
        self._unsaved = self._unsaved or bool(self._dropped)
        if save:
            self.save()
        return found

    def save(self) -> None:
        """Write the file (atomically) if anything was detected since it was last written."""
        if not self._unsaved or self._saved is None:
            return
        self._unsaved = not self._write(self._saved)

    def _write(self, articles: dict[str, dict[str, object]]) -> bool:
        """Write the file as another run may have left it, with the entries of articles this
        run detected since its last write (the freshest) and without those it found gone from
        the library; every other entry is the file's, which holds all this run read and more.
        Whether it was written (see the module's text for when it is not)."""
        from library.locks import QUOTATIONS, lock

        self._work = 0.0
        try:
            self.library.index_dir.mkdir(parents=True, exist_ok=True)
            with lock(self.library.root, QUOTATIONS):
                merged = self._load()
                merged.update((key, articles[key]) for key in self._detected if key in articles)
                for key in self._dropped:
                    merged.pop(key, None)
                payload = orjson.dumps({"version": DETECTOR_VERSION, "articles": merged})
                atomic_write(self.path, payload, durable=False)
        except (OSError, LibraryError) as exc:  # a lock's timeout is an OSError too
            _log.info("%s: not written (%s); its articles are detected again", self.path, exc)
            return False
        self._detected.clear()
        self._dropped.clear()
        if articles is self._saved:
            self._saved = merged
        return True
