"""`margin quotes ARTICLE`: the quotations of an article, each with its speaker and offsets;
`margin quotes --speaker NAME`: what one person said across the library; `margin speakers`."""

from __future__ import annotations

import click
from rich.table import Table

from annotations.quotemarks import framed
from tui.cli import Env, Failure, cli, pass_env
from tui.cli.output import console, print_json, safe


@cli.command("quotes")
@click.argument("article", required=False)
@click.option("--speaker", help="What this person said across the library (by date).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per quotation.")
@pass_env
def quotes(env: Env, article: str | None, speaker: str | None, as_json: bool) -> None:
    """List the quotations of an article: quote, speaker, role, start and end.

    ARTICLE is an id, a unique id prefix or part of the title. Offsets count in the canonical
    text (`margin show`), so text[start:end] is the quote. A speaker the article does not name
    stays empty. With --speaker NAME (and no ARTICLE), every quotation of that speaker in the
    library, oldest first, with the stance of a highlight that covers it; name variants
    ("Menino", "Mayor Menino") count as one person.
    """
    if speaker is not None:
        if article is not None:
            raise Failure("give either ARTICLE or --speaker NAME, not both", 2)
        _speaker_quotes(env, speaker, as_json)
        return
    if article is None:
        raise Failure("give an ARTICLE (id, prefix or title words) or --speaker NAME", 2)
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
            safe(framed(q.text)),
            safe(q.speaker or "—", "bold" if q.speaker else "dim"),
            safe(q.role or ""),
            safe(q.start),
            safe(q.end),
        )
    console().print(table)


def _speaker_quotes(env: Env, name: str, as_json: bool) -> None:
    from annotations.workspace import UnknownSpeaker

    try:
        speaker, found = env.workspace.quotes.by_speaker(name)
    except UnknownSpeaker as exc:
        raise Failure(str(exc)) from None
    if as_json:
        print_json(
            [
                {
                    "speaker": speaker.name,
                    "named": q.named,
                    "role": q.role,
                    "quote": q.text,
                    "article": q.article.id,
                    "title": q.article.title,
                    "date": q.date or None,
                    "start": q.start,
                    "end": q.end,
                    "stance": q.stance,
                    "highlight": q.highlight,
                }
                for q in found
            ]
        )
        return
    also = [v for v in speaker.variants if v != speaker.name]
    head = (
        f"{speaker.name}: {_count(speaker.quotations, 'quotation')} in "
        f"{_count(speaker.articles, 'article')}"
    )
    console().print(safe(head + (f" (also named {'; '.join(also)})" if also else ""), "bold"))
    table = Table(box=None, pad_edge=False, header_style="bold", expand=False)
    table.add_column("date", no_wrap=True)
    table.add_column("quote", overflow="fold", ratio=3)
    table.add_column("article", overflow="fold", ratio=1)
    table.add_column("stance", no_wrap=True)
    for q in found:
        table.add_row(
            safe(q.date or "—", "dim"),
            safe(framed(q.text)),
            safe(q.article.title),
            safe(q.stance or ""),
        )
    console().print(table)


@cli.command("speakers")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per speaker.")
@pass_env
def speakers(env: Env, as_json: bool) -> None:
    """List every speaker quoted in the library, with counts of quotations and articles.

    Name variants are merged: "Thomas M. Menino", "Menino" and "Mayor Menino" are one speaker;
    "Bill Clinton" and "Hillary Clinton" stay two. The first run reads every article; later runs
    read only new or changed ones (the cache is `.index/quotations.json`).
    """
    found = env.workspace.quotes.speakers()
    if as_json:
        print_json(
            [
                {
                    "speaker": s.name,
                    "variants": list(s.variants),
                    "quotations": s.quotations,
                    "articles": s.articles,
                }
                for s in found
            ]
        )
        return
    if not found:
        console().print(safe("No quoted speakers in the library yet."))
        return
    table = Table(box=None, pad_edge=False, header_style="bold", expand=False)
    table.add_column("speaker", overflow="fold", ratio=2)
    table.add_column("quotations", justify="right", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("also named", overflow="fold", ratio=2)
    for s in found:
        also = "; ".join(v for v in s.variants if v != s.name)
        table.add_row(safe(s.name, "bold"), safe(s.quotations), safe(s.articles), safe(also, "dim"))
    console().print(table)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
