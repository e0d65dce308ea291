"""Import errors name the file and say what to do, whatever the content gets wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from library.errors import ImportFailed
from library.store import Library


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "lib")


@pytest.mark.parametrize(
    "data",
    [
        # A lone high surrogate at the end of little-endian UTF-16.
        b"\xff\xfe" + "Title\n\nBody text.".encode("utf-16-le") + b"\x00\xd8",
        # Big-endian, cut in the middle of a code unit.
        b"\xfe\xff" + "Title\n\nBody text.".encode("utf-16-be") + b"\x00",
    ],
)
def test_malformed_utf16_is_an_import_error(library: Library, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(data)
    with pytest.raises(ImportFailed) as info:
        library.import_file(path)
    assert info.value.source == str(path)
    assert info.value.reason.startswith("cannot decode the text")
    assert info.value.hint == "save it as UTF-8"


def test_valid_utf16_still_imports(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(b"\xff\xfe" + "Wide title\n\nBody in UTF-16.".encode("utf-16-le"))
    assert library.import_file(path).article.title == "Wide title"


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ("<html><body><nav><a href='/'>Home</a></nav><form>Log in</form></body></html>", "no art"),
        ("<!doctype html><html></html>", "no article text|the HTML is empty"),
    ],
)
def test_html_errors_name_the_file(
    library: Library, tmp_path: Path, markup: str, reason: str
) -> None:
    page = tmp_path / "login.html"
    page.write_text(markup)
    with pytest.raises(ImportFailed, match=reason) as info:
        library.import_file(page)
    assert info.value.source == str(page)
    assert "<html>" not in str(info.value)


def test_a_japanese_page_imports_with_its_letters_counted(library: Library) -> None:
    page = Path(__file__).resolve().parent.parent / "fixtures" / "html" / "ja_news_article.html"
    article = library.import_file(page).article
    assert article.title.startswith("港町、最後のフェリー航路の存続を決定")
    # Japanese measures length in letters (文字数), and each counts as a word: the body has 432
    # letters, where counting runs of word characters gave 31 "words".
    assert article.words == 432
    assert len(re.findall(r"\w+", article.text)) == 31
