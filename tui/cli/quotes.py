"""Quote commands: copy a formatted quote, export annotated summaries, import Margin JSON."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tui.cli import Env, Failure, cli, pass_env
from tui.cli.output import echo, say, warn

if TYPE_CHECKING:
    from annotations.model import Annotation
    from library.model import Article

MARKUP_CHOICES = ("text", "markdown", "html")


@contextmanager
def _errors(usage: tuple[type[Exception], ...] = ()) -> Iterator[None]:
    """Annotation-domain errors as one line: exit 2 for the usage ones, else 1."""
    from annotations.errors import AnnotationError

    try:
        yield
    except usage as exc:
        raise Failure(str(exc), 2) from None
    except AnnotationError as exc:
        raise Failure(str(exc)) from None


@cli.command("copy")
@click.argument("ref", metavar="ID")
@click.option("-s", "--style", help="plain, mla, apa, chicago, card or a template name.")
@click.option("--print", "to_stdout", is_flag=True, help="Print the quote instead of copying it.")
@click.option(
    "--markup",
    default="text",
    show_default=True,
    help="text, markdown (*italics*, **marks**) or html.",
)
@pass_env
def copy(env: Env, ref: str, style: str | None, to_stdout: bool, markup: str) -> None:
    """Copy a highlight as a formatted quote with its citation.

    ID is a highlight id or a unique prefix of one. The style defaults to [quotes] style in the
    config. The text goes to the system clipboard, else to the terminal's (OSC 52); the message
    says which.
    """
    from annotations.citation import UnknownStyle, format_quote
    from annotations.clipboard import copy_text, terminal_writer

    if markup not in MARKUP_CHOICES:
        raise Failure(f"unknown markup {markup!r}; choose one of: {', '.join(MARKUP_CHOICES)}", 2)
    with _errors((UnknownStyle,) if style else ()):
        annotation = env.workspace.store.get(ref)
        article = _article_of(env, annotation)
        text = format_quote(
            annotation,
            article,
            style or env.config.quote_style,
            config=env.config,
            markup=markup,  # type: ignore[arg-type]
        )
    if to_stdout:
        echo(text)
        return
    result = copy_text(text, osc52_writer=terminal_writer())
    if not result.ok:
        raise Failure(result.message)
    say(result.message)


def _article_of(env: Env, annotation: Annotation) -> Article:
    from library.errors import ArticleNotFound

    try:
        return env.library.get(annotation.article)
    except ArticleNotFound:
        raise Failure(
            f"highlight {annotation.id[:8]} belongs to article {annotation.article}, which is not"
            " in the library (restore it with `margin restore`)"
        ) from None


@cli.command("export")
@click.argument("articles", nargs=-1, metavar="[ARTICLE]...")
@click.option("--tag", "tags", multiple=True, help="Only highlights with this tag (repeatable).")
@click.option("--stance", help="Only highlights with this stance.")
@click.option("--since", help="Only highlights made on or after this date (YYYY-MM-DD).")
@click.option(
    "-f", "--format", "fmt", default="md", show_default=True, help="md, txt, html, json, w3c, csv."
)
@click.option("-s", "--style", help="Quote style for md, txt and html (default: the config's).")
@click.option("-o", "--output", default="-", show_default=True, help="File, or - for stdout.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@pass_env
def export(
    env: Env,
    articles: tuple[str, ...],
    tags: tuple[str, ...],
    stance: str | None,
    since: str | None,
    fmt: str,
    style: str | None,
    output: str,
    force: bool,
) -> None:
    """Export highlights as an annotated summary, grouped by tag then stance.

    With no ARTICLE, the whole library (after the filters). Formats: md (Obsidian), txt, html
    (printable), json (Margin's own, for import-annotations), w3c (Web Annotation JSON-LD),
    csv (Readwise). The file is written atomically; an existing one only with --force.
    """
    from annotations.citation import UnknownStyle
    from annotations.export import (
        FORMATS,
        ExportExists,
        ExportOptions,
        NothingToExport,
        UnknownFormat,
        export_annotations,
        write_export,
    )
    from library.dates import parse_date

    if fmt.casefold() not in FORMATS:
        raise Failure(str(UnknownFormat(fmt)), 2)
    since_iso = None
    if since is not None:
        since_iso = parse_date(since)
        if since_iso is None:
            raise Failure(f"--since: cannot read {since!r} as a date; use YYYY-MM-DD", 2)
    library = env.library
    ids = [library.resolve(ref).id for ref in articles] if articles else None
    with _errors((UnknownStyle,) if style else ()):
        wanted = env.workspace.stance_filter(stance)
        groups = env.workspace.export_groups(ids, tags=tags, stance=wanted, since=since_iso)
        options = ExportOptions(
            style=style or env.config.quote_style, config=env.config, width=env.config.width
        )
        try:
            data = export_annotations(groups, fmt, options)
        except NothingToExport:
            raise Failure("no highlights match; nothing was exported") from None
        try:
            where = write_export(data, output, overwrite=force)
        except ExportExists as exc:
            raise Failure(f"{exc.path} exists already; add --force to replace it") from None
    if output != "-":
        total = sum(len(anns) for _a, anns in groups)
        say(f"Exported {total} highlight{'s' if total != 1 else ''} to {where}")


@cli.command("import-annotations")
@click.argument("file", metavar="FILE")
@pass_env
def import_annotations_(env: Env, file: str) -> None:
    """Import highlights from a Margin JSON export (FILE, or - for stdin).

    Highlights are matched by id, so importing a file twice adds nothing. Where the library's
    text of an article differs, highlights are re-anchored by their quote.
    """
    from annotations.interchange import import_annotations

    if file == "-":
        data = sys.stdin.buffer.read()
        name = "stdin"
    else:
        path = Path(file).expanduser()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise Failure(f"cannot read {path}: {exc.strerror or exc}") from None
        name = str(path)
    with _errors():
        report = import_annotations(env.workspace, data, name)
    head, *skipped = report.lines()
    say(head)
    for line in skipped:
        warn(f"margin: {line}")
    handled = report.added + report.updated + report.unchanged + report.deleted
    if skipped and not handled:
        raise SystemExit(1)
