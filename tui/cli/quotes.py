"""Quote commands: copy a formatted quote, export annotated summaries, import Margin JSON."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from tui.cli import Env, Failure, cli, pass_env
from tui.cli.output import echo, say, terminal_output, warn, warn_missing

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
    from annotations.citation import UnknownStyle
    from annotations.clipboard import terminal_writer

    if markup not in MARKUP_CHOICES:
        raise Failure(f"unknown markup {markup!r}; choose one of: {', '.join(MARKUP_CHOICES)}", 2)
    quotes = env.workspace.quotes
    with _errors((UnknownStyle,) if style else ()):
        quote = quotes.format(ref, style=style, markup=markup)  # type: ignore[arg-type]
    if quote.missing is not None:
        warn(f"margin: note: {quote.missing}")
    if to_stdout:
        echo(quote.text)
        return
    result = quotes.copy(quote.text, osc52_writer=terminal_writer())
    if not result.ok:
        raise Failure(result.message)
    say(result.message)


@cli.command("export")
@click.argument("articles", nargs=-1, metavar="[ARTICLE]...")
@click.option("--tag", "tags", multiple=True, help="Only highlights with this tag (repeatable).")
@click.option("--stance", help="Only highlights with this stance.")
@click.option("--since", help="Only highlights made on or after this date (YYYY-MM-DD).")
@click.option(
    "-f",
    "--format",
    "fmt",
    default="md",
    show_default=True,
    help="md, txt, html, json, w3c, csv, docx, csl-json or bibtex.",
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
    (printable), docx (Word), json (Margin's own, for import-annotations), w3c (Web Annotation
    JSON-LD), csv (Readwise), csl-json (Zotero, Pandoc) and bibtex (biblatex references). The
    file is written atomically; an existing one only with --force.
    """
    from annotations.citation import UnknownStyle
    from annotations.export import ExportExists, NothingToExport, UnknownFormat
    from annotations.workspace import BadScope, ExportRequest

    exports = env.workspace.exports
    try:
        exporter = exports.exporter(fmt)
    except UnknownFormat as exc:
        raise Failure(str(exc), 2) from None
    if exporter.binary and output == "-" and sys.stdout.isatty():
        raise Failure(
            f"{exporter.name} is a binary format; give a file with -o, "
            f"e.g. -o brief{exporter.suffix}",
            2,
        )
    request = ExportRequest(
        articles=articles,
        tags=tags,
        stance=stance,
        since=since,
        format=fmt,
        style=style,
        output=output,
        overwrite=force,
        terminal=terminal_output(output),
    )
    with _errors((UnknownStyle,) if style else ()):
        try:
            done = exports.export(request)
        except BadScope as exc:
            raise Failure(f"--since: {exc}", 2) from None
        except NothingToExport:
            raise Failure("no highlights match; nothing was exported") from None
        except ExportExists as exc:
            raise Failure(f"{exc.path} exists already; add --force to replace it") from None
    for line in done.skipped:
        warn(f"margin: {line}")
    warn_missing(done.missing)
    if output != "-":
        say(done.line())


@cli.command("import-annotations")
@click.argument("file", metavar="FILE")
@pass_env
def import_annotations_(env: Env, file: str) -> None:
    """Import highlights from a Margin JSON export (FILE, or - for stdin).

    Highlights are matched by id, so importing a file twice adds nothing. Where the library's
    text of an article differs, highlights are re-anchored by their quote.
    """
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
        report = env.workspace.highlights.import_document(data, name)
    head, *skipped = report.lines()
    say(head)
    for line in skipped:
        warn(f"margin: {line}")
    if skipped and not report.handled:
        raise SystemExit(1)
