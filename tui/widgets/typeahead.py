"""Keys typed ahead of a focus change go where the focus went.

Textual hands a key to the widget that has the focus when the key *arrives*, and runs a key's
binding only once the key has bubbled up to the app. Keys typed in one burst (a fast typist, a
macro, a paste, tmux send-keys) are therefore all queued at the reader before `/` has opened the
find bar or `e` the note editor, and would run as the reader's commands (`y` copies, `t` edits
tags). Widgets with the TypeAhead mixin run a key's binding at once, in order with the keys
behind it, and send keys that reach them after they lost the focus round again; dialogs pass
such keys on to their text field with `pass_on`.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input

TYPED_AHEAD = "typed_ahead"  # marks a key sent round again


def resend(target: Any, event: events.Key) -> None:
    """Stop event here and post a copy to target (the app, or a dialog's field), marked as
    typed ahead."""
    event.stop()
    event.prevent_default()
    again = events.Key(event.key, event.character)
    setattr(again, TYPED_AHEAD, True)
    target.post_message(again)


class TypeAhead:
    """Mixin for focusable widgets: bindings in key order, and keys that arrive late sent on.

    A plain mixin (not a Widget subclass) so that it leaves the widget's CSS classes alone.
    """

    async def _on_key(self, event: events.Key) -> None:
        widget: Any = self
        focused = widget.app.focused
        if (
            widget.screen is not widget.app.screen
            or (focused is not None and focused is not widget)
            or widget.disabled  # disabled by a key before it (enter started an import)
        ):
            resend(widget.app, event)
            return
        # Run the key's binding now (Textual runs it only when the key reaches the app, after
        # the keys queued behind it). Keys the widget types itself are left to it.
        # (`_check_bindings` is the lookup the app itself runs; Textual is pinned, 8.2.8.) With
        # nothing focused (a dialog passing on keys before its field has the focus, `pass_on`)
        # that lookup finds the screen's and the app's bindings but none of the widget's: its
        # own first (enter submitted nothing), then theirs (the note editor's ctrl+s).
        if not widget.check_consume_key(event.key, event.character) and (
            (focused is None and await _own_binding(widget, event.key))
            or await widget.app._check_bindings(event.key)
        ):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)  # type: ignore[misc]
        if getattr(event, TYPED_AHEAD, False):
            event.stop()  # handled here; never bounce back up to the dialog that sent it


async def _own_binding(widget: Any, key: str) -> bool:
    """Run widget's own binding of key, if it has one."""
    for binding in widget._bindings.key_to_bindings.get(key, ()):
        await widget.run_action(binding.action)
        return True
    return False


def pass_on(screen: Any, field: Any, event: events.Key) -> None:
    """In a dialog with one text field: give the field the keys meant for it.

    Those are keys sent round from the reader (typed before the dialog opened) and keys that
    reached the dialog while nothing in it had the focus yet (the app holds those until it has,
    `KeysForNewScreen`; they come here only past its wait). Without this they would be lost,
    or (ctrl+s) act before the letters typed ahead of them.
    """
    if getattr(event, TYPED_AHEAD, False) or screen.focused is None:
        resend(field, event)


class TypeAheadInput(TypeAhead, Input):
    """An Input whose enter (and other bindings) act in order with the letters typed before."""
