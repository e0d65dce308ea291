"""The article commands as a user runs them: output, --json shapes, errors and exit codes."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import Result

from tests.conftest import NEWS_TEXT

Margin = Callable[..., Result]


def test_import_then_show_json_is_right(margin: Margin, news_file: Path) -> None:
    result = margin("import", str(news_file))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("imported")
    shown = json.loads(margin("show", "boston", "--json").stdout)
    assert shown["title"] == "Boston threatens to withdraw from Secure Communities"
    assert shown["published"] == "2011-07-13"
    assert shown["authors"] == ["Maria Sacchetti"]
    kinds = [b["kind"] for b in shown["blocks"]]
    assert kinds == ["paragraph", "paragraph", "blockquote", "paragraph"]
    for block in shown["blocks"]:
        piece = shown["text"][block["start"] : block["end"]]
        assert piece and piece == piece.strip() and "\n" not in piece
    quote = shown["blocks"][2]
    assert shown["text"][quote["start"] : quote["end"]].startswith("The program has been")
    for key in (
        "id",
        "subtitle",
        "publication",
        "section",
        "url",
        "source",
        "imported",
        "tags",
        "words",
    ):
        assert key in shown


def test_show_prints_canonical_text(margin: Margin, news_file: Path) -> None:
    margin("import", str(news_file))
    text = margin("show", "boston").stdout
    assert "“eroding trust”" in text
    assert "\n\nThe program has been a disaster" in text


def test_list_json_shape(margin: Margin, news_file: Path) -> None:
    margin("import", str(news_file))
    rows = json.loads(margin("list", "--json").stdout)
    assert len(rows) == 1
    row = rows[0]
    for key in ("id", "title", "authors", "publication", "published", "url", "tags", "words"):
        assert key in row
    assert row["annotations"] == 0
    human = margin("list").stdout
    assert "Boston threatens" in human


def test_reimport_prints_unchanged(margin: Margin, news_file: Path) -> None:
    margin("import", str(news_file))
    assert margin("import", str(news_file)).stdout.startswith("unchanged")
    news_file.write_text(NEWS_TEXT + "\nOne more paragraph.\n", encoding="utf-8")
    assert margin("import", str(news_file)).stdout.startswith("updated")


def test_folder_import_with_summary(margin: Margin, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Alpha\n\nFirst body.")
    (folder / "sub" / "b.md").write_text("# Beta\n\nSecond body.")
    (folder / "sub" / "empty.txt").write_text("")
    (folder / "image.png").write_bytes(b"\x89PNG....")
    (folder / ".hidden.txt").write_text("Hidden\n\nNo.")
    result = margin("import", str(folder))
    assert result.exit_code == 0
    assert "Summary: 2 imported, 1 failed, 1 skipped" in result.stdout
    assert "empty.txt: file is empty" in result.stderr
    assert len(json.loads(margin("list", "--json").stdout)) == 2


def test_stdin_import(margin: Margin) -> None:
    result = margin("import", "-", input="From stdin\n\nBody from a pipe.")
    assert result.exit_code == 0
    shown = json.loads(margin("show", "stdin", "--json").stdout)
    assert shown["text"] == "Body from a pipe."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"%PDF-1.7", "unsupported format: this is a PDF document"),
        (b"\x00\x00\x00\x01", "binary file"),
    ],
)
def test_bad_input_one_line_exit_1_library_unchanged(
    margin: Margin, library_dir: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = margin("import", str(bad))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and str(bad) in lines[0]
    assert "Traceback" not in result.output
    assert not list((library_dir / "articles").glob("*"))


def test_html_without_article_text(margin: Margin, tmp_path: Path) -> None:
    page = tmp_path / "login.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav><form>Log in</form></body></html>")
    result = margin("import", str(page))
    assert result.exit_code == 1
    assert "no article text" in result.stderr


def test_usage_errors_exit_2(margin: Margin) -> None:
    assert margin("import").exit_code == 2
    assert margin("nonsense").exit_code == 2
    assert margin("edit", "x").exit_code == 2 or margin("edit", "x").exit_code == 1


def test_unknown_article_is_one_line(margin: Margin, news_file: Path) -> None:
    margin("import", str(news_file))
    result = margin("show", "zzz")
    assert result.exit_code == 1
    assert result.stderr.startswith("margin: 'zzz': no article")


def test_edit_then_remove_then_restore(margin: Margin, news_file: Path) -> None:
    margin("import", str(news_file))
    result = margin(
        "edit",
        "boston",
        "--publication",
        "The Boston Globe",
        "--published",
        "July 13, 2011",
        "--author",
        "Maria Sacchetti",
        "--tag",
        "immigration",
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(margin("show", "boston", "--json").stdout)
    assert shown["publication"] == "The Boston Globe"
    assert shown["tags"] == ["immigration"]
    assert margin("edit", "boston", "--published", "someday").exit_code == 2
    assert margin("remove", "boston", "--yes").exit_code == 0
    assert json.loads(margin("list", "--json").stdout) == []
    assert "boston" in margin("restore", "--list").stdout
    assert margin("restore").exit_code == 0
    assert (
        json.loads(margin("show", "boston", "--json").stdout)["publication"] == "The Boston Globe"
    )
    assert margin("restore").exit_code == 1


def test_remove_without_yes_off_a_terminal(margin: Margin, news_file: Path) -> None:
    margin("import", str(news_file))
    result = margin("remove", "boston")
    assert result.exit_code == 2
    assert "--yes" in result.stderr


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def do_GET(self) -> None:
        status, kind, body = self.pages.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


ARTICLE_HTML = """<!doctype html><html><head><title>Council backs bus lanes | Riverton Post</title>
<meta property="og:site_name" content="Riverton Post"><meta name="author" content="Ann Lee">
<meta property="article:published_time" content="2024-05-02"></head><body>
<nav>Home News Sport</nav><article><h1>Council backs bus lanes</h1>
<p>The council voted on Tuesday to add bus lanes on three main roads, after a long debate in which
councillors on both sides cited the same traffic survey to opposite ends.</p>
<p>“This is the cheapest way to make buses reliable,” said the transport lead, who promised that
the first lane would open before the end of the year and that cyclists could use it too.</p>
<blockquote><p>We will review the lanes after a year, and remove any that do not work.</p>
</blockquote>
<p>Opponents said the plan would squeeze deliveries and called for a fuller consultation with the
businesses on the affected roads before any paint goes down.</p></article>
<footer>Copyright</footer></body></html>"""


def test_url_import_and_errors(margin: Margin, server: str) -> None:
    _Handler.pages = {
        "/article": (200, "text/html; charset=utf-8", ARTICLE_HTML.encode()),
        "/image": (200, "image/png", b"\x89PNG"),
    }
    result = margin("import", f"{server}/article")
    assert result.exit_code == 0, result.output
    shown = json.loads(margin("show", "bus lanes", "--json").stdout)
    assert shown["title"] == "Council backs bus lanes"
    assert shown["source"] == f"{server}/article"
    assert "blockquote" in [b["kind"] for b in shown["blocks"]]
    missing = margin("import", f"{server}/missing")
    assert missing.exit_code == 1 and "HTTP 404" in missing.stderr
    image = margin("import", f"{server}/image")
    assert image.exit_code == 1 and "unsupported content type image/png" in image.stderr
    dead = margin("import", "http://127.0.0.1:9/nothing")
    assert dead.exit_code == 1 and "cannot fetch" in dead.stderr
