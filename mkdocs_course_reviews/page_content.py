"""What the plugin puts into a page: the card, the heading, the way back, listings, head tags.

The card goes right under the page's opening `h1` (`place_card`), the way back right above
it, an overview page's listing after its text, a listing marker's listing in its place, the
JSON-LD and sharing tags at the end of `<head>`.

Plain values in, HTML out: a review (`schema.Review`), an overview page (`overviews.py`), the
page's HTML and title, and a `rendering.PageUrls` that knows where each page is built. Any
engine calls the same code: the MkDocs plugin from its page hooks, another engine's adapter
with URLs of its own. Under `mkdocs serve`, a `Session` and the build's `Digests` keep each
card and listing, rendered again only when what it shows changed.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping, Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger

from mkdocs_course_reviews.all_reviews import AllReviewsPage
from mkdocs_course_reviews.digest import digest
from mkdocs_course_reviews.listings import ListingQuery, expand_markers
from mkdocs_course_reviews.rendering import (
    Here,
    IndexEntry,
    PageUrls,
    Renderer,
)
from mkdocs_course_reviews.sharing import sharing, summary
from mkdocs_course_reviews.stats import stats_of
from mkdocs_course_reviews.structured_data import review_structured_data

if TYPE_CHECKING:
    from mkdocs_course_reviews.dirty import Digests
    from mkdocs_course_reviews.overviews import OverviewPage, Overviews
    from mkdocs_course_reviews.schema import Review
    from mkdocs_course_reviews.session import Session

log = get_plugin_logger(__name__)

_LEADING_H1 = re.compile(r"\s*<h1[\s>].*?</h1\s*>", re.IGNORECASE | re.DOTALL)


class PageContent:
    """The plugin's part of each page of one build.

    `published` are the build's published reviews, newest first (`Collection.published`, e.g.
    from `gathering.read_reviews`), and `overviews` their pages:
    `Overviews(published, options.overview_folders(), options.per_page)`. `renderer` renders
    the templates in the site's language. `session` and `digests`, under `mkdocs serve` only,
    keep each card and listing between builds; another engine leaves them out.
    """

    def __init__(
        self,
        renderer: Renderer,
        overviews: Overviews,
        published: Sequence[Review],
        *,
        session: Session | None = None,
        digests: Digests | None = None,
    ) -> None:
        self.renderer = renderer
        self._overviews = overviews
        self._published = published
        self._session = session
        self._digests = digests

    def card(self, review: Review, urls: PageUrls, *, tags: bool = True) -> str:
        """The metadata card of a review; without its tags if not `tags`."""
        if self._session is None or self._digests is None:
            return self.renderer.card(review, urls, tags=tags)
        # A plain rebuild renders again only the cards that changed.
        made_of = (self._digests.settings, self._digests.review(review))
        return self.renderer.card(
            review, urls, tags=tags, digest=made_of, renders=self._session.cards
        )

    def way_back(self, way_back: tuple[str, str] | None, urls: PageUrls) -> str:
        """The link above the title to where the page belongs: (its text, its source)."""
        return self.renderer.way_back(way_back[0], urls.to(way_back[1])) if way_back else ""

    def review_page(self, html: str, title: str, card: str, way_back: str) -> str:
        """A review page's HTML with its card under its heading (`title` if it has none)."""
        return place_card(html, self.renderer.heading(title), card, way_back)

    def overview_page(
        self,
        html: str,
        overview: OverviewPage | AllReviewsPage,
        title: str,
        urls: PageUrls,
        way_back: str,
    ) -> str:
        """An overview page's HTML with its heading, its way back, and its listing below.

        `html` is a generated source's, or the intro text of a page of the site's own there;
        `title` is its heading if it has none.
        """
        heading = self.renderer.heading(title)
        return place_card(html, heading, "", way_back) + self.listing(overview, urls)

    def listing(self, overview: OverviewPage | AllReviewsPage, urls: PageUrls) -> str:
        """The listing of an overview page: a group's reviews, an index, or every review."""
        digests, session = self._digests, self._session
        if isinstance(overview, AllReviewsPage):
            if session is None or digests is None:  # a build renders each item once
                return self.renderer.all_reviews(overview, urls, lambda _: "", {})
            # The settings' digest covers the language and the templates.
            return self.renderer.all_reviews(
                overview,
                urls,
                lambda review: digest(digests.review(review), digests.settings),
                session.all_reviews_items,
            )
        if overview.is_index:
            entries = [
                IndexEntry(*entry) for entry in self._overviews.index_entries(overview.kind.name)
            ]
            return self.renderer.overview_index(entries, urls, overview.kind.name)
        here = Here(overview.kind.name, overview.group.name) if overview.group else None
        if session is None or digests is None:
            return self.renderer.listing(overview.reviews, urls, overview, here)
        # A plain rebuild renders again only the listings that changed.
        return self.renderer.listing(
            overview.reviews,
            urls,
            overview,
            here,
            digest=digests.overview(overview),
            renders=session.listings,
            name=overview.src_uri,
        )

    def markers(self, src_uri: str, html: str, urls: PageUrls) -> tuple[str, list[ListingQuery]]:
        """`html` with each listing marker replaced by its listing; and the markers' queries.

        Each problem in a marker is a warning naming the page `src_uri`.
        """
        queries: list[ListingQuery] = []

        def render(query: ListingQuery, reviews: Sequence[Review]) -> str:
            queries.append(query)
            if query.stats:
                return self.renderer.stats(stats_of(reviews))
            return self.renderer.listing(reviews, urls)

        html, problems = expand_markers(html, render, self._published)
        for problem in problems:
            log.warning("%s: course-reviews listing: %s", src_uri, problem)
        return html, queries

    def linked_tags(self, html: str, card: str, review: Review, urls: PageUrls) -> str:
        """`html` with `card` replaced by the same card, its tags linked by `urls`."""
        return html.replace(card, self.renderer.card(review, urls), 1)


