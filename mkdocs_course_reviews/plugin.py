"""The MkDocs hooks: each one hands MkDocs' objects to the module that does the work.

Two objects hold the plugin's state: a `Session` (`session.py`), what one `mkdocs` command keeps
between builds, made in `on_startup`; and a `Build` (`build.py`), what one build holds, made in
the first `on_files` pass and dropped in `on_post_build`. The work is in `gathering.py` (which
files are reviews, what MkDocs builds), `generated_pages.py`, `page_content.py`, `dirty.py` and
`neighbours.py` (other plugins' quirks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from mkdocs_course_reviews import dirty, gathering, generated_pages, material_blog, neighbours
from mkdocs_course_reviews.build import Build, FileUrls
from mkdocs_course_reviews.collection import Visibility
from mkdocs_course_reviews.config import CourseReviewsConfig
from mkdocs_course_reviews.escaping import TemplateReviews, as_markup, make_safe, page_meta
from mkdocs_course_reviews.language import choose_language
from mkdocs_course_reviews.listings import MARKER_START, ListingQuery
from mkdocs_course_reviews.material_tags import tag_urls, tags_plugins, theme_shows_tags
from mkdocs_course_reviews.page_content import PageContent, head_tags, overview_meta
from mkdocs_course_reviews.session import Session
from mkdocs_course_reviews.sharing import others_share
from mkdocs_course_reviews.strict_mode import count_warnings

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from mkdocs_course_reviews.schema import Review

log = get_plugin_logger(__name__)


class CourseReviewsPlugin(BasePlugin[CourseReviewsConfig]):
    """Gathers course reviews, validates them, shows them, and lists them by category."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.session = Session()
        self.build: Build | None = None
        self.tags_plugins: list[Any] = []
        """Material's tags plugin, each enabled instance of it."""
        self.assets: tuple[str, str | None] = (generated_pages.STYLESHEET, None)
        """Where the stylesheet and the script (if the site has one) are served."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Start a session; defining this hook keeps the plugin, and its caches, across rebuilds."""
        # MkDocs keeps one instance per process: a new command may be another site.
        self.session = Session(serving=command == "serve", dirty=dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Set up the stylesheet and the script; find Material's tags plugin, for the card."""
        count_warnings(strict=config.strict)  # under `-q` too
        self.tags_plugins = tags_plugins(config)
        neighbours.check_order(list(config.plugins))
        neighbours.quiet_awesome_pages(list(config.plugins))
        neighbours.check_printing(config, reviews_in_nav=self.config.reviews_in_nav)
        self.assets = generated_pages.link_assets(config, script=self.config.all_reviews_page)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Set up the templates (the theme's folders first) in the site's language.

        After every plugin's `on_config`: mkdocs-static-i18n sets the theme's language for each
        language it builds in its own, late.
        """
        choice = choose_language(self.config.locale, config.theme, self.config.labels)
        if choice.problem:
            log.warning(choice.problem)
        if choice.note:
            log.info(choice.note)
        self.session.use_renderer(config.theme.dirs, choice.language)
        self.session.renderer.listed_categories = self.config.listed_categories

    # Early, so that plugins looking for pages in their own `on_files` (redirects) find ours.
    @event_priority(50)
    def _gather_early(self, files: Files, *, config: MkDocsConfig) -> Files:
        early = gathering.others_between(config.plugins.events["files"], self)
        self.build = Build(serving=self.session.serving, early=early)
        if early:
            self._gather(files, config, final=False)
        return files

    # Last, so that pages other plugins add or remove in their `on_files` are gathered as they are.
    @event_priority(-100)
    def _gather_late(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._gather(files, config, final=True)
        return files

    on_files = CombinedEvent(_gather_early, _gather_late)
    """Read every review once, decide what is published, and add the overview pages."""

    def _gather(self, files: Files, config: MkDocsConfig, *, final: bool) -> None:
        build, tags = self._current(), self.tags_plugins
        gathering.gather_files(
            files, config, self.config, self.session, build, self.assets, tags, final=final
        )

    # After the plugins that make the nav (awesome-pages, literate-nav: 0; Material's blog: -50),
    # whatever the order of `plugins:`, so each sees the nav MkDocs made; before
    # mkdocs-static-i18n's (-100), which hands the final nav to with-pdf.
    @event_priority(-90)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep reviews that are not built out of the nav; show each overview index as one entry."""
        return gathering.tidy_nav(nav, config, self._current())

    # First, so that every other plugin sees the review's front matter in `page.meta`.
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give the theme and other plugins the front matter, made safe to print."""
        build, src_uri = self._current(), page.file.src_uri
        review = build.collection.review(src_uri)
        if review is not None:
            page.meta = page_meta(build.collection.metadata(src_uri), review)
            if self.session.meta_files.get(src_uri):
                # Merged, validated and escaped already: Material's `meta` must not merge the
                # raw files again (it skips what `__extends` lists, as for blog posts).
                page.meta["__extends"] = list(self.session.meta_files[src_uri])
        elif src_uri in build.pages:
            page.meta = as_markup(page.meta)
            if page.file.generated_by and build.meta_files:
                # Folder defaults are for reviews: Material's `meta` skips what this lists.
                page.meta["__extends"] = list(build.meta_files)
        return markdown

    def _page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Put the card and the listings into the page, so every later reader sees them."""
        build, content, session = self._current(), self._content(), self.session
        src_uri, labels = page.file.src_uri, self._labels
        urls = build.urls(page.file)
        review = build.collection.review(src_uri)
        overview = build.pages.get(src_uri)
        if review is not None or overview is not None:
            session.outputs[src_uri] = page.file.abs_dest_path
            way_back = build.way_back(src_uri, labels, self.config.reviews_dir)
            way_back_html = content.way_back(way_back, urls)
        if review is not None:
            if "title" in page.meta:
                # The title as validated and escaped: a plugin may have re-rendered it
                # (mkdocs-macros runs `{{ ... }}` in titles as Jinja: front matter is not code).
                page.title = page.meta["title"]
            card = self._card(review, page, config, urls) if self.config.card else ""
            title = review.title or page.title or ""
            html = content.review_page(html, title, card, way_back_html)
        if overview is not None:
            in_search = self.config.overviews_in_search
            overview_meta(page.meta, html, overview.title(labels), in_search=in_search)
            if page.file.generated_by:
                neighbours.drop_git_dates(page.meta)
            html = content.overview_page(html, overview, page.title or "", urls, way_back_html)
        queries: list[ListingQuery] = []
        if MARKER_START in html:
            html, queries = content.markers(src_uri, html, urls)
            session.outputs[src_uri] = page.file.abs_dest_path
        dirty.note_markers(session, build, src_uri, queries)
        return html

    # Just before mkdocs-rss-plugin's `on_page_content` (-75), and just after it (-76).
    @event_priority(-74)
    def _hide_from_feeds(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        build = self._current()
        if page.file.src_uri in build.pages and neighbours.has_rss(config):
            build.hidden_from_feeds[page.file.src_uri] = neighbours.hide_from_feeds(page.meta)
        return html

    @event_priority(-76)
    def _restore_after_feeds(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        before = self._current().hidden_from_feeds.pop(page.file.src_uri, None)
        if before is not None:
            neighbours.restore_after_feeds(page.meta, before)
        return html

    on_page_content = CombinedEvent(_page_content, _hide_from_feeds, _restore_after_feeds)
    """The card and the listings; generated pages kept out of feeds (see `hide_from_feeds`)."""

    def _card(self, review: Review, page: Page, config: MkDocsConfig, urls: FileUrls) -> str:
        # Material's theme shows the page's tags above its title: not twice.
        tags = not theme_shows_tags(config, self.tags_plugins, page.file)
        card = self._content().card(review, urls, tags=tags)
        if tags and review.tags and self.tags_plugins:
            # Where each tag is listed is known once every page is read: see `on_env`.
            self._current().unlinked_tags[review.path] = (page, card)
        return card

    # After Material's blog renders the excerpts of a view (-100).
    @event_priority(-110)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Fill the listing markers of the post excerpts a blog view shows (Material's blog)."""
        urls = self._current().urls(page.file)

        def fill(post_src: str, html: str) -> str:
            return self._content().markers(post_src, html, urls, warn=False)[0]

        material_blog.fill_excerpts(page, context, fill)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Describe each published review to search engines and to sites its link is shared on."""
        src_uri = page.file.src_uri
        entry = self._current().collection.entry(src_uri)
        review = entry.validation.review if entry else None
        if review is None or entry is None or entry.visibility is not Visibility.PUBLISHED:
            return output
        share = self.config.sharing and not others_share(
            config.plugins, src_uri, page.meta, output, site_url=config.site_url
        )
        return head_tags(
            output,
            review,
            self.session.renderer,
            page_url=page.canonical_url,
            structured_data=self.config.structured_data,
            author=self.config.author or config.site_author,
            share=share,
            site_name=config.site_name,
        )

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Make the published reviews, newest first, available to templates, safe to print.

        Every page is read by now, so the tags on the cards can link to their listings.
        """
        build, content = self._current(), self._content()
        for src_uri, (page, card) in build.unlinked_tags.items():
            review = build.collection.review(src_uri)
            links = tag_urls(self.tags_plugins, page)
            if review is not None and links and page.content is not None:
                urls = build.urls(page.file, links)
                page.content = content.linked_tags(page.content, card, review, urls)
        build.unlinked_tags = {}
        gathering.check_templates(build, env)
        make_safe(env)
        env.globals["course_reviews"] = TemplateReviews(build.collection.published)
        return env

    # Before MkDocs' search writes its index (`on_post_build`).
    @event_priority(10)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Give MkDocs' search the titles unescaped; then let go of the build."""
        neighbours.unescape_search_titles(config)
        # Let go of this build's files, and through them its pages: `mkdocs serve` keeps the
        # plugin, and would otherwise keep the whole site in memory until the next rebuild.
        self.build = None
        self.tags_plugins = []

    @property
    def _labels(self) -> dict[str, str]:
        return self.session.renderer.labels

    def _current(self) -> Build:
        """The build under way; an empty one for a hook outside a build (MkDocs 1.6 calls none)."""
        self.build = self.build or Build(serving=self.session.serving, early=False)
        return self.build

    def _content(self) -> PageContent:
        build = self._current()
        if build.content is None:
            renderer = self.session.renderer
            build.content = PageContent(renderer, build.overviews, build.collection.published)
        return build.content
