"""Regenerate the README's screenshots from the real app (`make screenshots`).

Builds a throwaway library from the bundled samples, adds a few highlights through the domain
API, drives the app headless with Textual's Pilot and saves SVG screenshots in docs/screenshots/.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotations.workspace import Workspace  # noqa: E402
from library.config import Config  # noqa: E402
from tui.app import MarginApp  # noqa: E402

OUT = REPO / "docs" / "screenshots"
HIGHLIGHTS = [
    (
        "a promise kept to every family that has dodged a delivery van on the way to school",
        "support",
        ["safety"],
        "Mayor's framing: the street as a school route.",
        "Elena Vasquez",
    ),
    (
        "We are being asked to approve an experiment on other people’s livelihoods",
        "oppose",
        ["business"],
        "Hale: the trial gambles with traders' rent.",
        "Martin Hale",
    ),
    (
        "Footfall usually recovers within a year, and spending per visit tends to rise",
        "neutral",
        ["evidence"],
        "Best neutral evidence; check the studies he means.",
        "Samuel Achterberg",
    ),
]


def build_library(root: Path) -> str:
    """Seed the samples and highlight the car-free article; returns its id."""
    workspace = Workspace(root)
    workspace.library.seed_samples()
    article = next(m for m in workspace.library.catalog() if m.title.startswith("Riverton"))
    for quote, stance, tags, note, speaker in HIGHLIGHTS:
        workspace.highlights.create(
            article.id, quote=quote, stance=stance, tags=tags, note=note, speaker=speaker
        )
    workspace.close()
    return article.id


async def shoot(
    root: Path,
    article_id: str,
    name: str,
    size: tuple[int, int],
    theme: str = "textual-dark",
    then: Callable[[object], Awaitable[None]] | None = None,
) -> None:
    config = Config()
    config.theme = theme
    app = MarginApp(root, config)
    async with app.run_test(size=size) as pilot:
        await app.settle()
        screen = app.screen
        screen.open_article(article_id, focus=True)  # type: ignore[attr-defined]
        await app.settle()
        await pilot.pause()
        await pilot.press("alt+down", "alt+down")  # the cursor on the second highlight
        await pilot.pause()
        if then is not None:
            await then(pilot)
            await pilot.pause(0.3)
            await app.settle()
        app.save_screenshot(str(OUT / f"{name}.svg"))
    print(f"wrote {OUT / name}.svg")


PDF = Path("/usr/share/doc/libtasn1-doc/libtasn1.pdf")  # Debian libtasn1-doc (GFDL-1.3+)


async def shoot_pdf(folder: Path) -> None:
    """A PDF report (roman front matter, then arabic pages) at its page 2: the quiet page
    markers and the page in the status line."""
    if not PDF.is_file():
        print(f"skipped pdf-pages.svg: {PDF} missing (scripts/corpus.sh installs it)")
        return
    workspace = Workspace(folder / "pdf-library")
    done = workspace.articles.run(workspace.articles.plan([str(PDF)])).results[0]
    assert done.article is not None, done.error
    workspace.close()
    app = MarginApp(folder / "pdf-library", Config())
    async with app.run_test(size=(130, 40)) as pilot:
        await app.settle()
        app.screen.open_article(done.article.id, focus=True)  # type: ignore[attr-defined]
        await app.settle()
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press("2", "enter")
        await pilot.pause(0.3)
        reader = app.screen.reader  # type: ignore[attr-defined]
        reader.scroll_relative(y=-12, animate=False)  # page 1's end and page 2's marker in view
        await pilot.pause(0.3)
        app.save_screenshot(str(OUT / "pdf-pages.svg"))
    print(f"wrote {OUT / 'pdf-pages'}.svg")


async def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    only = set(sys.argv[1:])  # names of screenshots to make; all when none
    if only == {"pdf-pages"}:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
            os.environ["XDG_DATA_HOME"] = str(Path(folder) / "data")
            await shoot_pdf(Path(folder))
        return
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        os.environ["XDG_DATA_HOME"] = str(Path(folder) / "data")
        root = Path(folder) / "library"
        article_id = build_library(root)

        async def find(pilot: object) -> None:
            await pilot.press("slash", *"footfall")  # type: ignore[attr-defined]

        async def note(pilot: object) -> None:
            await pilot.press("e")  # type: ignore[attr-defined]

        async def search(pilot: object) -> None:
            await pilot.press("ctrl+f")  # type: ignore[attr-defined]
            await pilot.pause()  # type: ignore[attr-defined]
            await pilot.press(*"traders rent")  # type: ignore[attr-defined]
            await pilot.pause(0.6)  # type: ignore[attr-defined]

        async def quotes(pilot: object) -> None:
            await pilot.pause(0.3)  # type: ignore[attr-defined]
            await pilot.press("Q")  # type: ignore[attr-defined]
            await pilot.pause(0.5)  # type: ignore[attr-defined]

        async def board(pilot: object) -> None:
            await pilot.press("B")  # type: ignore[attr-defined]
            await pilot.pause(0.8)  # type: ignore[attr-defined]

        async def speakers(pilot: object) -> None:
            await pilot.press("W", "down", "down")  # type: ignore[attr-defined]
            await pilot.pause(0.8)  # type: ignore[attr-defined]

        await shoot(root, article_id, "reader-dark", (140, 42))
        await shoot(root, article_id, "reader-light", (140, 42), theme="textual-light")
        await shoot(root, article_id, "find", (110, 32), then=find)
        await shoot(root, article_id, "note-editor", (110, 32), then=note)
        await shoot(root, article_id, "search", (110, 32), then=search)
        await shoot(root, article_id, "quotes", (120, 36), then=quotes)
        await shoot(root, article_id, "board", (160, 44), then=board)
        await shoot(root, article_id, "speakers", (120, 36), then=speakers)
        await shoot(root, article_id, "library-120", (120, 36))
        await shoot(root, article_id, "library-200", (200, 50))
        await shoot_pdf(Path(folder))


if __name__ == "__main__":
    asyncio.run(main())
