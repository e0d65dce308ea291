"""The check every read path makes before it hands out highlights: do they count in the text?

Each highlight records the fingerprint of the text its offsets count in. An article file edited
by hand, a re-import cut short between its two writes or a sync tool can leave highlights whose
offsets count in another text; `Highlights.of_article` re-anchors (or flags, or orphans) them
before they are shown. Library-wide listings (`margin annotations`, search, the brief board)
cannot afford to read every article's text on every call, so this module keeps a verdict per
article in `.index/anchors.json` (a cache): the article file's stamp, its text's fingerprint,
the stamp of the highlights file found anchored in it and whether the article has a page map
(so a library-wide export need not open the file to learn it). Only articles whose files changed
since (article or highlights file) are looked at again: their text is read and each highlight's
fingerprint and words at its offsets compared (a slice compare); only those that do not stand
on their words are re-anchored.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from annotations.errors import AnnotationError
from annotations.model import text_fingerprint
from library.articlefile import (
    ArticleFileError,
    front_matter_has_pages,
    loads_text,
    read_page_map,
)
from library.errors import LibraryError
from library.fsutil import Stamp, atomic_write, file_stamp

if TYPE_CHECKING:
    from pathlib import Path

    from annotations.store import ReanchorReport
    from annotations.workspace.core import Workspace

CACHE_FILE = "anchors.json"
# 3: a verdict vouches for the words at every highlight's offsets (version 2 verdicts were
# made on fingerprints alone, and the export hands out quotes on a verdict's word).
# 4: both stamps hold ctime (`library.fsutil.file_stamp`), and a verdict says whether the
# article has a page map.
# 5: that page map is one the text has (as `loads` reads it), so an export may read it alone.
CACHE_VERSION = 5


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the check found of one article: every live highlight in the highlights file with
    stamp notes stands on its words in the text of the article file name with stamp article,
    whose front matter has a page map of that text if pages (what `loads` reads: then the page
    map read alone is the article's)."""

    name: str
    article: Stamp
    notes: Stamp
    pages: bool


def _read_text(path: str, article_id: str) -> tuple[str, bool] | None:
    """The canonical text of the article file at path and whether it has a page map, if it is
    that article's (its front matter names the id); None when it cannot be read or is another
    article's."""
    try:
        with open(path, encoding="utf-8") as file:
            content = file.read()
    except (OSError, UnicodeDecodeError):
        return None
    head = content[: content.find("\n---\n", 3) + 1]
    if not re.search(rf"^id: ['\"]?{re.escape(article_id)}['\"]?\s*$", head, re.MULTILINE):
        return None
    try:
        text = loads_text(content)
        if not front_matter_has_pages(io.StringIO(content)):
            return text, False
        return text, bool(read_page_map(content, len(text))[1])
    except ArticleFileError:
        return None


def _article_stamp(path: str) -> Stamp | None:
    try:
        return file_stamp(os.stat(path))
    except OSError:
        return None


