"""`margin quotes ARTICLE`: the quotations of an article, each with its speaker and offsets."""

from __future__ import annotations

import click
from rich.table import Table

from tui.cli import Env, cli, pass_env
from tui.cli.output import console, print_json, safe


@cli.command("quotes")
@click.argument("article")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per quotation.")
@pass_env
def quotes(env: Env, article: str, as_json: bool) -> None:
    """List the quotations of an article: quote, speaker, role, start and end.

    ARTICLE is an id, a unique id prefix or part of the title. Offsets count in the canonical
    text (`margin show`), so text[start:end] is the quote. A speaker the article does not name
    stays empty.
    """
    articles = env.workspace.articles
    found = env.workspace.reading.read(articles.resolve(article).id)
    quotations = env.workspace.quotes.quotations(found)
    if as_json:
        print_json(
            [
                {
                    "quote": q.text,
                    "speaker": q.speaker,
                    "role": q.role,
                    "kind": q.kind,
                    "start": q.start,
                    "end": q.end,
                }
                for q in quotations
            ]
        )
        return
    if not quotations:
        console().print(safe(f"No quotations found in {found.title}."))
        return
    table = Table(box=None, pad_edge=False, header_style="bold", expand=False)
    table.add_column("quote", overflow="fold", ratio=3)
    table.add_column("speaker", overflow="fold", ratio=1)
    table.add_column("role", overflow="fold", ratio=1)
    table.add_column("start", justify="right", no_wrap=True)
    table.add_column("end", justify="right", no_wrap=True)
    for q in quotations:
        table.add_row(
            safe(f"“{q.text}”"),
            safe(q.speaker or "—", "bold" if q.speaker else "dim"),
            safe(q.role or ""),
            safe(q.start),
            safe(q.end),
        )
    console().print(table)
