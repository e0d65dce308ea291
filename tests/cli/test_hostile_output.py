"""The CLI and the HTML export show bidi controls and invisible characters, never pass them on."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
HIDDEN = BIDI | {"\u200b", "\ufeff", "\u2060"}
ARTICLE = """\
Minister \u202eseod\u202c agree

By Ann \u2066Lee\u2069

The minister said the plan was \u202eon\u202c good and would go ahead next spring.

Critics said the costs had been hidden\u2060 in the small print for months.
"""


def _imported(margin: Callable[..., Result], tmp_path: Path) -> str:
    source = tmp_path / "hostile.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    assert margin("import", str(source)).exit_code == 0
    rows = json.loads(margin("list", "--json").stdout)
    return str(rows[0]["id"])


def test_list_search_and_highlights_show_placeholders(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    article = _imported(margin, tmp_path)
    listing = margin("list").stdout
    assert "⟨U+202E⟩seod⟨U+202C⟩" in listing and not HIDDEN & set(listing)
    found = margin("search", "minister").stdout
    assert "⟨U+202E⟩" in found and not HIDDEN & set(found)
    result = margin("highlight", article, "--quote", "plan was \u202eon\u202c good")
    assert result.exit_code == 0, result.output
    shown = margin("annotations", article).stdout
    assert "⟨U+202E⟩on⟨U+202C⟩" in shown and not HIDDEN & set(shown)


def test_canonical_text_goes_unchanged_into_a_pipe(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    article = _imported(margin, tmp_path)
    text = margin("show", article).stdout
    assert "\u202eon\u202c" in text  # a script counting offsets gets the stored text
    stored = json.loads(margin("show", article, "--json").stdout)
    assert "\u202eon\u202c" in stored["text"]


def test_html_export_names_every_hidden_character(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    article = _imported(margin, tmp_path)
    margin(
        "highlight", article, "--quote", "plan was \u202eon\u202c good", "--note", "a \u202enote"
    )
    out = tmp_path / "brief.html"
    result = margin("export", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert not HIDDEN & set(page)
    assert "⟨U+202E⟩on⟨U+202C⟩" in page and "⟨U+202E⟩seod" in page


def test_show_on_a_terminal_names_the_controls(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.cli.output import echo

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    echo("said \u202eon\u202c")
    out = capsys.readouterr().out
    assert out == "said ⟨U+202E⟩on⟨U+202C⟩\n"


def test_json_escapes_c1_controls(margin: Callable[..., Result], tmp_path: Path) -> None:
    """A draft's quotation holding a C1 control (U+009B, the one-byte CSI) came out of
    `verify --json` raw, for a terminal to act on; JSON escapes it and reads back the same."""
    draft = tmp_path / "draft.txt"
    draft.write_text("Notes\n\n“Real \u009b31m words here,” she said.\n", encoding="utf-8")
    result = margin("verify", "--json", str(draft))
    assert not any(0x80 <= ord(character) <= 0x9F for character in result.stdout)
    assert "\\u009b" in result.stdout
    [row] = json.loads(result.stdout)
    assert "\u009b31m" in row["quote"]


def test_a_title_of_thousands_of_words_takes_three_lines_of_the_list(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    # A page whose title was its whole text (15,000 characters) filled 430 lines of `margin
    # list`; `margin annotations` already cuts a title to a line with `…`.
    source = tmp_path / "long.md"
    source.write_text(
        "---\ntitle: " + "Word " * 3000 + "\n---\n\nThe body is short and says little.\n",
        encoding="utf-8",
    )
    assert margin("import", str(source)).exit_code == 0
    [article] = json.loads(margin("list", "--json").stdout)
    lines = margin("list").stdout.splitlines()
    assert len(lines) == 1 + 3 + 1, lines  # the header, three lines of title, the id
    assert lines[3].rstrip().endswith("…") and lines[4].strip() == article["id"]
    assert lines[1].startswith("Word Word")
