"""Highlight commands: highlight, annotations, annotate, unhighlight."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from annotations.edits import Edit
from annotations.model import Annotation, normalize_tags
from annotations.quotemarks import frame_words
from tui.cli import Env, cli, pass_env
from tui.cli.output import console, fail, print_json, safe, say, warn

if TYPE_CHECKING:
    from tui.cli.columns import Cell

_RANGE = re.compile(r"^\s*(\d+)\s*:\s*(\d+)\s*$")


def _parse_range(value: str) -> tuple[int, int]:
    found = _RANGE.match(value)
    if not found:
        fail(f"--range: '{value}' is not START:END (two offsets, e.g. 120:188)", 2)
    return int(found.group(1)), int(found.group(2))


@cli.command()
@click.argument("article")
@click.option("--quote", help="The words to highlight (matched exactly, then tolerantly).")
@click.option("--prefix", default="", help="Text just before the quote, to pick one occurrence.")
@click.option("--suffix", default="", help="Text just after the quote, to pick one occurrence.")
@click.option("--near", type=int, help="An offset near the quote, to pick one occurrence.")
@click.option("--range", "span", help="START:END character offsets instead of a quote.")
@click.option("--stance", help="A stance from the config (support, oppose, neutral by default).")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for several).")
@click.option("--note", default="", help="A note (Markdown).")
@click.option("--speaker", help="Who is quoted.")
@pass_env
def highlight(
    env: Env,
    article: str,
    quote: str | None,
    prefix: str,
    suffix: str,
    near: int | None,
    span: str | None,
    stance: str | None,
    tags: tuple[str, ...],
    note: str,
    speaker: str | None,
) -> None:
    """Highlight a quote (or a range) in an article; prints the new highlight's id."""
    if (quote is None) == (span is None):
        fail("give exactly one of --quote TEXT or --range START:END", 2)
    if span is not None and (prefix or suffix or near is not None):
        fail("--prefix, --suffix and --near go with --quote, not --range", 2)
    from annotations.errors import QuoteNotFound

    try:
        created = env.workspace.highlights.create(
            article,
            quote=quote,
            prefix=prefix,
            suffix=suffix,
            near=near,
            span=_parse_range(span) if span is not None else None,
            stance=stance,
            tags=list(tags),
            note=note,
            speaker=speaker,
        )
    except QuoteNotFound as missed:
        fail(str(missed))  # the workspace's error says what to do next in that article
    if not created.exact:
        # Found after folding typography, or approximately: say which words were highlighted.
        words = created.annotation.quote
        warn(f"margin: note: the text reads “{words}”; that is what was highlighted")
    click.echo(created.annotation.id)


@cli.command("annotations")
@click.argument("article", required=False)
@click.option("--stance", help="Only highlights with this stance ('none' for no stance).")
@click.option("--tag", help="Only highlights with this tag.")
@click.option("--orphaned", is_flag=True, help="Only highlights that lost their place.")
@click.option("--review", is_flag=True, help="Only highlights re-anchored approximately.")
@click.option("--deleted", is_flag=True, help="Deleted highlights (unhighlight --restore ID).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array for scripts.")
@pass_env
def annotations_(  # not `annotations`: that name is taken by `from __future__ import annotations`
    env: Env,
    article: str | None,
    stance: str | None,
    tag: str | None,
    orphaned: bool,
    review: bool,
    deleted: bool,
    as_json: bool,
) -> None:
    """List highlights: of one article, or across the library, filtered by stance and tag.

    An empty result is not an error: it prints "No highlights match." (or `[]`) and exits 0.
    """
    found = env.workspace.highlights.find(
        article, stance=stance, tag=tag, orphaned=orphaned, review=review, deleted=deleted
    )
    if as_json:
        from annotations.interchange import highlight_record

        pages = env.workspace.highlights.pages(found)
        print_json([highlight_record(a, pages) for a in found])
        return
    if not found:
        console().print(safe("No highlights match."))
        return
    _print_listing(env, found)


