"""Tests see none of the user's XDG or Margin settings (tests/conftest.py's autouse fixture)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_no_xdg_or_margin_variable_of_the_session_reaches_a_test() -> None:
    home = Path(os.environ["HOME"])
    for name, value in os.environ.items():
        if name.startswith("XDG_"):
            assert Path(value).is_relative_to(home), (name, value)
        assert not name.startswith("MARGIN_") or name in {
            "MARGIN_SHARED",
            "MARGIN_STRESS",
            "MARGIN_UPDATE_GOLDEN",
        }, name


def test_the_export_folder_test_passes_with_the_users_documents_dir_set(tmp_path: Path) -> None:
    """Run with XDG_DOCUMENTS_DIR, a user-dirs.dirs naming another folder, XDG_CONFIG_DIRS and a
    library set, as in a desktop session."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="/srv/Papiere"\n', encoding="utf-8")
    env = dict(os.environ)
    env.update(
        XDG_DOCUMENTS_DIR=str(tmp_path / "Dokumente"),
        XDG_CONFIG_HOME=str(config),
        XDG_DATA_DIRS=str(tmp_path / "share"),
        MARGIN_LIBRARY=str(tmp_path / "elsewhere"),
        MARGIN_EXPORT_DIR=str(tmp_path / "exports"),
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
            "tests/annotations/test_export_paths.py",
            "tests/library/test_paths.py",
            "tests/test_environment.py::"
            "test_no_xdg_or_margin_variable_of_the_session_reaches_a_test",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
