"""Where Margin keeps things: platformdirs locations, each overridable by the environment."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_documents_path

APP_NAME = "margin"
LIBRARY_ENV = "MARGIN_LIBRARY"
CONFIG_ENV = "MARGIN_CONFIG"
EXPORT_ENV = "MARGIN_EXPORT_DIR"
EXPORT_FOLDER_NAME = "Margin exports"
DOCUMENTS_KEY = "XDG_DOCUMENTS_DIR"
# A line of user-dirs.dirs (shell assignments, as xdg-user-dirs-update writes them):
# XDG_DOCUMENTS_DIR="$HOME/Dokumente", or an unquoted value; backslashes escape.
_USER_DIRS_LINE = re.compile(r'\s*(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|((?:[^\s"\\#]|\\.)+))')
_ESCAPED = re.compile(r"\\(.)")


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
    "Margin exports" in the user's documents folder (`documents_dir`).

    Never the current directory, which after `make run` is the git checkout.
    """
    env = os.environ.get(EXPORT_ENV)
    if env:
        return Path(env).expanduser()
    return documents_dir() / EXPORT_FOLDER_NAME


def documents_dir() -> Path:
    """The user's documents folder, as the XDG user-dirs convention names it: $XDG_DOCUMENTS_DIR,
    else its line in user-dirs.dirs in $XDG_CONFIG_HOME (~/.config), else ~/Documents; on
    macOS and Windows, the system's.

    Read here rather than by platformdirs, which ignores a user-dirs.dirs its group may write:
    the file xdg-user-dirs-update leaves under a umask of 002 (Debian's and Ubuntu's for a user
    with a group of their own).
    """
    if sys.platform in ("darwin", "win32"):
        return user_documents_path()
    env = os.environ.get(DOCUMENTS_KEY, "")
    if os.path.isabs(env):  # the convention ignores a relative one
        return Path(env)
    return _user_dirs_entry(DOCUMENTS_KEY) or Path.home() / "Documents"


def _user_dirs_entry(key: str) -> Path | None:
    """key's folder in user-dirs.dirs (its last absolute or $HOME-relative value), or None when
    the file is missing, unreadable, anyone may write it, or names none."""
    config = os.environ.get("XDG_CONFIG_HOME", "")
    folder = Path(config) if os.path.isabs(config) else Path.home() / ".config"
    try:
        with (folder / "user-dirs.dirs").open(encoding="utf-8", errors="surrogateescape") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_mode & stat.S_IWOTH:
                return None
            lines = file.read().splitlines()
    except OSError:
        return None
    found = None
    for line in lines:
        entry = _USER_DIRS_LINE.match(line)
        if entry is None or entry[1] != key:
            continue
        value = _ESCAPED.sub(r"\1", entry[2] if entry[2] is not None else entry[3])
        if value == "$HOME" or value.startswith("$HOME/"):
            found = Path.home() / value.removeprefix("$HOME").lstrip("/")
        elif value.startswith("/"):
            found = Path(value)
    return found
