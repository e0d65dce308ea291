"""Margin's typed configuration, read from TOML; written once with comments on first run."""

from __future__ import annotations

import contextlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from library.errors import ConfigError
from library.fsutil import atomic_write
from library.limits import (
    DEFAULT_FRONT_MATTER_VALUES,
    DEFAULT_MAX_PAGES,
    DEFAULT_MAX_UNPACKED_MB,
    DEFAULT_PARSE_SECONDS,
    DEFAULT_URL_DEADLINE,
    DEFAULT_URL_READ_TIMEOUT,
    Limits,
)
from library.paths import config_file

DEFAULT_CONFIG = """\
# Margin configuration. Delete this file to get the defaults back.

[reader]
# Reading measure in columns: 40–200, and 60–100 reads best; the text is centred in wider panes.
width = 76
# A Textual theme, e.g. "textual-dark", "textual-light", "nord", "gruvbox", "solarized-light".
theme = "textual-dark"

[quotes]
# Style used by `y` in the reader and by `margin copy`: plain, mla, apa, chicago, card,
# or the name of a template from [templates] below.
style = "plain"

[import]
# Files and web pages larger than this are refused.
max_size_mb = 50
# Front matter may repeat a value with YAML aliases (&a … *a); this caps how many values it
# expands to, so a few hundred bytes cannot expand to gigabytes.
max_front_matter_values = 10000
# A web page import gives up after this many seconds in all, however slowly the server sends.
url_deadline_seconds = 60
# … and after this many seconds without a byte from the server.
url_read_timeout_seconds = 20
# A PDF with more pages than this is refused before any is read.
max_pages = 5000
# Reading one PDF may take this many seconds (and 1 GB of memory); then it is refused.
parse_seconds = 120
# An EPUB may unpack to this many megabytes; more is refused as a zip bomb.
max_unpacked_mb = 300

[export]
# Where exports are saved when you do not name a file: by default "Margin exports" in your
# documents folder ($XDG_DOCUMENTS_DIR, or the one ~/.config/user-dirs.dirs names, else
# ~/Documents), created when first needed. A ~ is your home folder.
# folder = "~/Documents/Margin exports"

# The stance vocabulary: one [[stances]] table per stance, in key order.
# name: what is stored on a highlight; key: the digit that sets it in the reader (1–9);
# color: a colour name or #rrggbb; description: shown in help and the command palette.
# Renaming or removing a stance never drops data: highlights keep the old name and show it as
# unknown until you reassign them.
[[stances]]
name = "support"
key = "1"
color = "green"
description = "Supports the claim"

[[stances]]
name = "oppose"
key = "2"
color = "red"
description = "Opposes the claim"

[[stances]]
name = "neutral"
key = "3"
color = "blue"
description = "Neutral or context"

# Your own quote formats. Fields: {quote} {speaker} {title} {authors} {author} {publication}
# {published} (or {published:%d %B %Y}) {url} {note} {tags} {stance} {accessed} {article}.
[templates]
# brief = "“{quote}” ({speaker}, {publication}, {published:%d %b %Y})"
"""

_COLOR = re.compile(r"^(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|[a-z_]+[0-9]*)$")


@dataclass(frozen=True, slots=True)
class Stance:
    """One entry of the stance vocabulary."""

    name: str
    key: str
    color: str
    description: str = ""


DEFAULT_STANCES: tuple[Stance, ...] = (
    Stance("support", "1", "green", "Supports the claim"),
    Stance("oppose", "2", "red", "Opposes the claim"),
    Stance("neutral", "3", "blue", "Neutral or context"),
)


