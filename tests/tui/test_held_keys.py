"""HeldKeys: keys typed while a widget waits are typed again in the order they were typed."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.widget import Widget

from tui.widgets.held_keys import HeldKeys


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


async def test_a_key_typed_as_the_answer_arrives_acts_after_the_held_ones() -> None:
    app = Holder()
    async with app.run_test() as pilot:
        widget = app.query_one(Waiting)
        widget.focus()
        await pilot.pause()
        widget.held.hold()
        await pilot.press("a", "b")  # held: what they are for is on its way
        assert widget.seen == []
        # c is typed (queued in the app) just as the answer arrives and the keys are let go.
        app.post_message(events.Key("c", "c"))
        widget.held.release()
        for _ in range(5):
            await pilot.pause()
        assert widget.seen == ["a", "b", "c"]
