"""Importing other tools' exports: highlights landed on their words, books of clippings, and
lists of links fetched politely.

`ForeignImports.recognise(path)` says whether a file is an export (by content, whatever its
name); `run` imports it. Highlights are placed with the existing anchoring: on the article of
their page (fetched when not in the library), or, for a book the library does not hold, on an
article of the highlighted passages in reading order with the location as its locator. Every
highlight gets an id derived from its identity in the export, so importing the same file again
adds nothing; what cannot be placed is kept as an orphan with its quote and note.
"""

from __future__ import annotations

import html
import os
import re
import threading
import time
import uuid
from array import array
from bisect import bisect_left, bisect_right
from codecs import BOM_UTF8
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from hashlib import sha1
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from annotations.bulkadd import Settled, pack_span, unpack_span
from annotations.errors import UnknownStance
from annotations.model import Annotation, context_around, now_iso, text_fingerprint
from library.errors import ImportFailed, LibraryError
from library.importers.exports import (
    Clip,
    ExportFile,
    ExportFormat,
    Link,
    might_be_export,
    recognise,
    recognise_folder,
)
from library.importers.exports.records import label_number, label_order
from library.model import Article, ArticleMeta, LocatorKind, Page
from library.text import (
    MAX_LINES_SHOWN,
    at_most,
    build_text,
    clean_inline,
    count_words,
    plural,
)

# Fetching, parsing in worker processes and anchoring load when an export needs them: asking
# whether a file is an export (every `margin import` does) must cost next to nothing.
if TYPE_CHECKING:
    from concurrent.futures import Future

    from annotations.workspace.articles import Imported, ImportJob
    from annotations.workspace.core import Workspace
    from library.importer import RawSource
    from library.parsers import Parsed

# Highlight ids derive from the clip's identity in its export, so a second import finds them.
_CLIP_NAMESPACE = uuid.UUID("0d9c3e5e-4b1a-4f0e-9a57-6d617267696e")
BOOK_SOURCE = "book:"  # the source of an article made of a book's clippings
PASSAGES_SOURCE = "passages:"  # the source of an article made of a page's highlights
DEFAULT_WORKERS = 8  # pages fetched at once
DEFAULT_PER_HOST = 2  # pages fetched at once from any one host
BATCH = 25  # articles stored under one hold of the catalog's lock, with one catalog write
FAILURES_DIR = "import-failures"
# Words at least this long, found in a book of the same title, may be its passage where no
# author tells (a short "Yes." could be any book's); `_one_book` says when they are enough.
_EVIDENCE_CHARS = 20
# A shared passage of at least these words is a book's own sentence, evidence alone; a shorter
# one ("All rights reserved.", "Printed in Canada.") may be a line many books share.
_OWN_WORDS = 12
_EVIDENCE_CLIPS = 200  # clips whose words are looked for (a book's own show in the first few)
_SAME_LABEL_COMPARED = 64  # a book's passages under one label looked through for each other
# In the head of each list of failures Margin writes: only a file with it is taken for one (a
# retry rewrites or removes it); any other file in FAILURES_DIR is the user's.
FAILURES_MARKER = b'<meta name="generator" content="margin import-failures">'
# How each such list starts: the marker counts there, never quoted further on.
_FAILURES_HEAD = b'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n' + FAILURES_MARKER


@dataclass(slots=True)
class Progress:
    """One step of an import for a progress bar: how far, and the line to show (if any)."""

    done: int
    total: int
    line: str | None = None
    failed: bool = False


@dataclass(slots=True)
class ExportReport:
    """What importing one export did."""

    name: str
    format: str
    articles: Counter[str] = field(default_factory=Counter)  # imported, updated, unchanged…
    highlights: Counter[str] = field(default_factory=Counter)  # added, present, orphaned…
    problems: list[str] = field(default_factory=list)
    # How many of problems name an entry of the export that was not read (not a page kept on
    # an article of its passages, nor a book whose store failed, counted in articles).
    skipped: int = 0
    # Every line of problems, when they are more than are shown (MAX_LINES_SHOWN).
    problems_file: Path | None = None
    failures: list[tuple[Link, str]] = field(default_factory=list)
    failures_file: Path | None = None
    # A list of failures Margin wrote, imported again to retry them: "removed" once every link
    # of it is in the library, "rewritten" with only those that failed again.
    retried: str | None = None
    # Passages of books an older Margin put on a made-up page ("p. 5000", "p. 3") that this
    # import recognised and put on none.
    relocated: int = 0
    page_notes: int = 0  # notes on a whole page the export holds: not imported as highlights
    page_notes_file: Path | None = None  # where they are kept instead
    # Page-notes files earlier imports of the export wrote (the user may have edited them since),
    # left as they are: page_notes_file holds only the notes none of them holds (page_notes_new
    # of them), or is the first of them when they hold every note.
    page_notes_earlier: list[Path] = field(default_factory=list)
    page_notes_new: int = 0
    # Pages fetched though the export carries pages: "URL (why)" each (a zip bomb's).
    fetched_instead: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many links or books could not be imported."""
        return len(self.failures) + self.articles["failed"]

    @property
    def left_out(self) -> int:
        """How many of the export's links, books and entries were not imported: failed, or
        skipped as unreadable (`margin import` exits 1 when any was)."""
        return self.failed + len(self.problems)

    @property
    def imported_anything(self) -> bool:
        """Whether the import stored any article or highlight (new or already there)."""
        return bool(sum(self.articles.values()) or sum(self.highlights.values()))

    def lines(self) -> list[str]:
        """The summary, then the warnings."""
        return self.summary() + self.warnings()

    def summary(self) -> list[str]:
        """What the import did: the export's format, one line of articles, one of highlights."""
        out = [f"{self.name}: {self.format} export"]
        order = ("imported", "passages", "updated", "unchanged", "already", "failed")
        words = {
            "already": "already in the library",
            "passages": "made of highlighted passages (page not fetched)",
        }
        # Links that could not be fetched are articles that failed, as books not stored are.
        articles = self.articles + Counter(failed=len(self.failures))
        if sum(articles.values()):
            shown = [f"{articles[k]} {words.get(k, k)}" for k in order if articles[k]]
            out.append("Articles: " + ", ".join(shown))
        if sum(self.highlights.values()):
            parts = [
                f"{self.highlights['added']} added",
                f"{self.highlights['present']} already there",
            ]
            if self.highlights["updated"]:
                parts.append(f"{self.highlights['updated']} updated")
            if self.highlights["orphaned"]:
                parts.append(f"{self.highlights['orphaned']} kept as orphans (words not found)")
            if self.highlights["standin"]:
                parts.append(f"{self.highlights['standin']} on pages that could not be fetched")
            out.append("Highlights: " + ", ".join(parts))
        if self.relocated:
            out.append(
                f"Locators: {plural(self.relocated, 'passage')} on a page an older Margin made "
                "up (an offset, a page's number) now on no page"
            )
        # Entries skipped (lines not read), then other problems (pages not fetched, books not
        # stored), and where every line of them is when they are more than are shown.
        named = "each named below"
        if len(self.problems) > MAX_LINES_SHOWN:
            named = f"the first {MAX_LINES_SHOWN} lines below"
            if self.problems_file:
                named += f", every one in {self.problems_file}"
        others = len(self.problems) - self.skipped
        if self.skipped and others:
            out.append(f"Skipped: {self.skipped:,}; other problems: {others:,}; {named}")
        elif self.skipped:
            out.append(f"Skipped: {self.skipped:,}, {named}")
        elif others:
            out.append(f"Problems: {others:,}, {named}")
        fetched = [f"Fetched from its address instead: {line}" for line in self.fetched_instead]
        out += at_most(fetched, "more fetched from their addresses instead")
        if self.retried == "removed":
            out.append("Retried: every link of it is in the library now, so the list was removed")
        if self.page_notes:
            kept = f"; kept in {self.page_notes_file}" if self.page_notes_file else ""
            if self.page_notes_earlier:
                earlier = ", ".join(str(p) for p in self.page_notes_earlier)
                kept += (
                    f" ({self.page_notes_new} of them not found in what an earlier import wrote,"
                    f" left as it is: {earlier})"
                    if self.page_notes_new
                    else f" and {earlier}"
                )
            out.append(
                f"Page notes: {self.page_notes} not imported as highlights (Margin keeps notes on "
                f"highlights, not on a whole page){kept}"
            )
        return out

    def warnings(self) -> list[str]:
        """The parts not read (at most MAX_LINES_SHOWN of them), the links that failed, and
        the file to import again to retry them."""
        more = "more lines not read" if self.skipped == len(self.problems) else "more problems"
        out = at_most(self.problems, more)
        for link, reason in self.failures:
            out.append(f"{link.url}: {reason}")
        if self.failures_file is not None:
            again = " (rewritten with only these)" if self.retried == "rewritten" else ""
            out.append(
                f"{len(self.failures)} failed; to retry them: margin import {self.failures_file}"
                f"{again}"
            )
        return out


