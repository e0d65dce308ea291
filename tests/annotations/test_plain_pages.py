"""The plain style cites where a highlight is in a paginated source: "…, p. 12." or
"pp. 11–12", in `margin copy --print`, the reader's y (both format_quote) and Markdown exports
(quote_formatter, from a vouched library); an unpaginated source is cited as before."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import Result

from annotations.citation import format_quote, quote_formatter
from annotations.model import Annotation
from annotations.workspace import Workspace
from annotations.workspace.checking import AnchorCheck
from annotations.workspace.exporting import ExportRequest
from library.articlefile import dumps, front_matter_has_pages
from library.model import Article, ArticleMeta, Page
from library.text import build_text
from tests.library.corpus import CORPUS

if TYPE_CHECKING:
    from annotations.workspace.exporting import PageMaps

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


_OPENED: list[str] | None = None  # while a test listens: every file opened (audit events)


def _listen(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _OPENED is not None and isinstance(args[0], str | Path):
        _OPENED.append(str(args[0]))


def test_a_library_export_takes_the_page_maps_from_the_verdicts(
    report: tuple[Workspace, str, dict[str, str]], tmp_path: Path
) -> None:
    """The anchors check records whether each article it read has a page map, so a library
    export in a style that cites pages opens no unpaginated article vouched for, not even its
    front matter; a paginated one is read for its pages."""
    global _OPENED
    workspace, paged_id, _ = report
    source = tmp_path / "plain.txt"
    source.write_text("A plain note\n\nThe harbour stays open all winter.\n", encoding="utf-8")
    plain = workspace.library.import_file(source).article
    workspace.highlights.create(plain.id, quote="stays open all winter")
    workspace.highlights.check()
    verdicts = AnchorCheck(workspace).verdicts([paged_id, plain.id])
    assert (verdicts[paged_id].pages, verdicts[plain.id].pages) == (True, False)
    target = tmp_path / "out.md"
    sys.addaudithook(_listen)
    _OPENED = []
    try:
        Workspace(workspace.library.root).exports.export(ExportRequest(output=target))
        opened = _OPENED
    finally:
        _OPENED = None
    exported = target.read_text(encoding="utf-8")
    assert "“stays open all winter” — " in exported and f"> {EXPECTED[ONE]}\n" in exported
    articles = workspace.library.articles_dir
    assert str(articles / f"{paged_id}.md") in opened  # read for its pages
    assert not [p for p in opened if Path(p).parent == articles and plain.id in p]


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


def test_front_matter_has_pages_reads_only_the_front_matter() -> None:
    article = _paginated(["1", "2"])
    paged = dumps(article)
    article.pages = []
    plain = dumps(article)
    assert front_matter_has_pages(io.StringIO(paged))
    assert not front_matter_has_pages(io.StringIO(plain))
    # A body line that looks like the key is text, not front matter.
    assert not front_matter_has_pages(io.StringIO(plain + "\npages:\n"))
    # No front matter, or none closed: read in full, to say why.
    assert front_matter_has_pages(io.StringIO("pages:\n"))
    assert front_matter_has_pages(io.StringIO("---\nid: a\n"))


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


def test_a_page_map_is_kept_only_for_an_article_vouched_for(
    report: tuple[Workspace, str, dict[str, str]],
) -> None:
    """The voucher reads a paginated article's page map alone only for an article it vouches
    for: one whose highlights changed since the check (during a long export) is read in full,
    its pages with it, and no page map of it is left behind for the export to hold or take."""
    workspace, paged_id, _ = report
    maps: PageMaps = {}
    vouch = Workspace(workspace.library.root).exports.voucher([paged_id], page_maps=maps)
    assert vouch(paged_id) is not None and paged_id in maps
    maps.clear()
    vouch = Workspace(workspace.library.root).exports.voucher([paged_id], page_maps=maps)
    workspace.highlights.create(paged_id, quote="Libtasn1 library")  # after the check
    assert vouch(paged_id) is None
    assert maps == {}
