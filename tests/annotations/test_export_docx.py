"""Word cards: re-opened with python-docx, the runs, styles and cites are what Verbatim expects."""

from __future__ import annotations

import io
import time
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from annotations.citation import short_cite
from annotations.export import FORMATS, ExportGroup, ExportOptions, export_annotations
from annotations.export import docx as cards
from annotations.model import Annotation
from library.model import Article, ArticleMeta
from library.text import build_text
from tests.annotations.samples import (
    ACCESSED,
    GENERATED,
    HIGHLIGHTS,
    sample_annotations,
    sample_library,
)

OPTIONS = ExportOptions(accessed=ACCESSED, generated=GENERATED)


@pytest.fixture(scope="module")
def groups(tmp_path_factory: pytest.TempPathFactory) -> list[ExportGroup]:
    library = sample_library(Path(tmp_path_factory.mktemp("docx")) / "lib")
    return list(sample_annotations(library).values())


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _cards(document: docx.document.Document) -> list[list[Paragraph]]:
    """Each card's paragraphs: from its Heading 4 tag line to the next heading."""
    found: list[list[Paragraph]] = []
    for paragraph in document.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name == "Heading 4":
            found.append([paragraph])
        elif name.startswith("Heading"):
            continue
        elif found:
            found[-1].append(paragraph)
    return found


def _alias(document: docx.document.Document, name: str) -> str:
    aliases = document.styles[name].element.find(qn("w:aliases"))
    return "" if aliases is None else str(aliases.get(qn("w:val")))


def _run_style(run: docx.text.run.Run) -> str:
    return run.style.name if run.style is not None else ""


def test_docx_is_a_binary_format_written_as_bytes(groups: list[ExportGroup]) -> None:
    assert FORMATS["docx"].binary and FORMATS["docx"].suffix == ".docx"
    assert not FORMATS["md"].binary
    data = export_annotations(groups, "docx", OPTIONS)
    assert data.startswith(b"PK")  # a zip package
    assert export_annotations(groups, "docx", OPTIONS) == data  # the same bytes every time


def test_styles_carry_verbatims_names_and_aliases(groups: list[ExportGroup]) -> None:
    document = _open(export_annotations(groups, "docx", OPTIONS))
    assert _alias(document, "Heading 1") == "Pocket"
    assert _alias(document, "Heading 2") == "Hat"
    assert _alias(document, "Heading 3") == "Block"
    assert _alias(document, "Heading 4") == "Tag"
    assert _alias(document, "Normal") == "Normal/Card"
    assert _alias(document, "Style 13 pt Bold") == "Cite"
    assert _alias(document, "Style Underline") == "Underline"
    underline = document.styles["Style Underline"].font
    assert underline.bold and underline.underline
    assert document.styles["Style 13 pt Bold"].font.bold


def test_one_card_per_highlight_under_hats_and_blocks(groups: list[ExportGroup]) -> None:
    document = _open(export_annotations(groups, "docx", OPTIONS))
    heads = [(p.style.name, p.text) for p in document.paragraphs if p.style is not None]
    assert heads[0] == ("Heading 1", "Annotated summary")
    hats = [text for name, text in heads if name == "Heading 2"]
    assert hats == [
        "consultation",
        "economy",
        "evidence",
        "framing",
        "parking",
        "survey",
        "Untagged",
    ]
    assert len(_cards(document)) == len(HIGHLIGHTS)


def _card_for(document: docx.document.Document, words: str) -> list[Paragraph]:
    (card,) = [c for c in _cards(document) if any(words in p.text for p in c[2:])]
    return card


def test_a_card_has_its_tag_cite_and_marked_paragraph(groups: list[ExportGroup]) -> None:
    document = _open(export_annotations(groups, "docx", OPTIONS))
    petition, anns = groups[0]
    ann = anns[0]  # tagged parking, economy, with a two-line note, said by Priya Raman
    tag, cite, *text = _card_for(document, "People don’t carry")
    assert tag.text == "Traders fear losing drivers to the retail parks"  # the note's first line
    short, *full = cite.runs
    assert _run_style(short) == "Style 13 pt Bold"
    assert short.text == short_cite(
        petition.authors, petition.publication, petition.title, petition.published
    )
    assert short.text == "Whitcombe 26"
    cite_text = "".join(r.text for r in full)
    assert cite_text.startswith(" Tom Whitcombe, 21 March 2026, “Traders deliver")
    assert cite_text.endswith("accessed 2 April 2026; quoting Priya Raman")
    # The publication in italics, as the Markdown and HTML cards set it (issue 22); only it.
    assert [r.text for r in full if r.italic] == ["The Riverton Courier"]
    (paragraph, note) = text
    marked = [r.text for r in paragraph.runs if _run_style(r) == "Style Underline"]
    assert marked == [ann.quote]  # bold and underlined exactly on the highlighted words
    for run in paragraph.runs:
        if _run_style(run) == "Style Underline":
            assert run.font.size is None  # the style's own size
        else:
            assert run.font.size == Pt(8) and not run.font.underline and not run.font.bold
    block = next(b for b in petition.blocks if b.start <= ann.start < b.end)
    assert paragraph.text == petition.text[block.start : block.end]  # the whole paragraph
    assert note.text == "Note: Check against the 30% figure" and note.runs[0].italic