class ForeignImports:
    """Imports of other tools' exports into a workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._urls: dict[str, ArticleMeta] | None = None  # by loose URL, during a run
        self._titles: dict[str, list[ArticleMeta]] | None = None  # full texts by title, a run

    # -- recognising -------------------------------------------------------------------------------
    def recognise(self, path: Path) -> ExportFormat | None:
        """The export format of a file, or of a folder an export was unpacked to (Omnivore's);
        None when it is not one (an article, any other folder)."""
        try:
            if path.is_dir():
                return recognise_folder(path)
            if not path.is_file() or path.stat().st_size > self.workspace.library.max_bytes:
                return None
            with path.open("rb") as handle:
                head = handle.read(65_536)
            if not might_be_export(head):
                return None
            if head.startswith(b"PK\x03\x04"):
                return recognise(path.read_bytes())
        except OSError:
            return None
        return recognise(head) if head.strip() else None

    # -- importing ---------------------------------------------------------------------------------
    def run(
        self,
        path: Path,
        *,
        progress: Callable[[Progress], None] | None = None,
        stop: Callable[[], bool] | None = None,
        workers: int = DEFAULT_WORKERS,
        per_host: int = DEFAULT_PER_HOST,
        fmt: ExportFormat | None = None,
    ) -> ExportReport:
        """Import an export file: its highlights placed, its links made articles. fmt: its
        format, as `recognise` found it (not looked for again); None: found here.

        Links are fetched `workers` at a time, at most `per_host` from one host, each within the
        configured deadline; a link already in the library is not fetched again, so a run cut
        short resumes where it stopped. Failures are listed and written to a file that `margin
        import` reads to retry them. That file, imported again, is rewritten with only the links
        that failed again, or removed when none did (its links are all in the library then).
        """
        from library.importer import read_file

        library = self.workspace.library
        self._urls = self._titles = None
        # An archive may expand to a few times the size limit, never more, and each of its
        # files to the limit (zip bombs); an archive unpacked to a folder is read within the same.
        limits = {"max_total": 4 * library.max_bytes, "max_member": library.max_bytes}
        if fmt is None and path.is_dir():
            fmt = recognise_folder(path)
        if path.is_dir() and fmt is not None and fmt.parse_folder is not None:
            found = partial(fmt.parse_folder, **limits)(path, str(path))
            retry_list = False
        else:
            raw = read_file(path, library.max_bytes)
            fmt = fmt or recognise(raw.data)
            if fmt is None:
                raise ImportFailed(
                    str(path), "not an export Margin knows", "import it as an article instead"
                )
            if fmt.name == "margin":
                return self._margin(raw.data, path, fmt)
            parse = partial(fmt.parse, **limits) if fmt.name == "omnivore" else fmt.parse
            found = parse(raw.data, str(path))
            retry_list = self._failures_dir() == path.resolve().parent and _is_failures_list(
                raw.data
            )
            del raw  # what was read is in found now (a 100,000-row file need not be held twice)
        report = ExportReport(str(path), fmt.label)
        report.problems += found.problems
        report.skipped = len(found.problems)
        report.page_notes = len(found.page_notes)
        library.ensure()
        if found.page_notes:
            self._write_page_notes(path, found.page_notes, report)
        self._clips(found, report)
        finished = self._links(found, report, progress, stop, workers, per_host)
        self._keep_problems(path, report)
        if retry_list and not finished:
            # Stopped before every link was tried: the list keeps them all (those imported
            # meanwhile are found in the library next time, not fetched again).
            report.failures_file = path if report.failures else None
        elif retry_list and report.failures:
            report.failures_file = self._write_failures(path, report.failures, over=path)
            report.retried = "rewritten"
        elif retry_list:
            path.unlink(missing_ok=True)  # Margin's own list, each of its links now an article
            report.retried = "removed"
        elif report.failures:
            report.failures_file = self._write_failures(path, report.failures)
        return report

    def _margin(self, data: bytes, path: Path, fmt: ExportFormat) -> ExportReport:
        """Margin's own JSON, through its own importer (ids kept, newer edits win)."""
        from annotations.interchange import InterchangeError, import_annotations

        report = ExportReport(str(path), fmt.label)
        try:
            done = import_annotations(self.workspace, data, str(path))
        except InterchangeError as exc:
            raise ImportFailed(str(path), str(exc).split(": ", 1)[-1], "check the file") from None
        counts = {
            "added": done.added,
            "present": done.unchanged + done.kept_newer + done.deleted,
            "updated": done.updated,
            "orphaned": done.orphaned,
        }
        report.highlights.update({k: n for k, n in counts.items() if n})
        report.problems += done.skipped
        report.skipped = len(done.skipped)
        self._keep_problems(path, report)
        return report

    # -- books read later in full ----------------------------------------------------------------
    def offers(self, imported: list[ArticleMeta]) -> list[tuple[ArticleMeta, ArticleMeta]]:
        """(article of clipped passages, full text) for each newly imported full text whose
        title (and authors, where both name any) is that of an article an export's import made
        of a book's or a page's passages: its highlights can move onto the full text
        (`move_passages`)."""
        made = {
            _title_key(m.title): m
            for m in self.workspace.library.catalog()
            if (m.source or "").startswith((BOOK_SOURCE, PASSAGES_SOURCE))
        }
        if not made:
            return []
        return [
            (book, m)
            for m in imported
            if (book := made.get(_title_key(m.title))) is not None
            and not (m.source or "").startswith((BOOK_SOURCE, PASSAGES_SOURCE))
            and _same_authors(book.authors, m.authors)
            and ((_named(book.authors) and _named(m.authors)) or self._shares_passage(book, m))
        ]

    def _shares_passage(self, passages: ArticleMeta, full: ArticleMeta) -> bool:
        """Whether a full text holds enough of an article of passages' passages (each long
        enough to be no other book's, _EVIDENCE_CHARS) to be its book (`_one_book`): where no
        author tells, the title alone does not make a page called "Notes" the book of
        clippings called "Notes". The first _EVIDENCE_CLIPS passages are looked for."""
        library = self.workspace.library
        held, text = library.get(passages.id), library.get(full.id).text
        spans = list(islice(_passage_spans(held), _EVIDENCE_CLIPS))
        shared = 0
        for _, start, end in spans:
            words = held.text[start:end]
            shared += _weight(words) if len(words) >= _EVIDENCE_CHARS and words in text else 0
            if _one_book(shared, len(spans)):
                return True
        return False

    def move_passages(self, from_ref: str, to_ref: str) -> Counter[str]:
        """Move the highlights of an article of clipped passages onto the full text, anchored by
        quote (kept as orphans where their words are not found), then put the article of
        passages in the trash (`margin restore` brings it back). Counts moved and orphaned."""
        from annotations.anchoring import reanchor

        articles = self.workspace.articles
        source, target = articles.resolve(from_ref), articles.resolve(to_ref)
        if source.id == target.id:
            raise ImportFailed(
                source.id,
                "cannot move highlights onto the article they are on",
                "give the full text as the second article; margin list shows its id",
            )
        if not (source.source or "").startswith((BOOK_SOURCE, PASSAGES_SOURCE)):
            raise ImportFailed(
                source.id,
                "is not an article of clipped passages",
                "give the article an export's import made (margin list shows its title)",
            )
        text = articles.get(target.id).text
        moved: list[Annotation] = []
        for old in self.workspace.store.for_article(source.id):
            # The passage's offsets mean nothing in the full text: found by quote alone.
            draft = replace(old, article=target.id, start=0, end=0, prefix="", suffix="")
            placed = reanchor(draft, text)
            if placed.orphaned:
                placed = replace(placed, start=0, end=0, prefix=old.prefix, suffix=old.suffix)
            moved.append(placed)
        added, present = self.workspace.store.add_many(target.id, moved)
        self.workspace.search_index.article_changed(target.id)
        # The originals go to the deleted ones of the article of passages before it goes to the
        # trash: restoring it brings them back restorable, never a second live highlight with
        # the same id (which no id could then name).
        self.workspace.store.delete_many(source.id, [a.id for a in moved])
        articles.remove(source.id)
        counts = Counter(
            moved=sum(1 for a in added if not a.orphaned),
            orphaned=sum(1 for a in added if a.orphaned),
            present=len(present),
        )
        return +counts

    # -- highlights --------------------------------------------------------------------------------
    def _clips(self, found: ExportFile, report: ExportReport) -> None:
        books: dict[tuple[str, tuple[str, ...]], list[Clip]] = defaultdict(list)
        pages: dict[str, list[Clip]] = defaultdict(list)
        for clip in found.clips:
            if clip.kind == "book":
                key = (clip.title.casefold(), tuple(a.casefold() for a in clip.authors))
                books[key].append(clip)
            else:
                pages[clip.article_id or clip.url or f"title:{clip.title}"].append(clip)
        found.clips = []  # held by books and pages now: a book's are let go once placed
        for key in list(books):
            self._book(books.pop(key), report)
        for where, on_page in pages.items():
            self._page(where, on_page, report)

    def _book(self, clips: list[Clip], report: ExportReport) -> None:
        """A book's clippings: on its full text when the library holds it, else on an article of
        the passages (new passages added to it in reading order)."""
        first = clips[0]
        title = first.title or "Untitled"
        library = self.workspace.library
        source = BOOK_SOURCE + "/".join(
            [clean_inline(title).casefold(), *(a.casefold() for a in first.authors)]
        )
        if self._titles is None:  # once a run: a file of many books asks once each
            self._titles = defaultdict(list)
            for m in library.catalog():
                if not (m.source or "").startswith(PASSAGES_SOURCE):
                    self._titles[_title_key(m.title)].append(m)
        # The same title is not the same book: a blog post called "Meditations" by someone
        # else does not take Marcus Aurelius's highlights. Authors must be the same people
        # where both sides name any; a full text first, then a book of passages (another
        # device's, its authors written "Last, First"), each the first in the catalog's order.
        # Where either side names no authors, the title alone proves nothing (two books called
        # "Notes"): it is the same book only when it holds these clips' passages or highlights
        # (`_holds_clips`), loaded once each.
        loaded: dict[str, Article] = {}

        def same_book(meta: ArticleMeta) -> bool:
            if _named(meta.authors) and _named(first.authors):
                return True
            loaded[meta.id] = library.get(meta.id)
            return self._holds_clips(loaded[meta.id], clips)

        same = [
            m
            for m in self._titles.get(_title_key(title), [])
            if _same_authors(m.authors, first.authors)
        ]
        full = next(
            (m for m in same if not (m.source or "").startswith(BOOK_SOURCE) and same_book(m)),
            None,
        )
        if full is not None:
            self._place(loaded.get(full.id) or library.get(full.id), clips, report, consume=True)
            return
        by_source = library.by_source(source)
        candidates = {m.id: m for m in [*([by_source] if by_source else []), *same]}
        previous_meta = next((m for m in candidates.values() if same_book(m)), None)
        if previous_meta is None and by_source is not None:
            source = _untaken(library.by_source, source)  # another book of the same name
        previous = (
            (loaded.get(previous_meta.id) or library.get(previous_meta.id))
            if previous_meta
            else None
        )
        loaded.clear()  # each article let go: the one kept is previous
        made_up: set[tuple[str, str]] = set()
        if previous is not None:  # the book as it was named first, from whichever export
            title, source = previous.title, previous.source or source
            known = _Passages(previous)
            made_up = _made_up_labels(previous, known, clips)
            if not made_up and all(known.has(c.label or "", clean_inline(c.quote)) for c in clips):
                report.articles["unchanged"] += 1  # no new passage: nothing to write
                self._place(previous, clips, report, passages=known, consume=True)
                return
            del known
        authors = previous.authors if previous is not None else first.authors
        article = _book_article(title, authors, source, clips, previous, made_up, library.has)
        moves = _passage_moves(previous, article) if previous is not None else None
        done = self.workspace.articles.add_built(article, source, moves)
        report.articles[done.status] += 1
        if done.error is not None or done.article is None:
            report.problems.append(done.error or f"{title}: could not be stored")
            return
        report.relocated += len(made_up) if done.status == "updated" else 0
        if previous is None and done.status == "imported":
            self._titles[_title_key(title)].append(done.article)  # found by a later book
        # The text stored is the one built (an update keeps its id); reading it back would
        # parse the page map again.
        stored = previous if done.status == "unchanged" and previous is not None else article
        if stored.id != done.article.id:
            stored = library.get(done.article.id)
        self._place(stored, clips, report, passages=_Passages(stored), consume=True)

    def _holds_clips(self, article: Article, clips: list[Clip]) -> bool:
        """Whether article is the book of clips, though its title is all that names them: one
        of them has Margin's id of a highlight it holds (Margin's own export read back), or they
        share passages enough to be one book (`_one_book`). A passage is shared when it is the
        same words at the same place (a location may be a range in one export and its first
        number in another), or words long enough to be no other book's (_EVIDENCE_CHARS) where
        no place can be compared; never words another book could hold at another place ("All
        rights reserved." at location 10 of one "Notes" and 50 of another)."""
        passages = _Passages(article) if article.blocks else None
        starts = sorted((page.start, page.label) for page in article.pages)
        tried: set[str] = set()
        shared: set[str] = set()  # each clip's words the book holds, as a passage of its own
        for clip in clips[:_EVIDENCE_CLIPS]:
            quote = clean_inline(clip.quote)
            if not quote or quote in tried:
                continue
            tried.add(quote)
            place = clip.label if clip.locator in (None, article.locator) else None
            if passages is not None and place and passages.exact(place, quote):
                shared.add(quote)
            elif len(quote) < _EVIDENCE_CHARS or quote not in article.text:
                continue
            elif passages is None or not place or not starts:
                shared.add(quote)
            else:
                found = passages.find(place, quote)
                at = bisect_right(starts, (found[0], "\uffff")) - 1 if found else -1
                held = starts[at][1] if at >= 0 else ""
                number = label_number(held)
                if (
                    not held
                    or held == place
                    or (number is not None and number == label_number(place))
                ):
                    shared.add(quote)
        book = len(article.blocks) if passages is not None else 0
        if _one_book(sum(map(_weight, shared)), len(tried), book):
            return True
        # Margin's own ids (one highlight's each), or a note's on no words: made of its title,
        # place and the user's own words, not of words another book may hold.
        ids = {_clip_id(clip) for clip in clips if clip.id or not clip.quote.strip()}
        return bool(ids) and any(h.id in ids for h in self.workspace.store.for_article(article.id))

    def _page(self, key: str, clips: list[Clip], report: ExportReport) -> None:
        """A page's highlights: on the library's article of it, fetched when missing; on an
        article of the passages when it cannot be fetched."""
        first = clips[0]
        library = self.workspace.library
        article: Article | None = None
        if first.article_id and library.has(first.article_id):
            article = library.get(first.article_id)
        standin: Article | None = None
        if article is None and first.url:
            article = self._article_for_url(first.url)
            if article is not None and (article.source or "").startswith(PASSAGES_SOURCE):
                # Another export's highlights of a page that could not be had: these join its
                # passages (not placed on it as words it lacks, orphans).
                standin, article = article, None
            elif article is None and first.url.lower().startswith(("http://", "https://")):
                done = self.workspace.articles.import_one(_url_job(first.url))
                if done.article is not None:
                    report.articles[done.status] += 1
                    self._known(done.article)
                    article = library.get(done.article.id)
                else:
                    reason = (done.error or "").split(": ", 1)[-1]
                    report.problems.append(
                        f"{first.url}: the page could not be fetched, so its highlights are "
                        f"kept on an article of their passages: {reason}"
                    )
        if article is None:
            self._standin(key, clips, report, standin)
            return
        self._place(article, clips, report)

    def _standin(
        self, key: str, clips: list[Clip], report: ExportReport, previous: Article | None = None
    ) -> None:
        """A page's highlights, the page not to be had, on an article of their passages: of
        previous (one an earlier import made for it) and theirs."""
        standin = _passages_article(clips[0], clips, key, previous)
        done = self.workspace.articles.add_built(standin, standin.source or key)
        report.articles["passages" if done.status == "imported" else done.status] += 1
        if done.article is None:
            report.problems.append(done.error or f"{key}: could not be stored")
            return
        placed_on = self.workspace.library.get(done.article.id)
        self._place(placed_on, clips, report, passages=_Passages(placed_on))
        report.highlights["standin"] += len(clips)

    def _article_for_url(self, url: str) -> Article | None:
        """The library's article of a page: imported from url, or with url as its address."""
        found = self._meta_for_url(url)
        return self.workspace.library.get(found.id) if found is not None else None

    def _meta_for_url(self, url: str) -> ArticleMeta | None:
        library = self.workspace.library
        found = library.by_source(url)
        if found is not None:
            return found
        if self._urls is None:
            # Built once a run and kept up to date by it: a list of 100,000 links asks once each.
            self._urls = {_url_key(m.url): m for m in reversed(library.catalog()) if m.url}
        return self._urls.get(_url_key(url))

    def _known(self, meta: ArticleMeta) -> None:
        """Note an article this run stored, for `_meta_for_url`."""
        if self._urls is not None and meta.url:
            self._urls[_url_key(meta.url)] = meta

    def _place(
        self,
        article: Article,
        clips: list[Clip],
        report: ExportReport,
        *,
        passages: _Passages | None = None,
        consume: bool = False,
    ) -> None:
        """Anchor each clip on the article's text and store the new ones in one write; give
        highlights already stored the note, tags and stance their clip now carries (a note made
        on the device after the last import) where the stored one has none.

        consume: clips is emptied as they are placed, each clip let go once its highlight is
        made (a book of 100,000 is not held twice)."""
        text = article.text
        fingerprint = text_fingerprint(text)
        settled = Settled()

        def placed() -> Iterator[Annotation]:
            # Made one at a time as the store writes them: 100,000 are never held at once. One
            # stored already that the clip gives nothing is not made (nor placed) again.
            if consume:
                clips.reverse()
            for clip in _taken(clips) if consume else clips:
                ident = _clip_id(clip)
                stance, tags = self._stance(clip)
                if not settled.holds(ident, clip.note, stance, tags):
                    yield self._annotation(
                        article, clip, text, fingerprint, passages, (ident, stance, tags)
                    )

        done = self.workspace.store.add_stream(article.id, placed(), settled)
        counts = {
            "added": done.added,
            "present": done.present - done.updated,
            "updated": done.updated,
            "orphaned": done.orphaned,
        }
        report.highlights.update({k: n for k, n in counts.items() if n})
        if done.added or done.updated:
            self.workspace.search_index.article_changed(article.id)

    def _annotation(
        self,
        article: Article,
        clip: Clip,
        text: str,
        fingerprint: str,
        passages: _Passages | None,
        made: tuple[str, str | None, list[str]],
    ) -> Annotation:
        ident, stance, tags = made  # the clip's id, stance and tags
        created = clip.created or now_iso()
        quote = clean_inline(clip.quote)
        where = passages.find(clip.label or "", quote) if passages is not None else None
        if where is not None:
            start, end = where
            prefix, suffix = context_around(text, start, end)
            # Built here rather than by from_span: that looks the fingerprint up again per
            # highlight, comparing the whole text when the cache holds an equal copy of it.
            return Annotation(
                article.id, start, end, text[start:end], prefix, suffix, stance=stance,
                tags=tags, note=clip.note, speaker=clip.speaker, id=ident, created=created,
                fingerprint=fingerprint,
            )  # fmt: skip
        start = clip.start if clip.start is not None else 0
        end = clip.end if clip.end is not None else start
        draft = Annotation(
            article.id, max(0, start), max(0, start, end), quote, clip.prefix, clip.suffix,
            stance=stance, tags=tags, note=clip.note, speaker=clip.speaker, id=ident,
            created=created,
        )  # fmt: skip
        if not quote and clip.label:
            # A note written where no words were highlighted (a Kindle's "Your Note" alone): a
            # note at its place in the book, on no words, cited by the location it was written at.
            at = _note_offset(article, clip.label)
            prefix, suffix = context_around(text, at, at)
            return replace(
                draft, start=at, end=at, prefix=prefix, suffix=suffix, place=clip.label,
                fingerprint=fingerprint,
            )  # fmt: skip
        if not quote:
            draft.orphaned = True
            draft.start = draft.end = 0
            return draft
        from annotations.anchoring import reanchor

        placed = reanchor(draft, text)
        if placed.orphaned:
            placed.start = placed.end = 0
        else:
            placed.fingerprint = fingerprint
        return placed

    def _stance(self, clip: Clip) -> tuple[str | None, list[str]]:
        """The clip's stance (a configured one), and its tags: the first tag of a Readwise note
        names the stance when it is one of the configured stances (Margin's csv export)."""
        tags = list(clip.tags)
        stance = None
        if clip.stance:
            try:
                stance = self.workspace.stance_name(clip.stance)
            except UnknownStance:
                tags.insert(0, clip.stance)
        elif tags and self.workspace.config.stance(tags[0]) is not None:
            stance = self.workspace.stance_name(tags.pop(0))
        return stance, tags

    # -- links -------------------------------------------------------------------------------------
    def _links(
        self,
        found: ExportFile,
        report: ExportReport,
        progress: Callable[[Progress], None] | None,
        stop: Callable[[], bool] | None,
        workers: int,
        per_host: int,
    ) -> bool:
        """Import the export's links; whether every one was tried (not stopped before)."""
        links = _unique(found.links)
        total = len(links)
        done = 0

        def step(line: str | None, failed: bool = False) -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(Progress(done, total, line, failed))

        library = self.workspace.library
        to_fetch: list[Link] = []
        for start in range(0, len(links), BATCH):
            # One catalog write for each few articles, the lock held only while they are stored.
            with library.batch():
                for link in links[start : start + BATCH]:
                    if stop is not None and stop():
                        return False
                    if link.content is not None:
                        self._link_with_content(link, report, step)
                    elif (known := self._meta_for_url(link.url)) is not None and not (
                        known.source or ""
                    ).startswith(PASSAGES_SOURCE):  # the page itself, not its passages
                        report.articles["already"] += 1
                        if link.clips:
                            self._place(library.get(known.id), link.clips, report)
                        step(None)
                    else:
                        if link.why_fetched:
                            report.fetched_instead.append(f"{link.url} ({link.why_fetched})")
                        to_fetch.append(link)
        for arrived in self._fetch_all(to_fetch, workers, per_host, stop):
            # Stored together: what arrived while the last ones were stored. The catalog's lock
            # is never held while waiting for a server.
            with library.batch():
                for link, fetched in arrived:
                    if isinstance(fetched, ImportFailed):
                        self._failed_link(link, fetched.reason, report, step)
                        continue
                    from library.parsers import Parsed

                    articles = self.workspace.articles
                    adjust = partial(_adjust, link)
                    if isinstance(fetched, Parsed):  # parsed by a worker process
                        done_one = articles.import_parsed(fetched, link.url, adjust)
                    else:
                        done_one = articles.import_fetched(fetched, link.url, adjust)
                    self._after_link(link, done_one, report, step)
                    if stop is not None and stop():
                        return done == total
        return done == total

    def _link_with_content(
        self, link: Link, report: ExportReport, step: Callable[[str | None, bool], None]
    ) -> None:
        from library.importer import RawSource

        suffix = {"markdown": ".md", "pdf": ".pdf"}.get(link.content_type, ".html")
        assert link.content is not None
        raw = RawSource(link.url, link.content, suffix=suffix, url=link.url)
        if link.content_type == "html":
            raw.content_type = "text/html"
        done = self.workspace.articles.import_fetched(raw, link.url, partial(_adjust, link))
        self._after_link(link, done, report, step)

    def _after_link(
        self,
        link: Link,
        done: Imported,
        report: ExportReport,
        step: Callable[[str | None, bool], None],
    ) -> None:
        if done.error is not None or done.article is None:
            reason = (done.error or "").split(": ", 1)[-1] or "could not be imported"
            self._failed_link(link, reason, report, step)
            return
        report.articles[done.status] += 1
        self._known(done.article)
        if link.clips:
            self._place(self.workspace.library.get(done.article.id), link.clips, report)
        step(f"{done.status:<10} {done.article.id}  {link.url}", False)

    def _failed_link(
        self,
        link: Link,
        reason: str,
        report: ExportReport,
        step: Callable[[str | None, bool], None],
    ) -> None:
        """A link not imported: listed to retry, its highlights (an entry of Wallabag or
        Omnivore without its page) kept on an article of their passages, none dropped."""
        report.failures.append((link, reason))
        if link.clips:
            self._standin(link.url, link.clips, report)
        step(f"failed     {link.url}: {reason}", True)

    def _fetch_all(
        self,
        links: list[Link],
        workers: int,
        per_host: int,
        stop: Callable[[], bool] | None,
    ) -> Iterator[list[tuple[Link, RawSource | Parsed | ImportFailed]]]:
        """Fetch links in a bounded pool, at most per_host at once from one host, yielding
        what has arrived (at most BATCH at a time) to be stored before more is waited for, so
        an interrupted run keeps what came."""
        if not links:
            return
        from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

        from library.fetch import fetch_url
        from library.parallel import POOL_MIN_JOBS, Failure, ParsePool

        caps = self.workspace.library.caps
        parsers = ParsePool(caps) if len(links) >= POOL_MIN_JOBS else None
        hosts: dict[str, threading.BoundedSemaphore] = defaultdict(
            lambda: threading.BoundedSemaphore(max(1, per_host))
        )
        guard = threading.Lock()

        def fetch(link: Link) -> RawSource | Parsed | ImportFailed:
            try:
                host = urlsplit(link.url).hostname or ""
            except ValueError as exc:  # an unclosed '[' in its host: one failed link
                return ImportFailed(link.url, f"not a valid web address ({exc})")
            with guard:
                gate = hosts[host]
            with gate:
                try:
                    raw = fetch_url(
                        link.url, caps.max_bytes, caps.url_read_timeout, caps.url_deadline
                    )
                except ImportFailed as exc:
                    return exc
            if parsers is None:
                return raw
            # Parsed on another core while this process stores what came before.
            try:
                parsed = parsers.raw(raw).result()
            except Exception:
                # No workers to be had (one was killed), or a bug the parser raised: parsed
                # here instead, where it fails alone with its one-line reason.
                return raw
            return parsed.error() if isinstance(parsed, Failure) else parsed

        pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="margin-fetch")
        pending: dict[Future[RawSource | Parsed | ImportFailed], Link] = {}
        queue = iter(links)
        interrupted = False
        try:
            for link in queue:
                pending[pool.submit(fetch, link)] = link
                if len(pending) >= 4 * max(1, workers):
                    break
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                arrived = []
                for future in list(finished)[:BATCH]:
                    link = pending.pop(future)
                    arrived.append((link, future.result()))
                    following = next(queue, None)
                    if following is not None:
                        pending[pool.submit(fetch, following)] = following
                yield arrived
                if stop is not None and stop():
                    return
        except KeyboardInterrupt:
            interrupted = True
            raise
        finally:
            for future in pending:
                future.cancel()
            # Stopped or done: the fetches under way end (each within its deadline) before the
            # import returns, so none reaches a server after it. Interrupted: no waiting.
            pool.shutdown(wait=not interrupted, cancel_futures=True)
            if parsers is not None:
                parsers.close()

    def _write_failures(
        self, path: Path, failures: list[tuple[Link, str]], over: Path | None = None
    ) -> Path:
        """The failed links as a Pocket-style list (tags and dates kept) that `margin import`
        reads again to retry them; over: the list being retried, rewritten in place. In the
        order of their addresses, not of their answers: the same failures make the same file."""
        failures = sorted(failures, key=lambda failure: failure[0].url)
        if over is not None:
            from library.fsutil import atomic_write

            atomic_write(over, render_link_list(failures).encode())
            return over
        # Named <export>-<time>.html before they were -failed.html: the same list there counts.
        return self._keep(path, f"{_FAILED}.html", render_link_list(failures), formerly=".html")

    def _keep_problems(self, path: Path, report: ExportReport) -> None:
        """Every line of the report's problems in a file, when they are more than the summary
        shows (`ExportReport.problems_file`): `-skipped.txt` when each is an entry not read,
        else `-problems.txt` (pages not fetched, books not stored, with any entries skipped)."""
        if len(report.problems) > MAX_LINES_SHOWN:
            text = "".join(f"{line}\n" for line in report.problems)
            held = "-skipped.txt" if report.skipped == len(report.problems) else "-problems.txt"
            report.problems_file = self._keep(path, held, text)

    def _failures_dir(self) -> Path:
        """Where the lists of failures (and page notes) are written."""
        return (self.workspace.root / FAILURES_DIR).resolve()

    def _write_page_notes(
        self, path: Path, notes: list[tuple[str, str, str]], report: ExportReport
    ) -> None:
        """The export's notes on whole pages, each under its page's title and URL, as Markdown:
        nothing the user wrote is dropped for having no words to land on. A note whose words a
        page-notes file of an earlier import of this export still holds (edited by the user or
        not) is not written again; that file is never rewritten."""
        held: list[tuple[Path, dict[str, str]]] = []
        for kept in self._earlier(path, "-page-notes.md"):
            try:
                text = kept.read_text("utf-8", errors="replace")
                held.append((kept, _page_sections(text, {url for url, _, _ in notes})))
            except OSError:
                continue  # gone or unreadable: its notes are written again
        holders: list[Path] = []
        missing = []
        for url, title, note in notes:
            words = f" {_words(note)} "
            holder = next((kept for kept, pages in held if words in pages.get(url, "")), None)
            if holder is None:
                missing.append((url, title, note))
            elif holder not in holders:
                holders.append(holder)
        if not missing:
            report.page_notes_file, report.page_notes_earlier = holders[0], holders[1:]
            return
        parts = [f"# Page notes from {path.name}\n"]
        for url, title, note in missing:
            parts.append(f"## {title or url}\n\n<{url}>\n\n{note.strip()}\n")
        report.page_notes_file = self._keep(path, "-page-notes.md", "\n".join(parts))
        report.page_notes_earlier = [kept for kept, _ in held]
        report.page_notes_new = len(missing)

    def _earlier(self, path: Path, suffix: str) -> list[Path]:
        """The files earlier imports of the export at path wrote in FAILURES_DIR with this
        suffix, newest first."""
        folder = self._failures_dir()
        if not folder.is_dir():
            return []
        earlier = re.compile(re.escape(_kept_stem(path)) + _KEPT_STAMP + re.escape(suffix))
        return [p for p in sorted(folder.iterdir(), reverse=True) if earlier.fullmatch(p.name)]

    def _keep(self, path: Path, suffix: str, text: str, formerly: str | None = None) -> Path:
        """Write text to a new file named for the export and the time in FAILURES_DIR; when an
        earlier import of the same export wrote the same text (with this suffix, or the one
        such files had formerly), that file is named instead, so importing an export again
        writes nothing. A file of the same name (written in the same second) is never replaced:
        a number is added."""
        from library.fsutil import atomic_write, open_appending

        folder = self._failures_dir()
        folder.mkdir(parents=True, exist_ok=True)
        data = text.encode()
        earlier = self._earlier(path, suffix) + (self._earlier(path, formerly) if formerly else [])
        for kept in earlier:
            if kept.stat().st_size == len(data) and kept.read_bytes() == data:
                return kept
        stamp = f"{_kept_stem(path)}-{time.strftime('%Y%m%d-%H%M%S')}"
        number = 1
        while True:  # the name taken at once: another import in the same second takes the next
            target = folder / (f"{stamp}{suffix}" if number == 1 else f"{stamp}-{number}{suffix}")
            try:
                os.close(open_appending(target))  # a new file, never one that exists
                break
            except FileExistsError:
                number += 1
        try:
            atomic_write(target, data)
        except BaseException:
            target.unlink(missing_ok=True)  # the empty file that held the name
            raise
        return target


