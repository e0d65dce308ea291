"""Highlight use cases: create, change, delete, restore, undo and redo; list and look up.

Every write is one call here, from the CLI and the reader alike. Changes are field-level
(`annotations.edits.Edit`) and applied under the store's lock to the freshest record.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotations.edits import Edit, inverse
from annotations.errors import AnnotationExists, TooShort
from annotations.model import Annotation, text_fingerprint
from annotations.workspace.history import History, Operation, Undone
from library.errors import LibraryError

MIN_HIGHLIGHT_CHARS = 2  # one character is a slip of the mouse or of `v`, not a quote

if TYPE_CHECKING:
    from annotations.interchange import ImportReport
    from annotations.store import ReanchorReport
    from annotations.workspace.core import Workspace
    from library.fsutil import Stamp
    from library.model import Article


class DuplicateHighlight(AnnotationExists):
    """The same span of the article is highlighted already; the message names that highlight."""

    def __init__(self, existing: Annotation) -> None:
        self.existing = existing
        super().__init__(
            f"that passage is highlighted already (highlight {existing.id}); "
            f"change it with `margin annotate {existing.id[:8]}`"
        )


def duplicate_in(annotations: list[Annotation], start: int, end: int) -> Annotation | None:
    """The live, placed highlight among these on exactly [start, end), if there is one."""
    return next(
        (a for a in annotations if not a.orphaned and a.start == start and a.end == end), None
    )


@dataclass(frozen=True, slots=True)
class Created:
    """A highlight made from a quote or range: stored, and whether the words were as given."""

    annotation: Annotation
    exact: bool  # False when the quote was found after folding typography, or approximately


@dataclass(slots=True)
class ArticleHighlights:
    """An article's highlights in reading order, checked against its text."""

    annotations: list[Annotation] = field(default_factory=list)
    repaired: ReanchorReport | None = None  # set when some counted in another text and were
    # re-anchored here (their file written)


