"""`margin copy`, `margin export` and `margin import-annotations` as a user runs them."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from annotations.clipboard import osc52_sequence
from annotations.model import Annotation
from annotations.workspace import Workspace
from tests.annotations.samples import HIGHLIGHTS, sample_workspace
from tests.conftest import run_on_a_terminal

Margin = Callable[..., Result]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """No display and no SSH: the system clipboard is absent unless a test provides one."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SSH_CONNECTION", "SSH_TTY", "TMUX"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def samples(library_dir: Path) -> Workspace:
    """The bundled samples with the fixed highlights of tests/annotations/samples.py."""
    return sample_workspace(library_dir)


def _highlight(workspace: Workspace, article_id: str, words: str, **extra: object) -> Annotation:
    article = workspace.library.get(article_id)
    start = article.text.index(words)
    end = start + len(words)
    ann = Annotation.from_span(article_id, article.text, start, end, **extra)  # type: ignore[arg-type]
    return workspace.store.add(ann)


def _mla_date(day: date) -> str:
    months = [
        "Jan.",
        "Feb.",
        "Mar.",
        "Apr.",
        "May",
        "June",
        "July",
        "Aug.",
        "Sept.",
        "Oct.",
        "Nov.",
        "Dec.",
    ]
    return f"{day.day} {months[day.month - 1]} {day.year}"


# -- copy ------------------------------------------------------------------------------------------


def test_copy_print_mla_for_a_news_article(
    margin: Margin, news_file: Path, library_dir: Path
) -> None:
    assert margin("import", str(news_file)).exit_code == 0
    url = "https://www.boston.com/news/2011/07/13/secure-communities"
    edit = margin("edit", "boston", "--publication", "The Boston Globe", "--url", url)
    assert edit.exit_code == 0
    workspace = Workspace(library_dir)
    (meta,) = workspace.library.catalog()
    ann = _highlight(workspace, meta.id, "It should be scrapped.", speaker="Thomas M. Menino")
    result = margin("copy", ann.id[:8], "--style", "mla", "--print")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Thomas M. Menino: “It should be scrapped” (qtd. in Sacchetti).\n\n"
        "Sacchetti, Maria. “Boston Threatens to Withdraw from Secure Communities.”"
        " The Boston Globe, 13 July 2011, www.boston.com/news/2011/07/13/secure-communities."
        f" Accessed {_mla_date(date.today())}.\n"
    )


def test_copy_uses_the_config_style_by_default(margin: Margin, samples: Workspace) -> None:
    result = margin("copy", "00000004", "--print")
    assert result.output.startswith("“But it is not what the evidence shows.” — Hannah Brooks,")
    card = margin("copy", "00000004", "--print", "--style", "card", "--markup", "markdown")
    assert "**<u>But it is not what the evidence shows.</u>**" in card.output


def test_copy_errors_are_one_line(margin: Margin, samples: Workspace) -> None:
    bad_style = margin("copy", "00000004", "--style", "harvard", "--print")
    assert bad_style.exit_code == 2
    assert bad_style.stderr.strip() == (
        "margin: unknown quote style 'harvard'; choose one of: plain, mla, apa, chicago, card"
    )
    missing = margin("copy", "ffffffff", "--print")
    assert missing.exit_code == 1 and len(missing.stderr.strip().splitlines()) == 1
    ambiguous = margin("copy", "0000000", "--print")
    assert ambiguous.exit_code == 1 and "Use a longer id prefix" in ambiguous.stderr
    bad_markup = margin("copy", "00000004", "--markup", "rtf")
    assert bad_markup.exit_code == 2 and "text, markdown, html" in bad_markup.stderr


def test_template_errors_name_the_field(margin: Margin, samples: Workspace) -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "margin" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[templates]\nbrief = "{quote} ({publisher})"\n')
    result = margin("copy", "00000004", "--style", "brief", "--print")
    assert result.exit_code == 1
    assert "templates.brief: unknown field {publisher}" in result.stderr