def overview_meta(
    meta: MutableMapping[str, Any], html: str, title: str, *, in_search: bool
) -> None:
    """Give an overview page's `meta` (its front matter) its title and its place in search.

    An intro page's own title wins: its front matter's, else its opening heading's in `html`.
    Out of search unless `in_search`: search should lead to the reviews, not to every listing
    that repeats them.
    """
    if "title" not in meta and leading_h1_end(html) is None:
        meta["title"] = Markup.escape(title)
    if not in_search:
        meta.setdefault("search", {"exclude": True})


def head_tags(  # noqa: PLR0913 - each tag's own inputs
    page_html: str,
    review: Review,
    renderer: Renderer,
    *,
    page_url: str | None,
    structured_data: bool,
    author: str | None,
    share: bool,
    site_name: str,
) -> str:
    """A published review's page, its `<head>` describing it to search engines and sharers.

    To search engines as JSON-LD (`structured_data`, by `author`), and to sites its link is
    shared on (`share`: Open Graph and Twitter Card tags, with `site_name`).
    """
    if structured_data:
        data = review_structured_data(review, author=author, page_url=page_url)
        page_html = insert_into_head(page_html, renderer.structured_data(data))
    if share:
        date = renderer.language.date(review.date) if review.date else ""
        shared = sharing(review, summary=summary(review, date), url=page_url, site_name=site_name)
        page_html = insert_into_head(page_html, renderer.sharing(shared))
    return page_html


def leading_h1_end(content: str) -> int | None:
    """Where the `h1` that opens rendered Markdown ends, or None if it does not open with one.

    Only a heading at the very start counts: an `h1` further down, or inside a comment, is part
    of the text.
    """
    match = _LEADING_H1.match(content)
    return match.end() if match else None


def place_card(content: str, heading: str, card: str, above: str = "") -> str:
    """Put the card under the page's opening `h1`, supplying `heading` when it has none.

    `above` goes right before the `h1`: the way back to the page this one belongs to.
    """
    end = leading_h1_end(content)
    if end is not None:
        return above + content[:end] + card + content[end:]
    return above + heading + card + content


def insert_into_head(page_html: str, fragment: str) -> str:
    """Add `fragment` at the end of the page's `<head>`, or leave the page as it is."""
    index = page_html.find("</head>")
    if index < 0:
        return page_html
    return page_html[:index] + fragment + page_html[index:]
