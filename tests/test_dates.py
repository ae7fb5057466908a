import ast
import datetime
import importlib
import re
from pathlib import Path

import pytest

from mkdocs_course_reviews.dates import DateError, Precision, ReviewDate, parse_review_date

PACKAGE = Path(__file__).parents[1] / "mkdocs_course_reviews"
LOCALE_FIELDS = re.compile(r"%[aAbBcpxX]")  # strftime's fields that the locale spells
BABEL_FORMATTERS = {
    name
    for module in ("babel.dates", "babel.numbers", "babel.lists", "babel.units")
    for name in dir(importlib.import_module(module))
    if name.startswith(("format_", "get_"))
}
"""Babel's functions that take a `locale` (and default to the machine's)."""


@pytest.mark.parametrize(
    ("value", "expected", "shown", "iso"),
    [
        (datetime.date(2025, 6, 14), ReviewDate(2025, 6, 14), "June 14, 2025", "2025-06-14"),
        (datetime.datetime(2025, 6, 14, 9, 30), ReviewDate(2025, 6, 14), "June 14, 2025", None),
        (2025, ReviewDate(2025), "2025", "2025"),
        ("2025", ReviewDate(2025), "2025", "2025"),
        ("2025-06", ReviewDate(2025, 6), "June 2025", "2025-06"),
        ("2025-06-14", ReviewDate(2025, 6, 14), "June 14, 2025", "2025-06-14"),
        ("June 2025", ReviewDate(2025, 6), "June 2025", "2025-06"),
        ("Jun 2025", ReviewDate(2025, 6), "June 2025", "2025-06"),
        ("jun. 2025", ReviewDate(2025, 6), "June 2025", "2025-06"),
        ("Sept 2024", ReviewDate(2024, 9), "September 2024", "2024-09"),
        ("14 June 2025", ReviewDate(2025, 6, 14), "June 14, 2025", "2025-06-14"),
        ("June 14, 2025", ReviewDate(2025, 6, 14), "June 14, 2025", "2025-06-14"),
        ("  June   14 2025 ", ReviewDate(2025, 6, 14), "June 14, 2025", "2025-06-14"),
        ("DECEMBER 2019", ReviewDate(2019, 12), "December 2019", "2019-12"),
    ],
)
def test_accepted_forms(value: object, expected: ReviewDate, shown: str, iso: str | None) -> None:
    date = parse_review_date(value)
    assert date == expected
    assert str(date) == shown
    if iso:
        assert date.isoformat() == iso


@pytest.mark.parametrize(
    "value",
    [
        "sometime last summer",
        "Juno 2025",
        "2025-13",
        "2025-02-30",
        "31 April 2025",
        "",
        "June",
        True,
        4.5,
        None,
        ["June 2025"],
        {"year": 2025},
        "2025/06/14",
    ],
)
def test_refused_values(value: object) -> None:
    with pytest.raises(DateError):
        parse_review_date(value)


def test_precision_is_kept() -> None:
    assert parse_review_date("2025").precision is Precision.YEAR
    assert parse_review_date("June 2025").precision is Precision.MONTH
    assert parse_review_date("June 3, 2025").precision is Precision.DAY


def test_sorting_across_precisions_is_chronological_and_deterministic() -> None:
    dates = [parse_review_date(v) for v in ["June 2025", "2022-11-30", "May 2025", "2025", "2024"]]
    ordered = sorted(dates, key=lambda d: d.sort_key)
    assert [str(d) for d in ordered] == [
        "November 30, 2022",
        "2024",
        "2025",
        "May 2025",
        "June 2025",
    ]


def test_month_names_never_come_from_the_locale() -> None:
    # Setting LC_ALL in a running test changes nothing: Python reads the locale at start-up, and
    # only for code that asks. Text depends on it only through the `locale` and `calendar`
    # modules and strftime's named fields, so the package must use none of them.
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # Docstrings are prose ("%XX escapes"), never handed to strftime.
        docstrings = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                modules = []
            found += [f"{path.name}: import {m}" for m in modules if m in {"locale", "calendar"}]
            if (
                isinstance(node, ast.Constant)
                and id(node) not in docstrings
                and LOCALE_FIELDS.search(str(node.value))
            ):
                found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    assert found == []


def machine_locale_uses(source: str) -> list[str]:
    """Calls in `source` that let Babel fall back to the machine's locale (LANG, LC_ALL)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and ast.unparse(node) == "Locale.default":
            found.append(f"{node.lineno}: Locale.default")
        if isinstance(node, ast.Name | ast.Attribute) and "default_locale" in ast.unparse(node):
            found.append(f"{node.lineno}: default_locale")
        if isinstance(node, ast.Call):
            called = ast.unparse(node.func).rpartition(".")[2]
            keywords = {keyword.arg for keyword in node.keywords}
            if called in BABEL_FORMATTERS and "locale" not in keywords:
                found.append(f"{node.lineno}: {called} without locale=")
    return found


def test_babel_is_always_told_the_locale() -> None:
    # Babel writes month names and numbers in a site's language; asked without a locale, it
    # takes the machine's. Every call of its formatting functions in the package names one.
    assert machine_locale_uses("format_date(d, 'long')\nLocale.default()\n") == [
        "1: format_date without locale=",
        "2: Locale.default",
    ]
    found = [
        f"{path.name}:{use}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for use in machine_locale_uses(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_future() -> None:
    today = datetime.date(2026, 11, 28)
    assert parse_review_date("December 2026").is_after(today)
    assert not parse_review_date("November 2026").is_after(today)
    assert not parse_review_date("2026").is_after(today)