def _print_listing(env: Env, found: list[Annotation]) -> None:
    """Highlights grouped under their article's title, one row each (fits the terminal; ids are
    never broken, into a pipe either)."""
    from tui.cli.columns import (
        Column,
        Grid,
        Styler,
        clean,
        ellipsis,
        para,
        styler_for,
        width_of,
        write_lines,
    )

    titles = {meta.id: meta.title for meta in env.workspace.articles.cached_catalog()}
    out = console()
    width = out.width  # rich measures the terminal on each call
    styles: dict[str | None, str] = {}
    for a in found:
        if a.stance not in styles:
            known = env.config.stance(a.stance) if a.stance else None
            styles[a.stance] = f"bold {known.color}" if known else "bold dim"
    columns = [Column("id"), Column("stance"), Column("quote", ratio=3), Column("note", ratio=2)]
    # Only the fixed columns' cells set widths (the others share what is left); each row's
    # cells are made as it is written.
    widest = max((clean(a.id[:8]) for a in found), key=width_of, default="")
    states = {(a.stance, a.orphaned, a.needs_review): a for a in found}.values()
    sizes = [[[para(widest, whole=True)], [], [], []]]
    sizes += [[[], _stance_cell(a, styles), [], []] for a in states]
    grid = Grid(columns, width, sizes, expand=True)
    styler = styler_for(out.color_system)
    plain = styler.color_system is None  # no styles: rows of plain text, laid out cheaply

    def lines(styler: Styler) -> Iterator[str]:
        previous = None
        for a in found:
            if a.article != previous:
                if previous is not None:
                    yield ""
                previous = a.article
                if a.article in titles:
                    title, _size = ellipsis(para(titles[a.article]), width)
                    yield "".join(styler(t, "bold") for t, _ in title)
                style = "dim" if a.article in titles else "bold red"
                yield styler(para(a.article).runs[0][0], style)
            cells = _plain_cells(a) if plain else None
            rendered = grid.render_plain(cells, _WHOLE) if cells is not None else None
            if rendered is None:
                row = [[para(a.id[:8], "cyan", whole=True)], _stance_cell(a, styles)]
                rendered = grid.render([*row, _quote_cell(a), _extra(a)], styler)
            yield from rendered
        yield ""
        yield styler(_total(found), "dim")

    write_lines(lines(styler), out.file)


_WHOLE = (True, True, False, False)  # ids and stances are never wrapped


def _plain_cells(a: Annotation) -> list[list[str]] | None:
    """A row's cells as plain text (what `_stance_cell`, `_quote_cell` and `_extra` hold,
    without styles), or None when some text is not one cell a character."""
    ident = _plain(a.id[:8])
    quote = _plain_framed(*frame_words(_shortened(a.quote), a.place))
    if ident is None or quote is None:
        return None
    if a.speaker:
        speaker = _plain_framed(" — ", a.speaker, "")
        if speaker is None:
            return None
        quote += speaker
    stance = []
    if a.stance:
        name = _plain(a.stance)
        if name is None:
            return None
        stance.append(name)
    if a.orphaned:
        stance.append("orphaned")
    elif a.needs_review:
        stance.append("review")
    extra = "".join(text for text, _style in _extra_runs(a))
    if extra and not extra.isascii():
        from tui.cli.columns import is_narrow

        if not is_narrow(extra):
            return None
    return [[ident], stance, [quote], [extra] if extra else []]


def _shortened(quote: str) -> str:
    """A quote as a listing shows it: shortened past 140 characters."""
    return quote if len(quote) <= 140 else quote[:139] + "…"


def _plain_framed(before: str, text: str, after: str) -> str | None:
    """`_plain(before + text + after)`; printable ASCII between narrow punctuation needs no
    cleaning (most quotes and speakers)."""
    if text.isascii() and text.isprintable():
        return before + text + after
    return _plain(before + text + after)


def _plain(text: str) -> str | None:
    """`clean(text)` when that takes one cell a character, else None."""
    if text.isascii() and text.isprintable():
        return text
    from tui.cli.columns import clean, is_narrow

    text = clean(text)
    return text if is_narrow(text) else None


def _total(found: list[Annotation]) -> str:
    """`25 highlights in 3 articles (1 orphaned, 2 to review)`."""
    flagged = [
        f"{n} {what}"
        for n, what in (
            (sum(a.orphaned for a in found), "orphaned"),
            (sum(a.needs_review and not a.orphaned for a in found), "to review"),
        )
        if n
    ]
    articles = len({a.article for a in found})
    total = f"{len(found)} highlight{'s' * (len(found) != 1)} in {articles} "
    total += f"article{'s' * (articles != 1)}"
    return total + (f" ({', '.join(flagged)})" if flagged else "")


