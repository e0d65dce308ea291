"""The saved catalog's file: one row per line, read lazily for the first screen, never trusted."""

from __future__ import annotations

from pathlib import Path

import orjson
from hypothesis import given
from hypothesis import strategies as st

from library import catalogfile
from library.catalogfile import Listing, date_order, encode, encode_row, split, title_order
from library.model import ArticleMeta
from library.store import Library
from tests.conftest import read_saved_catalog, write_saved_catalog

dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))
metas_strategy = st.lists(
    st.builds(
        ArticleMeta,
        id=st.uuids().map(str),
        title=st.text(max_size=30),
        published=dates,
        publication=st.one_of(st.none(), st.text(max_size=10)),
        authors=st.lists(st.text(max_size=8), max_size=2),
        imported=st.sampled_from(["2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01"]),
        tags=st.lists(st.text(max_size=8), max_size=3),
    ),
    max_size=40,
    unique_by=lambda m: m.id,
)


def _file(metas: list[ArticleMeta]) -> bytes:
    rows = [
        encode_row(f"{m.id}.md", (n, 10 * n, 100 * n, 1000 * n), m) for n, m in enumerate(metas)
    ]
    return encode(metas, rows)


@given(metas_strategy)
def test_a_listing_reads_back_every_row_and_both_orders(metas: list[ArticleMeta]) -> None:
    saved = split(_file(metas))
    assert saved is not None
    listing = Listing(saved)
    assert len(listing) == len(metas)
    assert list(listing) == metas  # titles with newlines, quotes, any text: one line each
    assert listing.order("date") == date_order(metas)
    assert listing.order("title") == title_order(metas)
    for position, meta in enumerate(metas):
        assert listing.position(meta.id) == position
    rows = catalogfile.decode_rows(saved)
    assert rows is not None and [meta for _, _, meta, _ in rows] == metas


@given(metas_strategy)
def test_the_orders_are_the_sorts_the_list_made_before(metas: list[ArticleMeta]) -> None:
    """By date newest first (ties by import, newest first), undated last; by title, ignoring
    case. The catalog order is newest import first, as the library keeps it."""
    metas = sorted(metas, key=lambda m: (m.imported, m.id), reverse=True)
    by_date = sorted(metas, key=lambda m: (m.published or "", m.imported), reverse=True)
    assert [metas[p] for p in date_order(metas)] == by_date
    by_title = sorted(metas, key=lambda m: m.title.casefold())
    assert [metas[p] for p in title_order(metas)] == by_title


def test_only_the_rows_asked_for_are_decoded() -> None:
    metas = [ArticleMeta(id=f"a{n}", title=f"Article {n}") for n in range(1000)]
    listing = Listing(split(_file(metas)))  # type: ignore[arg-type]
    assert listing[998].title == "Article 998"
    assert listing[3:5] == metas[3:5]
    decoded = sum(m is not None for m in listing._metas)
    assert decoded == 3


def test_a_mangled_row_reads_as_its_id_until_the_files_are_checked() -> None:
    metas = [ArticleMeta(id="a", title="First"), ArticleMeta(id="b", title="Second")]
    raw = _file(metas).replace(b'"Second"', b"7")  # a title that is not text
    listing = Listing(split(raw))  # type: ignore[arg-type]
    assert listing[0].title == "First"
    assert (listing[1].id, listing[1].title) == ("b", "b")
    assert catalogfile.decode_rows(split(raw)) is None  # a full read trusts none of it  # type: ignore[arg-type]


def test_a_damaged_order_is_not_used() -> None:
    metas = [ArticleMeta(id=str(n), title=str(n)) for n in range(3)]
    head, _, body = _file(metas).partition(b"\n")
    header = orjson.loads(head)
    header["orders"]["date"] = [0, 0, 1]  # a row twice, one missing
    header["orders"]["title"] = [0, 1, "two"]
    listing = Listing(split(orjson.dumps(header) + b"\n" + body))  # type: ignore[arg-type]
    assert listing.order("date") is None and listing.order("title") is None


def test_what_is_not_a_catalog_of_this_version_is_refused() -> None:
    metas = [ArticleMeta(id="a", title="A")]
    good = _file(metas)
    head, _, body = good.partition(b"\n")
    header = orjson.loads(head)
    assert split(good) is not None
    assert split(b"") is None
    assert split(b"{garbage") is None
    assert split(head) is None  # cut short after the header: it promised a row
    assert split(orjson.dumps({**header, "version": 3}) + b"\n" + body) is None
    assert split(orjson.dumps({**header, "count": 2}) + b"\n" + body) is None
    assert split(orjson.dumps({**header, "ids": "a"}) + b"\n" + body) is None
    assert split(orjson.dumps({**header, "offsets": None}) + b"\n" + body) is None
    assert split(orjson.dumps(["not", "a", "header"]) + b"\n" + body) is None
    empty = encode([], [])
    saved = split(empty)
    assert saved is not None and saved.count == 0 and catalogfile.decode_rows(saved) == []


def test_the_library_saves_and_lists_through_it(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    for n in range(4):
        source = tmp_path / f"a{n}.txt"
        source.write_text(f"Article {n}\n\nBody {n} of the text.\n", encoding="utf-8")
        library.import_file(source)
    listed = library.catalog()
    listing = Library(library.root).saved_listing()
    assert listing is not None and list(listing) == listed
    # A sync tool's edit of one row: the listing shows its id, the full read goes to the files.
    catalog = library.index_dir / "catalog.json"
    data = read_saved_catalog(catalog)
    data["rows"][1][catalogfile.STAMP_WIDTH + data["fields"].index("title")] = ["not", "text"]
    write_saved_catalog(catalog, data)
    listing = Library(library.root).saved_listing()
    assert listing is not None and listing[1].title == listed[1].id
    assert Library(library.root).catalog() == listed


def test_an_old_catalog_is_read_from_the_files_and_rewritten(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    source = tmp_path / "a.txt"
    source.write_text("Article\n\nBody of the text.\n", encoding="utf-8")
    library.import_file(source)
    catalog = library.index_dir / "catalog.json"
    meta = library.catalog()[0]
    old = {
        "version": 3,
        "fields": list(catalogfile.META_FIELDS),
        "rows": [[*range(4), *[getattr(meta, f) for f in catalogfile.META_FIELDS]]],
    }
    catalog.write_bytes(orjson.dumps(old))
    fresh = Library(library.root)
    assert fresh.saved_listing() is None
    assert fresh.catalog() == [meta]
    assert split(catalog.read_bytes()) is not None  # saved again in this version
