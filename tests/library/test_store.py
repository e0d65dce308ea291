"""The library store: ids, idempotent re-import, update in place, edits, trash, catalog cache."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from library.catalogfile import STAMP_WIDTH
from library.errors import AmbiguousArticle, ArticleNotFound, ImportFailed
from library.store import Library
from tests.conftest import NEWS_TEXT, read_saved_catalog, write_saved_catalog


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "lib")


def _edit_saved_catalog(library: Library, edit: Callable[[dict[str, Any]], None]) -> None:
    """Change the saved catalog (.index/catalog.json) the way a sync tool or a hand might."""
    catalog = library.index_dir / "catalog.json"
    data = read_saved_catalog(catalog)
    edit(data)
    write_saved_catalog(catalog, data)


def _set_in_first_row(field: str, value: object) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        data["rows"][0][STAMP_WIDTH + data["fields"].index(field)] = value  # after file and stamp

    return edit


def test_import_gives_readable_stable_id(library: Library, news_file: Path, tmp_path: Path) -> None:
    result = library.import_file(news_file)
    assert result.status == "imported"
    article = result.article
    assert article.id.startswith("boston-threatens-to-withdraw-from-secure-communities-")
    assert len(article.id.rsplit("-", 1)[1]) == 6
    # The same content in another library gets the same id.
    other = Library(tmp_path / "other").import_file(news_file).article
    assert other.id == article.id


def test_reimport_identical_is_a_no_op(library: Library, news_file: Path) -> None:
    first = library.import_file(news_file)
    path = library.path_of(first.article.id)
    before = path.stat().st_mtime_ns
    again = library.import_file(news_file)
    assert again.status == "unchanged"
    assert again.article.id == first.article.id
    assert path.stat().st_mtime_ns == before
    assert len(library.catalog()) == 1


def test_changed_content_updates_in_place(library: Library, news_file: Path) -> None:
    first = library.import_file(news_file).article
    news_file.write_text(NEWS_TEXT.replace("would continue", "would go on"), encoding="utf-8")
    result = library.import_file(news_file)
    assert result.status == "updated"
    assert result.article.id == first.id
    assert result.previous is not None and "would continue" in result.previous.text
    assert "would go on" in library.get(first.id).text
    assert result.article.imported == first.imported
    assert len(library.catalog()) == 1


def test_edited_metadata_survives_reimport(library: Library, news_file: Path) -> None:
    first = library.import_file(news_file).article
    library.edit(first.id, publication="The Boston Globe", authors=["Maria Sacchetti", "Ann Lee"])
    news_file.write_text(NEWS_TEXT + "\nA new closing line.\n", encoding="utf-8")
    updated = library.import_file(news_file).article
    assert updated.publication == "The Boston Globe"
    assert updated.authors == ["Maria Sacchetti", "Ann Lee"]
    assert "A new closing line." in updated.text


def test_same_content_from_another_source_is_unchanged(
    library: Library, news_file: Path, tmp_path: Path
) -> None:
    library.import_file(news_file)
    copy = tmp_path / "copy.txt"
    copy.write_text(NEWS_TEXT, encoding="utf-8")
    assert library.import_file(copy).status == "unchanged"


def test_resolve_by_id_prefix_and_title(library: Library, news_file: Path, tmp_path: Path) -> None:
    article = library.import_file(news_file).article
    assert library.resolve(article.id).id == article.id
    assert library.resolve("boston-threat").id == article.id
    assert library.resolve("SECURE communities").id == article.id
    second = tmp_path / "b.txt"
    second.write_text("Boston budget passes\n\nThe council passed it.", encoding="utf-8")
    library.import_file(second)
    with pytest.raises(AmbiguousArticle, match="matches 2 articles"):
        library.resolve("boston")
    with pytest.raises(ArticleNotFound):
        library.resolve("nothing-like-this")


def test_remove_and_restore_with_companions(library: Library, news_file: Path) -> None:
    article = library.import_file(news_file).article
    companion = library.root / "annotations" / f"{article.id}.json"
    companion.parent.mkdir(parents=True)
    companion.write_text('{"x": 1}')
    entry = library.remove(article.id, {"annotations.json": companion})
    assert not companion.exists()
    assert library.catalog() == []
    assert [e.id for e in library.trash()] == [article.id]
    assert (entry.folder / "article.md").exists()
    restored = library.restore()
    assert restored.id == article.id
    assert companion.read_text() == '{"x": 1}'
    assert library.get(article.id).text == article.text
    assert library.trash() == []


def test_catalog_sees_files_changed_behind_its_back(library: Library, news_file: Path) -> None:
    article = library.import_file(news_file).article
    path = library.path_of(article.id)
    path.write_text(path.read_text(encoding="utf-8").replace(article.title, "A new title"))
    fresh = Library(library.root)
    assert fresh.catalog()[0].title == "A new title"
    # A broken file is reported, not fatal.
    (library.articles_dir / "broken.md").write_text("no front matter")
    fresh = Library(library.root)
    assert len(fresh.catalog()) == 1
    assert any("broken.md" in p for p in fresh.problems)


def test_catalog_cache_is_used_and_rebuilt(library: Library, news_file: Path) -> None:
    library.import_file(news_file)
    catalog = library.index_dir / "catalog.json"
    assert catalog.exists()
    catalog.write_bytes(b"{garbage")
    assert len(Library(library.root).catalog()) == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\n ", "file is empty"),
        ("doc.pdf", b"%PDF-1.4 binary", "PDF"),
        ("x.txt", b"\x00\x01\x02binary\x00", "binary file"),
        ("a.zip", b"PK\x03\x04rest", "ZIP"),
        ("title-only.txt", b"Just a title\n", "no article text"),
    ],
)
def test_bad_files_fail_cleanly(
    library: Library, tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=reason) as info:
        library.import_file(path)
    assert str(path) in str(info.value)
    assert not library.articles_dir.exists() or not any(library.articles_dir.iterdir())


def test_size_limit(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib", max_bytes=100)
    path = tmp_path / "big.txt"
    path.write_text("Title\n\n" + "word " * 100)
    with pytest.raises(ImportFailed, match=r"over the 0\.0001 MB limit"):
        library.import_file(path)


def test_missing_and_unreadable(library: Library, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no such file"):
        library.import_file(tmp_path / "nope.txt")
    if os.geteuid() != 0:  # root reads everything
        path = tmp_path / "secret.txt"
        path.write_text("T\n\nBody.")
        path.chmod(0)
        with pytest.raises(ImportFailed, match="cannot read"):
            library.import_file(path)


def test_legacy_encodings_are_detected(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    body = "Café society\n\nLe maire a déclaré que la réforme était « une erreur » très coûteuse."
    path.write_bytes(body.encode("cp1252"))
    article = library.import_file(path).article
    assert article.title == "Café society"
    assert "« une erreur »" in article.text


def test_control_characters_never_reach_the_text(library: Library) -> None:
    data = "Title \x1b]0;owned\x07\n\nBody \x1b[31mred\x1b[0m text \x9b and more.".encode()
    article = library.import_bytes(data).article
    assert "\x1b" not in article.text and "\x1b" not in article.title
    assert "\x9b" not in article.text and "\x07" not in article.title


def test_samples_seed(library: Library) -> None:
    results = library.seed_samples()
    assert len(results) >= 3
    assert all(r.status == "imported" for r in results)
    kinds = {b.kind for r in results for b in r.article.blocks}
    assert "blockquote" in kinds


def test_long_articles_are_read_back_from_the_parsed_cache(
    library: Library, tmp_path: Path
) -> None:
    body = "\n\n".join(f"Paragraph {i} says “something” — at length. " * 20 for i in range(400))
    source = tmp_path / "long.txt"
    source.write_text("A long report\n\n" + body, encoding="utf-8")
    article = library.import_file(source).article
    first = library.get(article.id)
    cache = library.index_dir / "parsed" / f"{article.id}.marshal"
    assert cache.exists()
    again = Library(library.root).get(article.id)
    assert (again.text, again.blocks, again.to_dict()) == (
        first.text,
        first.blocks,
        first.to_dict(),
    )
    # Edited behind the cache's back: the file wins.
    path = library.path_of(article.id)
    path.write_text(path.read_text(encoding="utf-8").replace("Paragraph 0 ", "Paragraph zero "))
    assert Library(library.root).get(article.id).text.startswith("Paragraph zero ")


def test_saved_catalog_is_read_without_touching_the_files(
    library: Library, news_file: Path
) -> None:
    assert Library(library.root).saved_catalog() is None  # nothing saved: no scan either
    article = library.import_file(news_file).article
    library.path_of(article.id).unlink()  # gone behind the library's back
    fresh = Library(library.root)
    saved = fresh.saved_catalog()
    assert saved is not None and [m.id for m in saved] == [article.id]
    assert fresh.catalog() == []  # checking the files corrects it
    assert not Library(library.root).saved_catalog()  # and the saved catalog with it


def test_catalog_is_saved_in_listing_order(library: Library, tmp_path: Path) -> None:
    for n in range(5):
        source = tmp_path / f"a{n}.txt"
        source.write_text(f"Article {n}\n\nBody {n} of the text.\n", encoding="utf-8")
        library.import_file(source)
    listed = [m.id for m in library.catalog()]
    fresh = Library(library.root)
    saved = fresh.saved_catalog()
    assert saved is not None and [m.id for m in saved] == listed
    rows = read_saved_catalog(library.index_dir / "catalog.json")["rows"]
    assert [row[STAMP_WIDTH] for row in rows] == listed  # file and stamp, then the id


def test_a_catalog_with_null_sort_fields_is_read_again_from_the_files(
    library: Library, news_file: Path
) -> None:
    """An older Margin saved a blank hand-edited `imported:` as null; sorting on it failed."""
    article = library.import_file(news_file).article
    path = library.path_of(article.id)
    text = path.read_text(encoding="utf-8")
    imported_line = next(line for line in text.splitlines() if line.startswith("imported:"))
    path.write_text(text.replace(imported_line, "imported:"), encoding="utf-8")
    _edit_saved_catalog(library, _set_in_first_row("imported", None))

    fresh = Library(library.root)
    assert fresh.saved_catalog() is None  # not trusted: the files are read instead
    metas = fresh.catalog()
    assert [m.id for m in metas] == [article.id] and metas[0].imported == ""
    assert Library(library.root).saved_catalog() == metas  # and saved with text this time


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", True), ("published", ["2011"]), ("imported", None), ("authors", "Ann")],
)
def test_a_mangled_saved_catalog_is_not_trusted(
    library: Library, news_file: Path, field: str, value: object
) -> None:
    """The catalog is a cache: a row the list could not show sends the reader to the files."""
    article = library.import_file(news_file).article
    _edit_saved_catalog(library, _set_in_first_row(field, value))
    fresh = Library(library.root)
    assert fresh.saved_catalog() is None
    assert [m.title for m in fresh.catalog()] == [article.title]


def test_a_catalog_saved_by_an_older_margin_is_read_again(
    library: Library, news_file: Path
) -> None:
    library.import_file(news_file)
    # A version 2 catalog could hold a hand-edited `title: yes` as true.
    _edit_saved_catalog(library, lambda data: data.update(version=2))
    assert Library(library.root).saved_catalog() is None


def test_a_library_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    from library.errors import LibraryError

    root = tmp_path / "lib"
    root.mkdir()
    (root / "articles").write_text("not a folder", encoding="utf-8")
    with pytest.raises(LibraryError, match="cannot read the library"):
        Library(root).catalog()


def test_article_file_with_a_byte_order_mark_is_read(library: Library, news_file: Path) -> None:
    # An editor that saves UTF-8 with a BOM: the catalog's front-matter-only read must take the
    # file as the article it is, and the mark is not part of any field or the text.
    article = library.import_file(news_file).article
    path = library.path_of(article.id)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    fresh = Library(library.root)
    assert fresh.problems == []
    [meta] = fresh.catalog()
    assert (meta.id, meta.title) == (article.id, article.title)
    assert fresh.get(article.id).text == article.text
    assert fresh.catalog_problem() is None
