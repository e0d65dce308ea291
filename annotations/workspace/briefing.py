"""The brief board: highlights from the whole library by tag (rows) and stance (columns).

A board is a view: a highlight with several tags stands in each of its tags' rows (an export
lists it once). Within a cell the user's saved order comes first, then the rest by article and
position. Saved orders live in `<library>/briefs.json` (table `orders`, one document per cell
keyed "tag\\x1fstance", both case-folded, "" for untagged and no stance) on Margin's durable
TinyDB storage; a move re-reads under the lock and writes only its own cell, so two processes
reordering different cells keep both changes.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from annotations.errors import AnnotationError
from annotations.model import Annotation, tag_key
from annotations.workspace.exporting import BadScope, Exported

if TYPE_CHECKING:
    from annotations.workspace.core import Workspace
    from library.model import ArticleMeta
    from library.tinystore import Tables

BRIEF_FORMATS = ("md", "html", "docx", "txt")
ORDERS = "orders"
SCHEMA = 1
SEP = "\x1f"
UNTAGGED_LABEL = "untagged"
NO_STANCE_LABEL = "no stance"


class UnknownBriefFormat(AnnotationError):
    """A brief can be written in md, html, docx or txt only."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"unknown brief format {name!r}; choose one of: {', '.join(BRIEF_FORMATS)}"
        )


def cell_key(tag: str | None, stance: str | None) -> str:
    """The saved order's key of a cell: "tag\\x1fstance", case-folded, "" for none."""
    return f"{tag_key(tag) if tag else ''}{SEP}{stance.casefold() if stance else ''}"


@dataclass(slots=True, eq=False)  # not frozen: a board of 10,000 builds them fast
class BoardItem:
    """One highlight in a cell, with what a card shows of it."""

    annotation: Annotation
    cite: str  # the short cite, e.g. "Rahman 24"
    title: str  # the article's title

    @property
    def id(self) -> str:
        """The highlight's id."""
        return self.annotation.id

    @property
    def quote(self) -> str:
        """The highlighted words."""
        return self.annotation.quote

    @property
    def speaker(self) -> str | None:
        """Who is quoted, when known."""
        return self.annotation.speaker


@dataclass(slots=True)
class Cell:
    """The highlights of one tag (None: untagged) and one stance (None: no stance)."""

    tag: str | None
    stance: str | None
    items: list[BoardItem] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Its saved order's key (see cell_key)."""
        return cell_key(self.tag, self.stance)

    @property
    def ids(self) -> list[str]:
        """The highlight ids in board order."""
        return [item.annotation.id for item in self.items]


@dataclass(frozen=True, slots=True)
class BoardFilter:
    """Which highlights a board holds (every filter given must pass; empty: no filter)."""

    tags: tuple[str, ...] = ()  # any of these; the board's rows are these tags only
    stances: tuple[str, ...] = ()  # any of these ("none": without a stance)
    articles: tuple[str, ...] = ()  # references (id, prefix, title words)
    since: str | None = None  # made on or after this date (any common form)
    until: str | None = None  # made on or before this date


@dataclass(slots=True)
class Board:
    """Rows (tags, None last for untagged) × columns (stances, None last for no stance)."""

    rows: list[str | None]
    columns: list[str | None]
    grid: list[list[Cell]]  # grid[row][column]
    filter: BoardFilter = field(default_factory=BoardFilter)

    def cell(self, tag: str | None, stance: str | None) -> Cell:
        """The cell of a tag and a stance (case-insensitively); KeyError when not on the board."""
        key = cell_key(tag, stance)
        for row in self.grid:
            for cell in row:
                if cell.key == key:
                    return cell
        raise KeyError(key)

    def cells(self) -> Iterable[Cell]:
        """Every cell, row by row."""
        for row in self.grid:
            yield from row

    @property
    def highlights(self) -> int:
        """How many different highlights the board holds."""
        return len({i.annotation.id for c in self.cells() for i in c.items})

    @staticmethod
    def row_label(tag: str | None) -> str:
        """A row's heading."""
        return tag if tag is not None else UNTAGGED_LABEL

    @staticmethod
    def column_label(stance: str | None) -> str:
        """A column's heading."""
        return stance if stance is not None else NO_STANCE_LABEL


def validate_orders(tables: Tables) -> str | None:
    """What makes a saved-orders file unusable (reported as damage), or None."""
    for key, doc in tables.get(ORDERS, {}).items():
        ids = doc.get("ids")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            return f"the saved order of cell {key!r} is not a list of highlight ids"
    return None


