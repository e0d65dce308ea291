"""Modal dialogs; each returns a value through `dismiss` (None when cancelled)."""
