"""Article commands: import, list, show, edit, remove, restore."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotations.workspace import BadField, Imported, ImportSummary
from library import importers
from library.errors import LibraryError
from library.text import at_most
from tui.cli import Env, cli, pass_env
from tui.cli.output import console, echo, fail, print_json, safe, warn

if TYPE_CHECKING:
    from library.importers.exports import ExportFormat

PROGRESS_THRESHOLD = 5


def _import_help() -> str:
    kinds = importers.labels()
    return f"""Import articles: files, folders (recursively), URLs, or - for stdin.

    {kinds[:1].upper() + kinds[1:]} are recognised by content as well as extension
    ({importers.suffix_list()}). Re-importing unchanged content does nothing; changed content
    from the same source updates the article in place and keeps its highlights.
    """


class _ImportCommand(click.Command):
    """`margin import`, whose help lists the exports it recognises, read from the registry
    when the help is shown (loading the formats costs every other command nothing)."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_help_text(ctx, formatter)
        from library.importers.exports import formats

        with formatter.indentation():
            formatter.write_paragraph()
            formatter.write_text(
                "Other tools' exports are recognised by content, whatever the file's name; "
                "links are fetched a few at a time, and failures written to a file that can be "
                "imported again to retry them:"
            )
            with formatter.indentation():
                for found in formats():
                    formatter.write_paragraph()
                    formatter.write_text(f"{found.label}: {found.brings}.")


@cli.command("import", cls=_ImportCommand, help=_import_help())
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="In folders, also import files that symbolic links lead to outside the folder.",
)
@pass_env
def import_(env: Env, sources: tuple[str, ...], follow_symlinks: bool) -> None:
    articles = env.workspace.articles
    recognised = {s: env.workspace.imports.recognise(Path(s)) for s in sources if s != "-"}
    exports = {s: fmt for s, fmt in recognised.items() if fmt is not None}
    failed_exports = sum(_import_export(env, Path(s), fmt) for s, fmt in exports.items())
    sources = tuple(s for s in sources if s not in exports)
    if not sources:
        if failed_exports:
            raise SystemExit(1)
        return
    plan = articles.plan(sources, follow_symlinks=follow_symlinks)
    summary = ImportSummary(skipped=len(plan.skipped))
    skipped = [f"{name}: skipped, {reason}" for name, reason in plan.skipped]
    for line in at_most(skipped, "more files skipped"):
        warn(f"margin: {line}")

    def show(done: Imported) -> None:
        summary.results.append(done)
        if done.error is not None:
            warn(f"margin: {done.error}")
            return
        for left_out in done.warnings:  # an export imported in part: what it left out
            warn(f"margin: {left_out}")
        line = safe(f"{done.status:<10} ")
        line.append(safe(done.article.id if done.article else "", "bold"))
        line.append(safe(f"  {done.name}", "dim"))
        if done.report is not None and done.report.total:
            line.append(safe(f"  ({done.report.describe()})"))
        if done.summary is not None:  # another tool's export in a folder: what it brought
            line.append(safe(f"  ({done.summary})"))
        console().print(line, soft_wrap=True)

    try:
        if len(plan.jobs) >= PROGRESS_THRESHOLD and sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(console=console(), transient=True) as bar:
                task = bar.add_task("Importing", total=len(plan.jobs))

                def advance(done: Imported) -> None:
                    show(done)
                    bar.advance(task)

                articles.run(plan, stdin=sys.stdin.buffer.read, progress=advance)
        else:
            articles.run(plan, stdin=sys.stdin.buffer.read, progress=show)
    finally:
        # Also after an interrupt: what was imported before it stays imported.
        if len(plan.jobs) > 1 or plan.skipped:
            console().print(safe(summary.line(), "bold"))
    fresh = [r.article for r in summary.results if r.article and r.status != "unchanged"]
    for passages, full in env.workspace.imports.offers(fresh):
        console().print(
            safe(
                f"“{full.title}” has highlights from an export on {passages.id}, an article of "
                f"its clipped passages; move them onto this text with: margin move-highlights "
                f"{passages.id} {full.id}"
            ),
            soft_wrap=True,
        )
    if not plan.jobs:
        given = ", ".join(sources)
        fail(
            f"{given}: nothing to import: no {importers.suffix_list()} files found; give such"
            " files, or a folder that holds them",
            1,
        )
    if not summary.complete or failed_exports:  # what did import stays imported; scripts learn
        raise SystemExit(1)


