"""Every write path killed at every rename and fsync (`tests/faults.py`), then checked.

For each path (remove, restore, import, re-import, highlight, annotate, edit, board reorder,
doctor --fix) the operation is first run to count its steps, then on a fresh copy of the same
library once per step with a SIGKILL simulated at that step. After each kill, after the next
command, and after `doctor --fix`:
- no acknowledged save is missing (every highlight saved before, with its note, is in the
  library or in an entry `restore --list` shows);
- no highlight is on other words (as the read path hands them out);
- every entry in the trash is listed by `restore --list` (its recovery run first);
- `doctor` reports a removal or restore cut short, and `--fix` finishes or undoes it.

`MARGIN_KILL_MATRIX=long` (`make soak` sets it) runs the long variant: every path from a second
starting library too (its highlights file damaged, for doctor --fix; more highlights).
The table in tests/RELIABILITY.md is the matrix `python -m tests.test_kill_matrix` prints.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import pytest

from annotations.edits import Edit
from annotations.shards import LIVE
from annotations.workspace import Workspace
from tests.conftest import NEWS_TEXT, SECOND
from tests.faults import Killed, killed_at

THIRD = """\
Harbour trial gets a second look

Published 3 June 2026
By Ann Lee

The trial of a car-free Harbour Street will be reviewed in the autumn.

Traders asked for a delivery window before ten in the morning.

