"""Values as spreadsheets and command lines write them, turned into front-matter values.

A cell says `2/15/2024`, `45337`, `4/5` or `80%`; the front matter wants `February 15, 2024`
and `4`. `import` reads every cell and `new` every option through `field_value`, so both
take the same forms, and both refuse the same mistakes with the same words.
"""

from __future__ import annotations

import datetime
import enum
import math
import re
from collections.abc import Sequence

from mkdocs_course_reviews.dates import DATE_EXAMPLES, DateError, ReviewDate, parse_review_date
from mkdocs_course_reviews.fields import Field, Shape, choice_word
from mkdocs_course_reviews.schema import MAX_RATING
from mkdocs_course_reviews.urls import UrlError, link_url


class DateOrder(enum.Enum):
    """Which number comes first in a date like `3/4/2024`, when the writer says so."""

    UNKNOWN = "unknown"
    DAY_FIRST = "day-first"
    MONTH_FIRST = "month-first"


class FieldValueError(ValueError):
    """A value that is not what its field takes; the message says why and what to write."""


# Spreadsheets count days from 30 December 1899 (Excel's 1900 system, past its leap-year bug).
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_FIRST_SERIAL = 10_000  # 18 May 1927; a smaller whole number is a year, or a mistake
_LAST_SERIAL = (datetime.date(9999, 12, 31) - _EXCEL_EPOCH).days
_SERIAL = re.compile(r"\d{5,7}(?:[.,]\d+)?")
# A time after a date ("2024-02-15 14:32 UTC", "2/15/2024, 2:32 PM", "2024-02-15T14:32:00Z").
_TIME = re.compile(
    r"(?:,?\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?$"
)
_MONTH_YEAR = re.compile(r"(?P<month>\d{1,2})[/.-](?P<year>\d{4})")
_YEAR_MONTH_DAY = re.compile(r"(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})")
_THREE_NUMBERS = re.compile(
    r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{2}|\d{4})"
)
_TWO_DIGIT_PIVOT = 69  # as Python's %y: 69 to 99 are 1969 to 1999, 00 to 68 are 2000 to 2068

_NUMBER = r"\d+(?:[.,]\d+)?"
_SCALED = re.compile(rf"(?P<value>{_NUMBER})\s*(?:/|out of|of)\s*(?P<scale>{_NUMBER})")
_PERCENT = re.compile(rf"(?P<value>{_NUMBER})\s*%")
_PLAIN = re.compile(rf"(?P<value>{_NUMBER})(?:\s*stars?)?", re.IGNORECASE)
_STARS = re.compile(r"[★☆½\s]+")
_EMPTY_WORDS = frozenset({"", "n/a", "-", "–", "—"})  # noqa: RUF001 - dashes spreadsheets write
# Unicode's control characters (category Cc) but tab and line feed, and surrogates (Cs).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LIST_SEPARATORS = re.compile(r"[,;|\n]")


def plain_text(value: str, *, lines: bool = False) -> str:
    r"""`value` as text that any file and any page can hold: no control characters.

    NUL, other control characters (but tabs and line breaks) and halves of surrogate pairs are
    dropped; line breaks become "\\n". Unless `lines`, all white space, line breaks included,
    becomes single spaces: front-matter values are one line.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = _CONTROL.sub("", value)
    if lines:
        return "\n".join(line.rstrip() for line in kept.split("\n")).strip("\n")
    return " ".join(kept.split())


def is_empty(value: object) -> bool:
    """Whether a cell says nothing: blank, `N/A`, a dash, or JSON's null."""
    if value is None:
        return True
    return isinstance(value, str) and plain_text(value).casefold() in _EMPTY_WORDS


