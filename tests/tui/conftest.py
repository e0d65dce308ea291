"""Fixtures for the reader: a library with a news article, and an app factory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from library.config import Config
from library.store import Library
from tests.conftest import NEWS_TEXT, SECOND
from tui.app import MarginApp


@pytest.fixture
def tui_library(tmp_path: Path) -> Path:
    """A library holding the Boston news article and a second one."""
    root = tmp_path / "lib"
    library = Library(root)
    for name, text in (("boston.txt", NEWS_TEXT), ("buses.txt", SECOND)):
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
        library.import_file(source)
    return root


@pytest.fixture
def make_app(tui_library: Path) -> Callable[..., MarginApp]:
    """Build the app on the test library (theme and config adjustable)."""

    def build(theme: str = "textual-dark", config: Config | None = None) -> MarginApp:
        config = config or Config()
        config.theme = theme
        return MarginApp(tui_library, config)

    return build


BOSTON_ID_PREFIX = "boston-threatens"
