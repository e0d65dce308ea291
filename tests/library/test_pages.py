"""The page map of a paginated article: stored with it, read back exactly, and asked by offset."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from library.articlefile import dumps, loads, read_pages
from library.model import Article, Page
from library.text import build_text, clean_inline

# Labels as a page map holds them: one clean line (clean_inline drops invisible characters such
# as a soft hyphen, as it does for every front-matter string).
LABELS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8
).filter(lambda label: clean_inline(label) == label)


@st.composite
def paginated(draw: st.DrawFn) -> Article:
    words = draw(st.lists(st.sampled_from(["alpha", "beta", "gamma"]), min_size=1, max_size=40))
    text, blocks = build_text([("paragraph", " ".join(words))])
    cuts = sorted(set(draw(st.lists(st.integers(1, len(text) - 1), max_size=6))))
    bounds = [0, *cuts, len(text)]
    labels = draw(st.lists(LABELS, min_size=len(bounds) - 1, max_size=len(bounds) - 1))
    pages = [
        Page(start, end, label)
        for start, end, label in zip(bounds, bounds[1:], labels, strict=False)
    ]
    return Article(id="a-1", title="T", text=text, blocks=blocks, pages=pages)


@settings(max_examples=200, deadline=None)
@given(paginated())
def test_the_page_map_round_trips_and_every_offset_lies_on_one_page(article: Article) -> None:
    back, _ = loads(dumps(article))
    assert back.text == article.text
    assert back.pages == article.pages
    for offset in range(len(article.text)):
        holding = [p for p in back.pages if p.start <= offset < p.end]
        assert len(holding) == 1
        assert back.page_at(offset) == holding[0]
    for start in range(len(article.text)):  # a span's pages: every page it touches, in order
        for end in (start, start + 1, start + 7, len(article.text)):
            touched = [p for p in back.pages if p.start < max(end, start + 1) and p.end > start]
            assert back.pages_of(start, end) == touched


def test_a_span_over_a_page_break_touches_both_pages() -> None:
    text, blocks = build_text([("paragraph", "one two three four")])
    article = Article(
        id="a", title="T", text=text, blocks=blocks, pages=[Page(0, 8, "xi"), Page(8, 18, "xii")]
    )
    assert [p.label for p in article.pages_of(0, 3)] == ["xi"]
    assert [p.label for p in article.pages_of(4, 13)] == ["xi", "xii"]
    assert article.to_json()["pages"] == [
        {"start": 0, "end": 8, "label": "xi"},
        {"start": 8, "end": 18, "label": "xii"},
    ]


def test_a_map_a_hand_edit_broke_is_dropped_not_trusted() -> None:
    assert read_pages([[0, 5, "1"], [5, 99, "2"]], 20) == []  # past the text's end
    assert read_pages([[5, 9, "1"], [0, 5, "2"]], 20) == []  # out of order
    assert read_pages([[0, 5, "1"], "x"], 20) == []
    assert read_pages([[0, 5, 3]], 20) == [Page(0, 5, "3")]
    assert read_pages([[0, 5, "\u00ad"]], 20) == [Page(0, 5, "1")]  # cleans to nothing


def test_an_unpaginated_article_has_no_page_and_writes_no_map() -> None:
    text, blocks = build_text([("paragraph", "plain web article")])
    article = Article(id="a", title="T", text=text, blocks=blocks)
    assert article.page_at(3) is None
    assert "pages" not in dumps(article)
    assert "pages" not in article.to_json()


# Labels as stored (one clean line), backslashes and quotes made likely: JSON as `dumps` writes it.
ANY_LABELS = LABELS | st.text(alphabet="\\\"'u0 ", min_size=1, max_size=6).filter(
    lambda label: clean_inline(label) == label
)


@settings(max_examples=200, deadline=None)
@given(st.lists(ANY_LABELS, min_size=1, max_size=6))
def test_the_page_map_reads_as_yaml_reads_it_without_yaml(labels: list[str]) -> None:
    from library.articlefile import split_front_matter, split_front_matter_yaml

    text, blocks = build_text([("paragraph", f"passage {n}") for n in range(len(labels))])
    pages = [Page(b.start, b.end, label) for b, label in zip(blocks, labels, strict=True)]
    content = dumps(Article(id="a", title="T", text=text, blocks=blocks, pages=pages))
    fast, _ = split_front_matter(content)
    assert fast == split_front_matter_yaml(content)[0]
    assert fast is not None and [p[2] for p in fast["pages"]] == labels


def test_a_page_map_not_as_written_is_read_by_yaml() -> None:
    from library.articlefile import split_front_matter

    head = "---\nid: a\ntitle: T\npages:\n- [0, 4, '1']\n- [4, 9, \"2\"]\n---\n\nword word\n"
    meta, _ = split_front_matter(head)  # a hand edit's single quotes: YAML reads them all
    assert meta is not None and meta["pages"] == [[0, 4, "1"], [4, 9, "2"]]
    twice = '---\nid: a\ntitle: T\npages: []\nx: 1\npages:\n- [0, 4, "1"]\n---\n\nword\n'
    assert split_front_matter(twice)[0] == {"id": "a", "title": "T", "pages": [[0, 4, "1"]], "x": 1}
