"""Folder import stays inside the folder unless told to follow links out of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from library.store import iter_folder


def _folder(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret title\n\nPrivate words that must stay out.\n")
    (outside / "more").mkdir()
    (outside / "more" / "deep.txt").write_text("Deep title\n\nAnother private body.\n")
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "story.txt").write_text("A story\n\nThe body of a story inside the folder.\n")
    (folder / "passwd.txt").symlink_to(outside / "secret.txt")
    (folder / "elsewhere").symlink_to(outside / "more")
    (folder / "sub" / "again.txt").symlink_to(folder / "story.txt")  # stays inside: fine
    (folder / "sub" / "loop").symlink_to(folder)  # a loop: never walked twice
    return folder


def test_links_out_of_the_folder_are_skipped_with_a_reason(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    skipped: list[tuple[Path, str]] = []
    found = [p.relative_to(folder).as_posix() for p in iter_folder(folder, skipped=skipped)]
    assert found == ["story.txt", "sub/again.txt"]
    reasons = {p.name: reason for p, reason in skipped}
    assert set(reasons) == {"passwd.txt", "elsewhere"}
    assert "outside the folder" in reasons["passwd.txt"]
    assert str(tmp_path / "outside" / "secret.txt") in reasons["passwd.txt"]
    assert "--follow-symlinks" in reasons["passwd.txt"]


def test_follow_symlinks_reads_them(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    found = {p.name for p in iter_folder(folder, follow_symlinks=True)}
    assert found == {"story.txt", "again.txt", "passwd.txt", "deep.txt"}


def test_cli_reports_the_skipped_links(margin: Callable[..., Result], tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = margin("import", str(folder))
    assert result.exit_code == 0, result.output
    assert "passwd.txt: skipped, a link to" in result.stderr
    assert "Secret title" not in margin("list").stdout
    assert "2 files skipped" in result.stdout
    followed = margin("import", "--follow-symlinks", str(folder))
    assert followed.exit_code == 0
    assert "Secret title" in margin("list").stdout