class BoardOrders:
    """The saved order of each cell in `briefs.json`; every change is durable and locked.

    A `DocumentStore` (`library.document`) owns the file: its lock, backups and recovery."""

    def __init__(
        self,
        path: Path,
        *,
        on_recovery: Callable[[str], None] | None = None,
        lock_timeout: float = 10.0,
    ) -> None:
        # Opened with the board, not with the workspace: TinyDB costs the first screen nothing.
        from library.document import DocumentStore
        from library.locks import BRIEFS

        self.document = DocumentStore(
            Path(path),
            BRIEFS,
            schema=SCHEMA,
            validate=validate_orders,
            on_recovery=on_recovery,
            lock_timeout=lock_timeout,
        )
        self.path = self.document.path

    def all(self) -> dict[str, list[str]]:
        """Every saved order by cell key (one read, served from memory while unchanged)."""
        docs = self.document.read_all(ORDERS)
        return {key: list(doc.get("ids", ())) for key, doc in docs.items()}

    def update(self, key: str, change: Callable[[list[str]], list[str]]) -> list[str]:
        """Apply change to the freshest saved order of one cell, under the lock; the result."""

        def apply(doc: dict[str, object] | None) -> dict[str, object]:
            ids = doc.get("ids", ()) if doc else ()
            return {"ids": change(list(cast("list[str]", ids)))}

        new = self.document.update(ORDERS, key, apply)
        return list(cast("list[str]", (new or {}).get("ids", [])))


def _moved(full: list[str], shown: Sequence[str], ident: str, delta: int) -> list[str]:
    """full with ident moved by delta places among shown (the cell as on screen).

    Highlights not shown (filtered out) keep their places relative to each other.
    """
    index = shown.index(ident)
    target = max(0, min(len(shown) - 1, index + delta))
    if target == index:
        return full
    neighbour = shown[target]
    out = [i for i in full if i != ident]
    at = out.index(neighbour)
    out.insert(at + 1 if target > index else at, ident)
    return out


def _ordered(items: list[BoardItem], saved: Sequence[str] | None) -> list[BoardItem]:
    """Saved order first (ids no longer present dropped), then the rest in the given order."""
    if not saved:
        return items
    by_id = {item.annotation.id: item for item in items}
    first = [by_id.pop(i) for i in saved if i in by_id]
    return first + [item for item in items if item.annotation.id in by_id]


