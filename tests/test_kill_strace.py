"""The `margin` CLI SIGKILLed by the kernel at each rename and fsync of its write paths.

`remove`, `restore`, `import`, re-import (the source file changed), `highlight`, `annotate` and
`edit` each run once under `strace -f -y -e trace=…` to list their renames and fsyncs (and the
unlinks, rmdirs and mkdirs between them), then once per step on a fresh copy of the kill
matrix's library with `strace -e inject=<syscall>:signal=SIGKILL:when=N`, as the issue's probe
did. After the kill, after the next command (a new highlight: after a remove or restore in that
article when it is in the library, the issue's sequence that left the former highlights
unlisted in the trash) and after `doctor --fix`, the matrix's checks run
(`tests/test_kill_matrix.py`, which kills every path in-process, the board's reorder and
`doctor --fix` included). Skips, saying why, without strace (Debian: apt-get install strace) or
where ptrace is denied (strace exits 1): probed once. `python -m tests.test_kill_strace` prints
the table in tests/RELIABILITY.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotations.workspace import Workspace
from library.config import DEFAULT_CONFIG
from tests.conftest import REPO
from tests.test_kill_matrix import (
    THIRD,
    Expected,
    Template,
    _build,
    _check,
    _counting_elsewhere,
    _half_done,
    _reported,
    _while_killed,
)

STRACE = shutil.which("strace")
TRACED = "rename,renameat,renameat2,fsync,fdatasync"  # the kill points
CHANGES = "unlink,unlinkat,rmdir,mkdir,mkdirat"  # what else changes the disk between them


def strace_problem(strace: str | None) -> str | None:
    """Why strace cannot trace here (missing, or ptrace denied: a container without
    CAP_SYS_PTRACE, Yama's ptrace_scope, a seccomp profile), or None when it can."""
    if strace is None:
        return "needs strace (apt-get install strace)"
    try:
        probe = subprocess.run(
            [strace, "-qq", "-o", os.devnull, "true"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"strace cannot run here: {exc}"
    if probe.returncode != 0:
        said = probe.stderr.strip().splitlines()
        return (
            f"strace cannot trace here (ptrace denied?): {said[-1] if said else probe.returncode}"
        )
    return None


@pytest.fixture(scope="module")
def traceable() -> None:
    """Skips, saying why, where strace is missing or cannot trace (probed once)."""
    problem = strace_problem(STRACE)
    if problem is not None:
        pytest.skip(problem)


def test_a_strace_that_cannot_trace_is_a_skip_reason(tmp_path: Path) -> None:
    denied = tmp_path / "strace"
    denied.write_text(
        "#!/bin/sh\necho 'strace: test_ptrace_get_syscall_info: PTRACE_TRACEME: "
        "Operation not permitted' >&2\nexit 1\n"
    )
    denied.chmod(0o755)
    reason = strace_problem(str(denied))
    assert reason is not None and "Operation not permitted" in reason
    assert strace_problem(None) == "needs strace (apt-get install strace)"
    assert strace_problem(str(tmp_path / "absent")) is not None


def _margin(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "tui.cli", "--library", str(root), *args]


def _env(root: Path) -> dict[str, str]:
    """The environment of a traced command: its config written beside the library beforehand,
    so the first command of a test does not write one (a rename and two fsyncs of its own, which
    would shift the count of every later run)."""
    config = root.parent / f"{root.name}.config.toml"
    if not config.exists():
        config.write_text(DEFAULT_CONFIG, encoding="utf-8")
    # No bytecode written either: Python renames each .pyc it writes into place.
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "MARGIN_CONFIG": str(config),
        "PYTHONDONTWRITEBYTECODE": "1",
    }


FOURTH = "A fourth story\n\nIt is short but it is a story.\n"
STORY = THIRD.replace("Harbour trial", "Harbour story")
STORY_EDITED = STORY.replace("The trial", "An editor's note.\n\nThe trial")


@dataclass(frozen=True)
class Step:
    """The nth call of one traced syscall (strace counts each syscall on its own)."""

    call: str
    nth: int
    target: str  # the file it renamed or synced, for the message
    changed: bool = True  # something was renamed, unlinked or made since the previous step

    def __str__(self) -> str:
        return f"{self.call} #{self.nth} ({self.target})"

    @property
    def syncs(self) -> bool:
        return self.call in ("fsync", "fdatasync")


@dataclass
class CliTemplate:
    plain: Template
    sources: Path  # the files import and re-import read
    story: str  # the article re-imported from sources/story.txt (edited since)


def _traced(root: Path, args: tuple[str, ...], trace: Path) -> subprocess.CompletedProcess[str]:
    assert STRACE is not None
    command = [STRACE, "-f", "-qq", "-y", "-o", str(trace), "-e", f"trace={TRACED},{CHANGES}"]
    return subprocess.run(
        [*command, *_margin(root, *args)],
        env=_env(root),
        capture_output=True,
        text=True,
        check=False,
    )


def steps_of(trace: str, root: Path) -> list[Step]:
    """The renames and fsyncs an uninjected strace run made, in order, each numbered among the
    calls of its own syscall (as `inject=…:when=N` counts them)."""
    steps: list[Step] = []
    seen: dict[str, int] = {}
    changed = True
    for line in trace.splitlines():
        match = re.match(r"^\d+\s+(\w+)\((.*)\)\s+=\s+(\S+)", line)
        if match is None:
            continue
        if match[1] in CHANGES.split(","):
            changed = changed or match[3] == "0"
            continue
        if match[1] not in TRACED.split(","):
            continue
        seen[match[1]] = seen.get(match[1], 0) + 1
        target = re.findall(r'"([^"]*)"|<([^>]*)>', match[2])
        shown = "".join(target[-1]) if target else match[2]
        shown = "." if shown == str(root) else shown.replace(f"{root}/", "")
        steps.append(Step(match[1], seen[match[1]], shown, changed))
        changed = not steps[-1].syncs  # a rename changes what the next kill leaves; a sync not
    return steps


CACHES = (".index/", "annotations/.index.json", "annotations/.ids.json")


def representative(steps: list[Step], *, caches: bool | None = None) -> list[Step]:
    """The steps to kill at: every one, except those where a SIGKILL leaves what a kill at the
    step before left (a sync changes nothing a kill can see, only what a power cut would keep):
    - an fsync right after another with nothing renamed, unlinked or made between them (a
      move syncs its two folders in a row);
    - a rename of a file already renamed since the last fsync (highlight and re-import write
      the highlights index and ids twice in a row: a cache behind the files either way).
    A kill between a temp file's creation and its fsync leaves only a young temp file more.
    Renames of caches (the catalog, the highlights index and ids: rebuilt from the files by
    stamps) are killed at only in the long run (`MARGIN_KILL_MATRIX=long`, `make soak`; the
    in-process matrix kills at them on every run), to keep the suite's time."""
    if caches is None:
        caches = os.environ.get("MARGIN_KILL_MATRIX") == "long"
    renamed: set[str] = set()
    kept: list[Step] = []
    for step in steps:
        if step.syncs:
            renamed.clear()
            if kept and kept[-1].syncs and not step.changed:
                continue
        elif step.target in renamed:
            continue
        else:
            renamed.add(step.target)
            if not caches and step.target.startswith(CACHES):
                continue
        kept.append(step)
    return kept


def _killed_by_strace(root: Path, step: Step, args: tuple[str, ...]) -> int:
    assert STRACE is not None
    command = [STRACE, "-f", "-qq", "-o", os.devnull]
    command += ["-e", f"inject={step.call}:signal=SIGKILL:when={step.nth}", *_margin(root, *args)]
    return subprocess.run(command, env=_env(root), capture_output=True, check=False).returncode


def make_cli_template(base: Path) -> CliTemplate:
    """The kill matrix's library, and one article imported from base/sources/story.txt by the
    CLI, with a highlight; that file is then edited (for re-import)."""
    plain = _build(base / "template")
    sources = base / "sources"
    sources.mkdir()
    (sources / "four.txt").write_text(FOURTH, encoding="utf-8")
    (sources / "story.txt").write_text(STORY, encoding="utf-8")
    done = subprocess.run(
        _margin(plain.root, "import", str(sources / "story.txt")),
        env=_env(plain.root),
        capture_output=True,
        text=True,
        check=True,
    )
    story = done.stdout.split()[1]
    ws = Workspace(plain.root)
    made = ws.highlights.create(story, quote="delivery window", note="note story")
    plain.expected.notes[made.annotation.id] = {"note story"}
    plain.expected.titles[story] = {"Harbour story gets a second look"}
    ws.close()
    (sources / "story.txt").write_text(STORY_EDITED, encoding="utf-8")
    return CliTemplate(plain, sources, story)


@pytest.fixture(scope="module")
def cli_template(
    tmp_path_factory: pytest.TempPathFactory, traceable: None
) -> Iterator[CliTemplate]:
    """The kill matrix's library (three articles, four highlights, a board order, one article
    in the trash) and one article imported from a file by the CLI, with a highlight, whose
    file has been edited since (for re-import). On a RAM disk where there is one."""
    shm = Path("/dev/shm")
    on_shm = shm.is_dir() and os.access(shm, os.W_OK)
    base = Path(tempfile.mkdtemp(prefix="margin-strace-", dir=shm)) if on_shm else None
    base = base or tmp_path_factory.mktemp("strace-paths")
    yield make_cli_template(base)
    if on_shm:
        shutil.rmtree(base, ignore_errors=True)


def _cli_args(path: str, t: CliTemplate) -> tuple[str, ...]:
    ids = t.plain.ids
    return {
        "remove": ("remove", ids["news"], "--yes"),
        "restore": ("restore", ids["third"]),
        "import": ("import", str(t.sources / "four.txt")),
        "re-import": ("import", str(t.sources / "story.txt")),
        "highlight": ("highlight", ids["news"], "--quote", "mandatory", "--note", "new"),
        "annotate": ("annotate", ids["h1"], "--note", "changed"),
        "edit": ("edit", ids["second"], "--title", "Edited title"),
    }[path]


def _acknowledged(path: str, t: CliTemplate, e: Expected, stdout: str) -> dict[str, bool]:
    """Record what a command that exited 0 acknowledged; the articles it must have left in the
    library (True) or out of it (False)."""
    ids = t.plain.ids
    if path == "remove":
        return {ids["news"]: False}
    if path == "restore":
        return {ids["third"]: True}
    if path == "highlight":
        e.notes[stdout.split()[-1]] = {"new"}
    elif path == "annotate":
        e.notes[ids["h1"]] = {"changed"}
    elif path == "edit":
        e.titles[ids["second"]] = {"Edited title"}
    elif path == "import":
        fourth = stdout.split()[1]
        e.titles[fourth] = {"A fourth story"}
        return {fourth: True}
    return {}


def _done(path: str, t: CliTemplate, root: Path) -> bool:
    """Whether the command's effect is in the library (looked at before anything repairs)."""
    ws = Workspace(root)
    ids = t.plain.ids
    if path == "remove":
        return not ws.library.has(ids["news"])
    if path == "restore":
        return ws.library.has(ids["third"])
    if path == "import":
        return any(m.title == "A fourth story" for m in ws.library.catalog())
    if path == "re-import":
        return "editor's note" in ws.library.get(t.story).text
    if path == "highlight":
        return any(a.quote == "mandatory" for a in ws.store.for_article(ids["news"]))
    if path == "annotate":
        return ws.store.get(ids["h1"]).note == "changed"
    return ws.library.get(ids["second"]).title == "Edited title"


def _cli_case(
    t: CliTemplate, path: str, step: Step | None, root: Path, left: list[bool] | None = None
) -> list[str]:
    """Run path's command killed by the kernel at step (None: to the end, counted), then the
    matrix's checks after the kill, after the next command and after `doctor --fix`; whether
    the kill left the command's effect done is appended to left."""
    shutil.copytree(t.plain.root, root)
    args = _cli_args(path, t)
    e = t.plain.expected.copy()
    allowed = e
    kept: dict[str, bool] = {}
    if step is None:
        done = _traced(root, args, root.parent / f"{root.name}.trace")
        assert done.returncode == 0, done.stderr
        kept = _acknowledged(path, t, e, done.stdout)
    else:
        code = _killed_by_strace(root, step, args)
        assert code in (-9, 137), f"{path} not killed at {step}: exit {code}"
        allowed = _while_killed(
            e,
            {t.plain.ids["h1"]: "changed"} if path == "annotate" else {},
            {t.plain.ids["second"]: "Edited title"} if path == "edit" else {},
        )
    if left is not None:
        left.append(_done(path, t, root))
    problems: list[str] = []
    unfinished, reported = _half_done(root)
    problems += [
        f"doctor did not report {n}" for n in unfinished if not any(n in r for r in reported)
    ]
    for article in _counting_elsewhere(root):
        if article not in _reported(root, "unanchored"):
            problems.append(f"doctor did not report {article}'s highlights counted elsewhere")
    problems += _check(root, allowed, "after the kill")
    # The next command: a new highlight; after a remove or restore, in its article when that is
    # in the library (the sequence: its former highlights were left unlisted in the trash).
    target, quote = t.plain.ids["second"], "squeeze deliveries"
    if path in ("remove", "restore"):
        moved = t.plain.ids["news" if path == "remove" else "third"]
        if Workspace(root).library.has(moved):
            target, quote = moved, "Federal officials" if path == "remove" else "ten in the morning"
    made = Workspace(root).highlights.create(target, quote=quote, note="next")
    allowed.notes[made.annotation.id] = {"next"}
    problems += _check(root, allowed, "after the next command")
    fixed = Workspace(root).doctor.fix()
    problems += [f"doctor --fix left {f.file}: {f.outcome}" for f in fixed if f.remains]
    problems += _check(root, allowed, "after doctor --fix")
    library = Workspace(root).library
    problems += [
        f"acknowledged {path}: {a} {'not ' if there else ''}in the library"
        for a, there in kept.items()
        if library.has(a) != there
    ]
    if path == "re-import" and step is None and "editor's note" not in library.get(t.story).text:
        problems.append("the acknowledged re-import's text is not in the library")
    return problems


CLI_PATHS = ("remove", "restore", "import", "re-import", "highlight", "annotate", "edit")


@pytest.mark.parametrize("path", CLI_PATHS)
def test_a_kill_at_each_rename_and_fsync_of_a_cli_write_loses_nothing(
    path: str, cli_template: CliTemplate
) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"{path}-", dir=cli_template.plain.root.parent))
    problems = _cli_case(cli_template, path, None, work / "counted")
    assert problems == [], "completed"
    trace = (work / "counted.trace").read_text()
    steps = steps_of(trace, work / "counted")
    outside = [str(s) for s in steps if s.target.startswith("/")]
    assert outside == [], "steps outside the library shift the count of the kills"
    assert any(s.call.startswith("rename") for s in steps), trace
    assert any(s.call in ("fsync", "fdatasync") for s in steps), trace
    left: list[bool] = []
    for n, step in enumerate(representative(steps)):
        cut = _cli_case(cli_template, path, step, work / str(n), left)
        problems += [f"killed at {step}: {p}" for p in cut]
    assert problems == []
    # The kills cut the command before and after its commit (its effect is there or not).
    assert left[0] is False and left[-1] is True, left
    shutil.rmtree(work, ignore_errors=True)


