"""Article use cases: import (with re-anchoring and indexing), list, edit, remove and restore."""

from __future__ import annotations

import contextlib
import os
import re
from collections import Counter, deque
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from library.catalogfile import Listing, date_order, title_order
from library.errors import ImportFailed, LibraryError
from library.model import Article, ArticleMeta
from library.store import BatchOutcome, BeforeUpdate, ImportResult, Library, TrashEntry
from library.text import plural

if TYPE_CHECKING:
    from concurrent.futures import Future

    from annotations.model import Annotation
    from annotations.store import ReanchorReport
    from annotations.workspace.core import Workspace
    from library.importer import RawSource
    from library.importers.exports import ExportFormat
    from library.parallel import Failure, ParsedFile
    from library.parsers import Parsed

TRASHED_ANNOTATIONS = "annotations.json"  # an article's highlights, in its trash folder
# Exports a folder import looks inside (other files are read as articles or skipped by suffix):
# a Kindle's `My Clippings.txt` and KOReader's `<book>.sdr/metadata.<ext>.lua`.
_EXPORT_NAME = re.compile(r"(?i)^(?:my clippings.*\.txt|metadata\.[a-z0-9]+\.lua)$")
STORE_BATCH = 25  # articles stored under one hold of the catalog's lock, with one catalog write
# Files parsed ahead of the one being stored: two batches at least, so that the workers keep
# parsing while a batch is made durable (its fsyncs wait on the disk, which another program may
# keep busy). Counted in files, however many a task holds (`_parse_ahead`), so the larger tasks
# of a long folder keep no more built articles waiting in memory than small ones.
PARSE_AHEAD = 2 * STORE_BATCH
# Files a worker reads and parses in one task: a task's round trip between the processes costs
# ~0.3 ms of CPU, a tenth of a page's parse, paid once for these. The fewest: the tasks parsed
# here while the workers start, and the last ones (`_take`); the most: a task of the middle.
PARSE_CHUNK = 5
PARSE_CHUNK_MOST = 25
Status = Literal["imported", "updated", "unchanged", "failed", "skipped"]
_LIST_IT = "check its permissions: listing it takes read and execute"
Sort = Literal["imported", "published", "title"]


@dataclass(frozen=True, slots=True)
class ImportJob:
    """One thing to import: a file, a URL, or standard input ("-"); or a folder that could not
    be read, which fails in its turn."""

    name: str  # as the user gave it, for messages
    # export: another tool's (workspace.imports); unreadable: a folder that could not be listed
    kind: Literal["file", "url", "stdin", "export", "unreadable"]
    path: Path | None = None
    format: ExportFormat | None = None  # an export's, as recognised when planned
    error: str | None = None  # an unreadable folder's one-line reason


@dataclass(slots=True)
class ImportPlan:
    """What an import will do: the jobs, and the files of a folder it leaves out (and why)."""

    jobs: list[ImportJob] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)


@dataclass(frozen=True, slots=True)
class Imported:
    """What importing one source did."""

    name: str
    status: Status
    article: ArticleMeta | None = None
    report: ReanchorReport | None = None  # what happened to its highlights, when it was updated
    error: str | None = None  # the one-line reason, when it failed
    summary: str | None = None  # for another tool's export: what it brought, on one line
    # For another tool's export imported in part: a line for each part left out.
    warnings: tuple[str, ...] = ()
    # For another tool's export: how many of its articles ended in each status, and how many
    # highlights it added (the summary counts these, not the export file, as imported).
    brought: tuple[tuple[str, int], ...] = ()
    highlights_added: int = 0

    def line(self) -> str:
        """One line for the user: `updated    <id>  <source>  (highlights: 3 kept)`."""
        if self.error is not None:
            return self.error
        if self.summary is not None:
            return f"{self.status:<10} {self.name}  ({self.summary})"
        assert self.article is not None
        line = f"{self.status:<10} {self.article.id}  {self.name}"
        if self.report is not None and self.report.total:
            line += f"  ({self.report.describe()})"
        return line


