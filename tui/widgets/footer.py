"""The footer: the keys that matter where the user is, with help and quit always in sight."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not re-exported by textual.widgets

# Actions whose keys stay visible at every width: they sit on the right with the palette key,
# so a narrow terminal cuts the contextual keys on the left instead.
PINNED_ACTIONS: tuple[str, ...] = ("help", "quit")


class MarginFooter(Footer):
    """Textual's footer with `?` Help and `q` Quit pinned to the right, by the palette key."""

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

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        pinned: dict[str, Widget] = {}
        palette: list[Widget] = []
        for key in keys:
            if isinstance(key, FooterKey) and "-command-palette" in key.classes:
                palette.append(key)
            elif isinstance(key, FooterKey) and key.action in self.PINNED:
                pinned.setdefault(key.action, key)
        for key in keys:
            if key not in palette and key not in pinned.values():
                yield key
        right = [pinned[action] for action in self.PINNED if action in pinned] + palette
        if right:
            yield HorizontalGroup(*right, id="footer-pinned")
