"""Article commands: import, list, show, edit, remove, restore."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.table import Table

from library.dates import parse_date
from library.errors import ImportFailed, LibraryError
from tui.cli import Env, cli, pass_env
from tui.cli.output import console, echo, fail, print_json, safe, warn

if TYPE_CHECKING:
    from annotations.store import ReanchorReport

PROGRESS_THRESHOLD = 5


@cli.command("import")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="In folders, also import files that symbolic links lead to outside the folder.",
)
@pass_env
def import_(env: Env, sources: tuple[str, ...], follow_symlinks: bool) -> None:
    """Import articles: files, folders (recursively), URLs, or - for stdin.

    Plain-text news, Markdown (with or without front matter) and HTML pages are recognised by
    content as well as extension. Re-importing unchanged content does nothing; changed content
    from the same source updates the article in place and keeps its highlights.
    """
    from library.fetch import is_url
    from library.importer import IMPORTABLE_SUFFIXES
    from library.store import iter_folder

    library = env.library
    library.ensure()
    counts: Counter[str] = Counter()
    jobs: list[tuple[str, object]] = []
    for source in sources:
        path = Path(source).expanduser()
        if source == "-":
            jobs.append((source, None))
        elif is_url(source):
            jobs.append((source, source))
        elif path.is_dir():
            outside: list[tuple[Path, str]] = []
            found = list(iter_folder(path, follow_symlinks=follow_symlinks, skipped=outside))
            for link, reason in outside:
                warn(f"margin: {link}: skipped, {reason}")
                counts["skipped"] += 1
            for file in found:
                if file.suffix.lower() in IMPORTABLE_SUFFIXES:
                    jobs.append((str(file), file))
                else:
                    counts["skipped"] += 1
        else:
            jobs.append((source, path))

    def run(name: str, target: object) -> None:
        try:
            if target is None:
                result = library.import_bytes(sys.stdin.buffer.read())
            elif isinstance(target, str):
                result = library.import_url(target)
            else:
                assert isinstance(target, Path)
                result = library.import_file(target)
            report = env.workspace.after_import(result)
        except LibraryError as exc:
            failed(str(exc) if isinstance(exc, ImportFailed) else f"{name}: {exc}")
            return
        except Exception as exc:
            # A bug with one file must not cost the others: say which file, then carry on.
            if os.environ.get("MARGIN_DEBUG"):
                raise
            failed(f"{name}: unexpected error: {exc.__class__.__name__}: {exc}")
            return
        counts[result.status] += 1
        line = safe(f"{result.status:<10} ")
        line.append(safe(result.article.id, "bold"))
        line.append(safe(f"  {name}", "dim"))
        if report is not None and report.total:
            line.append(safe(f"  ({highlights_report(report)})"))
        console().print(line, soft_wrap=True)

    def failed(message: str) -> None:
        counts["failed"] += 1
        warn(f"margin: {message}")

    try:
        if len(jobs) >= PROGRESS_THRESHOLD and sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(console=console(), transient=True) as progress:
                task = progress.add_task("Importing", total=len(jobs))
                for name, target in jobs:
                    run(name, target)
                    progress.advance(task)
        else:
            for name, target in jobs:
                run(name, target)
    finally:
        # Also after an interrupt: what was imported before it stays imported.
        if len(jobs) > 1 or counts["skipped"]:
            summary = ", ".join(
                f"{counts[k]} {k}"
                for k in ("imported", "updated", "unchanged", "failed", "skipped")
                if counts[k] or k in ("imported", "failed")
            )
            console().print(safe(f"Summary: {summary}", "bold"))
    if not jobs:
        fail("nothing to import: no .txt, .md or .html files found", 1)
    if counts["failed"]:  # what did import stays imported; a script still learns of the rest
        raise SystemExit(1)


def highlights_report(report: ReanchorReport) -> str:
    """What re-importing did to an article's highlights, e.g. `highlights: 3 kept, 1 orphaned`."""
    counts = (
        (report.kept + report.moved, "kept"),
        (report.approximate, "re-anchored for review"),
        (report.orphaned, "orphaned"),
    )
    return "highlights: " + ", ".join(f"{n} {what}" for n, what in counts if n)


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array for scripts.")
@click.option(
    "--sort",
    type=click.Choice(["imported", "published", "title"]),
    default="imported",
    show_default=True,
    help="Order of the articles.",
)
@pass_env
def list_(env: Env, as_json: bool, sort: str) -> None:
    """List the articles in the library."""
    metas = env.library.catalog()
    for problem in env.library.problems:
        warn(f"margin: {problem}")
    if sort == "title":
        metas.sort(key=lambda m: m.title.casefold())
    elif sort == "published":
        metas.sort(key=lambda m: m.published or "", reverse=True)
    counts = {k: sum(v.values()) for k, v in env.workspace.annotation_counts().items()}
    if as_json:
        rows = []
        for meta in metas:
            row = {
                key: value for key, value in meta.to_dict().items() if key not in {"content_hash"}
            }
            row["annotations"] = counts.get(meta.id, 0)
            rows.append(row)
        print_json(rows)
        return
    if not metas:
        console().print(safe(f"The library at {env.root} is empty. Try: margin import FILE|URL"))
        return
    table = Table(box=None, pad_edge=False, header_style="bold", expand=False)
    table.add_column("article (title, then id)", overflow="fold", ratio=1)
    table.add_column("published", no_wrap=True)
    table.add_column("publication", overflow="ellipsis", max_width=24, no_wrap=True)
    table.add_column("words", justify="right", no_wrap=True)
    table.add_column("notes", justify="right", no_wrap=True)
    for meta in metas:
        cell = safe(meta.title, "bold")
        cell.append("\n")
        cell.append_text(safe(meta.id, "cyan"))
        table.add_row(
            cell,
            safe(meta.published or ""),
            safe(meta.publication or ""),
            safe(meta.words),
            safe(counts.get(meta.id, 0) or ""),
        )
    console().print(table)


