"""The article commands as a user runs them: output, --json shapes, errors and exit codes."""

from __future__ import annotations

import http.server
import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

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
    assert shown["text"][quote["start"] : quote["end"]].startswith("“The program has been")
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
    assert "\n\n“The program has been a disaster" in text


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
    assert result.exit_code == 1  # one file failed; the others are imported all the same
    assert "Summary: 2 articles imported, 1 failed, 1 file skipped" in result.stdout
    assert "empty.txt: file is empty" in result.stderr
    assert len(json.loads(margin("list", "--json").stdout)) == 2


def test_a_folder_that_cannot_be_listed_fails_in_one_line(
    margin: Margin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A folder without read permission was passed over in silence: on its own "nothing to
    # import: no … files found", exit 0 inside another folder. (Denied by hand: root reads all.)
    folder = tmp_path / "articles"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text("Alpha\n\nFirst body.")
    (folder / "locked" / "b.txt").write_text("Beta\n\nSecond body.")
    scandir = os.scandir

    def denied(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    result = margin("import", str(folder))
    assert result.exit_code == 1
    assert "Summary: 1 article imported, 1 failed" in result.stdout
    (line,) = result.stderr.splitlines()
    assert line == (
        f"margin: {folder / 'locked'}: cannot list the folder (Permission denied)"
        " (check its permissions: listing it takes read and execute)"
    )
    result = margin("import", str(folder / "locked"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [line]


def test_stdin_import(margin: Margin) -> None:
    result = margin("import", "-", input="From stdin\n\nBody from a pipe.")
    assert result.exit_code == 0
    shown = json.loads(margin("show", "stdin", "--json").stdout)
    assert shown["text"] == "Body from a pipe."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"%PDF-1.7", "the PDF is damaged"),
        (b"PK\x03\x04\x14\x00", "unsupported format: this is a ZIP archive"),
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


def _serving(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """A local web server answering with handler, for the length of a test: its base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def server() -> Iterator[str]:
    yield from _serving(_Handler)


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


# -- import carries on past a bad file -------------------------------------------------------------


def test_malformed_utf16_is_one_line(margin: Margin, tmp_path: Path) -> None:
    bad = tmp_path / "wide.txt"
    bad.write_bytes(b"\xff\xfe" + "Title\n\nBody.".encode("utf-16-le") + b"\x00\xd8")
    result = margin("import", str(bad))
    assert result.exit_code == 1
    assert result.stderr == (
        f"margin: {bad}: cannot decode the text (it starts like UTF-16 but is not valid UTF-16)"
        " (save it as UTF-8)\n"
    )


def test_html_errors_name_the_file(margin: Margin, tmp_path: Path) -> None:
    page = tmp_path / "login.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav><form>Log in</form></body></html>")
    result = margin("import", str(page))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"margin: {page}: no article text found in the HTML")
    assert "<html>" not in result.stderr


def test_an_unexpected_error_costs_one_file_only(
    margin: Margin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotations.errors import StoreError
    from annotations.workspace.articles import Articles
    from library.store import Library

    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a", "b", "c", "d"):
        (folder / f"{name}.txt").write_text(f"Title {name}\n\nBody of {name}.")
    wide = tmp_path / "wide.txt"
    wide.write_bytes(b"\xff\xfe" + "Title\n\nBody.".encode("utf-16-le") + b"\x00\xd8")
    import_file, settle = Library.import_file, Articles._settle

    def flaky_import(self: Library, path: Path, before_update: object = None) -> object:
        if path.name == "b.txt":
            raise RuntimeError("boom")
        return import_file(self, path, before_update)  # type: ignore[arg-type]

    def flaky_settle(self: Articles, result: object) -> None:
        if getattr(result, "article").title == "Title c":  # noqa: B009
            raise StoreError("cannot write the annotations (disk full)")
        settle(self, result)  # type: ignore[arg-type]

    monkeypatch.setattr(Library, "import_file", flaky_import)
    monkeypatch.setattr(Articles, "_settle", flaky_settle)
    result = margin("import", str(folder), str(wide), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1, result.output
    errors = result.stderr.splitlines()
    assert errors == [
        f"margin: {folder / 'b.txt'}: unexpected error: RuntimeError: boom",
        f"margin: {folder / 'c.txt'}: cannot write the annotations (disk full)",
        f"margin: {wide}: cannot decode the text (it starts like UTF-16 but is not valid UTF-16)"
        " (save it as UTF-8)",
        f"margin: {tmp_path / 'missing.txt'}: no such file (check the path)",
    ]
    assert "Summary: 2 articles imported, 4 failed" in result.stdout
    assert "Traceback" not in result.output
    titles = {row["title"] for row in json.loads(margin("list", "--json").stdout)}
    assert {"Title a", "Title d"} <= titles


def test_an_import_that_only_fails_exits_1_with_a_summary(
    margin: Margin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from library.store import Library

    def broken(self: Library, path: Path, before_update: object = None) -> object:
        raise KeyError("oops")

    monkeypatch.setattr(Library, "import_file", broken)
    files = []
    for name in ("a", "b"):
        files.append(tmp_path / f"{name}.txt")
        files[-1].write_text(f"Title {name}\n\nBody.")
    result = margin("import", *map(str, files))
    assert result.exit_code == 1
    assert result.stderr.count("unexpected error: KeyError: 'oops'") == 2
    assert "Summary: 0 articles imported, 2 failed" in result.stdout


# -- a server that hangs up mid-page ---------------------------------------------------------------


class _HangUp(http.server.BaseHTTPRequestHandler):
    """Promises a whole page, sends part of it, then closes the connection."""

    def do_GET(self) -> None:
        body = ARTICLE_HTML.encode()
        if self.path == "/nothing":  # not even a status line
            self.close_connection = True
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if self.path == "/chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            # A chunk announced at full length, of which only the first half arrives.
            self.wfile.write(f"{len(body):x}\r\n".encode() + body[: len(body) // 2])
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def hang_up() -> Iterator[str]:
    yield from _serving(_HangUp)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/sized", "the connection closed mid-page"),
        ("/chunked", "the connection closed mid-page"),
        ("/nothing", "the server closed the connection without answering"),
    ],
)
def test_a_page_cut_short_is_one_line_and_not_imported(
    margin: Margin, library_dir: Path, hang_up: str, path: str, reason: str
) -> None:
    result = margin("import", f"{hang_up}{path}")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"margin: {hang_up}{path}: {reason}")
    assert lines[0].endswith("(try again later)")
    assert "unexpected error" not in lines[0]
    assert json.loads(margin("list", "--json").stdout) == []


@pytest.mark.parametrize("command", [["list"], ["search", "trust"], ["annotations"], []])
def test_a_library_that_is_not_a_folder_is_a_one_line_error(
    margin: Margin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """$MARGIN_LIBRARY is not checked by click's --library type; a device (/dev/null) neither."""
    from click.testing import CliRunner

    from tui.cli import cli

    not_a_folder = tmp_path / "library.txt"
    not_a_folder.write_text("oops", encoding="utf-8")
    monkeypatch.setenv("MARGIN_LIBRARY", str(not_a_folder))
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(
        f"{not_a_folder}: not a folder; choose a folder with --library or MARGIN_LIBRARY"
    )
    dev = margin("list", library=Path("/dev/null"))
    assert dev.exit_code == 1 and "not a folder" in dev.output


def test_a_folder_of_many_pages_imports_through_the_worker_processes(
    margin: Callable[..., Result], tmp_path: Path, library_dir: Path
) -> None:
    from library.parallel import POOL_MIN_JOBS

    folder = tmp_path / "pages"
    folder.mkdir()
    count = POOL_MIN_JOBS + 5
    for n in range(count):
        (folder / f"page-{n:03d}.html").write_text(
            f"<html><head><title>Page {n}</title></head><body><article><h1>Page {n}</h1>"
            f"<p>The body of page number {n}, a sentence long enough to keep.</p>"
            "</article></body></html>",
            encoding="utf-8",
        )
    (folder / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    done = margin("import", str(folder))
    assert done.exit_code == 1  # the one broken file
    assert f"Summary: {count} articles imported, 1 failed" in done.output
    assert "broken.html: unsupported format: this is a PNG image" in done.output
    listed = margin("list", "--json")
    assert len(json.loads(listed.output)) == count
    again = margin("import", str(folder))
    assert f"{count} unchanged" in again.output


def test_a_byline_ending_in_a_date_gives_the_author_and_the_date(
    margin: Margin, tmp_path: Path
) -> None:
    """ "By Ann Clerk, May 2, 2011": the date is the article's, not two more authors (a
    citation read "March 3 and 2016")."""
    for name, byline in (
        ("plain.txt", "By Ann Clerk, May 2, 2011"),
        ("md.md", "*By Ann Clerk, May 2, 2011*"),
    ):
        path = tmp_path / name
        body = f"Budget in {name}\n\n{byline}\n\nThe mayor spoke.\n"
        path.write_text(body, encoding="utf-8")
        assert margin("import", str(path)).exit_code == 0
    rows = json.loads(margin("list", "--json").output)
    assert [(r["authors"], r["published"]) for r in rows] == [(["Ann Clerk"], "2011-05-02")] * 2


def test_a_folder_with_nothing_to_import_is_named_with_what_to_do(
    margin: Margin, tmp_path: Path
) -> None:
    # The error named neither the folder nor what to do: "nothing to import: no .txt, .md,
    # .html, .pdf or .epub files found".
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    result = margin("import", str(folder))
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()[-1:]
    assert line.startswith(f"margin: {folder}: nothing to import: no .txt, ")
    assert line.endswith("give such files, or a folder that holds them")


def test_highlights_over_footnote_markers_survive_the_reimport_that_drops_them(
    margin: Margin, tmp_path: Path
) -> None:
    # Books imported before footnote markers were dropped hold highlights on "cars.1 Traders";
    # re-importing the book takes the markers out of the text. No highlight may be lost: each is
    # placed on the words without the marker, for review, or kept as an orphan with its quote.
    from tests.library.test_epub import make_epub

    def book(linked: bool) -> bytes:
        def marker(n: str) -> str:
            return f'<sup><a href="#n{n}">{n}</a></sup>' if linked else f"<sup>{n}</sup>"

        one = (
            f"<p>The council voted to close the street to cars.{marker('1')} Traders were "
            f"furious.</p><p>The mayor said the plan was overdue{marker('2')} and would be "
            "finished by 2027.</p>"
        )
        return make_epub([], page_list=False, bodies=(one, "<p>Two.</p>"))

    path = tmp_path / "book.epub"
    path.write_bytes(book(linked=False))
    assert margin("import", str(path)).exit_code == 0
    [article] = [row["id"] for row in json.loads(margin("list", "--json").stdout)]
    quotes = ["the street to cars.1 Traders were furious", "overdue2 and would", "cars.1"]
    for quote in quotes:
        assert margin("highlight", article, "--quote", quote).exit_code == 0
    path.write_bytes(book(linked=True))
    assert margin("import", str(path)).exit_code == 0
    text = json.loads(margin("show", article, "--json").stdout)["text"]
    assert "cars. Traders" in text and "overdue and" in text
    rows = json.loads(margin("annotations", "--json").stdout)
    assert sorted(r["original_quote"] or r["quote"] for r in rows) == sorted(quotes)
    placed = {r["quote"] for r in rows if not r["orphaned"]}
    assert {"the street to cars. Traders were furious", "overdue and would"} <= placed
    assert all(text[r["start"] : r["end"]] == r["quote"] for r in rows if not r["orphaned"])
