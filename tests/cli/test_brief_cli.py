"""`margin brief` as a user runs it: formats, filters, the saved order, one-line errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from annotations.workspace import Workspace
from tests.conftest import NEWS_TEXT, run_on_a_terminal

Margin = Callable[..., Result]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def ids(library_dir: Path) -> dict[str, str]:
    workspace = Workspace(library_dir)
    article = workspace.articles.import_bytes(NEWS_TEXT.encode(), "boston.txt").article
    assert article is not None
    made = workspace.highlights.create
    return {
        "article": article.id,
        "withdraw": made(
            article.id, quote="may withdraw", stance="oppose", tags=["immigration", "policing"]
        ).annotation.id,
        "eroding": made(
            article.id, quote="eroding trust", stance="oppose", tags=["immigration"]
        ).annotation.id,
        "mandatory": made(
            article.id, quote="program was mandatory", stance="support"
        ).annotation.id,
    }


def test_brief_prints_markdown_in_the_saved_order(
    margin: Margin, library_dir: Path, ids: dict[str, str]
) -> None:
    first = margin("brief", "--tag", "immigration")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.index("may withdraw") < first.stdout.index("eroding trust")
    Workspace(library_dir).briefs.move("immigration", "oppose", ids["eroding"], -1)
    moved = margin("brief", "--tag", "immigration", "-f", "md")
    assert moved.stdout.index("eroding trust") < moved.stdout.index("may withdraw")
    assert "program was mandatory" not in moved.stdout  # untagged: not in the immigration row
    assert moved.stdout.startswith('---\ntitle: "Brief"')


def test_brief_to_a_file_says_where_and_refuses_to_replace(
    margin: Margin, ids: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "brief.txt"
    done = margin("brief", "-f", "txt", "-o", str(target))
    assert done.exit_code == 0, done.stderr
    assert done.stdout == f"Wrote a brief of 3 highlights to {target}\n"
    text = target.read_text()
    assert text.count("may withdraw") == 2  # under immigration and under policing
    again = margin("brief", "-f", "txt", "-o", str(target))
    assert again.exit_code == 1
    assert again.stderr == f"margin: {target} exists already; add --force to replace it\n"
    assert margin("brief", "-f", "txt", "-o", str(target), "--force").exit_code == 0


def test_brief_filters_by_stance_article_and_date(margin: Margin, ids: dict[str, str]) -> None:
    support = margin("brief", "--stance", "support", "-f", "txt")
    assert "program was mandatory" in support.stdout and "may withdraw" not in support.stdout
    by_article = margin(
        "brief", "--article", ids["article"][:8], "-f", "txt", "--since", "2000-1-1"
    )
    assert by_article.exit_code == 0 and "eroding trust" in by_article.stdout
    late = margin("brief", "--until", "1999-01-01")
    assert (late.exit_code, late.stderr) == (
        1,
        "margin: no highlights match; nothing was written\n",
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["-f", "csv"],
            2,
            "margin: unknown brief format 'csv'; choose one of: md, html, docx, txt",
        ),
        (["--since", "soon"], 2, "margin: since: cannot read 'soon' as a date; use YYYY-MM-DD"),
        (["--stance", "bogus"], 2, "margin: unknown stance 'bogus'; choose one of:"),
        (["--article", "nowhere"], 1, "margin: 'nowhere': no article has that id or title"),
        (["-o", "/nonexistent/folder/brief.md"], 1, "margin: cannot write /nonexistent/folder"),
    ],
)
def test_brief_errors_are_one_line(
    margin: Margin, ids: dict[str, str], args: list[str], code: int, message: str
) -> None:
    result = margin("brief", *args)
    assert result.exit_code == code
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1 and "unexpected" not in result.stderr


def test_docx_brief_is_written_to_a_file(
    margin: Margin, ids: dict[str, str], tmp_path: Path
) -> None:
    import docx

    target = tmp_path / "brief.docx"
    assert margin("brief", "-f", "docx", "-o", str(target)).exit_code == 0
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    assert texts[:2] == ["Brief", "immigration"]


def test_docx_brief_is_refused_on_a_terminal(library_dir: Path, ids: dict[str, str]) -> None:
    argv = ["--library", str(library_dir), "brief", "-f", "docx"]
    code, out = run_on_a_terminal(argv)
    assert code == 2
    assert b"docx is a binary format; give a file with -o, e.g. -o brief.docx" in out


@pytest.mark.parametrize("command", ["brief", "export"])
def test_a_file_where_the_exports_folder_goes_is_one_line(
    margin: Margin,
    ids: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    """Writing into the default exports folder makes it; when a file (or a dangling link) holds
    its place, mkdir's FileExistsError came out as "unexpected error … please report it"."""
    folder = tmp_path / "Margin exports"
    folder.write_text("not a folder")
    monkeypatch.setenv("MARGIN_EXPORT_DIR", str(folder))
    result = margin(command, "-o", str(folder / "brief.md"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"margin: cannot make the exports folder {folder}: ")
    assert result.stderr.count("\n") == 1 and "unexpected" not in result.stderr


def test_the_exports_folder_typed_relative_to_where_you_are_is_made(
    margin: Margin,
    ids: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`-o "Margin exports/brief.md"` run from the documents folder is the default folder, as
    its full path is: it was refused with "folder Margin exports does not exist"."""
    monkeypatch.setenv("MARGIN_EXPORT_DIR", str(tmp_path / "Margin exports"))
    monkeypatch.chdir(tmp_path)
    result = margin("brief", "-o", "Margin exports/brief.md")
    assert result.exit_code == 0, result.stderr
    assert "may withdraw" in (tmp_path / "Margin exports" / "brief.md").read_text()
