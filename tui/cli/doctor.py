"""`margin doctor [--fix]`: check the library's files and repair what is safe."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from library.text import plural
from tui.cli import Env, cli, pass_env
from tui.cli.output import console, print_json, safe

if TYPE_CHECKING:
    from rich.text import Text

    from annotations.workspace import Finding
    from library.errors import ConfigError


@cli.command()
@click.option("--fix", "fix", is_flag=True, help="Repair what is safe to repair (see below).")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option(
    "--compact-backups",
    "compact",
    is_flag=True,
    help="Instead of checking: compact the folder imports' backup packs into one (see below).",
)
@click.option(
    "--older-than",
    "days",
    type=click.FloatRange(min=0),
    default=30,
    show_default=True,
    metavar="DAYS",
    help="With --compact-backups: keep every copy younger than this.",
)
@click.option(
    "--dry-run", is_flag=True, help="With --compact-backups: list what would go, change nothing."
)
@pass_env
def doctor(env: Env, fix: bool, as_json: bool, compact: bool, days: float, dry_run: bool) -> None:
    """Check highlights against articles, damaged files, backups, caches, temp files and sync
    conflict copies.

    With --fix: stray temp files are swept, damaged files restored from their backups (the
    damaged file kept), highlights conflict copies merged (then moved to trash/conflicts/),
    highlights re-anchored to a hand-edited article, caches rebuilt. Nothing you saved is deleted.
    Exits 1 when problems remain after the run.

    With --compact-backups: the packs a folder import keeps its articles' backups in
    (articles/.backups/*.pack) become one, without the copies that are neither among an
    article's last two saves nor younger than --older-than days. A damaged pack is left as it is.
    """
    if compact:
        if fix:
            raise click.UsageError("--compact-backups runs on its own: leave out --fix")
        _compact(env, days, dry_run, as_json)
        return
    given = click.get_current_context().get_parameter_source("days")
    if dry_run or given is not click.core.ParameterSource.DEFAULT:
        option = "--dry-run" if dry_run else "--older-than"
        raise click.UsageError(f"{option} goes with --compact-backups")
    bad_config = env.config_problem()  # reported below; the library is checked all the same
    doctor = env.workspace.doctor
    findings = doctor.fix() if fix else doctor.check()
    if bad_config is not None:
        findings.insert(0, _config_finding(bad_config))
    remaining = [f for f in findings if f.remains]
    if as_json:
        print_json(
            {
                "fixed": fix,
                "findings": [f.to_json() for f in findings],
                "problems": sum(f.severity == "problem" for f in findings),
                "remaining": len(remaining),
            }
        )
    else:
        out = console()
        for finding in findings:
            out.print(_line(finding, fix), soft_wrap=True)
        out.print(safe(_summary(findings, fix)), soft_wrap=True)
    if remaining:
        raise SystemExit(1)


def _compact(env: Env, days: float, dry_run: bool, as_json: bool) -> None:
    """Compact the backup packs (or, on a dry run, say what would go), a line a copy that goes."""
    done = env.workspace.doctor.compact_backups(days, dry_run=dry_run)
    dropped = [
        {"pack": copy.path.name, "file": file, "saved": f"{copy.saved:%Y-%m-%dT%H:%M:%SZ}"}
        for file, copy in done.dropped
    ]
    if as_json:
        print_json(
            {
                "dry_run": dry_run,
                "packs": [p.name for p in done.packs],
                "written": done.written.name if done.written else None,
                "kept": len(done.kept),
                "dropped": dropped,
                "left": [p.name for p in done.left],
                "damage": {p.name: done.damage[p] for p in done.left},
                "freed": done.freed,
            }
        )
        return
    out = console()
    verb = "would drop" if dry_run else "dropped"
    for row in dropped:
        line = safe(f"{verb:<11}", "yellow")
        line.append_text(safe(f" {row['file']}, saved {row['saved']} (in {row['pack']})"))
        out.print(line, soft_wrap=True)
    for pack in done.left:
        out.print(
            safe(f"left       {pack.name}: {done.damage[pack]}; kept as it is"), soft_wrap=True
        )
    if not done.packs:
        summary = "the backup packs are compact already: nothing to do"
    else:
        become = "would become" if dry_run else "became"
        summary = (
            f"{plural(len(done.packs), 'pack')} {become} "
            f"{'one' if done.kept else 'none'}: {len(done.kept)} cop"
            f"{'y' if len(done.kept) == 1 else 'ies'} kept, {len(dropped)} dropped "
            f"({done.freed:,} bytes)"
        )
    out.print(safe(summary), soft_wrap=True)


def _config_finding(error: ConfigError) -> Finding:
    """The config file's problem as a finding (the library was checked with the defaults)."""
    from annotations.workspace import Finding
    from library.paths import config_file

    path = config_file()
    message = str(error).removeprefix(f"{path}: ").removesuffix("; fix or delete the file")
    return Finding(
        "bad-config",
        str(path),
        message,
        "fix it, or delete the file to get the defaults back (the library was checked with them)",
        fixable=False,
        path=path,
    )


def _line(finding: Finding, fixing: bool) -> Text:
    """`problem  annotations/x.json: what is wrong — what --fix does (or did)`."""
    if finding.fixed:
        label, style = "fixed", "green"
    elif finding.severity == "note":
        label, style = "note", "dim"
    else:
        label, style = "problem", "bold red"
    line = safe(f"{label:<8}", style)
    line.append_text(safe(f" {finding.file}: ", "bold"))
    line.append_text(safe(finding.message))
    if finding.outcome:
        line.append_text(safe(f" — {finding.outcome}", "green" if finding.fixed else "yellow"))
    elif not (fixing and finding.fixable):
        line.append_text(safe(f" — {finding.action}", "dim"))
    return line


def _summary(findings: list[Finding], fixing: bool) -> str:
    problems = [f for f in findings if f.severity == "problem"]
    notes = len(findings) - len(problems)
    fixed = sum(f.fixed for f in problems)
    remain = len(problems) - fixed
    noted = f" ({plural(notes, 'note')})" if notes else ""
    if not problems:
        return f"all clear{noted}"
    if not remain:
        return f"all fixed: {plural(fixed, 'problem')}{noted}"
    parts = [plural(len(problems), "problem")]
    if fixing:
        parts.append(f"{fixed} fixed, {remain} remain")
    else:
        can = sum(f.fixable for f in problems)
        parts.append(f"{can} can be fixed with `margin doctor --fix`")
    return ": ".join(parts) + noted