@cli.command()
@click.argument("article")
@click.option("--json", "as_json", is_flag=True, help="Metadata, text and block offsets as JSON.")
@pass_env
def show(env: Env, article: str, as_json: bool) -> None:
    """Print an article's canonical text (the text every highlight offset counts in)."""
    found = env.library.get(env.library.resolve(article).id)
    if as_json:
        data = found.to_json()
        data.pop("content_hash", None)
        print_json(data)
    else:
        echo(found.text)


@cli.command()
@click.argument("article")
@click.option("--title", help="New title.")
@click.option("--subtitle", help="New standfirst.")
@click.option("--author", "authors", multiple=True, help="An author (repeat for several).")
@click.option("--publication", help="Publication or site name.")
@click.option("--section", help="Section of the publication.")
@click.option("--published", help="Publication date, e.g. 2011-07-13 or '13 July 2011'.")
@click.option("--url", help="Canonical URL.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for several); replaces the tags.")
@pass_env
def edit(env: Env, /, article: str, **options: object) -> None:
    """Fix the metadata citations use. Edited fields are kept when the article is re-imported."""
    changes: dict[str, object] = {}
    for name, value in options.items():
        if value is None or value == ():
            continue
        if name == "published":
            assert isinstance(value, str)
            date = parse_date(value) if value.strip() else None
            if value.strip() and date is None:
                fail(f"--published: cannot read '{value}' as a date; use YYYY-MM-DD", 2)
            value = date
        elif isinstance(value, tuple):
            value = [v.strip() for v in value if v.strip()]
        elif isinstance(value, str):
            value = value.strip() or None
            if name == "title" and not value:
                fail("--title: the title cannot be empty", 2)
        changes[name] = value
    if not changes:
        fail(
            "nothing to change; give --title, --author, --publication, --published, --url or --tag",
            2,
        )
    meta = env.library.resolve(article)
    updated = env.library.edit(meta.id, **changes)
    console().print(safe(f"edited     {updated.id}: {', '.join(sorted(changes))}"))


@cli.command()
@click.argument("article")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_env
def remove(env: Env, article: str, yes: bool) -> None:
    """Move an article and its highlights to the library's trash (undo with `margin restore`)."""
    meta = env.library.resolve(article)
    if not yes:
        if not sys.stdin.isatty():
            fail(f"remove {meta.id}: add --yes to confirm when not at a terminal", 2)
        click.confirm(f"Move “{meta.title}” and its highlights to the trash?", abort=True)
    entry = env.workspace.remove_article(meta.id)
    console().print(safe(f"removed    {entry.id} (restore with: margin restore {entry.id})"))


@cli.command()
@click.argument("article", required=False)
@click.option("--list", "show_list", is_flag=True, help="List what is in the trash.")
@pass_env
def restore(env: Env, article: str | None, show_list: bool) -> None:
    """Bring back a removed article (the most recent one, or ARTICLE) with its highlights."""
    if show_list:
        entries = env.library.trash()
        if not entries:
            console().print(safe("The trash is empty."))
        for entry in entries:
            console().print(safe(f"{entry.removed}  {entry.id}  {entry.title}"))
        return
    try:
        entry = env.workspace.restore_article(article)
    except LibraryError as exc:
        fail(str(exc))
    console().print(safe(f"restored   {entry.id}"))
