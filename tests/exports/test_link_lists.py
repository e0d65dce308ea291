"""Lists of links become articles: fetched politely, resumable, failures kept for a retry."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from annotations.workspace import Workspace
from annotations.workspace.importing import FAILURES_MARKER, Progress
from library.importer import RawSource
from library.importers.exports import recognise
from library.parallel import Failure
from library.parsers import Parsed
from tests.exports.conftest import SAMPLES, Served, zipped


def _by_url(workspace: Workspace, base: str = "") -> dict[str, object]:
    return {m.url.replace(base, "") if m.url else "": m for m in workspace.articles.listing()}


def test_a_pocket_export_is_fetched_with_tags_progress_and_a_retry_file(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    path = server.sample("pocket-ril_export.html", tmp_path / "ril_export.html")
    steps: list[Progress] = []
    report = workspace.imports.run(path, progress=steps.append)
    assert [s.done for s in steps] == [1, 2, 3, 4] and {s.total for s in steps} == {4}
    assert report.articles == {"imported": 3}
    assert [(link.url, reason) for link, reason in report.failures] == [
        (f"{server.base}/gone", "the server answered HTTP 404 Not Found")
    ]
    metas = _by_url(workspace, server.base)
    assert set(metas) == {"/night-library", "/ferry", "/harbour"}
    night = metas["/night-library"]
    assert night.tags == ["libraries", "town"]  # type: ignore[attr-defined]
    assert night.saved == "2023-11-14T22:13:20Z"  # type: ignore[attr-defined]
    assert night.title == "Tidewater library opens its doors at night"  # type: ignore[attr-defined]
    assert metas["/harbour"].tags == ["harbour", "archived"]  # type: ignore[attr-defined]
    # The failures are listed, and written to a file `margin import` reads to retry them.
    retry = report.failures_file
    assert retry is not None and retry.exists()
    assert any(line.endswith(f"margin import {retry}") for line in report.lines())
    data = retry.read_bytes()
    assert recognise(data) is not None and recognise(data).name == "pocket"  # type: ignore[union-attr]
    from tests.exports.conftest import PAGES

    PAGES["/gone"] = PAGES["/ferry"].replace(b"ferry timetable", b"ferry fares")
    try:
        again = workspace.imports.run(retry)
    finally:
        del PAGES["/gone"]
    assert again.articles == {"imported": 1} and not again.failures
    back = _by_url(workspace, server.base)["/gone"]
    assert back.tags == ["dead"]  # type: ignore[attr-defined]
    assert back.saved == "2023-11-14T22:16:40Z"  # type: ignore[attr-defined]


def test_an_interrupted_import_resumes_without_duplicates(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    rows = "".join(
        f'<li><a href="{server.base}/n/{i}" time_added="1700000000">Note {i}</a></li>'
        for i in range(12)
    )
    path = tmp_path / "ril_export.html"
    path.write_text(f"<title>Pocket Export</title><h1>Unread</h1><ul>{rows}</ul>")
    stored: list[Progress] = []
    first = workspace.imports.run(
        path, progress=stored.append, stop=lambda: len(stored) >= 5, workers=2
    )
    assert first.articles["imported"] == len(stored) == 5
    kept = {m.url.replace(server.base, "") for m in workspace.articles.listing() if m.url}
    assert len(kept) == 5
    server.hits.clear()  # the fetches under way when it stopped ended before it returned
    second = workspace.imports.run(path)
    assert second.articles == {"already": 5, "imported": 7}
    assert sorted(server.hits) == sorted(f"/n/{i}" for i in range(12) if f"/n/{i}" not in kept)
    assert len(workspace.articles.listing()) == 12


def test_no_more_than_the_per_host_limit_is_fetched_at_once(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    rows = "".join(f"<li><a href='{server.base}/n/{i}'>n</a></li>" for i in range(16))
    path = tmp_path / "links.html"
    path.write_text(f"<title>Pocket Export</title><h1>Unread</h1><ul>{rows}</ul>")
    report = workspace.imports.run(path, workers=8, per_host=2)
    assert report.articles == {"imported": 16}
    assert server.busiest[0] <= 2


def test_instapaper_folders_become_tags(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    path = server.sample("instapaper-export.csv", tmp_path / "instapaper.csv")
    report = workspace.imports.run(path)
    assert report.articles == {"imported": 3} and len(report.failures) == 1
    metas = _by_url(workspace, server.base)
    assert metas["/ferry"].tags == ["favorite"]  # type: ignore[attr-defined]
    assert metas["/harbour"].tags == ["archived"]  # type: ignore[attr-defined]
    assert metas["/night-library"].tags == []  # type: ignore[attr-defined]
    assert report.failures[0][0].tags == ["Town politics"]


def test_wallabag_content_is_carried_not_fetched(workspace: Workspace, server: Served) -> None:
    report = workspace.imports.run(SAMPLES / "wallabag-export.json")
    assert report.articles == {"imported": 2} and report.highlights == {"added": 1}
    assert server.hits == []
    metas = _by_url(workspace)
    night = metas["https://gazette.example/night-library"]
    assert night.tags == ["libraries", "town", "archived", "favorite"]  # type: ignore[attr-defined]
    assert night.saved == "2025-02-12T08:30:00+01:00"  # type: ignore[attr-defined]
    assert night.authors == ["Ada Lindqvist"]  # type: ignore[attr-defined]
    (placed,) = workspace.highlights.in_article(night.id)  # type: ignore[attr-defined]
    text = workspace.articles.get(night.id).text  # type: ignore[attr-defined]
    assert text[placed.start : placed.end] == "The night shift was full from the first week."
    assert placed.note == "Demand, in their words."
    again = workspace.imports.run(SAMPLES / "wallabag-export.json")
    assert again.articles == {"unchanged": 2} and again.highlights == {"present": 1}


def test_an_omnivore_archive_carries_content_labels_and_highlights(
    workspace: Workspace, tmp_path: Path
) -> None:
    archive = tmp_path / "omnivore-export.zip"
    archive.write_bytes(zipped(SAMPLES / "omnivore"))
    report = workspace.imports.run(archive)
    assert report.articles == {"imported": 2} and report.highlights == {"added": 2}
    metas = _by_url(workspace)
    night = metas["https://gazette.example/night-library"]
    assert night.tags == ["libraries", "town", "archived"]  # type: ignore[attr-defined]
    assert night.saved == "2025-02-12T07:30:00.000Z"  # type: ignore[attr-defined]
    ferry = workspace.articles.get(metas["https://gazette.example/ferry"].id)  # type: ignore[attr-defined]
    assert ferry.title == "The ferry timetable changes in March"
    assert "morning ferry leaves twenty minutes earlier" in ferry.text


def test_an_omnivore_page_note_after_a_highlight_is_not_taken_for_its_note() -> None:
    # Omnivore writes a highlight `> quote ` [blank line, note] and a page note `note\n\n`, the
    # items joined by a blank line: three blank lines follow a page note, one a highlight's note.
    from library.importers.exports.omnivore import _highlights

    markdown = "\n\n".join(
        [
            "> First words. ",  # no note of its own
            "A page note written after it.\n\n",
            "> Second words. \n\n#label\n\nIts note.\n\nIts second paragraph.",
            "> Third words. \n\nIts note.",
            "The last page note.\n\n",
        ]
    )
    found, page_notes = _highlights(markdown)
    assert found == [
        ("First words.", "", []),
        ("Second words.", "Its note.\n\nIts second paragraph.", ["label"]),
        ("Third words.", "Its note.", []),
    ]
    assert page_notes == ["A page note written after it.", "The last page note."]
    # A file ending in a highlight's note (no blank line after it) keeps that note.
    assert _highlights("> Words. \n\nA note.") == ([("Words.", "A note.", [])], [])


def test_a_zip_bomb_costs_nothing_and_its_item_is_fetched_instead(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    """The item the bomb is the content of is fetched from its address, as an item without
    content is, and the summary says why; the archive's other items are imported from it."""
    (workspace.root).mkdir(parents=True, exist_ok=True)
    config = tmp_path / "config.toml"
    config.write_text("[import]\nmax_size_mb = 1\n")
    from library.config import load_config

    small = Workspace(workspace.root, load_config(config))
    fine = b"<html><body><article><h1>Fine</h1><p>" + b"A fine sentence. " * 40 + b"</p></article>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr(
            "metadata_0_to_2.json",
            f'[{{"url": "{server.base}/ferry", "slug": "x"}}, '
            '{"url": "https://fine.example/", "slug": "fine", "title": "Fine"}]',
        )
        bomb.writestr("content/x.html", b"\0" * 20_000_000)  # 20 MB of zeros, ~20 kB packed
        bomb.writestr("content/fine.html", fine)
    path = tmp_path / "export.zip"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 100_000
    report = small.imports.run(path)
    assert report.problems == [] and report.failures == []
    assert server.hits == ["/ferry"]  # fetched in its place, as other links are
    assert report.articles == {"imported": 2}
    assert (
        f"Fetched from its address instead: {server.base}/ferry (its content/x.html expands past "
        "1 MB (a zip bomb, or a file larger than [import] max_size_mb allows))"
    ) in report.summary()
    assert sorted(m.title for m in small.articles.listing()) == [
        "Fine",
        "The ferry timetable changes in March",
    ]


