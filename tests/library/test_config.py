"""The config: the commented default file and the checks on each setting agree."""

from __future__ import annotations

import re
import tomllib

import pytest

from library.config import DEFAULT_CONFIG, parse_config
from library.errors import ConfigError


def test_the_width_comment_states_the_range_that_is_checked() -> None:
    comment = next(line for line in DEFAULT_CONFIG.splitlines() if "Reading measure" in line)
    low, high = map(int, re.search(r"(\d+)–(\d+)", comment).groups())  # type: ignore[union-attr]
    for width in (low, high):
        assert parse_config({"reader": {"width": width}}).width == width
    for width in (low - 1, high + 1):
        with pytest.raises(ConfigError, match=f"{low}–{high}"):
            parse_config({"reader": {"width": width}})


def test_the_default_file_parses_to_the_defaults() -> None:
    config = parse_config(tomllib.loads(DEFAULT_CONFIG))
    assert config.width == 76 and [s.name for s in config.stances] == [
        "support",
        "oppose",
        "neutral",
    ]
