"""schema.org data about a review, for search engines."""

from __future__ import annotations

from typing import Any

from mkdocs_course_reviews.fields import FIELDS, Shape
from mkdocs_course_reviews.schema import MAX_RATING, Review

# The schema.org type of each object a field's `schema_org` path goes through.
_TYPES = {
    "": "Review",
    "itemReviewed": "Course",
    "itemReviewed.provider": "Organization",
    "reviewRating": "Rating",
}
_FIXED: dict[str, dict[str, Any]] = {
    "reviewRating": {"bestRating": MAX_RATING, "worstRating": 0},
}


def review_structured_data(
    review: Review, *, author: str | None = None, page_url: str | None = None
) -> dict[str, Any]:
    """A schema.org `Review` of a `Course`, with the properties the review has.

    Where each field goes is declared in the table of fields (`Field.schema_org`).
    """
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": _TYPES[""]}
    data["name"] = review.title
    data["itemReviewed"] = {"@type": _TYPES["itemReviewed"]}
    for field in FIELDS:
        value = getattr(review, field.name)
        if field.schema_org is None or value is None or value == ():
            continue
        if field.shape is Shape.DATE:
            value = value.isoformat()
        _put(data, field.schema_org, value)
    if page_url:
        data["url"] = page_url
    if author:
        data["author"] = {"@type": "Person", "name": author}
    return data


def _put(data: dict[str, Any], path: str, value: object) -> None:
    """Set `value` at the dotted `path`, creating the typed objects on the way."""
    *parents, name = path.split(".")
    node = data
    for depth, key in enumerate(parents, start=1):
        where = ".".join(parents[:depth])
        node = node.setdefault(key, {"@type": _TYPES[where], **_FIXED.get(where, {})})
    node[name] = value