@dataclass(slots=True)
class Config:
    """Everything the user can configure."""

    stances: tuple[Stance, ...] = DEFAULT_STANCES
    width: int = 76
    theme: str = "textual-dark"
    quote_style: str = "plain"
    max_size_mb: float = 50.0
    # Where exports are saved by default; None: $MARGIN_EXPORT_DIR, else the documents folder.
    export_folder: Path | None = None
    max_front_matter_values: int = DEFAULT_FRONT_MATTER_VALUES
    url_deadline_seconds: float = DEFAULT_URL_DEADLINE
    url_read_timeout_seconds: float = DEFAULT_URL_READ_TIMEOUT
    max_pages: int = DEFAULT_MAX_PAGES
    parse_seconds: float = DEFAULT_PARSE_SECONDS
    max_unpacked_mb: float = DEFAULT_MAX_UNPACKED_MB
    templates: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    def stance(self, name: str | None) -> Stance | None:
        """The stance called name (case-insensitive), or None when it is not in the vocabulary."""
        if name is None:
            return None
        folded = name.casefold()
        return next((s for s in self.stances if s.name.casefold() == folded), None)

    def stance_for_key(self, key: str) -> Stance | None:
        """The stance bound to a digit key, if any."""
        return next((s for s in self.stances if s.key == key), None)

    @property
    def limits(self) -> Limits:
        """The input limits this config sets."""
        return Limits(
            max_bytes=int(self.max_size_mb * 1_000_000),
            front_matter_values=self.max_front_matter_values,
            url_deadline=self.url_deadline_seconds,
            url_read_timeout=self.url_read_timeout_seconds,
            max_pages=self.max_pages,
            parse_seconds=self.parse_seconds,
            max_unpacked=int(self.max_unpacked_mb * 1_000_000),
        )

    @property
    def stance_names(self) -> list[str]:
        """Names of the configured stances, in key order."""
        return [s.name for s in self.stances]


def load_config(path: Path | None = None, *, create: bool = False) -> Config:
    """Read the config file; with create, write the commented default when it does not exist."""
    path = path or config_file()
    if not path.exists():
        if create:
            with contextlib.suppress(OSError):  # a read-only config dir: the defaults apply
                atomic_write(path, DEFAULT_CONFIG)
        return Config(path=path)
    import tomllib  # only when there is a file to read

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc}); fix or delete the file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc}); fix or delete the file") from exc
    return parse_config(data, path)


def save_theme(theme: str, path: Path | None = None) -> None:
    """Keep a theme picked in the reader in the user's config file ([reader] theme), so every
    library opens in it; the rest of the file, comments included, is left as it was."""
    import tomlkit

    path = path or config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = DEFAULT_CONFIG
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc}); fix or delete the file") from exc
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc}); fix or delete the file") from exc
    reader = document.get("reader")
    if not isinstance(reader, dict):
        reader = tomlkit.table()
        document["reader"] = reader
    reader["theme"] = theme
    try:
        atomic_write(path, tomlkit.dumps(document))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot save the theme ({exc}); check the folder") from exc


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    """Validate a parsed TOML document into a Config; errors name the setting."""
    where = str(path) if path else "config"

    def fail(setting: str, reason: str) -> ConfigError:
        return ConfigError(f"{where}: {setting} {reason}")

    reader = _table(data, "reader", fail)
    quotes = _table(data, "quotes", fail)
    importing = _table(data, "import", fail)
    exporting = _table(data, "export", fail)
    config = Config(path=path)
    width = reader.get("width", config.width)
    if not isinstance(width, int) or not 40 <= width <= 200:
        raise fail("reader.width", f"must be a whole number of columns (40–200), not {width!r}")
    config.width = width
    theme = reader.get("theme", config.theme)
    if not isinstance(theme, str) or not theme:
        raise fail("reader.theme", "must be a theme name")
    config.theme = theme
    style = quotes.get("style", config.quote_style)
    if not isinstance(style, str) or not style:
        raise fail("quotes.style", "must be a style name")
    config.quote_style = style
    config.max_size_mb = _number(
        importing, "max_size_mb", config.max_size_mb, MAX_SIZE_MB, "megabytes", fail
    )
    folder = exporting.get("folder")
    if folder is not None:
        if not isinstance(folder, str) or not folder.strip():
            raise fail("export.folder", f"must be a folder path in quotes, not {folder!r}")
        config.export_folder = Path(folder.strip()).expanduser()
    values = importing.get("max_front_matter_values", config.max_front_matter_values)
    if (
        not isinstance(values, int)
        or isinstance(values, bool)
        or not 1 <= values <= MAX_FRONT_MATTER_VALUES
    ):
        raise fail(
            "import.max_front_matter_values",
            f"must be a whole number from 1 to {MAX_FRONT_MATTER_VALUES:,}, not {values!r}",
        )
    config.max_front_matter_values = values
    pages = importing.get("max_pages", config.max_pages)
    if not isinstance(pages, int) or isinstance(pages, bool) or not 1 <= pages <= MAX_PAGES:
        raise fail(
            "import.max_pages", f"must be a whole number from 1 to {MAX_PAGES:,}, not {pages!r}"
        )
    config.max_pages = pages
    for key in ("url_deadline_seconds", "url_read_timeout_seconds", "parse_seconds"):
        seconds = _number(importing, key, getattr(config, key), MAX_SECONDS, "seconds", fail)
        setattr(config, key, seconds)
    config.max_unpacked_mb = _number(
        importing, "max_unpacked_mb", config.max_unpacked_mb, MAX_SIZE_MB, "megabytes", fail
    )
    templates = _table(data, "templates", fail)
    for name, template in templates.items():
        if not isinstance(template, str):
            raise fail(f"templates.{name}", "must be a string")
    config.templates = dict(templates)
    if "stances" in data:
        config.stances = _stances(data["stances"], fail)
    return config