The council said the review would publish its figures in full.
"""
REIMPORTED = NEWS_TEXT.replace(
    "Boston Mayor Thomas M. Menino said",
    "An editor's note was added above this paragraph.\n\nBoston Mayor Thomas M. Menino said",
)


@dataclass
class Expected:
    """Acknowledged saves: highlight id -> the notes it may have (a killed change may or may
    not have landed)."""

    notes: dict[str, set[str]] = field(default_factory=dict)
    titles: dict[str, set[str]] = field(default_factory=dict)

    def copy(self) -> Expected:
        return Expected(
            {k: set(v) for k, v in self.notes.items()},
            {k: set(v) for k, v in self.titles.items()},
        )


@dataclass
class Template:
    root: Path
    ids: dict[str, str]  # article name -> id; highlight name -> id
    expected: Expected


def _build(root: Path) -> Template:
    ws = Workspace(root)
    ids: dict[str, str] = {}
    for name, text in (("news", NEWS_TEXT), ("second", SECOND), ("third", THIRD)):
        imported = ws.articles.import_bytes(text.encode(), f"{name}.txt")
        assert imported.article is not None
        ids[name] = imported.article.id
    expected = Expected()
    for name, article, quote, stance in (
        ("h1", "news", "eroding trust", "support"),
        ("h2", "news", "The program shares fingerprints", "support"),
        ("h3", "second", "cheapest way to make buses reliable", "oppose"),
        ("h4", "third", "delivery window before ten", "neutral"),
    ):
        made = ws.highlights.create(
            ids[article], quote=quote, stance=stance, tags=["t"], note=f"note {name}"
        )
        ids[name] = made.annotation.id
        expected.notes[made.annotation.id] = {f"note {name}"}
    ws.briefs.move("t", "support", ids["h2"], -1)  # a saved board order
    ws.articles.remove(ids["third"])  # in the trash, for the restore path
    for name in ("news", "second", "third"):
        expected.titles[ids[name]] = {ws.library.get(ids[name]).title} if name != "third" else set()
    (root.parent / BOOK_CSV_NAME).write_text(BOOK_CSV, encoding="utf-8")  # outside the library
    return Template(root, ids, expected)


def _damaged(template: Template, root: Path) -> Template:
    """The template with a truncated highlights file and a hand-edited article (for --fix)."""
    shutil.copytree(template.root, root)
    ws = Workspace(root)
    (root / "annotations" / f"{template.ids['news']}.json").write_bytes(b'{"annota')
    path = ws.library.path_of(template.ids["second"])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("The council", "Late news.\n\nThe council"), encoding="utf-8")
    return Template(root, template.ids, template.expected.copy())


# Each path: (name, the operation on a fresh workspace -> what it acknowledges, the next command)
Operation = Callable[[Workspace, Template, Expected], None]


def _remove(ws: Workspace, t: Template, e: Expected) -> None:
    ws.articles.remove(t.ids["news"])


def _restore(ws: Workspace, t: Template, e: Expected) -> None:
    ws.articles.restore(t.ids["third"])


def _import(ws: Workspace, t: Template, e: Expected) -> None:
    done = ws.articles.import_bytes(b"A fourth story\n\nIt is short but it is a story.\n", "4.txt")
    assert done.status == "imported", done.error


# A Readwise export of a book the library does not hold: an article of its passages, and its
# highlights written by the store's streamed write (issue 24).
BOOK_CSV_NAME = "kept-book.csv"
BOOK_CSV = (
    "Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,"
    "Highlighted at,Document tags\n"
    '"The first passage of the kept book.",The Kept Book,Ann Author,,a kept note,yellow,,'
    "location,10,2024-01-02 10:11:12,\n"
    '"The second passage of the kept book.",The Kept Book,Ann Author,,,yellow,,'
    "location,20,2024-01-02 10:11:12,\n"
)


def _import_highlights(ws: Workspace, t: Template, e: Expected) -> None:
    report = ws.imports.run(t.root.parent / BOOK_CSV_NAME)
    assert report.highlights["added"] == 2, report.lines()
    book = next(m for m in ws.library.catalog() if m.title == "The Kept Book")
    for made in ws.store.for_article(book.id):
        if made.note:
            e.notes[made.id] = {made.note}


def _reimport(ws: Workspace, t: Template, e: Expected) -> None:
    done = ws.articles.import_bytes(REIMPORTED.encode(), "news.txt")
    assert done.status == "updated", done.error


def _highlight(ws: Workspace, t: Template, e: Expected) -> None:
    made = ws.highlights.create(t.ids["news"], quote="mandatory", note="new")
    e.notes[made.annotation.id] = {"new"}


def _annotate(ws: Workspace, t: Template, e: Expected) -> None:
    ws.highlights.change(t.ids["h1"], Edit({"note": "changed"}))
    e.notes[t.ids["h1"]] = {"changed"}


def _edit(ws: Workspace, t: Template, e: Expected) -> None:
    ws.articles.edit(t.ids["second"], title="Edited title")
    e.titles[t.ids["second"]] = {"Edited title"}


def _reorder(ws: Workspace, t: Template, e: Expected) -> None:
    ws.briefs.move("t", "support", t.ids["h2"], 1)


def _doctor_fix(ws: Workspace, t: Template, e: Expected) -> None:
    ws.doctor.fix()


PATHS: dict[str, Operation] = {
    "remove": _remove,
    "restore": _restore,
    "import": _import,
    "re-import": _reimport,
    "import highlights": _import_highlights,
    "highlight": _highlight,
    "annotate": _annotate,
    "edit": _edit,
    "board reorder": _reorder,
    "doctor --fix": _doctor_fix,
}


def _while_killed(e: Expected, killed_note: dict[str, str], title: dict[str, str]) -> Expected:
    """What a killed operation may have left besides the acknowledged state."""
    allowed = e.copy()
    for ident, note in killed_note.items():
        allowed.notes.setdefault(ident, set()).add(note)
    for ident, value in title.items():
        allowed.titles.setdefault(ident, set()).add(value)
    return allowed


# -- the checks ----------------------------------------------------------------------------------
def _trash_notes(ws: Workspace) -> tuple[dict[str, str], set[Path]]:
    """restore --list: the highlights of every listed entry, and the listed folders."""
    notes: dict[str, str] = {}
    folders = set()
    for entry in ws.articles.trash():
        folders.add(entry.folder)
        shard = entry.folder / "annotations.json"
        if shard.exists():
            for ident, doc in _restorable(ws, entry.id, shard).items():
                notes[ident] = doc.get("note", "")
    return notes, folders


def _restorable(ws: Workspace, article_id: str, shard: Path) -> dict[str, dict[str, str]]:
    """The live highlights a restore brings back from a trashed highlights file: its own, or
    (it was damaged when removed) those of its newest good backup, which the store restores."""
    try:
        return dict(orjson.loads(shard.read_bytes()).get(LIVE, {}))
    except orjson.JSONDecodeError:
        good = ws.store.good_backup(article_id)
        return dict(orjson.loads(good.read_bytes()).get(LIVE, {})) if good else {}


def _check(root: Path, e: Expected, when: str) -> list[str]:
    """What is wrong with the library as the next commands see it (empty: nothing)."""
    ws = Workspace(root)
    problems: list[str] = []
    trash_notes, listed = _trash_notes(ws)  # restore --list (recovers first)
    for folder in sorted((root / "trash").glob("*")):
        if folder.name in ("conflicts", "damaged") or not folder.is_dir():
            continue
        if folder not in listed:
            problems.append(f"{when}: {folder.name} in the trash but not listed")
    if ws.articles.unfinished_trash():
        problems.append(f"{when}: restore --list left an unfinished removal or restore")
    found: dict[str, str] = {}
    for meta in ws.articles.listing():
        opened = ws.reading.open(meta.id)
        allowed = e.titles.get(meta.id)
        if allowed and meta.title not in allowed:
            problems.append(f"{when}: title of {meta.id} is {meta.title!r}, not one of {allowed}")
        text = opened.article.text
        for a in opened.annotations:
            found[a.id] = a.note
            if not a.orphaned and text[a.start : a.end] != a.quote:
                problems.append(f"{when}: {a.id} on other words: {text[a.start : a.end]!r}")
    for ident, notes in e.notes.items():
        note = found.get(ident, trash_notes.get(ident))
        if note is None:
            problems.append(f"{when}: acknowledged highlight {ident} missing")
        elif note not in notes:
            problems.append(f"{when}: {ident} has note {note!r}, not one of {notes}")
    return problems


def _half_done(root: Path) -> tuple[list[str], list[str]]:
    """The unfinished removals/restores on disk, and what `doctor` (looking only) reports."""
    ws = Workspace(root)
    unfinished = [entry.folder.name for entry in ws.articles.unfinished_trash()]
    reported = [f.file for f in ws.doctor.check() if f.kind == "unfinished-trash"]
    return unfinished, reported


def _counting_elsewhere(root: Path) -> set[str]:
    """Articles with a stored highlight that counts in another text than the article file's."""
    ws = Workspace(root)
    found = set()
    for meta in ws.library.catalog():
        text = ws.library.get(meta.id).text
        if any(not a.anchored_in(text) for a in ws.store.for_article(meta.id)):
            found.add(meta.id)
    return found


