"""HeldKeys: keys typed while a widget waits are typed again in the order they were typed."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from tui.widgets.held_keys import MAX_HELD_KEYS, HeldKeys, KeysForNewScreen


class Waiting(Widget, can_focus=True):
    """Records the keys it acts on; holds them while told to."""

    def __init__(self) -> None:
        super().__init__()
        self.held = HeldKeys(self, 30.0)
        self.seen: list[str] = []

    async def _on_key(self, event: events.Key) -> None:
        if not self.held.keep(event):
            self.seen.append(event.key)


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        yield Waiting()


async def _a_b_held_then_c(app: Holder, *, releases: int) -> list[str]:
    """a and b typed while held, c typed just as the answer arrives and the keys are let go
    (releases times): the keys the widget acted on, in order."""
    async with app.run_test() as pilot:
        widget = app.query_one(Waiting)
        widget.focus()
        await pilot.pause()
        widget.held.hold()
        await pilot.press("a", "b")  # held: what they are for is on its way
        assert widget.seen == []
        app.post_message(events.Key("c", "c"))  # queued in the app as they are let go
        for _ in range(releases):
            widget.held.release()
        for _ in range(5):
            await pilot.pause()
        return widget.seen


async def test_a_key_typed_as_the_answer_arrives_acts_after_the_held_ones() -> None:
    assert await _a_b_held_then_c(Holder(), releases=1) == ["a", "b", "c"]


async def test_a_second_release_keeps_the_order() -> None:
    """Released twice (a search's hit opened, then its answer shown), the second release let a
    key typed as the answer came go ahead of the held ones."""
    assert await _a_b_held_then_c(Holder(), releases=2) == ["a", "b", "c"]


class Late(Screen[None]):
    """A screen that takes the focus only when told: keys wait for it meanwhile."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []  # every key that reached this screen, focused or not

    def compose(self) -> ComposeResult:
        yield Waiting()

    def on_key(self, event: events.Key) -> None:
        self.seen.append(event.key)


class Opener(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.for_new_screen = KeysForNewScreen(self, 30.0)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self.for_new_screen.keep(event):
            return
        await super().on_event(event)


async def test_keys_past_what_a_new_screen_holds_still_reach_it() -> None:
    """Past MAX_HELD_KEYS, keys typed before a new screen has the focus go on to it (out of
    order) rather than vanish: they were reported kept and dropped."""
    app = Opener()
    async with app.run_test() as pilot:
        screen = Late()
        await app.push_screen(screen)
        screen.set_focus(None)  # as a dialog is until its field takes the focus
        await pilot.pause()
        typed = MAX_HELD_KEYS + 3
        for _ in range(typed):
            app.post_message(events.Key("x", "x"))
        await pilot.pause()
        screen.query_one(Waiting).focus()
        for _ in range(200):  # until they are through (a busy machine takes longer)
            await pilot.pause(0.02)
            if len(screen.seen) >= typed:
                break
        assert len(screen.seen) == typed