@dataclass(slots=True)
class ImportSummary:
    """Every source of one import, in order."""

    results: list[Imported] = field(default_factory=list)
    skipped: int = 0

    @property
    def counts(self) -> Counter[str]:
        """How many sources ended in each status (skipped files counted too)."""
        found: Counter[str] = Counter(r.status for r in self.results)
        found["skipped"] += self.skipped
        return found

    @property
    def failed(self) -> int:
        """How many sources could not be imported."""
        return self.counts["failed"]

    @property
    def in_part(self) -> int:
        """How many exports were imported with some of their entries left out."""
        return sum(1 for r in self.results if r.warnings)

    @property
    def complete(self) -> bool:
        """Whether every source was imported whole (`margin import` exits 1 otherwise); the
        files of a folder that are not articles, or links out of it, are left out by choice."""
        return not self.failed and not self.in_part

    def problems(self) -> list[str]:
        """A line for each failure and for each part of an export left out, in order."""
        return [line for r in self.results for line in ([r.error] if r.error else r.warnings)]

    def lines(self) -> list[str]:
        """What another tool's exports brought, a line each (`imported  clips.csv  (Articles:
        …; Highlights: …)`), then the summary line."""
        return [r.line() for r in self.results if r.summary is not None] + [self.line()]

    def line(self) -> str:
        """`Summary: 3 articles imported, 1 updated, 0 failed, 1 file skipped`: articles, not
        files (an export brings many; `(5 from 2 exports)` says how many came from exports)."""
        articles: Counter[str] = Counter()
        from_exports = exports = highlights = 0
        for r in self.results:
            if r.summary is None:
                articles[r.status] += 1
                continue
            exports += 1
            brought = Counter(dict(r.brought))
            from_exports += brought["imported"]
            articles += brought
            highlights += r.highlights_added
        imported = f"{plural(articles['imported'], 'article')} imported"
        if exports:
            imported += f" ({from_exports} from {plural(exports, 'export')})"
        parts = [imported]
        parts += [f"{articles[k]} {k}" for k in ("updated", "unchanged") if articles[k]]
        if highlights:
            parts.append(f"{plural(highlights, 'highlight')} added")
        parts.append(f"{articles['failed']} failed")
        if self.skipped:
            parts.append(f"{plural(self.skipped, 'file')} skipped")
        if self.in_part:
            parts.append(f"{plural(self.in_part, 'export')} imported in part (entries skipped)")
        return "Summary: " + ", ".join(parts)