def test_the_steps_are_read_from_a_trace_and_repeats_left_out() -> None:
    """The step list and the kills chosen from it (no strace needed): numbered per syscall,
    an fsync right after an fsync skipped unless something was unlinked or made between,
    a file renamed twice before the next fsync killed once, caches only in the long run."""
    lib = "/l/lib"
    trace = f"""\
7 rename("{lib}/.index/.catalog.json.a.tmp", "{lib}/.index/catalog.json") = 0
7 mkdir("{lib}/trash/x", 0777) = 0
7 fsync(3</l/lib/trash>) = 0
7 rename("{lib}/articles/a.md", "{lib}/trash/x/article.md") = 0
7 fsync(4</l/lib/trash/x>) = 0
7 fsync(4</l/lib/articles>) = 0
7 unlink("{lib}/trash/x/restore.json") = 0
7 fsync(4</l/lib/trash>) = 0
7 rename("{lib}/annotations/..ids.json.b.tmp", "{lib}/annotations/.ids.json") = 0
7 rename("{lib}/annotations/..ids.json.c.tmp", "{lib}/annotations/.ids.json") = 0
7 fsync(5</l/lib>) = 0
7 +++ exited with 0 +++
"""
    steps = steps_of(trace, Path(lib))
    assert [str(s) for s in steps] == [
        "rename #1 (.index/catalog.json)",
        "fsync #1 (trash)",
        "rename #2 (trash/x/article.md)",
        "fsync #2 (trash/x)",
        "fsync #3 (articles)",
        "fsync #4 (trash)",
        "rename #3 (annotations/.ids.json)",
        "rename #4 (annotations/.ids.json)",
        "fsync #5 (.)",  # the library's own folder is inside it
    ]
    long = [str(s) for s in representative(steps, caches=True)]
    assert long == [
        "rename #1 (.index/catalog.json)",
        "fsync #1 (trash)",
        "rename #2 (trash/x/article.md)",
        "fsync #2 (trash/x)",
        "fsync #4 (trash)",  # after an unlink: a state of its own
        "rename #3 (annotations/.ids.json)",
        "fsync #5 (.)",
    ]
    short = [str(s) for s in representative(steps, caches=False)]
    assert short == [s for s in long if ".index" not in s and ".ids" not in s]


