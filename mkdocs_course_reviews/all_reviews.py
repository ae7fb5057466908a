"""The page of all reviews: every published review, newest first, and what its filter compares.

The page lists every review in its HTML, so it is whole without JavaScript. The reader's filter
(`assets/course-reviews.js`) matches names as the listing markers do (`grouping.name_key`:
case-insensitive, whitespace-collapsed, Unicode NFC). The keys of what each review carries are
computed here, at build time, into `data-*` attributes; the script computes only the key of what
the reader chose or typed, and compares keys.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from mkdocs_course_reviews.collection import MARKDOWN_EXTENSIONS
from mkdocs_course_reviews.grouping import group_reviews, name_key
from mkdocs_course_reviews.overviews import KINDS, OverviewKind
from mkdocs_course_reviews.schema import Review

RATING_THRESHOLDS = ("4.5", "4", "3.5", "3", "2", "1")
"""The minimum ratings a reader can pick; the URL may ask for any other number."""
SORT_ORDERS = ("date", "rating", "title")
"""The orders a reader can pick: newest first (the page's own), highest rated, by title."""
# The stems MkDocs makes a folder's index page of, in the order it prefers them.
INDEX_STEMS = ("index", "README")


def all_reviews_uri(reviews_dir: str, has_page: Callable[[str], bool] = lambda _: False) -> str:
    """Where the page of all reviews lives: the index page of the folder of reviews.

    That is the site's own index page of the folder if `has_page` finds one, whatever MkDocs
    makes the folder's index of (`README.md`, `index.markdown`): its text is the intro above the
    listing. Else `<reviews_dir>/index.md`.
    """
    for stem in INDEX_STEMS:
        for extension in MARKDOWN_EXTENSIONS:
            src_uri = f"{reviews_dir}/{stem}{extension}"
            if has_page(src_uri):
                return src_uri
    return f"{reviews_dir}/index.md"


@dataclass(frozen=True)
class Choice:
    """One name a filter offers: as shown and written in the URL, and the key it matches by."""

    name: str
    key: str


@dataclass(frozen=True)
class FilterKeys:
    """What the filter compares of one review, as the text of its `data-*` attributes."""

    names: Mapping[str, str]
    """By kind (`category`, `institution`, `year`): a JSON list of the keys of its names."""
    rating: str
    """The rating as a number ("4.5"), empty if the review has none."""
    status: str
    text: str
    """The key of everything the text box searches: title, description, names and tags."""


@dataclass(frozen=True)
class AllReviewsPage:
    """The page that lists every published review, newest first, on one page."""

    src_uri: str
    reviews: Sequence[Review]

    @property
    def is_index(self) -> bool:
        """Like the index of a kind of overview, it is the way in: one entry in the nav."""
        return True

    def title(self, labels: Mapping[str, str]) -> str:
        """The page's title, from the label `all_reviews`."""
        return labels["all_reviews"]

    def choices(self, kind: OverviewKind) -> list[Choice]:
        """The names of `kind` the reviews carry, one per key, as the overview pages show them.

        By name; years newest first.
        """
        grouping = group_reviews(self.reviews, kind.names_of)
        choices = [Choice(group.name, key) for key, group in grouping.groups.items()]
        return choices[::-1] if kind.newest_first else choices


def filter_keys(review: Review) -> FilterKeys:
    """The keys the filter compares for `review`, computed as the listing markers compare."""
    names = {
        kind.name: json.dumps(
            [name_key(name) for name in kind.names_of(review)], ensure_ascii=False
        )
        for kind in KINDS.values()
    }
    searched = (review.title, review.description, review.institution, *review.categories)
    text = name_key(" ".join(part for part in (*searched, *review.tags) if part))
    rating = "" if review.rating is None else f"{review.rating:g}"
    return FilterKeys(names, rating, review.status, text)
