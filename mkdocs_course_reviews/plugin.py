"""The MkDocs hooks: each one hands MkDocs' objects to the plain code that does the work."""

from __future__ import annotations

from importlib.resources import files as package_files
from typing import TYPE_CHECKING

from markupsafe import escape
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Section

from mkdocs_course_reviews.collection import Collection, Entry, Visibility, is_review_path
from mkdocs_course_reviews.config import CourseReviewsConfig
from mkdocs_course_reviews.labels import merge_labels
from mkdocs_course_reviews.listings import MARKER_START, expand_markers
from mkdocs_course_reviews.overviews import OverviewPage, Overviews
from mkdocs_course_reviews.rendering import (
    DeferredHtml,
    IndexEntry,
    Renderer,
    has_h1,
    insert_into_head,
    place_card,
)
from mkdocs_course_reviews.structured_data import review_structured_data
from mkdocs_course_reviews.theme_meta import theme_meta

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

STYLESHEET = "assets/course-reviews/course-reviews.css"
# MkDocs parses front matter itself unless a page has none. An empty block keeps it from parsing
# ours a second time, and from reading the body's first lines as MultiMarkdown metadata.
_EMPTY_FRONT_MATTER = "---\n{}\n---\n"


class CourseReviewsPlugin(BasePlugin[CourseReviewsConfig]):
    """Gathers course reviews, validates them, shows them, and lists them by category."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.collection = Collection()
        self.overviews = Overviews((), {}, 1)
        self.renderer = Renderer()
        self.labels: dict[str, str] = {}
        self.files_by_uri: dict[str, File] = {}
        self.deferred = DeferredHtml()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Set up the templates (the theme's folders first) and the stylesheet."""
        self.labels = merge_labels(self.config.labels)
        self.renderer = Renderer(config.theme.dirs, self.labels)
        if STYLESHEET not in config.extra_css:
            # First, so that the site's own extra_css overrides it.
            config.extra_css.insert(0, STYLESHEET)
        return config

    # Before other plugins' on_files, so that they see drafts and broken reviews as excluded.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Read every review once, decide what is published, and add the overview pages."""
        self.collection = Collection(required=self.config.required_fields)
        self.deferred = DeferredHtml()
        for file in files:
            if (
                file.is_documentation_page()
                and not file.inclusion.is_excluded()
                and is_review_path(file.src_uri, self.config.reviews_dir)
            ):
                self._gather(file)
        for problem in self.collection.duplicates():
            log.warning(str(problem))
        stylesheet = package_files("mkdocs_course_reviews") / "assets" / "course-reviews.css"
        files.append(File.generated(config, STYLESHEET, content=stylesheet.read_bytes()))

        self.overviews = Overviews(
            self.collection.published, self.config.overview_folders(), self.config.per_page
        )
        for kind, name, wanted, given in self.overviews.renames():
            log.info("%s %r gets the page '%s': '%s' is another's", kind, name, given, wanted)
        for src_uri, overview in self.overviews.pages.items():
            # Group pages stay out of the sidebar; the index of each kind is the way in.
            inclusion = InclusionLevel.UNDEFINED if overview.is_index else InclusionLevel.NOT_IN_NAV
            intro = files.get_file_from_path(src_uri)
            if intro is None:
                files.append(File.generated(config, src_uri, content="", inclusion=inclusion))
            elif not overview.is_index and intro.inclusion.is_in_nav():
                intro.inclusion = InclusionLevel.NOT_IN_NAV
        self.files_by_uri = {file.src_uri: file for file in files}
        return files

    def _gather(self, file: File) -> None:
        entry = self.collection.read(file.src_uri, lambda: file.content_string)
        for problem in entry.validation.problems:
            log.warning(str(problem))
        file.inclusion = min(file.inclusion, self._inclusion(entry), key=lambda level: level.value)

    def _inclusion(self, entry: Entry) -> InclusionLevel:
        visibility = entry.visibility
        if visibility is Visibility.PUBLISHED:
            return (
                InclusionLevel.INCLUDED if self.config.reviews_in_nav else InclusionLevel.NOT_IN_NAV
            )
        if visibility is Visibility.DRAFT and self.config.draft_on_serve:
            return InclusionLevel.DRAFT
        return InclusionLevel.EXCLUDED

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """In an automatic nav, show each overview index as one entry, not a one-page section."""
        if config.nav is None:
            nav.items = [self._unwrap_index(item) for item in nav.items]
        return nav

    def _unwrap_index(self, item: object) -> object:
        if isinstance(item, Section) and len(item.children) == 1:
            (child,) = item.children
            file = getattr(child, "file", None)
            overview = self.overviews.pages.get(file.src_uri) if file else None
            if overview is not None and overview.is_index:
                child.parent = item.parent
                return child
        return item

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand MkDocs the body read in `on_files`, so the file is not read twice."""
        body = self.collection.take_body(page.file.src_uri)
        return None if body is None else _EMPTY_FRONT_MATTER + body

    # First, so that every other plugin sees the review's front matter in `page.meta`.
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give the theme and other plugins the front matter, made safe to print."""
        review = self.collection.review(page.file.src_uri)
        if review is not None:
            page.meta = theme_meta(self.collection.metadata(page.file.src_uri), review)
        return markdown

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Mark where the card and the listings go; they are rendered when the page is written."""
        src_uri = page.file.src_uri
        urls = _PageUrls(self.files_by_uri, self.overviews, page.file)
        review = self.collection.review(src_uri)
        if review is not None:
            card = (
                self.deferred.mark(src_uri, lambda: self.renderer.card(review, urls))
                if self.config.card
                else ""
            )
            html = place_card(html, self.renderer.heading(review.title or page.title or ""), card)
        overview = self.overviews.pages.get(src_uri)
        if overview is not None:
            # An intro page's own title wins: its front matter's, else its first heading's.
            if "title" not in page.meta and not has_h1(html):
                page.meta["title"] = escape(overview.title(self.labels))
            if page.file.generated_by and not self.config.overviews_in_search:
                # Search should lead to the reviews, not to every listing that repeats them.
                page.meta.setdefault("search", {"exclude": True})
            heading = self.renderer.heading(page.title or "")
            listing = self.deferred.mark(src_uri, lambda: self._overview_listing(overview, urls))
            html = place_card(html, heading, "") + listing
        if MARKER_START in html:
            html, problems = expand_markers(
                html,
                lambda reviews: self.deferred.mark(
                    src_uri, lambda: self.renderer.listing(reviews, urls)
                ),
                self.collection.published,
            )
            for problem in problems:
                log.warning("%s: course-reviews listing: %s", src_uri, problem)
        return html

    def _overview_listing(self, overview: OverviewPage, urls: _PageUrls) -> str:
        if overview.is_index:
            entries = [
                IndexEntry(*entry) for entry in self.overviews.index_entries(overview.kind.name)
            ]
            return self.renderer.overview_index(entries, urls)
        return self.renderer.listing(overview.reviews, urls, overview)

    # First, so that plugins that rewrite the final HTML (minifiers) see the card and listings.
    @event_priority(100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put in the card and the listings, and describe each published review in JSON-LD."""
        output = self.deferred.fill(page.file.src_uri, output)
        review = self.collection.review(page.file.src_uri)
        if review is None or review.draft or not self.config.structured_data:
            return output
        data = review_structured_data(
            review,
            author=self.config.author or config.site_author,
            page_url=page.canonical_url,
        )
        return insert_into_head(output, self.renderer.structured_data(data))

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Make the published reviews, newest first, available to templates."""
        env.globals["course_reviews"] = self.collection.published
        return env


class _PageUrls:
    """URLs relative to one page, for templates: MkDocs knows where each file is built."""

    def __init__(self, files: dict[str, File], overviews: Overviews, page_file: File) -> None:
        self._files = files
        self._overviews = overviews
        self._page_file = page_file

    def to(self, src_uri: str) -> str:
        target = self._files.get(src_uri)
        return target.url_relative_to(self._page_file) if target else ""

    def overview(self, kind: str, name: str) -> str | None:
        src_uri = self._overviews.page_for(kind, name)
        return self.to(src_uri) if src_uri else None
