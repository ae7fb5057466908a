"""Which URLs from front matter may become links."""

from __future__ import annotations

from urllib.parse import urlsplit

ALLOWED_SCHEMES = frozenset({"http", "https"})


def safe_url(value: str) -> str | None:
    """Return `value` if it is an absolute http(s) URL with a host, else None.

    Anything else (`javascript:`, `data:`, relative paths, control characters) is refused.
    """
    url = value.strip()
    if any(ord(char) < 0x21 or char in "<>\"'`\\" for char in url):  # noqa: PLR2004 - C0 and space
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        return None
    return url


def url_host(url: str) -> str:
    """The host a reader will land on, without a leading "www.": "udemy.com"."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
