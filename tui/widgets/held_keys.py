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
        self.holding = False  # from `hold` to `release`
        self._draining = False  # from `release` until the held keys are through
        self._keys: list[tuple[str, str | None]] = []
        self._timer: Timer | None = None
        self._typed_again: list[events.Key] = []  # released keys on their way back: not kept

    def hold(self, on_deadline: Callable[[], object] | None = None) -> None:
        """Keep the keys that arrive from now on; after `seconds`, on_deadline runs (by
        default `release`), so the keyboard is never swallowed."""
        self.holding = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.owner.set_timer(self.seconds, on_deadline or self.release)

    def keep(self, event: events.Key) -> bool:
        """Keep event (stopped here) if keys are held and it is not one that passes."""
        if any(event is again for again in self._typed_again):
            return False
        kept = self.holding or self._draining
        if not kept or event.key in self.passing or len(self._keys) >= MAX_HELD_KEYS:
            return False
        event.stop()
        event.prevent_default()
        self._keys.append((event.key, event.character))
        return True

    def release(self) -> None:
        """Type the held keys again, in the order they were typed, and then stop holding.

        Keys are kept until they are through: a key typed as the answer came can reach the
        owner before them, and is kept to follow them (the next round)."""
        self.holding = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._next_round()

    def _next_round(self) -> None:
        if self.holding:  # held again meanwhile: `release` lets them go
            return
        self._typed_again.clear()  # each came back to the owner, or went where the focus was
        keys, self._keys = self._keys, []
        self._draining = bool(keys)
        if not keys:
            return
        app = self.owner.app

        def type_again() -> None:  # after what is queued now: the answer is shown first
            for key, character in keys:
                event = events.Key(key, character)
                self._typed_again.append(event)
                app.post_message(event)
            # Once the app has passed them on, and the owner has acted on those it was sent.
            app.call_later(self.owner.call_later, self._next_round)

        app.call_later(type_again)
