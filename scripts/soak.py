"""SIGKILL soak: run the `margin` CLI's write paths and kill them mid-write, again and again.

`python scripts/soak.py [--kills N] [--seed S]` (`make soak` runs 200 kills; the
test suite runs 12). Each round starts one command in a subprocess — highlight, annotate, import,
re-import (the article's source changed and imported again), edit, export, remove or restore —
and SIGKILLs it after a random delay up to twice the time the last few finished commands took
(so kills land at every stage however loaded the machine is), or, one round in four, lets it
finish. A command that exits 0 before the kill is an acknowledged save. After every round the
library is loaded afresh in this process and checked:
- every acknowledged highlight is there, with its acknowledged note (or a later, killed one),
  in the library or in an entry `restore --list` shows (a removal or restore cut short is
  finished or undone by that look, as by the next command);
- no highlight, as the reader gets it (fingerprints checked), is on other words than its quote;
- every acknowledged import is listed and every acknowledged title edit holds;
- every export file that exists is complete (atomic writes leave the old file or the new one);
- loading the catalog, each article and its highlights, and an export raises nothing;
- no command printed a traceback or "unexpected error".
Prints the counts and exits 1 on any loss.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import NEWS_TEXT  # noqa: E402

OPERATIONS = ("highlight", "annotate", "import", "reimport", "edit", "export", "remove", "restore")
MAX_DELAY = 0.6  # seconds; most commands take 0.2–0.5 s: killed at every stage, or acknowledged
# One round in this many lets its command finish, however long it takes (up to FINISH_DEADLINE):
# acknowledged saves then never depend on the machine's speed. Before, on a machine whose load
# rose after the one timed write the delays were scaled to, every command was killed.
UNKILLED_EVERY = 4
FINISH_DEADLINE = 300.0  # seconds a command let finish may take before the soak gives up
RECENT = 5  # finished commands whose times the kill delays follow
# The article's source as re-imports change it: a paragraph comes and goes above the highlights.
VARIANT = NEWS_TEXT.replace(
    "Boston Mayor Thomas M. Menino said",
    "An editor's note was added above this paragraph.\n\nBoston Mayor Thomas M. Menino said",
)


@dataclass
class Report:
    """What the soak did and found."""

    rounds: int = 0
    kills: int = 0
    kills_by_op: dict[str, int] = field(default_factory=dict)
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)
    other_words: list[str] = field(default_factory=list)
    load_errors: list[str] = field(default_factory=list)
    bad_output: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.lost or self.other_words or self.load_errors or self.bad_output)


@dataclass
class Expected:
    """The acknowledged state, with the values killed writes may also have left."""

    notes: dict[str, set[str]] = field(default_factory=dict)  # highlight id -> allowed notes
    titles: dict[str, set[str]] = field(default_factory=dict)  # article id -> allowed titles
    imported: set[str] = field(default_factory=set)  # acknowledged titles
    exports: list[Path] = field(default_factory=list)


def _margin(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "tui.cli", "--library", str(root), *args]


def _environment(config: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["MARGIN_CONFIG"] = str(config)
    env.pop("MARGIN_DEBUG", None)
    env["PYTHONPATH"] = str(REPO)
    return env


def _check(root: Path, expected: Expected, report: Report) -> None:
    """Load the library afresh and compare it with every acknowledged save."""
    from annotations.export import ExportOptions, export_annotations
    from annotations.workspace import Workspace

    try:
        workspace = Workspace(root)
        trash = workspace.articles.trash()  # `restore --list`: finishes what a kill cut short
        metas = {m.id: m for m in workspace.library.catalog()}
        titles = {m.title for m in metas.values()}
        highlights: dict[str, str] = {}
        for entry in trash:
            shard = entry.folder / "annotations.json"
            if shard.exists():
                for ident, doc in orjson.loads(shard.read_bytes()).get("annotations", {}).items():
                    highlights[ident] = doc.get("note", "")
            titles.add(entry.title)
            metas.setdefault(entry.id, None)  # type: ignore[arg-type]
        for article_id, meta in list(metas.items()):
            if meta is None:
                continue
            opened = workspace.reading.open(article_id)  # the read path: fingerprints checked
            text = opened.article.text
            for annotation in opened.annotations:
                highlights[annotation.id] = annotation.note
                words = text[annotation.start : annotation.end]
                if not annotation.orphaned and words != annotation.quote:
                    report.other_words.append(
                        f"round {report.rounds}: {annotation.id} on {words!r}, "
                        f"not {annotation.quote!r}"
                    )
        groups = workspace.exports.groups()
        if groups:
            export_annotations(groups, "md", ExportOptions())
    except Exception as exc:  # the soak's whole point: nothing may raise on the next load
        report.load_errors.append(f"round {report.rounds}: {exc.__class__.__name__}: {exc}")
        return
    for highlight_id, notes in expected.notes.items():
        found = highlights.get(highlight_id)
        if found is None:
            report.lost.append(f"round {report.rounds}: highlight {highlight_id} is gone")
        elif found not in notes:
            report.lost.append(
                f"round {report.rounds}: highlight {highlight_id} note {found!r} not in "
                f"{sorted(notes)}"
            )
    for title in expected.imported:
        if title not in titles and not any(
            title in allowed for allowed in expected.titles.values()
        ):
            report.lost.append(f"round {report.rounds}: imported article {title!r} is gone")
    for article_id, allowed in expected.titles.items():
        meta = metas.get(article_id)
        # A removed article re-imported from its source comes back fresh, with its first title;
        # the edited one waits in the trash (`margin restore` after removing the fresh one).
        shown = [meta.title] if meta else []
        shown += [e.title for e in trash if e.id == article_id]
        if not set(shown) & allowed:
            report.lost.append(f"round {report.rounds}: {article_id} title {shown!r} not allowed")
    for path in expected.exports:
        if path.exists() and not path.read_text(encoding="utf-8").endswith("</html>\n"):
            report.lost.append(f"round {report.rounds}: {path.name} is incomplete")


def soak(kills: int = 200, seed: int = 15, root: Path | None = None) -> Report:
    """Run rounds until kills processes were killed mid-command; the report."""
    from annotations.workspace import Workspace

    rng = random.Random(seed)
    report = Report()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="margin-soak-") as scratch:
        work = Path(scratch)
        root = root or work / "lib"
        config = work / "config.toml"
        config.write_text("", encoding="utf-8")
        env = _environment(config)
        source = work / "news.txt"
        source.write_text(NEWS_TEXT, encoding="utf-8")
        subprocess.run(
            _margin(root, "import", str(source)), env=env, check=True, capture_output=True
        )
        article = Workspace(root).library.catalog()[0]
        text = Workspace(root).library.get(article.id).text
        expected = Expected(titles={article.id: {article.title}})
        (work / "out").mkdir()
        # Kill at every stage on a loaded machine too: the delays scale with the time the last
        # few finished commands took, and follow the load as it changes.
        started_write = time.perf_counter()
        subprocess.run(
            _margin(root, "edit", article.id, "--title", article.title),
            env=env,
            check=True,
            capture_output=True,
        )
        recent = [time.perf_counter() - started_write]
        removed = False
        versions = (NEWS_TEXT, VARIANT)
        while report.kills < kills:
            report.rounds += 1
            op = rng.choice(OPERATIONS)
            if removed and rng.random() < 0.6:
                op = "restore"  # mostly keep the article in the library for the other paths
            n = report.rounds
            pending: tuple[str, str] | None = None  # (kind, key) of what an ack would confirm
            if op == "highlight":
                start = rng.randrange(0, max(1, len(text) - 60))
                note = f"note {n}"
                args = ["highlight", article.id, "--range", f"{start}:{start + rng.randint(5, 40)}"]
                args += ["--note", note]
            elif op == "annotate" and expected.notes:
                target = rng.choice(sorted(expected.notes))
                note = f"changed {n}"
                args = ["annotate", target, "--note", note]
                expected.notes[target].add(note)  # a killed write may land: allowed from now
                pending = ("note", target)
            elif op == "import":
                title = f"Soak story number {n}"
                path = work / f"story-{n}.txt"
                body = f"The body of story {n}, long enough to be an article of its own."
                path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
                args = ["import", str(path)]
            elif op == "reimport":
                source.write_text(versions[n % 2], encoding="utf-8")
                args = ["import", str(source)]
            elif op == "remove":
                args = ["remove", article.id, "--yes"]
            elif op == "restore":
                args = ["restore", article.id]
            elif op == "edit":
                new_title = f"Edited title {n}"
                args = ["edit", article.id, "--title", new_title]
                expected.titles[article.id].add(new_title)
            else:
                op = "export"
                out = work / "out" / f"brief-{n % 5}.html"
                args = ["export", "-f", "html", "-o", str(out), "--force"]
                if out not in expected.exports:
                    expected.exports.append(out)
            max_delay = max(MAX_DELAY, 2.0 * sorted(recent)[len(recent) // 2])
            unkilled = rng.randrange(UNKILLED_EVERY) == 0
            delay = FINISH_DEADLINE if unkilled else rng.uniform(0.05, max_delay)
            begun = time.perf_counter()
            process = subprocess.Popen(
                _margin(root, *args),
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            try:
                out_text, err_text = process.communicate(timeout=delay)
                killed = False
                recent = [*recent, time.perf_counter() - begun][-RECENT:]
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
                out_text, err_text = process.communicate()
                killed = True
                if unkilled:
                    report.bad_output.append(f"round {n} {op}: still running after {delay:.0f} s")
            if killed:
                report.kills += 1
                report.kills_by_op[op] = report.kills_by_op.get(op, 0) + 1
            elif "Traceback" in err_text or "unexpected error" in err_text:
                report.bad_output.append(f"round {n} {op}: {err_text.strip()[:300]}")
            elif process.returncode == 0:
                report.acknowledged += 1
                if op == "highlight":
                    expected.notes[out_text.strip()] = {note}
                elif op == "annotate" and pending:
                    expected.notes[pending[1]] = {note}
                elif op == "import":
                    expected.imported.add(title)
                elif op == "edit":
                    expected.titles[article.id] = {new_title}
            _check(root, expected, report)
            removed = not Workspace(root).library.has(article.id)
    report.seconds = time.perf_counter() - started
    return report


def main() -> None:
    parser = argparse.ArgumentParser(prog="python scripts/soak.py")
    parser.add_argument("--kills", type=int, default=200, help="SIGKILLs to deliver")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    report = soak(args.kills, args.seed)
    by_op = ", ".join(f"{op} {count}" for op, count in sorted(report.kills_by_op.items()))
    print(
        f"{report.kills} SIGKILLs in {report.rounds} rounds ({by_op}); "
        f"{report.acknowledged} acknowledged saves; {len(report.lost)} lost; "
        f"{len(report.other_words)} on other words; "
        f"{len(report.load_errors)} load errors; {len(report.bad_output)} bad outputs; "
        f"{report.seconds:.0f} s"
    )
    for line in [*report.lost, *report.other_words, *report.load_errors, *report.bad_output][:20]:
        print(f"  {line}")
    raise SystemExit(0 if report.ok else 1)


if __name__ == "__main__":
    main()
