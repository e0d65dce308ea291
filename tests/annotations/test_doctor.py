"""`workspace.doctor`: what it finds in a library's files and what --fix repairs, as calls."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from annotations.edits import Edit
from annotations.model import Annotation
from annotations.workspace import Finding, Workspace, conflict_of
from library.errors import LibraryError
from tests.conftest import NEWS_TEXT, REPO

CONFLICT = ".sync-conflict-20240131-142501-ABCDEF7.json"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "lib"


@pytest.fixture
def margin_cli(root: Path) -> Callable[..., Result]:
    """The `margin` CLI in-process on the library at root."""
    from click.testing import CliRunner

    from tui.cli import cli

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--library", str(root), *args], catch_exceptions=False)

    return run


@pytest.fixture
def article_id(root: Path) -> str:
    workspace = Workspace(root)
    done = workspace.articles.import_bytes(NEWS_TEXT.encode(), "news.txt")
    assert done.article is not None, done.error
    return done.article.id


def _fresh(root: Path) -> Workspace:
    """A new workspace on the folder, as the next `margin` command would open it."""
    return Workspace(root)


def _kinds(findings: list[Finding], *, problems: bool = True) -> list[str]:
    return [f.kind for f in findings if f.severity == "problem" or not problems]


def _highlight(root: Path, article_id: str, quote: str) -> Annotation:
    return _fresh(root).highlights.create(article_id, quote=quote).annotation


def test_a_healthy_library_is_all_clear(root: Path, article_id: str) -> None:
    first = _highlight(root, article_id, "eroding trust")
    _fresh(root).highlights.change(first.id, Edit.set(note="a note"))
    _fresh(root).search.run("trust")
    assert _fresh(root).doctor.check() == []
    assert _fresh(root).doctor.fix() == []


def test_a_truncated_highlights_file_is_restored_with_the_last_save(
    root: Path, article_id: str
) -> None:
    first = _highlight(root, article_id, "eroding trust")
    last = _highlight(root, article_id, "federal immigration officials")  # the last save
    shard = root / "annotations" / f"{article_id}.json"
    shard.write_bytes(shard.read_bytes()[:40])
    found = _fresh(root).doctor.check()
    assert _kinds(found) == ["damaged-highlights"]
    assert found[0].fixable and "restores the backup saved" in found[0].action
    assert sorted(p.name for p in shard.parent.iterdir() if ".corrupt-" in p.name) == []

    fixed = _fresh(root).doctor.fix()
    assert [(f.kind, f.fixed) for f in fixed if f.severity == "problem"] == [
        ("damaged-highlights", True)
    ]
    assert "Margin's last save" in fixed[0].outcome
    ids = {a.id for a in _fresh(root).store.for_article(article_id)}
    assert ids == {first.id, last.id}
    kept = [p for p in shard.parent.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1 and kept[0].stat().st_size == 40  # the damaged file is kept
    assert _kinds(_fresh(root).doctor.check()) == []


def test_highlights_lost_for_want_of_a_good_backup_are_said_and_stay_a_problem(
    root: Path, article_id: str, margin_cli: Callable[..., Result]
) -> None:
    """It used to say "fixed … all fixed" and exit 0 though every highlight was gone."""
    ws = _fresh(root)
    for quote in ("eroding trust", "federal immigration officials", "mandatory"):
        ws.highlights.create(article_id, quote=quote)
    ws.close()  # as every command ends: the highlights index brought up to date
    shard = root / "annotations" / f"{article_id}.json"
    for path in [shard, *(root / "annotations" / ".backups").iterdir()]:
        path.write_bytes(b"\x00garbage")
    found = _fresh(root).doctor.check()
    assert "no good backup" in found[0].action and "lost" in found[0].action
    result = margin_cli("doctor", "--fix")
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if "damaged" in x or "lost" in x)
    assert line.startswith("problem") and "lost 3 highlights, no good backup (kept as " in line
    assert "restored" not in line and "all fixed" not in result.stdout
    kept = [p for p in shard.parent.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x00garbage"


def test_an_older_backup_restored_says_what_it_lacks(root: Path, article_id: str) -> None:
    ws = _fresh(root)
    first = ws.highlights.create(article_id, quote="eroding trust").annotation
    ws.highlights.create(article_id, quote="mandatory")
    ws.close()
    shard = root / "annotations" / f"{article_id}.json"
    newest = max((root / "annotations" / ".backups").iterdir(), key=lambda p: p.stat().st_mtime_ns)
    newest.write_bytes(b"{")
    shard.write_bytes(b"{")
    (finding,) = [f for f in _fresh(root).doctor.fix() if f.kind == "damaged-highlights"]
    assert not finding.fixed and finding.remains
    assert finding.outcome.startswith("restored from the backup saved ")
    assert "but lost 1 highlight saved after it" in finding.outcome
    assert [a.id for a in _fresh(root).store.for_article(article_id)] == [first.id]


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_damaged_article_is_found_and_restored_from_its_backup(
    root: Path, article_id: str, damage: str, margin_cli: Callable[..., Result]
) -> None:
    """A truncated article file used to get "all clear", and articles had no backup."""
    first = _highlight(root, article_id, "eroding trust")
    path = root / "articles" / f"{article_id}.md"
    saved = path.read_bytes()
    path.write_bytes(saved[: len(saved) * 2 // 3] if damage == "truncated" else b"\x00\xff" * 50)
    found = _fresh(root).doctor.check()
    assert _kinds(found) == ["damaged-article"]
    assert path.read_bytes() != saved  # check only looks
    if damage == "garbage":  # every command's one line says what mends it
        ws = _fresh(root)
        ws.articles.listing()
        (problem,) = ws.articles.problems
        assert problem.endswith("`margin doctor --fix` restores its backup")
    result = margin_cli("doctor", "--fix")
    assert result.exit_code == 0, result.stdout
    assert "restored from the backup saved" in result.stdout
    assert path.read_bytes() == saved
    kept = [p for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() != saved
    assert _kinds(_fresh(root).doctor.check()) == []
    assert [a.id for a in _fresh(root).store.for_article(article_id)] == [first.id]
    assert _fresh(root).articles.listing()[0].id == article_id  # the catalog lists it again


def test_a_hand_edit_of_an_article_is_not_damage(root: Path, article_id: str) -> None:
    path = root / "articles" / f"{article_id}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("would continue.", "would go on."), encoding="utf-8")
    assert "damaged-article" not in _kinds(_fresh(root).doctor.check())
    path.write_text(text + "\nA paragraph added at the end.\n", encoding="utf-8")
    assert "damaged-article" not in _kinds(_fresh(root).doctor.check())


def test_a_directory_in_place_of_a_highlights_file_is_moved_aside(
    root: Path, article_id: str
) -> None:
    first = _highlight(root, article_id, "eroding trust")
    shard = root / "annotations" / f"{article_id}.json"
    shard.unlink()
    shard.mkdir()
    (shard / "keep.txt").write_text("mine")
    assert _kinds(_fresh(root).doctor.check()) == ["damaged-highlights"]
    assert [f.fixed for f in _fresh(root).doctor.fix() if f.severity == "problem"] == [True]
    assert [a.id for a in _fresh(root).store.for_article(article_id)] == [first.id]
    aside = next(p for p in shard.parent.iterdir() if ".corrupt-" in p.name)
    assert (aside / "keep.txt").read_text() == "mine"


def _conflict_copy(root: Path, article_id: str) -> tuple[Path, dict[str, Annotation]]:
    """A Syncthing copy made on another machine: one extra highlight and one newer note."""
    workspace = _fresh(root)
    kept = workspace.highlights.create(article_id, quote="eroding trust").annotation
    other = workspace.highlights.create(article_id, quote="mandatory").annotation
    shard = root / "annotations" / f"{article_id}.json"
    data = json.loads(shard.read_bytes())
    article = workspace.articles.get(article_id)
    start = article.text.index("federal immigration officials")
    extra = Annotation.from_span(article_id, article.text, start, start + 29, note="theirs")
    data["annotations"][extra.id] = extra.to_dict()
    data["annotations"][kept.id].update(note="newer, theirs", modified="2999-01-01T00:00:00.000Z")
    data["annotations"][other.id].update(note="older, theirs", modified="2000-01-01T00:00:00.000Z")
    copy = shard.with_name(f"{article_id}{CONFLICT}")
    copy.write_bytes(json.dumps(data).encode())
    # Meanwhile, here: the other highlight's note changed (later than the copy's version).
    _fresh(root).highlights.change(other.id, Edit.set(note="mine"))
    return copy, {"kept": kept, "other": other, "extra": extra}


def test_a_syncthing_conflict_copy_is_merged_and_moved_to_the_trash(
    root: Path, article_id: str
) -> None:
    copy, made = _conflict_copy(root, article_id)
    # The copy is not a second highlights file: no highlight is listed twice, nor edited there.
    assert len(_fresh(root).store.query()) == 2
    assert json.loads(copy.read_bytes())["annotations"][made["other"].id]["note"] == "older, theirs"
    found = _fresh(root).doctor.check()
    assert _kinds(found) == ["conflict-copy"] and found[0].fixable
    assert "Syncthing" in found[0].message and "3 highlights" in found[0].message

    fixed = _fresh(root).doctor.fix()
    assert [(f.kind, f.fixed) for f in fixed if f.severity == "problem"] == [
        ("conflict-copy", True)
    ]
    assert "1 added, 1 updated" in fixed[0].outcome
    notes = {a.id: a.note for a in _fresh(root).store.for_article(article_id)}
    assert notes == {
        made["kept"].id: "newer, theirs",  # the copy's change was later
        made["other"].id: "mine",  # this file's change was later
        made["extra"].id: "theirs",  # only in the copy: kept
    }
    assert not copy.exists()
    assert (root / "trash" / "conflicts" / copy.name).exists()  # never deleted
    assert _fresh(root).articles.trash() == []  # not a removed article
    assert _kinds(_fresh(root).doctor.check()) == []


def test_merging_keeps_deletions_unless_changed_later(root: Path, article_id: str) -> None:
    workspace = _fresh(root)
    gone = workspace.highlights.create(article_id, quote="eroding trust").annotation
    back = workspace.highlights.create(article_id, quote="mandatory").annotation
    shard = root / "annotations" / f"{article_id}.json"
    copy = shard.with_name(f"{article_id}{CONFLICT}")
    copy.write_bytes(shard.read_bytes())  # the other machine has both, unchanged
    workspace.store.delete(gone.id)
    workspace.store.delete(back.id)
    data = json.loads(copy.read_bytes())
    data["annotations"][back.id].update(note="edited there", modified="2999-01-01T00:00:00.000Z")
    copy.write_bytes(json.dumps(data).encode())

    report = _fresh(root).store.merge_from(article_id, copy)
    assert (report.restored, report.added, report.updated) == (1, 0, 0)
    live = _fresh(root).store.for_article(article_id)
    assert [(a.id, a.note) for a in live] == [(back.id, "edited there")]
    assert [a.id for a in _fresh(root).store.deleted(article_id)] == [gone.id]
    assert copy.exists()  # the store only reads it


def test_stray_temp_files_are_swept(root: Path, article_id: str) -> None:
    _highlight(root, article_id, "eroding trust")
    old, young = time.time() - 3600, time.time()
    made, writing = [], []
    for place, age in (
        ("articles", old),
        ("annotations", young),  # a write in progress (or cut short a moment ago): left alone
        ("annotations/.backups", old),
        (".index", young),
        ("", old),
    ):
        path = root / place / ".boston.json.k3j4h5.tmp"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("partial")
        os.utime(path, (age, age))
        (made if age == old else writing).append(path)
    draft = root / "articles" / "draft.tmp"  # not a name Margin's writes make
    draft.write_text("the user's")
    found = _fresh(root).doctor.check()
    assert _kinds(found) == ["temp-file"] * 3
    assert all(p.exists() for p in made)  # check only looks
    fixed = _fresh(root).doctor.fix()
    assert all(f.fixed for f in fixed if f.kind == "temp-file")
    assert not any(p.exists() for p in made) and draft.exists()
    assert all(p.exists() for p in writing)


def test_a_board_save_in_progress_keeps_its_temp_file(root: Path, article_id: str) -> None:
    """The doctor used to remove every temp file whatever its age, under every lock but the
    board's: another process's board reorder lost its temp file before its rename."""
    saving = root / ".briefs.json.a1b2c3.tmp"  # another process between its write and rename
    saving.write_text('{"orders": {}}')
    _fresh(root).doctor.fix()
    assert saving.exists()
    # An old one whose lock another process holds is a live write too (a slow disk): kept.
    then = time.time() - 3600
    os.utime(saving, (then, then))
    script = (
        "import sys, time; from filelock import FileLock; "
        "lock = FileLock(sys.argv[1]); lock.acquire(); print('held', flush=True); time.sleep(30)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(root / "briefs.json.lock")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        fixed = _fresh(root).doctor.fix()
        assert saving.exists()
        assert [f.fixed for f in fixed if f.kind == "temp-file"] == [False]
    finally:
        holder.kill()
        holder.wait()
    assert [f.fixed for f in _fresh(root).doctor.fix() if f.kind == "temp-file"] == [True]
    assert not saving.exists()


def test_a_stale_or_unreadable_catalog_is_rebuilt(root: Path, article_id: str) -> None:
    path = root / "articles" / f"{article_id}.md"
    path.write_text(path.read_text().replace("title: ", "title: Edited ", 1))
    found = _fresh(root).doctor.check()
    assert [(f.kind, f.file, f.severity) for f in found] == [
        ("stale-cache", ".index/catalog.json", "note")
    ]
    assert [f.fixed for f in _fresh(root).doctor.fix()] == [True]
    assert _fresh(root).doctor.check() == []
    assert _fresh(root).articles.saved_catalog()[0].title.startswith("Edited")  # type: ignore[index]

    (root / ".index" / "catalog.json").write_bytes(b"\x00garbage")
    found = _fresh(root).doctor.check()
    assert [(f.kind, f.severity) for f in found] == [("unreadable-cache", "problem")]
    assert [f.fixed for f in _fresh(root).doctor.fix()] == [True]
    assert _fresh(root).doctor.check() == []


def test_a_stale_or_damaged_search_index_is_rebuilt(
    root: Path, article_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from library import search as search_module

    path = root / "articles" / f"{article_id}.md"
    old = time.time() - 3600
    os.utime(path, (old, old))
    # Not changed a moment ago (its ctime is, by the utime): the index trusts its stamp.
    monkeypatch.setattr(search_module, "RACY_NS", 0)
    monkeypatch.setattr(search_module, "RACY_FINE_NS", 0)
    _fresh(root).search.run("trust")
    path.write_text(path.read_text() + "\nA new closing paragraph about lighthouses.\n")
    os.utime(path, (old + 60, old + 60))
    found = _fresh(root).doctor.check()
    assert ("stale-cache", ".index/search.json") in [(f.kind, f.file) for f in found]
    _fresh(root).doctor.fix()
    assert [f.kind for f in _fresh(root).doctor.check()] == []
    assert _fresh(root).search.run("lighthouses").hits

    pointer = root / ".index" / "search.json"
    pointer.write_text('{"version": 1, "db": "search-missing.db"}')
    found = _fresh(root).doctor.check()
    assert [(f.kind, f.file) for f in found] == [("unreadable-cache", ".index/search.json")]
    assert [f.fixed for f in _fresh(root).doctor.fix()] == [True]
    assert _fresh(root).doctor.check() == []


def test_an_unreadable_highlights_index_is_rebuilt(root: Path, article_id: str) -> None:
    _highlight(root, article_id, "eroding trust")
    _fresh(root).articles.listing()
    (root / "annotations" / ".index.json").write_text("{not json")
    found = _fresh(root).doctor.check()
    assert [(f.kind, f.file) for f in found] == [("unreadable-cache", "annotations/.index.json")]
    assert [f.fixed for f in _fresh(root).doctor.fix()] == [True]
    assert _fresh(root).doctor.check() == []


def test_an_orphan_highlights_file_is_reported_not_touched(
    root: Path, article_id: str, tmp_path: Path
) -> None:
    _highlight(root, article_id, "eroding trust")
    article = root / "articles" / f"{article_id}.md"
    article.rename(tmp_path / "moved-away.md")
    found = _fresh(root).doctor.check()
    orphan = [f for f in found if f.kind == "orphan-highlights-file"]
    assert len(orphan) == 1 and not orphan[0].fixable and "1 highlight" in orphan[0].message
    fixed = _fresh(root).doctor.fix()
    assert any(f.remains for f in fixed)
    assert (root / "annotations" / f"{article_id}.json").exists()


def test_highlights_of_an_article_in_the_trash_are_no_orphans(root: Path, article_id: str) -> None:
    _highlight(root, article_id, "eroding trust")
    _fresh(root).articles.remove(article_id)
    assert _kinds(_fresh(root).doctor.check()) == []


def test_a_hand_edited_article_is_re_anchored_by_fix(root: Path, article_id: str) -> None:
    made = _highlight(root, article_id, "mandatory")
    path = root / "articles" / f"{article_id}.md"
    text = path.read_text()
    path.write_text(text.replace("Federal officials", "Late on Tuesday, federal officials", 1))
    found = _fresh(root).doctor.check()
    assert _kinds(found) == ["unanchored"] and "1 highlight" in found[0].message
    fixed = _fresh(root).doctor.fix()
    assert [(f.kind, f.fixed) for f in fixed if f.severity == "problem"] == [("unanchored", True)]
    workspace = _fresh(root)
    article = workspace.articles.get(article_id)
    (stored,) = workspace.store.for_article(article_id)
    assert stored.id == made.id and article.text[stored.start : stored.end] == "mandatory"
    assert stored.anchored_in(article.text)
    assert _kinds(_fresh(root).doctor.check()) == []


def test_the_store_says_how_highlights_stand_against_a_text_and_writes_nothing(
    root: Path, article_id: str
) -> None:
    """The doctor's anchoring check is the store's (the highlights' owner), looking only."""
    kept = _highlight(root, article_id, "mandatory")
    moved = _highlight(root, article_id, "eroding trust")
    workspace = _fresh(root)
    workspace.store.change(kept.id, Edit({"needs_review": True}))
    text = workspace.articles.get(article_id).text
    shard = workspace.store.shard_path(article_id)
    before = shard.read_bytes()
    standing = workspace.store.anchoring(article_id, text)
    assert (standing.unanchored, standing.orphaned, standing.review) == (0, 0, 1)
    edited = "Late news. " + text  # every offset now counts in another text
    assert workspace.store.anchoring(article_id, edited).unanchored == 2
    assert shard.read_bytes() == before
    assert {a.id for a in workspace.store.for_article(article_id)} == {kept.id, moved.id}


def test_the_doctor_asks_the_owners_and_parses_no_file_itself() -> None:
    """Article files are parsed by the Library, highlights checked against them by the store:
    the doctor neither parses an article, nor compares a highlight with a text, nor reads the
    tables of a highlights file (the store says which ids it holds)."""
    source = (REPO / "annotations" / "workspace" / "doctor.py").read_text(encoding="utf-8")
    for owned in ("loads(", "anchored_in(", "from_dict(", "text_fingerprint(", "shards import"):
        assert owned not in source, owned


def test_a_stale_parsed_article_is_dropped_by_its_owner(root: Path) -> None:
    body = "\n\n".join(f"Paragraph {i} says something at length. " * 20 for i in range(400))
    workspace = _fresh(root)
    done = workspace.articles.import_bytes(("A long report\n\n" + body).encode(), "long.txt")
    assert done.article is not None
    workspace.articles.get(done.article.id)  # opened: its parsed form cached
    cache = root / ".index" / "parsed" / f"{done.article.id}.marshal"
    assert cache.exists()
    path = root / "articles" / f"{done.article.id}.md"
    path.write_text(path.read_text().replace("Paragraph 0 ", "Paragraph zero "))
    shown = f".index/parsed/{done.article.id}.marshal"
    found = [f.file for f in _fresh(root).doctor.check() if f.kind == "stale-cache"]
    assert shown in found  # beside the catalog, stale too after the hand edit
    fixed = [f for f in _fresh(root).doctor.fix() if f.file == shown]
    assert [(f.fixed, f.outcome) for f in fixed] == [(True, "rebuilt")]
    assert not cache.exists()
    with pytest.raises(LibraryError):  # the owner deletes only its own cache files
        _fresh(root).library.drop_parsed(path)
    assert path.exists()


def test_damaged_reading_state_is_restored(root: Path, article_id: str) -> None:
    _fresh(root).reading.set_position(article_id, 10, 12)
    _fresh(root).reading.set_position(article_id, 20, 22)
    (root / "state.json").write_text("garbage")
    assert _kinds(_fresh(root).doctor.check()) == ["damaged-state"]
    assert [f.fixed for f in _fresh(root).doctor.fix() if f.kind == "damaged-state"] == [True]
    position = _fresh(root).reading.position(article_id)
    assert position is not None and (position.offset, position.cursor) == (20, 22)


def test_missing_and_damaged_backups_are_remade(root: Path, article_id: str) -> None:
    first = _highlight(root, article_id, "eroding trust")
    backups = root / "annotations" / ".backups"
    (slot,) = backups.iterdir()
    slot.write_text("{")
    found = _fresh(root).doctor.check()
    assert _kinds(found) == ["damaged-backup"]
    assert [f.fixed for f in _fresh(root).doctor.fix()] == [True]
    assert list((root / "trash" / "damaged").iterdir())  # the damaged copy is kept
    assert _kinds(_fresh(root).doctor.check()) == []

    for slot in backups.iterdir():
        slot.unlink()
    assert _kinds(_fresh(root).doctor.check()) == ["missing-backup"]
    _fresh(root).doctor.fix()
    assert _kinds(_fresh(root).doctor.check()) == []
    assert [a.id for a in _fresh(root).store.for_article(article_id)] == [first.id]


def test_an_article_conflict_copy_is_reported_with_the_command_to_compare(
    root: Path, article_id: str
) -> None:
    path = root / "articles" / f"{article_id}.md"
    copy = path.with_name(f"{article_id} (Ann's conflicted copy 2024-01-31).md")
    copy.write_text(path.read_text())
    found = _fresh(root).doctor.fix()
    (conflict,) = [f for f in found if f.kind == "article-conflict"]
    assert "Dropbox" in conflict.message and not conflict.fixable and conflict.remains
    assert conflict.action.startswith("compare: diff articles/") and "'\"'\"'" in conflict.action
    assert copy.exists() and path.exists()


@pytest.mark.parametrize(
    ("name", "original"),
    [
        ("abc.sync-conflict-20240131-142501-ABCDEF7.json", "abc.json"),
        ("abc (Ann's conflicted copy 2024-01-31).json", "abc.json"),
        ("abc (conflicted copy 2024-01-31 142501).md", "abc.md"),
        ("state.sync-conflict-20240131-142501-7ZZZZZZ.json", "state.json"),
        ("abc.json", None),
        ("abc (copy).json", None),
    ],
)
def test_conflict_names(name: str, original: str | None) -> None:
    found = conflict_of(name)
    assert (found[0] if found else None) == original


def test_a_damaged_briefs_file_is_reported_and_restored(root: Path, article_id: str) -> None:
    """`margin doctor` did not look at briefs.json at all."""
    _fresh(root).briefs.orders.update("t\x1fsupport", lambda ids: ["a", "b"])
    _fresh(root).briefs.orders.update("t\x1fsupport", lambda ids: ["b", "a"])  # the last save
    (root / "briefs.json").write_bytes(b"\x00garbage")
    found = _fresh(root).doctor.check()
    assert [(f.kind, f.file) for f in found] == [("damaged-briefs", "briefs.json")]
    assert "no highlight is in it" in found[0].action
    fixed = _fresh(root).doctor.fix()
    assert [(f.kind, f.fixed) for f in fixed] == [("damaged-briefs", True)]
    assert "Margin's last save" in fixed[0].outcome
    assert _fresh(root).briefs.orders.all() == {"t\x1fsupport": ["b", "a"]}
    assert _fresh(root).doctor.check() == []
