"""Exports carry the page (issue 21 Deliver 6): CSL-JSON and BibTeX fields, a W3C
FragmentSelector (RFC 8118), and the page after the short cite on every card."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest
from pybtex.database import parse_string

from annotations.export import ExportGroup, ExportOptions, export_annotations
from annotations.model import Annotation
from library.model import Article, Page
from library.text import build_text
from tests.conftest import SHARED

OPTIONS = ExportOptions(accessed=date(2024, 3, 5), style="card")
VALIDATOR = SHARED / "tools" / "w3c_validate.py"


def _paginated() -> Article:
    labels = ["xi", "xii", "11", "12", "13"]
    text, blocks = build_text(
        [("paragraph", f"Paragraph on page {label}, with the words to quote.") for label in labels]
    )
    ends = [b.start for b in blocks[1:]] + [len(text)]
    pages = [Page(b.start, end, label) for b, end, label in zip(blocks, ends, labels, strict=True)]
    return Article(
        id="rep", title="Harbour traffic study", authors=["Ann Author"], published="2020-05",
        item_type="article-journal", publication="Journal of Harbours", volume="12", issue="3",
        page_range="341-360", doi="10.1000/xyz123", isbn="978-0-00-000000-0",
        publisher="Harbour Institute", language="en", text=text, blocks=blocks, pages=pages,
    )  # fmt: skip


def _group() -> ExportGroup:
    article = _paginated()
    start = article.text.index("page 12,")
    quote = article.text[start : start + 20]
    return (article, [Annotation(article.id, start, start + len(quote), quote, id="h1")])


def test_csl_json_carries_the_bibliographic_fields() -> None:
    (item,) = json.loads(export_annotations([_group()], "csl-json", OPTIONS))
    assert {k: item[k] for k in ("type", "container-title", "volume", "issue", "page", "DOI",
                                 "ISBN", "publisher", "language", "issued")} == {
        "type": "article-journal", "container-title": "Journal of Harbours", "volume": "12",
        "issue": "3", "page": "341-360", "DOI": "10.1000/xyz123", "ISBN": "978-0-00-000000-0",
        "publisher": "Harbour Institute", "language": "en", "issued": {"date-parts": [[2020, 5]]},
    }  # fmt: skip


def test_bibtex_journal_article_fields() -> None:
    bib = export_annotations([_group()], "bibtex", OPTIONS).decode()
    (entry,) = parse_string(bib, "bibtex").entries.values()
    assert entry.type == "article" and "entrysubtype" not in entry.fields
    fields = {k: entry.fields[k] for k in ("journal", "volume", "number", "pages", "doi", "langid")}
    assert fields == {
        "journal": "Journal of Harbours", "volume": "12", "number": "3", "pages": "341--360",
        "doi": "10.1000/xyz123", "langid": "english",
    }  # fmt: skip


def test_w3c_has_an_rfc_8118_page_selector_beside_quote_and_position() -> None:
    doc = json.loads(export_annotations([_group()], "w3c", OPTIONS))
    (annotation,) = doc["first"]["items"]
    selectors = {s["type"]: s for s in annotation["target"]["selector"]}
    assert set(selectors) == {"TextQuoteSelector", "TextPositionSelector", "FragmentSelector"}
    assert selectors["FragmentSelector"] == {
        "type": "FragmentSelector",
        "conformsTo": "http://tools.ietf.org/rfc/rfc8118",
        "value": "page=4",  # the fourth page of the file, printed "12"
    }


@pytest.mark.skipif(not VALIDATOR.is_file(), reason=f"no W3C validator at {VALIDATOR}")
def test_w3c_with_pages_passes_the_must_assertions(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonld"
    path.write_bytes(export_annotations([_group()], "w3c", OPTIONS))
    result = subprocess.run(
        [sys.executable, str(VALIDATOR), str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_cards_print_the_page_after_the_short_cite(fmt: str) -> None:
    out = export_annotations([_group()], fmt, OPTIONS)
    text = out.decode() if isinstance(out, bytes) else out
    assert "Author 20, p. 12" in text


def test_the_word_card_prints_the_page_after_the_short_cite() -> None:
    data = export_annotations([_group()], "docx", OPTIONS)
    document = docx.Document(io.BytesIO(data))
    assert any(p.text.startswith("Author 20, p. 12 ") for p in document.paragraphs)


def test_template_page_field() -> None:
    from annotations.citation import format_quote
    from library.config import Config

    article, (ann,) = _group()
    config = Config(templates={"paged": "{quote} ({cite}; page {page})"})
    out = format_quote(ann, article, "paged", config=config)
    assert out.endswith("(Author 20, p. 12; page 12)")
