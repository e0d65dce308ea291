"""Fetch a web page for import, with a size limit, a timeout and one-line errors."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request

from library.errors import ImportFailed
from library.importer import RawSource

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) margin-reader/0.1 (+https://pypi.org/project/margin-reader/)"
)
TIMEOUT_SECONDS = 20.0


def is_url(source: str) -> bool:
    """Whether source names a web page rather than a file."""
    return source.lower().startswith(("http://", "https://"))


def fetch_url(url: str, max_bytes: int, timeout: float = TIMEOUT_SECONDS) -> RawSource:
    """Download url; refuse unreachable hosts, HTTP errors, non-text content and oversize bodies."""
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "")
            data = response.read(max_bytes + 1)
            # A sized read returns a short body without complaint when the server hangs up early.
            missing = getattr(response, "length", None)
            if missing and len(data) <= max_bytes:
                raise http.client.IncompleteRead(data, missing)
            final_url = response.geturl() or url
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
        raise ImportFailed(url, f"no answer within {timeout:g} s", "try again later") from None
    except http.client.HTTPException as exc:
        # IncompleteRead, RemoteDisconnected, BadStatusLine…: the server broke off or misspoke.
        raise ImportFailed(url, _http_reason(exc), "try again later") from None
    except (OSError, ValueError) as exc:
        raise ImportFailed(url, f"cannot fetch ({exc})", "check the address") from None
    if len(data) > max_bytes:
        raise ImportFailed(
            url,
            f"page is over the {max_bytes / 1e6:g} MB limit",
            "raise [import] max_size_mb in the config",
        )
    kind = content_type.split(";")[0].strip().lower()
    if kind and not (kind.startswith("text/") or "html" in kind or "xml" in kind):
        raise ImportFailed(
            url, f"unsupported content type {kind}", "Margin imports web pages and text"
        )
    suffix = ".html" if "html" in kind else (".md" if "markdown" in kind else "")
    return RawSource(url, data, suffix=suffix, content_type=kind or None, url=final_url)


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
