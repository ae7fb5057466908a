"""The front-matter schema of a review, and its validation into a `Review`."""

from __future__ import annotations

import datetime
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from mkdocs_course_reviews.dates import (
    DATE_EXAMPLES,
    EARLIEST_YEAR,
    DateError,
    ReviewDate,
    parse_review_date,
)
from mkdocs_course_reviews.fields import (
    DEFAULT_REQUIRED_FIELDS,
    FIELDS,
    FIELDS_BY_KEY,
    KNOWN_FIELDS,
    Field,
    Shape,
    choice_word,
)
from mkdocs_course_reviews.problems import Problem
from mkdocs_course_reviews.source import ReviewSource
from mkdocs_course_reviews.urls import UrlError, link_url

MAX_RATING = 5

_KNOWN_BY_CASE = {key.casefold(): key for key in KNOWN_FIELDS}
_TRUE_WORDS = frozenset({"true", "yes", "on"})
_FALSE_WORDS = frozenset({"false", "no", "off"})


@dataclass(frozen=True, slots=True)
class Review:
    """A review whose front matter passed validation. Every text field is plain, unescaped text."""

    path: str
    title: str | None
    categories: tuple[str, ...]
    institution: str | None
    date: ReviewDate | None
    description: str | None = None
    url: str | None = None
    draft: bool = False
    rating: float | None = None
    instructors: tuple[str, ...] = ()
    platform: str | None = None
    duration: str | None = None
    level: str | None = None
    language: str | None = None
    certificate: str | None = None
    tags: tuple[str, ...] = ()
    status: str = "completed"
    """`completed`, `in-progress` (then `date` is when it was started) or `dropped`."""
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def category(self) -> str | None:
        """The first category, for templates that show only one."""
        return self.categories[0] if self.categories else None

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], str, str]:
        """Oldest first; reverse it for newest first. Ties go by title, then path."""
        date_key = self.date.sort_key if self.date else (0, 0, 0)
        return (date_key, (self.title or "").casefold(), self.path)


@dataclass(slots=True)
class Validation:
    """The outcome of validating one review's front matter."""

    review: Review | None
    problems: list[Problem]

    @property
    def publishable(self) -> bool:
        """Whether the page may be published: valid and no problem stands in the way."""
        return self.review is not None and not any(p.blocks_publication for p in self.problems)


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"{value} (a number)"
    if isinstance(value, Mapping):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, datetime.date):
        return f"{value.isoformat()} (a date)"
    if value is None:
        return "empty"
    if isinstance(value, str):
        return f"the text {_quoted(value)}"
    if isinstance(value, bytes):
        return "binary data"
    if isinstance(value, set | frozenset):
        return "a set of values"
    return "a value of another kind"


def _quoted(value: str, limit: int = 60) -> str:
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return '"' + shown.replace('"', '\\"') + '"'


def _shown(value: object) -> str:
    """A value as a message quotes it: text in quotes, anything else described."""
    return _quoted(value) if isinstance(value, str) else _describe(value)