def _import_export(env: Env, path: Path, fmt: ExportFormat) -> int:
    """Import another tool's export with a progress bar for its links; 1 if anything failed."""
    from annotations.workspace.importing import Progress

    imports = env.workspace.imports
    bar_wanted = sys.stderr.isatty()

    def show(step: Progress) -> None:
        # Failures are listed with the summary, at the end; the bar shows how far it got.
        if step.line and not step.failed and not bar_wanted:
            console().print(safe(step.line), soft_wrap=True)

    try:
        if bar_wanted:
            from rich.progress import Progress as Bar

            with Bar(console=console(), transient=True) as bar:
                task = bar.add_task(f"Importing {path.name}", total=None)

                def advance(step: Progress) -> None:
                    show(step)
                    bar.update(task, total=step.total, completed=step.done)

                report = imports.run(path, progress=advance, fmt=fmt)
        else:
            report = imports.run(path, progress=show, fmt=fmt)
    except LibraryError as exc:
        warn(f"margin: {exc}")
        return 1
    for line in report.summary():
        console().print(safe(line), soft_wrap=True)
    for line in report.warnings():
        warn(f"margin: {line}")
    # What did import stays imported; a script learns of anything left out.
    return 1 if report.left_out else 0


@cli.command("move-highlights")
@click.argument("passages")
@click.argument("article")
@pass_env
def move_highlights(env: Env, passages: str, article: str) -> None:
    """Move the highlights of an article of clipped passages (a book's Kindle or KOReader
    highlights, a page that could not be fetched) onto ARTICLE, its full text, found by quote;
    the article of passages goes to the trash (margin restore brings it back)."""
    counts = env.workspace.imports.move_passages(passages, article)
    parts = [f"{counts['moved']} moved"]
    if counts["orphaned"]:
        parts.append(f"{counts['orphaned']} kept as orphans (words not found)")
    if counts["present"]:
        parts.append(f"{counts['present']} already there")
    console().print(safe("Highlights: " + ", ".join(parts)))


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array for scripts.")
@click.option(
    "--sort",
    type=click.Choice(["imported", "published", "title"]),
    default="imported",
    show_default=True,
    help="Order of the articles.",
)
@click.option(
    "--incomplete",
    is_flag=True,
    help="Only articles whose citation lacks an author, publication, date or URL.",
)
@pass_env
def list_(env: Env, as_json: bool, sort: str, incomplete: bool) -> None:
    """List the articles in the library."""
    articles = env.workspace.articles
    metas = articles.listing(sort)  # type: ignore[arg-type]
    for problem in articles.problems:
        warn(f"margin: {problem}")
    counts = env.workspace.highlights.counts()
    lacks = {meta.id: articles.citation_lacks(meta) for meta in metas}
    if incomplete:
        metas = [meta for meta in metas if lacks[meta.id]]
    if as_json:
        rows = []
        for meta in metas:
            row = {
                key: value for key, value in meta.to_dict().items() if key not in {"content_hash"}
            }
            row["annotations"] = counts.get(meta.id, 0)
            row["citation_lacks"] = lacks[meta.id]
            rows.append(row)
        print_json(rows)
        return
    if not metas:
        if incomplete:
            console().print(safe("Every article has an author, publication, date and URL."))
        else:
            console().print(
                safe(f"The library at {env.root} is empty. Try: margin import FILE|URL")
            )
        return
    from tui.cli.columns import Cell, Column, Grid, para, rows_lines, styler_for, write_lines

    table: list[list[Cell]] = []
    for meta in metas:
        cell = [para(meta.title, "bold"), para(meta.id, "cyan", whole=True)]
        if incomplete:
            cell.append(para("lacks " + ", ".join(lacks[meta.id]), "yellow"))
        count = counts.get(meta.id, 0)
        table.append(
            [cell, [para(meta.published)], [para(meta.publication)], [para(meta.words)],
             [para(count or "")]]
        )  # fmt: skip
    out = console()
    columns = [
        Column("article (title, then id)", ratio=1, max_lines=3),
        Column("published"),
        Column("publication", max_width=24),
        Column("words", "right"),
        Column("notes", "right"),
    ]
    grid = Grid(columns, out.width, table)
    styler = styler_for(out.color_system)
    write_lines([grid.header(styler), *rows_lines(grid, table, styler)], out.file)


@cli.command()
@click.argument("article")
@click.option("--json", "as_json", is_flag=True, help="Metadata, text and block offsets as JSON.")
@pass_env
def show(env: Env, article: str, as_json: bool) -> None:
    """Print an article's canonical text (the text every highlight offset counts in)."""
    articles = env.workspace.articles
    found = env.workspace.reading.read(articles.resolve(article).id)
    if as_json:
        data = found.to_json()
        data.pop("content_hash", None)
        print_json(data)
    else:
        echo(found.text)


# The option that sets each model field, where the names differ.
_OPTION = {"item_type": "type", "page_range": "pages", "editors": "editor"}


