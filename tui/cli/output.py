"""Output for people (rich, never parsing untrusted text as markup) and for scripts (JSON)."""

from __future__ import annotations

import errno
import re
import sys
from typing import Any, NoReturn

import click
import orjson
from rich.console import Console
from rich.text import Text

from library.display import for_display, has_hidden, json_escaped
from library.text import strip_controls

_console: Console | None = None
_errors: Console | None = None


class _Stdout(Console):
    """The stdout console; a closed pipe is left to `margin`'s entry point (rich's own answer
    exits with status 1, unlike every other way a listing can find its reader gone)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "stdout closed")


def console() -> Console:
    """The stdout console (highlighting off: article text is shown as it is)."""
    global _console
    if _console is None:
        _console = _Stdout(highlight=False, markup=False, emoji=False)
    return _console


def safe(value: object, style: str = "") -> Text:
    """Untrusted text as a rich Text: never markup, never control characters, and bidi controls
    and invisible characters shown as `⟨U+202E⟩` (this output is for people)."""
    text = strip_controls("" if value is None else str(value)).replace("\n", " ")
    return Text(for_display(text), style=style)


def say(message: str) -> None:
    """A plain line on stdout."""
    console().print(safe(message), soft_wrap=True)


def warn(message: str) -> None:
    """A one-line message on stderr."""
    global _errors
    if _errors is None:
        _errors = Console(stderr=True, highlight=False, markup=False, emoji=False)
    _errors.print(safe(message), soft_wrap=True)


MISSING_SHOWN = 5  # citation notes listed one by one after an export; the rest are counted


def warn_missing(lines: list[str]) -> None:
    """The notes on what the exported articles' citations lack: a few in full, then a count
    (a library-wide export would otherwise print a line for each of thousands of articles)."""
    for line in lines[:MISSING_SHOWN]:
        warn(f"margin: note: {line}")
    more = len(lines) - MISSING_SHOWN
    if more > 0:
        warn(
            f"margin: note: and {more:,} more article{'s' * (more != 1)} whose citations lack "
            "fields; `margin list --incomplete` lists them"
        )


def fail(message: str, code: int = 1) -> NoReturn:
    """Stop the command with a one-line error on stderr and an exit code (2: usage)."""
    from tui.cli import Failure

    raise Failure(message, code)


_C1_UTF8 = re.compile(rb"\xc2([\x80-\x9f])")


def print_json(data: Any) -> None:
    """Write data as indented JSON to stdout, C1 controls escaped (JSON escapes only C0; a
    terminal acts on U+009B as on ESC [). In UTF-8 they are C2 80–C2 9F, inside strings only.
    Bidi controls and invisible characters are escaped too (a title's U+202E reordered the
    terminal's lines); a JSON reader gets every string back unchanged."""
    out = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)
    out = _C1_UTF8.sub(lambda m: b"\\u%04x" % m[1][0], out)
    if has_hidden(text := out.decode("utf-8")):
        out = json_escaped(text).encode("utf-8")
    sys.stdout.buffer.write(out + b"\n")
    sys.stdout.flush()


def terminal_output(output: str) -> bool:
    """Whether an `-o` output is a terminal: "-" on a tty, where text is shown as `echo` shows it
    (exports and briefs into a file or a pipe stay byte-exact)."""
    return output == "-" and sys.stdout.isatty()


def echo(text: str) -> None:
    """Raw text on stdout (for `show`, `copy --print` and `export -`), control characters removed.

    On a terminal, bidi controls and invisible characters are shown as `⟨U+202E⟩`; into a pipe
    the canonical text goes unchanged, so scripts can count offsets in it.
    """
    text = strip_controls(text)
    if sys.stdout.isatty():
        text = for_display(text)
    click.echo(text)
