"""The numbers of a learning log: how many courses, from how many institutions, since when.

Shown by the marker `<!-- course-reviews stats -->`, counted from published reviews only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from mkdocs_course_reviews.grouping import name_key
from mkdocs_course_reviews.overviews import KINDS
from mkdocs_course_reviews.schema import Review


@dataclass(frozen=True)
class Stats:
    """What a stats marker shows: counts of reviews and of the names they carry, by year."""

    courses: int
    institutions: int
    categories: int
    per_year: tuple[tuple[int, int], ...]
    """(year, reviews) for each year that has reviews, oldest first; none before EARLIEST_YEAR."""

    @property
    def since(self) -> int | None:
        """The year of the oldest dated review."""
        return self.per_year[0][0] if self.per_year else None


def _distinct(kind: str, reviews: Iterable[Review]) -> int:
    """How many groups of `kind` the reviews make, as their overview pages would count them."""
    names_of = KINDS[kind].names_of
    return len({name_key(name) for review in reviews for name in names_of(review)} - {""})


def stats_of(published: Iterable[Review]) -> Stats:
    """The numbers of the published reviews."""
    reviews = list(published)
    # A year typo ("June 0025") is warned of; it would make "since 25" and 2,000 empty years.
    years = Counter(
        review.date.year
        for review in reviews
        if review.date is not None and not review.date.is_implausibly_old
    )
    return Stats(
        courses=len(reviews),
        institutions=_distinct("institution", reviews),
        categories=_distinct("category", reviews),
        per_year=tuple(sorted(years.items())),
    )
