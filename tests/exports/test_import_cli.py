"""`margin import` recognises exports by content, whatever the file's name."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.exports.conftest import SAMPLES, Served


def test_a_german_clippings_file_under_any_name(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "export-from-my-kindle.dat"
    shutil.copy(SAMPLES / "kindle-de.txt", path)
    done = margin("import", str(path))
    assert done.exit_code == 0, done.output
    assert "Articles: 2 imported" in done.output
    assert "Highlights: 4 added, 0 already there" in done.output
    listed = margin("list", "--json")
    assert sorted(row["title"] for row in __import__("json").loads(listed.output)) == [
        "Der Process",
        "Die Verwandlung",
    ]
    again = margin("import", str(path))
    assert "Articles: 2 unchanged" in again.output
    assert "Highlights: 0 added, 4 already there" in again.output


def test_a_pocket_export_with_a_dead_link_says_how_to_retry(
    margin: Callable[..., Result], server: Served, tmp_path: Path, library_dir: Path
) -> None:
    path = server.sample("pocket-ril_export.html", tmp_path / "ril_export.html")
    done = margin("import", str(path))
    assert done.exit_code == 1
    assert "Articles: 3 imported" in done.output
    assert f"margin: {server.base}/gone: the server answered HTTP 404 Not Found" in done.output
    retry = next((library_dir / "import-failures").iterdir())
    assert f"margin: 1 failed; to retry them: margin import {retry}" in done.output
    # Named for what it holds, and the retry the summary gives reads it (the link still dead:
    # the same list, rewritten in place).
    assert retry.name.startswith("ril_export-") and retry.name.endswith("-failed.html")
    again = margin("import", str(retry))
    assert again.exit_code == 1
    assert f"margin: 1 failed; to retry them: margin import {retry} (rewritten" in again.output
    assert [p.name for p in (library_dir / "import-failures").iterdir()] == [retry.name]


def test_exports_and_articles_in_one_command(
    margin: Callable[..., Result], tmp_path: Path, news_file: Path
) -> None:
    done = margin("import", str(SAMPLES / "kindle-fr.txt"), str(news_file))
    assert done.exit_code == 0, done.output
    assert "Articles: 1 imported" in done.output  # the book of the French clippings
    assert "imported" in done.output.splitlines()[-1]  # then the news article


def test_the_reader_s_import_path_recognises_an_export_too(tmp_path: Path) -> None:
    from annotations.workspace import Workspace

    workspace = Workspace(tmp_path / "lib")
    plan = workspace.articles.plan([str(SAMPLES / "kindle-it.txt")])
    assert [job.kind for job in plan.jobs] == ["export"]
    summary = workspace.articles.run(plan)
    (done,) = summary.results
    assert done.status == "imported"
    assert done.line().endswith("(Articles: 1 imported; Highlights: 1 added, 0 already there)")
    assert [m.title for m in workspace.articles.listing()] == [
        "Se una notte d'inverno un viaggiatore"
    ]


def test_the_readme_table_of_exports_comes_from_the_registry() -> None:
    from library.importers.exports import markdown_table
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- exports-table")
    body = readme[readme.index("\n", start) + 1 : readme.index("<!-- /exports-table -->")]
    assert body.strip() == markdown_table(), "regenerate the README's table from markdown_table()"


def test_an_orphan_round_tripped_through_margins_csv_is_not_added_twice(
    margin: Callable[..., Result], server: Served, tmp_path: Path
) -> None:
    """A highlight whose words are not in the page (kept as an orphan) comes back from
    Margin's own CSV export under another id: it is the same highlight, already there."""
    path = server.sample("hypothesis-search.json", tmp_path / "search.json")
    assert margin("import", str(path)).exit_code == 0
    before = margin("annotations", "--json").output
    exported = tmp_path / "highlights.csv"
    assert margin("export", "-f", "csv", "-o", str(exported)).exit_code == 0
    again = margin("import", str(exported))
    assert again.exit_code == 0, again.output
    assert "Highlights: 0 added, 3 already there" in again.output
    assert margin("annotations", "--json").output == before


