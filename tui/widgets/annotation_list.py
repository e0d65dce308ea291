"""The highlights pane: the open article's highlights in text order."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from annotations.model import Annotation
from annotations.quotemarks import frame_words
from library.config import Stance
from library.display import display_line
from tui.widgets.typeahead import TypeAhead

EXCERPT = 90
# What the pane says when the open article has no highlights (the keys are the reader's).
EMPTY_HINT = (
    "No highlights yet — in the reader, h highlights the sentence under the cursor; "
    "v selects a passage first."
)
NO_ARTICLE_HINT = "Open an article to see its highlights here."


def annotation_prompt(annotation: Annotation, stances: tuple[Stance, ...]) -> Text:
    """Two or three lines: stance badge and quote excerpt; tags; the note's first line."""
    known = {s.name.casefold(): s for s in stances}
    prompt = Text()
    if annotation.stance:
        stance = known.get(annotation.stance.casefold())
        label = annotation.stance if stance else f"{annotation.stance}?"
        prompt.append(
            f" {display_line(label)} ", style=badge_style(stance.color if stance else None)
        )
        prompt.append(" ")
    if annotation.orphaned:
        prompt.append("orphaned ", style="bold red")
    elif annotation.needs_review:
        prompt.append("review ", style="bold yellow")
    quote = display_line(annotation.quote)
    if len(quote) > EXCERPT:
        quote = quote[: EXCERPT - 1].rstrip() + "…"
    prompt.append("".join(frame_words(quote, display_line(annotation.place or ""))))
    details = Text(style="dim")
    if annotation.speaker:
        details.append(f"— {display_line(annotation.speaker)}  ")
    if annotation.tags:
        details.append(" ".join(f"#{display_line(t)}" for t in annotation.tags))
    if details.plain:
        prompt.append("\n")
        prompt.append_text(details)
    note = next((line for line in annotation.note.splitlines() if line.strip()), "")
    if note:
        prompt.append("\n")
        prompt.append(f"✎ {display_line(note)[:EXCERPT]}", style="italic")
    return prompt


def badge_style(color: str | None) -> Style:
    """A stance badge: the stance's colour behind black or white text, whichever reads better."""
    try:
        background = Color.parse(color) if color else Color.parse("grey")
    except ColorParseError:
        background = Color.parse("grey")
    foreground = background.get_contrast_text(1.0)
    return Style(bold=True, color=foreground.rich_color, bgcolor=background.rich_color)


class AnnotationList(TypeAhead, OptionList):
    """Highlights of the open article; moving through them scrolls the reader to each."""

    DEFAULT_CSS = """
    AnnotationList { background: $surface; border: none; }
    AnnotationList > .option-list--option { padding: 0 1; }
    """

    @dataclass
    class Picked(Message):
        """The user moved to (or chose) a highlight in the list."""

        annotation_id: str
        chosen: bool  # enter or click, rather than just moving

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.annotations: list[Annotation] = []

    def on_mount(self) -> None:
        if not self.option_count:
            self._show_hint(NO_ARTICLE_HINT)

    def set_annotations(self, annotations: list[Annotation], stances: tuple[Stance, ...]) -> None:
        """Show these highlights (sorted by position), keeping the highlighted one if present."""
        keep = self.current_id
        self.annotations = sorted(annotations, key=lambda a: (a.orphaned, a.start, a.end))
        self.clear_options()
        if not self.annotations:
            self._show_hint(EMPTY_HINT)
            return
        self.add_options([Option(annotation_prompt(a, stances), id=a.id) for a in self.annotations])
        if keep is not None:
            self.show_id(keep)

    def _show_hint(self, hint: str) -> None:
        """An empty pane says what to do: one dim line that cannot be chosen."""
        self.add_option(Option(Text(hint, style="dim italic"), disabled=True))

    @property
    def current_id(self) -> str | None:
        """The id of the highlighted entry."""
        if self.highlighted is None or not self.annotations:
            return None
        option = self.get_option_at_index(self.highlighted)
        return option.id

    def show_id(self, annotation_id: str | None) -> None:
        """Highlight an entry to follow the reader (only moves made in the list are reported)."""
        if annotation_id is None:
            self.highlighted = None
            return
        try:
            self.highlighted = self.get_option_index(annotation_id)
        except OptionDoesNotExist:
            self.highlighted = None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and self.has_focus:
            self.post_message(self.Picked(event.option.id, chosen=False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Picked(event.option.id, chosen=True))