def test_tags_are_the_tag_line_when_there_is_no_note(groups: list[ExportGroup]) -> None:
    document = _open(export_annotations(groups, "docx", OPTIONS))
    assert _card_for(document, "Our best days")[0].text == "economy"
    assert _card_for(document, "twelve months")[0].text == "No stance"  # neither note nor tags


def test_a_highlight_over_two_paragraphs_marks_both(groups: list[ExportGroup]) -> None:
    document = _open(export_annotations(groups, "docx", OPTIONS))
    _tag, _cite, *text = _card_for(document, "Four years later")
    marked = [[r.text for r in p.runs if _run_style(r) == "Style Underline"] for p in text]
    _opinion, anns = groups[1]
    ann = next(a for a in anns if a.quote.startswith("Four years later"))
    assert ["".join(m) for m in marked] == ann.quote.split("\n\n")


def _story(note: str = "", **fields: object) -> tuple[Article, Annotation]:
    text, blocks = build_text(
        [("paragraph", "First paragraph."), ("paragraph", "The mayor said the plan works.")]
    )
    article = Article(
        id="s", title="Plan", authors=["Ann Lee"], published="2024-05-01", text=text, blocks=blocks
    )
    start = text.index("the plan works")
    ann = Annotation.from_span("s", text, start, start + len("the plan works"), note=note, **fields)
    return article, ann


def test_without_the_article_text_the_highlights_context_stands_in() -> None:
    article, ann = _story()
    meta = ArticleMeta.meta_from_dict(article.to_dict())  # metadata only, no text
    document = _open(export_annotations([(meta, [ann])], "docx"))
    _tag, _cite, paragraph = _cards(document)[0]
    assert [(r.text, _run_style(r) == "Style Underline") for r in paragraph.runs] == [
        (ann.prefix.replace("\n", " "), False),
        ("the plan works", True),
        (".", False),
    ]


def test_an_orphaned_highlight_says_so() -> None:
    article, ann = _story(orphaned=True)
    document = _open(export_annotations([(article, [ann])], "docx"))
    *_card, flag = _cards(document)[0]
    assert flag.text.startswith("orphaned") and flag.runs[0].italic


def test_the_full_cite_survives_a_change_of_the_card_layout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article, ann = _story(speaker="Ann Lee")
    monkeypatch.setattr(cards, "format_quote", lambda *_a, **_k: "one line only")
    document = _open(export_annotations([(article, [ann])], "docx"))
    cite = _cards(document)[0][1]
    assert cite.runs[0].text == "Lee 24"
    assert cite.runs[1].text == " Ann Lee, 1 May 2024, “Plan”; quoting Ann Lee"


def test_hostile_and_xml_invalid_text_is_written_as_text() -> None:
    article, ann = _story(note="<script>alert(1)</script> **bold**\ufffe\nsecond\x01 line")
    document = _open(export_annotations([(article, [ann])], "docx"))
    tag, *_rest, note = _cards(document)[0]
    assert tag.text == "<script>alert(1)</script> bold"  # Markdown made plain, the tag kept
    assert note.text == "Note: second line"


def test_the_rest_of_a_long_note_follows_the_card_once_labelled() -> None:
    article, ann = _story(note="Claim\nfirst reason\nsecond reason")
    document = _open(export_annotations([(article, [ann])], "docx"))
    tag, _cite, _text, *rest = _cards(document)[0]
    assert tag.text == "Claim"
    assert [p.text for p in rest] == ["Note: first reason", "second reason"]


def test_many_cards_take_a_moment_not_minutes(groups: list[ExportGroup]) -> None:
    petition, anns = groups[0]
    many = [a.changed(id=f"{n:08x}-copy") for n in range(1500) for a in anns[:1]]
    started = time.perf_counter()
    data = export_annotations([(petition, many)], "docx", OPTIONS)
    elapsed = time.perf_counter() - started
    assert elapsed < 6, elapsed  # ~0.6 ms a card; with python-docx's add_* it was ~15 ms
    assert len(_open(data).paragraphs) > 4 * 1500
