"""Annotating and quoting from the reader: highlight, stance, note, tags, speaker, delete, undo,
copy and export. A mixin of MainScreen, kept apart so each module reads in one sitting."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from annotations.model import Annotation, normalize_tags
from library.text import clean_inline

if TYPE_CHECKING:
    from library.config import Stance
    from library.model import Article
    from tui.app import MarginApp
    from tui.widgets.annotation_list import AnnotationList
    from tui.widgets.library_list import LibraryList
    from tui.widgets.reader import ArticleView


class AnnotatingMixin:
    """The actions that create and change highlights; every write goes through the persister."""

    if TYPE_CHECKING:  # provided by MainScreen
        article: Article | None
        annotations: list[Annotation]
        app: Any
        _local_version: int

        known_tags: list[str]

        def open_article(
            self, article_id: str, *, focus: bool = False, cursor: int | None = None
        ) -> None: ...
        def note_own_write(self) -> None: ...
        def remember_tags(self, tags: list[str]) -> None: ...

        @property
        def reader(self) -> ArticleView: ...
        @property
        def annotation_list(self) -> AnnotationList: ...
        @property
        def library_list(self) -> LibraryList: ...
        @property
        def margin_app(self) -> MarginApp: ...
        @property
        def _stances(self) -> tuple[Stance, ...]: ...

        def notify(self, message: str, **options: Any) -> None: ...
        def refresh_bindings(self) -> None: ...
        def _update_title(self) -> None: ...
        def _update_status(self) -> None: ...

    # -- annotating ------------------------------------------------------------------------------
    def _current_highlight(self) -> Annotation | None:
        if self.annotation_list.has_focus and self.annotation_list.current_id:
            wanted = self.annotation_list.current_id
            return next((a for a in self.annotations if a.id == wanted), None)
        return self.reader.highlight_at(self.reader.cursor)

    def _target_span(self) -> tuple[int, int] | None:
        """The selection, or the sentence under the cursor."""
        reader = self.reader
        if reader.selection is not None:
            return reader.selection
        if reader.units is None:
            return None
        return reader.units.at("sentence", reader.cursor)

    def _new_highlight(self, **extra: object) -> Annotation | None:
        span = self._target_span()
        if span is None or self.article is None:
            return None
        start, end = span
        for existing in self.annotations:
            if not existing.orphaned and existing.start == start and existing.end == end:
                self.notify("That is highlighted already.", severity="warning")
                return None
        return Annotation.from_span(self.article.id, self.article.text, start, end, **extra)

    def action_highlight(self) -> None:
        """Highlight the selection, or the sentence under the cursor."""
        created = self._new_highlight()
        if created is None:
            return
        self.reader.clear_selection()
        self._create(created, "Highlighted")

    def action_stance(self, key: str) -> None:
        """Set the stance of the highlight under the cursor (creating one if there is none)."""
        config = self.margin_app.workspace.config
        stance = None
        if key != "0":
            found = config.stance_for_key(key)
            if found is None:
                self.notify(f"No stance on key {key}; see [[stances]] in the config.", markup=False)
                return
            stance = found.name
        current = self._current_highlight()
        if current is None:
            if stance is None:
                return
            created = self._new_highlight(stance=stance)
            if created is None:
                return
            self.reader.clear_selection()
            self._create(created, f"Highlighted as {stance}")
            return
        if current.stance != stance:
            self._change(
                current, "Stance: " + stance if stance else "Stance cleared", stance=stance
            )

    def _when_edited(
        self, current: Annotation, what: str, save: Callable[[Annotation, str], None]
    ) -> Callable[[str | None], None]:
        """The callback of an editing dialog: nothing on cancel; else save the value to the
        highlight as it is now, or put it on the clipboard if the highlight vanished meanwhile."""
        annotation_id = current.id

        def saved(value: str | None) -> None:
            if value is None:
                return
            latest = self._find(annotation_id)
            if latest is None:
                self._lost(what, value)
            else:
                save(latest, value)

        return saved

    def action_edit_note(self) -> None:
        current = self._require_highlight("write a note")
        if current is None:
            return

        def save(latest: Annotation, note: str) -> None:
            if note != latest.note:
                self._change(latest, "Note saved", note=note)

        from tui.dialogs.note import NoteEditorDialog  # imported ahead by MainScreen.preload

        self.app.push_screen(
            NoteEditorDialog(current.note, current.quote), self._when_edited(current, "note", save)
        )

    def action_edit_tags(self) -> None:
        current = self._require_highlight("tag it")
        if current is None:
            return

        def save(latest: Annotation, value: str) -> None:
            tags = normalize_tags([t for t in value.split(",") if t.strip()])
            if tags != latest.tags:
                self.remember_tags(tags)
                self._change(latest, "Tags saved", tags=tags)

        known = self.known_tags
        hint = "Comma-separated. → completes."
        if known:
            hint += " Known: " + ", ".join(known[:12]) + ("…" if len(known) > 12 else "")
        from tui.dialogs.prompt import PromptDialog

        # Opened now, with the tags known so far: keys typed next belong to this prompt.
        self.app.push_screen(
            PromptDialog(
                "Tags", ", ".join(current.tags), hint=hint, suggestions=known, separator=","
            ),
            self._when_edited(current, "tags", save),
        )

    def action_edit_speaker(self) -> None:
        current = self._require_highlight("set who is speaking")
        if current is None:
            return
        speakers = sorted({a.speaker for a in self.annotations if a.speaker}, key=str.casefold)

        def save(latest: Annotation, value: str) -> None:
            speaker = clean_inline(value) or None
            if speaker != latest.speaker:
                self._change(latest, "Speaker saved", speaker=speaker)

        from tui.dialogs.prompt import PromptDialog

        self.app.push_screen(
            PromptDialog(
                "Speaker (who is quoted)",
                current.speaker or "",
                hint="Empty clears it. → completes.",
                suggestions=speakers,
                separator=None,
            ),
            self._when_edited(current, "speaker", save),
        )

    def action_delete_highlight(self) -> None:
        current = self._require_highlight("delete it")
        if current is None:
            return
        app = self.margin_app
        self._show([a for a in self.annotations if a.id != current.id])
        self._persist(lambda: app.undo.delete(current.id), "Highlight deleted (u undoes)")

    def action_undo(self) -> None:
        self._undo_redo(undo=True)

    def action_redo(self) -> None:
        self._undo_redo(undo=False)

    # -- how changes are made --------------------------------------------------------------------
    # Every change shows at once (the screen's copy is updated on the UI thread), then is saved in
    # order by the persister. Changes are saved field by field, so a note typed in the CLI while
    # the reader is open survives a stance set here. When the store reports back and nothing newer
    # is pending, the screen takes the store's version.

    def _find(self, annotation_id: str) -> Annotation | None:
        return next((a for a in self.annotations if a.id == annotation_id), None)

    def _create(self, created: Annotation, message: str) -> None:
        app = self.margin_app
        self._show([*self.annotations, created])
        # Keep the cursor on the new highlight (a selection made forwards leaves it just past
        # the end), so the stance, note and tag keys that usually follow act on it.
        cursor = self.reader.cursor
        if not created.start <= cursor < created.end:
            self.reader.move_cursor(min(max(cursor, created.start), created.end - 1))
        self._persist(lambda: app.undo.add(created), message)

    def _change(self, current: Annotation, message: str, **changes: object) -> None:
        app = self.margin_app
        updated = current.changed(**changes)
        self._show([updated if a.id == current.id else a for a in self.annotations])
        self._persist(lambda: app.undo.change(current.id, **changes), message)

    def _undo_redo(self, *, undo: bool) -> None:
        """Undo or redo in order behind pending saves; show the article the edit belongs to."""
        app = self.margin_app
        stack = app.undo
        version = self._local_version

        def run() -> tuple[str | None, Annotation | None, list[Annotation]]:
            message = stack.undo() if undo else stack.redo()
            applied = stack.last if message else None
            snapshot = (applied.after or applied.before) if applied else None
            found = app.workspace.store.for_article(snapshot.article) if snapshot else []
            return message, snapshot, found

        def done(value: tuple[str | None, Annotation | None, list[Annotation]]) -> None:
            message, snapshot, annotations = value
            if message is None or snapshot is None:
                self.notify("Nothing to undo." if undo else "Nothing to redo.", timeout=2)
                return
            if self.article is None or snapshot.article != self.article.id:
                # The edit is in another article: open it there so the user sees what changed.
                self.open_article(snapshot.article, focus=True, cursor=snapshot.start)
            elif self._local_version == version:
                self._show(annotations)
            else:
                self._reload_annotations()
            self.notify(message, timeout=2, markup=False)

        app.persister.submit(run, done, app.report, highlights=True)

    def _lost(self, what: str, value: str) -> None:
        """A dialog's text whose highlight went away meanwhile: keep it on the clipboard."""
        self.app.copy_to_clipboard(value)
        self.notify(
            f"That highlight was deleted meanwhile, so the {what} was not saved; "
            "it is on the clipboard.",
            severity="warning",
            markup=False,
        )

    def _show(self, annotations: list[Annotation]) -> None:
        """Show this list of highlights for the open article in every pane, now."""
        self._local_version += 1
        self.annotations = annotations
        self.reader.set_annotations(annotations)
        self.annotation_list.set_annotations(annotations, self._stances)
        if self.article is not None:
            self._refresh_counts(self.article.id, annotations)
        self._update_title()
        self._update_status()
        self.refresh_bindings()

    def _persist(
        self, job: Callable[[], object], message: str | None, *, article_id: str | None = None
    ) -> None:
        """Save in the background; then adopt the store's version unless newer changes wait."""
        app = self.margin_app
        article_id = article_id or (self.article.id if self.article else None)
        if article_id is None:
            return
        version = self._local_version

        def run() -> tuple[object, list[Annotation]]:
            result = job()
            return result, app.workspace.store.for_article(article_id)

        def done(value: tuple[object, list[Annotation]]) -> None:
            result, annotations = value
            open_here = self.article is not None and self.article.id == article_id
            if open_here:
                self.note_own_write()  # the watch need not reload what we wrote ourselves
            if open_here and self._local_version == version:
                self._show(annotations)
            elif not open_here:
                self._refresh_counts(article_id, annotations)
            if message is not None:
                self.notify(message, timeout=2, markup=False)
            elif isinstance(result, str):
                self.notify(result, timeout=2, markup=False)

        def failed(error: Exception) -> None:
            app.report(error)
            self._reload_annotations()

        app.persister.submit(run, done, failed, highlights=True)

    def _reload_annotations(self) -> None:
        """Show the store's highlights for the open article (after a failed save)."""
        app = self.margin_app
        if self.article is None:
            return
        article_id = self.article.id
        version = self._local_version

        def done(annotations: list[Annotation]) -> None:
            open_here = self.article is not None and self.article.id == article_id
            if open_here and self._local_version == version:  # nothing newer shown meanwhile
                self._show(annotations)

        app.persister.submit(lambda: app.workspace.store.for_article(article_id), done, app.report)

    def _require_highlight(self, purpose: str) -> Annotation | None:
        current = self._current_highlight()
        if current is None:
            self.notify(f"Put the cursor on a highlight to {purpose} (h highlights).")
        return current

    def _refresh_counts(self, article_id: str, annotations: list[Annotation]) -> None:
        counts: Counter[str | None] = Counter(
            a.stance.casefold() if a.stance else None for a in annotations
        )
        for item in self.library_list.items:
            if item.meta.id == article_id:
                item.counts = counts
        self.library_list.refresh()

    # -- quoting ---------------------------------------------------------------------------------
    def _quote_source(self) -> Annotation | None:
        current = self._current_highlight()
        if current is not None and self.reader.selection is None:
            return current
        span = self._target_span()
        if span is None or self.article is None:
            return None
        return Annotation.from_span(self.article.id, self.article.text, *span)

    def action_copy_quote(self) -> None:
        """Copy the highlight (or the selection) as a quote with citation, default style."""
        self._copy(self.margin_app.workspace.config.quote_style)

    def action_copy_quote_as(self) -> None:
        """Pick a citation style, then copy."""
        from tui.dialogs.style_picker import StylePickerDialog

        def chosen(style: str | None) -> None:
            if style:
                self._copy(style)

        self.app.push_screen(StylePickerDialog(self.margin_app.quote_styles()), chosen)

    def _copy(self, style: str) -> None:
        source = self._quote_source()
        if source is None or self.article is None:
            self.notify("Open an article first.")
            return
        self.margin_app.copy_quote(source, self.article, style)

    def action_export(self) -> None:
        """Open the export dialog."""
        from tui.dialogs.export import ExportDialog

        current = self._current_highlight()
        self.app.push_screen(
            ExportDialog(
                self.margin_app.workspace,
                article=self.article,
                tag=current.tags[0] if current and current.tags else None,
                stance=current.stance if current else None,
            )
        )
