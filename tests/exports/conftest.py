"""Fixtures for the export importers: the samples folder and a local web server for links."""

from __future__ import annotations

import http.server
import io
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotations.workspace import Workspace

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
# A csv as Margin wrote it before session 32: a book's passage on no page given its offset in
# Margin's text as Location (read back, it was cited "p. 5000").
OFFSET_CSV = (
    "Highlight,Title,Author,URL,Note,Location,Location Type,Date\r\n"
    '"Simplify, simplify.",Walden,Henry Thoreau,,,12,page,\r\n'
    "Words no page holds now.,Walden,Henry Thoreau,,,5000,offset,\r\n"
)
PAGES = {
    "/night-library": (SAMPLES / "page.html").read_bytes(),
    "/ferry": (
        b"<html><head><title>The ferry timetable changes in March</title></head><body><article>"
        b"<h1>The ferry timetable changes in March</h1><p>From the first of March the morning "
        b"ferry leaves twenty minutes earlier, at 6.40, to meet the first train.</p><p>The last "
        b"evening crossing stays at 22.10, the harbour office said.</p></article></body></html>"
    ),
    "/harbour": (
        b"<html><head><title>Harbour dredging finished early</title></head><body><article>"
        b"<h1>Harbour dredging finished early</h1><p>The dredgers left the inner harbour a week "
        b"ahead of plan, and the fishing boats moved back to their berths on Monday.</p>"
        b"</article></body></html>"
    ),
}


def clipping(title: str, kind: str, where: str, body: str) -> str:
    """One entry of an English Kindle's My Clippings.txt: kind ("Highlight", "Note") at
    Location where."""
    return (
        f"{title}\n- Your {kind} on Location {where} | Added on Sunday, 9 October 2016 "
        f"12:13:14\n\n{body}\n==========\n"
    )


def written(path: Path, text: str) -> Path:
    """path, with text written to it."""
    path.write_text(text, encoding="utf-8")
    return path


def books(workspace: Workspace) -> dict[str, list[str]]:
    """Each article's id and the quotes of its highlights."""
    return {
        m.id: sorted(h.quote for h in workspace.highlights.in_article(m.id))
        for m in workspace.articles.listing()
    }


class Served:
    """A local server's address and what it was asked for."""

    def __init__(self, base: str, hits: list[str], busiest: list[int]) -> None:
        self.base = base
        self.hits = hits
        self.busiest = busiest  # the most requests it was serving at once

    def sample(self, name: str, target: Path) -> Path:
        """A sample with `{BASE}` replaced by this server's address, written to target."""
        target.write_bytes((SAMPLES / name).read_bytes().replace(b"{BASE}", self.base.encode()))
        return target


@pytest.fixture
def server() -> Iterator[Served]:
    """A threaded HTTP server on 127.0.0.1 serving PAGES (404 for anything else)."""
    hits: list[str] = []
    busiest = [0]
    active = [0]
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with lock:
                hits.append(self.path)
                active[0] += 1
                busiest[0] = max(busiest[0], active[0])
            try:
                time.sleep(0.02)
                body = PAGES.get(self.path.split("?")[0])
                if body is None and self.path.startswith("/n/"):
                    number = self.path.rsplit("/", 1)[-1]
                    body = (
                        f"<html><head><title>Note number {number}</title></head><body><article>"
                        f"<h1>Note number {number}</h1><p>This is the text of note {number}, "
                        "long enough to be read as an article by the extractor.</p></article>"
                        "</body></html>"
                    ).encode()
            finally:
                # Counted out before the answer is sent: once the client has the answer it may
                # ask again at once, before this thread would reach a later decrement, and the
                # overlap measured would be the server's, not the client's.
                with lock:
                    active[0] -= 1
            if body is None:
                self.send_error(404, "Not Found")
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield Served(f"http://127.0.0.1:{httpd.server_address[1]}", hits, busiest)
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "lib")


def zipped(folder: Path) -> bytes:
    """The files of folder as a zip archive (names relative to it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in sorted(folder.rglob("*")):
            if member.is_file():
                archive.write(member, member.relative_to(folder).as_posix())
    return buffer.getvalue()


@pytest.fixture
def sample() -> Callable[[str], Path]:
    return lambda name: SAMPLES / name
