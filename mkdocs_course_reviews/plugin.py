"""The MkDocs hooks: each one hands MkDocs' objects to the plain code that does the work."""

from __future__ import annotations

from importlib.resources import files as package_files
from typing import TYPE_CHECKING

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from mkdocs_course_reviews.collection import Collection, Entry, Visibility, is_review_path
from mkdocs_course_reviews.config import CourseReviewsConfig
from mkdocs_course_reviews.labels import merge_labels
from mkdocs_course_reviews.rendering import Renderer, insert_into_head, place_card
from mkdocs_course_reviews.structured_data import review_structured_data
from mkdocs_course_reviews.theme_meta import theme_meta

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

STYLESHEET = "assets/course-reviews/course-reviews.css"
# MkDocs parses front matter itself unless a page has none. An empty block keeps it from parsing
# ours a second time, and from reading the body's first lines as MultiMarkdown metadata.
_EMPTY_FRONT_MATTER = "---\n{}\n---\n"


class CourseReviewsPlugin(BasePlugin[CourseReviewsConfig]):
    """Gathers course reviews, validates their front matter and keeps drafts unpublished."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.collection = Collection()
        self.renderer = Renderer()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Set up the templates (the theme's folders first) and the stylesheet."""
        self.renderer = Renderer(config.theme.dirs, merge_labels(self.config.labels))
        if STYLESHEET not in config.extra_css:
            # First, so that the site's own extra_css overrides it.
            config.extra_css.insert(0, STYLESHEET)
        return config

    # Before other plugins' on_files, so that they see drafts and broken reviews as excluded.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Read every review once, report its problems, and decide what is published."""
        self.collection = Collection(required=self.config.required_fields)
        for file in files:
            if (
                file.is_documentation_page()
                and not file.inclusion.is_excluded()
                and is_review_path(file.src_uri, self.config.reviews_dir)
            ):
                self._gather(file)
        stylesheet = package_files("mkdocs_course_reviews") / "assets" / "course-reviews.css"
        files.append(File.generated(config, STYLESHEET, content=stylesheet.read_bytes()))
        return files

    def _gather(self, file: File) -> None:
        try:
            entry = self.collection.add(file.src_uri, file.content_string)
        except UnicodeDecodeError as error:
            entry = self.collection.add_undecodable(file.src_uri, error)
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

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand MkDocs the body read in `on_files`, so the file is not read twice."""
        entry = self.collection.entry(page.file.src_uri)
        if entry is None:
            return None
        return _EMPTY_FRONT_MATTER + entry.source.body

    # First, so that every other plugin sees the review's front matter in `page.meta`.
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give the theme and other plugins the review's front matter, made safe to print."""
        review = self.collection.review(page.file.src_uri)
        if review is not None:
            page.meta = theme_meta(self.collection.metadata(page.file.src_uri), review)
        return markdown

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Put the title and the metadata card at the top of each review."""
        review = self.collection.review(page.file.src_uri)
        if review is None:
            return html
        card = self.renderer.card(review) if self.config.card else ""
        return place_card(html, self.renderer.heading(review), card)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Describe each published review to search engines."""
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
