"""The first screen: drawn from the catalog saved last time, only its visible rows built, at the
layout of the terminal's width from the first frame."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from library import catalogfile
from library.catalogfile import Listing, encode, encode_row
from library.model import ArticleMeta
from tui.app import MarginApp
from tui.screens.main import MainScreen
from tui.widgets.library_list import SORT_KEYS, LibraryItem, LibraryList, ListedItems

metas_strategy = st.lists(
    st.builds(
        ArticleMeta,
        id=st.text("abcdef", min_size=1, max_size=6),
        title=st.sampled_from(["Alpha", "alpha", "Beta", "gamma", ""]),
        published=st.sampled_from([None, "2026-01-02", "2026-03-04", "2025-12-31"]),
        imported=st.sampled_from(["2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"]),
    ),
    max_size=30,
    unique_by=lambda m: m.id,
)


def _listing(metas: list[ArticleMeta]) -> Listing:
    rows = [encode_row(f"{m.id}.md", (n, n, n, n), m) for n, m in enumerate(metas)]
    saved = catalogfile.split(encode(metas, rows))
    assert saved is not None
    return Listing(saved)


@given(metas_strategy, st.data())
def test_the_saved_orders_are_the_list_own_sorts(metas: list[ArticleMeta], data: Any) -> None:
    """Before the files are checked the list shows the saved catalog's orders; they must be the
    orders it shows once the checked items replace them, for every sort (recent included)."""
    metas.sort(key=lambda m: (m.imported, m.id), reverse=True)  # the catalog's order
    read = data.draw(st.lists(st.sampled_from([m.id for m in metas] or ["x"]), unique=True))
    when = data.draw(st.lists(st.sampled_from(["2026-05-01", "2026-05-02"]), min_size=len(read)))
    recent = dict(zip(read, when, strict=False))
    lazy = ListedItems(_listing(metas), recent)
    full = [LibraryItem(m, last_read=recent.get(m.id, "")) for m in metas]
    for sort in SORT_KEYS:
        checked = LibraryList()
        checked.sort = sort
        checked.items = full
        assert [i.meta.id for i in lazy.sorted_by(sort)] == [
            i.meta.id for i in checked._all_sorted()
        ], sort


async def test_the_first_paint_builds_only_the_rows_on_screen(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    (root / ".index").mkdir(parents=True)
    metas = [
        ArticleMeta(
            id=f"a{n:04}", title=f"Article {n}", imported=f"2026-01-01T00:{n // 60:02}:{n % 60:02}Z"
        )
        for n in range(2000)
    ]
    metas.reverse()
    rows = [encode_row(f"{m.id}.md", (1, 1, 1, 1), m) for m in metas]
    (root / ".index" / "catalog.json").write_bytes(encode(metas, rows))
    app = MarginApp(root)
    seen: dict[str, Any] = {}
    display = app._display

    def first_frame(screen: Any, renderable: Any) -> None:
        if not seen and isinstance(screen, MainScreen):
            shown = screen.library_list.shown
            seen["shown"] = len(shown)
            seen["first"] = shown[0].meta.id if shown else None
            items = screen.library_list.items
            seen["built"] = sum(i is not None for i in getattr(items, "_items", []))
        display(screen, renderable)

    app._display = first_frame  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settle()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        # The article files are not there: the checked catalog is empty and replaces the list.
        assert len(screen.library_list.shown) == 0
    assert seen["shown"] == 2000 and seen["first"] == "a1999"
    assert 0 < seen["built"] <= 100  # a screenful or two, not 2,000


async def test_the_first_frame_has_the_layout_of_its_width(tmp_path: Path) -> None:
    """Below 140 columns the highlights pane is hidden from the first frame on, not drawn and
    then hidden when Textual's first resize event sets the width class."""
    app = MarginApp(tmp_path / "lib")
    seen: list[bool] = []
    display = app._display

    def first_frame(screen: Any, renderable: Any) -> None:
        if not seen and isinstance(screen, MainScreen):
            seen.append(screen.query_one("#annotations-pane").region.width > 0)
        display(screen, renderable)

    app._display = first_frame  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-medium")
    assert seen == [False]


async def test_the_first_painted_frame_wraps_titles_to_the_pane(tui_library: Path) -> None:
    """The first frame painted shows each title wrapped to the library pane's width, not one
    word a line as measured before the first layout gave the list its width."""
    for launch in ("first", "with the saved catalog"):
        app = MarginApp(tui_library)
        frames: list[list[str]] = []
        display = app._display

        def first_frame(
            screen: Any, renderable: Any, frames: list[list[str]] = frames, display: Any = display
        ) -> None:
            if not frames and isinstance(screen, MainScreen) and hasattr(renderable, "strips"):
                frames.append(["".join(s.text for s in line) for line in renderable.strips])
            display(screen, renderable)

        app._display = first_frame  # type: ignore[method-assign]
        async with app.run_test(size=(120, 40)) as pilot:
            await app.settle()
            await pilot.pause()
        assert frames, launch
        lines = [line.split("▎")[0].strip() for line in frames[0]]
        assert "Boston threatens to withdraw from" in lines, (launch, lines[:10])
        assert "Council backs bus lanes on three" in lines, (launch, lines[:10])
