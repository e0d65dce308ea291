"""Highlighting and quoting from the reader: a key, one call into the workspace, show the result.

`HighlightEditor` is a plain object owned by the main screen: it changes the screen's
`OpenArticle` and asks the screen only what `ReaderHost` offers. Every change shows at once (on
the UI thread), then is saved in order by the persister through the workspace's highlight use
cases, field by field, so a note typed in the CLI while the reader is open survives a stance set
here. When the store reports back and nothing newer is shown, the store's version is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from annotations.model import Annotation, normalize_tags
from library.text import clean_inline

if TYPE_CHECKING:
    from annotations.edits import Edit
    from annotations.workspace import ArticleHighlights, TrashEntry, Undone, Workspace
    from tui.screens.article_state import OpenArticle, ReaderHost


def _edit() -> type[Edit]:
    """`Edit`, imported with the first change (~1.6 ms the first paint need not wait for)."""
    from annotations.edits import Edit

    return Edit


class HighlightEditor:
    """The actions that create and change highlights in the open article."""

    def __init__(self, state: OpenArticle, host: ReaderHost) -> None:
        self.state = state
        self.host = host

    @property
    def version(self) -> int:
        """Bumped by every change shown before the store confirms it."""
        return self.state.version

    @property
    def _workspace(self) -> Workspace:
        return self.host.context.workspace

    # -- what the keys act on ----------------------------------------------------------------------
    def current(self) -> Annotation | None:
        """The highlight picked in the highlights pane, else the one under the cursor."""
        picked = self.host.focused_highlight_id()
        if picked:
            return self.state.find(picked)
        return self.host.reader.highlight_at(self.state.position.cursor)

    def _target_span(self) -> tuple[int, int] | None:
        """The selection, or the sentence under the cursor."""
        position, units = self.state.position, self.host.reader.units
        if position.selection is not None:
            return position.selection
        if units is None:
            return None
        return units.at("sentence", position.cursor)

    def _draft(
        self,
        stance: str | None = None,
        span: tuple[int, int] | None = None,
        speaker: str | None = None,
    ) -> Annotation | None:
        span = span or self._target_span()
        article = self.state.article
        if span is None or article is None:
            return None
        from annotations.quotations import quotation_at
        from annotations.workspace import DuplicateHighlight, TooShort

        # Inside a detected quotation, its speaker is filled in (s changes it).
        quoted = quotation_at(self.state.quotations or [], *span, article.text)
        try:
            return self._workspace.highlights.draft(
                article,
                *span,
                existing=self.state.annotations,
                stance=stance,
                speaker=speaker or (quoted.speaker if quoted else None),
            )
        except DuplicateHighlight:
            self.host.notify("That is highlighted already.", severity="warning")
            return None
        except TooShort:
            self.host.notify(
                "A highlight needs at least two characters: extend the selection "
                "(v, then w or a motion), or press h off a selection for the sentence.",
                severity="warning",
                markup=False,
            )
            return None

    # -- the actions -------------------------------------------------------------------------------
    def highlight(self) -> None:
        """Highlight the selection, or the sentence under the cursor."""
        created = self._draft()
        if created is not None:
            self.host.reader.clear_selection()
            self._create(created, "Highlighted")

    def highlight_span(self, start: int, end: int, speaker: str | None = None) -> None:
        """Highlight exactly [start, end) (a quotation chosen in the quotes list, or in a
        speaker's, which gives the speaker: this article's quotations may not be found yet)."""
        created = self._draft(span=(start, end), speaker=speaker)
        if created is not None:
            self.host.reader.clear_selection()
            self._create(
                created, "Highlighted" + (f" ({created.speaker})" if created.speaker else "")
            )

    def stance(self, key: str) -> None:
        """Set the stance of the highlight under the cursor (creating one if there is none)."""
        config = self._workspace.config
        stance = None
        if key != "0":
            found = config.stance_for_key(key)
            if found is None:
                self.host.notify(
                    f"No stance on key {key}; see [[stances]] in the config.", markup=False
                )
                return
            stance = found.name
        current = self.current()
        if current is None:
            if stance is None:
                return
            created = self._draft(stance)
            if created is not None:
                self.host.reader.clear_selection()
                self._create(created, f"Highlighted as {stance}")
            return
        if current.stance != stance:
            message = "Stance: " + stance if stance else "Stance cleared"
            self._change(current, message, _edit().set(stance=stance))

    def edit_note(self) -> None:
        """Write or change the note of the highlight under the cursor."""
        current = self._require("write a note")
        if current is None:
            return
        from tui.dialogs.note import NoteEditorDialog  # imported ahead by MainScreen.preload

        def save(latest: Annotation, note: str) -> None:
            if note != latest.note:
                self._change(latest, "Note saved", _edit().set(note=note))

        self.host.push_dialog(
            NoteEditorDialog(current.note, current.quote), self._when_edited(current, "note", save)
        )

    def edit_tags(self) -> None:
        """Change the tags of the highlight under the cursor (only the difference is saved)."""
        current = self._require("tag it")
        if current is None:
            return
        opened_with = list(current.tags)

        def save(latest: Annotation, value: str) -> None:
            tags = normalize_tags([t for t in value.split(",") if t.strip()])
            edit = _edit().retag(opened_with, tags)
            if not edit.empty:
                self.host.remember_tags(tags)
                self._change(latest, "Tags saved", edit)

        known = self.host.known_tags
        hint = "Comma-separated. → completes."
        if known:
            hint += " Known: " + ", ".join(known[:12]) + ("…" if len(known) > 12 else "")
        from tui.dialogs.prompt import PromptDialog

        # Opened now, with the tags known so far: keys typed next belong to this prompt.
        self.host.push_dialog(
            PromptDialog(
                "Tags", ", ".join(current.tags), hint=hint, suggestions=known, separator=","
            ),
            self._when_edited(current, "tags", save),
        )

    def edit_speaker(self) -> None:
        """Set who is speaking in the highlight under the cursor."""
        current = self._require("set who is speaking")
        if current is None:
            return
        # Completed from the speakers of the article's highlights and of its quotations.
        quoted = (q.speaker for q in self.state.quotations or [])
        named = (a.speaker for a in self.state.annotations)
        speakers = sorted({name for name in (*named, *quoted) if name}, key=str.casefold)

        def save(latest: Annotation, value: str) -> None:
            # Set or cleared by the user (even to what it was): never filled in after this.
            self.state.unattributed.discard(latest.id)
            speaker = clean_inline(value) or None
            if speaker != latest.speaker:
                self._change(latest, "Speaker saved", _edit().set(speaker=speaker))

        from tui.dialogs.prompt import PromptDialog

        self.host.push_dialog(
            PromptDialog(
                "Speaker (who is quoted)",
                current.speaker or "",
                hint="Empty clears it. → completes.",
                suggestions=speakers,
                separator=None,
            ),
            self._when_edited(current, "speaker", save),
        )

    def delete(self) -> None:
        """Delete the highlight under the cursor (u undoes)."""
        current = self._require("delete it")
        if current is None:
            return
        self.show([a for a in self.state.annotations if a.id != current.id])
        highlights = self._workspace.highlights
        self._persist(lambda: highlights.delete(current.id), "Highlight deleted (u undoes)")

    def undo_redo(self, *, undo: bool) -> None:
        """Undo or redo in order behind pending saves; show the article the edit belongs to."""
        context = self.host.context
        highlights = self._workspace.highlights
        version = self.version

        def run() -> tuple[Undone | None, list[Annotation]]:
            done = highlights.undo() if undo else highlights.redo()
            if done is None:
                return None, []
            return done, highlights.in_article(done.annotation.article)

        def finished(value: tuple[Undone | None, list[Annotation]]) -> None:
            done, annotations = value
            host = self.host
            if done is None:
                host.notify("Nothing to undo." if undo else "Nothing to redo.", timeout=2)
                return
            touched = done.annotation
            host.own_write(touched.article)  # the change feed need not report what we wrote
            if not self.state.is_open(touched.article):
                # The edit is in another article: open it there so the user sees what changed.
                host.open_article(touched.article, focus=True, cursor=touched.start)
            elif self.version == version:
                self.show(annotations)
            else:
                self.reload()
            host.notify(done.message, timeout=2, markup=False)

        context.persister.submit(run, finished, context.report, highlights=True)

    # -- quoting -----------------------------------------------------------------------------------
    def _quote_source(self) -> Annotation | None:
        current = self.current()
        if current is not None and self.state.position.selection is None:
            return current
        span = self._target_span()
        article = self.state.article
        if span is None or article is None:
            return None
        return Annotation.from_span(article.id, article.text, *span)

    def copy(self, style: str | None = None) -> None:
        """Copy the highlight (or the selection) as a quote with citation."""
        host = self.host
        source = self._quote_source()
        article = self.state.article
        if source is None or article is None:
            host.notify("Open an article first.")
            return
        try:
            quote = self._workspace.quotes.format(source, article=article, style=style)
        except Exception as error:  # style and template errors name what is wrong
            host.context.report(error)
            return
        note = None
        if quote.missing is not None:
            # The command on a line of its own: a narrow toast wraps it between words only.
            note = quote.missing[0].upper() + quote.missing[1:].replace(" with: ", " with:\n") + "."
        # One toast for the copy and what the citation lacks, not two filling a small screen.
        host.context.copy_text(quote.text, f"Style: {quote.style}.", note=note)

    def copy_as(self) -> None:
        """Pick a citation style, then copy."""
        from tui.dialogs.style_picker import StylePickerDialog

        def chosen(style: str | None) -> None:
            if style:
                self.copy(style)

        self.host.push_dialog(StylePickerDialog(self._workspace.quotes.styles()), chosen)

    def export(self) -> None:
        """Open the export dialog on the open article, the current tag or stance, or all."""
        from tui.dialogs.export import ExportDialog

        current = self.current()
        self.host.push_dialog(
            ExportDialog(
                self._workspace,
                article=self.state.article,
                tag=current.tags[0] if current and current.tags else None,
                stance=current.stance if current else None,
            )
        )

    # -- how changes are made ----------------------------------------------------------------------
    def _require(self, purpose: str) -> Annotation | None:
        current = self.current()
        if current is None:
            self.host.notify(f"Put the cursor on a highlight to {purpose} (h highlights).")
        return current

    def _when_edited(
        self, current: Annotation, what: str, save: Callable[[Annotation, str], None]
    ) -> Callable[[str | None], None]:
        """The callback of an editing dialog: nothing on cancel; else save the value to the
        highlight as it is now, or put it on the clipboard if the highlight vanished meanwhile."""
        annotation_id = current.id

        def saved(value: str | None) -> None:
            if value is None:
                return
            latest = self.state.find(annotation_id)
            if latest is None:
                self._lost(what, value)
            else:
                save(latest, value)

        return saved

    def _lost(self, what: str, value: str) -> None:
        """A dialog's text whose highlight went away meanwhile: keep it on the clipboard."""
        self.host.copy_to_clipboard(value)
        self.host.notify(
            f"That highlight was deleted meanwhile, so the {what} was not saved; "
            "it is on the clipboard.",
            severity="warning",
            markup=False,
        )

    def fill_speakers(self) -> None:
        """The article's quotations were just found: give each highlight made before them, and
        inside one, that quotation's speaker, unless the user set or cleared it meanwhile (its
        prompt answered). Saved field by field to the freshest record, only where it has no
        speaker by then (set elsewhere meanwhile, it stays); u undoes it."""
        waiting, self.state.unattributed = self.state.unattributed, set()
        article, quotations = self.state.article, self.state.quotations
        if not waiting or article is None or not quotations:
            return
        from annotations.quotations import quotation_at

        filled: dict[str, str] = {}
        for shown in self.state.annotations:
            if shown.id in waiting and not shown.speaker:
                quoted = quotation_at(quotations, shown.start, shown.end, article.text)
                if quoted is not None and quoted.speaker:
                    filled[shown.id] = quoted.speaker
        if not filled:
            return
        edit = _edit()
        self.show(
            [
                edit.set(speaker=filled[a.id]).apply(a) if a.id in filled else a
                for a in self.state.annotations
            ]
        )
        highlights = self._workspace.highlights

        def fill() -> str | None:
            from annotations.errors import AnnotationNotFound

            done: list[str | None] = []
            for ref, speaker in filled.items():
                try:
                    before, after = highlights.fill_speaker(ref, speaker)
                except AnnotationNotFound:  # deleted meanwhile, elsewhere: nothing to fill
                    continue
                if after is not before:
                    done.append(after.speaker)
            if len(done) == 1:
                return (
                    f"Speaker filled in: {done[0]}, from the article's quotations, found after "
                    "the highlight was made (s changes it, u undoes it)"
                )
            if done:
                return (
                    f"Speakers filled in for {len(done)} highlights made before the article's "
                    "quotations were found (s changes one, u undoes)"
                )
            return None  # each had a speaker by then, set elsewhere: the store's is shown

        self._persist(fill, None)

    def _create(self, created: Annotation, message: str) -> None:
        reader = self.host.reader
        if created.speaker is None and self.state.quotations is None:
            self.state.unattributed.add(created.id)  # its speaker may come with them
        self.show([*self.state.annotations, created])
        # Keep the cursor on the new highlight (a selection made forwards leaves it just past
        # the end), so the stance, note and tag keys that usually follow act on it.
        cursor = self.state.position.cursor
        if not created.start <= cursor < created.end:
            reader.move_cursor(min(max(cursor, created.start), created.end - 1))
        highlights = self._workspace.highlights
        self._persist(lambda: highlights.add(created), message)

    def _change(self, current: Annotation, message: str, edit: Edit) -> None:
        updated = edit.apply(current)
        self.show([updated if a.id == current.id else a for a in self.state.annotations])
        highlights = self._workspace.highlights
        self._persist(lambda: highlights.change(current.id, edit), message)

    def show(self, annotations: list[Annotation]) -> None:
        """Show this list of highlights for the open article in every pane, now."""
        self.state.shown(annotations)
        self.host.highlights_changed()

    def _persist(self, job: Callable[[], object], message: str | None) -> None:
        """Save in the background; then show the store's version unless newer changes are."""
        host = self.host
        context = host.context
        article_id = self.state.article_id
        if article_id is None:
            return
        version = self.version
        workspace = self._workspace

        def run() -> tuple[object, list[Annotation], TrashEntry | None]:
            result = job()
            trashed = workspace.articles.in_trash(article_id)
            return result, workspace.highlights.in_article(article_id), trashed

        def done(value: tuple[object, list[Annotation], TrashEntry | None]) -> None:
            result, annotations, trashed = value
            open_here = self.state.is_open(article_id)
            host.own_write(article_id)  # the change feed need not report what we wrote
            if open_here and self.version == version:
                self.show(annotations)
            elif not open_here:
                host.refresh_counts(article_id, annotations)
            if message is not None:
                host.notify(message, timeout=2, markup=False)
            elif isinstance(result, str):
                host.notify(result, timeout=2, markup=False)
            if trashed is not None:
                host.notify(
                    "Saved, but this article is in the trash (removed meanwhile); "
                    f"`margin restore {trashed.id}` brings it back with its highlights.",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )

        def failed(error: Exception) -> None:
            context.report(error)
            self.reload()

        context.persister.submit(run, done, failed, highlights=True)

    def reload(self) -> None:
        """Show the store's highlights for the open article (after a failed save, or an
        outside change), unless newer local changes are on screen meanwhile."""
        host = self.host
        article = self.state.article
        if article is None:
            return
        version = self.version
        workspace = self._workspace

        def done(found: ArticleHighlights) -> None:
            if found.repaired is not None:  # re-anchored here: our own write
                host.own_write(article.id)
            if self.state.is_open(article.id) and self.version == version:
                self.show(found.annotations)

        host.context.persister.submit(
            lambda: workspace.highlights.of_article(article), done, host.context.report
        )