def render_link_list(failures: list[tuple[Link, str]]) -> str:
    """Links in Pocket's `ril_export.html` form, each failure's reason in a comment."""
    rows = []
    for link, reason in failures:
        saved = ""
        if link.saved:
            from datetime import datetime

            try:
                moment = datetime.fromisoformat(link.saved.replace("Z", "+00:00"))
                saved = f' time_added="{int(moment.timestamp())}"'
            except ValueError:
                saved = ""
        tags = html.escape(",".join(link.tags), quote=True)
        comment = clean_inline(reason).replace("--", "- -")
        rows.append(
            f'<!-- {comment} -->\n<li><a href="{html.escape(link.url, quote=True)}"{saved} '
            f'tags="{tags}">{html.escape(link.title or link.url)}</a></li>'
        )
    return (
        f"{_FAILURES_HEAD.decode()}\n<title>Pocket Export</title>\n</head>\n<body>\n"
        "<!-- Links Margin could not import; retry with: margin import THIS-FILE -->\n"
        "<h1>Unread</h1>\n<ul>\n" + "\n".join(rows) + "\n</ul>\n</body>\n</html>\n"
    )


# -- helpers ---------------------------------------------------------------------------------------
# The time (and a number, for a second file in the same second) in the name of a file `_keep`
# writes.
_KEPT_STAMP = r"-\d{8}-\d{6}(?:-\d+)?"
_FAILED = "-failed"  # after the time in the name of a list of failures