def _reported(root: Path, kind: str) -> set[str]:
    return {f.article or "" for f in Workspace(root).doctor.check() if f.kind == kind}


@dataclass
class Outcome:
    path: str
    step: int
    call: str
    state: str  # what the kill left: "unfinished removal", "done", "not done", …
    problems: list[str]


def _run_case(template: Template, path: str, step: int | None, work: Path) -> tuple[Outcome, int]:
    """Copy the template, run path with a kill at step, check; the outcome and the steps run."""
    root = work / f"{path.replace(' ', '_')}-{step}"
    shutil.copytree(template.root, root)
    operation = PATHS[path]
    e = template.expected.copy()
    done = e.copy()
    ws = Workspace(root)
    ws.library.catalog()  # opened as a command opens it, before the operation's own steps
    call = "completed"
    try:
        with killed_at(step) as steps:
            operation(ws, template, done)
    except Killed:
        call = f"{steps.seen[-1][0]} {_short(steps.seen[-1][1], root)}"
    else:
        e = done  # acknowledged
    del ws
    allowed = _while_killed(
        e,
        {template.ids["h1"]: "changed"} if path == "annotate" else {},
        {template.ids["second"]: "Edited title"} if path == "edit" else {},
    )
    problems: list[str] = []
    unfinished, reported = _half_done(root)
    for name in unfinished:
        if not any(name in shown for shown in reported):
            problems.append(f"after the kill: doctor did not report {name}")
    elsewhere = _counting_elsewhere(root)  # a re-import cut short between its two writes
    for article in elsewhere:
        if article not in _reported(root, "unanchored"):
            problems.append(f"after the kill: doctor did not report {article}'s highlights")
    state = ", ".join(sorted({_kind(root, n) for n in unfinished})) or _effect(root, template, path)
    if elsewhere:
        state += (
            " (highlights re-anchored to the new text, the article not yet written: doctor "
            "reports them, opening re-anchors them)"
        )
    problems += _check(root, allowed, "after the kill")
    # The next command: a highlight in an article still in the library.
    ws = Workspace(root)
    target = template.ids["second"]
    made = ws.highlights.create(target, quote="squeeze deliveries", note="next")
    allowed.notes[made.annotation.id] = {"next"}
    problems += _check(root, allowed, "after the next command")
    fixed = Workspace(root).doctor.fix()
    left = [f for f in fixed if f.remains and f.kind == "unfinished-trash"]
    problems += [f"doctor --fix left {f.file}: {f.outcome}" for f in left]
    problems += _check(root, allowed, "after doctor --fix")
    shutil.rmtree(root, ignore_errors=True)
    return Outcome(path, step or 0, call, state, problems), steps.count


