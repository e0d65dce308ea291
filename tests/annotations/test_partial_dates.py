"""Partial dates (issue 22): kept at import, accepted by edit, sorted, and written in each form."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from pybtex.database import parse_string

from annotations.citation import format_quote
from annotations.export import ExportOptions, export_annotations
from annotations.model import Annotation
from library.catalogfile import date_order
from library.dates import parse_partial_date
from library.model import ArticleMeta
from library.store import Library

ACCESSED = date(2024, 3, 5)


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-03", "2024-03"),
        ("2024", "2024"),
        ("March 2024", "2024-03"),
        ("Mar. 2024", "2024-03"),
        ("Sept. 2011", "2011-09"),
        ("13 July 2011", "2011-07-13"),
        ("2024-13", None),
        ("in 2024", None),  # a year inside a sentence is not a date
        ("Monday 2024", None),
    ],
)
def test_partial_dates_are_read_only_when_stated(value: str, iso: str | None) -> None:
    assert parse_partial_date(value) == iso


@pytest.mark.parametrize("stated", ["2024-03", "March 2024", "Mar. 2024", "'2024-03'"])
def test_front_matter_month_and_year_survive_import(tmp_path: Path, stated: str) -> None:
    source = tmp_path / "a.md"
    source.write_text(f"---\ntitle: A month\npublished: {stated}\n---\n\nBody text here.\n")
    assert Library(tmp_path / "lib").import_file(source).article.published == "2024-03"


def test_front_matter_year_alone_survives_import(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("---\ntitle: A year\npublished: 2024\n---\n\nBody text here.\n")
    assert Library(tmp_path / "lib").import_file(source).article.published == "2024"


def test_edit_accepts_a_month_or_a_year(
    margin: Callable[..., Result], tmp_path: Path, library_dir: Path
) -> None:
    source = tmp_path / "a.md"
    source.write_text("---\ntitle: Edited\n---\n\nBody text here.\n")
    assert margin("import", str(source)).exit_code == 0
    for value, iso in [("2024-03", "2024-03"), ("Mar. 2024", "2024-03"), ("2024", "2024")]:
        result = margin("edit", "Edited", "--published", value)
        assert result.exit_code == 0, result.output
        shown = json.loads(margin("show", "Edited", "--json").output)
        assert shown["published"] == iso
    refused = margin("edit", "Edited", "--published", "someday")
    assert refused.exit_code == 2
    assert "use YYYY-MM-DD, YYYY-MM or YYYY" in refused.output


def test_the_catalog_sorts_partial_dates_among_full_ones() -> None:
    metas = [
        ArticleMeta(id=i, title=i, published=p)
        for i, p in [("a", "2024"), ("b", "2024-03-05"), ("c", None), ("d", "2024-03"),
                     ("e", "2023-12-31")]
    ]  # fmt: skip
    assert [metas[i].id for i in date_order(metas)] == ["b", "d", "a", "e", "c"]


MONTH = ArticleMeta(
    id="m", title="Harbour plans", authors=["Tom Whitcombe"], publication="The Riverton Courier",
    published="2024-03", url="https://courier.example/plans",
)  # fmt: skip


def _entry(meta: ArticleMeta, style: str) -> str:
    ann = Annotation(meta.id, 0, 5, "Words")
    return format_quote(ann, meta, style, accessed=ACCESSED).split("\n\n")[-1]


def test_each_style_writes_a_month_and_year_its_way() -> None:
    # MLA 9 5.72 (Mar. 2024), APA 7 9.14 ((2024, March)), CMOS 14.191 (March 2024).
    assert "The Riverton Courier, Mar. 2024, courier.example/plans." in _entry(MONTH, "mla")
    assert _entry(MONTH, "apa").startswith("Whitcombe, T. (2024, March). Harbour plans.")
    assert "Riverton Courier, March 2024. https://" in _entry(MONTH, "chicago")


def test_csl_date_parts_and_bibtex_year_and_month() -> None:
    group = (MONTH, [Annotation(MONTH.id, 0, 5, "Words")])
    options = ExportOptions(accessed=ACCESSED)
    (item,) = json.loads(export_annotations([group], "csl-json", options))
    assert item["issued"] == {"date-parts": [[2024, 3]]}
    bib = export_annotations([group], "bibtex", options).decode()
    assert "  month = mar,\n" in bib
    (entry,) = parse_string(bib, "bibtex").entries.values()
    assert (entry.fields["year"], entry.fields["month"], entry.fields["date"]) == (
        "2024", "March", "2024-03",
    )  # fmt: skip
