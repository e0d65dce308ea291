"""Item types and languages read at import: schema.org, og:type, site, URL, <html lang>, front
matter (issue 22)."""

from __future__ import annotations

from pathlib import Path

import pytest

from library.html import extract_html
from library.itemtypes import read_item_type, read_language
from library.store import Library

BODY = (
    "<p>The council voted on Monday to close the street to cars for a trial year, they said.</p>"
    "<p>Traders said they feared losing customers, while residents welcomed quieter evenings.</p>"
    "<p>The trial starts in May and will be reviewed by the council in the following spring.</p>"
)


def _page(head: str, *, html_attrs: str = "", url: str = "https://news.example/a") -> str:
    return (
        f"<!doctype html><html{html_attrs}><head><title>Street to close</title>{head}</head>"
        f"<body><article><h1>Street to close</h1>{BODY}</article></body></html>"
    )


def _ld(kind: str) -> str:
    return (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        f'"@type": "{kind}", "headline": "Street to close"}}</script>'
    )


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("NewsArticle", "article-newspaper"),
        ("ReportageNewsArticle", "article-newspaper"),
        ("BlogPosting", "post-weblog"),
        ("WebPage", "webpage"),
        ("Report", "report"),
        ("ScholarlyArticle", "article-journal"),
    ],
)
def test_schema_org_type_gives_the_item_type(kind: str, expected: str) -> None:
    assert extract_html(_page(_ld(kind)), "https://news.example/a").item_type == expected


def test_og_type_website_is_a_web_page() -> None:
    head = '<meta property="og:type" content="website">'
    assert extract_html(_page(head), "https://council.example/plan").item_type == "webpage"


def test_a_blog_by_its_site_name_or_url() -> None:
    named = '<meta property="og:site_name" content="The Harbour Blog">'
    assert extract_html(_page(named), "https://h.example/a").item_type == "post-weblog"
    assert extract_html(_page(""), "https://h.example/blog/a").item_type == "post-weblog"
    magazine = '<meta property="og:site_name" content="Riverton Magazine">'
    assert extract_html(_page(magazine), "https://m.example/a").item_type == "article-magazine"


def test_nothing_stated_leaves_the_type_unknown() -> None:
    assert extract_html(_page(""), "https://news.example/a").item_type is None


@pytest.mark.parametrize(
    ("head", "attrs", "language"),
    [
        ("", ' lang="fr"', "fr"),
        ("", ' lang="en-gb"', "en-GB"),
        ('<meta property="og:locale" content="de_AT">', "", "de-AT"),
        ('<meta http-equiv="Content-Language" content="es, en">', "", "es"),
        ("", "", None),
    ],
)
def test_the_page_language(head: str, attrs: str, language: str | None) -> None:
    assert extract_html(_page(head, html_attrs=attrs), None).language == language


def test_front_matter_states_type_and_language(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text(
        "---\ntitle: La réforme\ntype: blog\nlanguage: fr\n---\n\nLe texte de l'article.\n"
    )
    article = Library(tmp_path / "lib").import_file(source).article
    assert (article.item_type, article.language) == ("post-weblog", "fr")


def test_a_type_or_language_nobody_uses_is_none() -> None:
    assert read_item_type("zine") is None and read_item_type("Journal") == "article-journal"
    assert read_language("x y") is None and read_language("French") == "fr"


FRENCH = (
    "La réforme des retraites divise toujours la France, selon un sondage publié lundi par un "
    "institut reconnu. Les syndicats appellent à une nouvelle journée de mobilisation jeudi dans "
    "toutes les grandes villes du pays, tandis que le gouvernement affirme que la réforme est "
    "nécessaire pour garantir l'équilibre du système."
)


def test_plain_text_gets_the_language_it_is_written_in() -> None:
    pytest.importorskip("pycld2", reason="pycld2 (a dependency) is not installed")
    from library.parsers import parse_markdown, parse_plain_text

    assert parse_plain_text(f"La réforme\n\n{FRENCH}\n").language == "fr"
    english = "The council voted on Monday to close the street to cars for a trial year. " * 4
    assert parse_plain_text(f"Street to close\n\n{english}\n").language == "en"
    assert parse_plain_text("Short\n\nToo little to tell.\n").language is None
    # A stated language wins over the detector.
    stated = parse_markdown(f"---\ntitle: T\nlanguage: de\n---\n\n{FRENCH}\n")
    assert stated.language == "de"


def test_the_detector_is_imported_only_when_text_needs_it() -> None:
    import subprocess
    import sys

    code = "import sys, library.parsers, library.importer; print('pycld2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
