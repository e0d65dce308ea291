"""`margin verify DRAFT` as a user runs it (issue 23): the four classes, the diff, the formats."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from library.store import Library
from tests.conftest import import_text

Margin = Callable[..., Result]
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "news" / "boston-secure-communities.txt"
SAMPLES = Path(__file__).resolve().parents[2] / "library" / "samples"

DRAFT = """\
# Boston and the fingerprint program

The mayor did not mince words: ‘‘We want the federal government to go after the bad guys, but this
is catching people who were stopped for a broken tail light,’’ Thomas M. Menino said.

Federal officials saw it differently. The program "uses an already-existing federal partnership
between ICE and the FBI that helps to identify criminal aliens," according to ICE.

“Public safety depends on people being willing to call us when they see a crime,” said Deval
Patrick.

“We will close the harbour to every car by next spring,” Menino said.
"""


def _library(margin: Margin) -> None:
    result = margin("import", str(SEED), *(str(p) for p in sorted(SAMPLES.iterdir())))
    assert result.exit_code == 0, result.output


def _verify(margin: Margin, draft: Path, text: str) -> Result:
    """Write text to draft and run `margin verify --json` on it."""
    draft.write_text(text, encoding="utf-8")
    return margin("verify", "--json", str(draft))


def test_verify_classes_exact_altered_misattributed_unsourced(
    margin: Margin, tmp_path: Path
) -> None:
    _library(margin)
    draft = tmp_path / "draft.md"
    result = _verify(margin, draft, DRAFT)
    assert result.exit_code == 1, result.output
    rows = json.loads(result.stdout)
    assert [r["status"] for r in rows] == ["exact", "altered", "misattributed", "unsourced"]
    exact, altered, wrong, missing = rows
    assert exact["title"].startswith("Boston threatens") and exact["paragraph"] >= 1
    assert exact["source_speaker"] == "Thomas M. Menino" and exact["diff"] is None
    assert "We want the federal government" in exact["citation"]
    assert "[-information-sharing-]" in altered["diff"]
    assert "[-Federal Bureau of Investigation-]{+FBI+}" in altered["diff"]
    assert wrong["speaker"] == "Deval Patrick" and wrong["source_speaker"] == "Edward F. Davis"
    assert wrong["diff"] is None
    assert missing["article"] is None and missing["citation"] is None
    table = margin("verify", str(draft))
    assert table.exit_code == 1
    shown = " ".join(table.stdout.split())
    for words in ("exact", "altered", "misattributed", "unsourced", "[-", "said by Edward"):
        assert words in shown


def test_allowed_changes_are_not_alterations(margin: Margin, tmp_path: Path) -> None:
    _library(margin)
    result = _verify(
        margin,
        tmp_path / "draft.txt",
        "Menino said that ''[the program] is catching people who were stopped for a broken tail "
        "light.''\n\n"
        'He added: "We want the federal government to go after the bad guys … people who were '
        'stopped for a broken tail light."\n',
    )
    assert result.exit_code == 0, result.output
    assert [r["status"] for r in json.loads(result.stdout)] == ["exact", "exact"]


def test_docx_draft(margin: Margin, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    _library(margin)
    document = docx.Document()
    document.add_paragraph("A heading of the writer's")
    document.add_paragraph(
        "“We want the federal government to go after the bad guys,” Menino said."
    )
    path = tmp_path / "draft.docx"
    document.save(str(path))
    result = margin("verify", "--json", str(path))
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    # A .docx has no lines of its own: the quotation is in the second paragraph, as Word shows
    # it (it was "line 3", the line of the paragraphs joined by blank lines).
    assert row["status"] == "exact" and row["line"] == 2
    table = margin("verify", str(path)).stdout.splitlines()
    assert table[0].split()[0] == "para" and table[1].split()[0] == "2"


def test_verify_reads_only_the_articles_the_index_names(
    margin: Margin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _library(margin)
    assert margin("search", "Menino").exit_code == 0  # the index is built before counting
    read: list[str] = []
    original = Library.get

    def counting(self: Library, article_id: str) -> object:
        read.append(article_id)
        return original(self, article_id)

    monkeypatch.setattr(Library, "get", counting)
    draft = tmp_path / "draft.md"
    draft.write_text(
        "“We want the federal government to go after the bad guys,” Menino said.\n",
        encoding="utf-8",
    )
    assert margin("verify", str(draft)).exit_code == 0
    assert len(set(read)) == 1


def test_unreadable_draft_is_one_line(margin: Margin, tmp_path: Path) -> None:
    _library(margin)
    missing = margin("verify", str(tmp_path / "nope.md"))
    assert missing.exit_code == 1
    assert "nope.md: no such file; check the draft's path" in missing.stderr
    binary = tmp_path / "draft.bin"
    binary.write_bytes(b"\x00\x01\x02" * 10)
    bad = margin("verify", str(binary))
    assert bad.exit_code == 1 and "not a text file" in bad.stderr
    broken = tmp_path / "draft.docx"
    broken.write_bytes(b"not a zip")
    assert "not a readable .docx" in margin("verify", str(broken)).stderr


def test_a_draft_without_read_permission_is_one_line_of_bad_input(
    margin: Margin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # click's own check came first: a usage error (exit 2) over three lines. (Denied by hand:
    # root reads all.)
    _library(margin)
    draft = tmp_path / "draft.md"
    draft.write_text("“Secure Communities must change substantially,” he wrote.\n")
    access, read_bytes = os.access, Path.read_bytes

    def no_access(path: Any, mode: int, **kwargs: Any) -> bool:
        return Path(path) != draft and access(path, mode, **kwargs)

    def denied(path: Path) -> bytes:
        if path == draft:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(os, "access", no_access)
    monkeypatch.setattr(Path, "read_bytes", denied)
    result = margin("verify", str(draft))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"margin: {draft}: cannot read the draft (Permission denied); check its permissions"
    ]


@pytest.mark.parametrize(
    ("who", "status", "code"),
    # The source has the police commissioner say it: "The commissioner" describes him, and
    # "The mayor" someone else.
    [("The commissioner", "exact", 0), ("The mayor", "misattributed", 1)],
)
def test_markdown_block_quote_is_checked_too(
    margin: Margin, tmp_path: Path, who: str, status: str, code: int
) -> None:
    _library(margin)
    result = _verify(
        margin,
        tmp_path / "draft.md",
        f"{who} put it plainly:\n\n"
        "> Public safety depends on people being willing to call us when they see a crime\n",
    )
    assert result.exit_code == code, result.output
    (row,) = json.loads(result.stdout)
    assert row["status"] == status and row["source_speaker"] == "Edward F. Davis"


def test_the_citation_names_who_said_it_not_the_reporter(margin: Margin, tmp_path: Path) -> None:
    _library(margin)
    draft = tmp_path / "draft.md"
    draft.write_text("“This isn’t a war on cars,” Elena Vasquez said.\n", encoding="utf-8")
    for style, speaker in (("plain", "— Elena Vasquez,"), ("chicago", "Elena Vasquez, quoted in")):
        result = margin("verify", "--json", "-s", style, str(draft))
        assert result.exit_code == 0, result.output
        (row,) = json.loads(result.stdout)
        assert row["source_speaker"] == "Elena Vasquez"
        assert speaker in row["citation"], row["citation"]


def test_a_quotation_run_on_into_the_reporters_narration_is_altered(
    margin: Margin, tmp_path: Path
) -> None:
    import_text(
        margin,
        tmp_path / "deficit.txt",
        "Mayor sets out the budget\n\n"
        "The mayor promised to “cut the deficit over ten years” and said that work would start "
        "in May. The council's report said spending on roads had doubled since the flood.\n",
    )
    result = _verify(
        margin,
        tmp_path / "draft.md",
        "The mayor promised to “cut the deficit over ten years and said that work would start”."
        "\n\n"
        "The council's report found that “spending on roads had doubled since the flood”.\n",
    )
    assert result.exit_code == 1, result.output
    altered, prose = json.loads(result.stdout)
    assert altered["status"] == "altered"
    assert "{+and said that work would start+}" in altered["diff"]
    assert altered["source"] == "cut the deficit over ten years"
    # Quoting the article's own prose (no quotation there), said by a document, stays exact.
    assert prose["status"] == "exact" and prose["diff"] is None


def test_a_misattributed_quotation_with_changed_words_shows_both(
    margin: Margin, tmp_path: Path
) -> None:
    # The police commissioner's words, one of them changed, put in the governor's mouth: naming
    # the wrong speaker must not hide the changed word.
    _library(margin)
    draft = tmp_path / "draft.md"
    words = "Public safety depends on people being {} to call us when they see a crime"
    result = _verify(
        margin,
        draft,
        f"“{words.format('ready')},” said Deval Patrick.\n\n"
        f"“{words.format('willing')},” said Deval Patrick.\n",
    )
    assert result.exit_code == 1, result.output
    rows = json.loads(result.stdout)
    assert [(r["status"], r["altered"]) for r in rows] == [
        ("misattributed", True),
        ("misattributed", False),
    ]
    assert rows[0]["diff"] == words.format("[-willing-]{+ready+}")
    assert rows[1]["diff"] is None
    table = margin("verify", str(draft))
    assert table.exit_code == 1
    lines = table.stdout.splitlines()
    both = [i for i, line in enumerate(lines) if line.split()[1:2] == ["misattributed"]]
    # The status column: "misattributed", and under it "and altered" for the first one only.
    assert [lines[i + 1].split()[:2] == ["and", "altered"] for i in both] == [True, False]
    assert "[-willing-]{+ready+}" in "".join(table.stdout.split())
    assert lines[-1] == "0 exact, 0 altered, 2 misattributed (1 also altered), 0 unsourced"
