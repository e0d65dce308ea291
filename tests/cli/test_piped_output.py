"""People's listings (`list`, `annotations`, `search`, `restore --list`, `quotes`) keep every id
whole: into a pipe at any COLUMNS, and on a terminal, where the layout fits the width."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import REPO, run_on_a_terminal
from tui.cli.columns import Column, Grid, Para, para, styler_for, width_of, wrap

Margin = Callable[..., Result]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

TITLES = (
    "Riverton council votes to make harbour arbour a protected green space for good",
    "Mayor says federal immigration programme is eroding trust between police and people",
    "Short one",
)


def _article(title: str, n: int) -> str:
    body = " ".join(
        f"Sentence {k} of the story about the {title.lower()} says what happened." for k in range(6)
    )
    return f"{title}\n\nBy Ana Silva {n}\n\n{body}\n\n“It matters a great deal,” said the mayor.\n"


@pytest.fixture
def library(margin: Margin, library_dir: Path, tmp_path: Path) -> dict[str, list[str]]:
    """Three articles with long ids, highlights on each, one more in the trash; their ids."""
    for n, title in enumerate(TITLES):
        path = tmp_path / f"a{n}.txt"
        path.write_text(_article(title, n), encoding="utf-8")
        assert margin("import", str(path)).exit_code == 0
    gone = tmp_path / "gone.txt"
    gone.write_text(_article("A removed article whose id is long enough to be broken", 9))
    assert margin("import", str(gone)).exit_code == 0
    articles = [row["id"] for row in json.loads(margin("list", "--json").stdout)]
    removed = next(a for a in articles if a.startswith("a-removed"))
    assert margin("remove", removed, "--yes").exit_code == 0
    articles.remove(removed)
    highlights = []
    for article in articles:
        for k in (1, 4):
            result = margin(
                "highlight",
                article,
                "--quote",
                f"Sentence {k} of the story",
                "--stance",
                "oppose",
                "--note",
                "A note long enough to wrap over several lines of a narrow column.",
                "--tag",
                "evidence",
            )
            assert result.exit_code == 0, result.output
            highlights.append(result.stdout.strip())
    return {"articles": articles, "highlights": highlights, "removed": [removed]}


def _piped(library_dir: Path, args: list[str], columns: int | None) -> str:
    """margin ARGS with stdout a pipe (as `margin … | cat`), COLUMNS set or not."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.pop("FORCE_COLOR", None)
    if columns is not None:
        env["COLUMNS"] = str(columns)
    argv = ["--library", str(library_dir), *args]
    done = subprocess.run(
        [sys.executable, "-c", f"from tui.cli import main; main({argv!r})"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
        timeout=60,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "\x1b[" not in done.stdout  # no styles into a pipe
    return done.stdout


def _whole(ids: list[str], output: str) -> None:
    lines = output.splitlines()
    for ident in ids:
        assert any(ident in line for line in lines), f"{ident} is not whole in:\n{output}"


@pytest.mark.parametrize("columns", [None, 40, 12])
def test_piped_listings_keep_every_id_whole(
    library: dict[str, list[str]], library_dir: Path, columns: int | None
) -> None:
    articles, highlights = library["articles"], library["highlights"]
    assert sum(len(a) > 40 for a in articles) == 2  # ids wider than a narrow column
    listed = _piped(library_dir, ["list"], columns)
    _whole(articles, listed)
    assert "riverton-council-votes-to-make-h\n" not in listed  # the reported break
    _whole(articles + [h[:8] for h in highlights], _piped(library_dir, ["annotations"], columns))
    found = _piped(library_dir, ["annotations", "--stance", "oppose"], columns)
    _whole(articles + [h[:8] for h in highlights], found)
    _whole(articles, _piped(library_dir, ["search", "story"], columns))
    _whole(library["removed"], _piped(library_dir, ["restore", "--list"], columns))
    incomplete = _piped(library_dir, ["list", "--incomplete"], columns)
    _whole(articles, incomplete)
    # One-line messages naming an id: one line however narrow (`margin remove … | cat`).
    long_id = next(a for a in articles if a.startswith("riverton"))
    removed = _piped(library_dir, ["remove", long_id, "--yes"], columns)
    assert len(removed.splitlines()) == 1 and removed.count(long_id) == 2
    restored = _piped(library_dir, ["restore", long_id], columns)
    assert restored.splitlines() == [f"restored   {long_id}"]


def test_listings_say_one_hit_and_one_highlight(
    margin: Margin, library: dict[str, list[str]]
) -> None:
    found = margin("search", "Riverton")
    assert found.stdout.splitlines()[-1] == "1 hit"
    article = library["articles"][0]
    highlight = library["highlights"][0]
    assert margin("unhighlight", library["highlights"][1]).exit_code == 0
    listed = margin("annotations", article).stdout
    assert listed.splitlines()[-1] == "1 highlight in 1 article"
    assert highlight[:8] in listed
    assert "indexed 3 articles and 5 highlights" in margin("reindex").stdout


def test_on_a_terminal_the_list_fits_the_width_and_breaks_only_at_spaces(
    library: dict[str, list[str]], library_dir: Path
) -> None:
    env = {**os.environ, "COLUMNS": "70", "LINES": "30", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    code, out = run_on_a_terminal(["--library", str(library_dir), "list"], env)
    assert code == 0, out
    raw = out.decode()
    assert "\x1b[" in raw  # styled on a terminal
    lines = ANSI.sub("", raw).replace("\r\n", "\n").splitlines()
    assert lines[0].split()[-4:] == ["published", "publication",
                                     "words", "notes"]  # fmt: skip
    # Only an id wider than the terminal may be wider than it (the terminal wraps it, never us).
    too_wide = [line for line in lines if width_of(line) > 70]
    assert too_wide == [a for a in library["articles"] if len(a) > 70]
    words = {w for line in lines for w in line.split()}
    for title in TITLES:  # wrapped at spaces: every word of every title is there whole
        assert set(title.split()) <= words, title
    _whole(library["articles"], "\n".join(lines))


# -- the layout itself -----------------------------------------------------------------------------

WORDS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=12,
)


@given(st.lists(WORDS, min_size=1, max_size=30), st.integers(min_value=1, max_value=40))
def test_wrapping_keeps_every_word_in_order_and_fits(words: list[str], width: int) -> None:
    from tui.cli.columns import clean

    p = para(" ".join(words))
    lines = wrap(p, width)
    for runs, size in lines:  # a line of one wide character may not fit a column of one
        assert size <= width or len("".join(t for t, _ in runs)) == 1
        assert size == sum(width_of(t) for t, _ in runs)
    text = " ".join("".join(t for t, _ in runs) for runs, _ in lines)
    # Folding splits a long word, so compare the characters, spaces aside.
    assert text.replace(" ", "") == clean(" ".join(words)).replace(" ", "")


def test_a_whole_paragraph_runs_on_instead_of_breaking() -> None:
    grid = Grid([Column("a", ratio=1), Column("b")], 20, [])
    row = [[para("title words"), para("an-id-much-wider-than-its-column", whole=True)], [para("x")]]
    lines = grid.render(row, styler_for(None))
    assert "an-id-much-wider-than-its-column" in lines
    two = grid.render([[Para([("left-id-wider-than-col", "")], whole=True)], [para("x")]],
                      styler_for(None))  # fmt: skip
    assert two[0].startswith("left-id-wider-than-col")
    assert two[0].endswith("x")


def test_untrusted_text_never_reaches_the_terminal_raw() -> None:
    grid = Grid([Column("t", ratio=1)], 40, [])
    lines = grid.render([[para("evil \x1b[31mred\u202e text\n")]], styler_for("truecolor"))
    assert "\x1b[31m" not in "".join(lines)
    assert "\u202e" not in "".join(lines)
    assert "⟨U+202E⟩" in "".join(lines)


NARROW_TEXT = st.text(alphabet=st.sampled_from("a  bé“…—#"), max_size=60)  # many spaces


@settings(max_examples=300)
@given(
    cells=st.lists(st.lists(NARROW_TEXT, max_size=3), min_size=4, max_size=4),
    fixed=st.lists(st.lists(NARROW_TEXT, max_size=2), min_size=3, max_size=8),
    width=st.integers(min_value=1, max_value=90),
    right=st.booleans(),
    capped=st.none() | st.integers(min_value=1, max_value=9),
    most=st.integers(min_value=0, max_value=3),
)
def test_the_plain_layout_is_the_layout_without_colour(
    cells: list[list[str]],
    fixed: list[list[str]],
    width: int,
    right: bool,
    capped: int | None,
    most: int,
) -> None:
    """`Grid.render_plain` (the fast path of listings into a pipe) writes the very lines
    `Grid.render` writes with no colour, or declines a row that `render` lets run on."""
    from tui.cli.columns import clean, is_narrow

    columns = [
        Column("id"),
        Column("n", justify="right" if right else "left", max_width=capped),
        Column("quote", ratio=3, max_lines=most),  # a listing's title: at most `most` lines
        Column("note", ratio=2),
    ]
    whole = (True, False, False, False)
    sizes = [
        [[para(t, whole=True) for t in f[:1]], [para(t) for t in f[1:]], [], []] for f in fixed
    ]
    grid = Grid(columns, width, sizes, expand=True)
    texts = [[clean(t) for t in cell] for cell in cells]
    assert all(is_narrow(t) for cell in texts for t in cell)
    paras = [[Para([(t, "")], whole=w) for t in cell] for cell, w in zip(texts, whole, strict=True)]
    plain = grid.render_plain(texts, whole)
    expected = grid.render(paras, styler_for(None))
    assert plain is None or plain == expected
    if plain is None:  # only a whole paragraph wider than its column is left to render
        assert any(
            len(t) > grid.widths[i] for i, cell in enumerate(texts) if whole[i] for t in cell
        )
