"""Fetch a web page for import, with a size limit, a timeout and one-line errors."""

from __future__ import annotations

import http.client
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import NoReturn

from library import importers
from library.errors import ImportFailed
from library.importer import RawSource
from library.limits import DEFAULT_URL_DEADLINE

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) margin-reader/0.1 (+https://pypi.org/project/margin-reader/)"
)
TIMEOUT_SECONDS = 20.0
CHUNK = 65_536
DEADLINE_HINT = "raise [import] url_deadline_seconds in the config, or try again later"


def _accept() -> str:
    """The Accept header: every content type an importer reads, then anything."""
    return (
        ",".join(dict.fromkeys(t for f in importers.formats() for t in f.content_types))
        + ",*/*;q=0.5"
    )


class _PastDeadline(Exception):
    """The download ran past the overall deadline (raised inside the download)."""


@dataclass(slots=True)
class _Download:
    """What a download got so far; shared between the downloading thread and the caller."""

    received: int = 0
    cancelled: bool = False
    content_type: str = ""
    data: bytes = b""
    final_url: str = ""
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


def is_url(source: str) -> bool:
    """Whether source names a web page rather than a file."""
    return source.lower().startswith(("http://", "https://"))


def fetch_url(
    url: str,
    max_bytes: int,
    timeout: float = TIMEOUT_SECONDS,
    deadline: float = DEFAULT_URL_DEADLINE,
) -> RawSource:
    """Download url; refuse unreachable hosts, HTTP errors, non-text content and oversize bodies.

    timeout bounds each wait for the server (`[import] url_read_timeout_seconds`), deadline the
    whole download (`[import] url_deadline_seconds`): a server sending a byte every few seconds
    passes every read timeout, never the deadline.
    """
    if not is_url(url):  # urllib would read a file:// address from this machine's disk
        raise ImportFailed(
            url, "not a web address (only http:// and https:// are fetched)", "check the link"
        )
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": _accept()})
    state = _Download(final_url=url)
    # The download runs in a thread so that the deadline also covers connecting and headers,
    # which urllib reads without giving control back; the thread stops at its next read.
    worker = threading.Thread(
        target=_download, args=(request, max_bytes, timeout, deadline, state), daemon=True
    )
    began = time.monotonic()
    worker.start()
    if not state.done.wait(deadline):
        state.cancelled = True
        raise ImportFailed(
            url,
            f"gave up after the {deadline:g} s deadline for a page "
            f"({state.received:,} bytes received, the server was still sending)",
            DEADLINE_HINT,
        )
    if isinstance(state.error, _PastDeadline):
        raise ImportFailed(
            url,
            f"gave up after the {deadline:g} s deadline for a page "
            f"({state.received:,} bytes received in {time.monotonic() - began:.0f} s)",
            DEADLINE_HINT,
        )
    if state.error is not None:
        _raise_fetch_error(url, state.error, timeout)
    data, content_type, final_url = state.data, state.content_type, state.final_url
    if len(data) > max_bytes:
        raise ImportFailed(
            url,
            f"page is over the {max_bytes / 1e6:g} MB limit",
            "raise [import] max_size_mb in the config",
        )
    kind = content_type.split(";")[0].strip().lower()
    fmt = importers.by_content_type(kind)
    if fmt is None and importers.by_magic(data) is None and not _texty(kind):
        raise ImportFailed(
            url,
            f"unsupported content type {kind}",
            f"Margin imports {importers.labels()} from the web",
        )
    # A server's generic type (octet-stream, text/plain for a PDF) loses to what the bytes are.
    # A format that takes files without a suffix (plain text) gets none, so its content decides.
    suffix = fmt.suffixes[0] if fmt is not None and "" not in fmt.suffixes else ""
    return RawSource(url, data, suffix=suffix, content_type=kind or None, url=final_url)


def _texty(kind: str) -> bool:
    """Whether a media type may hold text worth sniffing (a missing one may too)."""
    return not kind or kind.startswith("text/") or "html" in kind or "xml" in kind


class _RedirectedOffTheWeb(ValueError):
    """A server redirected to an address that is not http(s)."""


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another http(s) address: urllib would also follow one to ftp://,
    so a page could send the fetch to a file server the user never named."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: object,
        code: int,
        msg: str,
        headers: object,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not is_url(newurl):
            scheme = newurl.partition(":")[0][:20]
            raise _RedirectedOffTheWeb(f"redirected to a non-web address ({scheme}:), not fetched")
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


_OPENER = urllib.request.build_opener(_WebRedirects)


def _download(
    request: urllib.request.Request,
    max_bytes: int,
    timeout: float,
    deadline: float,
    state: _Download,
) -> None:
    """Read the page into state, a chunk at a time, until its end, max_bytes + 1 or the deadline."""
    end = time.monotonic() + deadline
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            state.content_type = response.headers.get("Content-Type", "")
            parts: list[bytes] = []
            while state.received <= max_bytes:
                if state.cancelled or time.monotonic() > end:
                    raise _PastDeadline
                # read1 returns what has arrived (a sized read would wait for all of it).
                chunk = response.read1(min(CHUNK, max_bytes + 1 - state.received))
                if not chunk:
                    break
                parts.append(chunk)
                state.received += len(chunk)
            data = b"".join(parts)
            # A read returns a short body without complaint when the server hangs up early.
            missing = getattr(response, "length", None)
            if missing and len(data) <= max_bytes:
                raise http.client.IncompleteRead(data, missing)
            state.data = data
            state.final_url = response.geturl() or state.final_url
    except BaseException as exc:  # handed to the caller, which turns it into one line
        state.error = exc
    finally:
        state.done.set()


def _raise_fetch_error(url: str, error: BaseException, timeout: float) -> NoReturn:
    """The one-line ImportFailed for what went wrong while fetching url."""
    try:
        raise error
    except _RedirectedOffTheWeb as exc:
        raise ImportFailed(url, str(exc), "check the link") from None
    except urllib.error.HTTPError as exc:
        raise ImportFailed(
            url, f"the server answered HTTP {exc.code} {exc.reason}", "check the address"
        ) from None
    except urllib.error.URLError as exc:
        reason = (
            exc.reason.strerror
            if isinstance(exc.reason, OSError) and exc.reason.strerror
            else str(exc.reason)
        )
        raise ImportFailed(
            url, f"cannot fetch ({reason})", "check the address and your connection"
        ) from None
    except TimeoutError:
        raise ImportFailed(
            url,
            f"no answer within {timeout:g} s",
            "try again later, or raise [import] url_read_timeout_seconds in the config",
        ) from None
    except http.client.HTTPException as exc:
        # IncompleteRead, RemoteDisconnected, BadStatusLine…: the server broke off or misspoke.
        raise ImportFailed(url, _http_reason(exc), "try again later") from None
    except (OSError, ValueError) as exc:
        raise ImportFailed(url, f"cannot fetch ({exc})", "check the address") from None


def _http_reason(exc: http.client.HTTPException) -> str:
    """What went wrong in a broken HTTP exchange, in a few words on one line."""
    if isinstance(exc, http.client.IncompleteRead):
        more = f", {exc.expected} more expected" if exc.expected is not None else ""
        return f"the connection closed mid-page ({len(exc.partial)} bytes received{more})"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    detail = " ".join(str(exc).split())[:120]
    what = f"{exc.__class__.__name__}: {detail}" if detail else exc.__class__.__name__
    return f"bad answer from the server ({what})"
