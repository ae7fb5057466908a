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
"""Every kind of overview page, by name; the one table a new kind is added to.

Derived from it: the overview pages and their indexes (`Overviews`), the filters of listing
markers (`listings.FILTERS`), the filter of the page of all reviews and its keys
(`all_reviews.py`), which options `overview_folders` reads and checks, and the digests of what
a review links to (`dirty.py`). A new kind also needs, where the table cannot reach:

- its two options in `config.CourseReviewsConfig`, named `<name>_pages` and `<plural>_dir`
  (`pages_option`, `folder_option`: `overview_folders` reads them by these names);
- its labels in `labels.DEFAULT_LABELS` and each language of `translations.py`: `<plural>`,
  `all_<plural>`, `chart_<name>` (the name of its fact on the card, `<name>`, if it has one);
- its link on the card and in listings: `rendering.review_view` resolves each kind's names by
  name (`institution`, `categories`, `year`) for the templates, which show each in its place;
- the README's table of options.

The way back from a review leads to its first category (`Overviews.way_back`), by name.
"""


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

    @property
    def page_uris(self) -> Sequence[str]:
        """The sources of every page of the listing, in order: page 1 first."""


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
    page_uris: Sequence[str] = ()
    """The sources of every page of its group, page 1 first."""

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


PAGE_NUMBER_SLOTS = 7
"""How many places the row of page numbers has, ellipses included, once a listing is long."""


def page_numbers(number: int, count: int) -> list[int | None]:
    """The page numbers a pagination row shows around page `number` of `count`; None is "…".

    Always the first and the last page, and the pages next to the current one. Once there are
    more pages than `PAGE_NUMBER_SLOTS`, the row keeps exactly that many places, so it does not
    change its width from page to page: `1 2 3 4 5 … 9`, `1 … 4 5 6 … 9`, `1 … 5 6 7 8 9`.
    """
    if count <= PAGE_NUMBER_SLOTS:
        return list(range(1, count + 1))
    # Places left beside the first page, the last page and their two ellipses.
    run = PAGE_NUMBER_SLOTS - 2
    if number <= run - 1:
        return [*range(1, run + 1), None, count]
    if number >= count - run + 2:
        return [1, None, *range(count - run + 1, count + 1)]
    side = (PAGE_NUMBER_SLOTS - 5) // 2
    return [1, None, *range(number - side, number + side + 1), None, count]


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
        uris = tuple(group_page_uri(folder, group.slug, number) for number in range(1, count + 1))
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
                uris,
            )
            self.pages[page.src_uri] = page

    def page_for(self, kind: str, name: str) -> str | None:
        """The `src_uri` of the first page of the group `name` of `kind`, if it has one."""
        grouping = self.groupings.get(kind)
        group = grouping.group_of(name) if grouping else None
        if group is None:
            return None
        return group_page_uri(self.folders[kind], group.slug)

    def way_back(
        self,
        src_uri: str,
        review: Review | None,
        labels: Mapping[str, str],
        all_reviews: str | None = None,
    ) -> tuple[str, str] | None:
        """Where the page `src_uri` belongs: (the text of the link, the source it leads to).

        A review: its first category's page, named as that page is, else the page of all
        reviews (`all_reviews`, if the site builds one). A group's page: the index of its kind.
        `review` is the review the page shows, if it is one.
        """
        if review is not None:
            grouping = self.groupings.get("category")
            first = review.categories[0] if review.categories else None
            group = grouping.group_of(first) if grouping and first else None
            if group is not None:
                return group.name, group_page_uri(self.folders["category"], group.slug)
            return (labels["all_reviews"], all_reviews) if all_reviews else None
        overview = self.pages.get(src_uri)
        if overview is None or overview.is_index:
            return None
        index = group_page_uri(self.folders[overview.kind.name], INDEX_SLUG)
        return labels[f"all_{overview.kind.plural}"], index

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
