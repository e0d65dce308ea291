"""URL import gives up at an overall deadline, however slowly a server trickles its page."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from library.errors import ImportFailed
from library.fetch import fetch_url


class _Trickle(http.server.BaseHTTPRequestHandler):
    """Sends a page one byte every half second: each read arrives well within any timeout."""

    def do_GET(self) -> None:
        body = b"<html><body><p>" + b"slow " * 400 + b"</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for i in range(len(body)):
                self.wfile.write(body[i : i + 1])
                self.wfile.flush()
                time.sleep(0.5)
        except OSError:  # the client gave up: what the test wants
            return

    def log_message(self, format: str, *args: object) -> None:
        pass


class _SlowHeaders(http.server.BaseHTTPRequestHandler):
    """Trickles its status line and headers: urllib reads those without giving control back."""

    def do_GET(self) -> None:
        try:
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"z" * 200:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.3)
        except OSError:
            return

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[Callable[[type[http.server.BaseHTTPRequestHandler]], str]]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(handler: type[http.server.BaseHTTPRequestHandler]) -> str:
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}/page"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("handler", [_Trickle, _SlowHeaders])
def test_a_trickling_server_is_given_up_on_at_the_deadline(
    serve: Callable[[type[http.server.BaseHTTPRequestHandler]], str],
    handler: type[http.server.BaseHTTPRequestHandler],
) -> None:
    url = serve(handler)
    began = time.monotonic()
    with pytest.raises(ImportFailed) as caught:
        fetch_url(url, 1_000_000, timeout=5.0, deadline=1.5)
    assert time.monotonic() - began < 4.0  # the per-read timeout (5 s) is never reached
    message = str(caught.value)
    assert "1.5 s deadline" in message and "[import] url_deadline_seconds" in message
    assert "\n" not in message


def test_cli_deadline_from_the_config(
    serve: Callable[[type[http.server.BaseHTTPRequestHandler]], str],
    margin: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[import]\nurl_deadline_seconds = 2\n", encoding="utf-8")
    monkeypatch.setenv("MARGIN_CONFIG", str(config))
    began = time.monotonic()
    result = margin("import", serve(_Trickle))
    assert time.monotonic() - began < 5.0
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "2 s deadline" in lines[0] and "url_deadline_seconds" in lines[0]


class _ToFtp(http.server.BaseHTTPRequestHandler):
    """Answers every page with a redirect to a file server."""

    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", "ftp://127.0.0.1:1/secret.txt")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_redirect_off_the_web_is_refused_in_one_line(
    serve: Callable[[type[http.server.BaseHTTPRequestHandler]], str],
) -> None:
    # urllib follows a redirect to ftp:// on its own; only http(s) addresses are fetched.
    with pytest.raises(ImportFailed) as caught:
        fetch_url(serve(_ToFtp), 1_000_000, timeout=5.0, deadline=5.0)
    message = str(caught.value)
    assert "redirected to a non-web address (ftp:), not fetched" in message
    assert "\n" not in message
