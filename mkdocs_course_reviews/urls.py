"""Which URLs from front matter become links, and how they are written in the page."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ada_url import URL

LINKED_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# What a browser drops before it parses a URL: tabs and newlines anywhere, and C0 controls
# and spaces at either end (WHATWG URL standard, "basic URL parser").
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
# Where the host ends in an http(s) URL: a browser reads "\" as "/" in them.
_END_OF_AUTHORITY = re.compile(r"[/?#\\]")
# Characters no host may hold, but "%", which may start an escape (WHATWG, "forbidden
# domain code point"); the space, one of them, has a message of its own.
_FORBIDDEN_IN_HOST = frozenset("".join(map(chr, range(0x20))) + "#/:<>?@[\\]^|\x7f")
_MAX_PORT = 65535


class UrlError(ValueError):
    """A URL that does not become a link; the message says what is wrong: "has no host"."""


def link_url(value: str) -> str:
    """The `href` for `value`, an absolute http(s) URL, as a browser would write it out.

    Any http(s) URL with a host that a browser accepts is linked, serialized by the WHATWG URL
    standard (the parser of browsers and Node.js): spaces, quotes, `<`, `>` and non-ASCII
    characters percent-encoded as UTF-8, existing `%XX` escapes kept, international host names
    in punycode, the default port dropped. A browser would also "fix" `https:example.com` and
    `https:///example.com`; those are refused here, as typos. Raises `UrlError` for anything
    else, saying why: another scheme (`javascript:`, `data:`, `ftp:`), no host, a relative
    path, an invalid host or port.
    """
    # Lone surrogates (from YAML's "\udce9" escapes) become U+FFFD, as in a browser's strings.
    text = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = text.translate(_TAB_OR_NEWLINE).strip(_C0_OR_SPACE)
    scheme = _SCHEME.match(text)
    # A one-letter "scheme" is a Windows drive: C:\courses\x.html.
    if scheme is None or len(scheme.group(1)) == 1:
        raise UrlError("is not an absolute URL")
    name = scheme.group(1).lower()
    if name not in LINKED_SCHEMES:
        raise UrlError(f"uses the {name}: scheme")
    rest = text[scheme.end() :]
    if not rest.startswith("//"):
        raise UrlError(f'has no "//" after "{name}:"')
    authority = _END_OF_AUTHORITY.split(rest[2:], maxsplit=1)[0]
    host, port = _host_and_port(authority.rpartition("@")[2])
    if not host:
        raise UrlError("has no host")
    try:
        url = URL(text)
    except ValueError:
        raise UrlError(_host_problem(host, port)) from None
    # The checks above leave the parser no room to pick another scheme or drop the host;
    # this says so in code, for a future parser.
    if url.protocol.removesuffix(":") not in LINKED_SCHEMES or not url.hostname:
        raise UrlError("is not an http(s) URL with a host")
    return url.href


def _host_and_port(host_and_port: str) -> tuple[str, str | None]:
    """Split "example.com:8080" or "[::1]:8080" at the port's colon, as a browser does."""
    if host_and_port.startswith("["):
        end = host_and_port.find("]") + 1
        if not end:
            return host_and_port, None
        rest = host_and_port[end:]
        return host_and_port[:end], rest[1:] if rest.startswith(":") else None
    host, colon, port = host_and_port.partition(":")
    return host, port if colon else None


def _host_problem(host: str, port: str | None) -> str:
    """Why a browser refuses a URL whose scheme and "//" are right."""
    if " " in host:
        return "has a space in its host"
    if not host.startswith("["):
        for character in host:
            if character in _FORBIDDEN_IN_HOST:
                return f"has the character {character!r} in its host"
    if port and (not port.isascii() or not port.isdigit() or int(port) > _MAX_PORT):
        return f"has the port {port!r}, not a number from 0 to {_MAX_PORT}"
    return "has an invalid host"


def url_host(url: str) -> str:
    """The host a reader will land on, without a leading "www.": "udemy.com"."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