def spreadsheet_date(value: object, order: DateOrder = DateOrder.UNKNOWN) -> ReviewDate:
    """A date as spreadsheets and people write it, at the precision written.

    `02/2024`, `2/15/2024`, `15/02/2024`, `15.02.2024`, `2024/02/15`, `2024-02-15 14:32 UTC`,
    `Feb 2024`, an Excel serial number (`45337`), and every form front matter takes. When
    both numbers of `3/4/2024` could be the month, `order` decides; without it, the
    `FieldValueError` says so.
    """
    if isinstance(value, bool):
        raise FieldValueError(f"is not a date; write it like {DATE_EXAMPLES}")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise FieldValueError(f"is not a date; write it like {DATE_EXAMPLES}")
        if value == int(value) and 1000 <= value <= 9999:  # noqa: PLR2004 - a year
            return ReviewDate(int(value))
        return _serial(float(value))
    if not isinstance(value, str):
        raise FieldValueError(f"is not a date; write it like {DATE_EXAMPLES}")
    text = plain_text(value)
    try:
        return _date_from_text(text, order)
    except DateError as error:
        if error.reason:
            raise FieldValueError(f"is not a date: {error.reason}") from None
        raise FieldValueError(
            f"is not a date; write it like {DATE_EXAMPLES}, 02/2024 or 2/15/2024"
        ) from None


def _date_from_text(text: str, order: DateOrder) -> ReviewDate:
    if _SERIAL.fullmatch(text):
        return _serial(float(text.replace(",", ".")))
    text = _TIME.sub("", text)
    match = _MONTH_YEAR.fullmatch(text)
    if match:
        return ReviewDate(int(match["year"]), int(match["month"]))
    match = _YEAR_MONTH_DAY.fullmatch(text)
    if match:
        return ReviewDate(int(match["year"]), int(match["month"]), int(match["day"]))
    match = _THREE_NUMBERS.fullmatch(text)
    if match:
        return _day_and_month(match, order)
    return parse_review_date(text)


def _day_and_month(match: re.Match[str], order: DateOrder) -> ReviewDate:
    first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
    if len(match["year"]) == 2:  # noqa: PLR2004
        year += 1900 if year >= _TWO_DIGIT_PIVOT else 2000
    if match["sep"] == ".":  # 15.02.2024: only ever day first
        return ReviewDate(year, second, first)
    if first > 12 or (order is DateOrder.DAY_FIRST and second <= 12):  # noqa: PLR2004
        return ReviewDate(year, second, first)
    if second > 12 or order is DateOrder.MONTH_FIRST or first == second:  # noqa: PLR2004
        return ReviewDate(year, first, second)
    day_first, month_first = ReviewDate(year, second, first), ReviewDate(year, first, second)
    raise FieldValueError(
        f"could be {day_first} or {month_first}; say which with --day-first "
        "(15/02/2024) or --month-first (2/15/2024)"
    )


def _serial(number: float) -> ReviewDate:
    if not _FIRST_SERIAL <= number <= _LAST_SERIAL:
        raise FieldValueError(
            f"is not a date; as a spreadsheet's date number it would have to be from "
            f"{_FIRST_SERIAL:,} to {_LAST_SERIAL:,}; write it like {DATE_EXAMPLES}"
        )
    day = _EXCEL_EPOCH + datetime.timedelta(days=int(number))
    return ReviewDate(day.year, day.month, day.day)