def _kept_stem(path: Path) -> str:
    """The start of the names of the files kept for the export at path (a retry's own list,
    itself a kept file, gives the stem of the export it came from)."""
    return re.sub(f"{_KEPT_STAMP}(?:{_FAILED})?$", "", path.stem)[:40] or "export"


def _words(text: str) -> str:
    """Text with each run of white space one space: words compared across line breaks."""
    return " ".join(text.split())


def _page_sections(text: str, urls: set[str]) -> dict[str, str]:
    """What a page-notes file (`ForeignImports._write_page_notes`) says under each page (a
    `## ` title line, then a `<URL>` line, URL one of urls), by URL: its words, with a space
    either side so a note is found as whole words, and only under its own page (a note another
    page has, or words of a title or a longer note, are not that note). A note's own heading
    and `<link>` lines are its words, unless the link is to another page with notes."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    at = 0
    while at < len(lines):
        url = re.fullmatch(r"<(.*)>", lines[at + 1]) if at + 1 < len(lines) else None
        if lines[at].startswith("## ") and url is not None and url.group(1) in urls:
            current = sections.setdefault(url.group(1), [])
            at += 2
            continue
        if current is not None:
            current.append(lines[at])
        at += 1
    return {url: f" {_words(' '.join(said))} " for url, said in sections.items()}


def _is_failures_list(data: bytes) -> bool:
    """Whether a file is a list of failures Margin wrote: it starts as Margin starts one, up to
    its marker (saved again by an editor: a byte order mark, CRLF line ends), not a quote of
    the marker further on."""
    head = data[: 2 * len(_FAILURES_HEAD)].removeprefix(BOM_UTF8).replace(b"\r\n", b"\n")
    return head.startswith(_FAILURES_HEAD)


def _url_job(url: str) -> ImportJob:
    from annotations.workspace.articles import ImportJob

    return ImportJob(url, "url")


def _url_key(url: str) -> str:
    """A URL compared loosely: no scheme, no `www.`, no fragment, no trailing slash; text
    urlsplit refuses (an unclosed '[' after '//') as it is, which matches only itself."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}"


