"""Dates as people write them in a learning log, kept at the precision they were written in."""

from __future__ import annotations

import datetime
import enum
import re
from dataclasses import dataclass

from babel.core import Locale
from babel.dates import format_date, format_skeleton
from markupsafe import escape

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# English names and abbreviations, independent of the machine's locale.
_MONTHS_BY_NAME: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, start=1):
    _MONTHS_BY_NAME[_name.lower()] = _number
    _MONTHS_BY_NAME[_name[:3].lower()] = _number
_MONTHS_BY_NAME["sept"] = 9

_MONTH = r"(?P<month_name>[A-Za-z]+)\.?"
_PATTERNS = (
    re.compile(r"(?P<year>\d{4})"),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})"),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    re.compile(_MONTH + r",?\s+(?P<year>\d{4})"),
    re.compile(r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"),
)

DATE_EXAMPLES = '"June 2025" or 2025-06-14'
EARLIEST_YEAR = 1900
"""Dates before it are taken for typos ("June 0025"): warned of, and left out of the timelines."""


class Precision(enum.IntEnum):
    """How much of a date its author wrote down."""

    YEAR = 1
    MONTH = 2
    DAY = 3


class DateError(ValueError):
    """A value that is not a date: in none of the accepted forms, or a day the calendar lacks.

    `reason` says what is wrong with a date written in an accepted form ("June 2025 has 30
    days"); it is empty when the form itself is not one of those accepted.
    """

    def __init__(self, reason: str = "") -> None:
        super().__init__(reason or "is not a date")
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ReviewDate:
    """A date at year, month or day precision, e.g. "2025", "June 2025" or "14 June 2025"."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            msg = "a day needs a month"
            raise DateError(msg)
        if not 1 <= self.year <= 9999:  # noqa: PLR2004 - the range of datetime.date
            msg = f"the year {self.year} is out of range (1 to 9999)"
            raise DateError(msg)
        if self.month is not None and not 1 <= self.month <= 12:  # noqa: PLR2004
            msg = f"there is no month {self.month} (months go from 1 to 12)"
            raise DateError(msg)
        if self.day is not None:
            assert self.month is not None  # noqa: S101 - checked above, for the type checker
            days = _days_in(self.year, self.month)
            if not 1 <= self.day <= days:
                msg = f"{MONTH_NAMES[self.month - 1]} {self.year} has {days} days"
                raise DateError(msg)

    @property
    def precision(self) -> Precision:
        """Year, month or day, as written."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Chronological key: a less precise date sorts at the start of its period."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def start(self) -> datetime.date:
        """The first day of the period the date names."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def isoformat(self) -> str:
        """ISO 8601 at the date's own precision: "2025", "2025-06" or "2025-06-14"."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        """The date for readers, in English as the card shows it: "June 14, 2025"."""
        if self.month is None:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{month} {self.day}, {self.year}"

    def format(self, locale: Locale | str) -> str:
        """The date for readers of `locale`: "Juni 2025", "14. Juni 2025", "2025" for `de`.

        Babel's data for that language (CLDR), never the machine's locale: the locale is always
        named. A day is written in the language's long form ("June 14, 2025" in `en`,
        "14 June 2025" in `en_GB`), a month with its year in the form the language gives that
        pair ("junio de 2025" in `es`).
        """
        if self.precision is Precision.DAY:
            return format_date(self.start, "long", locale=locale)
        skeleton = "yMMMM" if self.precision is Precision.MONTH else "y"
        return format_skeleton(skeleton, self.start, locale=locale)

    def __html__(self) -> str:
        """The date as templates print it; its text never holds markup."""
        return str(escape(str(self)))

    def is_after(self, today: datetime.date) -> bool:
        """Whether the whole period named lies after `today`."""
        return self.start > today

    @property
    def is_implausibly_old(self) -> bool:
        """Whether it is before any course a log could review (`EARLIEST_YEAR`): a typo."""
        return self.year < EARLIEST_YEAR


def _days_in(year: int, month: int) -> int:
    if month == 12:  # noqa: PLR2004
        return 31
    return (datetime.date(year, month + 1, 1) - datetime.date(year, month, 1)).days


def parse_review_date(value: object) -> ReviewDate:
    """Read a date from a front-matter value: a YAML date, a year number or a string.

    Raises `DateError` when the value is none of the accepted forms.
    """
    if isinstance(value, datetime.datetime):
        return ReviewDate(value.year, value.month, value.day)
    if isinstance(value, datetime.date):
        return ReviewDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        return ReviewDate(value)
    if not isinstance(value, str):
        raise DateError
    text = " ".join(value.split())
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = match.groupdict()
        month: int | None
        if "month_name" in parts:
            month = _MONTHS_BY_NAME.get(parts["month_name"].lower())
            if month is None:
                break
        else:
            month = int(parts["month"]) if parts.get("month") else None
        day = int(parts["day"]) if parts.get("day") else None
        return ReviewDate(int(parts["year"]), month, day)
    raise DateError
