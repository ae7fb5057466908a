"""Every piece of HTML the plugin writes, rendered from Jinja templates with autoescape on."""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    Template,
)
from markupsafe import Markup

from mkdocs_course_reviews.all_reviews import (
    RATING_THRESHOLDS,
    SORT_ORDERS,
    AllReviewsPage,
    filter_keys,
)
from mkdocs_course_reviews.charts import BarChart, Sparkline, Timeline, bar_chart, describe
from mkdocs_course_reviews.charts import sparkline as sparkline_of
from mkdocs_course_reviews.charts import timeline as timeline_of
from mkdocs_course_reviews.fields import FACTS, STATUSES
from mkdocs_course_reviews.grouping import name_key
from mkdocs_course_reviews.labels import fill
from mkdocs_course_reviews.language import ENGLISH, SiteLanguage
from mkdocs_course_reviews.overviews import KINDS, Pagination, page_numbers
from mkdocs_course_reviews.schema import MAX_RATING, Review
from mkdocs_course_reviews.sharing import Sharing
from mkdocs_course_reviews.stats import Stats
from mkdocs_course_reviews.urls import url_host

TEMPLATE_FOLDER = "course-reviews"
_Html = TypeVar("_Html", bound=str)
Renders = MutableMapping[str, tuple[object, _Html]]
"""Renders kept between the builds of one `mkdocs serve`, by name, with what each was made of."""


class PageUrls(Protocol):
    """URLs relative to the page being rendered."""

    def to(self, src_uri: str) -> str:
        """The URL of the page built from `src_uri` (e.g. `reviews/x.md`)."""

    def overview(self, kind: str, name: str) -> str | None:
        """The URL of the overview page of a category or institution, if there is one."""

    def tag(self, name: str) -> str | None:
        """The URL of the listing of a tag (Material's tags plugin), if there is one."""


@dataclass(frozen=True)
class NameLink:
    """A category or institution, with the URL of its overview page if it has one."""

    name: str
    url: str | None


@dataclass(frozen=True)
class Stars:
    """A rating as the templates draw it: the words for screen readers, the filled width."""

    text: str
    percent: float
    number: str
    """The rating as a number, shown beside the stars: "4.5"."""


@dataclass(frozen=True)
class ReviewView:
    """A review with everything a template links to, resolved for the page being rendered.

    The linking of names to overview pages happens here, once, for the card and the listings.
    A listing's item shows a bounded part of its review (see `review_view`); the card all of it.
    """

    review: Review
    url: str
    title: str | None
    description: str | None
    institution: NameLink | None
    categories: list[NameLink]
    stars: Stars | None
    tags: list[NameLink]
    year: NameLink | None = None
    more_categories: int = 0
    """How many of the review's categories this item leaves out ("+3 more")."""

    @property
    def links(self) -> tuple[str | NameLink | None, ...]:
        """Every URL the review's card or item links to on this page (with the names shown)."""
        return (self.url, self.institution, *self.categories, None, *self.tags, self.year)


@dataclass(frozen=True)
class Here:
    """The group whose overview page is being rendered: its items need not name it again."""

    kind: str
    name: str

    def is_named(self, kind: str, name: str) -> bool:
        """Whether `name` of `kind` is this page's group, whatever its case or spacing."""
        return kind == self.kind and name_key(name) == name_key(self.name)


LISTED_CATEGORIES = 5
"""How many of a review's categories a listing item shows by default (`listed_categories`)."""
LISTED_CHARACTERS = 300
"""The most characters of one text (title, description, a name) a listing item shows."""


def review_view(
    review: Review,
    urls: PageUrls,
    labels: Mapping[str, str],
    here: Here | None = None,
    *,
    listed: int | None = None,
) -> ReviewView:
    """Resolve a review's links and rating for one page.

    On the overview page of a group (`here`), that group is left out: every item of a
    category's page is in that category, so its chip linking to the page itself says nothing.
    A listing's item (`listed`, the number of categories it shows) shows that many categories
    and each text cut to `LISTED_CHARACTERS`: a review is listed on a page per category it
    has, so an item whose size grew with its review would make a site grow with the square of
    its front matter. Without `listed` (the card), everything is shown.
    """

    def shown(kind: str, name: str) -> bool:
        return here is None or not here.is_named(kind, name)

    cut = _cut if listed is not None else _whole
    stars = None
    if review.rating is not None:
        number = f"{review.rating:g}"
        text = fill(labels["rating_value"], rating=number)
        stars = Stars(text, round(review.rating / MAX_RATING * 100, 1), number)
    categories = [name for name in review.categories if shown("category", name)]
    more = max(len(categories) - listed, 0) if listed is not None else 0
    return ReviewView(
        review,
        urls.to(review.path),
        cut(review.title),
        cut(review.description),
        NameLink(cut(review.institution), urls.overview("institution", review.institution))
        if review.institution and shown("institution", review.institution)
        else None,
        [
            NameLink(cut(name), urls.overview("category", name))
            for name in categories[: len(categories) - more]
        ],
        stars,
        [NameLink(tag, urls.tag(tag)) for tag in review.tags],
        NameLink(year, urls.overview("year", year)) if (year := _year_of(review)) else None,
        more,
    )


