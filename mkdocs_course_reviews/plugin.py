"""The MkDocs hooks: each one hands MkDocs' objects to the plain code that does the work."""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Sequence
from importlib.resources import files as package_files
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.utils import markdown_extensions

from mkdocs_course_reviews import __version__
from mkdocs_course_reviews.all_reviews import AllReviewsPage, all_reviews_uri
from mkdocs_course_reviews.collection import Collection, Entry, Visibility, is_review_path
from mkdocs_course_reviews.config import CourseReviewsConfig
from mkdocs_course_reviews.generated import CACHE_FOLDER, GeneratedSources, fingerprint
from mkdocs_course_reviews.labels import merge_labels
from mkdocs_course_reviews.listings import MARKER_START, ListingQuery, expand_markers, select
from mkdocs_course_reviews.markup import Markup, as_markup, page_meta, template_review
from mkdocs_course_reviews.navigation import remove_pages
from mkdocs_course_reviews.overviews import KINDS, OverviewPage, Overviews
from mkdocs_course_reviews.rendering import (
    IndexEntry,
    Renderer,
    insert_into_head,
    leading_h1_end,
    place_card,
)
from mkdocs_course_reviews.schema import Review
from mkdocs_course_reviews.structured_data import review_structured_data

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

STYLESHEET = "assets/course-reviews/course-reviews.css"
_STYLESHEET_BYTES = (
    package_files("mkdocs_course_reviews") / "assets" / "course-reviews.css"
).read_bytes()
SCRIPT = "assets/course-reviews/course-reviews.js"
_SCRIPT_BYTES = (
    package_files("mkdocs_course_reviews") / "assets" / "course-reviews.js"
).read_bytes()
_GIT_DATE_KEYS = ("git_revision_date_localized", "git_creation_date_localized")
# A file's identity for the review cache: when any of these change, the file is read again.
Stamp = tuple[str, int, int, int]


