"""Errors of the article library; each message says what was wrong and what to do."""

from __future__ import annotations

import errno


class LibraryError(Exception):
    """Base class: a problem the user can act on, shown as one line."""


class ImportFailed(LibraryError):
    """A source could not be imported; the library is unchanged."""

    def __init__(self, source: str, reason: str, hint: str = "") -> None:
        self.source = source
        self.reason = reason
        self.hint = hint
        text = f"{source}: {reason}"
        if hint:
            text += f" ({hint})"
        super().__init__(text)


_DISK_CAUSES: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("the disk is full", "free some space and try again"),
    errno.EDQUOT: ("the disk quota is used up", "free some space and try again"),
    errno.EROFS: (
        "the disk is read-only",
        "remount it writable, or choose a writable folder with --library or MARGIN_LIBRARY",
    ),
    errno.EACCES: ("permission denied", "check the permissions of the library folder"),
    errno.EPERM: ("the operation is not permitted", "check the permissions of the library folder"),
}


def describe_os_error(exc: OSError, action: str = "") -> str:
    """One line for a failed file operation: the file, the cause in words, and what to do."""
    if not action:
        action = "cannot access" if exc.errno in (errno.EACCES, errno.EPERM) else "cannot write"
    where = exc.filename if exc.filename is not None else "a library file"
    cause, remedy = _DISK_CAUSES.get(
        exc.errno or -1, (exc.strerror or str(exc), "check the disk and the folder's permissions")
    )
    return f"{where}: {action} ({cause}); {remedy}"


def is_disk_fault(exc: BaseException) -> bool:
    """Whether exc is a full, read-only or forbidden disk (rather than a bug)."""
    return isinstance(exc, OSError) and exc.errno in _DISK_CAUSES


class WriteFailed(LibraryError, OSError):
    """A file could not be written; the library is as it was. Also an OSError, so code that
    tolerates a failed cache write still does."""

    def __init__(self, exc: OSError, action: str = "") -> None:
        OSError.__init__(self, exc.errno, exc.strerror, exc.filename)
        self.message = describe_os_error(exc, action)

    def __str__(self) -> str:
        return self.message


class LockHeld(LibraryError):
    """Another Margin process (or thread) held a lock longer than we would wait; try again."""

    def __init__(self, lock_file: str) -> None:
        self.lock_file = lock_file
        super().__init__(f"{lock_file} is locked by another Margin process; try again")


class ArticleNotFound(LibraryError):
    """No article matches the reference the user gave."""


class AmbiguousArticle(LibraryError):
    """Several articles match the reference; the message lists them."""

    def __init__(self, ref: str, candidates: list[tuple[str, str]]) -> None:
        self.ref = ref
        self.candidates = candidates
        shown = "; ".join(f"{aid} ({title})" for aid, title in candidates[:8])
        more = f" and {len(candidates) - 8} more" if len(candidates) > 8 else ""
        super().__init__(
            f"'{ref}' matches {len(candidates)} articles: {shown}{more}. Use a longer id prefix."
        )


class ConfigError(LibraryError):
    """The config file is invalid; the message names the file and the setting."""