class AnchorCheck:
    """Checks the highlights of many articles against their texts, cheaply (see the module)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @property
    def path(self) -> Path:
        """The verdict cache (`.index/anchors.json`)."""
        return self.workspace.library.index_dir / CACHE_FILE

    def run(
        self, article_ids: Iterable[str] | None = None, stamps: dict[str, Stamp] | None = None
    ) -> list[tuple[str, ReanchorReport]]:
        """Re-anchor the highlights (of these articles, else of every article with highlights)
        that do not count in their article's current text; returns what was repaired, by article.

        An article that cannot be read is left alone here: the listing shows its highlights as
        stored, and opening, copying or exporting it says what is wrong with the file.
        """
        return self._run(article_ids, stamps)[0]

    def verdicts(
        self, article_ids: Iterable[str], stamps: dict[str, Stamp] | None = None
    ) -> dict[str, Verdict]:
        """Check these articles as `run` does, then say which of them the check vouches for:
        by article, the file its text was read from, that file's stamp and the stamp of the
        highlights file whose every live highlight stands on its words in that text.
        stamps, if given, are the highlights files' stamps of the versions the caller holds
        (as for `run`).

        An article left out (its highlights were just repaired, it cannot be read, it has no
        highlights file) is not vouched for: its text must be read to hand out its highlights.
        """
        wanted = set(article_ids)
        fresh = self._run(wanted, stamps)[1]
        found: dict[str, Verdict] = {}
        for article_id, entry in fresh.items():
            if article_id in wanted:
                (ino, size, mtime, ctime), (n_ino, n_size, n_mtime, n_ctime) = entry[0], entry[2]
                found[article_id] = Verdict(
                    entry[3],
                    (ino, size, mtime, ctime),
                    (n_ino, n_size, n_mtime, n_ctime),
                    entry[4],
                )
        return found

    def _run(
        self, article_ids: Iterable[str] | None, stamps: dict[str, Stamp] | None = None
    ) -> tuple[list[tuple[str, ReanchorReport]], dict[str, list[Any]]]:
        """`run`, and the verdicts of the articles checked (fresh or confirmed), by article."""
        if stamps is None:  # else the caller's listing, the versions whose highlights it shows
            stamps = self.workspace.store.file_stamps()  # every highlights file: one listing
        wanted = stamps.keys() if article_ids is None else set(article_ids) & stamps.keys()
        folder = str(self.workspace.library.articles_dir)
        cache = self._read()
        fresh: dict[str, list[Any]] = {}
        repaired: list[tuple[str, ReanchorReport]] = []
        for article_id in sorted(wanted):
            notes_stamp = stamps[article_id]
            entry = cache.get(article_id)
            # The file the last check read (an article's file is named by its id, unless renamed).
            name = entry[3] if entry is not None else f"{article_id}.md"
            article_stamp = _article_stamp(os.path.join(folder, name))
            if (
                entry is not None
                and tuple(entry[0]) == article_stamp
                and tuple(entry[2]) == notes_stamp
            ):
                fresh[article_id] = entry  # nothing changed since the last check
                continue
            try:
                checked = self._check(article_id, name)
            except (LibraryError, AnnotationError):
                continue
            if checked is None:
                continue
            name, stamp, text_print, pages, report = checked
            if report is not None:
                repaired.append((article_id, report))
                continue  # the file was just rewritten: the next call records its verdict
            if _article_stamp(str(self.workspace.store.shard_path(article_id))) != notes_stamp:
                continue  # the highlights read may be a later version than the one listed
            fresh[article_id] = [list(stamp), text_print, list(notes_stamp), name, pages]
        checked_now = fresh
        if article_ids is not None:
            fresh = {**cache, **fresh}
        if fresh != cache:
            self._write(fresh)
        return repaired, checked_now

    def _check(
        self, article_id: str, name: str
    ) -> tuple[str, Stamp, str, bool, ReanchorReport | None] | None:
        """(the article's file name and stamp, its text's fingerprint, whether it has a page
        map, what re-anchoring repaired or None when every highlight counted in it); None when
        there is nothing to check (no live highlights, no readable article)."""
        workspace = self.workspace
        library = workspace.library
        found = workspace.store.for_article(article_id)
        if not found:
            return None
        folder = str(library.articles_dir)
        stamp = _article_stamp(os.path.join(folder, name))
        # Read even when the cached fingerprint still matches the text: it vouches for the
        # text, not for the highlights, whose file changed since (or was never checked), and a
        # quote edited there by hand keeps its fingerprint. The words are compared again.
        # The text alone (no front matter built): what a check without a cache does for every
        # article with highlights. Stat first, then read: a verdict is never filed under the
        # stamp of a newer version of the file than the one read.
        read = _read_text(os.path.join(folder, name), article_id) if stamp else None
        if read is None or stamp is None:
            # Not the usual file (renamed, or it holds another id): ask the catalog.
            if not library.has(article_id):
                return None  # in the trash, or never imported: nothing to check against
            name = library.path_of(article_id).name
            stamp = _article_stamp(os.path.join(folder, name))
            read = _read_text(os.path.join(folder, name), article_id) if stamp else None
            if stamp is None or read is None:
                return None
        text, pages = read
        printed = text_fingerprint(text)
        if all(a.anchored_in(text, printed) for a in found):  # orphans too (see anchored_in)
            return name, stamp, printed, pages, None
        article = library.get(article_id)
        checked = workspace.highlights.of_article(article)
        return name, stamp, text_fingerprint(article.text), bool(article.pages), checked.repaired

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
                and len(entry) == 5
                and isinstance(entry[3], str)
                and "/" not in entry[3]
                and isinstance(entry[0], list)
                and len(entry[0]) == 4
                and isinstance(entry[1], str)
                and isinstance(entry[2], list)
                and len(entry[2]) == 4
                and isinstance(entry[4], bool)
            ):
                good[key] = entry
        return good

    def _write(self, articles: dict[str, list[Any]]) -> None:
        data = orjson.dumps({"version": CACHE_VERSION, "articles": articles})
        # A cache: atomic but not fsynced; a lost or unwritable one only costs a re-check.
        with contextlib.suppress(OSError, LibraryError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, data, durable=False)