def _unique(links: list[Link]) -> list[Link]:
    seen: set[str] = set()
    out = []
    for link in links:
        key = _url_key(link.url)
        if key not in seen:
            seen.add(key)
            out.append(link)
    return out


def _adjust(link: Link, parsed: Parsed) -> None:
    """What the export knows wins over what the page says: title, tags, authors, dates.

    Not a title that is only the link's address: Pocket writes the URL where it has no title
    for a page (never resolved, or saved without one), as Margin's list of failures does, and
    no such export tells a title the user edited from one found at saving; a real title there
    is kept as the user's, the address gives way to the page's own.
    """
    if link.title and (_url_key(link.title) != _url_key(link.url) or not parsed.title):
        parsed.title = link.title
    parsed.tags = [*parsed.tags, *link.tags]
    if link.authors and not parsed.authors:
        parsed.authors = list(link.authors)
    if link.published and not parsed.published:
        parsed.published = link.published
    parsed.url = parsed.url or link.url
    parsed.saved = link.saved


def _title_key(title: str) -> str:
    """A book's title compared: case, accents and punctuation folded ("Walden; or, Life in
    the Woods" and "walden or life in the woods" are one title)."""
    from library.searchtext import fold

    return " ".join(re.sub(r"[^\w\s]", " ", fold(title.replace("'", "").replace("’", ""))).split())


