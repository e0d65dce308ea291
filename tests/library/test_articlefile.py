"""The article file format round-trips the canonical text and blocks exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from library.articlefile import (
    ArticleFileError,
    dumps,
    front_matter_has_pages,
    loads,
    loads_meta,
)
from library.model import BLOCK_KINDS, Article
from library.store import Library
from library.text import build_text, clean_inline

block_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=60)
blocks = st.lists(st.tuples(st.sampled_from(BLOCK_KINDS), block_text), max_size=12)


@settings(max_examples=300, deadline=None)
@given(blocks, st.text(min_size=1, max_size=40).filter(lambda t: t.strip()))
def test_round_trip_is_exact(raw_blocks: list[tuple[str, str]], title: str) -> None:
    text, spans = build_text(raw_blocks)  # type: ignore[arg-type]
    # Titles are cleaned on import and on edit (and when read back, see normalize_meta).
    title = clean_inline(title) or "T"
    article = Article(id="a-1", title=title, text=text, blocks=spans, authors=["X"])
    back, _ = loads(dumps(article))
    assert back.text == article.text
    assert back.blocks == article.blocks
    assert back.title == article.title


def test_build_text_offsets_and_cleaning() -> None:
    text, spans = build_text(
        [("paragraph", "  one\n two  "), ("paragraph", "   "), ("blockquote", "q\x1b]0;x\x07")]
    )
    assert text == "one two\n\nq]0;x"
    assert [(b.kind, text[b.start : b.end]) for b in spans] == [
        ("paragraph", "one two"),
        ("blockquote", "q]0;x"),
    ]


def test_hand_edited_file_is_tolerated() -> None:
    content = (
        "---\nid: x\ntitle: T\npublished: 2011-07-13\ntags: one\n---\nline one\nline two\n\n> q\n"
    )
    article, _ = loads(content)
    assert article.published == "2011-07-13"
    assert article.tags == ["one"]
    assert article.text == "line one line two\n\nq"


HOSTILE_FRONT = (
    "---\n"
    "id: hostile\n"
    'title: "Title \\e]2;PWNED\\a with\\nbreak"\n'
    'subtitle: "\\e[31mred\\e[0m  standfirst "\n'
    "authors:\n"
    '  - "Ann\\x9bLee"\n'
    '  - "\\e[2J"\n'
    "  - ''\n"
    'publication: "The\\tDaily\\r\\nPaper\\u2028"\n'
    'section: "\\x07"\n'
    "tags:\n"
    '  - "one\\ntwo"\n'
    '  - "\\x1b"\n'
    "---\n"
    "Body.\n"
)


def _controls(value: str) -> bool:
    return any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in value)


def test_hand_edited_front_matter_is_cleaned() -> None:
    article, _ = loads(HOSTILE_FRONT)
    assert article.title == "Title ]2;PWNED with break"
    assert article.subtitle == "[31mred[0m standfirst"  # inert without the ESC
    assert article.authors == ["AnnLee", "[2J"]
    assert article.publication == "The Daily Paper"
    assert article.section == ""
    assert article.tags == ["one two"]
    assert loads_meta(HOSTILE_FRONT)["title"] == article.title


def test_hand_edited_front_matter_reaches_the_catalog_clean(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    library.ensure()
    (library.articles_dir / "hostile.md").write_text(HOSTILE_FRONT, encoding="utf-8")
    [meta] = library.catalog()
    for value in (meta.title, meta.subtitle, meta.publication, *meta.authors, *meta.tags):
        assert value is not None and not _controls(value), repr(value)
    assert not _controls(library.get("hostile").title)
    catalog = (library.index_dir / "catalog.json").read_text(encoding="utf-8")
    assert "\\u001b" not in catalog and "PWNED" in catalog


def test_a_title_of_only_control_characters_is_no_title() -> None:
    content = '---\nid: x\ntitle: "\\e\\a"\n---\nBody.\n'
    with pytest.raises(ArticleFileError, match="'title'"):
        loads(content)
    with pytest.raises(ArticleFileError, match="'title'"):
        loads_meta(content)


def test_edit_cleans_like_a_hand_edit(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    article = library.import_bytes(b"Plain title\n\nSome body text.").article
    edited = library.edit(
        article.id, title="New\x1b]0;x\x07 title\n", authors=["\x1b[1mAnn", " "], section="\x07"
    )
    assert (edited.title, edited.authors, edited.section) == ("New]0;x title", ["[1mAnn"], None)
    assert Library(library.root).catalog()[0].title == "New]0;x title"
    assert library.catalog()[0].title == "New]0;x title"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_cleaning_is_idempotent(value: str) -> None:
    """Offsets count in cleaned text: cleaning it again must change nothing."""
    once = clean_inline(value)
    assert clean_inline(once) == once
    text, _ = build_text([("paragraph", value)])
    assert build_text([("paragraph", text)])[0] == text


def test_a_control_between_spaces_leaves_one_space() -> None:
    assert clean_inline("0\r\x1f\r0") == "0 0"
    assert clean_inline("e\u00ad\u0301") == "é"


# Strings near every rule of PyYAML's plain style: indicators, ": " and " #", words that read
# as booleans, nulls, numbers and dates, spaces at the edges, other planes and non-printables.
_YAML_EDGES = st.sampled_from(
    ["yes", "No", "null", "~", "true", "OFF", "2019", "2019-04", "2019-04-28", "1e3", "0x1f",
     "12:30", "3.5", ".inf", "-", "- a", "a: b", "a:", "a:b", "a #b", "a#b", "#a", "&a", "*a",
     "!a", "'a", '"a', "%a", "@a", "`a", "|a", ">a", "?a", "?", "[a]", "{a}", "a, b", "---",
     "...", " a", "a ", "a  b", "e7ee04", "3fbae6", "€", "’", "𝐀", "\u00a0", "\x85", "\ufeff",
     "\u2028", "_a", "a_b", "é", "日本", "/", "/a", "//", "/tmp/a b/c.html"]
)  # fmt: skip
_YAML_TEXT = st.lists(
    st.one_of(_YAML_EDGES, st.text(alphabet=st.characters(blacklist_categories=("Cs",)))),
    min_size=1,
    max_size=3,
).map("".join)
_YAML_VALUE = st.one_of(
    st.none(), st.integers(), st.booleans(), st.floats(allow_nan=False), _YAML_TEXT,
    st.lists(st.one_of(_YAML_TEXT, st.integers()), max_size=3),
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.dictionaries(st.one_of(st.sampled_from(["id", "title", "edited"]), _YAML_TEXT),
                       _YAML_VALUE, min_size=1, max_size=5))  # fmt: skip
def test_front_matter_is_what_pyyaml_writes(meta: dict[str, object]) -> None:
    from library.articlefile import _dump_yaml, _front_matter

    assert _front_matter(meta) == _dump_yaml(meta)


def test_front_matter_of_the_sample_articles_is_what_pyyaml_writes() -> None:
    from library.articlefile import _dump_yaml, _front_matter

    article = Article(
        id="a-1", title="Alaskan halibut, caught by a century-old boat: a glimpse of Amazon’s …",
        authors=["Benjamin Romano", "yes"], url="https://example.com/a/b?c=d&e=f#g",
        published="2019-04-28", imported="2026-12-07T00:00:00Z", words=2038,
        content_hash="3fbae6cca795550d", source="/tmp/notes/page 1.html", tags=[], text="x",
        blocks=[],
    )  # fmt: skip
    meta = article.to_dict()
    assert _front_matter(meta) == _dump_yaml(meta)


@pytest.mark.parametrize(
    "meta",
    [
        {"id": "a", "é" * 65: "x"},  # 130 bytes: libyaml writes `? key`, `: value`
        {"id": "a", "a" * 129: "x"},
        {"id": "a", "note_kept_from_a_hand_edit_by_me": "𝐀" * 997 + " a"},  # folded at the width
    ],
)
def test_front_matter_with_a_long_key_is_what_pyyaml_writes(meta: dict[str, object]) -> None:
    # Fields beyond the model are kept across rewrites (`Library._extra`), so a hand edit can
    # bring any key; the fast writer once wrote these on one line where PyYAML does not.
    from library.articlefile import _dump_yaml, _front_matter

    assert _front_matter(meta) == _dump_yaml(meta)


def test_page_map_probe_reads_past_a_byte_order_mark() -> None:
    # The anchors check asks whether a file has a page map without reading it in full; a BOM
    # before the opening '---' is not text, so the answer is the file's, not "read it all".
    lines = ["\ufeff---\n", "id: a\n", "title: A\n", "---\n", "Body.\n"]
    assert front_matter_has_pages(lines) is False


def test_a_word_count_of_digits_int_refuses_reads_as_none_counted() -> None:
    # "²" is a digit to str.isdigit but not to int(): a hand-edited file's front matter raised
    # ValueError, not ArticleFileError, out of the catalog's read.
    assert loads_meta('---\nid: a\ntitle: A\nwords: "²"\n---\n')["words"] == 0