def test_a_long_list_is_parsed_on_every_core_and_stored_in_batches(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    from library.parallel import POOL_MIN_JOBS

    count = POOL_MIN_JOBS + 10
    rows = "".join(
        f"<li><a href='{server.base}/n/{i}' tags='batch'>Note {i}</a></li>" for i in range(count)
    )
    rows += f"<li><a href='{server.base}/gone'>gone</a></li>"
    path = tmp_path / "links.html"
    path.write_text(f"<title>Pocket Export</title><h1>Unread</h1><ul>{rows}</ul>")
    report = workspace.imports.run(path, workers=4, per_host=4)
    assert report.articles == {"imported": count} and len(report.failures) == 1
    metas = workspace.articles.listing()
    assert sorted(m.title for m in metas) == sorted(f"Note {i}" for i in range(count))
    assert all(m.tags == ["batch"] for m in metas)
    # The catalog written at the end of the batches matches the files (a fresh process sees all).
    assert len(Workspace(workspace.root).articles.listing()) == count


def test_a_page_a_worker_could_not_parse_is_parsed_here(
    workspace: Workspace, server: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bug a worker raised (or a worker killed) reaches this process as the page's future
    # failing: the page is parsed here instead, and the import goes on.
    from concurrent.futures import Future

    from library.parallel import POOL_MIN_JOBS, ParsePool

    real = ParsePool.raw
    failed: list[str] = []

    def raw_failing_once(pool: ParsePool, raw: RawSource) -> Future[Parsed | Failure]:
        if failed:
            return real(pool, raw)
        failed.append(raw.name)
        future: Future[Parsed | Failure] = Future()
        future.set_exception(ValueError("a bug in a parser"))
        return future

    monkeypatch.setattr(ParsePool, "raw", raw_failing_once)
    count = POOL_MIN_JOBS + 2
    rows = "".join(f"<li><a href='{server.base}/n/{i}'>Note {i}</a></li>" for i in range(count))
    path = tmp_path / "links.html"
    path.write_text(f"<title>Pocket Export</title><h1>Unread</h1><ul>{rows}</ul>")
    report = workspace.imports.run(path, workers=4, per_host=4)
    assert failed
    assert report.articles == {"imported": count} and not report.failures


# The archive as Omnivore's exporter writes it (packages/api/src/jobs/export.ts and
# highlightToMarkdown in packages/api/src/utils/parser.ts, omnivore-app/omnivore, read for the
# layout only): `state` Archived or Active, labels as names, an uploaded PDF as content/<slug>.pdf,
# and highlights as `> quote ` with a blank line inside the quote written `> ` and its next lines
# unmarked, then `#labels`, then the note; a page note is `note\n\n`; items joined by a blank line.
_NIGHT_PAGE = (
    "<html><body><article><h1>Night hours</h1><p>The Tidewater public library will stay open "
    "until midnight on weekdays from next month, the town council decided on Tuesday.</p>"
    "<p>Students told us they had nowhere quiet to work after the cafés close. The night shift "
    "was full from the first week.</p><p>The council will review the night hours after twelve "
    "months, and the mayor said the reading room would keep its heating on.</p>"
    "</article></body></html>"
)
PAGE_NOTE = "A note on the whole page, before any highlight."
_NIGHT_HIGHLIGHTS = (
    PAGE_NOTE + "\n\n\n\n"
    "> Students told us they had nowhere quiet to work after the cafés close.\n"
    "The night shift \nwas full from the first week. \n\n"
    "#libraries #night hours\n\n"
    "Quote this in the council piece.\n\n"
    "It says who asked.\n\n"
    "> The council will review the night hours after twelve months, and the mayor\n"
    "> \n"
    "said the reading room would keep its heating on. "
)


def test_an_omnivore_archive_as_its_exporter_writes_it(
    workspace: Workspace, tmp_path: Path
) -> None:
    from tests.library.pdfmaker import make_pdf

    metadata = (
        '[{"id": "1", "slug": "night-1", "title": "Night hours", "author": "Ada Lindqvist",'
        ' "url": "https://gazette.example/night", "state": "Archived",'
        ' "labels": ["libraries"], "savedAt": "2025-02-12T07:30:00.000Z",'
        ' "publishedAt": "2025-02-11T05:00:00.000Z"},'
        ' {"id": "2", "slug": "report-2", "title": "Harbour report", "author": null,'
        ' "url": "https://omnivore.app/no_url?q=report", "state": "Active", "labels": [],'
        ' "savedAt": "2025-02-20T17:00:00.000Z", "publishedAt": null}]'
    )
    report_pdf = make_pdf(
        [[(72, 700, 12, "The harbour report counts four hundred boats in the summer season."),
          (72, 680, 12, "Most of them are moored along the eastern wall of the old harbour.")]]
    )  # fmt: skip
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("metadata_0_to_2.json", metadata)
        archive.writestr("content/night-1.html", _NIGHT_PAGE)
        archive.writestr("highlights/night-1.md", _NIGHT_HIGHLIGHTS)
        archive.writestr("content/report-2.pdf", report_pdf)
    path = tmp_path / "omnivore-export.zip"
    path.write_bytes(buffer.getvalue())
    assert recognise(path.read_bytes()) is not None

    report = workspace.imports.run(path)
    assert report.failures == [] and report.articles == {"imported": 2}
    assert report.highlights == {"added": 2}  # both on their words: none orphaned
    assert report.page_notes == 1
    assert "Page notes: 1 not imported as highlights" in "\n".join(report.summary())
    # Not dropped: kept, under the page's title and URL, in a file the summary names.
    assert report.page_notes_file is not None
    assert str(report.page_notes_file) in "\n".join(report.summary())
    kept = report.page_notes_file.read_text()
    assert "https://gazette.example/night" in kept
    assert PAGE_NOTE in kept
    metas = _by_url(workspace)
    night = metas["https://gazette.example/night"]
    assert night.tags == ["libraries", "archived"]  # type: ignore[attr-defined]
    highlights = workspace.store.for_article(night.id)  # type: ignore[attr-defined]
    first, second = highlights
    assert first.quote.startswith("Students told us") and first.quote.endswith("first week.")
    assert first.tags == ["libraries", "night hours"]
    assert first.note == "Quote this in the council piece.\n\nIt says who asked."
    assert second.quote.endswith("would keep its heating on.") and second.note == ""
    pdf = workspace.articles.get(metas["https://omnivore.app/no_url?q=report"].id)  # type: ignore[attr-defined]
    assert "four hundred boats" in pdf.text  # the uploaded PDF, read from the archive
    again = workspace.imports.run(path)
    assert again.articles == {"unchanged": 2} and again.highlights == {"present": 2}


def _page(title: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>The text "
        f"of the page called {title}, long enough to be read as an article.</p></article>"
        "</body></html>"
    ).encode()


def test_a_retried_list_of_failures_keeps_only_what_failed_again_then_goes(
    workspace: Workspace, server: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.exports.conftest import PAGES

    rows = "".join(
        f'<li><a href="{server.base}{where}" tags="t">{where}</a></li>'
        for where in ("/ferry", "/dead-a", "/dead-b")
    )
    path = tmp_path / "ril_export.html"
    path.write_text(f"<title>Pocket Export</title><h1>Unread</h1><ul>{rows}</ul>")
    retry = workspace.imports.run(path).failures_file
    assert retry is not None
    folder = retry.parent
    mine = tmp_path / "my-copy.html"  # a copy of the list elsewhere is the user's: kept
    mine.write_bytes(retry.read_bytes())

    monkeypatch.setitem(PAGES, "/dead-a", _page("Back again"))
    again = workspace.imports.run(retry)
    assert again.articles == {"imported": 1}
    assert [link.url for link, _ in again.failures] == [f"{server.base}/dead-b"]
    # The same list, rewritten with the one that failed again: no second list beside it.
    assert again.failures_file == retry and list(folder.iterdir()) == [retry]
    listed = recognise(retry.read_bytes())
    assert listed is not None
    assert [link.url for link in listed.parse(retry.read_bytes(), "r").links] == [
        f"{server.base}/dead-b"
    ]
    assert again.lines()[-1].endswith(f"margin import {retry} (rewritten with only these)")

    stopped = workspace.imports.run(retry, stop=lambda: True)  # cut short: the list stays
    assert retry.exists() and stopped.retried is None

    monkeypatch.setitem(PAGES, "/dead-b", _page("Back at last"))
    last = workspace.imports.run(retry)
    assert last.articles == {"imported": 1} and not last.failures
    assert not retry.exists() and last.failures_file is None
    assert "Retried: every link of it is in the library now, so the list was removed" in (
        last.summary()
    )
    assert list(folder.iterdir()) == []
    kept = workspace.imports.run(mine)
    assert kept.articles == {"already": 2} and mine.exists()


def test_the_same_failures_as_a_list_named_before_lists_were_named_failed_write_none(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    # Lists of failures were named <export>-<time>.html until they became -failed.html: an
    # export imported again, its same links failing, names that list and writes no second one.
    path = tmp_path / "ril_export.html"
    path.write_text(
        f'<title>Pocket Export</title><h1>Unread</h1><ul><li><a href="{server.base}/dead-a">'
        "a</a></li></ul>"
    )
    written = workspace.imports.run(path).failures_file
    assert written is not None and written.name.endswith("-failed.html")
    before = written.with_name(written.name.removesuffix("-failed.html") + ".html")
    written.rename(before)
    again = workspace.imports.run(path)
    assert again.failures_file == before and list(before.parent.iterdir()) == [before]


def test_a_link_s_title_wins_unless_it_is_only_its_address(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    # Pocket writes the URL as the link's text when it has no title for the page; a title set
    # in Pocket (which may be one the user edited) is kept over the page's.
    rows = (
        f'<li><a href="{server.base}/ferry" time_added="1700000000">{server.base}/ferry</a></li>'
        f'<li><a href="{server.base}/harbour" time_added="1700000000"></a></li>'
        f'<li><a href="{server.base}/night-library">Night library, for the essay</a></li>'
    )
    path = tmp_path / "ril_export.html"
    path.write_text(f"<title>Pocket Export</title><h1>Unread</h1><ul>{rows}</ul>")
    assert workspace.imports.run(path).articles == {"imported": 3}
    titles = {url: m.title for url, m in _by_url(workspace, server.base).items()}  # type: ignore[attr-defined]
    assert titles == {
        "/ferry": "The ferry timetable changes in March",
        "/harbour": "Harbour dredging finished early",
        "/night-library": "Night library, for the essay",
    }


def test_a_link_or_title_no_address_could_be_is_one_failure_or_a_title(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    # urlsplit refuses an unclosed '[' after '//': such a link was "unexpected error:
    # ValueError" and nothing of the export imported. Now the link is one failure, listed to
    # retry, and such a title, being no address, is the user's title.
    rows = (
        '<li><a href="http://[oops/x">Broken</a></li>'
        f'<li><a href="{server.base}/ferry">http://[::1 is the loopback address</a></li>'
    )
    path = tmp_path / "ril_export.html"
    path.write_text(f"<title>Pocket Export</title><h1>Unread</h1><ul>{rows}</ul>")
    report = workspace.imports.run(path)
    assert report.articles == {"imported": 1}
    assert [link.url for link, _ in report.failures] == ["http://[oops/x"]
    assert report.failures_file is not None
    titles = {url: m.title for url, m in _by_url(workspace, server.base).items()}  # type: ignore[attr-defined]
    assert titles == {"/ferry": "http://[::1 is the loopback address"}


def test_highlights_of_a_link_that_could_not_be_fetched_are_kept(
    workspace: Workspace, server: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Wallabag entry without its content but with a highlight, its page gone: the highlight
    # is kept on an article of its passage (as a Readwise row's is), not dropped; the link is
    # listed to retry. Before, the list of failures held the link alone, and once retried it
    # was removed as "every link of it is in the library now", the highlight never imported.
    entry = {
        "is_archived": 0,
        "url": f"{server.base}/gone",
        "title": "A page that is gone",
        "content": "",
        "annotations": [{"id": 1, "quote": "Words worth keeping.", "text": "my note"}],
    }
    path = tmp_path / "wallabag.json"
    path.write_text(json.dumps([entry]))
    report = workspace.imports.run(path)
    assert [link.url for link, _ in report.failures] == [entry["url"]]
    assert report.highlights == {"added": 1, "standin": 1}
    (meta,) = workspace.articles.listing()
    (kept,) = workspace.highlights.in_article(meta.id)
    assert (kept.quote, kept.note) == ("Words worth keeping.", "my note")
    again = workspace.imports.run(path)  # twice is once; the page is tried again
    assert again.highlights == {"present": 1, "standin": 1}
    assert len(workspace.articles.listing()) == 1 and server.hits.count("/gone") == 2
    from tests.exports.conftest import PAGES

    monkeypatch.setitem(PAGES, "/gone", _page("Back again"))
    assert report.failures_file is not None  # retried: the page, not its passages, is fetched
    assert workspace.imports.run(report.failures_file).articles == {"imported": 1}


def test_a_users_own_export_in_the_failures_folder_is_not_taken_for_margins_list(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    # Only a file Margin wrote (its marker in the head) is a list of failures that a retry
    # rewrites or removes. The user's own Pocket export dropped in that folder is imported as
    # the export it is: kept as it was, its failures listed in a new file of Margin's.
    rows = "".join(
        f'<li><a href="{server.base}{where}">{where}</a></li>' for where in ("/ferry", "/dead")
    )
    folder = workspace.root / "import-failures"
    folder.mkdir(parents=True)
    mine = folder / "ril_export.html"
    mine.write_text(f"<title>Pocket Export</title><h1>Unread</h1><ul>{rows}</ul>")
    before = mine.read_bytes()
    report = workspace.imports.run(mine)
    assert report.articles == {"imported": 1} and report.retried is None
    assert mine.read_bytes() == before
    listed = report.failures_file
    assert listed is not None and listed != mine and listed.parent == folder.resolve()
    # Margin's own list, retried once its link is back, goes; the user's file stays.
    from tests.exports.conftest import PAGES

    PAGES["/dead"] = _page("Back again")
    try:
        again = workspace.imports.run(listed)
        assert workspace.imports.run(mine).articles == {"already": 2}
    finally:
        del PAGES["/dead"]
    assert again.retried == "removed" and not listed.exists()
    assert mine.read_bytes() == before


def test_a_users_file_quoting_the_marker_in_its_body_is_not_removed(
    workspace: Workspace, server: Served
) -> None:
    # The marker counts only in the head Margin writes, not quoted in a file's body however
    # near its start: a user's own list in that folder, every link imported, stays as it was.
    folder = workspace.root / "import-failures"
    folder.mkdir(parents=True)
    mine = folder / "notes.html"
    mine.write_text(
        "<title>Pocket Export</title><h1>Unread</h1>\n<!-- Margin marks its lists with "
        f'{FAILURES_MARKER.decode()} -->\n<ul><li><a href="{server.base}/ferry">Ferry</a></li></ul>'
    )
    before = mine.read_bytes()
    report = workspace.imports.run(mine)
    assert report.articles == {"imported": 1} and report.retried is None
    assert mine.read_bytes() == before


def test_an_item_fetched_from_a_local_file_address_is_refused(
    workspace: Workspace, tmp_path: Path
) -> None:
    """An export's item whose address is a file on this machine (its content refused as a zip
    bomb, or absent) is never read from the disk into the library: one line says why."""
    secret = tmp_path / "secret.txt"
    secret.write_text("Private words that never belong in the library.\n" * 5)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "metadata_0_to_2.json",
            json.dumps(
                [
                    {"url": secret.as_uri(), "slug": "x", "title": "Bomb"},
                    {"url": "file:///etc/hostname", "slug": "bare", "title": "Bare"},
                ]
            ),
        )
        archive.writestr("content/x.html", b"\0" * (workspace.library.max_bytes + 1))
    path = tmp_path / "omnivore.zip"
    path.write_bytes(buffer.getvalue())
    report = workspace.imports.run(path)
    assert workspace.articles.listing() == []
    assert sorted(link.url for link, _ in report.failures) == [
        "file:///etc/hostname",
        secret.as_uri(),
    ]
    assert all("not a web address" in why for _, why in report.failures)
