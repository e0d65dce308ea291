"""Export use cases: a scope of highlights (articles, tags, stance, date) in a format, to a file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from annotations.errors import AnnotationError
from annotations.model import Annotation
from library.errors import LibraryError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from annotations.export import Exporter
    from annotations.workspace.checking import Verdict
    from annotations.workspace.core import Workspace
    from library.fsutil import Stamp
    from library.model import Article, ArticleMeta, LocatorKind, Page

    PageMaps = dict[str, tuple[LocatorKind, list[Page]]]  # by article id

Scope = Literal["article", "tag", "stance", "all"]


class BadScope(AnnotationError):
    """An export filter that cannot be read (a date, say); the message says how to give it."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export, how, and where ("-" is standard output)."""

    articles: tuple[str, ...] = ()  # references (id, prefix, title words); empty: the library
    tags: tuple[str, ...] = ()  # any of these
    stance: str | None = None  # "none": highlights without a stance
    since: str | None = None  # a date in any common form
    format: str = "md"
    style: str | None = None  # the config's quote style when None
    output: str | Path = "-"
    overwrite: bool = False
    terminal: bool = False  # "-" is a terminal: controls neutralised as the CLI shows them


@dataclass(frozen=True, slots=True)
class Exported:
    """Where an export went, how many highlights it holds, and the articles it had to skip."""

    where: str
    count: int
    skipped: list[str] = field(default_factory=list)  # one line per unreadable article
    missing: list[str] = field(default_factory=list)  # per article, what its citation lacks

    def line(self) -> str:
        """`Exported 3 highlights to brief.md`."""
        return f"Exported {self.count} highlight{'s' * (self.count != 1)} to {self.where}"