def test_copy_without_any_clipboard_says_so(
    margin: Margin, samples: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("annotations.clipboard.terminal_writer", lambda: None)  # no /dev/tty
    result = margin("copy", "00000004")  # and no display
    assert result.exit_code == 1
    assert result.stderr.startswith("margin: No clipboard available")
    assert "--print" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_copy_writes_osc52_to_the_controlling_terminal(
    samples: Workspace, library_dir: Path
) -> None:
    expected = samples.store.get("00000004")
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    argv = ["--library", str(library_dir), "copy", "00000004", "--style", "plain"]
    code, out = run_on_a_terminal(argv, env)
    assert code == 0, out
    from annotations.citation import format_quote

    article = samples.library.get(expected.article)
    text = format_quote(expected, article, "plain")
    assert osc52_sequence(text).encode() in out
    assert b"Sent to the terminal's clipboard (OSC 52)" in out


# -- export ----------------------------------------------------------------------------------------


def test_export_whole_library_to_stdout_as_markdown(margin: Margin, samples: Workspace) -> None:
    result = margin("export")
    assert result.exit_code == 0, result.stderr
    assert result.output.startswith('---\ntitle: "Annotated summary"\n')
    # each highlight listed once, under its first tag
    assert result.output.count("> [!quote]") == 10


def test_export_filters(margin: Margin, samples: Workspace) -> None:
    csv_out = margin("export", "--format", "csv", "--tag", "economy", "--stance", "oppose")
    rows = csv_out.stdout_bytes.decode().strip().split("\r\n")
    assert len(rows) == 3  # header + Raman + Hale
    one = margin("export", "the-street", "--format", "json").output
    data = json.loads(one)
    assert [a["article"] for a in data["annotations"]] == [
        "the-street-is-for-people-not-for-parking-29547f"
    ] * 2
    both_tags = json.loads(
        margin("export", "-f", "json", "--tag", "survey", "--tag", "framing").output
    )
    assert len(both_tags["annotations"]) == 2
    assert margin("export", "--since", "2000-01-01", "-f", "json").exit_code == 0


def test_export_to_a_file_is_atomic_and_reported(
    margin: Margin, samples: Workspace, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "brief.html"
    result = margin("export", "--format", "html", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout.strip() == f"Exported {len(HIGHLIGHTS)} highlights to {target}"
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["brief.html"]


def test_export_errors(margin: Margin, samples: Workspace, tmp_path: Path) -> None:
    nothing = margin("export", "--tag", "no-such-tag")
    assert (nothing.exit_code, nothing.stderr) == (
        1,
        "margin: no highlights match; nothing was exported\n",
    )
    assert nothing.stdout == ""
    fmt = margin("export", "--format", "odt")
    assert fmt.exit_code == 2
    assert fmt.stderr == (
        "margin: unknown export format 'odt'; choose one of:"
        " md, txt, html, json, w3c, csv, docx, csl-json, bibtex\n"
    )
    style = margin("export", "--style", "vancouver")
    assert style.exit_code == 2 and "choose one of: plain, mla, apa, chicago, card" in style.stderr
    since = margin("export", "--since", "last tuesday")
    assert since.exit_code == 2 and "--since" in since.stderr
    where = margin("export", "-o", str(tmp_path / "no" / "such" / "dir.md"))
    assert where.exit_code == 1 and "does not exist" in where.stderr
    assert not (tmp_path / "no").exists()
    unknown = margin("export", "no-such-article")
    assert unknown.exit_code == 1 and len(unknown.stderr.strip().splitlines()) == 1


def test_export_w3c_validates(margin: Margin, samples: Workspace, tmp_path: Path) -> None:
    from tests.annotations.test_export import VALIDATOR, needs_w3c  # noqa: F401

    if not VALIDATOR.is_file():
        pytest.skip(f"W3C validator not found at {VALIDATOR}")
    import subprocess

    target = tmp_path / "out.jsonld"
    assert margin("export", "--format", "w3c", "-o", str(target)).exit_code == 0
    run = subprocess.run(
        [sys.executable, str(VALIDATOR), str(target)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0 and "0 MUST failures" in run.stdout, run.stdout


# -- import-annotations ----------------------------------------------------------------------------


def test_import_annotations_round_trip(margin: Margin, samples: Workspace, tmp_path: Path) -> None:
    exported = tmp_path / "all.json"
    assert margin("export", "-f", "json", "-o", str(exported)).exit_code == 0
    other = tmp_path / "other"
    assert (
        margin(
            "import", *map(str, sorted((REPO / "library" / "samples").iterdir())), library=other
        ).exit_code
        == 0
    )
    first = margin("import-annotations", str(exported), library=other)
    assert first.exit_code == 0, first.stderr
    assert first.output.startswith(f"{len(HIGHLIGHTS)} added, 0 updated, 0 unchanged")
    again = margin("import-annotations", str(exported), library=other)
    assert again.output.startswith(f"0 added, 0 updated, {len(HIGHLIGHTS)} unchanged")
    assert (
        json.loads(margin("export", "-f", "json", library=other).output)["annotations"]
        == (json.loads(exported.read_text())["annotations"])
    )


def test_import_annotations_errors(margin: Margin, samples: Workspace, tmp_path: Path) -> None:
    missing = margin("import-annotations", str(tmp_path / "nope.json"))
    assert missing.exit_code == 1 and missing.stderr.startswith("margin: cannot read")
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"hello": 1}')
    result = margin("import-annotations", str(wrong))
    assert result.exit_code == 1
    assert "not a Margin annotations file" in result.stderr
    exported = tmp_path / "all.json"
    margin("export", "-f", "json", "-o", str(exported))
    empty = margin("import-annotations", str(exported), library=tmp_path / "empty")
    assert empty.exit_code == 1
    assert empty.stderr.count("not in the library; import the article") == 4


def test_export_does_not_replace_a_file_without_force(
    margin: Margin, samples: Workspace, tmp_path: Path
) -> None:
    target = tmp_path / "brief.md"
    target.write_text("my notes")
    refused = margin("export", "-o", str(target))
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr == f"margin: {target} exists already; add --force to replace it\n"
    assert target.read_text() == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.is_dir()) == ["brief.md"]
    forced = margin("export", "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert target.read_text().startswith("---\ntitle:")
    assert margin("export", "-o", "-", "--force").stdout.startswith("---\ntitle:")


def test_export_checks_the_stance_like_annotations_does(margin: Margin, samples: Workspace) -> None:
    expected = "unknown stance 'bogus'; choose one of: support, oppose, neutral"
    for command in ("export", "annotations"):
        result = margin(command, "--stance", "bogus")
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.startswith(f"margin: {expected}"), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    data = json.loads(margin("export", "-f", "json", "--stance", "none").stdout)
    assert [a["quote"] for a in data["annotations"]] == [
        "The trial will be reviewed after twelve months."
    ]
    # A stance renamed away in the config still exports the highlights that carry it.
    kept = next(a for a in samples.store.query() if a.stance == "neutral")
    samples.store.update(kept.changed(stance="Undecided"))
    renamed = margin("export", "-f", "json", "--stance", "undecided")
    assert renamed.exit_code == 0, renamed.stderr
    assert [a["id"] for a in json.loads(renamed.stdout)["annotations"]] == [kept.id]


def test_import_annotations_cleans_hostile_text(
    margin: Margin, samples: Workspace, tmp_path: Path
) -> None:
    exported = tmp_path / "all.json"
    assert margin("export", "-f", "json", "-o", str(exported)).exit_code == 0
    document = json.loads(exported.read_text())
    first = document["annotations"][0]
    first.update(
        stance="\x1b]2;PWNED\x07x",
        speaker="\x1b[31mMallory\x9b",
        note="line one\n\x1b]52;c;aGk=\x07line\ttwo",
        modified="2999-01-01T00:00:00.000Z",  # newer than the stored copy: it replaces it
    )
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(document))
    result = margin("import-annotations", str(hostile))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("0 added, 1 updated")
    [row] = [
        r for r in json.loads(margin("annotations", "--json").stdout) if r["id"] == first["id"]
    ]
    assert (row["stance"], row["speaker"], row["note"]) == (
        "]2;PWNEDx",
        "[31mMallory",
        "line one\n]52;c;aGk=line\ttwo",
    )
    listing = margin("annotations")
    assert "\x1b" not in listing.output and "\x07" not in listing.output
