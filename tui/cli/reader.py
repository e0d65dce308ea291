"""Open the reader: seed an empty default library, then run the Textual app."""

from __future__ import annotations

from tui.cli import Env


def open_reader(env: Env) -> None:
    """Run the TUI on env's library (seeding the default library with samples when empty)."""
    library = env.library
    library.ensure()
    if not env.named and len(library) == 0:
        for result in library.seed_samples():
            env.workspace.after_import(result)
    from tui.app import MarginApp

    MarginApp(env.root, env.config).run()