class Exports:
    """Exporting highlights."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @property
    def formats(self) -> dict[str, Exporter]:
        """The export formats by name."""
        from annotations.export import FORMATS

        return FORMATS

    def exporter(self, fmt: str) -> Exporter:
        """The format named fmt; UnknownFormat lists the choices."""
        from annotations.export import UnknownFormat

        found = self.formats.get(fmt.strip().casefold())
        if found is None:
            raise UnknownFormat(fmt)
        return found

    def groups(
        self,
        articles: list[str] | None = None,
        *,
        tags: list[str] | tuple[str, ...] = (),
        stance: str | None = None,
        since: str | None = None,
        skipped: list[str] | None = None,
        keep: Callable[[Article, list[Annotation]], ArticleMeta] | None = None,
    ) -> list[tuple[ArticleMeta, list[Annotation]]]:
        """Articles (by id) with their highlights passing the filters, highlights checked
        against each article's text. An article that cannot be read is left out, with a line in
        skipped, so one broken file does not block a library export.

        keep, if given, is called with each article and its highlights while the article is
        read, and what it returns is kept instead (the metadata, so the texts are not all held).
        """
        out: list[tuple[ArticleMeta, list[Annotation]]] = []
        for _meta, article, kept in self.each(
            articles, tags=tags, stance=stance, since=since, skipped=skipped
        ):
            assert article is not None  # every text is read
            out.append((keep(article, kept) if keep is not None else article, kept))
        return out

    def each(
        self,
        articles: list[str] | None = None,
        *,
        tags: list[str] | tuple[str, ...] = (),
        stance: str | None = None,
        since: str | None = None,
        skipped: list[str] | None = None,
        text: bool = True,
        pages: bool = False,
        page_maps: PageMaps | None = None,
    ) -> Iterator[tuple[ArticleMeta, Article | None, list[Annotation]]]:
        """`groups` one article at a time, as (metadata, the article or None, highlights); what
        was read of an article is let go once it is handed out.

        With text False an article's text is read only when its highlights cannot be vouched
        for without it: the check of `.index/anchors.json` (annotations.workspace.checking)
        found every one of them on its words in the text of the file as it is now (same
        stamps), and the catalog's metadata was read from that same version of the file. Then
        the metadata comes from the catalog and the article is None. Any other article (edited
        by hand since, its highlights file changed since, renamed, unreadable) is read and its
        highlights re-anchored first, as with text True. With pages (text False), an article
        whose file has a page map is read too, for the page of each highlight. With page_maps
        instead, such an article's page map is read from its front matter alone, into
        page_maps by id, when the check found it to be the text's; else it is read in full.
        """
        workspace = self.workspace
        store = workspace.store
        order, found = self._scope(articles, tags, stance, since)
        table = None
        if not text and found and articles is None:
            # A library-wide export: the highlights from the highlights table (every file's
            # stamp checked first), one article at a time, instead of reading every file.
            table = workspace.highlight_table.articles()
        stamps = workspace.highlight_table.stamps if table is not None else None
        vouch = (
            self.voucher(found, stamps, pages=pages, page_maps=page_maps)
            if not text and found
            else None
        )
        row = next(table, None) if table is not None else None
        for article_id in order:
            if article_id not in found:
                continue
            ids = found[article_id]
            article: Article | None = None
            rows: list[Annotation] | None = None
            while table is not None and row is not None and row[0] < article_id:
                row = next(table, None)
            if row is not None and row[0] == article_id:
                rows = row[1]
            vouched = vouch(article_id, rows) if vouch is not None else None
            if vouched is not None:
                meta, checked = vouched
            else:
                try:
                    article = workspace.articles.get(article_id)
                except LibraryError as exc:
                    if skipped is None:
                        raise
                    skipped.append(f"{exc}; its highlights were left out of the export")
                    continue
                meta = article
                checked = workspace.highlights.of_article(article).annotations
            store.forget(article_id)  # its file's contents, cached: read once is enough
            kept = sorted(
                (a for a in checked if ids is None or a.id in ids), key=lambda a: (a.start, a.end)
            )
            yield meta, article, kept

    def _scope(
        self,
        articles: list[str] | None,
        tags: list[str] | tuple[str, ...],
        stance: str | None,
        since: str | None,
    ) -> tuple[list[str], dict[str, set[str] | None]]:
        """The articles in export order, and for each the ids of the highlights that pass the
        filters (None: every live highlight of the article)."""
        store = self.workspace.store
        wanted = set(articles) if articles is not None else None
        no_stance = stance is not None and stance.strip().casefold() in ("", "none")
        found: dict[str, set[str] | None] = {}  # None: every live highlight of the article
        filters: list[str | None] = [*tags] or [None]
        if not tags and stance is None and since is None:
            # No filter: the articles with highlights come from the store's index, and each
            # file is read once, when its article is exported (a query would read them all).
            filters = []
            for article_id, count in store.stance_counts().items():
                if sum(count.values()) and (wanted is None or article_id in wanted):
                    found[article_id] = None
        for tag in filters:  # one library-wide query per tag, then one read each
            for annotation in store.query(
                stance=None if no_stance else stance, since=since, tag=tag
            ):
                if no_stance and annotation.stance is not None:
                    continue
                if wanted is None or annotation.article in wanted:
                    ids = found.setdefault(annotation.article, set())
                    assert ids is not None
                    ids.add(annotation.id)
        return (articles if articles is not None else sorted(found)), found

    def voucher(
        self,
        article_ids: Iterable[str],
        stamps: dict[str, Stamp] | None = None,
        *,
        pages: bool = False,
        page_maps: PageMaps | None = None,
    ) -> Callable[..., tuple[ArticleMeta, list[Annotation]] | None]:
        """For these articles, a function giving (the catalog's metadata, the live highlights)
        of one whose highlights the anchors check vouches for without reading its text, else
        None: then its text must be read and its highlights checked (see `each`). The catalog
        is checked against the article files and the check run first, once.

        stamps, if given, are the highlights files' stamps of the versions the caller holds
        (`HighlightTable.stamps`); the function then takes, beside the article id, that
        article's highlights as the caller holds them (None: read from the file), vouched for
        only if the check was made with that same version of the file. With pages, an article
        whose file has a page map is not vouched for either: its pages must be read (the quote
        style cites the page of a highlight). With page_maps, such an article's page map is
        read alone, from the version the check read, into page_maps (see `each`)."""
        from annotations.workspace.checking import AnchorCheck

        self.workspace.library.catalog()  # checked against every article file, changed re-read
        verdicts = AnchorCheck(self.workspace).verdicts(article_ids, stamps)
        return lambda article_id, rows=None: self._vouched(
            article_id, verdicts.get(article_id), rows, stamps, pages, page_maps
        )

    def _vouched(
        self,
        article_id: str,
        verdict: Verdict | None,
        rows: list[Annotation] | None = None,
        stamps: dict[str, Stamp] | None = None,
        pages: bool = False,
        page_maps: PageMaps | None = None,
    ) -> tuple[ArticleMeta, list[Annotation]] | None:
        """(the catalog's metadata, the live highlights) of an article whose highlights the
        verdict vouches for, if the catalog read the same version of the same file and the
        highlights (rows, from the version with stamps' stamp, else read now) are the version
        the check compared with the text; else None."""
        if verdict is None:
            return None
        entry = self.workspace.library.stamped(article_id)
        if entry is None:
            return None
        name, stamp, meta = entry
        if name != verdict.name or stamp != verdict.article:
            return None
        if pages and verdict.pages:  # of this version of the file (same stamp)
            return None  # paginated: the style cites the page of each highlight
        if rows is not None and stamps is not None:
            if stamps.get(article_id) != verdict.notes:
                return None
            checked = rows
        else:
            checked, notes = self.workspace.store.read_article(article_id)
            if notes != verdict.notes:
                return None  # changed since the check: read the text and check again
        if page_maps is not None and verdict.pages:
            # Kept only for an article vouched for: one read in full has its pages with it.
            found = self.workspace.library.page_map(article_id, stamp)
            if found is None:
                return None  # another version now: read it in full
            page_maps[article_id] = found
        return meta, checked

    def export(self, request: ExportRequest) -> Exported:
        """Render a scope in a format and write it atomically (an existing file only with
        overwrite: else ExportExists). NothingToExport when no highlight matches.

        The articles are read one at a time; a text is read only when the format, the quote
        style or a doubt about its highlights needs it (see `each`). Markdown keeps only each
        highlight's rendered callout until the document is written; the other formats keep
        the highlights, with the metadata (or the full article, for the formats that read it).
        """
        from annotations.citation import (
            UnknownStyle,
            missing_message,
            quote_formatter,
            style_names,
            style_reads_pages,
            style_reads_text,
        )
        from annotations.export import ExportOptions, NothingToExport, write_export
        from annotations.export.md import Collector
        from annotations.export.registry import export_chunks, style_known
        from library.dates import parse_date

        exporter = self.exporter(request.format)
        since = None
        if request.since is not None:
            since = parse_date(request.since)
            if since is None:
                raise BadScope(f"cannot read {request.since!r} as a date; use YYYY-MM-DD")
        workspace = self.workspace
        ids = [workspace.articles.resolve(r).id for r in request.articles] or None
        stance = workspace.stance_filter(request.stance)
        skipped: list[str] = []
        config = workspace.config
        quotes: dict[tuple[str, str], str] = {}
        labels: dict[str, tuple[str, str]] = {}
        page_maps: PageMaps = {}  # of the articles whose texts are not read
        options = ExportOptions(
            style=request.style or config.quote_style,
            config=config,
            width=config.width,
            tags=tuple(request.tags),
            quotes=quotes,
            pages=labels if exporter.reads_pages else None,
        )
        markup = exporter.quote_markup
        known = not exporter.uses_style or style_known(options)
        reads_text = exporter.reads_text or (
            markup is not None and style_reads_text(options.style, config)
        )
        # The quote style cites pages: the texts of paginated articles are read. The format
        # writes each highlight's page (and not the style): their page maps alone are read.
        pages = markup is not None and style_reads_pages(options.style, config)
        articles = self.each(
            ids,
            tags=request.tags,
            stance=stance,
            since=since,
            skipped=skipped,
            text=reads_text,
            pages=pages,
            page_maps=page_maps if exporter.reads_pages and not pages else None,
        )
        missing: list[str] = []
        count = 0
        collector = Collector(options) if exporter.name == "md" and known else None
        groups: list[tuple[ArticleMeta, list[Annotation]]] = []
        for meta, article, kept in articles:
            if not kept:
                continue
            if not known:  # the errors export_chunks gives, without reading the rest
                raise UnknownStyle(options.style, style_names(config))
            count += len(kept)
            if exporter.cites and (m := missing_message(_meta(meta), date=False)) is not None:
                missing.append(m)
            if markup is not None:
                # Formatted while the text (if it was read) is at hand, the article's fields
                # cleaned once for all its highlights.
                formatted = quote_formatter(
                    article or meta,
                    options.style,
                    config=config,
                    accessed=options.accessed,
                    markup=markup,
                )
                if collector is not None:
                    collector.add(_meta(meta), kept, formatted)
                    continue
                for a in kept:
                    quotes[(a.id, markup)] = formatted(a)
            if exporter.reads_pages and article is not None and article.pages:
                labels.update(page_labels(article.locator, article.pages, kept))
            elif exporter.reads_pages and meta.id in page_maps:
                labels.update(page_labels(*page_maps.pop(meta.id), kept))
            keep = article if article is not None and exporter.reads_text else _meta(meta)
            groups.append((keep, kept))
        chunks: Iterator[bytes]
        if collector is not None:
            chunks = (part.encode("utf-8") for part in collector.chunks())
        elif not groups:
            raise NothingToExport("no highlights match; nothing was exported")
        else:
            chunks = export_chunks(groups, request.format, options)
        self.ensure_folder_for(request.output)
        where = write_export(
            chunks, request.output, overwrite=request.overwrite, terminal=request.terminal
        )
        return Exported(where, count, skipped, missing)

    def folder(self) -> Path:
        """Where exports go by default: the config's [export] folder, else $MARGIN_EXPORT_DIR,
        else "Margin exports" in the documents folder (never the current directory)."""
        from annotations.export.paths import export_folder

        return export_folder(self.workspace.config)

    def default_path(
        self,
        fmt: str,
        scope: Scope = "all",
        *,
        article: Article | None = None,
        tag: str | None = None,
        stance: str | None = None,
    ) -> Path:
        """A file for an export of a scope, dated today, in the exports folder; a number is
        added when the name is taken, so the default never replaces a file."""
        from annotations.export.paths import default_path
        from library.importer import slugify

        if scope == "article" and article is not None:
            stem = slugify(article.title, 40)
        elif scope == "tag" and tag:
            stem = f"tag-{slugify(tag, 30)}"
        elif scope == "stance" and stance:
            stem = f"stance-{slugify(stance, 30)}"
        else:
            stem = "margin-highlights"
        stem = f"{stem}-{dt.date.today():%Y-%m-%d}"
        return default_path(self.workspace.config, self.exporter(fmt).suffix, stem)

    def ensure_folder(self) -> Path:
        """Create the default exports folder if it does not exist (never a folder typed by the
        user: a typo should not make directories)."""
        from annotations.export.paths import ensure_export_folder

        return ensure_export_folder(self.workspace.config)

    def ensure_folder_for(self, output: str | Path) -> None:
        """Create the default exports folder when output goes into it: the default place is
        made on first use, by an export or a brief, from the reader or the CLI; a folder typed
        by the user never is."""
        from annotations.export import ExportError

        if str(output) == "-":
            return
        where = Path(output).expanduser().parent.resolve()  # relative, or through a link
        if where != self.folder().expanduser().resolve():
            return
        try:
            self.ensure_folder()
        except OSError as exc:  # a file or a dangling link in its place, a read-only parent
            reason = exc.strerror or str(exc)
            raise ExportError(
                f"cannot make the exports folder {self.folder()}: {reason}; "
                "move what is in its place, or set [export] folder in the config"
            ) from exc


def page_labels(
    locator: str, pages: list[Page], highlights: list[Annotation]
) -> dict[str, tuple[str, str]]:
    """The label of the page each highlight found in a paginated article (its page map: what
    the labels count, the pages) starts on, and what the labels count, by id."""
    from library.model import page_at

    labels: dict[str, tuple[str, str]] = {}
    for highlight in highlights:
        if highlight.place and not highlight.orphaned:  # a note on no words: its own place
            labels[highlight.id] = (highlight.place, locator)
            continue
        page = None if highlight.orphaned else page_at(pages, highlight.start)
        if page is not None:
            labels[highlight.id] = (page.label, locator)
    return labels


def _meta(article: ArticleMeta) -> ArticleMeta:
    """The metadata of an article, or of its metadata."""
    from library.model import Article

    return article.meta if isinstance(article, Article) else article
