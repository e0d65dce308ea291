"""Shared fixtures: every test runs with its own XDG dirs, config and library."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

# The suite is deterministic by default: hypothesis draws the same examples on every run, so a
# CI failure reproduces locally. `HYPOTHESIS_PROFILE=explore make test` searches afresh.
settings.register_profile(
    "deterministic",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARGIN_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"


# What the user's environment may set that a test must not see: every XDG variable (platformdirs
# reads XDG_DOCUMENTS_DIR and the others), and Margin's own settings. The test switches
# (MARGIN_SHARED, MARGIN_STRESS, MARGIN_UPDATE_GOLDEN) are the runner's to set.
KEPT_MARGIN_VARIABLES = frozenset({"MARGIN_SHARED", "MARGIN_STRESS", "MARGIN_UPDATE_GOLDEN"})


def isolated_environment(home: Path) -> dict[str, str]:
    """The XDG variables a test runs with: every base directory under home, nothing else."""
    return {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
    }


PROXY_VARIABLES = ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy", "no_proxy")


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point platformdirs at a fresh home so no test reads or writes the user's real files, and
    clear every other XDG_ and MARGIN_ variable the user's session may have set, and keep the
    caller's proxy settings away from the tests' local HTTP servers."""
    home = tmp_path_factory.mktemp("home")
    for name in list(os.environ):
        if name.startswith("XDG_") or (
            name.startswith("MARGIN_") and name not in KEPT_MARGIN_VARIABLES
        ):
            monkeypatch.delenv(name)
    for name, value in isolated_environment(home).items():
        monkeypatch.setenv(name, value)
    # The local HTTP servers of the tests are reached directly: urllib would send requests for
    # 127.0.0.1 to a proxy named in the caller's environment (and honour its no_proxy).
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    """An empty library folder (not yet created on disk)."""
    return tmp_path / "lib"


@pytest.fixture
def margin(library_dir: Path) -> Callable[..., Result]:
    """Run the `margin` CLI in-process on library_dir; returns click's Result."""
    from tui.cli import cli

    def run(*args: str, input: str | bytes | None = None, library: Path | None = None) -> Result:
        runner = CliRunner()
        argv = ["--library", str(library or library_dir), *args]
        return runner.invoke(cli, argv, input=input, catch_exceptions=False)

    return run


NEWS_TEXT = """\
Boston threatens to withdraw from Secure Communities

Published 13 July 2011
By Maria Sacchetti
Standfirst: Mayor says federal program is eroding trust between police and immigrants.

Boston Mayor Thomas M. Menino said yesterday that the city may withdraw from a federal \
immigration program, known as Secure Communities, that he said was “eroding trust” \
between police and immigrants.

The program shares fingerprints of everyone arrested with federal immigration officials.

> The program has been a disaster,’’ Menino wrote. ‘‘It should be scrapped.

Federal officials said the program was mandatory and would continue.
"""

# A second, shorter news article (the reader's and the board's tests use both).
SECOND = """\
Council backs bus lanes on three roads

Published 2 May 2024
By Ann Lee

The council voted on Tuesday to add bus lanes on three main roads.

“This is the cheapest way to make buses reliable,” said the transport lead.

Opponents said the plan would squeeze deliveries.
"""


@pytest.fixture
def whole_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every whole read of a durable store's file (`DurableStorage._load`), by path: a test of a
    streamed path asserts that a big file was never loaded whole."""
    import library.tinystore as tinystore

    seen: list[Path] = []
    load = tinystore.DurableStorage._load

    def spy(self: tinystore.DurableStorage) -> Any:
        seen.append(self.path)
        return load(self)

    monkeypatch.setattr(tinystore.DurableStorage, "_load", spy)
    return seen


@pytest.fixture
def news_file(tmp_path: Path) -> Path:
    """A plain-text news article in the format of the brief."""
    path = tmp_path / "boston.txt"
    path.write_text(NEWS_TEXT, encoding="utf-8")
    return path


def run_on_a_terminal(argv: list[str], env: dict[str, str] | None = None) -> tuple[int, bytes]:
    """Run `margin ARGV` in a child whose controlling terminal (and stdout) is a pseudo-terminal;
    its exit code and everything it wrote there."""
    import pty
    import select
    import sys

    code = f"from tui.cli import main; main({argv!r})"
    pid, fd = pty.fork()
    if pid == 0:  # the child: a new session whose controlling terminal is the pty
        os.chdir(REPO)
        os.execve(sys.executable, [sys.executable, "-c", code], env or dict(os.environ))
    out = b""
    while True:
        ready, _w, _x = select.select([fd], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), out


def read_saved_catalog(path: Path) -> dict[str, Any]:
    """A saved catalog (.index/catalog.json) as its header with its rows, for a test to edit."""
    import orjson

    head, *lines = path.read_bytes().split(b"\n")
    data: dict[str, Any] = orjson.loads(head)
    data["rows"] = [orjson.loads(line) for line in lines]
    return data


def write_saved_catalog(path: Path, data: dict[str, Any]) -> None:
    """Write back a catalog from `read_saved_catalog`, as a sync tool or a hand might."""
    import orjson

    header = {k: v for k, v in data.items() if k != "rows"}
    path.write_bytes(b"\n".join([orjson.dumps(header), *map(orjson.dumps, data["rows"])]))


@contextmanager
def serving(body: bytes, content_type: str) -> Iterator[str]:
    """A local HTTP server answering every GET with body as content_type; yields its address."""
    import http.server
    import threading

    class Serve(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Serve)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def import_text(margin: Callable[..., Result], path: Path, text: str) -> None:
    """Write text to path as an article file and import it with `margin import`."""
    path.write_text(text, encoding="utf-8")
    result = margin("import", str(path))
    assert result.exit_code == 0, result.output


def edit_keeping_size_and_mtime(path: Path, old: bytes, new: bytes) -> None:
    """Replace old with new (the same length) in the file, in place, then put its mtime back,
    as `touch -r`, `rsync -t` or `cp -p` leave a hand edit: only ctime tells the versions apart."""
    assert len(old) == len(new) and old != new
    before = path.stat()
    raw = path.read_bytes()
    assert old in raw
    with open(path, "r+b") as file:
        file.write(raw.replace(old, new, 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    while path.stat().st_ctime_ns == before.st_ctime_ns:  # a coarse clock: wait for its tick
        time.sleep(0.005)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    kept = (before.st_ino, before.st_size, before.st_mtime_ns)
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == kept


@pytest.fixture
def columns(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Set the width of the terminal the CLI prints to (its console is made again for it)."""

    def set_width(width: int) -> None:
        monkeypatch.setenv("COLUMNS", str(width))
        monkeypatch.setattr("tui.cli.output._console", None)

    return set_width
