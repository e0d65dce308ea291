"""Margin's front ends: the `margin` command line (tui.cli) and the Textual reader (tui.app).

Importing this package imports neither Textual nor the domain's heavy dependencies.
"""
