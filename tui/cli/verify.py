"""`margin verify DRAFT`: each quotation of a draft found in the library, altered, misattributed
or unsourced."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table

from annotations.quotemarks import framed
from library.text import plural
from tui.cli import Env, Failure, cli, pass_env
from tui.cli.output import console, print_json, safe, warn

_STYLES = {"exact": "green", "altered": "bold yellow", "misattributed": "bold red", "unsourced": ""}


@cli.command("verify")
@click.argument("draft", type=click.Path(path_type=Path, readable=False))  # read_draft says why
@click.option("--json", "as_json", is_flag=True, help="One JSON object per quotation.")
@click.option("-s", "--style", help="Citation style for found quotations (default: the config's).")
@pass_env
def verify(env: Env, draft: Path, as_json: bool, style: str | None) -> None:
    """Check each quotation of a draft (Markdown, plain text or .docx) against the library.

    Each is exact (found word for word: article, paragraph or page, citation), altered (words
    added, dropped or changed: shown as a word diff, [-source-]{+draft+}), misattributed (the
    draft names someone other than the source's speaker, or quotes the article's own prose as
    someone's words) or unsourced (not in the library). A misattributed quotation whose words
    differ too is shown as both, with its diff.
    Bracketed insertions, … elisions and a change of quote marks are allowed. Quotations under
    four words are not checked. A page the draft cites beside a quotation ("(Author, 2020,
    p. 7)", "pp. 2–3", "at 7" for a court's opinion) is checked against a paginated source: a
    quotation whose words are on none of the cited pages is flagged "wrong page".
    Exits 1 when anything is altered or misattributed, or cited on a wrong page.
    """
    from annotations.citation import UnknownStyle

    if sys.stderr.isatty() and env.workspace.search.needs_build():
        warn("margin: building the search index (once; later runs only re-read changes)…")
    try:
        result = env.workspace.quotes.verify(draft.expanduser(), style=style)
    except UnknownStyle as exc:
        raise Failure(str(exc), 2) from None
    if as_json:
        print_json([_row(q) for q in result.quotes])
    else:
        _table(result)
    if result.skipped and not as_json:
        skipped = plural(len(result.skipped), "quotation")
        were = "was" if len(result.skipped) == 1 else "were"
        warn(f"margin: {skipped} under four words {were} not checked")
    if result.library_empty:  # a mistyped --library: say so, not only "unsourced"
        warn(
            f"margin: the library at {env.root} holds no articles; "
            "import the sources, or give the library with --library"
        )
    if result.failed:
        raise SystemExit(1)


def _row(q: object) -> dict[str, object]:
    from annotations.workspace.quoting import CheckedQuote

    assert isinstance(q, CheckedQuote)
    return {
        "status": q.status,
        "altered": q.altered,  # true for a misattributed quotation whose words differ too
        "quote": q.quote,
        "speaker": q.speaker,
        "line": q.line,
        "article": q.article.id if q.article else None,
        "title": q.article.title if q.article else None,
        "start": q.start if q.article else None,
        "end": q.end if q.article else None,
        "source": q.source or None,
        "source_speaker": q.source_speaker,
        "narration": q.narration,  # misattributed: the article's own words, not a quotation
        "paragraph": q.paragraph,
        "page": q.page,
        "locator": q.locator if q.page else None,  # what page counts: page, chapter, location
        "cited_page": q.cited_page,  # as the draft cites it beside the quotation: "pp. 2–3"
        "wrong_page": q.wrong_page,  # the source's words are on none of those pages
        # Whether those pages were checked (null when none are cited), and why not.
        "page_checked": not q.page_unchecked if q.cited_page else None,
        "page_note": q.page_unchecked or None,
        "citation": q.citation or None,
        "diff": q.diff or None,
    }


def _table(result: object) -> None:
    from annotations.workspace.quoting import Verification

    assert isinstance(result, Verification)
    if not result.quotes:
        console().print(safe(f"No quotations of four words or more in {result.draft}."))
        return
    table = Table(box=None, pad_edge=False, header_style="bold", expand=False)
    docx = result.draft.casefold().endswith(".docx")  # a .docx has paragraphs, not lines
    table.add_column("para" if docx else "line", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("quotation", overflow="fold", ratio=3)
    table.add_column("source", overflow="fold", ratio=3)
    for q in result.quotes:
        if q.article is None:
            where = safe("not in the library", "dim")
        else:
            place = q.place
            where = safe(f"{q.article.title} ({place})" if place else q.article.title)
            if q.narration:
                where.append(
                    safe(f" — the article's own words, not a quotation of {q.speaker}", "red")
                )
            elif q.status == "misattributed":
                where.append(safe(f" — said by {q.source_speaker}, not {q.speaker}", "red"))
            if q.wrong_page:
                where.append(safe(f" — cited {q.cited_page}, not where these words are", "red"))
            elif q.page_unchecked:
                where.append(safe(f" — cited {q.cited_page}, {q.page_unchecked}", "dim"))
            if q.diff:
                where.append("\n")
                where.append(safe(q.diff, "yellow"))
            elif q.status == "exact":
                where.append("\n")
                where.append(safe(q.citation, "dim"))
        quote = framed(q.quote) + (f" — {q.speaker}" if q.speaker else "")
        status = safe(q.status, _STYLES[q.status])
        if q.status == "misattributed" and q.altered:
            status.append("\nand altered", _STYLES["altered"])
        if q.wrong_page:
            status.append("\nwrong page", "bold red")
        table.add_row(safe(q.line), status, safe(quote), where)
    console().print(table)
    counts = {s: f"{sum(q.status == s for q in result.quotes)} {s}" for s in _STYLES}
    both = sum(q.status == "misattributed" and q.altered for q in result.quotes)
    prose = sum(q.narration for q in result.quotes)
    notes = [f"{prose} the article's own words"] if prose else []
    notes += [f"{both} also altered"] if both else []
    if notes:
        counts["misattributed"] += f" ({', '.join(notes)})"
    wrong = sum(q.wrong_page for q in result.quotes)
    pages = [f"{wrong} cited on a wrong page"] if wrong else []
    unchecked = sum(bool(q.page_unchecked) for q in result.quotes)
    pages += [f"{unchecked} cited page(s) not checked"] if unchecked else []
    console().print(safe(", ".join([*counts.values(), *pages])))
