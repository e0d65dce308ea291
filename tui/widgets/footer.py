"""The footer: the keys that matter where the user is, with help and quit always in sight."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not re-exported by textual.widgets

# Actions whose keys stay visible at every width: they sit on the right with the palette key,
# so a narrow terminal drops the contextual keys on the left instead.
PINNED_ACTIONS: tuple[str, ...] = ("help", "quit")


def key_width(key: FooterKey) -> int:
    """The cells a key takes in the (non-compact) footer: ` k ` then `Description ` (the
    palette key's border and right padding take the same two cells)."""
    width = cell_len(key.key_display) + 2
    if key.description:
        width += cell_len(key.description) + 1
    return width


class MarginFooter(Footer):
    """Textual's footer with `?` Help and `q` Quit pinned to the right, by the palette key.

    Keys that do not fit the width drop out whole, from the end, instead of being cut mid-word.
    """

    DEFAULT_CSS = """
    MarginFooter #footer-pinned {
        dock: right;
        width: auto;
        height: 1;
        background: $footer-background;
    }
    MarginFooter #footer-pinned FooterKey.-command-palette { dock: none; }
    """
    PINNED: ClassVar[tuple[str, ...]] = PINNED_ACTIONS

    def __init__(self, pinned: tuple[str, ...] | None = None) -> None:
        super().__init__()
        self.pinned = self.PINNED if pinned is None else pinned
        self._composed_width = 0

    @property
    def _width(self) -> int:
        return self.size.width or self.app.size.width

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        self._composed_width = self._width
        pinned: dict[str, Widget] = {}
        palette: list[Widget] = []
        for key in keys:
            if isinstance(key, FooterKey) and "-command-palette" in key.classes:
                palette.append(key)
            elif isinstance(key, FooterKey) and key.action in self.pinned:
                pinned.setdefault(key.action, key)
        right = [pinned[action] for action in self.pinned if action in pinned] + palette
        room = self._width - sum(key_width(k) for k in right if isinstance(k, FooterKey))
        for key in keys:
            if key in palette or key in pinned.values():
                continue
            width = key_width(key) if isinstance(key, FooterKey) else cell_len(str(key.render()))
            if width > room:
                break  # this key and those after it (less important) drop out whole
            room -= width
            yield key
        if right:
            yield HorizontalGroup(*right, id="footer-pinned")

    def on_resize(self, event: events.Resize) -> None:
        """Fit the keys again to a new width."""
        if self._bindings_ready and event.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)
