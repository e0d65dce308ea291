"""The plain style cites where a highlight is in a paginated source: "…, p. 12." or
"pp. 11–12", in `margin copy --print`, the reader's y (both format_quote) and Markdown exports
(quote_formatter, from a vouched library); an unpaginated source is cited as before."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from annotations.citation import format_quote, quote_formatter
from annotations.model import Annotation
from annotations.workspace import Workspace
from annotations.workspace.exporting import ExportRequest
from library.articlefile import dumps, has_pages
from library.model import Article, ArticleMeta, Page
from library.text import build_text
from tests.library.corpus import CORPUS

WHO = "Fabio Fiorina, Simon Josefsson, and Nikos Mavrogiannopoulos, “Libtasn1,” 18 August 2022"
ONE = "This document describes the Libtasn1 library"  # on page 1
ACROSS = "not even POSIX is required.\n\n2 ASN.1 structure handling"  # end of 1, top of 2
ROMAN = "Table of Contents"  # the contents page, labelled i

EXPECTED = {
    ONE: f"“{ONE}” — {WHO}, p. 1.",
    ACROSS: f"“not even POSIX is required. 2 ASN.1 structure handling” — {WHO}, pp. 1–2.",
    ROMAN: f"“{ROMAN}” — {WHO}, p. i.",
}


@pytest.fixture
def report(library_dir: Path) -> tuple[Workspace, str, dict[str, str]]:
    """The GNU libtasn1 manual (a real PDF) imported, with a highlight in each form."""
    pdf = CORPUS["report"].require()
    workspace = Workspace(library_dir)
    article = workspace.library.import_file(pdf).article
    ids = {q: workspace.highlights.create(article.id, quote=q).annotation.id for q in EXPECTED}
    return workspace, article.id, ids


def test_copy_print_in_the_plain_style_ends_with_the_page_or_range(
    report: tuple[Workspace, str, dict[str, str]], margin: Callable[..., Result]
) -> None:
    _, _, ids = report
    for quote, expected in EXPECTED.items():
        result = margin("copy", ids[quote], "--print")
        assert result.exit_code == 0, result.output
        assert result.output.strip().splitlines()[-1] == expected  # after a note on stderr
    # The manual styles keep their own forms of the same locator.
    apa = margin("copy", ids[ACROSS], "--print", "-s", "apa").output
    assert "pp. 1–2)." in apa


def test_a_markdown_export_of_a_vouched_library_cites_the_pages(
    report: tuple[Workspace, str, dict[str, str]], tmp_path: Path
) -> None:
    """The texts an export need not read are still read for a paginated article: its callouts
    carry the page, as the copied quote does."""
    workspace, _, _ = report
    workspace.highlights.check()  # the anchors cache vouches for the article
    target = tmp_path / "out.md"
    Workspace(workspace.library.root).exports.export(ExportRequest(output=target))
    exported = target.read_text(encoding="utf-8")
    for expected in EXPECTED.values():
        assert f"> {expected}\n" in exported


def _paginated(labels: list[str]) -> Article:
    body = [f"Paragraph on page {label}, with the words to quote in it." for label in labels]
    text, blocks = build_text([("paragraph", p) for p in body])
    pages = [Page(b.start, (blocks[i + 1].start if i + 1 < len(blocks) else len(text)), label)
             for i, (b, label) in enumerate(zip(blocks, labels, strict=True))]  # fmt: skip
    return Article(
        id="pg", title="The long report", authors=["Ann Author"], published="2020-03-05",
        publication="Harbour Review", text=text, blocks=blocks, pages=pages,
    )  # fmt: skip


def _ann(article: ArticleMeta, quote: str, start: int) -> Annotation:
    return Annotation(article.id, start, start + len(quote), quote)


def test_highlights_on_different_pages_of_one_article_each_cite_their_own() -> None:
    """An export formats an article's highlights with one formatter (its citation made once
    per speaker): each still ends with its own page, as format_quote gives it."""
    article = _paginated(["11", "12", "xii"])
    formatted = quote_formatter(article, "plain", accessed=date(2024, 1, 1))
    tail = "— Ann Author, “The long report,” Harbour Review, 5 March 2020"
    for label, cited in (("11", "p. 11"), ("12", "p. 12"), ("xii", "p. xii")):
        start = article.text.index(f"page {label},")
        ann = _ann(article, f"page {label},", start)
        assert formatted(ann) == f"“page {label},” {tail}, {cited}."
        assert format_quote(ann, article, "plain") == formatted(ann)
    start = article.text.index("page 11,")
    end = article.text.index("page 12,") + len("page 12,")
    across = _ann(article, article.text[start:end], start)
    assert formatted(across).endswith(f"{tail}, pp. 11–12.")


def test_an_unpaginated_source_is_cited_as_before() -> None:
    article = _paginated(["1"])
    article.pages = []
    start = article.text.index("page 1,")
    ann = _ann(article, "page 1,", start)
    expected = "“page 1,” — Ann Author, “The long report,” Harbour Review, 5 March 2020."
    assert format_quote(ann, article, "plain") == expected
    assert quote_formatter(article, "plain")(ann) == expected
    meta = ArticleMeta.meta_from_dict(article.to_dict())  # metadata alone: no page to give
    assert format_quote(ann, meta, "plain") == expected


def test_has_pages_reads_the_front_matter_of_an_article_file(tmp_path: Path) -> None:
    paged, plain = tmp_path / "paged.md", tmp_path / "plain.md"
    article = _paginated(["1", "2"])
    paged.write_text(dumps(article), encoding="utf-8")
    article.pages = []
    plain.write_text(dumps(article), encoding="utf-8")
    assert has_pages(paged) and not has_pages(plain)
    assert has_pages(tmp_path / "missing.md")  # unreadable: read in full, to say why


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_a_brief_of_a_vouched_library_cites_the_pages(
    report: tuple[Workspace, str, dict[str, str]], tmp_path: Path, fmt: str
) -> None:
    from annotations.workspace.briefing import BoardFilter

    workspace, _, _ = report
    workspace.highlights.check()
    target = tmp_path / f"brief.{fmt}"
    Workspace(workspace.library.root).briefs.export(BoardFilter(), fmt, target)
    brief = " ".join(target.read_text(encoding="utf-8").split())  # txt is wrapped
    for expected in EXPECTED.values():
        assert expected in brief
