"""Screens: the main three-pane screen, help, and library search."""