@cli.command()
@click.argument("article")
@click.option("--title", help="New title.")
@click.option("--subtitle", help="New standfirst.")
@click.option(
    "--author",
    "authors",
    multiple=True,
    help="An author (repeat for several); braces mark a group author: '{Associated Press}'.",
)
@click.option("--publication", help="Publication or site name.")
@click.option("--section", help="Section of the publication.")
@click.option(
    "--published",
    help="Publication date: 2011-07-13, '13 July 2011', or a month or year alone: 2024-03, "
    "'March 2024', 2024.",
)
@click.option("--url", help="Canonical URL.")
@click.option(
    "--type",
    "item_type",
    help="What it is: newspaper, magazine, blog, web, report, journal, book, chapter "
    "(or a CSL type: article-newspaper, post-weblog, …).",
)
@click.option("--journal", help="The journal (or book, for a chapter): sets the publication.")
@click.option("--volume", help="Volume of a journal or book.")
@click.option("--issue", help="Issue of a journal.")
@click.option("--pages", "page_range", help="Pages an article or chapter spans, e.g. 341-360.")
@click.option("--doi", help="DOI, e.g. 10.1000/xyz123 (https://doi.org/ is dropped).")
@click.option("--publisher", help="Publisher of a book; the institution of a report.")
@click.option("--number", help="A report's number.")
@click.option("--isbn", help="ISBN of a book.")
@click.option(
    "--editor",
    "editors",
    multiple=True,
    help="An editor of the book a chapter is in (repeat for several).",
)
@click.option("--language", help="Language as a BCP 47 tag: en, fr, de-AT (titles in other "
              "languages keep their capitalisation).")  # fmt: skip
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for several); replaces the tags.")
@pass_env
def edit(env: Env, /, article: str, **options: object) -> None:
    """Fix the metadata citations use. Edited fields are kept when the article is re-imported.

    An empty value ('') clears a field.
    """
    changes: dict[str, object] = {}
    journal = options.pop("journal")
    if journal is not None:
        if options.get("publication") is not None:
            fail("--journal and --publication name the same field; give one", 2)
        options["publication"] = journal
    for name, value in options.items():
        if value is None or value == ():
            continue
        if isinstance(value, tuple):
            value = [v.strip() for v in value if v.strip()]
        elif isinstance(value, str) and name != "published":
            value = value.strip() or None
            if name == "title" and not value:
                fail("--title: the title cannot be empty", 2)
        changes[name] = value
    if not changes:
        fail("nothing to change; give --title, --author, --publication, --published, --type, "
             "--url, --tag or another option (see margin edit --help)", 2)  # fmt: skip
    try:
        updated = env.workspace.articles.edit(article, **changes)
    except BadField as exc:
        fail(f"--{_OPTION.get(exc.field, exc.field)}: {exc}", 2)
    console().print(safe(f"edited     {updated.id}: {', '.join(sorted(changes))}"), soft_wrap=True)


@cli.command()
@click.argument("article")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_env
def remove(env: Env, article: str, yes: bool) -> None:
    """Move an article and its highlights to the library's trash (undo with `margin restore`)."""
    meta = env.workspace.articles.resolve(article)
    if not yes:
        if not sys.stdin.isatty():
            fail(f"remove {meta.id}: add --yes to confirm when not at a terminal", 2)
        click.confirm(f"Move “{meta.title}” and its highlights to the trash?", abort=True)
    entry = env.workspace.articles.remove(meta.id)
    console().print(
        safe(f"removed    {entry.id} (restore with: margin restore {entry.id})"), soft_wrap=True
    )


@cli.command()
@click.argument("article", required=False)
@click.option("--list", "show_list", is_flag=True, help="List what is in the trash.")
@pass_env
def restore(env: Env, article: str | None, show_list: bool) -> None:
    """Bring back a removed article (the most recent one, or ARTICLE) with its highlights.

    ARTICLE is an id, part of a title, or a time of removal as --list shows it.
    """
    if show_list:
        from tui.cli.columns import Column, Grid, para, rows_lines, styler_for, write_lines

        entries = env.workspace.articles.trash()
        if not entries:
            console().print(safe("The trash is empty."))
            return
        rows = []
        for e in entries:
            cell = [para(e.title, "bold"), para(e.id, "cyan", whole=True)]
            if e.state != "removed":
                cut = f"{e.state} was cut short; `margin doctor --fix` finishes it"
                cell.append(para(cut, "yellow"))
            rows.append([cell, [para(e.removed)]])
        out = console()
        columns = [Column("article (title, then id)", ratio=1), Column("removed")]
        grid = Grid(columns, out.width, rows)
        styler = styler_for(out.color_system)
        write_lines([grid.header(styler), *rows_lines(grid, rows, styler)], out.file)
        return
    try:
        entry = env.workspace.articles.restore(article)
    except LibraryError as exc:
        fail(str(exc))
    console().print(safe(f"restored   {entry.id}"), soft_wrap=True)
