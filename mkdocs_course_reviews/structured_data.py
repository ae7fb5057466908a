"""schema.org data about a review, for search engines."""

from __future__ import annotations

from typing import Any

from mkdocs_course_reviews.schema import MAX_RATING, Review


def review_structured_data(
    review: Review, *, author: str | None = None, page_url: str | None = None
) -> dict[str, Any]:
    """A schema.org `Review` of a `Course`, with only the properties the review has."""
    course: dict[str, Any] = {"@type": "Course", "name": review.title}
    if review.description:
        course["description"] = review.description
    if review.url:
        course["url"] = review.url
    if review.institution:
        course["provider"] = {"@type": "Organization", "name": review.institution}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Review",
        "name": review.title,
        "itemReviewed": course,
    }
    if page_url:
        data["url"] = page_url
    if review.date:
        data["datePublished"] = review.date.isoformat()
    if author:
        data["author"] = {"@type": "Person", "name": author}
    if review.rating is not None:
        data["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": review.rating,
            "bestRating": MAX_RATING,
            "worstRating": 0,
        }
    return data