def _stance_cell(a: Annotation, styles: dict[str | None, str]) -> Cell:
    """The stance in its colour (dim when no longer configured), then the highlight's state."""
    from tui.cli.columns import para

    cell = [para(a.stance, styles[a.stance], whole=True)] if a.stance else []
    if a.orphaned:
        cell.append(para("orphaned", "bold red", whole=True))
    elif a.needs_review:
        cell.append(para("review", "bold yellow", whole=True))
    return cell


def _quote_cell(a: Annotation) -> Cell:
    """The quote (shortened past 140 characters) and who said it."""
    from tui.cli.columns import Para

    return [Para(_quote_runs(a))]


def _quote_runs(a: Annotation) -> list[tuple[str, str]]:
    from tui.cli.columns import clean

    runs = [
        (clean("".join(frame_words(_shortened(a.quote), a.place))), "dim" if a.orphaned else "")
    ]
    if a.speaker:
        runs.append((clean(f" — {a.speaker}"), "italic"))
    return runs


def _extra(a: Annotation) -> Cell:
    """Tags, the first line of the note, and the former words of a re-anchored highlight."""
    from tui.cli.columns import Para

    runs = _extra_runs(a)
    return [Para(runs)] if runs else []


def _extra_runs(a: Annotation) -> list[tuple[str, str]]:
    from tui.cli.columns import clean

    runs = []
    if a.tags:
        runs.append((clean(" ".join(f"#{t}" for t in a.tags)), "magenta"))
    lines = [line for line in a.note.splitlines() if line.strip()]
    if lines:
        more = " …" if len(lines) > 1 else ""
        runs.append((clean(("  " if a.tags else "") + lines[0] + more), ""))
    if a.original_quote and a.needs_review:
        was = a.original_quote if len(a.original_quote) <= 60 else a.original_quote[:59] + "…"
        runs.append((clean(("  " if runs else "") + f"was “{was}”"), "dim"))
    return runs


@cli.command()
@click.argument("annotation_id", metavar="ID")
@click.option("--stance", help="Set the stance ('none' clears it).")
@click.option("--tag", "tags", multiple=True, help="Add a tag (repeat for several).")
@click.option("--untag", "untags", multiple=True, help="Remove a tag (repeat for several).")
@click.option("--note", help="Replace the note.")
@click.option("--speaker", help="Set who is quoted ('' clears it).")
@click.option("--reviewed", is_flag=True, help="Clear the review flag of a re-anchored highlight.")
@pass_env
def annotate(
    env: Env,
    annotation_id: str,
    stance: str | None,
    tags: tuple[str, ...],
    untags: tuple[str, ...],
    note: str | None,
    speaker: str | None,
    reviewed: bool,
) -> None:
    """Change a highlight's stance, tags, note or speaker (ID may be a unique prefix)."""
    given = (stance, note, speaker)
    if all(v is None for v in given) and not tags and not untags and not reviewed:
        fail("nothing to change; give --stance, --tag, --untag, --note, --speaker or --reviewed", 2)
    values: dict[str, object] = {}
    if stance is not None:
        values["stance"] = stance
    if note is not None:
        values["note"] = note
    if speaker is not None:
        values["speaker"] = speaker.strip() or None
    if reviewed:
        values["needs_review"] = False
    edit = Edit(values, add_tags=tuple(normalize_tags(list(tags))), remove_tags=untags)
    _before, after = env.workspace.highlights.change(annotation_id, edit)
    click.echo(after.id)


@cli.command()
@click.argument("annotation_id", metavar="ID")
@click.option("--restore", is_flag=True, help="Bring back a deleted highlight.")
@pass_env
def unhighlight(env: Env, annotation_id: str, restore: bool) -> None:
    """Delete a highlight (kept among the deleted; `--restore` brings it back)."""
    highlights = env.workspace.highlights
    if restore:
        restored = highlights.restore(annotation_id)
        say(f"restored   {restored.id}")
        return
    removed = highlights.delete(annotation_id)
    say(f"deleted    {removed.id} (undo with: margin unhighlight --restore {removed.id[:8]})")
