"""Search commands: search the whole library, rebuild the search index."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from tui.cli import Env, cli, pass_env
from tui.cli.output import console, fail, print_json, safe, warn

if TYPE_CHECKING:
    from rich.text import Text

    from annotations.workspace.searching import Hit, SyncReport

MARK_STYLE = "bold underline"


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of hits, best first.")
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Show at most this many hits.",
)
@pass_env
def search(env: Env, query: tuple[str, ...], as_json: bool, limit: int) -> None:
    """Search article text, titles, authors, tags and your notes.

    Every word must match (any case, accents ignored). Quote a phrase to match it exactly, e.g.
    margin search '"secure communities"'. Filters: tag:NAME, stance:NAME, author:PART,
    title:PART (quote values with spaces: tag:"city hall"). Exits 1 when nothing matches.
    """
    from rich.padding import Padding

    from annotations.workspace.searching import QueryError

    text = " ".join(query)
    searcher = env.workspace.search
    try:
        searcher.parse(text)
    except QueryError as exc:
        fail(str(exc), 2)
    if sys.stderr.isatty() and searcher.needs_build():
        warn("margin: building the search index (once; later searches only re-read changes)…")
    try:
        results = searcher.run(text, limit)
    except QueryError as exc:
        fail(str(exc), 2)
    _report_problems(results.sync)
    if as_json:
        print_json([hit.to_json() for hit in results.hits])
        if not results.hits:
            raise SystemExit(1)
        return
    if not results.hits:
        fail(f"no results for {text}", 1)
    out = console()
    for hit in results.hits:
        out.print(_headline(hit), soft_wrap=True)
        out.print(Padding(_snippet(hit), (0, 0, 0, 4), expand=False))
    shown = len(results.hits)
    hits = f"hit{'s' * (results.total != 1)}"
    more = f"{shown} of {results.total} {hits}" if results.total > shown else f"{shown} {hits}"
    out.print(safe(more, "dim"))


@cli.command()
@pass_env
def reindex(env: Env) -> None:
    """Rebuild the search index from the article and highlight files."""
    report = env.workspace.search.reindex()
    _report_problems(report)
    console().print(
        safe(
            f"indexed {report.articles:,} article{'s' * (report.articles != 1)} and "
            f"{report.notes:,} highlight{'s' * (report.notes != 1)} "
            f"in {report.seconds:.2f} s"
        ),
        soft_wrap=True,
    )


def _headline(hit: Hit) -> Text:
    line = safe(hit.title, "bold")
    line.append(safe(f"  {hit.article}", "dim"))
    if hit.annotation:
        line.append(safe(f"  highlight {hit.annotation[:8]} ({hit.field})", "cyan"))
    elif hit.field != "text":
        line.append(safe(f"  ({hit.field})", "dim"))
    return line


def _snippet(hit: Hit) -> Text:
    """The snippet with its matches emphasised, built piece by piece from plain strings."""
    from rich.text import Text

    text = Text()
    pos = 0
    for start, end in hit.marks:
        if start < pos:
            continue
        text.append_text(safe(hit.snippet[pos:start]))
        text.append_text(safe(hit.snippet[start:end], MARK_STYLE))
        pos = end
    text.append_text(safe(hit.snippet[pos:]))
    return text


def _report_problems(report: SyncReport) -> None:
    for problem in report.problems:
        warn(f"margin: {problem}")
