"""Copy text to the user's clipboard: the system clipboard via pyperclip, else OSC 52.

pyperclip reaches the clipboard of the machine Margin runs on; over SSH that is the wrong machine,
so there OSC 52 (the terminal's own clipboard) is tried first. Nothing here raises: every outcome
is a CopyResult whose summary says in one line which way the text went, with a preview of it,
or why it went nowhere. What OSC 52 needs from the terminal is explained once per process.
"""

from __future__ import annotations

import base64
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import IO, Literal

from library.display import hidden_characters
from library.text import clean_inline

__all__ = [
    "OSC52_LIMIT",
    "PREVIEW_CHARS",
    "CopyResult",
    "copy_text",
    "osc52_sequence",
    "preview",
    "reset_explanations",
    "stream_writer",
    "terminal_writer",
]

CopyMethod = Literal["pyperclip", "osc52", "none"]
# Terminals cap what they accept (xterm 100 kB of base64 by default, some far less): beyond this
# the message warns that the terminal may drop the text.
OSC52_LIMIT = 74_994
READBACK_TRIES = 4
PREVIEW_CHARS = 60

OSC52_EXPLANATION = (
    "It arrives if your terminal lets programs set the clipboard; macOS Terminal.app does not"
)
TMUX_EXPLANATION = "in tmux: set -g set-clipboard on"

NO_CLIPBOARD = (
    "No clipboard available: install xclip, xsel or wl-clipboard, or use a terminal that supports "
    "OSC 52; or print the text instead (margin copy --print)"
)


@dataclass(frozen=True, slots=True)
class CopyResult:
    """Where copied text went: method is "pyperclip", "osc52" or "none".

    summary is one line (which way, then a preview of the text); explanation, for OSC 52 the
    first time in this process, says what the terminal must allow; message is both.
    """

    method: CopyMethod
    summary: str
    explanation: str = ""
    preview: str = ""
    # Set when the text holds bidi controls or invisible characters: they are copied as they
    # are (a quotation's words stay the source's), and this says so.
    caution: str = ""

    @property
    def ok(self) -> bool:
        """Whether the text reached some clipboard."""
        return self.method != "none"

    @property
    def message(self) -> str:
        """The summary, then the explanation and the caution, each on a line of its own."""
        return "\n".join(line for line in (self.summary, self.explanation, self.caution) if line)


def hidden_caution(text: str) -> str:
    """What to know of copied text that holds bidi controls or invisible characters ("" when it
    holds none): copied as they are, they may reorder or hide words where it is pasted."""
    hidden = hidden_characters(text)
    if not hidden:
        return ""
    named = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in hidden))
    count = f"{len(hidden)} direction or invisible character{'s' * (len(hidden) != 1)}"
    return (
        f"It holds {count} ({named}), copied as they are so the words stay the source's: "
        "where it is pasted they may reorder or hide words."
    )


def preview(text: str, limit: int = PREVIEW_CHARS) -> str:
    """The start of text on one line, at most limit characters, cut at a word with an ellipsis."""
    line = clean_inline(text.replace("\n", " "))
    if len(line) <= limit:
        return line
    cut = line[: max(1, limit - 1)]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:—–-") + "…"


_explained = threading.Event()  # the OSC 52 explanation was given in this process


def reset_explanations() -> None:
    """Explain OSC 52 again at the next copy (a new session, or a test)."""
    _explained.clear()


def _explanation_once() -> str:
    if _explained.is_set():
        return ""
    _explained.set()
    parts = [OSC52_EXPLANATION]
    if os.environ.get("TMUX"):
        parts.append(TMUX_EXPLANATION)
    return "; ".join(parts) + "."


def osc52_sequence(text: str) -> str:
    """The OSC 52 escape that sets the clipboard: ESC ] 52 ; c ; <base64 of UTF-8> BEL."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{payload}\x07"


def stream_writer(stream: IO[str]) -> Callable[[str], None]:
    """An OSC 52 writer that sends the sequence for its text to stream."""

    def write(text: str) -> None:
        stream.write(osc52_sequence(text))
        stream.flush()

    return write


def terminal_writer() -> Callable[[str], None] | None:
    """An OSC 52 writer to the controlling terminal (/dev/tty), or None when there is none."""

    def write(text: str) -> None:
        with open("/dev/tty", "w", encoding="ascii") as tty:
            tty.write(osc52_sequence(text))
            tty.flush()

    try:
        with open("/dev/tty", "w", encoding="ascii"):
            pass
    except OSError:
        return None
    return write


def _over_ssh() -> bool:
    return bool(os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"))


def _pyperclip(text: str) -> str | None:
    """Copy with pyperclip; the name of its mechanism, or None when it has none or it failed."""
    try:
        import pyperclip
    except ImportError:
        return None
    try:
        copy, paste = pyperclip.determine_clipboard()
        if not copy:  # pyperclip's "no mechanism" stand-in is falsy
            return None
        name = str(getattr(copy, "__name__", ""))
        copy(text)
        # xclip and xsel fail silently (no display, dead X server): read the text back to know.
        # The program that now owns the selection may take a moment to answer, so ask again.
        for attempt in range(READBACK_TRIES):
            try:
                pasted = paste()
            except pyperclip.PyperclipException:
                pasted = text
            if pasted == text:
                break
            time.sleep(0.05 * (attempt + 1))
        else:
            return None
    except (pyperclip.PyperclipException, OSError):
        return None
    return name.removeprefix("copy_").replace("_", " ") or "system clipboard"


def _osc52(
    text: str, writer: Callable[[str], None], shown: str, how: str = ""
) -> CopyResult | None:
    try:
        writer(text)
    except OSError:
        return None
    where = "Sent to the terminal's clipboard (OSC 52" + (f", {how})" if how else ")")
    if len(osc52_sequence(text)) > OSC52_LIMIT:
        where += ", long: some terminals drop it"
    return CopyResult("osc52", f"{where}: {shown}", _explanation_once(), shown)


def copy_text(
    text: str,
    *,
    osc52_writer: Callable[[str], None] | None = None,
    use_system: bool = True,
    preview_chars: int = PREVIEW_CHARS,
) -> CopyResult:
    """Copy text: system clipboard first (OSC 52 first over SSH), OSC 52 as the fallback.

    osc52_writer receives the plain text and delivers it by OSC 52: the TUI passes
    `App.copy_to_clipboard`, the CLI `terminal_writer()`. The summary previews at most
    preview_chars characters of the text. Never raises.
    """
    result = _copy(text, osc52_writer, use_system, preview(text, preview_chars))
    caution = hidden_caution(text) if result.ok else ""
    return replace(result, caution=caution) if caution else result


def _copy(
    text: str, osc52_writer: Callable[[str], None] | None, use_system: bool, shown: str
) -> CopyResult:
    if osc52_writer is not None and _over_ssh():
        sent = _osc52(text, osc52_writer, shown, "over SSH: not the remote clipboard")
        if sent is not None:
            return sent
    if use_system:
        mechanism = _pyperclip(text)
        if mechanism is not None:
            return CopyResult("pyperclip", f"Copied ({mechanism}): {shown}", preview=shown)
    if osc52_writer is not None:
        sent = _osc52(text, osc52_writer, shown)
        if sent is not None:
            return sent
    return CopyResult("none", NO_CLIPBOARD)
