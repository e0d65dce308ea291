"""The suite's own environment: what the caller's shell sets does not reach the tests."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import urllib.request

from tests.conftest import PROXY_VARIABLES, REPO


class _Direct(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"served directly"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_local_server_is_reached_directly() -> None:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Direct)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.read() == b"served directly"
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert not any(os.environ.get(n) or os.environ.get(n.upper()) for n in PROXY_VARIABLES)


def test_a_proxy_in_the_callers_environment_is_not_used() -> None:
    """Run the test above under a shell whose proxy is a closed port (in both cases, with an
    empty no_proxy): urllib would send the request there and fail."""
    dead = "http://127.0.0.1:9"
    env = {**os.environ, "HYPOTHESIS_PROFILE": "deterministic"}
    for name in PROXY_VARIABLES:
        for key in (name, name.upper()):
            env[key] = "" if name == "no_proxy" else dead
    node = f"{__file__}::test_a_local_server_is_reached_directly"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", node],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:]
