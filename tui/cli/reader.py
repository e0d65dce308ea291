"""Open the reader: seed a new default library, then run the Textual app."""

from __future__ import annotations

from tui.cli import Env


def open_reader(env: Env) -> None:
    """Run the TUI on env's library (seeding the default library with samples on first use)."""
    if not env.named:
        env.workspace.articles.seed_on_first_use()
    from tui.app import MarginApp

    MarginApp(env.root, env.config).run()
