"""The catalog's lookups by source and by content hash, kept in step article by article inside a
batch: two articles may hold the same key (an update can give one another's text), and the one
found is always the one a lookup built from scratch finds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from library.model import ArticleMeta
from library.store import Library, _Lookup

SAME = "Same title\n\nThe same text in two files, long enough to be kept as an article.\n"


def test_an_update_to_another_articles_text_keeps_that_article_found(tmp_path: Path) -> None:
    # b.txt takes a.txt's text, then a third text: a.txt's article is still found by its hash,
    # so a copy of it is no new article (before, it took that article's id and its source).
    a, b, c, d = (tmp_path / f"{name}.txt" for name in "abcd")
    a.write_text(SAME)
    b.write_text("Other title\n\nAnother text entirely, with words of its own, long enough.\n")
    library = Library(tmp_path / "lib")
    first = library.import_file(a).article
    library.import_file(b)
    with library.batch(write_behind=True):
        d.write_text("Fourth\n\nA fourth text, imported first in the batch, long enough.\n")
        library.import_file(d)  # a new article: the lookups are built
        b.write_text(SAME)
        assert library.import_file(b).status == "updated"
        b.write_text("Third title\n\nA third text, different from both others, long enough.\n")
        assert library.import_file(b).status == "updated"
        c.write_text(SAME)
        copy = library.import_file(c)
        assert (copy.status, copy.article.id) == ("unchanged", first.id)
    assert library.by_hash(first.content_hash) == library.get(first.id).meta
    assert {m.source for m in library.catalog()} == {str(p.resolve()) for p in (a, b, d)}


def _meta(n: int, key: str, imported: int) -> ArticleMeta:
    return ArticleMeta(
        id=f"a{n}",
        title="t",
        source=key,
        content_hash=key,
        imported=f"2026-01-01T00:00:{imported:02d}Z",
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from("xyz"), min_size=1, max_size=6),
    st.lists(st.tuples(st.integers(0, 5), st.sampled_from("xyz"), st.booleans()), max_size=12),
)
def test_a_lookup_kept_in_step_finds_what_one_built_afresh_finds(
    keys: list[str], writes: list[tuple[int, str, bool]]
) -> None:
    metas = [_meta(n, key, n % 3) for n, key in enumerate(keys)]
    order = sorted(metas, key=lambda m: (m.imported, m.id), reverse=True)
    lookup = _Lookup(order, lambda m: m.content_hash)
    for pick, key, renewed in writes:
        previous = order[pick % len(order)]
        imported = "2026-01-01T00:00:59Z" if renewed else previous.imported
        meta = _meta(int(previous.id[1:]), key, 0)
        meta.imported = imported
        order = sorted(
            [meta if m is previous else m for m in order],
            key=lambda m: (m.imported, m.id),
            reverse=True,
        )
        lookup.written(previous, meta, order)
        fresh = _Lookup(order, lambda m: m.content_hash)
        assert lookup.found == fresh.found
        assert lookup.holders == fresh.holders