def _named(authors: list[str]) -> bool:
    """Whether a list of authors names anyone."""
    return any(a.strip() for a in authors)


def _weight(passage: str) -> int:
    """What a passage two books share weighs as evidence that they are one (`_one_book`): 2 for
    a sentence of a book's own (_OWN_WORDS), 1 for a short line many books may share."""
    return 2 if count_words(passage) >= _OWN_WORDS else 1


def _one_book(shared: int, *sides: int) -> bool:
    """Whether the passages two exports (or an export and a text) share, weighed (`_weight`),
    show them one book: two short ones or one long one (one short line, "All rights
    reserved.", may be any book's), or the one passage of a side (a book of one passage
    imported again)."""
    return shared >= 2 or (shared == 1 and 1 in sides)


def _untaken(taken: Callable[[str], object], source: str) -> str:
    """source, numbered (`#2`, `#3`…) past those taken: a second book of one title whose
    authors nothing names is not the first one updated."""
    number = 2
    while taken(f"{source}#{number}") is not None:
        number += 1
    return f"{source}#{number}"


def _same_authors(ours: list[str], theirs: list[str]) -> bool:
    """Whether two lists of authors may name the same people: a name of one can be a name of
    the other, whatever its order ("Thoreau, Henry David" and "Henry David Thoreau"), accents or
    punctuation; or either list is empty (nothing to tell them apart)."""
    from annotations.citation.names import same_person

    mine, other = [a for a in ours if a.strip()], [a for a in theirs if a.strip()]
    if not mine or not other:
        return True
    return any(same_person(a, b) for a in mine for b in other)


