"""Where Margin keeps things: platformdirs locations, each overridable by the environment."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_documents_path

APP_NAME = "margin"
LIBRARY_ENV = "MARGIN_LIBRARY"
CONFIG_ENV = "MARGIN_CONFIG"
EXPORT_ENV = "MARGIN_EXPORT_DIR"
EXPORT_FOLDER_NAME = "Margin exports"


def default_library_dir() -> Path:
    """The default library: the user data dir (e.g. ~/.local/share/margin/library)."""
    return user_data_path(APP_NAME, appauthor=False) / "library"


def resolve_library(option: str | os.PathLike[str] | None) -> tuple[Path, bool]:
    """The library folder to use and whether the user named it (named libraries are never seeded).

    Precedence: the --library option, then $MARGIN_LIBRARY, then the default.
    """
    if option:
        return Path(option).expanduser(), True
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser(), True
    return default_library_dir(), False


def config_file() -> Path:
    """The config file: $MARGIN_CONFIG, else config.toml in the user config dir."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def default_export_dir() -> Path:
    """Where exports go when neither the config nor the command says: $MARGIN_EXPORT_DIR, else
    "Margin exports" in the user's documents folder (e.g. ~/Documents/Margin exports).

    Never the current directory, which after `make run` is the git checkout.
    """
    env = os.environ.get(EXPORT_ENV)
    if env:
        return Path(env).expanduser()
    return user_documents_path() / EXPORT_FOLDER_NAME
