"""Highlight commands: highlight, annotations, annotate, unhighlight."""

from __future__ import annotations

import re

import click
from rich.table import Table

from annotations.model import Annotation
from tui.cli import Env, cli, pass_env
from tui.cli.output import console, fail, print_json, safe

_RANGE = re.compile(r"^\s*(\d+)\s*:\s*(\d+)\s*$")


def _parse_range(value: str) -> tuple[int, int]:
    found = _RANGE.match(value)
    if not found:
        fail(f"--range: '{value}' is not START:END (two offsets, e.g. 120:188)", 2)
    return int(found.group(1)), int(found.group(2))


def annotation_json(annotation: Annotation) -> dict[str, object]:
    """The `--json` shape of one highlight."""
    return annotation.to_dict()


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
    meta = env.library.resolve(article)
    workspace = env.workspace
    created = workspace.new_highlight(
        meta.id,
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
    stored = workspace.store.add(created)
    click.echo(stored.id)


@cli.command()
@click.argument("article", required=False)
@click.option("--stance", help="Only highlights with this stance ('none' for no stance).")
@click.option("--tag", help="Only highlights with this tag.")
@click.option("--orphaned", is_flag=True, help="Only highlights that lost their place.")
@click.option("--review", is_flag=True, help="Only highlights re-anchored approximately.")
@click.option("--deleted", is_flag=True, help="Deleted highlights (restore with unhighlight --restore).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array for scripts.")
@pass_env
def annotations(
    env: Env,
    article: str | None,
    stance: str | None,
    tag: str | None,
    orphaned: bool,
    review: bool,
    deleted: bool,
    as_json: bool,
) -> None:
    """List highlights: of one article, or across the library, filtered by stance and tag."""
    workspace = env.workspace
    article_id = env.library.resolve(article).id if article else None
    if deleted:
        found = workspace.store.deleted(article_id)
    else:
        found = workspace.store.query(
            article=article_id,
            tag=tag,
            orphaned=True if orphaned else None,
            needs_review=True if review else None,
        )
    if stance is not None:
        wanted = stance.strip().casefold()
        if wanted == "none":
            found = [a for a in found if a.stance is None]
        else:
            if env.config.stance(stance) is None and not any(
                (a.stance or "").casefold() == wanted for a in found
            ):
                workspace.stance_name(stance)  # raises UnknownStance listing the choices
            found = [a for a in found if (a.stance or "").casefold() == wanted]
    if tag is not None and deleted:
        found = [a for a in found if a.has_tag(tag)]
    found.sort(key=lambda a: (a.article, a.start, a.end))
    if as_json:
        print_json([annotation_json(a) for a in found])
        return
    if not found:
        console().print(safe("No highlights match."))
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", no_wrap=True)
    table.add_column("article", no_wrap=True, max_width=28, overflow="ellipsis")
    table.add_column("stance", no_wrap=True)
    table.add_column("quote", overflow="fold")
    table.add_column("tags / note", overflow="fold")
    for a in found:
        flag = " orphaned" if a.orphaned else (" review" if a.needs_review else "")
        quote = a.quote if len(a.quote) <= 140 else a.quote[:139] + "…"
        extra = " ".join(f"#{t}" for t in a.tags)
        first_note = next((line for line in a.note.splitlines() if line.strip()), "")
        if first_note:
            extra = f"{extra}  {first_note}".strip()
        stance_style = ""
        if a.stance:
            known = env.config.stance(a.stance)
            stance_style = f"bold {known.color}" if known else "bold dim"
        table.add_row(
            safe(a.id[:8], "cyan"),
            safe(a.article),
            safe(a.stance or "", stance_style),
            safe(f"“{quote}”{flag}"),
            safe(extra),
        )
    console().print(table)


@cli.command()
@click.argument("annotation_id", metavar="ID")
@click.option("--stance", help="Set the stance ('none' clears it).")
@click.option("--tag", "tags", multiple=True, help="Add a tag (repeat for several).")
@click.option("--untag", "untags", multiple=True, help="Remove a tag (repeat for several).")
@click.option("--note", help="Replace the note.")
@click.option("--speaker", help="Set who is quoted ('' clears it).")
@pass_env
def annotate(
    env: Env,
    annotation_id: str,
    stance: str | None,
    tags: tuple[str, ...],
    untags: tuple[str, ...],
    note: str | None,
    speaker: str | None,
) -> None:
    """Change a highlight's stance, tags, note or speaker (ID may be a unique prefix)."""
    if stance is None and not tags and not untags and note is None and speaker is None:
        fail("nothing to change; give --stance, --tag, --untag, --note or --speaker", 2)
    workspace = env.workspace
    current = workspace.store.get(annotation_id)
    changes: dict[str, object] = {}
    if stance is not None:
        changes["stance"] = workspace.stance_name(stance)
    if tags or untags:
        removed = {t.strip().casefold() for t in untags}
        kept = [t for t in current.tags if t.casefold() not in removed]
        changes["tags"] = kept + list(tags)
    if note is not None:
        changes["note"] = note
    if speaker is not None:
        changes["speaker"] = speaker.strip() or None
    updated = workspace.store.update(current.changed(**changes))
    click.echo(updated.id)


@cli.command()
@click.argument("annotation_id", metavar="ID")
@click.option("--restore", is_flag=True, help="Bring back a deleted highlight.")
@pass_env
def unhighlight(env: Env, annotation_id: str, restore: bool) -> None:
    """Delete a highlight (kept among the deleted; `--restore` brings it back)."""
    store = env.workspace.store
    if restore:
        matches = [a for a in store.deleted() if a.id.startswith(annotation_id)]
        if not matches:
            fail(f"'{annotation_id}': no deleted highlight has that id; see annotations --deleted")
        if len(matches) > 1:
            fail(f"'{annotation_id}' matches {len(matches)} deleted highlights; use a longer prefix")
        restored = store.restore_deleted(matches[0].id)
        console().print(safe(f"restored   {restored.id}"))
        return
    removed = store.delete(store.get(annotation_id).id)
    console().print(
        safe(f"deleted    {removed.id} (undo with: margin unhighlight --restore {removed.id[:8]})")
    )
