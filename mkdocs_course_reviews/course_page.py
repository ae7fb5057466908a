"""What a course's web page says of itself, for `new --from-url`.

The page's schema.org `Course` (JSON-LD, found at any depth of `@graph` and lists) says the
most: name, description, provider, instructors (its own, and those of `hasCourseInstance`),
language and duration. Open Graph tags fill what it leaves out, then `<title>`. Fetching
is bounded: a few seconds in all, a few megabytes, HTML only; anything else is one
`PageUnavailable` whose message says what happened.
"""

from __future__ import annotations

import html
import json
import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from babel.core import Locale, UnknownLocaleError

from mkdocs_course_reviews.spreadsheet_values import plain_text

FETCH_TIMEOUT = 5.0
"""Seconds for the whole fetch, connection to last byte."""
MAX_PAGE_BYTES = 5_000_000
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_USER_AGENT = "mkdocs-course-reviews (new --from-url)"
_ISO_DURATION = re.compile(
    r"P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)
_DURATION_WORDS = ("year", "month", "week", "day", "hour", "minute", "second")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " : ")  # noqa: RUF001 - dashes titles use


class PageUnavailable(Exception):  # noqa: N818 - an outcome to report, not a crash
    """The page could not be read; the message says why ("answered 404 Not Found")."""


def fetch_course_page(
    url: str, *, timeout: float | None = None, limit: int = MAX_PAGE_BYTES
) -> dict[str, Any]:
    """The front-matter fields the page at `url` gives: title, description, institution, ...

    Raises `PageUnavailable`.
    """
    return course_fields(fetch_html(url, timeout=timeout or FETCH_TIMEOUT, limit=limit))


def _opener() -> urllib.request.OpenerDirector:
    """HTTP(S) only, redirects included: no file:, ftp: or data: URL, even by redirect."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def fetch_html(url: str, *, timeout: float = FETCH_TIMEOUT, limit: int = MAX_PAGE_BYTES) -> str:
    """The HTML of the page at `url`, decoded. Raises `PageUnavailable`."""
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})  # noqa: S310 - http(s) only, see _opener
    try:
        with _opener().open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            if response.headers.get("Content-Type") and content_type not in _HTML_TYPES:
                raise PageUnavailable(f"is not a web page (it is {content_type})")
            data = _read(response, deadline, limit)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:  # noqa: PLR2004 - a redirect urllib would not follow
            raise PageUnavailable(
                f"redirects to {error.headers.get('Location')!r}, not an http(s) page"
            ) from None
        raise PageUnavailable(f"answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise PageUnavailable(f"did not answer within {timeout:g} seconds") from None
        raise PageUnavailable(f"could not be reached ({_reason(reason)})") from None
    except TimeoutError:
        raise PageUnavailable(f"did not answer within {timeout:g} seconds") from None
    except (OSError, ValueError) as error:
        raise PageUnavailable(f"could not be read ({_reason(error)})") from None
    return _decode(data, charset)


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def _read(response: Any, deadline: float, limit: int) -> bytes:  # noqa: ANN401 - urllib's
    """The body, in pieces, until the deadline or the limit, whichever comes first."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read1(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise PageUnavailable(f"is larger than {limit / 1e6:g} MB, too large to read")
        chunks.append(chunk)


def _decode(data: bytes, charset: str | None) -> str:
    if charset is None:
        declared = _META_CHARSET.search(data[:4096])
        charset = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


class _PageParser(HTMLParser):
    """Collects JSON-LD scripts, meta tags and the title of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value or "" for name, value in attrs}
        if tag == "script" and attributes.get("type", "").lower() == "application/ld+json":
            self._in, self._text = "script", []
        elif tag == "title" and not self.title:
            self._in, self._text = "title", []
        elif tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or "").lower()
            if key and "content" in attributes:
                self.meta.setdefault(key, attributes["content"])

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in == tag:
            if tag == "script":
                self.scripts.append("".join(self._text))
            else:
                self.title = "".join(self._text)
            self._in = None


def course_fields(page: str) -> dict[str, Any]:
    """The front-matter fields a page's HTML gives: its `Course`, else Open Graph, else title."""
    parser = _PageParser()
    parser.feed(page)
    parser.close()
    fields: dict[str, Any] = {}
    course = next((c for script in parser.scripts for c in _courses(_json(script))), None)
    if course is not None:
        fields.update(_from_course(course))
    meta = parser.meta
    site_name = _text(meta.get("og:site_name"))
    open_graph = {
        "title": _text(meta.get("og:title")),
        "description": _text(meta.get("og:description")),
        "institution": site_name,
        "language": _language(meta.get("og:locale")),
    }
    fallback = {
        "title": _without_site_name(_text(parser.title), site_name),
        "description": _text(meta.get("description")),
    }
    for source in (open_graph, fallback):
        for key, value in source.items():
            if value and not fields.get(key):
                fields[key] = value
    return {key: value for key, value in fields.items() if value}


