"""The reader and the lists draw bidi controls and invisible characters as placeholders."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App, ComposeResult

from library.display import PLACEHOLDER, for_display_cells
from library.model import Article
from library.text import build_text
from tui.layout import PREFIX_CELLS, Layout
from tui.widgets.reader import ArticleView

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
HIDDEN = BIDI + "\u200b\u2060\ufeff\u180e"
words = st.text(
    alphabet=st.sampled_from([*"abcdefgh漢é", *HIDDEN, "\u200d", "👩", "💻"]),
    min_size=1,
    max_size=12,
)
paragraphs = st.lists(words, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(paragraphs, min_size=1, max_size=5), st.integers(min_value=12, max_value=60))
def test_lines_fit_as_drawn_and_columns_map_back(raw: list[str], measure: int) -> None:
    text, spans = build_text([("paragraph", p) for p in raw])
    article = Article(id="a", title="T\u202eitle", text=text, blocks=spans)
    layout = Layout.for_article(article, measure)
    for index in range(layout.text_lines):
        start, end = layout.span_of_text_index(index)
        drawn = for_display_cells(text, start, end)
        assert cell_len(drawn) <= measure - PREFIX_CELLS["paragraph"] or " " not in drawn
        if "\u200d" in drawn:
            continue  # rich measures a kept emoji sequence as one cluster, not char by char
        for offset in range(start, end):
            if cell_len(for_display_cells(text, offset, offset + 1)) == 0:
                continue
            assert layout.offset_in_line(index, layout.column_of_offset(offset)) == offset


class _ReaderApp(App[None]):
    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        yield ArticleView(id="reader")

    def on_mount(self) -> None:
        self.query_one(ArticleView).show(self.article)


async def test_the_reader_never_draws_a_raw_bidi_control() -> None:
    body = "The minister said \u202eon\u202c today. Hidden\u200bspace and \u2066isolate\u2069."
    text, spans = build_text([("paragraph", body), ("blockquote", "quote \u202eevil")])
    article = Article(id="a", title="Title \u202egnirts", text=text, blocks=spans)
    app = _ReaderApp(article)
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        drawn = "".join(
            segment.text for y in range(view.size.height) for segment in view.render_line(y)
        )
        assert not set(HIDDEN) & set(drawn)
        assert "said " + PLACEHOLDER + "on" + PLACEHOLDER in drawn
        assert "Title " + PLACEHOLDER + "gnirts" in drawn
        assert article.text == text  # the canonical text is untouched
