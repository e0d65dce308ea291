"""The README's key tables are the binding tables (scripts/keys.py writes them)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest
from textual.binding import Binding

from tests.conftest import REPO


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("keys_script", REPO / "scripts" / "keys.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_key_tables_are_generated_from_the_bindings() -> None:
    keys = _script()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert keys.render(readme) == readme, "run: python scripts/keys.py --write"


def test_a_changed_binding_shows_in_the_generated_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check can fail: a new key bound in the reader is missing from the README until the
    script is run again."""
    from tui.widgets.reader import ArticleView

    keys = _script()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    extra = Binding("ctrl+g", "goto", "Go to page", tooltip="go to a printed page", id="x.goto")
    monkeypatch.setattr(ArticleView, "BINDINGS", [*ArticleView.BINDINGS, extra])
    rendered = keys.render(readme)
    assert rendered != readme
    assert "| `ctrl+g` | go to a printed page |" in rendered
