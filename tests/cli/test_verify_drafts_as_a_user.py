"""Drafts as writers save them, tried by hand (issue 23, session 32): a plain text draft saved in
Windows-1252 (its curly marks were read as "�", so no quotation was found), a quotation in a Word
table (skipped), a .docx saved under another name (refused as "not a text file"), a PDF (read as
text: "no quotations", exit 0), a folder (click's three-line usage error, exit 2) and a file that
cannot be read: each bad one is one line naming the file, the reason and what to do, exit 1."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import import_text

Margin = Callable[..., Result]
SOURCE = (
    "Menino opens the new library branch\n\nPublished 2 March 2012\n\n"
    "“Every neighbourhood deserves a library it can walk to,” Mayor Menino said on Friday.\n"
)
_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
QUOTE = "Every neighbourhood deserves a library it can walk to"


@pytest.fixture
def library(margin: Margin, tmp_path: Path) -> None:
    import_text(margin, tmp_path / "branch.txt", SOURCE)


def _statuses(margin: Margin, draft: Path) -> list[str]:
    return [status for status, _ in _checked(margin, draft)]


def _checked(margin: Margin, draft: Path, exit_code: int = 0) -> list[tuple[str, int]]:
    """Each quotation of the draft as `margin verify --json` classes it: status and line."""
    result = margin("verify", "--json", str(draft))
    assert result.exit_code == exit_code, result.output
    return [(row["status"], row["line"]) for row in json.loads(result.stdout)]


def test_a_text_draft_saved_in_windows_1252_is_read_with_its_marks(
    library: None, margin: Margin, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(f"Menino said: “{QUOTE}.” The café was full.\n".encode("cp1252"))
    assert _statuses(margin, draft) == ["exact"]


def test_a_quotation_in_a_word_table_is_checked(
    library: None, margin: Margin, tmp_path: Path
) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Quotations for the piece:")
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))  # listed in both columns: read once
    merged.text = "“We will close the harbour to every car next spring,” Hale said."
    table.cell(1, 0).text = "Menino"
    table.cell(1, 1).text = f"“{QUOTE},” Menino said."
    document.add_paragraph("“We will build a harbour wall by the end of the decade,” Hale said.")
    path = tmp_path / "draft.docx"
    document.save(str(path))
    assert _statuses(margin, path) == ["unsourced", "exact", "unsourced"]
    # a .docx saved under another name is still a .docx
    renamed = tmp_path / "draft.txt"
    renamed.write_bytes(path.read_bytes())
    assert _statuses(margin, renamed) == ["unsourced", "exact", "unsourced"]


@pytest.mark.parametrize(
    ("name", "content", "shown"),
    [
        ("folder.md", None, "folder.md: a folder, not a draft; give a Markdown, plain text"),
        ("gone.md", "", "gone.md: no such file; check the draft's path"),
        ("draft.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "draft.pdf: a PDF file, not a draft;"),
        ("draft.bin", b"\x00\x01" * 50, "draft.bin: not a text file; give a Markdown"),
        ("draft.docx", b"PK\x03\x04 no zip", "draft.docx: not a readable .docx"),
        # a zip whose package XML is damaged (h32r6: "unexpected error: XMLSyntaxError")
        ("draft.docx", "damaged", "draft.docx: not a readable .docx"),
    ],
)
def test_a_bad_draft_is_one_line_with_what_to_do(
    library: None,
    margin: Margin,
    tmp_path: Path,
    name: str,
    content: bytes | str | None,
    shown: str,
) -> None:
    path = tmp_path / name
    if content is None:
        path.mkdir()
    elif content == "damaged":
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("[Content_Types].xml", _CONTENT_TYPES)
            package.writestr("_rels/.rels", "not XML <")
    elif content:
        path.write_bytes(content)
    result = margin("verify", str(path))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert shown in line


def test_a_draft_that_cannot_be_read_says_to_check_its_permissions(
    library: None, margin: Margin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(f"“{QUOTE}.”\n", encoding="utf-8")

    def refused(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refused)  # a test run as root reads any file
    result = margin("verify", str(draft))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert "draft.md: cannot read the draft (Permission denied); check its permissions" in line


@pytest.mark.parametrize(
    "line",
    [
        # a link inside the quotation (its "[library]" was read as a bracket, its address as
        # words added: altered)
        "Menino said: “Every neighbourhood deserves a [library](https://example.org) it can walk "
        "to.”",
        "Menino said: &ldquo;Every neighbourhood deserves a library it can walk to.&rdquo;",
        "Menino said: “Every neighbourhood deserves a library it can walk to[^1].”",
        # two quotations in typewriter marks on a line (no code span between the backticks)
        "Menino said: ``Every neighbourhood deserves a library it can walk to,'' and ``on foot.''",
    ],
)
def test_a_markdown_draft_is_read_as_its_reader_sees_it(
    library: None, margin: Margin, tmp_path: Path, line: str
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(f"# A draft\n\n{line}\n\n[^1]: The branch opening.\n", encoding="utf-8")
    result = margin("verify", "--json", str(draft))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(row["status"], row["line"]) for row in rows] == [("exact", 3)], rows


@pytest.mark.parametrize(
    "link",
    ["[library][branch]", "[library][]", "[library]", "[library][BRANCH]"],
)
def test_a_reference_link_in_a_markdown_draft_is_its_text(
    library: None, margin: Margin, tmp_path: Path, link: str
) -> None:
    """A reference link is a link whose address the draft gives elsewhere (h32r6: read line by
    line, its definition unseen, "[library][branch]" was a bracket and "[branch]" one more:
    altered); the definition, which a reader does not see, is no quotation of the draft's."""
    draft = tmp_path / "draft.md"
    draft.write_text(
        f"# A draft\n\nMenino said: “Every neighbourhood deserves a {link} it can walk to.”\n\n"
        '[branch]: https://example.org "Menino said: “Every neighbourhood deserves a school it '
        'can walk to.”"\n[library]: https://example.org\n',
        encoding="utf-8",
    )
    result = margin("verify", "--json", str(draft))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(row["status"], row["line"]) for row in rows] == [("exact", 3)], rows


