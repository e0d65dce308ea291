"""BibTeX as issue 22 asks: case protected word by word, undated keys, unsigned articles that
plain styles can format, months, languages and entry types."""

from __future__ import annotations

from datetime import date

from pybtex.backends.plaintext import Backend
from pybtex.database import parse_string
from pybtex.style.formatting.plain import Style

from annotations.export import ExportGroup, ExportOptions, export_annotations
from annotations.model import Annotation
from library.model import Article, ArticleMeta
from library.text import build_text

OPTIONS = ExportOptions(accessed=date(2024, 3, 5))


def _one(meta: ArticleMeta) -> ExportGroup:
    return (meta, [Annotation(meta.id, 0, 4, "Some", id=f"h-{meta.id}")])


def _bib(*metas: ArticleMeta) -> str:
    return export_annotations([_one(m) for m in metas], "bibtex", OPTIONS).decode()


def _plain(bib: str) -> list[str]:
    """The entries as pybtex's plain style formats them."""
    data = parse_string(bib, "bibtex")
    return [e.text.render(Backend()) for e in Style().format_entries(data.entries.values())]


def test_only_proper_nouns_and_acronyms_are_braced() -> None:
    text, blocks = build_text(
        [("paragraph", "The city may leave Secure Communities, the ICE program, Boston said.")]
    )
    article = Article(
        id="b", title="Boston Threatens to Withdraw from Secure Communities",
        publication="The Boston Globe", published="2011-07-13", text=text, blocks=blocks,
        authors=["Maria Sacchetti"],
    )  # fmt: skip
    bib = _bib(article)
    assert "title = {{Boston} threatens to withdraw from {Secure} {Communities}}," in bib
    # A plain style lowercases the rest and keeps the braced words.
    assert _plain(bib) == [
        "Maria Sacchetti. Boston threatens to withdraw from Secure Communities. "
        "The Boston Globe, July 2011."
    ]


def test_an_unsigned_article_formats_in_pybtex_plain_style() -> None:
    unsigned = ArticleMeta(
        id="u", title="In Texas, ruling means more delays", publication="The New York Times",
        published="2002-07-30",
    )  # fmt: skip
    bib = _bib(unsigned)
    (formatted,) = _plain(bib)
    assert formatted.startswith("In Texas, ruling means more delays. The New York Times, July 2002")


def test_undated_keys_say_nd() -> None:
    undated = ArticleMeta(id="x", title="Letters home", authors=["Vincent van Gogh"])
    assert "{goghndletters," in _bib(undated)


def test_language_becomes_langid() -> None:
    french = ArticleMeta(
        id="f", title="La réforme des retraites divise toujours la France",
        publication="Le Monde", published="2023-04-14", language="fr",
    )  # fmt: skip
    bib = _bib(french)
    assert "  langid = {french},\n" in bib
    # Every capitalised word of a title in another language is braced: no style recases it.
    assert "title = {{La} réforme des retraites divise toujours la {France}}," in bib
