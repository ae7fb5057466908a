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
    # The page of all reviews, and its filter.
    "all_reviews": "All reviews",
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


def merge_labels(overrides: Mapping[str, str]) -> dict[str, str]:
    """The default labels with a site's own words in place of any it names.

    Raises `KeyError` naming the first unknown label.
    """
    for key in overrides:
        if key not in DEFAULT_LABELS:
            raise KeyError(key)
    return {**DEFAULT_LABELS, **overrides}


def fill(label: str, **values: object) -> str:
    """`label` with each `{name}` placeholder replaced by `values[name]`, all in one pass.

    What goes in is never read again as a template: a category named "Top {count} tips" is
    shown as written. A placeholder with no value is left as it is.
    """

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return _PLACEHOLDER.sub(value, label)