@pytest.mark.parametrize("name", ["draft.md", "draft.txt", "draft.docx"])
@pytest.mark.parametrize("mark", ["to[2]", "to.[12]", "to[^1]"])
def test_a_citation_mark_after_a_word_is_no_bracket(
    library: None, margin: Margin, tmp_path: Path, name: str, mark: str
) -> None:
    """A draft pasted from a wiki or a paper keeps its citation marks ("walk to[2]"): a mark, not
    a bracketed number the writer added (h32r6: since brackets with numbers count as altered,
    each was altered; h32y3: in a .docx, where a wiki's text is pasted most, they still were)."""
    draft = tmp_path / name
    line = f"Menino said: “Every neighbourhood deserves a library it can walk {mark}”"
    if name.endswith(".docx"):
        docx = pytest.importorskip("docx")
        document = docx.Document()
        document.add_paragraph(line)
        document.save(str(draft))
    else:
        draft.write_text(f"{line}\n", encoding="utf-8")
    assert _statuses(margin, draft) == ["exact"]


def test_a_draft_checked_against_an_empty_library_says_the_library_is_empty(
    margin: Margin, tmp_path: Path
) -> None:
    """Every quotation "unsourced" and exit 0 was all a user with a mistyped --library saw."""
    draft = tmp_path / "draft.md"
    draft.write_text(f"Menino said: “{QUOTE}.”\n", encoding="utf-8")
    result = margin("verify", str(draft))
    assert result.exit_code == 0
    assert "0 exact, 0 altered, 0 misattributed, 1 unsourced" in result.stdout
    assert "holds no articles; import the sources, or give the library with --library" in (
        result.stderr
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        # a link whose text is wrapped onto the next line
        "Menino said: “Every neighbourhood deserves a [library it\ncan walk](https://example.org)"
        " to.”",
        # a link whose address and title are wrapped onto the next line
        "Menino said: “Every neighbourhood deserves a [library](https://example.org/branches\n"
        '"The branch") it can walk to.”',
        # emphasis opened on one line and closed on the next
        "Menino said: “Every neighbourhood deserves *a library\nit can walk to*.”",
    ],
)
def test_a_soft_wrapped_markdown_paragraph_is_read_whole(
    library: None, margin: Margin, tmp_path: Path, paragraph: str
) -> None:
    """Note 32: a Markdown draft was read line by line, so a link wrapped over two lines kept its
    brackets and address as words (altered, or not found)."""
    draft = tmp_path / "draft.md"
    draft.write_text(f"# A draft\n\nIntro line.\n{paragraph}\n", encoding="utf-8")
    assert _checked(margin, draft) == [("exact", 4)]


@pytest.mark.parametrize(
    "code",
    [
        "```\nprint(“Every neighbourhood deserves a school it can walk to”)\n```",
        "~~~ text\nMenino said: “Every neighbourhood deserves a school it can walk to.”\n~~~",
        "    Menino said: “Every neighbourhood deserves a school it can walk to.”",
    ],
)
def test_a_quotation_in_a_markdown_code_block_is_not_checked(
    library: None, margin: Margin, tmp_path: Path, code: str
) -> None:
    """Note 32: a fenced or indented code block's lines were read as prose, so the altered words
    in it were reported; a reader sees code, not a quotation of the draft's."""
    draft = tmp_path / "draft.md"
    draft.write_text(f"# A draft\n\n{code}\n\nMenino said: “{QUOTE}.”\n", encoding="utf-8")
    assert _checked(margin, draft) == [("exact", 5 + code.count("\n"))]