def _short(described: str, root: Path) -> str:
    return described.replace(str(root) + "/", "").replace(str(root), ".")


def _kind(root: Path, folder: str) -> str:
    where = root / "trash" / folder
    if (where / "restore.json").exists():
        return "restore cut short (finished by the next look)"
    if (where / "article.md").exists():
        return "removal cut short after the article moved (finished)"
    if (where / "trash.json").exists():
        return "removal cut short before the article moved (undone)"
    return "empty trash folder (removed)"


def _effect(root: Path, template: Template, path: str) -> str:
    """Whether the killed operation's effect is there (for the table)."""
    ws = Workspace(root)
    ids = template.ids
    if path == "remove":
        return "done" if not ws.library.has(ids["news"]) else "not done"
    if path == "restore":
        return "done" if ws.library.has(ids["third"]) else "not done"
    if path == "import":
        titles = {m.title for m in ws.library.catalog()}
        return "done" if "A fourth story" in titles else "not done"
    if path == "re-import":
        return "done" if "editor's note" in ws.library.get(ids["news"]).text else "not done"
    if path == "import highlights":
        book = next((m for m in ws.library.catalog() if m.title == "The Kept Book"), None)
        if book is None:
            return "not done"
        return "done" if len(ws.store.for_article(book.id)) == 2 else "article only"
    if path == "highlight":
        hits = [a for a in ws.store.for_article(ids["news"]) if a.quote == "mandatory"]
        return "done" if hits else "not done"
    if path == "annotate":
        return "done" if ws.store.get(ids["h1"]).note == "changed" else "not done"
    if path == "edit":
        return "done" if ws.library.get(ids["second"]).title == "Edited title" else "not done"
    if path == "board reorder":
        saved = ws.briefs.orders.all()
        order = next(iter(saved.values()), [])
        return "done" if order[:1] == [ids["h1"]] else "not done"
    return "—"


def matrix(template: Template, work: Path, paths: list[str]) -> list[Outcome]:
    """Every path killed at each of its steps, then completed."""
    outcomes: list[Outcome] = []
    for path in paths:
        done, total = _run_case(template, path, None, work)
        for step in range(1, total + 1):
            outcomes.append(_run_case(template, path, step, work)[0])
        outcomes.append(Outcome(path, total + 1, "completed", "done", done.problems))
    return outcomes


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where the cases run: a RAM disk where there is one (the kills are simulated, so what an
    fsync costs on a real disk only slows the matrix down), else pytest's temp folder."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="margin-kill-", dir=shm))
        yield folder
        shutil.rmtree(folder, ignore_errors=True)
    else:
        yield tmp_path_factory.mktemp("kill")