def main() -> None:
    """Print the matrix of the CLI paths killed by strace as a Markdown table (for
    tests/RELIABILITY.md): `python -m tests.test_kill_strace`."""
    problem = strace_problem(STRACE)
    if problem is not None:
        raise SystemExit(problem)
    print("| path | step | killed at | left | after the kill, the next command, `doctor --fix` |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(
        dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    ) as base:
        t = make_cli_template(Path(base))
        for path in CLI_PATHS:
            work = Path(base) / path
            work.mkdir()
            problems = _cli_case(t, path, None, work / "counted")
            steps = steps_of((work / "counted.trace").read_text(), work / "counted")
            chosen = representative(steps, caches=True)
            for n, step in enumerate(steps, 1):
                if step not in chosen:
                    print(
                        f"| {path} | {n} | {step} | — | not killed: a repeat (see representative) |"
                    )
                    continue
                left: list[bool] = []
                cut = _cli_case(t, path, step, work / str(n), left)
                said = "; ".join(cut) or "nothing lost, none on other words, trash listed"
                state = "done" if left[0] else "not done"
                print(f"| {path} | {n} | {step} | {state} | {said} |")
            said = "; ".join(problems) or "acknowledged, all there"
            print(f"| {path} | {len(steps) + 1} | completed | done | {said} |")


if __name__ == "__main__":
    main()
