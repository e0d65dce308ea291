"""`python -m tui.cli` runs the `margin` command."""

from tui.cli import main

main()
