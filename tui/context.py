"""What screens and dialogs need from the app, as a small interface (no import of tui.app).

The app implements it; screens type `self.app` with it, so `tui/app.py` may import the screens
and the screens never import the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from annotations.workspace import Workspace
    from annotations.workspace.reading import ReaderSettings
    from tui.persist import Persister


class MarginContext(Protocol):
    """The app as screens see it."""

    workspace: Workspace
    persister: Persister

    def report(self, error: Exception) -> None:
        """Show an error as a notification; the app keeps running."""

    def after_first_paint(self, callback: Callable[..., object], *args: Any, **kwargs: Any) -> None:
        """Run callback once the screen has been painted."""

    def copy_text(self, text: str, what: str, note: str | None = None) -> None:
        """Put text on the clipboard on a worker, then say what was copied."""

    def save_settings(self, **values: str | bool | None) -> None:
        """Remember reader settings (theme, sort, panes) for the next session."""

    @property
    def settings(self) -> ReaderSettings:
        """The reader settings as last chosen."""
