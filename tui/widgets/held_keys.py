"""Keys typed while what they are meant for is still on its way (an article, a list, a screen
just opened), kept and then typed again in order.

One home for the reader (an article loading), the speakers view (a list being read), the search
field (its answer after enter), the export dialog (an export's outcome) and the app (a screen
pushed that nothing in has the focus yet).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from weakref import WeakSet

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.timer import Timer

MAX_HELD_KEYS = 256
READY_POLL_SECONDS = 0.01  # how often a screen just opened is looked at while keys wait for it


class HeldKeys:
    """The keys a widget (or the app) keeps from `hold` until `release`.

    Released keys are typed again from the app's own loop, as the terminal's keys arrive, so
    focus and bindings (priority ones too) apply as if typed now: a held key that opens a screen
    sends the keys after it to that screen. A key posted to the widget itself would reach it
    and its parents' bindings only, whatever has the focus by then.
    """

    def __init__(
        self, owner: MessagePump, seconds: float, *, passing: frozenset[str] = frozenset()
    ) -> None:
        self.owner = owner
        self.seconds = seconds  # held this long at most: an answer that never comes
        self.passing = passing  # keys never held (escape closes at once)
        self.holding = False  # from `hold` to `release`
        self._draining = False  # from `release` until the held keys are through
        self._keys: list[tuple[str, str | None]] = []
        self._timer: Timer | None = None
        self._typed_again: list[events.Key] = []  # released keys on their way back: not kept

    def hold(
        self, on_deadline: Callable[[], object] | None = None, seconds: float | None = None
    ) -> None:
        """Keep the keys that arrive from now on; after seconds (by default the holder's own),
        on_deadline runs (by default `release`), so the keyboard is never swallowed."""
        self.holding = True
        if self._timer is not None:
            self._timer.stop()
        wait = self.seconds if seconds is None else seconds
        self._timer = self.owner.set_timer(wait, on_deadline or self.release)

    def hand_over(self, to: HeldKeys) -> None:
        """Give the keys kept here to to (ahead of any it keeps), and stop holding here."""
        to._keys[:0] = self._keys
        self._keys = []
        self.holding = self._draining = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @property
    def count(self) -> int:
        """How many keys are kept now."""
        return len(self._keys)

    def keep(self, event: events.Key, *, again_too: bool = False) -> bool:
        """Keep event (stopped here) if keys are held and it is not one that passes; a key typed
        again by `release` is kept only with again_too."""
        if not again_too and any(event is again for again in self._typed_again):
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
        owner before them, and is kept to follow them (the next round). Released already, or
        never held, it does nothing (a second release would let such a key go ahead of them)."""
        if not self.holding:
            return
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


class HoldsKeys:
    """Mixin for a focusable widget whose keys wait, from `hold_keys` to `release_keys`, for
    what they are meant for (rows being read, a search's answer).

    Put it before the widget's own classes; its subclass sets `held` in `__init__`.
    """

    held: HeldKeys

    def hold_keys(self) -> None:
        """Keep the keys that arrive from now on until `release_keys` (the HeldKeys' seconds at
        most)."""
        self.held.hold()

    def release_keys(self) -> None:
        """Act on the held keys, in the order they were typed."""
        self.held.release()

    async def _on_key(self, event: events.Key) -> None:
        if not self.held.keep(event):
            await super()._on_key(event)  # type: ignore[misc]


class KeysForNewScreen:
    """The app's keys, held from when a screen is opened until something in it has the focus.

    Textual hands a key to the focused widget, or to the screen when nothing has the focus. A
    screen just pushed has no focus until it is mounted (a dialog focuses its field after its
    first paint), so a key arriving meanwhile reached the screen and was lost: `t` then `abc`
    typed in one burst gave the tags "bc". Held at the app, such keys are typed again in order
    once the screen is ready, or after `seconds` (then that screen is never waited for again).
    """

    def __init__(self, app: App[Any], seconds: float) -> None:
        self.app = app
        self.held = HeldKeys(app, seconds)
        self._ready: WeakSet[Screen[Any]] = WeakSet()  # screens keys no longer wait for
        self._waiting_for: Screen[Any] | None = None
        self._poll: Timer | None = None
        self._taken = False  # holding a closed dialog's keys until `let_go_taken`

    def keep(self, event: events.Key) -> bool:
        """Keep event (a key from the terminal, not one bubbling back up) if keys are held, or
        if the screen on top is not ready for it yet."""
        if event.is_forwarded:
            return False
        if self.held.keep(event):  # behind the keys held before it
            return True
        screen = self.app.screen
        if screen in self._ready:
            return False
        if _ready(screen):
            self._ready.add(screen)
            return False
        self._waiting_for = screen
        self.held.hold(self._give_up)
        if self._poll is None:
            self._poll = self.app.set_interval(READY_POLL_SECONDS, self._look)
        # A key typed again, and now a new screen opened, is kept too. One past MAX_HELD_KEYS
        # is not: it goes on now, out of order, rather than nowhere.
        return self.held.keep(event, again_too=True)

    def take(self, keys: HeldKeys, seconds: float) -> None:
        """Keep the keys keys holds, and every key typed after them, until `let_go_taken` (or
        seconds). A dialog closing with its answer hands its held keys over here: a key typed
        as it closes, before its opener has used the answer, would otherwise go ahead of them
        (`h` highlighting the first sentence of the article an import opened before the held
        `/must change` and enter had found the words)."""
        keys.hand_over(self.held)
        self._taken = True
        self.held.hold(self._give_up, seconds)

    def let_go_taken(self) -> None:
        """Type the keys kept since `take` again, in order (the opener has used the answer)."""
        if self._taken:
            self._taken = False
            self._let_go()

    def _look(self) -> None:
        screen = self.app.screen
        if _ready(screen):
            self._ready.add(screen)
        elif screen is self._waiting_for:
            return  # still opening
        self._let_go()

    def _give_up(self) -> None:
        if self._waiting_for is not None:
            self._ready.add(self._waiting_for)  # never holding keys for it again
        self._taken = False
        self._let_go()

    def _let_go(self) -> None:
        if self._poll is not None:
            self._poll.stop()
            self._poll = None
        self._waiting_for = None
        if not self._taken:  # a new screen ready: keys taken from a dialog still wait
            self.held.release()


def _ready(screen: Screen[Any]) -> bool:
    """Whether screen can take keys: mounted, and something has the focus (or nothing can)."""
    return screen.is_mounted and (screen.focused is not None or not screen.focus_chain)
