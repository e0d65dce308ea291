"""KOReader: the exporter's JSON and a book's sidecar Lua, read without running any Lua."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.workspace import Workspace
from library.importers.exports import koreader, recognise
from library.importers.exports.luatable import LuaSyntaxError, loads
from tests.exports.conftest import SAMPLES


def test_the_json_export_gives_a_book_of_its_passages_by_page(workspace: Workspace) -> None:
    report = workspace.imports.run(SAMPLES / "koreader-export.json")
    assert report.highlights["added"] == 2
    (meta,) = workspace.articles.listing()
    book = workspace.articles.get(meta.id)
    assert (book.title, book.authors, book.locator) == ("Walden", ["Henry David Thoreau"], "page")
    assert [p.label for p in book.pages] == ["7", "88"]  # page order, not the file's
    thesis = next(h for h in workspace.highlights.in_article(book.id) if h.note)
    assert thesis.note == "The thesis."
    assert thesis.created == "2024-01-01T00:00:00Z"
    assert book.text[thesis.start : thesis.end].startswith("I went to the woods")


def test_a_sidecar_with_annotations_gives_text_notes_and_pages() -> None:
    data = (SAMPLES / "metadata.epub.lua").read_bytes()
    assert recognise(data) is not None and recognise(data).name == "koreader"  # type: ignore[union-attr]
    found = koreader.parse(data, "metadata.epub.lua")
    assert found.problems == []
    assert [(c.title, c.authors, c.label) for c in found.clips] == [
        ("Middlemarch", ["George Eliot"], "3"),
        ("Middlemarch", ["George Eliot"], "838"),
    ]  # the third annotation is a bookmark: no text
    assert found.clips[1].note == 'The last line, with an "escaped" quote\nand a second line.'
    assert found.clips[1].created == "2024-05-20T08:02:44"


def test_a_legacy_sidecar_gives_highlights_by_page_with_their_bookmark_notes() -> None:
    found = koreader.parse((SAMPLES / "metadata-legacy.pdf.lua").read_bytes(), "legacy.lua")
    assert [(c.label, c.quote[:20], c.note) for c in found.clips] == [
        ("1", "Happy families are a", "The famous opening."),
        ("2", "Everything was in co", ""),
    ]


@pytest.mark.parametrize(
    "code",
    [
        'return { ["x"] = os.execute("touch /tmp/pwned") }',
        "return { x = (function() return 1 end)() }",
        "return { x = y }",
        'return { ["a"] = "b" .. "c" }',
        "os.exit(1)",
    ],
)
def test_lua_code_is_refused_not_run(code: str, tmp_path: Path, workspace: Workspace) -> None:
    with pytest.raises(LuaSyntaxError):
        loads(code)
    path = tmp_path / "metadata.epub.lua"
    path.write_text(f'-- x\nreturn {{ ["doc_props"] = {{}}, ["bad"] = {code[7:]} }}')
    if workspace.imports.recognise(path) is not None:
        report = workspace.imports.run(path)
        assert len(report.problems) == 1 and "nothing imported" in report.problems[0]


def test_long_strings_comments_escapes_and_nesting() -> None:
    text = (
        "-- a comment\nreturn {\n --[[ a long\ncomment ]] s = [==[\nlong ]] string]==],"
        ' "\\65\\x42\\u{263A}\\z\n   end", { nested = { true, false, nil, -1.5e2, 0x10 } }; }'
    )
    assert loads(text) == {
        "s": "long ]] string",
        1: "AB☺end",
        2: {"nested": [True, False, None, -150.0, 16]},
    }


_lua_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


def _lua_string(value: str) -> str:
    escaped = "".join(
        f"\\{ord(c):03d}" if ord(c) < 32 or c in '"\\' else c for c in value
    )  # decimal escapes, as KOReader's serializer writes controls
    return f'"{escaped}"'


@given(st.dictionaries(_lua_text, _lua_text, max_size=6))
def test_any_table_of_strings_reads_back(table: dict[str, str]) -> None:
    body = ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in table.items())
    assert loads(f"return {{ {body} }}") == table


def test_a_folder_of_books_imports_each_sidecar_and_the_kindle_s_clippings(
    workspace: Workspace, tmp_path: Path
) -> None:
    import shutil

    books = tmp_path / "device"
    (books / "Books" / "middlemarch.sdr").mkdir(parents=True)
    shutil.copy(SAMPLES / "metadata.epub.lua", books / "Books" / "middlemarch.sdr")
    (books / "documents").mkdir()
    shutil.copy(SAMPLES / "kindle-it.txt", books / "documents" / "My Clippings.txt")
    (books / "documents" / "notes.txt").write_text("Notes\n\nA plain text article.\n")
    plan = workspace.articles.plan([str(books)])
    assert sorted((Path(j.name).name, j.kind) for j in plan.jobs) == [
        ("My Clippings.txt", "export"),
        ("metadata.epub.lua", "export"),
        ("notes.txt", "file"),
    ]
    summary = workspace.articles.run(plan)
    assert summary.counts["imported"] == 3
    titles = sorted(m.title for m in workspace.articles.listing())
    assert titles == ["Middlemarch", "Notes", "Se una notte d'inverno un viaggiatore"]


@pytest.mark.parametrize(
    "escape", [r"\xZZ", r"\x4", r"\²", r"\u{FFFFFFFFF}", r"\u{110000}", r"\u{D800}"]
)
def test_a_bad_escape_is_a_syntax_error_not_a_crash(escape: str) -> None:
    # Each raised ValueError, AssertionError or OverflowError (a traceback, not one line); a
    # lone surrogate made a string no article file can hold.
    with pytest.raises(LuaSyntaxError, match=r"^line 1: "):
        loads(f'return {{ "a{escape}!" }}')


def test_a_book_that_gains_a_passage_keeps_the_order_of_those_it_had(tmp_path: Path) -> None:
    # Two highlights on one page, in the file's order; then a new one on another page. The book
    # is rebuilt, and the two swapped places (first sorted by the file's order, then by their
    # words): its text changed where nothing was new.
    def export(entries: list[tuple[int, str]]) -> Path:
        path = tmp_path / "koreader.json"
        rows = [{"page": page, "text": text, "sort": "highlight"} for page, text in entries]
        document = {
            "title": "Walden",
            "author": "H. Thoreau",
            "number_of_pages": 312,
            "entries": rows,
        }
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    page = [(7, "Zeta comes first on the page."), (7, "Alpha comes after it.")]
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(export(page))
    (meta,) = workspace.articles.listing()
    before = workspace.articles.get(meta.id).text
    workspace.imports.run(export([*page, (90, "A passage further on.")]))
    after = workspace.articles.get(meta.id).text
    assert after.startswith(before)
