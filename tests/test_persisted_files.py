"""docs/ARCHITECTURE.md's table of persisted files is true: every file a populated library holds
matches one of its rows (and every row naming a file this library makes is made)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from annotations.workspace import Workspace
from tests.conftest import NEWS_TEXT, REPO, SECOND


def _table_patterns() -> list[tuple[str, re.Pattern[str]]]:
    text = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## Every persisted file", 1)[1].split("\n## ", 1)[0]
    found: list[tuple[str, re.Pattern[str]]] = []
    for line in section.splitlines():
        if not line.startswith("| ") or line.startswith("| file") or line.startswith("|---"):
            continue
        first = line.split(" | ", 1)[0]
        for name in re.findall(r"`([^`]+)`", first):
            if name.startswith(("$", "/")):  # the config, outside the library
                continue
            parts = re.split(r"(<[^>]+>)", name)
            body = "".join(
                (".+" if p == "<file>" else "[^/]+") if p.startswith("<") else re.escape(p)
                for p in parts
            )
            if name.endswith("/"):
                body += ".+"  # a folder: everything under it
            found.append((name, re.compile(body)))
    return found


def _populate(root: Path) -> None:
    ws = Workspace(root)
    ws.articles.seed_on_first_use()  # .seeded, with the samples
    news = ws.articles.import_bytes(NEWS_TEXT.encode(), "news.txt").article
    second = ws.articles.import_bytes(SECOND.encode(), "second.txt").article
    long = ws.articles.import_bytes(("A long one\n\n" + "Words here. " * 30_000).encode(), "l.txt")
    assert news and second and long.article
    folder = root.parent / "folder"  # a folder import: its batch's copies in one pack
    folder.mkdir()
    for n in range(2):
        (folder / f"note-{n}.txt").write_text(f"Note {n}\n\nThe text of note {n}.\n")
    assert ws.articles.run(ws.articles.plan([str(folder)])).counts["imported"] == 2
    ws.reading.open(long.article.id)  # its parsed form cached
    made = ws.highlights.create(news.id, quote="eroding trust", tags=["t"], stance="support")
    ws.highlights.create(news.id, quote="mandatory", tags=["t"], stance="support")
    ws.highlights.create(second.id, quote="bus lanes", note="n")
    ws.briefs.move("t", "support", made.annotation.id, 1)
    ws.reading.set_position(news.id, 0, 3)
    assert ws.highlights.find(stance="support")  # the highlights table
    ws.search.run("trust")
    ws.quotes.speakers()  # the quotations cache
    ws.articles.remove(second.id)
    # An export whose link cannot be fetched (nothing listens on port 9): its list to retry.
    export = root.parent / "ril_export.html"
    export.write_text(
        '<title>Pocket Export</title><h1>Unread</h1><ul><li><a href="http://127.0.0.1:9/x">x</a>'
    )
    assert ws.imports.run(export).failures_file is not None
    # Exports with more lines not read than the summary shows: every one of them in a file, of
    # skipped lines alone, or with the pages that could not be fetched.
    head = "Highlight,Title,Author,URL,Note,Location,Date\n"
    cut = "broken,row\n" * 21
    (root.parent / "cut.csv").write_text(head + cut)
    gone = "".join(f"Words {n}.,Page {n},,http://127.0.0.1:9/{n},,,\n" for n in range(2))
    (root.parent / "mixed.csv").write_text(head + gone + cut)
    for name, kept in (("cut.csv", "-skipped.txt"), ("mixed.csv", "-problems.txt")):
        written = ws.imports.run(root.parent / name).problems_file
        assert written is not None and written.name.endswith(kept)
    # An export with a note on a whole page, which lands on no words: kept in a file of its own.
    page = "http://127.0.0.1:9/p"
    (root.parent / "hypothesis.json").write_text(
        '{"total": 1, "rows": [{"id": "Pn1", "created": "2025-03-01T10:00:00+00:00", '
        f'"uri": "{page}", "text": "A note on the page.", "tags": [], '
        f'"target": [{{"source": "{page}"}}], "document": {{"title": ["P"]}}}}]}}'
    )
    assert ws.imports.run(root.parent / "hypothesis.json").page_notes_file is not None
    ws.close()
    # What a repair leaves: a damaged highlights file kept aside, an unreadable backup moved out.
    shard = root / "annotations" / f"{news.id}.json"
    shard.write_bytes(b"{")
    backup = sorted((root / "annotations" / ".backups").iterdir())[0]
    backup.write_bytes(b"{")
    conflict = root / "annotations" / f"{news.id}.sync-conflict-20240131-142501-ABCDEF7.json"
    conflict.write_bytes(backup.with_name(backup.name.replace(".1.", ".2.")).read_bytes())
    Workspace(root).doctor.fix()
    stray = root / "articles" / ".x.md.abc.tmp"
    stray.write_text("half")
    os.utime(stray, (time.time() - 3600,) * 2)
    Workspace(root).doctor.fix()  # swept


def test_every_file_of_a_populated_library_is_in_the_table(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    _populate(root)
    patterns = _table_patterns()
    files = sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink()
    )
    unlisted = [f for f in files if not any(p.fullmatch(f) for _, p in patterns)]
    assert unlisted == []
    made = {name for name, p in patterns if any(p.fullmatch(f) for f in files)}
    # Rows this library does not make: none but the ones only an error makes.
    assert {name for name, _ in patterns} - made <= {"trash/damaged/<name>"}