@pytest.mark.parametrize(
    "front",
    [
        '---\ntitle: "A new plan for the branches of Boston"\nauthor: Dana\n---\n',
        # broken YAML is front matter all the same: the writer's fields, not the draft's prose
        '---\ntitle: "A new plan for the branches of Boston": a draft\n---\n',
    ],
)
def test_a_markdown_drafts_front_matter_is_not_read_as_prose(
    library: None, margin: Margin, tmp_path: Path, front: str
) -> None:
    """Found reviewing h33g (h33r2): a draft's YAML front matter was read as a heading, so a
    title of four words or more in quote marks was checked, unsourced."""
    draft = tmp_path / "draft.md"
    draft.write_text(f"{front}\nMenino said: “{QUOTE}.”\n", encoding="utf-8")
    assert _checked(margin, draft) == [("exact", front.count("\n") + 2)]


def test_a_docx_paragraph_in_a_code_style_is_not_checked(
    library: None, margin: Margin, tmp_path: Path
) -> None:
    """Found trying verify as a user (h33g): pandoc turns a Markdown draft's code block into
    "Source Code" paragraphs, which were checked as prose (a quotation in a script altered),
    while the same draft in Markdown skipped them."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Notes kept in a script:")
    code = document.add_paragraph('QUOTE = "Every neighbourhood deserves a school it can walk to"')
    code.style = document.styles.add_style("Source Code", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph(f"Menino said: “{QUOTE}.”")
    draft = tmp_path / "draft.docx"
    document.save(str(draft))
    assert _checked(margin, draft) == [("exact", 3)]


def test_one_short_quotation_left_unchecked_is_counted_in_the_singular(
    library: None, margin: Margin, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(f"Menino said: “{QUOTE}.” He called it “a library.”\n", encoding="utf-8")
    result = margin("verify", str(draft))
    assert "1 quotation under four words was not checked" in result.stderr  # was "quotations"


def test_a_draft_quoting_often_with_few_speakers_named_has_each_quotation_checked(
    library: None, margin: Margin, tmp_path: Path
) -> None:
    """Found trying verify as a user (h33g): the detector reads a text of four quotations or
    more, fewer than a third naming their speaker in their own sentence, as an essay and drops
    the rest, so such a draft had "no quotations of four words or more" and exit 0."""
    draft = tmp_path / "draft.md"
    lines = [
        f"In a story about the branch, {name} was quoted: “{QUOTE}.”"
        for name in ("Ann Lee", "Bob Stone", "Cara Diaz")
    ]
    lines.append("In the same story: “Every neighbourhood deserves a school it can walk to.”")
    draft.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    checked = _checked(margin, draft, exit_code=1)
    assert checked == [("exact", 1), ("exact", 3), ("exact", 5), ("altered", 7)]


def test_a_title_or_a_term_in_quote_marks_is_not_checked_as_a_quotation(
    library: None, margin: Margin, tmp_path: Path
) -> None:
    """Found reviewing h33g (h33r2): every stretch of four words or more in quote marks was
    checked, so a book's title and a so-called phrase each came out unsourced; only the
    detector's reading a draft as an essay, which drops its unattributed quotations, is put
    aside for a draft."""
    draft = tmp_path / "draft.md"
    draft.write_text(
        f"Menino said: “{QUOTE}.”\n\nHe had read “The Death and Life of Great American Cities” "
        "twice, and called the so-called “war on the car” a slogan.\n",
        encoding="utf-8",
    )
    assert _checked(margin, draft) == [("exact", 1)]


def test_a_quotation_from_a_kindle_book_is_placed_at_its_location_not_a_page(
    margin: Margin, tmp_path: Path
) -> None:
    """A Kindle book's passages are labelled by location: the source column said "p. 2032-2036"
    beside a citation reading "loc. 2032-2036"."""
    clippings = tmp_path / "My Clippings.txt"
    clippings.write_text(
        "Harbour Notes (Okafor, Nadia)\n"
        "- Your Highlight on page 136 | Location 2032-2036 | Added on Tuesday, July 14, 2015"
        " 12:57:51 AM\n\n"
        "When a friend urged him to slow down, the mayor explained, “I can’t do a little of"
        " anything, so I do all of it.”\n==========\n",
        encoding="utf-8",
    )
    assert margin("import", str(clippings)).exit_code == 0
    draft = tmp_path / "draft.md"
    draft.write_text("The mayor said “I can’t do a little of anything.”\n", encoding="utf-8")
    result = margin("verify", str(draft))
    assert result.exit_code == 0, result.output
    shown = " ".join(result.stdout.split())
    assert "(loc. 2032-2036)" in shown and "p. 2032" not in shown, result.stdout
    rows = json.loads(margin("verify", "--json", str(draft)).stdout)
    assert [(r["page"], r["locator"]) for r in rows] == [("2032-2036", "location")]