def _clip_id(clip: Clip) -> str:
    """The id of the highlight a clip makes: its own, else one derived from its key (the same
    each time the export is imported): `uuid.uuid5(_CLIP_NAMESPACE, key)` in its string form,
    made from the hash's bytes directly (a third of the time: 100,000 a book)."""
    if clip.id:
        return clip.id
    made = bytearray(sha1(_CLIP_NAMESPACE.bytes + (clip.key or _clip_key(clip)).encode()).digest())
    made[6] = made[6] & 0x0F | 0x50  # version 5
    made[8] = made[8] & 0x3F | 0x80  # RFC 4122's variant
    hexed = made[:16].hex()
    return f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"


def _taken(clips: list[Clip]) -> Iterator[Clip]:
    """Each clip from the end of clips, taken out of the list as it is given."""
    while clips:
        yield clips.pop()


def _clip_key(clip: Clip) -> str:
    return "\x1f".join([clip.url or "", clip.title, clip.label or "", clip.quote])


def _made_up_labels(book: Article, passages: _Passages, clips: list[Clip]) -> set[tuple[str, str]]:
    """(label, words) of each passage of a book that an older Margin put on a made-up page and
    a clip now says is on none: the clip's offset it took for a page ("5000", `Clip.made_up`),
    or the page's number in the page map, which stands in for a label left empty (a KOReader
    highlight without a page cited "p. 3"). A label another export gave is not made up."""
    found: set[tuple[str, str]] = set()
    placeless = [clip for clip in clips if not clip.label and clip.quote]
    if not placeless or not book.pages:
        return found  # the common case, a device's clippings: each has its place
    entries = {page.start: (str(number), page.label) for number, page in enumerate(book.pages, 1)}
    for clip in placeless:
        quote = clean_inline(clip.quote)
        where = passages.find("", quote) if quote else None
        entry = entries.get(where[0]) if where is not None else None
        if entry is not None and entry[1] in (entry[0], clip.made_up):
            found.add((entry[1], quote))
    return found


def _book_article(
    title: str,
    authors: list[str],
    source: str,
    clips: list[Clip],
    previous: Article | None,
    made_up: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
    taken: Callable[[str], bool] | None = None,
) -> Article:
    """The article of a book's passages: those already in it and the new ones, in location
    order, each a paragraph whose page-map entry carries its location or page (those on no
    page first, with no entry: `_passage_order`); a passage of previous on a made-up page
    (`_made_up_labels`) is one on no page now, where its clip's export orders it."""
    from library.importer import article_id, content_hash
    from library.store import utc_now

    passages: dict[tuple[str, str], _Order] = {}
    locator: LocatorKind = "location"
    if previous is not None:
        locator = previous.locator
        for index, (label, start, end) in enumerate(_passage_spans(previous)):
            words = previous.text[start:end]
            if (label, words) in made_up:
                continue  # placed again by its clip, on no page
            if label or previous.pages or words != previous.title:  # not a book of no passages
                passages[(label, words)] = _passage_order(label, index, held=True)
    # Words the book holds already are that passage under another label too, or under none
    # (Margin's csv gives no Location for a passage on no page, older ones an offset; Readwise
    # one number for a range): no second copy of them, as their highlight is placed on the
    # first (`_Passages.find`).
    held = {quote for _, quote in passages}
    kinds = {c.locator for c in clips if c.quote.strip() and c.locator is not None}
    if previous is None and kinds and "location" not in kinds:
        locator = "chapter" if kinds == {"chapter"} else "page"
    for clip in clips:
        quote = clean_inline(clip.quote)
        if quote and quote not in held:
            # A passage another export locates in other units than the book counts (a KOReader
            # page in a Kindle book of locations) is on no page: "loc. 88" would be wrong.
            label = (clip.label or "") if clip.locator in (None, locator) else ""
            passages.setdefault((label, quote), _passage_order(label, clip.order, held=False))
    # Words inside another passage with the same label are part of it (a highlight made in
    # Margin on some of a passage's words, which Margin's csv gives that passage's label):
    # `_Passages.find` places it there, with no second copy of its words.
    # Compared within a label only, and not in a crowd under one label (a file of thousands of
    # rows with one location would make it quadratic).
    by_label: dict[str, list[str]] = defaultdict(list)
    for label, quote in passages:
        if label:
            by_label[label].append(quote)
    for label, quotes in by_label.items():
        if len(quotes) <= _SAME_LABEL_COMPARED:
            for quote in quotes:
                if any(quote in other and quote != other for other in quotes):
                    del passages[(label, quote)]
    ordered = sorted(passages, key=lambda k: (passages[k], k[1]))
    text, blocks = build_text(("paragraph", quote) for _, quote in ordered)
    # A passage without a label is on no page: it cites none, and its highlights export none.
    pages = [
        Page(b.start, b.end, label) for b, (label, _) in zip(blocks, ordered, strict=True) if label
    ]
    if not text:
        text, blocks = build_text([("paragraph", title)])
        pages = []
    # The page map is part of what a book of passages holds: the same words on other pages
    # (a made-up page taken away) are a change to store.
    digest = content_hash(title, text + "\x00" + "\x1f".join(f"{p.start}:{p.label}" for p in pages))
    ident = previous.id if previous is not None else article_id(title, content_hash(title, text))
    if previous is None and taken is not None and taken(ident):
        # Another book of this title with these words, at other places (two "Notes" with one
        # short passage): its own id, never the other's overwritten.
        ident = article_id(title, content_hash(title, text + "\x00" + source))
    article = Article(
        id=ident,
        title=title,
        authors=list(authors),
        source=source,
        imported=utc_now(),
        words=count_words(text),  # as every import counts (no list of every word)
        content_hash=digest,
        item_type="book",
        text=text,
        blocks=blocks,
        pages=pages,
        locator=locator,
    )
    return article


