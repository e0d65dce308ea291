"""A bad config: numbers outside finite, sane ranges are refused naming the key; every command
says so in one line, except `margin doctor`, which reports it and still checks the library."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from library.config import parse_config
from library.errors import ConfigError

NUMBERS = ("max_size_mb", "url_deadline_seconds", "url_read_timeout_seconds")


@pytest.mark.parametrize("key", NUMBERS)
@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "-1", "0", "1e12", "true", '"60"'])
def test_import_numbers_must_be_finite_and_sane(key: str, value: str) -> None:
    data = tomllib.loads(f"[import]\n{key} = {value}\n")
    with pytest.raises(ConfigError, match=rf"import\.{key} must be a number of") as caught:
        parse_config(data)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("key", NUMBERS)
def test_sane_numbers_are_kept(key: str) -> None:
    config = parse_config(tomllib.loads(f"[import]\n{key} = 2.5\n"))
    assert getattr(config, key) == 2.5


@pytest.mark.parametrize("value", ["0", "-5", "1e9", "1.5", "true"])
def test_front_matter_values_must_be_a_sane_whole_number(value: str) -> None:
    with pytest.raises(ConfigError, match=r"import\.max_front_matter_values"):
        parse_config(tomllib.loads(f"[import]\nmax_front_matter_values = {value}\n"))


@pytest.fixture
def bad_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    path.write_text("[import]\nurl_deadline_seconds = inf\n", encoding="utf-8")
    monkeypatch.setenv("MARGIN_CONFIG", str(path))
    return path


def _library(
    margin: Callable[..., Result], news_file: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """A library with one article and one highlight, made before the config goes bad."""
    monkeypatch.delenv("MARGIN_CONFIG", raising=False)
    assert margin("import", str(news_file)).exit_code == 0
    assert margin("highlight", "boston", "--quote", "eroding trust").exit_code == 0
    return str(json.loads(margin("list", "--json").stdout)[0]["id"])


COMMANDS = (
    (),
    ("list",),
    ("annotations",),
    ("search", "trust"),
    ("show", "boston"),
    ("quotes", "boston"),
    ("highlight", "boston", "--quote", "mandatory"),
    ("export", "-o", "-"),
    ("brief", "-o", "-"),
    ("import", "https://example.invalid/a"),
    ("restore", "--list"),
)


def test_every_command_says_it_in_one_line(
    margin: Callable[..., Result],
    news_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _library(margin, news_file, monkeypatch)
    path = tmp_path / "config.toml"
    path.write_text("[import]\nurl_deadline_seconds = inf\n", encoding="utf-8")
    monkeypatch.setenv("MARGIN_CONFIG", str(path))
    for argv in COMMANDS:
        done = margin(*argv)
        assert done.exit_code == 1, (argv, done.output)
        (line,) = done.stderr.strip().splitlines()
        assert line.startswith(f"margin: {path}: import.url_deadline_seconds"), (argv, line)
        assert "Traceback" not in done.output and "OverflowError" not in done.output


def test_doctor_reports_the_config_and_checks_the_library(
    margin: Callable[..., Result],
    news_file: Path,
    library_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = _library(margin, news_file, monkeypatch)
    shard = library_dir / "annotations" / f"{article}.json"
    shard.write_bytes(b'{"annotations": {"broken')  # a library problem the doctor must see too
    path = tmp_path / "config.toml"
    path.write_text("[import]\nmax_size_mb = nan\n", encoding="utf-8")
    monkeypatch.setenv("MARGIN_CONFIG", str(path))
    done = margin("doctor")
    assert done.exit_code == 1
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith(f"problem  {path}: import.max_size_mb must be a number")
    assert any(f"annotations/{article}.json" in line for line in lines[1:])
    report = json.loads(margin("doctor", "--json").stdout)
    kinds = [f["kind"] for f in report["findings"]]
    assert kinds[0] == "bad-config" and len(kinds) > 1
    fixed = margin("doctor", "--fix")  # repairs the library; the config stays the user's to fix
    assert fixed.exit_code == 1
    assert "bad-config" in [
        f["kind"] for f in json.loads(margin("doctor", "--json").stdout)["findings"]
    ]
    path.write_text("[import]\nmax_size_mb = 20\n", encoding="utf-8")
    assert margin("doctor").exit_code == 0


def test_doctor_with_unreadable_toml(
    margin: Callable[..., Result], bad_config: Path, library_dir: Path
) -> None:
    bad_config.write_text("garbage[[", encoding="utf-8")
    done = margin("doctor")
    assert done.exit_code == 1
    assert done.stdout.startswith(f"problem  {bad_config}: invalid TOML")
    assert "1 problem" in done.stdout.strip().splitlines()[-1]
