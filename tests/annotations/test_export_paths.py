"""The default export path: the exports folder from the config or the documents folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.export import default_path, ensure_export_folder, export_folder, write_export
from annotations.export.paths import MAX_STEM, safe_stem
from library.config import Config, parse_config
from library.errors import ConfigError


def test_the_default_folder_is_in_the_documents_folder_not_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = export_folder(Config())
    assert folder == Path(os.environ["HOME"]) / "Documents" / "Margin exports"
    assert not folder.is_relative_to(tmp_path)
    assert default_path(Config(), ".md", "brief") == folder / "brief.md"


def test_the_config_and_the_environment_choose_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARGIN_EXPORT_DIR", str(tmp_path / "from-env"))
    assert export_folder(Config()) == tmp_path / "from-env"
    config = parse_config({"export": {"folder": "~/Briefs"}})
    assert config.export_folder == Path(os.environ["HOME"]) / "Briefs"
    assert export_folder(config) == Path(os.environ["HOME"]) / "Briefs"  # the config wins


@pytest.mark.parametrize("value", ["", "  ", 3, ["a"]])
def test_a_bad_folder_setting_names_the_setting(value: object) -> None:
    with pytest.raises(ConfigError, match=r"export\.folder"):
        parse_config({"export": {"folder": value}})


def test_the_default_never_replaces_a_file(tmp_path: Path) -> None:
    config = Config(export_folder=tmp_path / "exports")
    first = default_path(config, "csl.json", "Boston: a brief")
    assert first == tmp_path / "exports" / "Boston- a brief.csl.json"
    folder = ensure_export_folder(config)
    assert folder.is_dir()
    write_export(b"one", first)
    second = default_path(config, ".csl.json", "Boston: a brief")
    assert second.name == "Boston- a brief-2.csl.json"
    write_export(b"two", second)
    assert default_path(config, ".csl.json", "Boston: a brief").name.endswith("-3.csl.json")
    assert first.read_bytes() == b"one"


@given(st.text(max_size=200))
def test_any_stem_makes_one_plain_file_name(stem: str) -> None:
    name = safe_stem(stem)
    assert name and len(name) <= MAX_STEM
    assert not any(c in name for c in '\\/:*?"<>|\n\r\t\x00')
    assert name not in {".", ".."} and not name.startswith((" ", ".", "-"))