def spreadsheet_rating(value: object) -> int | float:
    """A rating from 0 to 5 from `4`, `4.5`, `4,5`, `4/5`, `8/10`, `80%`, `4 stars` or `★★★★`.

    Raises `FieldValueError` when the value is not a rating, or its scale is unclear (`8`).
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise FieldValueError("is not a number; write a number from 0 to 5, like 4.5")
    if isinstance(value, str):
        rating = _rating_from_text(plain_text(value))
    elif not math.isfinite(value):
        raise FieldValueError("is not a number; write a number from 0 to 5, like 4.5")
    else:
        rating = _on_five(float(value))
    rounded = round(rating, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def _rating_from_text(text: str) -> float:
    if text and _STARS.fullmatch(text) and ("★" in text or "½" in text):
        return text.count("★") + 0.5 * text.count("½")
    match = _SCALED.fullmatch(text)
    if match:
        value, scale = _number(match["value"]), _number(match["scale"])
        if scale <= 0 or value > scale:
            raise FieldValueError(f"is not a rating out of {match['scale']}")
        return value / scale * MAX_RATING
    match = _PERCENT.fullmatch(text)
    if match:
        percent = _number(match["value"])
        if percent > 100:  # noqa: PLR2004
            raise FieldValueError("is more than 100%")
        return percent / 100 * MAX_RATING
    match = _PLAIN.fullmatch(text)
    if match:
        return _on_five(_number(match["value"]))
    raise FieldValueError("is not a rating; write a number from 0 to 5 (4.5), or 4/5, 8/10 or 80%")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _on_five(value: float) -> float:
    if 0 <= value <= MAX_RATING:
        return value
    shown = f"{value:g}"
    if MAX_RATING < value <= 10:  # noqa: PLR2004
        raise FieldValueError(
            f"is more than 5, and the scale is unclear; write {shown}/10 if it is out of 10"
        )
    if MAX_RATING < value <= 100:  # noqa: PLR2004
        raise FieldValueError(
            f"is more than 5, and the scale is unclear; write {shown}% if it is a percentage, "
            f"or {shown}/100"
        )
    raise FieldValueError("is out of range; write a number from 0 to 5, or 4/5, 8/10 or 80%")


def field_value(
    field: Field,
    value: object,
    *,
    order: DateOrder = DateOrder.UNKNOWN,
    split: bool = True,
) -> object | None:
    """The front-matter value of `field` from a cell or an option; None when it says nothing.

    `value` is text, a JSON number or true/false, or a list (JSON, or a repeated option).
    Names and tags in one text are split at commas, semicolons, bars and line breaks when
    `split` (cells), and kept whole otherwise (options, each given once per name).
    Raises `FieldValueError` for a value the field does not take.
    """
    if field.shape in {Shape.NAMES, Shape.LIST}:
        names = _names(value, split=split)
        if not names:
            return None
        return names[0] if field.shape is Shape.NAMES and len(names) == 1 else names
    if isinstance(value, list | tuple):
        raise FieldValueError("is a list; write one value")
    if isinstance(value, dict):
        raise FieldValueError("is a set of fields; write one value")
    if is_empty(value):
        return None
    return _one_value(field, value, order)


def _one_value(field: Field, value: object, order: DateOrder) -> object:
    if field.shape is Shape.DATE:
        return written_date(spreadsheet_date(value, order))
    if field.shape is Shape.RATING:
        return spreadsheet_rating(value)
    if field.shape is Shape.FLAG:
        raise FieldValueError("is not given in a cell or an option: --publish says it")
    text = plain_text(str(value))
    if field.shape is Shape.URL:
        try:
            link_url(text)
        except UrlError as refused:
            raise FieldValueError(f"{refused}; write it like https://example.com/course") from None
    if field.shape is Shape.CHOICE:
        word = choice_word(text)
        if word not in field.choices:
            raise FieldValueError(f"is not one of {', '.join(field.choices)}")
        return word
    return text


def written_date(date: ReviewDate) -> str:
    """A date as a review's front matter holds it, in a form every reader takes back.

    "June 14, 2025" as the card shows it; a year before 1000 in ISO form ("0999-06"), since
    front matter reads a year in four digits.
    """
    return str(date) if date.year >= 1000 else date.isoformat()  # noqa: PLR2004


def _names(value: object, *, split: bool) -> list[str]:
    items: Sequence[object] = value if isinstance(value, list | tuple) else [value]
    names: dict[str, None] = {}
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise FieldValueError("holds something that is not a name; write names as text")
        if is_empty(item):
            continue
        text = plain_text(str(item), lines=True)
        for name in _LIST_SEPARATORS.split(text) if split else [text]:
            cleaned = plain_text(name)
            if cleaned and not is_empty(cleaned):
                names[cleaned] = None
    return list(names)