def test_an_export_with_an_entry_skipped_imports_the_rest_and_exits_1(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    # A script must learn that something was not imported: the rest is, and the summary says
    # how many entries were skipped, each named on stderr.
    path = SAMPLES / "kindle-unknown.txt"
    done = margin("import", str(path))
    assert done.exit_code == 1
    assert "Articles: 1 imported" in done.stdout
    assert "Skipped: 1, each named below" in done.stdout
    assert f"margin: {path}:2: cannot read" in done.stderr


def test_a_folder_whose_export_skipped_an_entry_says_so_and_exits_1(
    margin: Callable[..., Result], tmp_path: Path, news_file: Path
) -> None:
    folder = tmp_path / "kindle"
    folder.mkdir()
    shutil.copy(SAMPLES / "kindle-unknown.txt", folder / "My Clippings.txt")
    shutil.copy(news_file, folder / "news.txt")
    (folder / "cover.png").write_bytes(b"\x89PNG....")  # not an article: left out by choice
    done = margin("import", str(folder))
    assert done.exit_code == 1
    assert (
        "Summary: 2 articles imported (1 from 1 export), 1 highlight added, 0 failed, 1 file "
        "skipped, 1 export imported in part (entries skipped)"
    ) in " ".join(done.stdout.split())  # the line wraps at the console's width
    assert "My Clippings.txt:2: cannot read" in done.stderr
    assert "My Clippings.txt  (Articles: 1 imported; Highlights: " in done.stdout  # as the TUI
    (folder / "My Clippings.txt").unlink()
    again = margin("import", str(folder))  # only a file of another kind left out: all is well
    assert again.exit_code == 0, again.output
    assert "Summary: 0 articles imported, 1 unchanged, 0 failed, 1 file skipped" in again.stdout


def test_an_unzipped_omnivore_export_imports_as_its_zip_does(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    # The folder Omnivore's zip unpacks to, under a name that says nothing: its highlights file
    # is not an article, and its metadata is read, not skipped.
    folder = tmp_path / "Downloads" / "unpacked"
    shutil.copytree(SAMPLES / "omnivore", folder)
    done = margin("import", str(folder))
    assert done.exit_code == 0, done.output
    assert "Omnivore export" in done.stdout
    assert "Articles: 2 imported" in done.stdout
    assert "Highlights: 2 added, 0 already there" in done.stdout
    listed = __import__("json").loads(margin("list", "--json").output)
    assert sorted(row["title"] for row in listed) == [
        "The ferry timetable changes in March",
        "Tidewater library opens its doors at night",
    ]
    again = margin("import", str(folder))
    assert "Articles: 2 unchanged" in again.stdout


def _mixed(folder: Path, article: Path, others: list[str]) -> Path:
    """folder with one article and files named others that are none (JSON, not an export)."""
    folder.mkdir()
    shutil.copy(article, folder / "news.txt")
    for name in others:
        (folder / name).write_text('{"not": "an export"}')
    return folder


def test_every_file_a_folder_import_skips_is_named_with_why(
    margin: Callable[..., Result], tmp_path: Path, news_file: Path
) -> None:
    folder = _mixed(tmp_path / "mixed", news_file, ["data.json"])
    done = margin("import", str(folder))
    assert done.exit_code == 0, done.output
    assert f"margin: {folder / 'data.json'}: skipped, not a .txt" in done.stderr


def test_a_folder_of_many_skipped_files_names_twenty_and_counts_the_rest(
    margin: Callable[..., Result], tmp_path: Path, news_file: Path
) -> None:
    from library.text import MAX_LINES_SHOWN

    others = [f"data-{n:02}.json" for n in range(MAX_LINES_SHOWN + 3)]
    folder = _mixed(tmp_path / "mixed", news_file, others)
    done = margin("import", str(folder))
    assert done.exit_code == 0, done.output
    named = [line for line in done.stderr.splitlines() if ": skipped, not a .txt" in line]
    assert len(named) == MAX_LINES_SHOWN
    assert "margin: … and 3 more files skipped" in done.stderr.splitlines()


def test_an_unzipped_omnivore_export_inside_a_larger_folder_is_one_export_beside_its_files(
    margin: Callable[..., Result], tmp_path: Path, news_file: Path
) -> None:
    # The user's own article beside the export's folder is imported too, not left out unnamed;
    # the export's files are read as the export (its highlights file is no article).
    for folder in (tmp_path / "Documents", tmp_path / "Deeper"):
        inner = folder / "omnivore-export" if folder.name == "Documents" else folder / "a" / "b"
        shutil.copytree(SAMPLES / "omnivore", inner)
        shutil.copy(news_file, folder / "news.txt")
        done = margin("import", str(folder))
        assert done.exit_code == 0, done.output
        assert "omnivore-export" not in done.stderr  # no file of it skipped
        listed = __import__("json").loads(margin("list", "--json").output)
        assert sorted(row["title"] for row in listed if "ferry" in row["title"]) == [
            "The ferry timetable changes in March"
        ]
        assert len(listed) == 3, [row["title"] for row in listed]


def test_a_users_file_inside_an_unzipped_omnivore_export_is_named_as_skipped(
    margin: Callable[..., Result], tmp_path: Path, news_file: Path
) -> None:
    folder = tmp_path / "Downloads"
    shutil.copytree(SAMPLES / "omnivore", folder)
    shutil.copy(news_file, folder / "my-essay.txt")  # the user's, saved beside the export
    done = margin("import", str(folder))
    assert "Articles: 2 imported" in done.stdout
    assert (
        f"{folder}: my-essay.txt: not part of the Omnivore export; skipped (import it on its own)"
    ) in done.stderr
    assert done.exit_code == 1


def test_a_link_out_of_an_unzipped_omnivore_export_is_named_not_read(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    shutil.copytree(SAMPLES / "omnivore", folder)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / "metadata_0_to_2.json").rename(elsewhere / "metadata_0_to_2.json")
    (folder / "metadata_0_to_2.json").symlink_to(elsewhere / "metadata_0_to_2.json")
    done = margin("import", str(folder))
    assert done.exit_code == 1
    assert (
        f"{folder}: metadata_0_to_2.json: a link to outside the folder; skipped (copy what it "
        "leads to into the folder to import it)"
    ) in done.stderr


def test_each_export_is_recognised_once(
    margin: Callable[..., Result],
    tmp_path: Path,
    news_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An export given by itself, or found in a folder, is recognised when the import is
    # planned, and imported as that: not recognised a second time when it is read.
    from annotations.workspace import importing

    looked: list[str] = []
    for name in ("recognise", "recognise_folder"):
        real = getattr(importing, name)

        def counted(what: object, real: Callable[[object], object] = real) -> object:
            looked.append(str(what) if isinstance(what, Path) else "bytes")
            return real(what)

        monkeypatch.setattr(importing, name, counted)
    unpacked = tmp_path / "omnivore-export"
    shutil.copytree(SAMPLES / "omnivore", unpacked)
    clippings = tmp_path / "My Clippings.txt"
    shutil.copy(SAMPLES / "kindle-de.txt", clippings)
    for source in (unpacked, clippings):
        looked.clear()
        assert margin("import", str(source)).exit_code == 0
        assert len(looked) == 1, (source, looked)
    inside = tmp_path / "Documents"
    shutil.copytree(unpacked, inside / "omnivore-export")
    shutil.copy(news_file, inside / "news.txt")
    looked.clear()
    assert margin("import", str(inside)).exit_code == 0
    assert looked.count(str(inside / "omnivore-export")) == 1, looked
