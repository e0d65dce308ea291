"""Widgets: the reader, the library list and the annotations list."""
