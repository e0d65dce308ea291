"""The documents folder exports go to: the XDG user-dirs convention (tests/conftest.py gives each
test its own HOME and XDG_CONFIG_HOME, and clears XDG_DOCUMENTS_DIR and MARGIN_EXPORT_DIR)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from library.paths import default_export_dir, documents_dir


def _user_dirs(text: str, mode: int = 0o644) -> Path:
    """Write the test's $XDG_CONFIG_HOME/user-dirs.dirs with mode."""
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "user-dirs.dirs"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_without_a_setting_the_documents_folder_is_in_home() -> None:
    home = Path(os.environ["HOME"])
    assert documents_dir() == home / "Documents"
    assert default_export_dir() == home / "Documents" / "Margin exports"


def test_the_user_dirs_file_names_the_folder_even_when_its_group_may_write_it() -> None:
    """xdg-user-dirs-update under a umask of 002 (Debian's and Ubuntu's for a user with a group
    of their own) leaves the file group-writable: platformdirs ignored it, and exports went to
    ~/Documents instead of the folder the desktop names."""
    _user_dirs('# written by xdg-user-dirs-update\nXDG_DOCUMENTS_DIR="$HOME/Dokumente"\n', 0o664)
    home = Path(os.environ["HOME"])
    assert documents_dir() == home / "Dokumente"
    assert default_export_dir() == home / "Dokumente" / "Margin exports"


def test_the_environment_wins_over_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _user_dirs('XDG_DOCUMENTS_DIR="$HOME/Dokumente"\n')
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Papers"))
    assert documents_dir() == tmp_path / "Papers"
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", "Papers")  # relative: the convention ignores it
    assert documents_dir() == Path(os.environ["HOME"]) / "Dokumente"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('XDG_DOCUMENTS_DIR="/srv/docs"\n', "/srv/docs"),
        ("XDG_DOCUMENTS_DIR=$HOME/My\\ Papers\n", "~/My Papers"),  # unquoted, escaped space
        ('XDG_DOCUMENTS_DIR="$HOME/A"\nXDG_DOCUMENTS_DIR="$HOME/B"\n', "~/B"),  # the last
        ('XDG_DOWNLOAD_DIR="$HOME/Downloads"\n', "~/Documents"),  # not named
        ('XDG_DOCUMENTS_DIR="Documents"\n', "~/Documents"),  # relative: ignored
        ('# XDG_DOCUMENTS_DIR="$HOME/Old"\n', "~/Documents"),  # a comment
        ('XDG_DOCUMENTS_DIR="$HOME/"\n', "~"),  # the convention's "no folder of its own"
    ],
)
def test_the_file_is_read_as_the_convention_writes_it(text: str, expected: str) -> None:
    _user_dirs(text)
    home = os.environ["HOME"]
    assert documents_dir() == Path(expected.replace("~", home, 1))


def test_a_file_anyone_may_write_is_not_followed() -> None:
    _user_dirs('XDG_DOCUMENTS_DIR="/tmp/anyone"\n', 0o666)
    assert documents_dir() == Path(os.environ["HOME"]) / "Documents"


def test_margin_export_dir_still_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _user_dirs('XDG_DOCUMENTS_DIR="$HOME/Dokumente"\n')
    monkeypatch.setenv("MARGIN_EXPORT_DIR", str(tmp_path / "exports"))
    assert default_export_dir() == tmp_path / "exports"