def _json(script: str) -> object:
    text = script.strip()
    for wrapper in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if text.startswith(wrapper[0]) and text.endswith(wrapper[1]):
            text = text[len(wrapper[0]) : -len(wrapper[1])].strip()
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None


def _courses(value: object, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every schema.org `Course` in a JSON-LD value, at any depth, outermost first."""
    if depth > 20:  # noqa: PLR2004 - no page nests deeper; a hostile one may
        return
    if isinstance(value, dict):
        if "Course" in _types(value):
            yield value
        for item in value.values():
            yield from _courses(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _courses(item, depth + 1)


def _types(value: dict[str, Any]) -> list[str]:
    kinds = value.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return [str(name).rsplit("/", 1)[-1] for name in names if isinstance(name, str)]


def _from_course(course: dict[str, Any]) -> dict[str, Any]:
    instances = course.get("hasCourseInstance")
    instances = instances if isinstance(instances, list) else [instances]
    instances = [item for item in instances if isinstance(item, dict)]
    instructors = _names(course.get("instructor"))
    for instance in instances:
        instructors.extend(_names(instance.get("instructor")))
    instructors = list(dict.fromkeys(instructors))
    duration = _duration(course.get("timeRequired"))
    for instance in instances:
        duration = duration or _duration(instance.get("courseWorkload"))
    return {
        "title": _text(course.get("name")),
        "description": _text(course.get("description")),
        "institution": next(iter(_names(course.get("provider"))), None),
        "instructor": instructors[0] if len(instructors) == 1 else instructors or None,
        "language": _language(course.get("inLanguage")),
        "duration": duration,
    }


def _names(value: object) -> list[str]:
    """Names of a person or organisation: text, an object with `name`, or a list of them."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        text = _text(name)
        if text:
            names.append(text)
    return names


def _text(value: object) -> str | None:
    """A value as one line of plain text: entities decoded, tags dropped."""
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str)), None)
    if isinstance(value, dict):
        value = value.get("@value")
    if not isinstance(value, str):
        return None
    text = html.unescape(value)
    if "<" in text:
        text = _strip_tags(text)
    return plain_text(text) or None


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _strip_tags(text: str) -> str:
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    return " ".join(parser.parts)


def _language(value: object) -> str | None:
    """A language's English name from a code ("en", "pt_BR", "fr-FR"), or the text given."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName")
    text = _text(value)
    if text is None:
        return None
    try:
        locale = Locale.parse(text.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return text
    return str(locale.get_language_name("en") or text)


def _duration(value: object) -> str | None:
    """An ISO 8601 duration ("PT22H30M") in words ("22 hours 30 minutes"), or the text given."""
    text = _text(value)
    if text is None:
        return None
    match = _ISO_DURATION.fullmatch(text)
    if match is None or not any(match.groups()):
        return text
    parts = []
    for word, amount in zip(_DURATION_WORDS, match.groups(), strict=True):
        if amount is None or float(amount) == 0:
            continue
        number = float(amount)
        shown = f"{number:g}"
        parts.append(f"{shown} {word}" + ("" if number == 1 else "s"))
    return " ".join(parts) or None


def _without_site_name(title: str | None, site_name: str | None) -> str | None:
    """A title without its site's name: "Machine Learning | Coursera" is "Machine Learning"."""
    if title is None or site_name is None:
        return title
    for separator in _TITLE_SEPARATORS:
        suffix = separator + site_name
        if title.casefold().endswith(suffix.casefold()) and len(title) > len(suffix):
            return title[: -len(suffix)].strip()
    return title
