"""Rebuilding only what changed: digests of what each page shows, and dirty rebuilds.

A digest of what the plugin puts into a page decides whether something is still right: a card
or listing kept by `mkdocs serve` (see `session.py`), or, under `mkdocs serve --dirty`, a page
MkDocs would not build again because its own source did not change.

How a dirty rebuild knows what changed: before MkDocs builds, each page's digest is compared
with the one its last build showed. A generated page holds its digest in its source
(`generated_pages.py`, `cache_folder.py`), so MkDocs sees that source change; any other page
whose digest changed (a review, an intro page, a page with listing markers) has its output's
time set back (`mark_changed_pages`), and MkDocs builds a page whose output is older than its
source.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs_course_reviews import __version__
from mkdocs_course_reviews.all_reviews import AllReviewsPage
from mkdocs_course_reviews.digest import digest
from mkdocs_course_reviews.listings import ListingQuery, select
from mkdocs_course_reviews.overviews import KINDS, OverviewPage, Overviews
from mkdocs_course_reviews.session import ReviewDigest, Session
from mkdocs_course_reviews.stats import stats_of

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_course_reviews.build import Build
    from mkdocs_course_reviews.schema import Review


def settings_of(
    options: Mapping[str, object],
    config: MkDocsConfig,
    tags_plugins: Sequence[Any],
    renderer_made_of: object,
) -> object:
    """Everything besides the reviews that changes what the plugin puts into pages.

    The plugin's `options`; what the pages say of the site (the card's JSON-LD author, the
    shared page's site name and address, the titles `nav:` gives the overview pages), its URLs
    and theme; the options of Material's tags plugins; `renderer_made_of`, the site's language
    and its own copies of our templates.
    """
    tags = [(plugin.config.get("tags"), plugin.config.get("listings")) for plugin in tags_plugins]
    return (
        __version__,
        dict(options),
        config.site_author,
        config.site_name,
        config.site_url,
        config.nav,
        config.use_directory_urls,
        config.theme.dirs,
        config.theme.name,
        tags,
        renderer_made_of,
    )


class Digests:
    """The digests of what one build shows: of its settings, each review, each page.

    Made for each `on_files` pass (its overviews may differ); a review's digest is made once a
    pass (it is in several listings) and kept in the session while the review and its links
    stay the same.
    """

    def __init__(self, settings: object, overviews: Overviews, session: Session) -> None:
        self.settings = digest(settings)
        """A digest of the settings, the same when nothing besides the reviews changed."""
        self._overviews = overviews
        self._known = session.review_digests
        self._of_this_pass: dict[str, str] = {}

    def review(self, review: Review) -> str:
        """What a listing or card shows of a review: the review and the pages it links to."""
        made = self._of_this_pass.get(review.path)
        if made is None:
            links = [
                self._overviews.page_for(kind.name, name)
                for kind in KINDS.values()
                for name in kind.names_of(review)
            ]
            known = self._known.get(review.path)
            if known is not None and known.review is review and known.links == links:
                made = known.digest  # the same review, read in an earlier build, linking the same
            else:
                made = digest(review, links)
                self._known[review.path] = ReviewDigest(review, links, made)
            self._of_this_pass[review.path] = made
        return made

    def overview(self, overview: OverviewPage | AllReviewsPage) -> str:
        """What an overview page shows, with the settings."""
        shows: object
        if isinstance(overview, AllReviewsPage):
            shows = [self.review(review) for review in overview.reviews]
        elif overview.is_index:
            shows = self._overviews.index_entries(overview.kind.name)
        else:
            shows = (
                overview.group.name if overview.group else None,
                overview.number,
                overview.count,
                [self.review(review) for review in overview.reviews],
            )
        return digest(self.settings, shows)

    def markers(self, queries: Iterable[ListingQuery], published: Sequence[Review]) -> str:
        """What a page's listing markers show, with the settings."""
        return digest(
            self.settings,
            [
                stats_of(published)
                if query.stats
                else [self.review(review) for review in select(query, published)]
                for query in queries
            ],
        )

    def review_page(self, review: Review, way_back: object) -> str:
        """What a review's page shows of the plugin: its card, and the way back, with settings."""
        return digest(self.settings, (self.review(review), way_back))


