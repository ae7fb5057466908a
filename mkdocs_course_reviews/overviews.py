"""Overview pages: one per category and per institution, an index of each, paginated."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from mkdocs_course_reviews.grouping import Group, Grouping, NamesOf, group_reviews
from mkdocs_course_reviews.labels import fill
from mkdocs_course_reviews.schema import Review


def _categories(review: Review) -> Sequence[str]:
    return review.categories


def _institution(review: Review) -> Sequence[str]:
    return (review.institution,) if review.institution else ()


def _year(review: Review) -> Sequence[str]:
    # Whatever the date's precision, a review is filed under its year.
    return (f"{review.date.year:04d}",) if review.date else ()


@dataclass(frozen=True)
class OverviewKind:
    """A way of grouping reviews that gets overview pages. Add one here to add a kind."""

    name: str
    """Singular, as used in options, labels and `link(kind, name)`: "category"."""
    plural: str
    """Plural, used for the label of its index page and its options: "categories"."""
    names_of: NamesOf
    newest_first: bool = False
    """Whether its index lists the groups newest first (years), rather than by name."""
    timeline: bool = False
    """Whether its index's chart is a timeline (a column per year), rather than bars."""

    @property
    def pages_option(self) -> str:
        """The option that switches its pages on: `category_pages`."""
        return f"{self.name}_pages"

    @property
    def folder_option(self) -> str:
        """The option naming its folder: `categories_dir`."""
        return f"{self.plural}_dir"


KINDS: Mapping[str, OverviewKind] = {
    kind.name: kind
    for kind in (
        OverviewKind("category", "categories", _categories),
        OverviewKind("institution", "institutions", _institution),
        OverviewKind("year", "years", _year, newest_first=True, timeline=True),
    )
}


class Pagination(Protocol):
    """Where a page of a listing stands among its siblings."""

    @property
    def number(self) -> int:
        """The number of the page, from 1."""

    @property
    def count(self) -> int:
        """How many pages the listing has."""

    @property
    def previous_uri(self) -> str | None:
        """The source of the page before (newer reviews), if any."""

    @property
    def next_uri(self) -> str | None:
        """The source of the page after (older reviews), if any."""


@dataclass(frozen=True)
class OverviewPage:
    """One page of overview: an index of groups, or one page of one group's reviews."""

    src_uri: str
    kind: OverviewKind
    group: Group | None
    """None for the index page of the kind."""
    number: int = 1
    count: int = 1
    reviews: Sequence[Review] = ()
    previous_uri: str | None = None
    next_uri: str | None = None

    @property
    def is_index(self) -> bool:
        """Whether this is the index of all groups of its kind."""
        return self.group is None

    def title(self, labels: Mapping[str, str]) -> str:
        """The page's title: "Categories", "Machine Learning", "Machine Learning, page 2"."""
        if self.group is None:
            return labels[self.kind.plural]
        if self.number == 1:
            return self.group.name
        return fill(labels["page_title"], name=self.group.name, number=self.number)


INDEX_SLUG = "index"
"""The page of a kind's index, `categories/index.md`: no group may have this slug."""


def group_page_uri(folder: str, slug: str, number: int = 1) -> str:
    """Where page `number` of a group lives: `categories/web.md`, `categories/web/page/2.md`."""
    if number == 1:
        return f"{folder}/{slug}.md"
    return f"{folder}/{slug}/page/{number}.md"


class Overviews:
    """Every overview page of a site, built from its published reviews (newest first)."""

    def __init__(
        self, published: Iterable[Review], folders: Mapping[str, str], per_page: int
    ) -> None:
        reviews = list(published)
        self.folders = dict(folders)
        self.groupings: dict[str, Grouping] = {
            kind: group_reviews(reviews, KINDS[kind].names_of, reserved={INDEX_SLUG})
            for kind in self.folders
        }
        self.pages: dict[str, OverviewPage] = {}
        for kind_name, folder in self.folders.items():
            kind = KINDS[kind_name]
            grouping = self.groupings[kind_name]
            index = OverviewPage(f"{folder}/{INDEX_SLUG}.md", kind, None)
            self.pages[index.src_uri] = index
            for group in grouping.groups.values():
                self._add_group_pages(kind, folder, group, per_page)

    def _add_group_pages(
        self, kind: OverviewKind, folder: str, group: Group, per_page: int
    ) -> None:
        count = max(1, math.ceil(len(group.reviews) / per_page))
        for number in range(1, count + 1):
            page = OverviewPage(
                group_page_uri(folder, group.slug, number),
                kind,
                group,
                number,
                count,
                group.reviews[(number - 1) * per_page : number * per_page],
                group_page_uri(folder, group.slug, number - 1) if number > 1 else None,
                group_page_uri(folder, group.slug, number + 1) if number < count else None,
            )
            self.pages[page.src_uri] = page

    def page_for(self, kind: str, name: str) -> str | None:
        """The `src_uri` of the first page of the group `name` of `kind`, if it has one."""
        grouping = self.groupings.get(kind)
        group = grouping.group_of(name) if grouping else None
        if group is None:
            return None
        return group_page_uri(self.folders[kind], group.slug)

    def index_entries(self, kind: str) -> list[tuple[str, str, int]]:
        """(name, src_uri of its page, number of reviews) of every group of `kind`, by name."""
        folder = self.folders[kind]
        entries = [
            (group.name, group_page_uri(folder, group.slug), len(group.reviews))
            for group in self.groupings[kind].groups.values()
        ]
        return entries[::-1] if KINDS[kind].newest_first else entries

    def renames(self) -> Iterable[tuple[str, str, str, str]]:
        """Names whose slug was taken by another name: (kind, name, wanted, given)."""
        for kind, grouping in self.groupings.items():
            for name, wanted, given in grouping.renames:
                yield kind, name, wanted, given