class BadField(LibraryError):
    """A metadata value that cannot be read; the message says how to write it."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field  # the model's field name: "item_type", "language", …
        super().__init__(message)


class BadDate(BadField):
    """A date that cannot be read; the message says how to write it."""

    def __init__(self, message: str) -> None:
        super().__init__("published", message)


def _read_bibliographic(changes: dict[str, object]) -> None:
    """Item type, language and DOI as the model stores them; BadField when one cannot be read."""
    from library.itemtypes import read_item_type, read_language, type_choices

    value = changes.get("item_type")
    if isinstance(value, str) and value.strip():
        found = read_item_type(value)
        if found is None:
            raise BadField("item_type", f"unknown type '{value}'; choose one of: {type_choices()}")
        changes["item_type"] = found
    value = changes.get("language")
    if isinstance(value, str) and value.strip():
        language = read_language(value)
        if language is None:
            raise BadField(
                "language", f"cannot read '{value}' as a language; use a tag such as en, fr, de-AT"
            )
        changes["language"] = language
    value = changes.get("doi")
    if isinstance(value, str):
        changes["doi"] = re.sub(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value.strip())


class Articles:
    """The articles of a workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        # In a write-behind batch: the search index is updated at its end, once the files are
        # in place (it reads them).
        self._index_later = False

    # -- import ------------------------------------------------------------------------------------
    def plan(
        self, sources: list[str] | tuple[str, ...], *, follow_symlinks: bool = False
    ) -> ImportPlan:
        """Expand sources into import jobs: folders recursively, their other files skipped, and
        links leading outside a folder skipped unless follow_symlinks."""
        from library import importers
        from library.fetch import is_url
        from library.store import iter_folder

        plan = ImportPlan()
        for source in sources:
            path = Path(source).expanduser()
            if source == "-":
                plan.jobs.append(ImportJob(source, "stdin"))
            elif is_url(source):
                plan.jobs.append(ImportJob(source, "url"))
            elif (fmt := self.workspace.imports.recognise(path)) is not None:
                plan.jobs.append(ImportJob(source, "export", path, fmt))  # a file, or unpacked
            elif path.is_dir():
                outside: list[tuple[Path, str]] = []
                unreadable: list[tuple[Path, str]] = []
                found = list(
                    iter_folder(
                        path,
                        follow_symlinks=follow_symlinks,
                        skipped=outside,
                        unreadable=unreadable,
                    )
                )
                plan.skipped.extend((str(link), reason) for link, reason in outside)
                for folder, why in unreadable:
                    error = ImportFailed(str(folder), f"cannot list the folder ({why})", _LIST_IT)
                    plan.jobs.append(ImportJob(str(folder), "unreadable", folder, error=str(error)))
                # A folder inside that an export was unpacked to is that export, not its files.
                folders = sorted({file.parent for file in found})
                recognised = {d: self.workspace.imports.recognise(d) for d in folders}
                unpacked = [d for d, fmt in recognised.items() if fmt is not None]
                exports = [d for d in unpacked if not any(u in d.parents for u in unpacked)]
                planned: set[Path] = set()
                for file in found:
                    root = next((d for d in exports if d in file.parents), None)
                    if root is not None:
                        if root not in planned:
                            planned.add(root)
                            plan.jobs.append(ImportJob(str(root), "export", root, recognised[root]))
                    elif _EXPORT_NAME.match(file.name) and (
                        fmt := self.workspace.imports.recognise(file)
                    ):
                        # A Kindle's clippings or a KOReader book's sidecar among the files.
                        plan.jobs.append(ImportJob(str(file), "export", file, fmt))
                    elif file.suffix.lower() in importers.suffixes():
                        plan.jobs.append(ImportJob(str(file), "file", file))
                    else:
                        plan.skipped.append((str(file), f"not a {importers.suffix_list()} file"))
            else:
                plan.jobs.append(ImportJob(source, "file", path))
        return plan

    def run(
        self,
        plan: ImportPlan,
        *,
        stdin: Callable[[], bytes] | None = None,
        progress: Callable[[Imported], None] | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> ImportSummary:
        """Import every job in order; a failure is recorded and the rest carry on.

        progress is called after each job (a CLI line, a progress bar); stop, before each, ends
        the run early when it returns True. What was imported before stays imported.
        """
        from library.limits import POOL_MIN_JOBS

        summary = ImportSummary(skipped=len(plan.skipped))
        self.workspace.library.ensure()
        files = [job for job in plan.jobs if job.kind == "file"]
        parsed = self._parse_ahead(files) if len(files) >= POOL_MIN_JOBS else None
        library = self.workspace.library
        held = contextlib.ExitStack()
        batch: BatchOutcome | None = None
        stored: list[Imported] = []  # in the open batch: acknowledged once it is durable

        def acknowledge(done: Imported) -> None:
            summary.results.append(done)
            if progress is not None:
                progress(done)

        def close_batch() -> None:
            # The batch's files are on disk (each fsynced before its rename, the folder after)
            # once the block ends: only then are its imports reported and indexed.
            nonlocal batch
            self._index_later = False
            try:
                held.close()
            finally:
                failed = batch.failed if batch is not None else {}
                batch = None
                told: list[Imported] = []
                for done in stored:
                    error = None
                    # What was found unchanged wrote nothing: no failed write is its own.
                    if done.article is not None and done.status in ("imported", "updated"):
                        error = failed.get(done.article.id)
                    if error is not None and _stood(library, done.article):
                        error = None  # its version is the one kept: a later write failed
                    if error is not None:
                        done = Imported(done.name, "failed", error=f"{done.name}: {error}")
                    told.append(done)
                stored.clear()
                # One write of the search index for the batch (it reads the files in place).
                changed = [
                    d.article.id
                    for d in told
                    if d.article is not None and d.status in ("imported", "updated")
                ]
                try:
                    if changed:
                        self.workspace.search_index.articles_changed(changed)
                finally:
                    # Each is told, even after ctrl+c comes while one is: they are on disk.
                    _each(acknowledge, told)

        try:
            for job in plan.jobs:
                if stop is not None and stop():
                    break
                if job.kind == "file" and batch is None:
                    # One catalog write for each few files, the lock held while they are
                    # stored; never while a URL is fetched or an export runs. Several files are
                    # written by threads meanwhile (their fsyncs overlap), durable at its end;
                    # a single file is written here, as any other single write is.
                    batch = held.enter_context(library.batch(write_behind=len(files) > 1))
                    self._index_later = True
                elif job.kind != "file" and batch is not None:
                    close_batch()
                found = next(parsed) if parsed is not None and job.kind == "file" else None
                if found is not None:
                    done = self._store_parsed(job, found)
                else:
                    done = self.import_one(job, stdin=stdin)
                if batch is None:
                    acknowledge(done)
                    continue
                stored.append(done)
                if len(stored) >= STORE_BATCH:
                    close_batch()
        finally:
            try:
                close_batch()
            finally:  # also after a second ctrl+c: the workers are stopped
                if parsed is not None:
                    parsed.close()
        return summary

    def _parse_ahead(
        self, jobs: list[ImportJob]
    ) -> Generator[ParsedFile | Failure | None, None, None]:
        """The files of jobs read and parsed by worker processes on every core, in order, a few
        to a task (`_chunk_size`), at least two batches ahead of the one being stored
        (PARSE_AHEAD, counted in files, whatever a task holds). None
        for a file to import here, as on one core: the first files, while the workers start
        (their fork server imports the parsers, a few hundred ms of one core: on a thread,
        meanwhile), and a file the workers did not parse (a worker killed, or a bug the parser
        raised), so that it fails alone, with the same one-line reason, and the others carry
        on."""
        import threading
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        from library.parallel import ParsePool

        caps = self.workspace.library.caps
        starting: Future[ParsePool] = Future()

        def start() -> None:
            try:
                starting.set_result(ParsePool(caps))
            except BaseException as exc:  # no workers to be had: the files are parsed here
                starting.set_exception(exc)

        threading.Thread(target=start, name="margin-parse-pool", daemon=True).start()
        left = deque(jobs)
        # Each task: how many files it holds, and its future (None: parsed here).
        waiting: deque[tuple[int, Future[list[ParsedFile | Failure | None]] | None]] = deque()
        try:
            while not starting.done() and left:
                yield from [None] * len(_take(left, PARSE_CHUNK))
            try:
                pool = starting.result()
            except Exception:
                yield from [None] * len(left)
                return
            # Files in flight (sent, or parsed and not yet stored), however many a task holds:
            # their articles wait in this process (a 50 MB PDF's text each, at worst).
            ahead = max(4 * pool.workers * PARSE_CHUNK, PARSE_AHEAD)
            broken = False

            def submit() -> None:
                nonlocal broken
                while left and sum(size for size, _ in waiting) < ahead:
                    chunk = _take(left, _chunk_size(len(left), pool.workers))
                    paths = [job.path for job in chunk if job.path is not None]
                    assert len(paths) == len(chunk)
                    try:
                        waiting.append((len(chunk), None if broken else pool.files(paths)))
                    except (BrokenProcessPool, RuntimeError, OSError):
                        broken = True  # no workers to be had: the rest are parsed here
                        waiting.append((len(chunk), None))

            submit()
            while waiting:
                size, future = waiting.popleft()
                found: list[ParsedFile | Failure | None] = [None] * size
                try:
                    if future is not None:
                        found = future.result()
                except Exception:  # parsed again here, where the error is reported
                    pass
                submit()
                yield from found
        finally:
            # Once started, if the import ended before (ctrl+c, stop): the parses under way are
            # not waited for (a task of big PDFs takes a worker a while).
            under_way = any(future is not None and not future.done() for _, future in waiting)
            with contextlib.suppress(Exception):
                starting.result().close(at_once=under_way)

    def _store_parsed(self, job: ImportJob, found: ParsedFile | Failure) -> Imported:
        """Store a file a worker parsed, as `import_one` would have."""
        from library.parallel import Failure

        if isinstance(found, Failure):
            return Imported(job.name, "failed", error=str(found.error()))
        library = self.workspace.library
        return self._import(job.name, lambda hook: library.import_built(found.article, hook))

    def import_one(self, job: ImportJob, *, stdin: Callable[[], bytes] | None = None) -> Imported:
        """Import one source: its highlights re-anchored before the new text is written, the
        search index kept in step. Errors become a failed result with a one-line reason."""
        library = self.workspace.library
        if job.kind == "unreadable":
            return Imported(job.name, "failed", error=job.error)
        if job.kind == "stdin":
            read = stdin or (lambda: b"")
            return self._import(
                job.name, lambda hook: library.import_bytes(read(), before_update=hook)
            )
        if job.kind == "url":
            return self._import(job.name, lambda hook: library.import_url(job.name, hook))
        path = job.path
        assert path is not None
        if job.kind == "export":
            return self._import_export(job.name, path, job.format)
        return self._import(job.name, lambda hook: library.import_file(path, hook))

    def import_parsed(
        self, parsed: Parsed, source: str, adjust: Callable[[Parsed], None] | None = None
    ) -> Imported:
        """Store what a parser found (in a worker process), as an import does."""
        library = self.workspace.library
        return self._import(
            source, lambda hook: library.import_parsed(parsed, source, hook, adjust)
        )

    def _import_export(self, name: str, path: Path, fmt: ExportFormat | None) -> Imported:
        """Another tool's export, as one result whose line sums up what it brought."""
        try:
            report = self.workspace.imports.run(path, fmt=fmt)
        except LibraryError as exc:
            return Imported(name, "failed", error=str(exc))
        summary = "; ".join(report.summary()[1:]) or "nothing in it to import"
        warnings = report.warnings()
        if report.failed or (warnings and not report.imported_anything):
            return Imported(name, "failed", error=f"{name}: {summary}; {warnings[-1]}")
        changed = report.articles["imported"] + report.articles["updated"]
        status: Status = "imported" if changed or report.highlights["added"] else "unchanged"
        # Pages made of passages are articles imported; books already there, unchanged ones.
        words = {"passages": "imported", "already": "unchanged"}
        brought: Counter[str] = Counter()
        for key, count in report.articles.items():
            brought[words.get(key, key)] += count
        brought["failed"] += len(report.failures)
        return Imported(
            name,
            status,
            summary=summary,
            warnings=tuple(warnings),
            brought=tuple(sorted(brought.items())),
            highlights_added=report.highlights["added"],
        )

    def import_bytes(self, data: bytes, name: str) -> Imported:
        """Import content given directly (a script, a test); name is its source."""
        library = self.workspace.library
        return self._import(name, lambda hook: library.import_bytes(data, name, hook))

    def add_built(
        self,
        article: Article,
        name: str,
        moved: Callable[[Annotation], Annotation] | None = None,
    ) -> Imported:
        """Store an article built by the caller (a book of clippings), as an import does: its
        highlights re-anchored when its text changes (sought first where moved puts them: the
        caller knows where a passage went), the search index kept in step."""
        library = self.workspace.library
        return self._import(name, lambda hook: library.add(article, hook), moved)

    def import_fetched(
        self, raw: RawSource, source: str, adjust: Callable[[Parsed], None] | None = None
    ) -> Imported:
        """Import bytes already read or fetched (an export's page), as an import does; adjust
        amends what the parser found (an export's title, tags, saved date)."""
        library = self.workspace.library
        return self._import(source, lambda hook: library.import_raw(raw, source, hook, adjust))

    def _import(
        self,
        name: str,
        call: Callable[[BeforeUpdate], ImportResult],
        moved: Callable[[Annotation], Annotation] | None = None,
    ) -> Imported:
        reports: list[ReanchorReport] = []

        def before_update(previous: Article, updated: Article) -> None:
            if previous.text != updated.text:
                store = self.workspace.store
                reports.append(store.reanchor_article(updated.id, updated.text, moved=moved))

        try:
            result = call(before_update)
            self._settle(result)
        except LibraryError as exc:
            message = str(exc) if isinstance(exc, ImportFailed) else f"{name}: {exc}"
            return Imported(name, "failed", error=message)
        except Exception as exc:
            # A bug with one file must not cost the others: say which file, then carry on.
            if os.environ.get("MARGIN_DEBUG"):
                raise
            reason = f"{exc.__class__.__name__}: {exc}"
            return Imported(name, "failed", error=f"{name}: unexpected error: {reason}")
        report = reports[0] if reports else None
        return Imported(name, result.status, result.article.meta, report)

    def _settle(self, result: ImportResult) -> None:
        """After an import: highlights checked against the stored text, the index in step."""
        if result.status != "unchanged" and not self._index_later:
            self.workspace.search_index.article_changed(result.article.id)
        # A re-import cut short last time left highlights counting in another text: mend them
        # (a new article has none to mend: its text is not fingerprinted for nothing).
        store = self.workspace.store
        article_id = result.article.id
        if result.status == "imported" and (
            not store.may_hold(article_id) or not store.for_article(article_id)
        ):
            return
        store.reanchor_article(article_id, result.article.text, only_unanchored=True)

    def seed_on_first_use(self) -> list[Imported]:
        """Import the bundled samples into a library opened for the first time, never again."""
        results = self.workspace.library.seed_on_first_use()
        for result in results:
            self._settle(result)
        return [
            Imported(r.article.source or r.article.id, r.status, r.article.meta) for r in results
        ]

    # -- reading the catalog -----------------------------------------------------------------------
    def listing(self, sort: Sort = "imported") -> list[ArticleMeta]:
        """Every article's metadata, in the order asked for."""
        metas = self.workspace.library.catalog()
        if sort == "title":
            return [metas[p] for p in title_order(metas)]
        if sort == "published":
            return [metas[p] for p in date_order(metas)]
        return metas

    def saved_catalog(self) -> list[ArticleMeta] | None:
        """The catalog as saved last time, without checking files."""
        return self.workspace.library.saved_catalog()

    def saved_listing(self) -> Listing | None:
        """The catalog as saved last time, rows decoded when first shown, files unchecked (for
        the reader's first paint; `listing()` checks the files)."""
        return self.workspace.library.saved_listing()

    def cached_catalog(self) -> list[ArticleMeta]:
        """The catalog as known, files unchecked."""
        return self.workspace.library.cached_catalog()

    @property
    def problems(self) -> list[str]:
        """Article files the catalog skipped, one line each."""
        return self.workspace.library.problems

    def citation_lacks(self, meta: ArticleMeta) -> list[str]:
        """Which of author, publication, date and URL an article's citation lacks."""
        from annotations.citation import missing_fields

        return missing_fields(meta)

    def resolve(self, ref: str) -> ArticleMeta:
        """An article by id, unique id prefix or title words."""
        return self.workspace.library.resolve(ref)

    def get(self, article_id: str) -> Article:
        """The full article with its text."""
        return self.workspace.library.get(article_id)

    # -- changing ----------------------------------------------------------------------------------
    def edit(self, ref: str, **changes: object) -> Article:
        """Fix metadata (title, authors, publication, dates, item type, language, the fields of
        a journal article, report, book or chapter, tags).

        `published` is read as a date in any common form, or a month or year alone; `item_type`
        as a CSL type or an everyday word ("blog"); `language` as a BCP 47 tag; `doi` without
        its https://doi.org/. Edited fields survive re-imports. Raises BadField (BadDate for a
        date) naming the field and how to write it.
        """
        if isinstance(changes.get("published"), str):
            from library.dates import parse_partial_date

            value = str(changes["published"])
            date = parse_partial_date(value) if value.strip() else None
            if value.strip() and date is None:
                raise BadDate(f"cannot read '{value}' as a date; use YYYY-MM-DD, YYYY-MM or YYYY")
            changes["published"] = date
        _read_bibliographic(changes)
        meta = self.resolve(ref)
        article = self.workspace.library.edit(meta.id, **changes)
        self.workspace.search_index.article_changed(meta.id)
        return article

    def remove(self, ref: str) -> TrashEntry:
        """Move an article and its highlights into the trash, together."""
        article_id = self.resolve(ref).id
        library, store = self.workspace.library, self.workspace.store
        # The store's lock keeps saves in other processes from rewriting the file being moved;
        # the catalog's is taken first, in the order an import takes them (it re-anchors
        # highlights under the catalog's lock), so the two never wait for each other.
        with library.held(), store.locked_article(article_id) as shard:
            entry = library.remove(article_id, {TRASHED_ANNOTATIONS: shard}, self._merge)
        self.workspace.search_index.article_removed(article_id)
        return entry

    def restore(self, ref: str | None = None) -> TrashEntry:
        """Bring back a removed article (the latest, or ref) and its highlights.

        Highlights saved for the article while it was in the trash (by a process that still had
        it open) are merged with the restored ones rather than overwritten.
        """
        library = self.workspace.library
        store = self.workspace.store
        # The catalog's lock first, then the store's: the order an import takes them in.
        with library.held():
            entry = library.trash_entry(ref, self._merge)
            with store.locked_article(entry.id):
                entry = library.restore(entry, self._merge)
        self.workspace.search_index.article_changed(entry.id)
        return entry

    def recover_trash(self) -> list[TrashEntry]:
        """Finish or undo removals and restores a crash cut short (see `Library.recover_trash`);
        the entries acted on."""
        acted = self.workspace.library.recover_trash(self._merge)
        for entry in acted:
            if self.workspace.library.has(entry.id):
                self.workspace.search_index.article_changed(entry.id)
            else:
                self.workspace.search_index.article_removed(entry.id)
        return acted

    def in_trash(self, article_id: str) -> TrashEntry | None:
        """The trash entry of an article removed (by another process, say) while it was open;
        None while it is in the library. Highlights saved for it meanwhile are kept and join
        it when it is restored."""
        library = self.workspace.library
        if library.path_of(article_id).exists():
            return None
        return next((e for e in library.trash_listing() if e.id == article_id), None)

    def unfinished_trash(self) -> list[TrashEntry]:
        """Removals and restores cut short and not yet finished or undone (looking only)."""
        return self.workspace.library.unfinished_trash()

    def _merge(self, name: str, in_trash: Path, in_library: Path) -> None:
        """Join highlights coming back from the trash to those saved for the article meanwhile
        (by a process that still had it open, or after a restore was cut short)."""
        if name != TRASHED_ANNOTATIONS:
            raise LibraryError(f"{in_library}: saved again meanwhile; compare it with {in_trash}")
        store = self.workspace.store
        article_id = in_library.name[: -len(".json")]
        with store.locked_article(article_id):
            store.absorb(article_id, in_trash)
            in_trash.unlink()

    def trash(self) -> list[TrashEntry]:
        """What is in the trash, most recently removed first (removals and restores cut short
        finished or undone first; those that cannot be are listed with their state)."""
        self.recover_trash()
        return self.workspace.library.trash(self._merge)


def _take(left: deque[ImportJob], count: int) -> list[ImportJob]:
    """The first count jobs of left (fewer at its end), taken off it."""
    return [left.popleft() for _ in range(min(count, len(left)))]


def _chunk_size(left: int, workers: int) -> int:
    """Files for the next task when left remain: a quarter of each worker's share, between
    PARSE_CHUNK and PARSE_CHUNK_MOST. Fewer round trips between the processes than tasks of
    PARSE_CHUNK (each costs CPU in both), and small tasks at the end, so that no worker waits
    long there for another's last task."""
    return max(PARSE_CHUNK, min(PARSE_CHUNK_MOST, left // (4 * workers)))


def _stood(library: Library, meta: ArticleMeta | None) -> bool:
    """Whether the library holds this version of an article (its content hash) after its
    batch: an import written before a later write of the same article failed (the catalog
    went back to it), not the write that failed."""
    if meta is None:
        return False
    found = library.stamped(meta.id)
    return found is not None and found[2].content_hash == meta.content_hash


def _each(call: Callable[[Imported], None], items: list[Imported]) -> None:
    """call on each of items; when one call raises (ctrl+c), those after it are still made,
    then its exception is raised."""
    for at, item in enumerate(items):
        try:
            call(item)
        except BaseException:
            _each(call, items[at + 1 :])
            raise