class Highlights:
    """The highlights of a workspace, with this session's undo history."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.history = History(lambda: workspace.store)

    # -- creating ----------------------------------------------------------------------------------
    def draft(
        self,
        article: Article,
        start: int,
        end: int,
        *,
        existing: list[Annotation] | None = None,
        stance: str | None = None,
        tags: list[str] | None = None,
        note: str = "",
        speaker: str | None = None,
    ) -> Annotation:
        """A new highlight on article.text[start:end], not yet stored (the reader shows it at
        once and stores it with `add`). TooShort for fewer than two characters (spaces aside),
        DuplicateHighlight when that span is highlighted."""
        if len(article.text[start:end].strip()) < MIN_HIGHLIGHT_CHARS:
            raise TooShort()
        known = existing if existing is not None else self.workspace.store.for_article(article.id)
        found = duplicate_in(known, start, end)
        if found is not None:
            raise DuplicateHighlight(found)
        return Annotation.from_span(
            article.id,
            article.text,
            start,
            end,
            stance=self.workspace.stance_name(stance),
            tags=list(tags or []),
            note=note,
            speaker=(speaker or "").strip() or None,
        )

    def add(self, annotation: Annotation) -> Annotation:
        """Store a new highlight (undo deletes it); DuplicateHighlight when its span is taken.

        The span is checked under the store's lock against the highlights on disk, so two
        processes adding the same span at once store it once."""

        def unique(live: list[Annotation]) -> None:
            found = duplicate_in(live, annotation.start, annotation.end)
            if found is not None and found.id != annotation.id:
                raise DuplicateHighlight(found)

        stored = self.workspace.store.add(annotation, check=unique)
        self.history.record(Operation("create", stored))
        return stored

    def create(
        self,
        article_ref: str,
        *,
        quote: str | None = None,
        prefix: str = "",
        suffix: str = "",
        near: int | None = None,
        span: tuple[int, int] | None = None,
        stance: str | None = None,
        tags: list[str] | None = None,
        note: str = "",
        speaker: str | None = None,
    ) -> Created:
        """Highlight a quote (found exactly, then up to typography, then approximately; prefix,
        suffix and near tell repeats apart) or a character range, and store it."""
        from annotations.anchoring import anchor_range, find_quote
        from annotations.errors import QuoteNotFound

        article = self.workspace.articles.get(self.workspace.articles.resolve(article_ref).id)
        if span is not None:
            start, end = anchor_range(article.text, *span)
        else:
            try:
                match = find_quote(
                    article.text, quote or "", prefix=prefix, suffix=suffix, near=near
                )
            except QuoteNotFound as error:
                raise error.in_article(article.id) from None
            start, end = match.start, match.end
        drafted = self.draft(
            article, start, end, stance=stance, tags=tags, note=note, speaker=speaker
        )
        stored = self.add(drafted)
        exact = quote is None or " ".join(stored.quote.split()) == " ".join(quote.split())
        return Created(stored, exact)

    # -- changing ----------------------------------------------------------------------------------
    def change(self, ref: str, edit: Edit) -> tuple[Annotation, Annotation]:
        """Apply a field-level edit (a stance is checked against the config); returns the
        highlight before and after. Undo applies the inverse edit."""
        if "stance" in edit.values:
            values = {**edit.values, "stance": self.workspace.stance_name(edit.values["stance"])}
            edit = Edit(values, edit.add_tags, edit.remove_tags)
        before, after = self.workspace.store.change(ref, edit)
        if after is not before:
            back = inverse(before, after, edit)
            self.history.record(Operation("change", after, edit, back))
        return before, after

    def fill_speaker(self, ref: str, speaker: str) -> tuple[Annotation, Annotation]:
        """Give a highlight a speaker found after it was made (the quotation it is in), unless
        it has one by now: read under the lock, a speaker set meanwhile, here or in another
        process, stays. Undo clears it again."""
        return self.change(ref, Edit({"speaker": speaker}, fill_only=True))

    def delete(self, ref: str) -> Annotation:
        """Move a highlight to the deleted ones (undo, or `restore`, brings it back)."""
        removed = self.workspace.store.delete(ref)
        self.history.record(Operation("delete", removed))
        return removed

    def restore(self, ref: str) -> Annotation:
        """Bring back a deleted highlight by id or unique prefix."""
        matches = [a for a in self.workspace.store.deleted() if a.id.startswith(ref.strip())]
        if not matches:
            from annotations.errors import AnnotationNotFound

            raise AnnotationNotFound(
                f"'{ref}': no deleted highlight has that id; see `margin annotations --deleted`"
            )
        if len(matches) > 1:
            from annotations.errors import AmbiguousAnnotation

            raise AmbiguousAnnotation(ref, [(a.id, a.article) for a in matches])
        from annotations.errors import AnnotationError, AnnotationNotFound

        found = matches[0]
        try:  # moved onto another article (move-highlights): live there already
            live = self.workspace.store.get(found.id)
        except AnnotationNotFound:
            live = None
        except AnnotationError:  # live under that id in several articles already
            live = found
        if live is not None and live.article != found.article:
            raise AnnotationError(
                f"highlight {found.id} is live on article {live.article} (moved there); "
                "it is not brought back a second time"
            )
        return self.workspace.store.restore_deleted(found.id)

    def undo(self) -> Undone | None:
        """Undo this session's newest edit (None: nothing to undo)."""
        return self.history.undo()

    def redo(self) -> Undone | None:
        """Redo the newest undone edit (None: nothing to redo)."""
        return self.history.redo()

    def import_document(self, data: bytes, name: str) -> ImportReport:
        """Import highlights from a Margin JSON export (matched by id; re-anchored where the
        library's text of an article differs)."""
        from annotations.interchange import import_annotations

        return import_annotations(self.workspace, data, name)

    # -- reading -----------------------------------------------------------------------------------
    def get(self, ref: str) -> Annotation:
        """A highlight by id or unique id prefix."""
        return self.workspace.store.get(ref)

    def in_article(self, article_id: str) -> list[Annotation]:
        """An article's highlights in reading order, as stored (see of_article for the check)."""
        return self.workspace.store.for_article(article_id)

    def of_article(self, article: Article) -> ArticleHighlights:
        """An article's highlights, re-anchored first if some count in another text (a re-import
        cut short, a hand edit of the file, a sync tool): they never point at other words."""
        store = self.workspace.store
        found = store.for_article(article.id)
        printed = text_fingerprint(article.text) if found else None  # once, for every highlight
        if all(a.anchored_in(article.text, printed) for a in found):
            return ArticleHighlights(found)
        report = store.reanchor_article(article.id, article.text, only_unanchored=True)
        # Nothing repaired (another process did it first): nothing to say, nothing written.
        return ArticleHighlights(store.for_article(article.id), report if report.repaired else None)

    def check(
        self,
        article_ids: Iterable[str] | None = None,
        stamps: dict[str, Stamp] | None = None,
    ) -> list[tuple[str, ReanchorReport]]:
        """Re-anchor, as `of_article` does, the highlights (of these articles, else of the whole
        library) that count in another text than their article's; what was repaired, by article.

        Library-wide listings call this first. It reads only the articles whose files changed
        since the last check and whose highlights' fingerprints differ from the text's
        (`.index/anchors.json` keeps each article's text fingerprint by the file's stamp).
        stamps: the highlights files' stamps from the caller's own listing of the folder (the
        versions it read), instead of listing it again.
        """
        from annotations.workspace.checking import AnchorCheck

        return AnchorCheck(self.workspace).run(article_ids, stamps)

    def find(
        self,
        article: str | None = None,
        *,
        stance: str | None = None,
        tag: str | None = None,
        orphaned: bool = False,
        review: bool = False,
        deleted: bool = False,
    ) -> list[Annotation]:
        """Highlights (of an article by reference, or all) passing the filters, in order.

        A stance of "none" finds those without one; a stance renamed in the config still finds
        the highlights that carry it.
        """
        store = self.workspace.store
        article_id = self.workspace.articles.resolve(article).id if article else None
        if not deleted:
            if article_id is not None:  # one article: one fingerprint pass over its text
                with contextlib.suppress(LibraryError):
                    self.of_article(self.workspace.articles.get(article_id))
            elif orphaned or review:
                self.check()  # the flags themselves may be stale: check every article first
        wanted = self.workspace.stance_filter(stance, deleted=deleted, article_id=article_id)
        if deleted:
            found = [
                a
                for a in store.deleted(article_id)
                if (tag is None or a.has_tag(tag))
                and (not orphaned or a.orphaned)
                and (not review or a.needs_review)
                and (wanted in (None, "none") or (a.stance or "").casefold() == wanted)
            ]
        else:

            def query() -> list[Annotation]:
                if article_id is None:  # library-wide: from the table, when it can answer
                    rows = self.workspace.highlight_table.query(
                        stance=None if wanted == "none" else wanted,
                        tag=tag,
                        orphaned=True if orphaned else None,
                        needs_review=True if review else None,
                    )
                    if rows is not None:
                        return rows
                return store.query(
                    article=article_id,
                    stance=None if wanted == "none" else wanted,
                    tag=tag,
                    orphaned=True if orphaned else None,
                    needs_review=True if review else None,
                )

            found = query()
            # Stance and tag filters do not depend on where a highlight stands: only the
            # articles listed are checked, and listed again when some had to be re-anchored.
            listed = {a.article for a in found}
            stamps = self.workspace.highlight_table.stamps if article_id is None else None
            if article_id is None and not (orphaned or review) and self.check(listed, stamps):
                found = query()
        if wanted == "none":
            found = [a for a in found if a.stance is None]
        found.sort(key=lambda a: (a.article, a.start, a.end))
        return found

    def pages(self, highlights: Iterable[Annotation]) -> dict[str, tuple[str, str]]:
        """The label of the page (or Kindle location, or chapter) each highlight of a paginated
        article starts on, and what the label counts, by id (`ExportOptions.pages`). Each
        article's page map is read from its front matter, its text only when the file changed
        since the catalog read it."""
        from annotations.workspace.exporting import page_labels

        library = self.workspace.library
        by_article: dict[str, list[Annotation]] = {}
        for highlight in highlights:
            by_article.setdefault(highlight.article, []).append(highlight)
        found: dict[str, tuple[str, str]] = {}
        for article_id, mine in by_article.items():
            entry = library.stamped(article_id)
            pages = library.page_map(article_id, entry[1]) if entry is not None else None
            if pages is None and entry is not None:
                with contextlib.suppress(LibraryError):  # an unreadable file: on no page
                    article = self.workspace.articles.get(article_id)
                    pages = (article.locator, article.pages)
            if pages is not None and pages[1]:
                found.update(page_labels(*pages, mine))
        return found

    def overview(self) -> tuple[dict[str, Counter[str | None]], list[str]]:
        """Per article, how many highlights carry each stance; and every tag in use."""
        return self.workspace.store.overview()

    def counts(self) -> dict[str, int]:
        """Per article, how many highlights it has."""
        return {k: sum(v.values()) for k, v in self.workspace.store.stance_counts().items()}