@pytest.fixture(scope="module")
def templates(scratch: Path) -> dict[str, Template]:
    base = scratch / "templates"
    plain = _build(base / "plain")
    return {"plain": plain, "damaged": _damaged(plain, base / "damaged")}


def _starts(path: str, templates: dict[str, Template]) -> list[Template]:
    """doctor --fix starts from the damaged library (else it has nothing to do); the long
    variant runs every path from both."""
    if path == "doctor --fix":
        return [templates["damaged"]]  # the plain library gives it nothing to do
    if os.environ.get("MARGIN_KILL_MATRIX") == "long":
        return list(templates.values())
    return [templates["plain"]]


@pytest.mark.parametrize("path", list(PATHS))
def test_a_kill_at_every_step_loses_nothing(
    path: str, templates: dict[str, Template], scratch: Path
) -> None:
    work = scratch / path.replace(" ", "_")
    work.mkdir()
    for template in _starts(path, templates):
        outcomes = matrix(template, work, [path])
        assert len(outcomes) > 2, "the path made no rename or fsync"
        problems = [f"step {o.step} ({o.call}): {p}" for o in outcomes for p in o.problems]
        assert problems == []


def test_remove_and_restore_cut_short_are_listed_and_finished(tmp_path: Path) -> None:
    """The failure the issue found: a restore killed after the article moved back (3rd rename
    of the old order), then a new highlight: the old highlights stayed in the trash unlisted."""
    template = _build(tmp_path / "t")
    root = tmp_path / "lib"
    shutil.copytree(template.root, root)
    ws = Workspace(root)
    renames = 0
    with killed_at(None) as steps:
        ws.articles.restore(template.ids["third"])
    renames = [i for i, (call, _) in enumerate(steps.seen, 1) if call in ("replace", "rename")]
    shutil.rmtree(root)
    for step in renames:
        shutil.copytree(template.root, root)
        with pytest.raises(Killed), killed_at(step):
            Workspace(root).articles.restore(template.ids["third"])
        ws = Workspace(root)
        if ws.library.has(template.ids["third"]):
            # Whenever the article is back, its highlights are back with it.
            assert [a.note for a in ws.store.for_article(template.ids["third"])] == ["note h4"]
            ws.highlights.create(template.ids["third"], quote="ten in the morning", note="n")
        listed = ws.articles.trash()
        on_disk = [f for f in (root / "trash").iterdir() if (f / "article.md").exists()]
        assert sorted(e.folder for e in listed) == sorted(on_disk)
        Workspace(root).articles.restore(template.ids["third"]) if on_disk else None
        notes = sorted(a.note for a in Workspace(root).store.for_article(template.ids["third"]))
        assert "note h4" in notes
        shutil.rmtree(root)


def main() -> None:
    """Print the kill matrix as a Markdown table (for tests/RELIABILITY.md)."""
    with tempfile.TemporaryDirectory() as work:
        plain = _build(Path(work) / "template")
        damaged = _damaged(plain, Path(work) / "damaged")
        outcomes = matrix(plain, Path(work), [p for p in PATHS if p != "doctor --fix"])
        outcomes += matrix(damaged, Path(work), ["doctor --fix"])
    print("| path | step | killed at | left | after the next command and `doctor --fix` |")
    print("|---|---|---|---|---|")
    for o in outcomes:
        result = "; ".join(o.problems) or "nothing lost, none on other words, trash listed"
        print(f"| {o.path} | {o.step} | {o.call} | {o.state} | {result} |")
    bad = sum(1 for o in outcomes if o.problems)
    print(f"\n{len(outcomes)} cases, {bad} with problems", file=sys.stderr)


if __name__ == "__main__":
    main()