# The largest values a setting may take: beyond them a number is a typo (or `inf`), and would
# overflow or never end where it is used.
MAX_SIZE_MB = 100_000.0  # 100 GB
MAX_FRONT_MATTER_VALUES = 100_000_000
MAX_SECONDS = 86_400.0  # a day
MAX_PAGES = 1_000_000


def _number(
    table: dict[str, Any], key: str, default: float, most: float, unit: str, fail: Any
) -> float:
    """A positive, finite number of units at most `most` from [import] key; the error names it."""
    value = table.get(key, default)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 < value <= most
    ):
        raise fail(
            f"import.{key}",
            f"must be a number of {unit} greater than 0 and at most {most:,g}, not {value!r}",
        )
    return float(value)


def _table(data: dict[str, Any], name: str, fail: Any) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise fail(f"[{name}]", "must be a table")
    return value


def _stances(raw: Any, fail: Any) -> tuple[Stance, ...]:
    if not isinstance(raw, list):
        raise fail("stances", "must be an array of tables ([[stances]])")
    stances: list[Stance] = []
    seen_names: set[str] = set()
    seen_keys: set[str] = set()
    for i, entry in enumerate(raw, 1):
        if not isinstance(entry, dict):
            raise fail(f"stances #{i}", "must be a table with name, key, color")
        name = str(entry.get("name", "")).strip()
        key = str(entry.get("key", "")).strip()
        color = str(entry.get("color", "")).strip()
        if not name:
            raise fail(f"stances #{i}", "needs a name")
        if key not in {str(d) for d in range(1, 10)}:
            raise fail(f"stances.{name}.key", f"must be a digit 1–9, not {key!r}")
        if not _COLOR.match(color):
            raise fail(f"stances.{name}.color", f"must be a colour name or #rrggbb, not {color!r}")
        if name.casefold() in seen_names:
            raise fail(f"stances.{name}", "is defined twice")
        if key in seen_keys:
            raise fail(f"stances.{name}.key", f"{key} is already used by another stance")
        seen_names.add(name.casefold())
        seen_keys.add(key)
        stances.append(Stance(name, key, color, str(entry.get("description", ""))))
    return tuple(sorted(stances, key=lambda s: s.key))