class Briefs:
    """The brief board: build it, reorder a cell, export it in its order."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._orders: BoardOrders | None = None
        self._opening = threading.Lock()

    @property
    def orders(self) -> BoardOrders:
        """The saved orders (opened on first use)."""
        with self._opening:
            if self._orders is None:
                self._orders = BoardOrders(
                    self.workspace.root / "briefs.json", on_recovery=self.workspace._notice
                )
            return self._orders

    # -- building --------------------------------------------------------------------------------
    def board(
        self,
        tags: Sequence[str] = (),
        stances: Sequence[str] = (),
        articles: Sequence[str] = (),
        since: str | None = None,
        until: str | None = None,
    ) -> Board:
        """The board of the highlights passing the filters.

        Rows: the tags in use (only the ones asked for, with tags), alphabetically, then
        "untagged"; columns: the configured stances in the config's order, stances in use but no
        longer configured, then "no stance" (only the ones asked for, with stances). A stance
        outside the vocabulary raises UnknownStance; an unreadable date, BadScope.
        """
        wanted = BoardFilter(tuple(tags), tuple(stances), tuple(articles), since, until)
        # Never a card on words that are not its quote: highlights counting in another text
        # than their article's are re-anchored first (a cached check, see Highlights.check).
        ids = [self.workspace.articles.resolve(r).id for r in articles]
        self.workspace.highlights.check(ids or None)
        return self._arrange(self._highlights(wanted), wanted)

    def _highlights(self, wanted: BoardFilter) -> list[Annotation]:
        workspace = self.workspace
        since = _date(wanted.since, "since")
        until = _date(wanted.until, "until")
        store = workspace.store
        ids = list(dict.fromkeys(workspace.articles.resolve(r).id for r in wanted.articles))
        tag_filters: list[str | None] = list(dict.fromkeys(wanted.tags)) or [None]
        found: list[Annotation] = []
        seen: set[str] = set()
        targets: list[str | None] = [*ids] or [None]
        for article_id in targets:
            for tag in tag_filters:  # one query per tag: each uses the store's tag index
                for annotation in store.query(article=article_id, tag=tag, since=since):
                    if annotation.id not in seen:
                        seen.add(annotation.id)
                        found.append(annotation)
        if until is not None:
            found = [a for a in found if a.created[:10] <= until]
        if len(tag_filters) > 1 or len(ids) > 1:
            found.sort(key=lambda a: (a.article, a.start, a.end, a.created))
        return found

    def _arrange(self, found: list[Annotation], wanted: BoardFilter) -> Board:
        workspace = self.workspace
        config = workspace.config
        # Columns: the configured stances, the ones asked for only when asked.
        stance_keys = [
            "" if (k := workspace.stance_filter(s)) in (None, "none") else k for s in wanted.stances
        ]
        shown_stances: dict[str, str | None] = {s.name.casefold(): s.name for s in config.stances}
        extra: dict[str, str] = {}
        tag_keys = [tag_key(t) for t in wanted.tags if tag_key(t)]
        row_names: dict[str, str | None] = {k: t for t in wanted.tags if (k := tag_key(t))}
        cells: dict[tuple[str, str], list[BoardItem]] = {}
        metas = self._metas()
        cards: dict[str, tuple[str, str]] = {}
        for annotation in found:
            stance = annotation.stance
            column = stance.casefold() if stance else ""
            if stance_keys and column not in stance_keys:
                continue
            if column and column not in shown_stances:
                extra.setdefault(column, cast(str, stance))
            card = cards.get(annotation.article)
            if card is None:
                card = cards[annotation.article] = _card(metas.get(annotation.article), annotation)
            item = BoardItem(annotation, *card)
            tags = annotation.tags
            if not tags:
                if not tag_keys:
                    cells.setdefault(("", column), []).append(item)
                continue
            for tag in tags:
                row = tag.casefold()  # tags are stored normalised: this is tag_key(tag)
                if tag_keys and row not in tag_keys:
                    continue
                row_names.setdefault(row, tag)
                cells.setdefault((row, column), []).append(item)
        column_keys = [k for k in shown_stances if not stance_keys or k in stance_keys]
        column_keys += sorted(extra)
        if not stance_keys or "" in stance_keys:
            column_keys.append("")
        columns: list[str | None] = [
            (shown_stances.get(k) or extra[k]) if k else None for k in column_keys
        ]
        row_keys = sorted(row_names)
        if not tag_keys and any(r == "" for r, _c in cells):
            row_keys.append("")
        rows: list[str | None] = [row_names[k] if k else None for k in row_keys]
        saved = self.orders.all()
        grid = [
            [
                Cell(
                    tag,
                    stance,
                    _ordered(cells.get((r, c), []), saved.get(f"{r}{SEP}{c}")),
                )
                for c, stance in zip(column_keys, columns, strict=True)
            ]
            for r, tag in zip(row_keys, rows, strict=True)
        ]
        return Board(rows, columns, grid, wanted)

    def _metas(self) -> dict[str, ArticleMeta]:
        # The catalog as loaded (the reader keeps it fresh through its change feed).
        return {m.id: m for m in self.workspace.library.catalog(refresh=False)}

    # -- reordering ------------------------------------------------------------------------------
    def move(
        self,
        row: str | None,
        column: str | None,
        annotation_id: str,
        delta: int,
        *,
        among: Sequence[str] | None = None,
    ) -> list[str]:
        """Move a highlight delta places within the cell of tag row and stance column (negative:
        up) and save that cell's order; the cell's ids in their new order.

        among is the cell as shown (a board's `Cell.ids`); without it the cell is rebuilt from
        the store. Highlights filtered out of the board keep their places among themselves.
        """
        shown = list(among) if among is not None else self._cell_ids(row, column)
        if annotation_id not in shown:
            raise KeyError(annotation_id)
        result: list[str] = []

        def change(saved: list[str]) -> list[str]:
            current = set(shown)
            full = list(dict.fromkeys([*saved, *shown]))
            # The cell as shown, in the freshest saved order: another process may have moved it.
            ordered = [i for i in full if i in current]
            moved = _moved(full, ordered, annotation_id, delta)
            result[:] = [i for i in moved if i in current]
            return moved

        self.orders.update(cell_key(row, column), change)
        return result

    def _cell_ids(self, row: str | None, column: str | None) -> list[str]:
        # Only ids, to save an order: no anchoring check (it shows no words).
        wanted = BoardFilter(tags=(row,) if row else (), stances=(column or "none",))
        board = self._arrange(self._highlights(wanted), wanted)
        try:
            return board.cell(row, column).ids
        except KeyError:
            return []

    # -- exporting -------------------------------------------------------------------------------
    def export(
        self,
        board: Board | BoardFilter,
        fmt: str,
        output: str | Path = "-",
        style: str | None = None,
        *,
        overwrite: bool = False,
        title: str | None = None,
        terminal: bool = False,
    ) -> Exported:
        """Write a board (or the board of a filter) in md, html, docx or txt, in its order:
        rows as topics, columns as stances, each cell's highlights as on the board.

        The file is written atomically (an existing one only with overwrite: else ExportExists);
        NothingToExport when the board is empty. With terminal, output "-" is a terminal: text
        goes out with controls neutralised, as the CLI shows text there.
        """
        from annotations.citation import missing_message, style_reads_pages, style_reads_text
        from annotations.export import ExportOptions, export_annotations, write_export
        from library.errors import LibraryError

        name = fmt.strip().casefold()
        if name not in BRIEF_FORMATS:
            raise UnknownBriefFormat(fmt)
        exporter = self.workspace.exports.exporter(name)
        if isinstance(board, BoardFilter):
            f = board
            board = self.board(f.tags, f.stances, f.articles, f.since, f.until)
        config = self.workspace.config
        style = style or config.quote_style
        articles: dict[str, ArticleMeta] = {}
        skipped: list[str] = []
        checked: dict[str, dict[str, Annotation]] = {}
        # A text is read only where the format or style needs it or the anchors check cannot
        # vouch for the article's highlights without it (as for an export).
        vouch = None
        if not (exporter.reads_text or style_reads_text(style, config)):
            on_board = {i.annotation.article for c in board.cells() for i in c.items}
            pages = style_reads_pages(style, config)
            vouch = self.workspace.exports.voucher(on_board, pages=pages)
        for cell in board.cells():
            for item in cell.items:
                article_id = item.annotation.article
                if article_id in checked or article_id in articles:
                    continue
                vouched = vouch(article_id) if vouch is not None else None
                if vouched is not None:
                    articles[article_id], current = vouched
                    checked[article_id] = {a.id: a for a in current}
                    continue
                try:
                    article = self.workspace.articles.get(article_id)
                except LibraryError as exc:
                    skipped.append(f"{exc}; its highlights were left out of the brief")
                    checked[article_id] = {}
                    continue
                articles[article_id] = article
                current = self.workspace.highlights.of_article(article).annotations
                checked[article_id] = {a.id: a for a in current}
        listed = {i.annotation.id for c in board.cells() for i in c.items}
        groups = [
            (article, [a for a in checked[aid].values() if a.id in listed])
            for aid, article in articles.items()
        ]
        layout = tuple(
            (cell.tag, cell.stance, tuple(cell.ids)) for cell in board.cells() if cell.items
        )
        options = ExportOptions(
            style=style,
            config=config,
            width=config.width,
            title=title or "Brief",
            layout=layout,
        )
        data = export_annotations(groups, name, options)
        self.workspace.exports.ensure_folder_for(output)
        where = write_export(data, output, overwrite=overwrite, terminal=terminal)
        missing = [
            m
            for article, _ in groups
            if exporter.cites and (m := missing_message(_meta(article), date=False)) is not None
        ]
        count = len({a.id for _a, anns in groups for a in anns})
        return Exported(where, count, skipped, missing)

    def default_path(self, fmt: str) -> Path:
        """Where a brief goes by default: `brief-<today>.<suffix>` in the exports folder, a
        number added when that name is taken (as an export's default), so it replaces no file."""
        from annotations.export.paths import default_path

        suffix = self.workspace.exports.exporter(fmt).suffix
        return default_path(self.workspace.config, suffix, f"brief-{dt.date.today():%Y-%m-%d}")


def _card(meta: ArticleMeta | None, annotation: Annotation) -> tuple[str, str]:
    """(short cite, title) of an article; its id when the catalog does not know it."""
    from annotations.citation import short_cite

    if meta is None:
        return "", annotation.article
    return short_cite(meta.authors, meta.publication, meta.title, meta.published), meta.title


def _date(value: str | None, what: str) -> str | None:
    """An ISO date from a date in any common form; BadScope naming the option otherwise."""
    from library.dates import parse_date

    if value is None or not value.strip():
        return None
    found = parse_date(value)
    if found is None:
        raise BadScope(f"{what}: cannot read {value!r} as a date; use YYYY-MM-DD")
    return found


def _meta(article: ArticleMeta) -> ArticleMeta:
    """The metadata of an article, or of its metadata."""
    from library.model import Article

    return article.meta if isinstance(article, Article) else article