class CourseReviewsPlugin(BasePlugin[CourseReviewsConfig]):
    """Gathers course reviews, validates them, shows them, and lists them by category."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.collection = Collection()
        self.overviews = Overviews((), {}, 1)
        self.pages: dict[str, OverviewPage | AllReviewsPage] = {}
        """Every page the plugin generates (or fills in, below a page of the site's own)."""
        self.renderer = Renderer()
        self.labels: dict[str, str] = {}
        self.files_by_uri: dict[str, File] = {}
        self.stylesheet = STYLESHEET
        self.script: str | None = None
        self.serving = False
        self.dirty = False
        self._forget()

    def _forget(self) -> None:
        """Start afresh: nothing known of earlier builds."""
        # Kept between the builds of one `mkdocs serve`, so an edit costs only what it changed.
        self._read: dict[str, tuple[Stamp, tuple[str, ...], Entry]] = {}
        self._shown: dict[str, str] = {}
        """A fingerprint of what the plugin put into each page in the last build."""
        self._marker_queries: dict[str, list[ListingQuery]] = {}
        self._hidden_intros: set[str] = set()
        self._current_settings: object = None
        self._built: dict[str, str] = {}
        """The output file of each page the plugin generated or gathered, by source."""
        self._generated: dict[str, File] = {}
        """The overview pages the plugin added to this build's files."""
        self._unlisted: dict[str, Entry] = {}
        self._inclusions: dict[str, InclusionLevel] = {}
        """Each review's inclusion as other plugins left it, before this plugin's decision."""
        """Reviews taken out of this build's files, as they are not built."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note the command; defining this hook keeps the plugin, and its cache, across rebuilds."""
        self.serving = command == "serve"
        self.dirty = dirty
        # MkDocs keeps one instance per process: a new command may be another site.
        self._forget()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Set up the templates (the theme's folders first), the stylesheet and the script."""
        self.labels = merge_labels(self.config.labels)
        self.renderer = Renderer(config.theme.dirs, self.labels)
        self.stylesheet = _asset_path(config, STYLESHEET, _STYLESHEET_BYTES, "css_files")
        if self.stylesheet not in config.extra_css:
            # First, so that the site's own extra_css overrides it.
            config.extra_css.insert(0, self.stylesheet)
        # The filter of the page of all reviews; without that page, no script at all.
        self.script = None
        if self.config.all_reviews_page:
            self.script = _asset_path(config, SCRIPT, _SCRIPT_BYTES, "js_files")
            if self.script not in [str(script) for script in config.extra_javascript]:
                config.extra_javascript.append(self.script)
        return config

    # Early, so that plugins looking for pages in their own `on_files` (redirects) find ours.
    @event_priority(50)
    def _gather_early(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._update(files, config, final=False)
        return files

    # Last, so that pages other plugins add or remove in their `on_files` are gathered as they are.
    @event_priority(-100)
    def _gather_late(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._update(files, config, final=True)
        return files

    on_files = CombinedEvent(_gather_early, _gather_late)
    """Read every review once, decide what is published, and add the overview pages."""

    def _update(self, files: Files, config: MkDocsConfig, *, final: bool) -> None:
        """Gather the reviews among `files` and bring the generated pages up to date.

        Runs twice (see `on_files`), each time on the files as they are then; problems are
        reported once, the second time.
        """
        if not final:
            self._generated = {}
            self._unlisted = {}
            self._inclusions = {}
        self.collection = Collection(required=self.config.required_fields)
        self._current_settings = self._settings(config)
        self._gather_all(files, config)
        if final:
            for entry in self._unlisted.values():
                self.collection.adopt(entry)
            for problem in self.collection.problems:
                log.warning(str(problem))
            self._read = {path: self._read[path] for path in self._read if path in self.collection}
        self._add_assets(files, config)
        self.overviews = Overviews(
            self.collection.published, self.config.overview_folders(), self.config.per_page
        )
        self.pages = self._pages_to_generate(files)
        self._add_overview_pages(files, config)
        if final:
            for kind, name, wanted, given in self.overviews.renames():
                log.info("%s %r gets the page '%s': '%s' is another's", kind, name, given, wanted)
            self._hide_unused_intro_pages(files)
            self.files_by_uri = {file.src_uri: file for file in files}
            if self.dirty:
                self._mark_changed_pages(config)

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The stylesheet, and the script of the filter if the site has the page of all reviews."""
        assets = [(self.stylesheet, _STYLESHEET_BYTES)]
        if self.script:
            assets.append((self.script, _SCRIPT_BYTES))
        for path, content in assets:
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=content))

    def _pages_to_generate(self, files: Files) -> dict[str, OverviewPage | AllReviewsPage]:
        """The overview pages, and the page of all reviews if the site wants it."""
        pages: dict[str, OverviewPage | AllReviewsPage] = dict(self.overviews.pages)
        if self.config.all_reviews_page:
            src_uri = all_reviews_uri(self.config.reviews_dir, lambda uri: self._is_own(files, uri))
            pages[src_uri] = AllReviewsPage(src_uri, self.collection.published)
        return pages

    def _gather_all(self, files: Files, config: MkDocsConfig) -> None:
        for file in list(files):
            # As the file was before this plugin decided on it (`on_files` runs twice).
            inclusion = self._inclusions.get(file.src_uri, file.inclusion)
            if inclusion.is_excluded() or not is_review_path(file.src_uri, self.config.reviews_dir):
                continue
            page = file if file.is_documentation_page() else self._as_page(file, files, config)
            if page is not None:
                self._gather(page, files, config)

    def _as_page(self, file: File, files: Files, config: MkDocsConfig) -> File | None:
        """A review whose extension MkDocs does not read in this letter case (`x.MD`).

        MkDocs would copy it to the site as it is, draft or not; build it as a page instead.
        """
        stem, extension = posixpath.splitext(file.src_uri)
        src_uri = stem + extension.lower()
        files.remove(file)
        if extension.lower() not in markdown_extensions or files.get_file_from_path(src_uri):
            log.warning(
                "%s: is not built, because %s is another page; rename one of them",
                file.src_uri,
                src_uri,
            )
            return None
        if file.abs_src_path is not None:
            page = File.generated(config, src_uri, abs_src_path=file.abs_src_path)
        else:
            page = File.generated(config, src_uri, content=file.content_bytes)
        page.generated_by = file.generated_by
        files.append(page)
        return page

    def _gather(self, file: File, files: Files, config: MkDocsConfig) -> None:
        stamp = _stamp(file)
        required = tuple(self.config.required_fields)
        cached = self._read.get(file.src_uri)
        if stamp is not None and cached is not None and cached[:2] == (stamp, required):
            entry = self.collection.adopt(cached[2])
        else:
            entry = self.collection.read(file.src_uri, lambda: file.content_string)
            if stamp is not None:
                self._read[file.src_uri] = (stamp, required, entry)
        given = self._inclusions.setdefault(file.src_uri, file.inclusion)
        file.inclusion = min(given, self._inclusion(entry), key=lambda level: level.value)
        if not self._builds(file) and config.nav is None:
            # Not built: out of the files, so no plugin lists it (literate-nav's wildcards).
            # An explicit `nav:` keeps it, for the warning `on_nav` gives about it.
            files.remove(file)
            self._unlisted[file.src_uri] = entry

    def _inclusion(self, entry: Entry) -> InclusionLevel:
        visibility = entry.visibility
        if visibility is Visibility.PUBLISHED:
            return (
                InclusionLevel.INCLUDED if self.config.reviews_in_nav else InclusionLevel.NOT_IN_NAV
            )
        if visibility is Visibility.DRAFT and self.config.draft_on_serve:
            return InclusionLevel.DRAFT
        return InclusionLevel.EXCLUDED

    def _is_own(self, files: Files, src_uri: str) -> bool:
        """Whether the site has a page of its own at `src_uri`, not one this plugin generated."""
        file = files.get_file_from_path(src_uri)
        ours = self._generated.get(src_uri)
        return file is not None and file is not ours and file.is_documentation_page()

    def _add_overview_pages(self, files: Files, config: MkDocsConfig) -> None:
        sources = GeneratedSources(_cache_dir(config))
        settings = self._current_settings
        for src_uri in list(self._generated):
            if src_uri not in self.pages:
                files.remove(self._generated.pop(src_uri))
        for src_uri, overview in self.pages.items():
            # Group pages stay out of the sidebar; the index of each kind is the way in.
            inclusion = InclusionLevel.UNDEFINED if overview.is_index else InclusionLevel.NOT_IN_NAV
            shown = fingerprint(settings, self._listing_key(overview))
            existing = files.get_file_from_path(src_uri)
            ours = self._generated.get(src_uri)
            if existing is not None and existing is not ours:
                # A page of the site's own: the intro text above the listing.
                if ours is not None:
                    files.remove(self._generated.pop(src_uri))
                if not overview.is_index and existing.inclusion.is_in_nav():
                    existing.inclusion = InclusionLevel.NOT_IN_NAV
                self._expect(src_uri, shown)
                continue
            path = sources.write(src_uri, shown)
            if ours is None:
                ours = File.generated(config, src_uri, abs_src_path=path, inclusion=inclusion)
                self._generated[src_uri] = ours
                files.append(ours)
        sources.prune(self._generated)

    def _hide_unused_intro_pages(self, files: Files) -> None:
        """Intro pages of groups that no published review has are not built, nor in the nav."""
        folders = self.config.overview_folders()
        self._hidden_intros = set()
        for file in list(files):
            folder, _, name = file.src_uri.rpartition("/")
            stem, extension = posixpath.splitext(name)
            if (
                folder in folders.values()
                and extension in markdown_extensions
                and stem not in {"index", "README"}
                and file.src_uri not in self.pages
                and not file.inclusion.is_excluded()
            ):
                kind = next(kind for kind, where in folders.items() if where == folder)
                log.info(
                    "%s: no published review has the %s this page introduces, so it is not built",
                    file.src_uri,
                    kind,
                )
                file.inclusion = InclusionLevel.EXCLUDED
                self._hidden_intros.add(file.src_uri)

    def _listing_key(self, overview: OverviewPage | AllReviewsPage) -> object:
        """What an overview page shows, to tell whether it changed since the last build."""
        if isinstance(overview, AllReviewsPage):
            return [self._review_key(review) for review in overview.reviews]
        if overview.is_index:
            return self.overviews.index_entries(overview.kind.name)
        return (
            overview.number,
            overview.count,
            [self._review_key(review) for review in overview.reviews],
        )

    def _review_key(self, review: Review) -> object:
        """What a listing or card shows of a review: the review and the pages it links to."""
        links = [
            self.overviews.page_for(kind, name)
            for kind, names_of in ((kind.name, kind.names_of) for kind in KINDS.values())
            for name in names_of(review)
        ]
        return (review, links)

    def _settings(self, config: MkDocsConfig) -> object:
        """Everything besides the reviews that changes what the plugin puts into pages."""
        return (__version__, dict(self.config), config.use_directory_urls, config.theme.dirs)

    def _expect(self, src_uri: str, shown: str) -> None:
        """In a dirty build, build `src_uri` again if what the plugin shows on it changed."""
        if self.dirty and self._shown.get(src_uri) != shown:
            self._outdate(src_uri)
        self._shown[src_uri] = shown

    def _outdate(self, src_uri: str) -> None:
        # MkDocs builds a page in a dirty build when its output is older than its source.
        output = self._built.get(src_uri)
        if output is not None and Path(output).is_file():
            os.utime(output, (0, 0))

    def _mark_changed_pages(self, config: MkDocsConfig) -> None:
        """In `mkdocs serve --dirty`, make MkDocs build every page an edit changed."""
        settings = self._current_settings
        for entry in self.collection:
            review = entry.validation.review
            if review is not None:
                self._expect(review.path, fingerprint(settings, self._review_key(review)))
        for src_uri, markers in self._marker_queries.items():
            self._expect(src_uri, fingerprint(settings, self._marker_key(markers)))
        # Pages that are gone or no longer built: remove what the last build wrote for them.
        site_dir = os.path.realpath(config.site_dir)
        for src_uri, output in list(self._built.items()):
            file = self.files_by_uri.get(src_uri)
            if file is None or not self._builds(file):
                if os.path.realpath(output).startswith(site_dir + os.sep):
                    Path(output).unlink(missing_ok=True)
                del self._built[src_uri]

    def _builds(self, file: File) -> bool:
        """Whether `file` is built in this build: drafts only in `mkdocs serve`."""
        return bool(file.inclusion.is_in_serve() if self.serving else file.inclusion.is_included())

    def _marker_key(self, queries: list[ListingQuery]) -> object:
        published = self.collection.published
        return [
            [self._review_key(review) for review in select(query, published)] for query in queries
        ]

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep reviews that are not built out of the nav; show each overview index as one entry."""
        for src_uri in remove_pages(nav, self._not_built):
            log.warning(
                "%s: is named in the navigation but is not published (a draft, or a review "
                "with problems), so it is left out of it",
                src_uri,
            )
        if config.nav is None:
            nav.items = [self._unwrap_index(item) for item in nav.items]
        return nav

    def _not_built(self, src_uri: str) -> bool:
        """Whether the nav names a review or intro page that this build does not build."""
        if src_uri in self._unlisted:
            return True
        file = self.files_by_uri.get(src_uri)
        if file is None or (src_uri not in self.collection and src_uri not in self._hidden_intros):
            return False
        return not self._builds(file)

    def _unwrap_index(self, item: object) -> object:
        if isinstance(item, Section) and len(item.children) == 1:
            (child,) = item.children
            file = getattr(child, "file", None)
            overview = self.pages.get(file.src_uri) if file else None
            if overview is not None and overview.is_index:
                child.parent = item.parent
                return child
        return item

    # First, so that every other plugin sees the review's front matter in `page.meta`.
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give the theme and other plugins the front matter, made safe to print."""
        src_uri = page.file.src_uri
        review = self.collection.review(src_uri)
        if review is not None:
            page.meta = page_meta(self.collection.metadata(src_uri), review)
        elif src_uri in self.pages:
            page.meta = as_markup(page.meta)
        return markdown

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Put the card and the listings into the page, so every later reader sees them."""
        src_uri = page.file.src_uri
        urls = _PageUrls(self.files_by_uri, self.overviews, page.file)
        review = self.collection.review(src_uri)
        if review is not None or src_uri in self.pages:
            self._built[src_uri] = page.file.abs_dest_path
        if review is not None:
            card = self.renderer.card(review, urls) if self.config.card else ""
            html = place_card(html, self.renderer.heading(review.title or page.title or ""), card)
        overview = self.pages.get(src_uri)
        if overview is not None:
            # An intro page's own title wins: its front matter's, else its opening heading's.
            if "title" not in page.meta and leading_h1_end(html) is None:
                page.meta["title"] = Markup.escape(overview.title(self.labels))
            if page.file.generated_by:
                if not self.config.overviews_in_search:
                    # Search should lead to the reviews, not to every listing that repeats them.
                    page.meta.setdefault("search", {"exclude": True})
                # A generated page has no history: say nothing rather than "updated today"
                # (mkdocs-git-revision-date-localized-plugin dates such pages by the build).
                for key in [key for key in page.meta if key.startswith(_GIT_DATE_KEYS)]:
                    del page.meta[key]
            heading = self.renderer.heading(page.title or "")
            html = place_card(html, heading, "") + self._overview_listing(overview, urls)
        if MARKER_START in html:
            html = self._expand_markers(src_uri, html, urls)
        return html

    def _expand_markers(self, src_uri: str, html: str, urls: _PageUrls) -> str:
        queries: list[ListingQuery] = []

        def render(query: ListingQuery, reviews: Sequence[Review]) -> str:
            queries.append(query)
            return self.renderer.listing(reviews, urls)

        html, problems = expand_markers(html, render, self.collection.published)
        for problem in problems:
            log.warning("%s: course-reviews listing: %s", src_uri, problem)
        self._marker_queries[src_uri] = queries
        self._built[src_uri] = self.files_by_uri[src_uri].abs_dest_path
        self._shown[src_uri] = fingerprint(self._current_settings, self._marker_key(queries))
        return html

    def _overview_listing(self, overview: OverviewPage | AllReviewsPage, urls: _PageUrls) -> str:
        if isinstance(overview, AllReviewsPage):
            return self.renderer.all_reviews(overview, urls)
        if overview.is_index:
            entries = [
                IndexEntry(*entry) for entry in self.overviews.index_entries(overview.kind.name)
            ]
            return self.renderer.overview_index(entries, urls)
        return self.renderer.listing(overview.reviews, urls, overview)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Describe each published review to search engines in JSON-LD."""
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
        """Make the published reviews, newest first, available to templates, safe to print."""
        env.globals["course_reviews"] = [
            template_review(review) for review in self.collection.published
        ]
        return env


def _stamp(file: File) -> Stamp | None:
    """The size, time and identity of a review's file, or None if it has no file of its own."""
    if file.abs_src_path is None:
        return None
    try:
        status = Path(file.abs_src_path).stat()
    except (OSError, ValueError):
        return None
    return (file.abs_src_path, status.st_mtime_ns, status.st_size, status.st_ino)


def _asset_path(config: MkDocsConfig, path: str, content: bytes, minify_list: str) -> str:
    """Where an asset (the stylesheet, the script) is served: its path, or a cache-safe one.

    mkdocs-minify-plugin's `cache_safe` hashes the files in its `css_files` and `js_files`
    (`minify_list`) by reading them from `docs_dir`, where our assets never are. Listed there,
    the asset is served under a name with a hash of its content instead, as minify would name
    it, and left out of minify's list.
    """
    minify = config.plugins.get("minify")
    options = getattr(minify, "config", None)
    if not options or not options.get("cache_safe"):
        return path
    listed = options.get(minify_list) or []
    listed = [listed] if isinstance(listed, str) else list(listed)
    if path not in listed:
        return path
    options[minify_list] = [name for name in listed if name != path]
    digest = hashlib.sha384(content).hexdigest()[:6]
    stem, extension = posixpath.splitext(path)
    hashed = f"{stem}.{digest}{extension}"
    log.info("%s is served as %s, cache-safe; minify leaves it as it is", path, hashed)
    return hashed


def _cache_dir(config: MkDocsConfig) -> Path:
    """The plugin's cache folder, beside `mkdocs.yml` and so outside `docs_dir`."""
    base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
    return base / CACHE_FOLDER


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
