"""The `margin` command line. With no subcommand it opens the reader."""

from __future__ import annotations

import gc
import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from library.config import Config, load_config
from library.errors import ConfigError, LibraryError, describe_os_error, is_disk_fault
from library.paths import resolve_library
from tui.cli.output import warn

if TYPE_CHECKING:
    from annotations.workspace import Workspace


@dataclass
class Env:
    """What every command needs: the library folder and, lazily, the config and the library."""

    root: Path
    named: bool  # chosen with --library or MARGIN_LIBRARY (never seeded)
    _config: Config | None = field(default=None, repr=False)
    _workspace: Workspace | None = field(default=None, repr=False)

    @property
    def config(self) -> Config:
        """The user's config (created with comments on first use)."""
        if self._config is None:
            self._config = load_config(create=True)
        return self._config

    def config_problem(self) -> ConfigError | None:
        """Load the config; when it is invalid, use the defaults and return what is wrong (for
        `margin doctor`, which reports it and still checks the library)."""
        try:
            self.config  # noqa: B018
        except ConfigError as exc:
            self._config = Config()
            return exc
        return None

    @property
    def workspace(self) -> Workspace:
        """The library with its annotations."""
        if self._workspace is None:
            from annotations.workspace import Workspace

            self._workspace = Workspace(self.root, self.config)
        return self._workspace


pass_env = click.make_pass_decorator(Env)


class Failure(click.ClickException):
    """A one-line error for the user: `margin: <message>` on stderr and an exit code."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        # click reads exit_code from the instance: 1 bad input, 2 usage, 130 interrupted.
        self.exit_code = exit_code  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        warn(f"margin: {self.format_message()}")


class MarginGroup(click.Group):
    """The command group; turns domain errors into one line and exit code 1 at the boundary."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return self._invoke(ctx)
        finally:
            # What the annotation store repaired or skipped on the way, one line each.
            env = ctx.obj
            workspace = env._workspace if isinstance(env, Env) else None
            for message in workspace.notices() if workspace is not None else []:
                warn(f"margin: {message}")
            if workspace is not None:
                workspace.close()  # brings the highlights index up to date after a write

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LibraryError as exc:
            raise Failure(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            raise Failure("interrupted", 130) from None
        except BrokenPipeError:  # `margin list | head`: the reader has all it wanted
            reader_gone()
        except Exception as exc:
            if isinstance(exc, OSError) and is_disk_fault(exc):
                # A full, read-only or forbidden disk is the user's to fix, not a bug to report.
                raise Failure(describe_os_error(exc)) from None
            # The last line of defence: a bug still gets one line, not a traceback.
            if os.environ.get("MARGIN_DEBUG"):
                raise
            raise Failure(
                f"unexpected error: {exc.__class__.__name__}: {exc} "
                "(run with MARGIN_DEBUG=1 for details, and please report it)"
            ) from None


@click.group(
    cls=MarginGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--library",
    "library_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Library folder (default: $MARGIN_LIBRARY, else the user data dir).",
)
@click.version_option(package_name="margin-reader", prog_name="margin")
@click.pass_context
def cli(ctx: click.Context, library_dir: Path | None) -> None:
    """Margin: read articles, highlight quotes, tag stances, copy citations, export briefs."""
    root, named = resolve_library(library_dir)
    if root.exists() and not root.is_dir():  # $MARGIN_LIBRARY, or a device click let through
        raise Failure(f"{root}: not a folder; choose a folder with --library or MARGIN_LIBRARY")
    ctx.obj = Env(root, named)
    if ctx.invoked_subcommand is None:
        from tui.cli.reader import open_reader

        gc.set_threshold(*DEFAULT_GC)
        open_reader(ctx.obj)


# A command runs for seconds at most and builds its data once: the cyclic garbage collector,
# run every 700 new objects by default, spent a third of `margin list`'s time at 10,000
# articles re-scanning what had just been read (and as much of `--json`'s). Commands run it
# every 50,000; the reader, a long-running program, keeps Python's defaults.
COMMAND_GC = (50_000, 20, 20)
DEFAULT_GC = gc.get_threshold()


def main(argv: list[str] | None = None) -> Any:
    """Entry point for the `margin` command."""
    gc.set_threshold(*COMMAND_GC)
    _whole_writes()
    try:
        try:
            return cli.main(args=argv, prog_name="margin", standalone_mode=True)
        finally:
            # Output still buffered meets a closed pipe here, where it is handled, rather than
            # in the interpreter's last flush (which would print "Exception ignored …").
            sys.stdout.flush()
    except BrokenPipeError:  # `margin show … | head`
        reader_gone()


def _whole_writes() -> None:
    """Make stdout write every byte it is given, or raise.

    Under PYTHONUNBUFFERED (or `python -u`) stdout's binary layer is the raw file, whose write
    may take only part of its bytes (the kernel ends a write to a pipe short when the reader
    leaves mid-write), and the text layer drops the rest without a word: `margin show … |
    head -c 10` exited 0 with its output cut. A buffered writer on the same descriptor writes
    the rest, so a reader gone fails with BrokenPipeError (status 141); it flushes at each
    line, as unbuffered output would appear.
    """
    stdout = sys.stdout
    if not isinstance(getattr(stdout, "buffer", None), io.RawIOBase):
        return  # buffered already (the default), or not a real file (tests' captured output)
    binary = io.BufferedWriter(io.FileIO(stdout.fileno(), "w", closefd=False))
    sys.stdout = io.TextIOWrapper(
        binary,
        encoding=stdout.encoding,
        errors=stdout.errors,
        line_buffering=True,
        write_through=True,
    )


# What the shell reports for git, grep or cat stopped by SIGPIPE (128 + 13): `set -o pipefail`
# scripts see a cut-short `margin` listing as they see a cut-short `git log`.
BROKEN_PIPE_STATUS = 141


def reader_gone() -> NoReturn:
    """Stdout's reader went away (`margin list | head`): stop at once, silently, as git does.

    Stdout is pointed at os.devnull so that the interpreter's final flush of what is still
    buffered does not fail again (and print a traceback) on the way out.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real stdout (tests' captured output): nothing to flush
        pass
    raise SystemExit(BROKEN_PIPE_STATUS)


from tui.cli import annotate as _annotate  # noqa: E402,F401
from tui.cli import articles as _articles  # noqa: E402,F401  (registers commands)
from tui.cli import brief as _brief  # noqa: E402,F401  (registers commands)
from tui.cli import doctor as _doctor  # noqa: E402,F401  (registers commands)
from tui.cli import quoted as _quoted  # noqa: E402,F401  (registers commands)
from tui.cli import quotes as _quotes  # noqa: E402,F401  (registers commands)
from tui.cli import search as _search  # noqa: E402,F401  (registers commands)
from tui.cli import verify as _verify  # noqa: E402,F401  (registers commands)
