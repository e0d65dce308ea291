"""Caps on what untrusted input may cost, each set from a key of the config file's [import]."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_FRONT_MATTER_VALUES = 10_000
DEFAULT_URL_DEADLINE = 60.0
DEFAULT_URL_READ_TIMEOUT = 20.0
# Files or pages to parse before worker processes are started for them (library.parallel):
# below this, starting the workers costs more than they save.
POOL_MIN_JOBS = 20
DEFAULT_MAX_PAGES = 5_000
DEFAULT_PARSE_SECONDS = 120.0
DEFAULT_MAX_UNPACKED_MB = 300.0


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on what input may cost; each refusal names its config key so the user can raise it."""

    # [import] max_size_mb, in bytes: larger files, pages and stdin are refused.
    max_bytes: int = DEFAULT_MAX_BYTES
    # [import] max_front_matter_values: the values YAML front matter may expand to via aliases.
    front_matter_values: int = DEFAULT_FRONT_MATTER_VALUES
    # [import] url_deadline_seconds: the whole download of a web page, however slow the server.
    url_deadline: float = DEFAULT_URL_DEADLINE
    # [import] url_read_timeout_seconds: the wait for each read from the server.
    url_read_timeout: float = DEFAULT_URL_READ_TIMEOUT
    # [import] max_pages: a PDF with more pages is refused before any is read.
    max_pages: int = DEFAULT_MAX_PAGES
    # [import] parse_seconds: reading one PDF may take this long; then it is refused.
    parse_seconds: float = DEFAULT_PARSE_SECONDS
    # [import] max_unpacked_mb, in bytes: what an EPUB may unpack to (a zip bomb is refused).
    max_unpacked: int = int(DEFAULT_MAX_UNPACKED_MB * 1_000_000)