class _Validator:
    def __init__(self, source: ReviewSource, today: datetime.date) -> None:
        self.source = source
        self.today = today
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str, *, blocks: bool = True) -> None:
        self.problems.append(
            Problem(
                self.source.path,
                message,
                field=key,
                line=self.source.line_of(key),
                blocks_publication=blocks,
            )
        )

    def text(self, metadata: Mapping[str, Any], key: str) -> str | None:
        value = metadata.get(key)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.problem(
                key,
                f'is {_describe(value)}, not text; put it in quotes: {key}: "{value}"',
            )
            return None
        if not isinstance(value, str):
            self.problem(key, f"is {_describe(value)}, not text; write it as {key}: some text")
            return None
        value = value.strip()
        if not value:
            self.problem(key, f"is empty; write it as {key}: some text")
            return None
        return value

    def text_list(self, metadata: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = metadata.get(key)
        if value is None:
            return ()
        if isinstance(value, str) and "," in value:
            self.comma_in_name(key, value)
        items = value if isinstance(value, list) else [value]
        names: dict[str, None] = {}  # in order, each once, in linear time
        for item in items:
            if isinstance(item, int | float) and not isinstance(item, bool):
                item = str(item)  # noqa: PLW2901 - a course number like 101 is a fine name
            if not isinstance(item, str):
                self.problem(
                    key,
                    f"has {_describe(item)} where a name belongs; "
                    f"write {key}: Name, or a list of names like [First, Second]",
                )
                return ()
            if item.strip():
                names[item.strip()] = None
        if not names:
            self.problem(key, f"is empty; write {key}: Name, or a list of names")
        return tuple(names)

    def comma_in_name(self, key: str, value: str) -> None:
        """A warning for `category: Web, AI`: one name, where a list of two was likely meant."""
        names = ", ".join(name.strip() for name in value.split(",") if name.strip())
        self.problem(
            key,
            f"{_quoted(value)} is one name, with a comma in it; for several, write a list: "
            f"{key}: [{names}] (for one name with a comma, a list of one: "
            f"{key}: [{_quoted(value, limit=len(value))}])",
            blocks=False,
        )

    def url(self, metadata: Mapping[str, Any], key: str) -> str | None:
        value = self.text(metadata, key)
        if value is None:
            return None
        try:
            return link_url(value)
        except UrlError as refused:
            # The whole value, however long: the reason may be anywhere in it.
            self.problem(
                key,
                f"{_quoted(value, limit=len(value))} {refused}, so it is not linked; "
                "write it like https://example.com/course",
                blocks=False,
            )
            return None

    def date(self, metadata: Mapping[str, Any]) -> ReviewDate | None:
        value = metadata.get("date")
        if value is None:
            return None
        try:
            date = parse_review_date(value)
        except DateError as error:
            reason = f": {error.reason}" if error.reason else ""
            self.problem(
                "date", f"{_shown(value)} is not a date{reason}; write it like {DATE_EXAMPLES}"
            )
            return None
        if date.is_after(self.today):
            self.problem(
                "date",
                f"{_quoted(str(date))} is in the future; check the year",
                blocks=False,
            )
        elif date.is_implausibly_old:
            written = _quoted(value if isinstance(value, str) else str(value))
            self.problem(
                "date", f"{written} is before {EARLIEST_YEAR}; check the year", blocks=False
            )
        return date

    def read(self, field: Field, metadata: Mapping[str, Any]) -> Any:  # noqa: ANN401 - by shape
        """The validated value of `field`, or its empty value after reporting a problem."""
        if field.shape is Shape.TEXT:
            return self.text(metadata, field.key)
        if field.shape is Shape.NAMES:
            # Aliases (`categories`) are accepted too; names given under both keys count once.
            names = [self.text_list(metadata, key) for key in (field.key, *field.aliases)]
            return tuple(dict.fromkeys(name for found in names for name in found))
        if field.shape is Shape.DATE:
            return self.date(metadata)
        if field.shape is Shape.URL:
            return self.url(metadata, field.key)
        if field.shape is Shape.RATING:
            return self.rating(metadata)
        if field.shape is Shape.FLAG:
            return self.draft(metadata)
        if field.shape is Shape.LIST:
            return self.tags(metadata)
        return self.choice(field, metadata)

    def choice(self, field: Field, metadata: Mapping[str, Any]) -> str | None:
        value = metadata.get(field.key)
        if value is None:
            return field.default
        wanted = choice_word(str(value))
        if isinstance(value, str) and wanted in field.choices:
            return wanted
        self.problem(
            field.key,
            f"{_shown(value)} is not one of {', '.join(field.choices)}; "
            f"it is taken as {field.default}",
            blocks=False,
        )
        return field.default

    def misspelt_fields(self, metadata: Mapping[str, Any]) -> None:
        """A warning for a field written in other letters (`Title:`): it is not that field."""
        for key in metadata:
            known = _KNOWN_BY_CASE.get(str(key).casefold())
            if known is not None and known not in (key, "draft"):
                self.problem(
                    str(key), f"is not a field; write it in lower case: {known}", blocks=False
                )

    def draft(self, metadata: Mapping[str, Any]) -> bool:
        if "draft" not in metadata:
            # `Draft:` or `DRAFT:` meant the same: a draft, whatever else it says.
            misspelt = [key for key in metadata if str(key).casefold() == "draft"]
            if misspelt:
                self.problem(
                    str(misspelt[0]),
                    "is not a field, but the page is kept as a draft in case it was meant as "
                    "one; write it in lower case: draft: true or draft: false",
                    blocks=False,
                )
                return True
            return False
        value = metadata["draft"]
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE_WORDS | _FALSE_WORDS:
            return value.strip().lower() in _TRUE_WORDS
        self.problem(
            "draft",
            f"{_shown(value)} is not true or false; the page is kept as a draft until you write "
            "draft: true or draft: false",
            blocks=False,
        )
        return True

    def rating(self, metadata: Mapping[str, Any]) -> float | None:
        value = metadata.get("rating")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            self.problem(
                "rating", f"{_shown(value)} is not a number; write a number from 0 to 5, like 4.5"
            )
            return None
        if not 0 <= value <= MAX_RATING:
            self.problem("rating", f"{value} is out of range; write a number from 0 to 5")
            return None
        return float(value)

    def tags(self, metadata: Mapping[str, Any]) -> tuple[str, ...]:
        value = metadata.get("tags")
        if value is None:
            return ()
        if not isinstance(value, list):
            short = isinstance(value, str) and 0 < len(value.strip()) <= 40  # noqa: PLR2004
            example = f"[{value.strip()}]" if short else "[first, second]"
            self.problem("tags", f"is {_describe(value)}, not a list; write tags: {example}")
            return ()
        return self.text_list(metadata, "tags")


def validate(
    source: ReviewSource,
    *,
    required: Collection[str] = DEFAULT_REQUIRED_FIELDS,
    today: datetime.date | None = None,
) -> Validation:
    """Check a review's front matter against the schema and build its `Review`.

    Every problem is collected, none raised; `Validation.publishable` says whether the page
    may be published.
    """
    if source.metadata is None:
        return Validation(None, list(source.problems))
    metadata = source.metadata
    check = _Validator(source, today or datetime.date.today())  # noqa: DTZ011 - the author's calendar

    values = {field.name: check.read(field, metadata) for field in FIELDS}
    check.misspelt_fields(metadata)
    for key in required:
        names = (key, *FIELDS_BY_KEY[key].aliases)
        if all(metadata.get(name) is None for name in names):
            check.problem(key, f"is missing; add a line '{key}: ...' to the front matter")
    review = Review(
        path=source.path,
        extra={key: value for key, value in metadata.items() if key not in KNOWN_FIELDS},
        **values,
    )
    return Validation(review, check.problems)
