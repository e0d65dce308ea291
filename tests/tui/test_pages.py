"""The reader on a paginated article: a quiet marker where each printed page starts, the page in
the status line, and `:` to go to a page by its printed label."""

from __future__ import annotations

from pathlib import Path

from annotations.workspace import Workspace
from library.config import Config
from tests.library.pdfmaker import make_pdf
from tests.tui.test_flows import SIZE, AppFactory, open_boston
from tui.app import MarginApp
from tui.screens.main import MainScreen


def _library(tmp_path: Path) -> Path:
    """A PDF of six pages labelled i–ii then 1–4, a few paragraphs a page."""
    pages = []
    for n in range(6):
        lines = []
        for para in range(3):
            top = 700 - para * 60
            lines += [
                (72, top, 10, f"Page {n} paragraph {para} opens with a line of words that"),
                (72, top - 14, 10, "runs on to a second line and ends here."),
            ]
        pages.append(lines)
    root = tmp_path / "lib"
    source = tmp_path / "report.pdf"
    source.write_bytes(make_pdf(pages, labels="0 << /S /r >> 2 << /S /D >>"))
    workspace = Workspace(root)
    done = workspace.articles.plan([str(source)])
    summary = workspace.articles.run(done)
    article = summary.results[0].article
    assert article is not None
    workspace.reading.set_last_article(article.id)
    return root


async def test_markers_status_and_go_to_page(tmp_path: Path) -> None:
    app = MarginApp(_library(tmp_path), Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settle()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.article is not None
        reader = screen.reader
        assert [p.label for p in screen.article.pages] == ["i", "ii", "1", "2", "3", "4"]
        status = str(screen.query_one("#status").render())
        assert status.startswith("p. i · ")
        shown = "\n".join(reader.render_line(y).text for y in range(reader.size.height))
        assert "p. ii" in shown  # the marker above page ii's first paragraph
        reader.focus()
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press("3", "enter")
        await pilot.pause()
        page = screen.article.pages[4]
        assert reader.cursor == page.start
        assert str(screen.query_one("#status").render()).startswith("p. 3 · ")
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press("x", "i", "i", "enter")  # no such page: a notice, the cursor stays
        await pilot.pause()
        assert reader.cursor == page.start


async def test_keys_typed_after_colon_in_an_article_without_pages_are_not_commands(
    make_app: AppFactory,
) -> None:
    """`:3⏎` typed ahead in an article without pages: the `3` went to the reader, which set the
    stance of the highlight under the cursor. The prompt now opens all the same and says so."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        assert screen.article is not None and not screen.article.pages
        await pilot.press("h", "2")  # a highlight, opposed, under the cursor
        await app.settle()
        assert [a.stance for a in screen.annotations] == ["oppose"]
        app.clear_notifications()
        await pilot.press("colon", "3", "enter")  # no pause: typed as one goes to a page
        await app.settle()
        await pilot.pause()
        assert app.screen is screen  # the prompt has closed
        assert [a.stance for a in screen.annotations] == ["oppose"]
        assert [a.stance for a in app.workspace.highlights.in_article(screen.article.id)] == [
            "oppose"
        ]
        told = [n.message for n in app._notifications]
        assert told == ["This article has no pages (only PDFs and EPUBs do)."], told


def test_a_chapter_asked_for_by_a_digit_int_refuses_is_not_found() -> None:
    """`:²⏎` in a book of chapters: "²" is a digit to str.isdigit() but not to int(), and the
    reader crashed with a ValueError; it is no chapter number."""
    from types import SimpleNamespace

    from library.model import Page
    from tui.widgets.reader import ArticleView

    book = SimpleNamespace(
        locator="chapter", pages=[Page(0, 10, "Opening"), Page(10, 20, "Closing")]
    )
    view = SimpleNamespace(article=book)
    assert ArticleView.find_page(view, "²") is None  # type: ignore[arg-type]
    assert ArticleView.find_page(view, "2") == 10  # type: ignore[arg-type]