def _passage_moves(previous: Article, book: Article) -> Callable[[Annotation], Annotation]:
    """Where a highlight on a passage of previous goes in book, its rebuilt text: onto the same
    words of the passage they moved to (a passage put first, or after a new one), its context
    taken there, so re-anchoring finds it in place however short its words; a highlight on no
    passage that moved, as it was. A passage goes to the one with its label and words (the same
    words at two locations are two passages), else to the first with its words (a made-up page
    taken off, `_made_up_labels`: rare, so looked for only then)."""
    to = {hash((label, book.text[start:end])): start for label, start, end in _passage_spans(book)}
    by_words: dict[int, int] = {}

    def place(label: str, words: str, start: int) -> int:
        found = to.get(hash((label, words)))
        if found is not None:
            return found
        if not by_words:
            for _, at, end in _passage_spans(book):
                by_words.setdefault(hash(book.text[at:end]), at)
        return by_words.get(hash(words), start)

    spans = [(start, end, place(label, previous.text[start:end], start))
             for label, start, end in _passage_spans(previous)]  # fmt: skip
    starts = [start for start, _, _ in spans]

    def moved(mark: Annotation) -> Annotation:
        if mark.place is not None and not mark.quote:  # a note on no words: by its place
            start = _note_offset(book, mark.place)
            prefix, suffix = context_around(book.text, start, start)
            return replace(mark, start=start, end=start, prefix=prefix, suffix=suffix)
        at = bisect_right(starts, mark.start) - 1
        if at < 0 or mark.end > spans[at][1] or spans[at][2] == spans[at][0]:
            return mark
        start = mark.start + spans[at][2] - spans[at][0]
        end = start + mark.end - mark.start
        if book.text[start:end] != mark.quote:  # not those words there (hashes that collide)
            return mark
        prefix, suffix = context_around(book.text, start, end)
        return replace(mark, start=start, end=end, prefix=prefix, suffix=suffix)

    return moved


def _note_offset(book: Article, label: str) -> int:
    """Where a note on no words written at label stands in a book of passages: at the start
    of the first passage whose place comes after label's (`label_order`), else at the end."""
    wanted = label_order(label)
    return next(
        (start for at, start, _ in _passage_spans(book) if at and label_order(at) > wanted),
        len(book.text),
    )


def _passage_order(label: str, then: int | tuple[int, ...], *, held: bool) -> _Order:
    """Where a book's passage goes: by its label's numbers (`label_order`); a passage without
    one (its place in the book not known) before every page, so that no page holds it
    (`page_at` gives the last page every offset after its start). Under one label (or none),
    those the book held as they were (then: their place in it), then new ones as their export
    orders them (then: the clip's order: a location, the file's order on a page)."""
    return (label_order(label) if label else _NO_PAGE, 0 if held else 1, then)


_Order = tuple[tuple[int, ...], int, int | tuple[int, ...]]
_NO_PAGE = (-1,)  # before every label's numbers


def _passage_spans(article: Article) -> Iterator[tuple[str, int, int]]:
    """Each passage (a block) of an article made of passages: its label ("" when no page holds
    it: a page's passages, a book's passage whose place is not known) and its span."""
    labels = {page.start: page.label for page in article.pages}
    for block in article.blocks:
        yield labels.get(block.start, ""), block.start, block.end


def _passages_article(
    first: Clip, clips: list[Clip], key: str, previous: Article | None = None
) -> Article:
    """An article of a page's highlighted passages, for a page that could not be fetched: those
    of previous (the same page's, from an earlier import) first, as they were, then new ones."""
    from library.importer import article_id, content_hash
    from library.store import utc_now

    quotes: list[str] = []
    if previous is not None and previous.text != previous.title:  # not one of no passages
        quotes = [previous.text[b.start : b.end] for b in previous.blocks]
    for clip in clips:
        quote = clean_inline(clip.quote)
        if quote and quote not in quotes:
            quotes.append(quote)
    title = previous.title if previous is not None else first.title or (first.url or key)
    text, blocks = build_text([("paragraph", q) for q in quotes] or [("paragraph", title)])
    digest = content_hash(title, text)
    return Article(
        id=previous.id if previous is not None else article_id(title, digest),
        title=title,
        url=previous.url if previous is not None else first.url,
        source=(previous.source if previous is not None else None)
        or PASSAGES_SOURCE + (first.url or key),
        imported=utc_now(),
        words=count_words(text),  # as every import counts (no list of every word)
        content_hash=digest,
        text=text,
        blocks=blocks,
    )


class _SpansByHash:
    """Spans (packed in one int) looked up by a hash: two sorted arrays, 16 bytes an entry."""

    __slots__ = ("hashes", "spans")

    def __init__(self, pairs: Iterator[tuple[int, int]]) -> None:
        ordered = sorted(pairs)  # equal hashes: the earliest span first
        self.hashes = array("q", [h for h, _ in ordered])
        self.spans = array("Q", [span for _, span in ordered])

    def get(self, key: int) -> Iterator[int]:
        """The spans stored under key (more than one only when hashes collide)."""
        at = bisect_left(self.hashes, key)
        while at < len(self.hashes) and self.hashes[at] == key:
            yield self.spans[at]
            at += 1


class _Passages:
    """Where each passage of an article made of passages is, found by its label and words or by
    its words alone. Kept as hashes and packed spans, each find checked against the text: a book
    of 100,000 passages holds no second copy of them."""

    __slots__ = ("_by_quote", "_label_only", "article", "by_label", "text")

    def __init__(self, article: Article) -> None:
        self.article, self.text = article, article.text
        self.by_label = _SpansByHash((hash((label, p)), span) for label, p, span in self._units())
        self._by_quote: _SpansByHash | None = None  # made on the first miss by label
        self._label_only: _SpansByHash | None = None  # made on the first miss by words

    def _units(self) -> Iterator[tuple[str, str, int]]:
        text = self.text
        for label, start, end in _passage_spans(self.article):
            yield label, text[start:end], pack_span(start, end)

    def _holding(self, spans: Iterator[int], quote: str) -> tuple[int, int] | None:
        for packed in spans:
            start, end = unpack_span(packed)
            if end - start == len(quote) and self.text.startswith(quote, start):
                return start, end
        return None

    def exact(self, label: str, quote: str) -> bool:
        """Whether a passage with this label has exactly these words."""
        return self._holding(self.by_label.get(hash((label, quote))), quote) is not None

    def has(self, label: str, quote: str) -> bool:
        """Whether the passage is there, by its label and words or by its words alone (as `find`
        places its highlight); an empty one always."""
        return not quote or self.find(label, quote) is not None

    def find(self, label: str, quote: str) -> tuple[int, int] | None:
        """The span of the passage with this label and these words, else of the first with
        these words, else of these words inside a passage with this label (a highlight made in
        Margin on part of a passage, which Margin's csv gives that passage's label), else
        None."""
        found = self._holding(self.by_label.get(hash((label, quote))), quote)
        if found is None:
            if self._by_quote is None:
                self._by_quote = _SpansByHash((hash(p), span) for _, p, span in self._units())
            found = self._holding(self._by_quote.get(hash(quote)), quote)
        if found is None and label and quote:
            if self._label_only is None:
                self._label_only = _SpansByHash((hash(lb), span) for lb, _, span in self._units())
            for packed in self._label_only.get(hash(label)):
                start, end = unpack_span(packed)
                at = self.text.find(quote, start, end)
                if at != -1:
                    return at, at + len(quote)
        return found


__all__ = ["ExportReport", "ForeignImports", "LibraryError", "Progress", "render_link_list"]
