"""Listings embedded in any page with a one-line marker, e.g. the five newest reviews.

<!-- course-reviews limit=5 -->
<!-- course-reviews category="Machine Learning" -->
<!-- course-reviews institution="Stanford University" limit=3 -->
<!-- course-reviews status=in-progress -->

and the numbers of the learning log, with `stats` as the first argument:

<!-- course-reviews stats -->
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from mkdocs_course_reviews.fields import STATUSES, choice_word
from mkdocs_course_reviews.grouping import name_key
from mkdocs_course_reviews.overviews import KINDS
from mkdocs_course_reviews.schema import Review

MARKER_START = "<!-- course-reviews"
_MARKER = re.compile(
    r"(?:<p>\s*)?<!--\s*course-reviews(?![\w:-])(?P<args>.*?)-->(?:\s*</p>)?", re.DOTALL
)
_ARGUMENT = re.compile(
    r"""(?P<key>[\w-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"']+))"""
)
FILTERS = (*KINDS, "status", "limit")
_STATS = re.compile(r"\s*stats(?![\w=-])")


@dataclass(frozen=True)
class ListingQuery:
    """Which published reviews a marker asks for: filters by name, then the newest `limit`."""

    names: tuple[tuple[str, str], ...] = ()
    """(kind, name) filters, e.g. ("category", "Machine Learning"); all must match."""
    limit: int | None = None
    status: str | None = None
    """Only reviews of this status (`in-progress`), if given."""
    stats: bool = False
    """The numbers of every published review (`<!-- course-reviews stats -->`), not a listing."""


def parse_marker(arguments: str) -> tuple[ListingQuery, list[str]]:
    """Read a marker's `key=value` arguments; return the query and one message per problem."""
    stats = _STATS.match(arguments)
    if stats:
        rest = arguments[stats.end() :].strip()
        found = [f"stats counts every published review; remove {rest!r}"] if rest else []
        return ListingQuery(stats=True), found
    problems: list[str] = []
    names: list[tuple[str, str]] = []
    limit: int | None = None
    status: str | None = None
    leftover = _ARGUMENT.sub("", arguments).strip()
    if leftover:
        problems.append(f'cannot read {leftover!r}; write filters as key=value or key="a value"')
    for match in _ARGUMENT.finditer(arguments):
        key = match.group("key")
        value = next(v for v in match.group("dq", "sq", "bare") if v is not None)
        if key == "limit":
            if value.isdigit() and int(value) > 0:
                limit = int(value)
            else:
                problems.append(f"limit {value!r} is not a positive whole number")
        elif key in KINDS:
            names.append((key, value))
        elif key == "status":
            # Read as in front matter: `In progress` and `in_progress` are `in-progress`.
            if choice_word(value) in STATUSES:
                status = choice_word(value)
            else:
                problems.append(f"unknown status {value!r}; the statuses are {', '.join(STATUSES)}")
        else:
            problems.append(f"unknown filter {key!r}; the filters are {', '.join(FILTERS)}")
    return ListingQuery(tuple(names), limit, status), problems


def select(query: ListingQuery, published: Iterable[Review]) -> list[Review]:
    """The published reviews (newest first) that match every filter, up to the limit."""
    wanted = [(KINDS[kind].names_of, name_key(name)) for kind, name in query.names]
    chosen: list[Review] = []
    for review in published:
        if query.status is not None and review.status != query.status:
            continue
        if all(key in {name_key(n) for n in names_of(review)} for names_of, key in wanted):
            chosen.append(review)
            if query.limit is not None and len(chosen) >= query.limit:
                break
    return chosen


def unknown_names(query: ListingQuery, published: Iterable[Review]) -> list[str]:
    """Messages for filter values no published review carries."""
    reviews = list(published)
    return [
        f"no published review has {kind} {name!r}"
        for kind, name in query.names
        if not select(ListingQuery(((kind, name),), limit=1), reviews)
    ]


def expand_markers(
    html: str,
    render: Callable[[ListingQuery, Sequence[Review]], str],
    published: Sequence[Review],
) -> tuple[str, list[str]]:
    """Replace every marker in `html` with the listing `render` makes of its query and reviews.

    Returns the new HTML and one message per problem found in the markers.
    """
    problems: list[str] = []

    def replace(match: re.Match[str]) -> str:
        query, found = parse_marker(match.group("args"))
        problems.extend(found)
        problems.extend(unknown_names(query, published))
        return render(query, select(query, published))

    return _MARKER.sub(replace, html), problems
