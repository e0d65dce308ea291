"""Full, read-only and forbidden disks: one line naming the file, the cause and what to do.

Faults are injected in the one write helper (`library.fsutil._write_payload`); where the tests
run as root (which chmod cannot stop) a real read-only and a real full tmpfs are used instead.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from library.errors import LibraryError, WriteFailed
from library.store import Library
from tests.conftest import NEWS_TEXT

FAULTS = {
    errno.ENOSPC: ("the disk is full", "free some space"),
    errno.EROFS: ("the disk is read-only", "writable"),
    errno.EACCES: ("permission denied", "permissions"),
}


def _inject(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def broken(fd: int, payload: bytes) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("library.fsutil._write_payload", broken)


def _news(tmp_path: Path) -> Path:
    source = tmp_path / "news.txt"
    source.write_text(NEWS_TEXT, encoding="utf-8")
    return source


@pytest.mark.parametrize("code", sorted(FAULTS))
def test_a_failed_import_names_file_cause_and_remedy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    library = Library(tmp_path / "lib")
    _inject(monkeypatch, code)
    with pytest.raises(WriteFailed) as caught:
        library.import_file(_news(tmp_path))
    cause, remedy = FAULTS[code]
    message = str(caught.value)
    assert "articles/boston-threatens" in message and cause in message and remedy in message
    assert isinstance(caught.value, OSError) and isinstance(caught.value, LibraryError)
    monkeypatch.undo()
    assert library.catalog() == []
    assert not list(library.articles_dir.glob(".*.tmp"))  # the temp file went with the failure


@pytest.mark.parametrize("code", sorted(FAULTS))
@pytest.mark.parametrize(
    "command",
    [
        ("import", "{news}"),
        ("edit", "boston", "--title", "New title"),
        ("remove", "boston", "--yes"),
        ("highlight", "boston", "--quote", "Secure Communities"),
    ],
)
def test_cli_write_commands_fail_in_one_line(
    margin: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    command: tuple[str, ...],
) -> None:
    news = _news(tmp_path)
    if command[0] != "import":
        assert margin("import", str(news)).exit_code == 0
    _inject(monkeypatch, code)
    result = margin(*(part.format(news=news) for part in command))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines and "unexpected error" not in result.stderr, result.stderr
    cause, remedy = FAULTS[code]
    assert any(cause in line and remedy in line for line in lines), lines
    monkeypatch.undo()
    assert margin("list").exit_code == 0
    if command[0] == "remove":  # nothing half-moved: still listed, with its file
        assert "boston" in margin("list").stdout
        assert margin("restore", "--list").stdout.strip() == "The trash is empty."


def test_reindex_on_an_unwritable_index_falls_back(
    margin: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from library import search

    assert margin("import", str(_news(tmp_path))).exit_code == 0
    real = search.lock_in

    def unwritable(folder: Path, spec: object, timeout: float = 10.0) -> object:
        if str(folder).startswith(str(tmp_path)):  # the library's folder, not the temporary one
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(folder / "search.lock"))
        return real(folder, spec, timeout)  # type: ignore[arg-type]

    monkeypatch.setattr("library.search.lock_in", unwritable)
    for command in (("search", "Secure Communities"), ("reindex",)):
        result = margin(*command)
        assert result.exit_code == 0, result.output
        assert "temporary index" in result.stderr
    assert "Boston" in margin("search", "Secure Communities").stdout


# -- real disks (root only: chmod does not stop root) --------------------------------------------
@contextlib.contextmanager
def _tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting a tmpfs needs root"
)


@needs_root
def test_a_read_only_library_stays_readable_and_searchable(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    with _tmpfs(tmp_path / "mnt", "8m") as mnt:
        library = mnt / "lib"
        assert margin("import", str(_news(tmp_path)), library=library).exit_code == 0
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        listed = margin("list", library=library)
        assert listed.exit_code == 0 and "Boston" in listed.stdout
        assert margin("show", "boston", library=library).exit_code == 0
        found = margin("search", "Secure Communities", library=library)
        assert found.exit_code == 0 and "Boston" in found.stdout, found.output
        assert "temporary index" in found.stderr
        for command in (("edit", "boston", "--title", "X"), ("remove", "boston", "--yes")):
            refused = margin(*command, library=library)
            assert refused.exit_code == 1 and "unexpected" not in refused.stderr
            assert "read-only" in refused.stderr, refused.stderr
        other = tmp_path / "other.txt"
        other.write_text("A title\n\nSome body text that is long enough to import.\n")
        refused = margin("import", str(other), library=library)
        assert refused.exit_code == 1 and "the disk is read-only" in refused.stderr


@needs_root
def test_a_full_disk_refuses_an_import_and_keeps_the_library(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    with _tmpfs(tmp_path / "mnt", "160k") as mnt:
        library = mnt / "lib"
        assert margin("import", str(_news(tmp_path)), library=library).exit_code == 0
        filler = mnt / "filler"
        with contextlib.suppress(OSError), open(filler, "wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
        big = tmp_path / "big.txt"
        big.write_text("Big title\n\n" + "Words of a long article body. " * 4000)
        refused = margin("import", str(big), library=library)
        assert refused.exit_code == 1 and "the disk is full" in refused.stderr, refused.stderr
        assert "unexpected" not in refused.stderr
        filler.unlink()
        listed = margin("list", library=library)
        assert (
            listed.exit_code == 0 and "Boston" in listed.stdout and "Big title" not in listed.stdout
        )
        assert not list((library / "articles").glob(".*.tmp"))
