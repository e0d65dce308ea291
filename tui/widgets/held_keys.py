"""Keys typed while what they are meant for is still on its way (an article, a list), kept and
then typed again in order.

One home for the reader (an article loading) and the speakers view (a list being read).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.timer import Timer
from textual.widget import Widget

MAX_HELD_KEYS = 256


class HeldKeys:
    """The keys a widget keeps from `hold` until `release`.

    Released keys are typed again from the app's own loop, as the terminal's keys arrive, so
    focus and bindings (priority ones too) apply as if typed now: a held key that opens a screen
    sends the keys after it to that screen. A key posted to the widget itself would reach it
    and its parents' bindings only, whatever has the focus by then.
    """

    def __init__(
        self, owner: Widget, seconds: float, *, passing: frozenset[str] = frozenset()
    ) -> None:
        self.owner = owner
        self.seconds = seconds  # held this long at most: an answer that never comes
        self.passing = passing  # keys never held (escape closes at once)
        self.holding = False
        self._keys: list[tuple[str, str | None]] = []
        self._timer: Timer | None = None

    def hold(self, on_deadline: Callable[[], object] | None = None) -> None:
        """Keep the keys that arrive from now on; after `seconds`, on_deadline runs (by
        default `release`), so the keyboard is never swallowed."""
        self.holding = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.owner.set_timer(self.seconds, on_deadline or self.release)

    def keep(self, event: events.Key) -> bool:
        """Keep event (stopped here) if keys are held and it is not one that passes."""
        if not self.holding or event.key in self.passing or len(self._keys) >= MAX_HELD_KEYS:
            return False
        event.stop()
        event.prevent_default()
        self._keys.append((event.key, event.character))
        return True

    def release(self) -> None:
        """Stop holding, and type the held keys again, in the order they were typed."""
        self.holding = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        keys, self._keys = self._keys, []
        if keys:  # after what is queued now: the answer they waited for is shown first
            self.owner.app.call_later(_type, self.owner.app.post_message, keys)


def _type(post: Callable[[events.Key], object], keys: list[tuple[str, str | None]]) -> None:
    for key, character in keys:
        post(events.Key(key, character))
