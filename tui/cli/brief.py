"""`margin brief`: the brief board (tags × stances, in its saved order) as one document."""

from __future__ import annotations

import sys

import click

from tui.cli import Env, Failure, cli, pass_env
from tui.cli.output import say, terminal_output, warn, warn_missing


@cli.command("brief")
@click.option("--tag", "tags", multiple=True, help="Only these tags' rows (repeatable).")
@click.option("--stance", "stances", multiple=True, help="Only these stances (repeatable; none).")
@click.option("--article", "articles", multiple=True, help="Only this article (repeatable).")
@click.option("--since", help="Only highlights made on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only highlights made on or before this date (YYYY-MM-DD).")
@click.option(
    "-f", "--format", "fmt", default="md", show_default=True, help="md, html, docx or txt."
)
@click.option("-s", "--style", help="Quote style for md, txt and html (default: the config's).")
@click.option("-o", "--output", default="-", show_default=True, help="File, or - for stdout.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@pass_env
def brief(
    env: Env,
    tags: tuple[str, ...],
    stances: tuple[str, ...],
    articles: tuple[str, ...],
    since: str | None,
    until: str | None,
    fmt: str,
    style: str | None,
    output: str,
    force: bool,
) -> None:
    """Write the brief board: one section per tag, then per stance, in the board's order.

    The order is the one set on the reader's board (B, then J/K); a highlight with several tags
    is listed under each. The file is written atomically; an existing one only with --force.
    """
    from annotations.citation import UnknownStyle
    from annotations.errors import AnnotationError, UnknownStance
    from annotations.export import ExportExists, NothingToExport
    from annotations.workspace import BRIEF_FORMATS, BadScope, BoardFilter

    name = fmt.strip().casefold()
    if name not in BRIEF_FORMATS:
        raise Failure(f"unknown brief format {fmt!r}; choose one of: {', '.join(BRIEF_FORMATS)}", 2)
    if name == "docx" and output == "-" and sys.stdout.isatty():
        raise Failure("docx is a binary format; give a file with -o, e.g. -o brief.docx", 2)
    wanted = BoardFilter(tags, stances, articles, since, until)
    try:
        done = env.workspace.briefs.export(
            wanted, name, output, style, overwrite=force, terminal=terminal_output(output)
        )
    except (BadScope, UnknownStance) as exc:
        raise Failure(str(exc), 2) from None
    except UnknownStyle as exc:
        raise Failure(str(exc), 2 if style else 1) from None
    except NothingToExport:
        raise Failure("no highlights match; nothing was written") from None
    except ExportExists as exc:
        raise Failure(f"{exc.path} exists already; add --force to replace it") from None
    except AnnotationError as exc:
        raise Failure(str(exc)) from None
    for line in done.skipped:
        warn(f"margin: {line}")
    warn_missing(done.missing)
    if output != "-":
        say(f"Wrote a brief of {done.count} highlight{'s' * (done.count != 1)} to {done.where}")
