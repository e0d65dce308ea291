"""Output for people (rich, never parsing untrusted text as markup) and for scripts (JSON)."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import click
import orjson
from rich.console import Console
from rich.text import Text

from library.text import strip_controls

_console: Console | None = None
_errors: Console | None = None


def console() -> Console:
    """The stdout console (highlighting off: article text is shown as it is)."""
    global _console
    if _console is None:
        _console = Console(highlight=False, markup=False, emoji=False)
    return _console


def safe(value: object, style: str = "") -> Text:
    """Untrusted text as a rich Text: never markup, never control characters."""
    return Text(strip_controls("" if value is None else str(value)).replace("\n", " "), style=style)


def say(message: str) -> None:
    """A plain line on stdout."""
    console().print(safe(message), soft_wrap=True)


def warn(message: str) -> None:
    """A one-line message on stderr."""
    global _errors
    if _errors is None:
        _errors = Console(stderr=True, highlight=False, markup=False, emoji=False)
    _errors.print(safe(message), soft_wrap=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Stop the command with a one-line error on stderr and an exit code (2: usage)."""
    from tui.cli import Failure

    raise Failure(message, code)


def print_json(data: Any) -> None:
    """Write data as indented JSON to stdout."""
    out = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)
    sys.stdout.buffer.write(out + b"\n")
    sys.stdout.flush()


def echo(text: str) -> None:
    """Raw text on stdout (for `show` and `export -`), control characters removed."""
    click.echo(strip_controls(text))
