"""The words the plugin shows readers, in English unless a site says otherwise."""

from __future__ import annotations

import re
from collections.abc import Mapping

_PLACEHOLDER = re.compile(r"\{(\w+)\}")

DEFAULT_LABELS: Mapping[str, str] = {
    "institution": "Institution",
    "category": "Category",
    "categories": "Categories",
    "date": "Taken",
    "rating": "Rating",
    "rating_value": "{rating} out of 5",
    "instructor": "Instructor",
    "instructors": "Instructors",
    "platform": "Platform",
    "duration": "Duration",
    "level": "Level",
    "language": "Language",
    "certificate": "Certificate",
    "status": "Status",
    "status_completed": "Completed",
    "status_in-progress": "In progress",
    "status_dropped": "Dropped",
    "tags": "Tags",
    "view_certificate": "View certificate",
    "go_to_course": "Go to course",
    "opens_in_new_tab": "opens in a new tab",
    "institutions": "Institutions",
    "years": "Years",
    "review_count_one": "{count} review",
    "review_count_other": "{count} reviews",
    "page_title": "{name}, page {number}",
    "page_of": "Page {number} of {count}",
    "pagination": "Pages",
    "newer": "Newer",
    "older": "Older",
    "no_reviews": "No reviews yet.",
    # The last chip of a listing item that leaves some of its review's categories out.
    "more_categories": "+{count} more",
    # Charts of the index pages, the stats marker and the words they count (issue 14, charts).
    # Each kind of overview page has its `chart_<kind>` label: a chart's name, read out by
    # screen readers before its numbers.
    "chart_category": "Reviews per category",
    "chart_institution": "Reviews per institution",
    "chart_year": "Reviews per year",
    "chart_more": "and {count} more",
    "course_count_one": "{count} course",
    "course_count_other": "{count} courses",
    "institution_count_one": "{count} institution",
    "institution_count_other": "{count} institutions",
    "category_count_one": "{count} category",
    "category_count_other": "{count} categories",
    "stats": "{courses} from {institutions} in {categories} since {year}",
    "stats_undated": "{courses} from {institutions} in {categories}",
    # Card and listing polish: numbered pagination and the way back to where a page belongs.
    "page_number": "Page {number}",
    "way_back": "Breadcrumb",
    "all_reviews": "All reviews",
    "all_categories": "All categories",
    "all_institutions": "All institutions",
    "all_years": "All years",
    # The page of all reviews, and its filter.
    "year": "Year",
    "filter_reviews": "Filter reviews",
    "filter_any": "All",
    "filter_rating": "Minimum rating",
    "rating_or_more": "{rating} or more",
    "filter_text": "Keywords",
    "sort_by": "Sort by",
    "sort_date": "Newest first",
    "sort_rating": "Highest rated",
    "sort_title": "Title",
    "clear_filters": "Clear filters",
    "shown_of_one": "{shown} of {total} review",
    "shown_of_other": "{shown} of {total} reviews",
    "no_matches": "No review matches these filters.",
}

COUNTED: tuple[str, ...] = tuple(
    dict.fromkeys(key.removesuffix("_other") for key in DEFAULT_LABELS if key.endswith("_other"))
)
"""Labels with a form per plural category: `review_count` has `review_count_one` and `_other`."""
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories; a language uses some of them (`de`: one, other; `pl`: one, few,
many, other), and a counted label may have a form for each: `review_count_few`."""
KNOWN_LABELS: frozenset[str] = frozenset(DEFAULT_LABELS) | {
    f"{name}_{category}" for name in COUNTED for category in PLURAL_CATEGORIES
}
"""Every label a site may set."""


def fill(label: str, **values: object) -> str:
    """`label` with each `{name}` placeholder replaced by `values[name]`, all in one pass.

    What goes in is never read again as a template: a category named "Top {count} tips" is
    shown as written. A placeholder with no value is left as it is.
    """

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return _PLACEHOLDER.sub(value, label)