def with_markers(base: str | None, markers: str) -> str:
    """The digest of a page with listing markers: theirs, with what else the plugin shows there."""
    return markers if base is None else digest(base, markers)


def expected_digests(
    base: Mapping[str, str],
    marker_queries: Mapping[str, Sequence[ListingQuery]],
    digests: Digests,
    published: Sequence[Review],
) -> dict[str, str]:
    """What the plugin puts into each page in this build, as digests.

    `base` holds the digests of what it puts into reviews and pages of the site's own below a
    generated page; the pages with listing markers add theirs, as the markers were last read.
    """
    expected = dict(base)
    for src_uri, queries in marker_queries.items():
        expected[src_uri] = with_markers(base.get(src_uri), digests.markers(queries, published))
    return expected


def rebuild_what_changed(  # noqa: PLR0913 - the build, and where its pages go
    session: Session,
    build: Build,
    *,
    labels: Mapping[str, str],
    reviews_dir: str,
    site_dir: str,
    gone: Iterable[str],
) -> None:
    """Under `--dirty`, before MkDocs builds: have it build every page whose digest changed.

    `gone` are the outputs of pages no longer built (see `Session.prune`): deleted.
    """
    digests = build.digests
    if digests is None:
        return
    for entry in build.collection:
        if (review := entry.validation.review) is not None:
            way_back = build.way_back(review.path, labels, reviews_dir)
            build.base_digests[review.path] = digests.review_page(review, way_back)
    published = build.collection.published
    expected = expected_digests(build.base_digests, session.marker_queries, digests, published)
    mark_changed_pages(session, expected)
    remove_outputs(gone, site_dir)


def note_markers(
    session: Session, build: Build, src_uri: str, queries: Sequence[ListingQuery]
) -> None:
    """Keep what the listing markers of the page `src_uri` show, as it is built now.

    A page that lost its markers is forgotten, so a later edit does not build it again.
    """
    if queries:
        session.marker_queries[src_uri] = list(queries)
    elif session.marker_queries.pop(src_uri, None) is None:
        return
    if session.dirty and build.digests is not None:
        base = build.base_digests.get(src_uri)
        if queries:
            markers = build.digests.markers(queries, build.collection.published)
            session.page_digests[src_uri] = with_markers(base, markers)
        elif base is None:
            session.page_digests.pop(src_uri, None)
        else:
            session.page_digests[src_uri] = base


def mark_changed_pages(session: Session, expected: Mapping[str, str]) -> None:
    """Make MkDocs build again every page whose digest is not what its last build showed.

    `expected` holds the digest of what the plugin puts into each page in this build. Pages it
    filled in last time and no longer does (an option changed) are built again, without it.
    """
    for src_uri, shows in expected.items():
        if session.page_digests.get(src_uri) != shows:
            outdate(session, src_uri)
    for src_uri in [src_uri for src_uri in session.page_digests if src_uri not in expected]:
        outdate(session, src_uri)
    session.page_digests = dict(expected)


def outdate(session: Session, src_uri: str) -> None:
    """Make MkDocs build `src_uri` again: it builds a page whose output is older than its source."""
    output = session.outputs.get(src_uri)
    if output is not None and Path(output).is_file():
        os.utime(output, (0, 0))


def remove_outputs(outputs: Iterable[str], site_dir: str) -> None:
    """Delete what the last build wrote for pages that are gone or no longer built.

    Only files inside `site_dir`: a page's output is never followed out of it.
    """
    inside = os.path.realpath(site_dir) + os.sep
    for output in outputs:
        if os.path.realpath(output).startswith(inside):
            Path(output).unlink(missing_ok=True)
