import datetime

import pytest

from mkdocs_course_reviews.dates import DateError, Precision, ReviewDate, parse_review_date


@pytest.mark.parametrize(
    ("value", "expected", "shown", "iso"),
    [
        (datetime.date(2025, 6, 14), ReviewDate(2025, 6, 14), "14 June 2025", "2025-06-14"),
        (datetime.datetime(2025, 6, 14, 9, 30), ReviewDate(2025, 6, 14), "14 June 2025", None),
        (2025, ReviewDate(2025), "2025", "2025"),
        ("2025", ReviewDate(2025), "2025", "2025"),
        ("2025-06", ReviewDate(2025, 6), "June 2025", "2025-06"),
        ("2025-06-14", ReviewDate(2025, 6, 14), "14 June 2025", "2025-06-14"),
        ("June 2025", ReviewDate(2025, 6), "June 2025", "2025-06"),
        ("Jun 2025", ReviewDate(2025, 6), "June 2025", "2025-06"),
        ("jun. 2025", ReviewDate(2025, 6), "June 2025", "2025-06"),
        ("Sept 2024", ReviewDate(2024, 9), "September 2024", "2024-09"),
        ("14 June 2025", ReviewDate(2025, 6, 14), "14 June 2025", "2025-06-14"),
        ("June 14, 2025", ReviewDate(2025, 6, 14), "14 June 2025", "2025-06-14"),
        ("  June   14 2025 ", ReviewDate(2025, 6, 14), "14 June 2025", "2025-06-14"),
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
        "30 November 2022",
        "2024",
        "2025",
        "May 2025",
        "June 2025",
    ]


def test_month_names_do_not_depend_on_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert str(parse_review_date("2025-08")) == "August 2025"


def test_future() -> None:
    today = datetime.date(2026, 11, 28)
    assert parse_review_date("December 2026").is_after(today)
    assert not parse_review_date("November 2026").is_after(today)
    assert not parse_review_date("2026").is_after(today)