_Text = TypeVar("_Text", str, str | None)


def _whole(text: _Text) -> _Text:
    return text


def _cut(text: _Text) -> _Text:
    """`text`, or its first `LISTED_CHARACTERS` ending in "…"."""
    if text is None or len(text) <= LISTED_CHARACTERS:
        return text
    return text[: LISTED_CHARACTERS - 1].rstrip() + "…"


def _year_of(review: Review) -> str | None:
    return f"{review.date.year:04d}" if review.date else None


@dataclass(frozen=True)
class PageSlot:
    """One place in a pagination row: a page number with its URL, or an ellipsis (no number)."""

    number: int | None
    url: str = ""
    current: bool = False


def page_slots(pagination: Pagination, urls: PageUrls) -> list[PageSlot]:
    """The row of page numbers of one page of a listing, linked for the page being rendered."""
    return [
        PageSlot(None)
        if number is None
        else PageSlot(
            number, urls.to(pagination.page_uris[number - 1]), number == pagination.number
        )
        for number in page_numbers(pagination.number, pagination.count)
    ]


@dataclass(frozen=True)
class IndexEntry:
    """One line of an overview index: a name, the source of its page, its number of reviews."""

    name: str
    src_uri: str
    count: int


class Renderer:
    """Renders the plugin's templates; a site overrides any of them from its theme folders.

    `template_dirs` are searched first (the theme's `custom_dir` among them), then the
    templates shipped in the package. Dates, numbers and counted words follow `language`
    (the filters `date`, `number` and `count`). A listing's item shows `listed_categories` of
    its review's categories.
    """

    def __init__(
        self,
        template_dirs: Sequence[str] = (),
        language: SiteLanguage = ENGLISH,
        listed_categories: int = LISTED_CATEGORIES,
    ) -> None:
        self.env = Environment(
            loader=ChoiceLoader(
                [
                    FileSystemLoader(list(template_dirs)),
                    PackageLoader("mkdocs_course_reviews", "templates"),
                ]
            ),
            autoescape=True,
            # Templates do not change during a build: no file-system check on every render.
            auto_reload=False,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._templates: dict[str, Template] = {}
        """Each template, looked up once: thousands of pages render the same few."""
        self.language = language
        self.listed_categories = listed_categories
        self.labels = dict(language.labels)
        self.env.globals["labels"] = self.labels
        self.env.globals["max_rating"] = MAX_RATING
        self.env.filters["host"] = url_host
        self.env.filters["fill"] = fill
        self.env.filters["date"] = language.date
        self.env.filters["number"] = language.number
        self.env.filters["count"] = language.count
        self.env.filters["describe"] = self.describe

    def render(self, name: str, **context: object) -> str:
        """Render the template `course-reviews/<name>`."""
        template = self._templates.get(name)
        if template is None:
            template = self._templates[name] = self.env.get_template(f"{TEMPLATE_FOLDER}/{name}")
        return template.render(**context)

    def heading(self, title: str) -> str:
        """A page's `h1`, for pages whose Markdown has none."""
        return self.render("heading.html", title=title)

    def card(
        self,
        review: Review,
        urls: PageUrls,
        *,
        tags: bool = True,
        digest: object = None,
        renders: Renders[str] | None = None,
    ) -> str:
        """The metadata card shown under a review's title; without its tags if not `tags`.

        With `renders`, the card is kept there, and rendered again only when `digest` (what the
        review shows: its fields, the settings) or one of the URLs it links to changed.
        """
        view = review_view(review, urls, self.labels)
        # Only the facts the review has: the template skips the others anyway.
        facts = [
            fact
            for fact in FACTS
            if (tags or fact.key != "tags") and getattr(review, fact.name) is not None
        ]

        def render() -> str:
            return self.render("card.html", review=review, view=view, urls=urls, facts=facts)

        if renders is None:
            return render()
        made_of = (digest, hash(view.links), tuple(fact.key for fact in facts))
        return _reuse_or_render(renders, review.path, made_of, render)

    def listing(  # noqa: PLR0913 - the listing, and how to keep it
        self,
        reviews: Sequence[Review],
        urls: PageUrls,
        pagination: Pagination | None = None,
        here: Here | None = None,
        *,
        digest: object = None,
        renders: Renders[str] | None = None,
        name: str = "",
    ) -> str:
        """A list of reviews, each an element with class `course-review-item`.

        On a group's own page (`here`), its items leave that group out. With `renders`, the
        listing is kept there under `name`, and rendered again only when `digest` (what the
        reviews show, the settings) or one of the URLs it links to changed.
        """
        views = [
            review_view(review, urls, self.labels, here, listed=self.listed_categories)
            for review in reviews
        ]
        slots = page_slots(pagination, urls) if pagination and pagination.count > 1 else []

        def render() -> str:
            return self.render(
                "listing.html", views=views, urls=urls, pagination=pagination, page_slots=slots
            )

        if renders is None:
            return render()
        # A hash, not the links: a server keeps hundreds of listings.
        made_of = (digest, hash(tuple(view.links for view in views)), hash(tuple(slots)))
        return _reuse_or_render(renders, name, made_of, render)

    def way_back(self, text: str, url: str) -> str:
        """The line above a page's title that leads to the page it belongs to."""
        return self.render("way-back.html", text=text, url=url)

    def overview_index(self, entries: Sequence[IndexEntry], urls: PageUrls, kind: str) -> str:
        """The list of every group of a kind, with its number of reviews, under a chart of them."""
        chart: BarChart | Timeline
        if KINDS[kind].timeline:
            chart = timeline_of((int(entry.name), entry.count) for entry in entries)
        else:
            chart = bar_chart((entry.name, entry.count) for entry in entries)
        return self.render(
            "overview-index.html", entries=entries, urls=urls, chart=chart, kind=kind
        )

    def stats(self, stats: Stats) -> str:
        """The one-line summary of a learning log, with a small timeline."""
        return self.render("stats.html", stats=stats, sparkline=sparkline_of(stats.per_year))

    def sharing(self, share: Sharing) -> str:
        """The Open Graph and Twitter Card tags of a review page."""
        return self.render("sharing.html", share=share)

    def describe(self, chart: BarChart | Timeline | Sparkline, title: str) -> str:
        """What a chart shows, in the site's words: "Reviews per category: Web 3, Art 1"."""
        spoken = [(name, self.language.number(count)) for name, count in chart.spoken]
        more = getattr(chart, "more", 0)
        rest = fill(self.labels["chart_more"], count=self.language.number(more)) if more else None
        return describe(title, spoken, rest)

    def all_reviews(
        self,
        page: AllReviewsPage,
        urls: PageUrls,
        digest_of: Callable[[Review], str],
        renders: Renders[Markup],
    ) -> str:
        """Every review, compactly, with the filter's controls and the keys it compares.

        Each review's item is kept in `renders` with its `digest_of`, and rendered again only
        when that changes: after an edit, `mkdocs serve` renders one item, not thousands.
        """
        kinds = [(kind, page.choices(kind)) for kind in KINDS.values()]

        def item(review: Review) -> Markup:
            html = self.render(
                "all-reviews-item.html",
                view=review_view(review, urls, self.labels, listed=self.listed_categories),
                keys=filter_keys(review),
                kinds=kinds,
            )
            return Markup(html)  # noqa: S704 - autoescaped

        items = [
            _reuse_or_render(renders, review.path, digest_of(review), partial(item, review))
            for review in page.reviews
        ]
        return self.render(
            "all-reviews.html",
            items=items,
            kinds=kinds,
            statuses=STATUSES,
            ratings=RATING_THRESHOLDS,
            sort_orders=SORT_ORDERS,
        )

    def structured_data(self, data: Mapping[str, Any]) -> str:
        """A `<script type="application/ld+json">` element that stays inert whatever it holds."""
        return self.render("structured-data.html", data=data)


def _reuse_or_render(
    renders: Renders[_Html],
    name: str,
    made_of: object,
    render: Callable[[], _Html],
) -> _Html:
    """What `renders` holds under `name` if it was made of `made_of`; else `render()`, kept."""
    known = renders.get(name)
    if known is None or known[0] != made_of:
        known = renders[name] = (made_of, render())
    return known[1]


def templates_stamp(dirs: Sequence[str]) -> object:
    """The theme's folders, and when each of their copies of this plugin's templates changed.

    The same stamp, the same templates: a renderer made with them can be kept.
    """
    stamps = []
    for folder in dirs:
        ours = Path(folder, TEMPLATE_FOLDER)
        if ours.is_dir():
            stamps += [
                (str(path), status.st_mtime_ns, status.st_ctime_ns, status.st_size)
                for path in sorted(ours.iterdir())
                for status in [path.stat()]
            ]
    return (tuple(dirs), tuple(stamps))
