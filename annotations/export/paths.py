"""Where an export goes by default: a file in the exports folder, never the current directory."""

from __future__ import annotations

import re
from pathlib import Path

from library.config import Config
from library.paths import default_export_dir
from library.text import clean_inline

MAX_STEM = 80  # characters of the file name before the suffix
# Characters no file name on Linux, macOS or Windows may hold, and runs of them.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def export_folder(config: Config) -> Path:
    """The exports folder: the config's [export] folder, else $MARGIN_EXPORT_DIR, else
    "Margin exports" in the documents folder. Not created here (see `ensure_export_folder`)."""
    return config.export_folder or default_export_dir()


def ensure_export_folder(config: Config) -> Path:
    """The exports folder, created (with its parents) if it does not exist yet.

    Only for the default folder: a path the user typed is never created (write_export refuses a
    missing folder, so a typo does not make directories).
    """
    folder = export_folder(config)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def safe_stem(stem: str) -> str:
    """stem as a portable file name: one line, no path separators or reserved characters."""
    cleaned = _UNSAFE.sub("-", clean_inline(stem)).strip(" .-")
    return cleaned[:MAX_STEM].rstrip(" .-") or "margin-export"


def default_path(config: Config, suffix: str, stem: str) -> Path:
    """The default file for an export: <exports folder>/<stem><suffix>, not yet taken.

    suffix is the format's (".md", ".csl.json"; the dot is optional). When the name is taken, a
    number is added ("brief-2.md", "brief-3.md"), so the default never replaces a file. The
    folder may not exist yet: `ensure_export_folder` before writing.
    """
    suffix = suffix if not suffix or suffix.startswith(".") else f".{suffix}"
    folder = export_folder(config)
    name = safe_stem(stem)
    path = folder / f"{name}{suffix}"
    number = 2
    while path.exists() or path.is_symlink():
        path = folder / f"{name}-{number}{suffix}"
        number += 1
    return path
