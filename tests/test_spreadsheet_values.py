"""Values as spreadsheets and command lines write them (the core of `import` and `new`)."""

from __future__ import annotations

import math
import unicodedata

import pytest

from mkdocs_course_reviews.dates import ReviewDate, parse_review_date
from mkdocs_course_reviews.fields import FIELDS_BY_KEY
from mkdocs_course_reviews.spreadsheet_values import (
    DateOrder,
    FieldValueError,
    field_value,
    plain_text,
    spreadsheet_date,
    spreadsheet_rating,
    written_date,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2024, ReviewDate(2024)),
        (45337, ReviewDate(2024, 2, 15)),
        (45337.9, ReviewDate(2024, 2, 15)),
        ("45337,5", ReviewDate(2024, 2, 15)),
        ("02-2024", ReviewDate(2024, 2)),
        ("1/1/70", ReviewDate(1970, 1, 1)),
        ("2024-06", ReviewDate(2024, 6)),
        ("14 June 2025", ReviewDate(2025, 6, 14)),
    ],
)
def test_dates(value: object, expected: ReviewDate) -> None:
    assert spreadsheet_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "is not a date"),
        (math.nan, "is not a date"),
        ([2024], "is not a date"),
        (500, "as a spreadsheet's date number it would have to be from 10,000"),
        ("3/4/2024", "could be April 3, 2024 or March 4, 2024"),
        ("31/31/2024", "is not a date: there is no month 31"),
        ("2/30/2024", "is not a date: February 2024 has 29 days"),
        ("0/2024", "there is no month 0"),
    ],
)
def test_dates_refused(value: object, message: str) -> None:
    with pytest.raises(FieldValueError, match=message.replace("(", r"\(")):
        spreadsheet_date(value)


def test_the_order_decides_only_when_both_could_be_the_month() -> None:
    assert spreadsheet_date("15/2/2024", DateOrder.MONTH_FIRST) == ReviewDate(2024, 2, 15)
    assert spreadsheet_date("2/15/2024", DateOrder.DAY_FIRST) == ReviewDate(2024, 2, 15)
    assert spreadsheet_date("4/4/2024") == ReviewDate(2024, 4, 4)


@pytest.mark.parametrize(
    "date", [ReviewDate(999), ReviewDate(999, 6), ReviewDate(1, 1, 1), ReviewDate(2025, 6, 14)]
)
def test_written_dates_read_back(date: ReviewDate) -> None:
    assert parse_review_date(written_date(date)) == date


@pytest.mark.parametrize(
    ("value", "expected"),
    [(4, 4), (4.25, 4.25), (0, 0), ("3 stars", 3), ("★★★½", 3.5), ("2 out of 3", 3.33)],
)
def test_ratings(value: object, expected: float) -> None:
    assert spreadsheet_rating(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "is not a number"),
        (math.inf, "is not a number"),
        (None, "is not a number"),
        (1000, "is out of range"),
        ("4/0", "is not a rating out of 0"),
        ("120%", "is more than 100%"),
        (-1, "is out of range"),
    ],
)
def test_ratings_refused(value: object, message: str) -> None:
    with pytest.raises(FieldValueError, match=message):
        spreadsheet_rating(value)


def test_field_values() -> None:
    assert field_value(FIELDS_BY_KEY["category"], "Web; AI | Web") == ["Web", "AI"]
    assert field_value(FIELDS_BY_KEY["category"], "Data, AI", split=False) == "Data, AI"
    assert field_value(FIELDS_BY_KEY["tags"], ["a", "N/A", 3]) == ["a", "3"]
    assert field_value(FIELDS_BY_KEY["tags"], "-") is None
    assert field_value(FIELDS_BY_KEY["status"], "In Progress") == "in-progress"
    assert field_value(FIELDS_BY_KEY["title"], 1984) == "1984"
    assert field_value(FIELDS_BY_KEY["title"], "  a \n\t b\x00 ") == "a b"
    for key, value, message in [
        ("title", ["a"], "is a list"),
        ("title", {"a": 1}, "is a set of fields"),
        ("instructor", [{"name": "x"}], "not a name"),
        ("status", "paused", "is not one of completed, in-progress, dropped"),
        ("url", "ftp://x", "uses the ftp: scheme"),
        ("draft", "true", "--publish says it"),
    ]:
        with pytest.raises(FieldValueError, match=message):
            field_value(FIELDS_BY_KEY[key], value)


def test_plain_text_keeps_lines_when_asked() -> None:
    assert plain_text("a \r\nb\rc\u0007\n\n", lines=True) == "a\nb\nc"
    assert plain_text("\ud800x\u2028y") == "x y"


def test_plain_text_drops_exactly_the_control_characters() -> None:
    # The oracle: Unicode's own categories, character by character.
    for code in [*range(0x3000), 0xD800, 0xDFFF, 0x10FFFF]:
        character = chr(code)
        if character == "\r":
            continue
        kept = character in "\t\n" or unicodedata.category(character) not in {"Cc", "Cs"}
        expected = f"a{character}b" if kept else "ab"
        assert plain_text(f"a{character}b", lines=True) == expected, hex(code)
