"""Margin's front ends: the `margin` command line (tui.cli) and the Textual reader (tui.app).

Importing this package imports neither Textual nor the domain's heavy dependencies.
"""

from __future__ import annotations

from typing import Any


def main() -> Any:
    """The `margin` command (`tui.cli.main`), its modules imported only when it runs.

    The console script imports this, not tui.cli: a parse worker (forkserver) runs the parent's
    main script again before its first task, and so imports only this package (the whole
    command line, ~70 ms of CPU a worker, when the script named tui.cli).
    """
    from tui.cli import main as command

    return command()
