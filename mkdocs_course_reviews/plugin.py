"""The MkDocs hooks: each one hands MkDocs' objects to the plain code that does the work."""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.utils import markdown_extensions

from mkdocs_course_reviews import __version__
from mkdocs_course_reviews.all_reviews import AllReviewsPage, all_reviews_uri
from mkdocs_course_reviews.collection import (
    Collection,
    Entry,
    Visibility,
    is_review_file,
    reviews_dir_problem,
    site_path,
)
from mkdocs_course_reviews.config import CourseReviewsConfig
from mkdocs_course_reviews.folder_defaults import defaults_for, read_meta_files
from mkdocs_course_reviews.generated import (
    CACHE_FOLDER,
    CacheError,
    GeneratedSources,
    fingerprint,
)
from mkdocs_course_reviews.language import choose_language
from mkdocs_course_reviews.listings import MARKER_START, ListingQuery, expand_markers, select
from mkdocs_course_reviews.markup import Markup, TemplateReviews, as_markup, make_safe, page_meta
from mkdocs_course_reviews.material_tags import escaped, tag_urls, tags_plugins, theme_shows_tags
from mkdocs_course_reviews.navigation import remove_pages
from mkdocs_course_reviews.overviews import KINDS, OverviewPage, Overviews
from mkdocs_course_reviews.rendering import (
    TEMPLATE_FOLDER,
    Here,
    IndexEntry,
    Renderer,
    insert_into_head,
    leading_h1_end,
    place_card,
)
from mkdocs_course_reviews.schema import Review
from mkdocs_course_reviews.sharing import has_open_graph, sharing, social_cards_on, summary
from mkdocs_course_reviews.stats import stats_of
from mkdocs_course_reviews.structured_data import review_structured_data

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

PLUGIN_NAME = "course-reviews"
STYLESHEET = "assets/course-reviews/course-reviews.css"
_STYLESHEET = Path(__file__).parent / "assets" / "course-reviews.css"
SCRIPT = "assets/course-reviews/course-reviews.js"
_SCRIPT = Path(__file__).parent / "assets" / "course-reviews.js"
_GIT_DATE_KEYS = ("git_revision_date_localized", "git_creation_date_localized")
# A file's identity for the review cache: when any of these change, the file is read again.
Stamp = tuple[str, int, int, int, int]
# What else a review is read with: the required fields, and a digest of its folder's defaults.
ReadKey = tuple[tuple[str, ...], str]


class CourseReviewsPlugin(BasePlugin[CourseReviewsConfig]):
    """Gathers course reviews, validates them, shows them, and lists them by category."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.collection = Collection()
        self.overviews = Overviews((), {}, 1)
        self.pages: dict[str, OverviewPage | AllReviewsPage] = {}
        """Every page the plugin generates (or fills in, below a page of the site's own)."""
        self.renderer = Renderer()
        self._renderer_key: object = None
        self._all_reviews_items: dict[str, tuple[object, Markup]] = {}
        """Each review's item on the page of all reviews, kept between serve rebuilds."""
        self.labels: dict[str, str] = {}
        self.files_by_uri: dict[str, File] = {}
        self.tags_plugins: list[Any] = []
        """Material's tags plugin, each enabled instance of it."""
        self.stylesheet = STYLESHEET
        self.script: str | None = None
        self.serving = False
        self.dirty = False
        self._forget()

    def _forget(self) -> None:
        """Start afresh: nothing known of earlier builds."""
        # Kept between the builds of one `mkdocs serve`, so an edit costs only what it changed.
        self._read: dict[str, tuple[Stamp, ReadKey, Entry]] = {}
        self._extends: dict[str, list[str]] = {}
        """The meta files (Material's `.meta.yml`) merged into each review's front matter."""
        self._shown: dict[str, str] = {}
        """A fingerprint of what the plugin put into each page in the last build."""
        self._expected: set[str] = set()
        """The pages `_expect` was told of in this build."""
        self._known_keys: dict[str, tuple[Review, list[str | None], str]] = {}
        """Each review's key (see `_review_key`) as last made, with what it was made of."""
        self._marker_queries: dict[str, list[ListingQuery]] = {}
        self._hidden_intros: set[str] = set()
        self._settings_key = ""
        """A digest of `_settings`, the same when nothing besides the reviews changed."""
        self._built: dict[str, str] = {}
        """The output file of each page the plugin generated or gathered, by source."""
        self._generated: dict[str, File] = {}
        """The overview pages the plugin added to this build's files."""
        self._unlisted: dict[str, Entry] = {}
        """Reviews taken out of this build's files, as they are not built."""
        self._all_reviews_items = {}
        self._cards: dict[str, tuple[object, str]] = {}
        """Each review's card as last rendered, kept between serve rebuilds."""
        self._listings: dict[str, tuple[object, str]] = {}
        """Each overview page's listing as last rendered, kept between serve rebuilds."""
        self._inclusions: dict[str, InclusionLevel] = {}
        """Each review's inclusion as other plugins left it, before this plugin's decision."""
        self._gathered: dict[str, tuple[File, ReadKey, Entry]] = {}
        """Each review file read in this build's first pass, and what was read of it."""
        self._early = True
        """Whether this build gathers twice: another plugin's `on_files` runs in between."""
        self._sources: GeneratedSources | None = None
        """The sources of the generated pages, kept between rebuilds."""
        self._overviews_of: list[Review] | None = None
        """The published reviews `self.overviews` was made of."""
        self._unlinked_tags: dict[str, tuple[Page, str]] = {}
        """Cards whose tags get their links once every page is read: the page, the card."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note the command; defining this hook keeps the plugin, and its cache, across rebuilds."""
        self.serving = command == "serve"
        self.dirty = dirty
        # MkDocs keeps one instance per process: a new command may be another site.
        self._forget()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Set up the stylesheet and the script; find Material's tags plugin, for the card."""
        self.tags_plugins = tags_plugins(config)
        self.stylesheet = _asset_path(config, STYLESHEET, _STYLESHEET, "css_files")
        _check_order(list(config.plugins))
        if self.stylesheet not in config.extra_css:
            # First, so that the site's own extra_css overrides it.
            config.extra_css.insert(0, self.stylesheet)
        # The filter of the page of all reviews; without that page, no script at all.
        self.script = None
        if self.config.all_reviews_page:
            self.script = _asset_path(config, SCRIPT, _SCRIPT, "js_files")
            if self.script not in [str(script) for script in config.extra_javascript]:
                config.extra_javascript.append(self.script)
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
        # The same templates and words as the last build (`mkdocs serve`): keep their compiled
        # templates, unless a template of the site's own changed.
        key = (fingerprint(choice.language), _templates_key(config.theme.dirs))
        if key != self._renderer_key:
            self.renderer = Renderer(config.theme.dirs, choice.language)
            self._renderer_key = key
        self.renderer.listed_categories = self.config.listed_categories
        self.labels = self.renderer.labels

    # Early, so that plugins looking for pages in their own `on_files` (redirects) find ours.
    @event_priority(50)
    def _gather_early(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._early = _others_between(config.plugins.events["files"], self)
        if self._early:
            self._update(files, config, first=True, final=False)
        return files

    # Last, so that pages other plugins add or remove in their `on_files` are gathered as they are.
    @event_priority(-100)
    def _gather_late(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._update(files, config, first=not self._early, final=True)
        return files

    on_files = CombinedEvent(_gather_early, _gather_late)
    """Read every review once, decide what is published, and add the overview pages."""

    def _update(self, files: Files, config: MkDocsConfig, *, first: bool, final: bool) -> None:
        """Gather the reviews among `files` and bring the generated pages up to date.

        Runs twice (see `on_files`) when another plugin's `on_files` runs between the two, each
        time on the files as they are then; problems are reported once, the last time.
        """
        if first:
            self._expected = set()
            self._generated = {}
            self._unlisted = {}
            self._inclusions = {}
            self._unlinked_tags = {}
            self._gathered = {}
            self._overviews_of = None
            self._meta_files = read_meta_files(
                config.plugins,
                files,
                lambda f: is_review_file(f, self.config.reviews_dir),
                hide=files.remove,
            )
        self.collection = Collection(required=self.config.required_fields)
        self._settings_key = fingerprint(self._settings(config))
        self._review_keys: dict[str, str] = {}
        self._gather_all(files, config)
        if final:
            self._report(files)
        self._add_assets(files, config)
        published = self.collection.published
        if self._overviews_of is None or not _same_items(published, self._overviews_of):
            # The second pass usually finds the same reviews: their pages are known already.
            self.overviews = Overviews(
                published, self.config.overview_folders(), self.config.per_page
            )
            self._overviews_of = published
        self.pages = self._pages_to_generate(files)
        # mkdocs-static-i18n drops (with a warning) pages that are not in docs_dir: with it, the
        # overview pages are added after it has sorted the files of the language being built.
        if final or "i18n" not in config.plugins:
            self._add_overview_pages(files, config, final=final)
        if final:
            for kind, name, wanted, given in self.overviews.renames():
                log.info("%s %r gets the page '%s': '%s' is another's", kind, name, given, wanted)
            self._hide_unused_intro_pages(files)
            self.files_by_uri = {file.src_uri: file for file in files}
            if self.dirty:
                self._mark_changed_pages(config)

    def _report(self, files: Files) -> None:
        """Say every problem once, when every review of the build is known."""
        for entry in self._unlisted.values():
            self.collection.adopt(entry)
        for problem in self.collection.problems:
            log.warning(str(problem))
        paths = [
            *(site_path(file) for file in files if file.src_uri not in self._generated),
            *self._unlisted,
        ]
        missing = reviews_dir_problem(paths, self.config.reviews_dir)
        if missing is not None:
            log.warning(str(missing))
        self._read = {path: self._read[path] for path in self._read if path in self.collection}
        # What was kept of reviews that are gone.
        for kept in (self._known_keys, self._cards, self._all_reviews_items):
            for path in [path for path in kept if path not in self.collection]:
                del kept[path]

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The stylesheet, and the script of the filter if the site has the page of all reviews.

        Each is backed by the package's own file: plugins that expect every file to have one
        (mkdocs-static-i18n) find it, and a dirty build copies it only when it changed.
        """
        assets = [(self.stylesheet, _STYLESHEET)]
        if self.script:
            assets.append((self.script, _SCRIPT))
        for path, source in assets:
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, abs_src_path=str(source)))

    def _pages_to_generate(self, files: Files) -> dict[str, OverviewPage | AllReviewsPage]:
        """The overview pages, and the page of all reviews if the site wants it."""
        pages: dict[str, OverviewPage | AllReviewsPage] = dict(self.overviews.pages)
        if self.config.all_reviews_page:
            src_uri = all_reviews_uri(self.config.reviews_dir, lambda uri: self._is_own(files, uri))
            pages[src_uri] = AllReviewsPage(src_uri, self.collection.published)
        return pages

    def _gather_all(self, files: Files, config: MkDocsConfig) -> None:
        meta_files = self._meta_files
        for file in list(files):
            # As the file was before this plugin decided on it (`on_files` runs twice).
            inclusion = self._inclusions.get(file.src_uri, file.inclusion)
            if inclusion.is_excluded() or not is_review_file(file, self.config.reviews_dir):
                continue
            page = file if file.is_documentation_page() else self._as_page(file, files, config)
            if page is not None:
                self._gather(page, files, config, meta_files)

    def _as_page(self, file: File, files: Files, config: MkDocsConfig) -> File | None:
        """A review whose extension MkDocs does not read in this letter case (`x.MD`).

        MkDocs would copy it to the site as it is, draft or not; it is built as a page instead,
        under its own name, unless a page of the same name (`x.md`) is there too.
        """
        stem = posixpath.splitext(file.src_uri)[0]
        files.remove(file)
        twin = next(
            (
                other
                for ext in markdown_extensions
                if (other := files.get_file_from_path(stem + ext))
            ),
            None,
        )
        if twin is not None:
            log.warning(
                "%s: is not built, because %s is built at the same address; rename one of them",
                file.src_uri,
                twin.src_uri,
            )
            return None
        if file.abs_src_path is not None:
            page = _MarkdownPage.generated(config, file.src_uri, abs_src_path=file.abs_src_path)
        else:
            page = _MarkdownPage.generated(config, file.src_uri, content=file.content_bytes)
        page.generated_by = file.generated_by
        files.append(page)
        return page

    def _gather(
        self, file: File, files: Files, config: MkDocsConfig, meta_files: Mapping[str, Any]
    ) -> None:
        entry = self._entry_of(file, meta_files)
        given = self._inclusions.setdefault(file.src_uri, file.inclusion)
        file.inclusion = min(given, self._inclusion(entry), key=lambda level: level.value)
        if not self._builds(file) and config.nav is None:
            # Not built: out of the files, so no plugin lists it (literate-nav's wildcards).
            # An explicit `nav:` keeps it, for the warning `on_nav` gives about it.
            files.remove(file)
            self._unlisted[file.src_uri] = entry

    def _entry_of(self, file: File, meta_files: Mapping[str, Any]) -> Entry:
        """The review in `file`, read again only if it changed since it was last read."""
        defaults, extends = defaults_for(meta_files, file.src_path)
        if extends:
            self._extends[file.src_uri] = extends
        else:
            self._extends.pop(file.src_uri, None)
        key = (tuple(self.config.required_fields), fingerprint(defaults) if defaults else "")
        seen = self._gathered.get(file.src_uri)
        if seen is not None and seen[0] is file and seen[1] == key:
            # Read in this build's first pass: the same file, moments ago.
            return self.collection.adopt(seen[2])
        # Only `mkdocs serve` builds again in the same process: a build keeps nothing.
        stamp = _stamp(file) if self.serving else None
        cached = self._read.get(file.src_uri)
        if stamp is not None and cached is not None and cached[:2] == (stamp, key):
            entry = self.collection.adopt(cached[2])
        else:
            entry = self.collection.read_file(file, defaults)
            if stamp is not None:
                self._read[file.src_uri] = (stamp, key, entry)
        if self._early:
            self._gathered[file.src_uri] = (file, key, entry)
        return entry

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

    def _add_overview_pages(self, files: Files, config: MkDocsConfig, *, final: bool) -> None:
        try:
            self._write_overview_pages(files, config, final=final)
        except CacheError as error:
            raise PluginError(str(error)) from None

    def _write_overview_pages(self, files: Files, config: MkDocsConfig, *, final: bool) -> None:
        """Add the generated pages to `files`; in the final pass, write what each shows.

        The first pass only names them (so plugins between the two passes see them): what a
        page shows is known for sure, and its source written, once every review is gathered.
        """
        cache = _cache_dir(config)
        sources = self._sources
        if sources is None or sources.root != cache:
            sources = GeneratedSources(cache, within=cache.parents[len(CACHE_FOLDER.parts) - 1])
            self._sources = sources
        sources.begin()
        prefix = _language_folder(config)
        self._drop_obsolete_pages(files)
        for src_uri, overview in self.pages.items():
            # Group pages stay out of the sidebar; the index of each kind is the way in.
            inclusion = InclusionLevel.UNDEFINED if overview.is_index else InclusionLevel.NOT_IN_NAV
            # What it shows, for `mkdocs serve --dirty` to tell whether to build it again.
            shown = (
                fingerprint(self._settings_key, self._listing_key(overview))
                if final and self.dirty
                else None
            )
            ours = self._ours_in(files, src_uri)
            existing = files.get_file_from_path(src_uri)
            if existing is not None and ours is None:
                # A page of the site's own: the intro text above the listing.
                if not overview.is_index and existing.inclusion.is_in_nav():
                    existing.inclusion = InclusionLevel.NOT_IN_NAV
                if final:
                    self._expect(src_uri, shown or "")
                continue
            if final:
                path = sources.write(prefix + src_uri, shown)
            else:
                path = str(sources.path_of(prefix + src_uri))
            if ours is None:
                ours = File.generated(config, src_uri, abs_src_path=path, inclusion=inclusion)
                if prefix:
                    ours.dest_uri = prefix + ours.dest_uri
                self._generated[src_uri] = ours
                files.append(ours)
        if final and "i18n" not in config.plugins:
            # With languages, each language's build keeps its own pages (under "fr/", ...).
            sources.prune(self._generated)

    def _ours_in(self, files: Files, src_uri: str) -> File | None:
        """The page this plugin generated at `src_uri`, if it is still in `files` as ours.

        Another plugin may have taken it out, or put a page of its own there: then it is
        forgotten, to be added afresh (or left to that page).
        """
        ours = self._generated.get(src_uri)
        existing = files.get_file_from_path(src_uri)
        if ours is not None and existing is not ours:
            if existing is not None:
                files.remove(ours)
            del self._generated[src_uri]
            return None
        return ours

    def _drop_obsolete_pages(self, files: Files) -> None:
        """Take out the generated pages of groups that no longer have a published review."""
        for src_uri in list(self._generated):
            if src_uri not in self.pages:
                files.remove(self._generated.pop(src_uri))
        for src_uri in [src_uri for src_uri in self._listings if src_uri not in self.pages]:
            del self._listings[src_uri]

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
            overview.title(self.labels),  # the group's name as most of its reviews spell it
            overview.number,
            overview.count,
            [self._review_key(review) for review in overview.reviews],
        )

    def _review_key(self, review: Review) -> object:
        """What a listing or card shows of a review: the review and the pages it links to.

        A short digest, made once a build for each review (it is in several listings).
        """
        key = self._review_keys.get(review.path)
        if key is None:
            links = [
                self.overviews.page_for(kind.name, name)
                for kind in KINDS.values()
                for name in kind.names_of(review)
            ]
            known = self._known_keys.get(review.path)
            if known is not None and known[0] is review and known[1] == links:
                key = known[2]  # the same review, read in an earlier build, linking the same
            else:
                key = fingerprint(review, links)
                self._known_keys[review.path] = (review, links, key)
            self._review_keys[review.path] = key
        return key

    def _settings(self, config: MkDocsConfig) -> object:
        """Everything besides the reviews that changes what the plugin puts into pages."""
        tags = [
            (plugin.config.get("tags"), plugin.config.get("listings"))
            for plugin in self.tags_plugins
        ]
        return (
            __version__,
            dict(self.config),
            # What the pages say of the site: the card's JSON-LD author, the shared page's
            # site name and address, the titles `nav:` gives the overview pages.
            config.site_author,
            config.site_name,
            config.site_url,
            config.nav,
            config.use_directory_urls,
            config.theme.dirs,
            config.theme.name,
            tags,
            self._renderer_key,  # the site's language, and its own copies of our templates
        )

    def _expect(self, src_uri: str, shown: str) -> None:
        """In a dirty build, build `src_uri` again if what the plugin shows on it changed."""
        if self.dirty and self._shown.get(src_uri) != shown:
            self._outdate(src_uri)
        self._shown[src_uri] = shown
        self._expected.add(src_uri)

    def _outdate(self, src_uri: str) -> None:
        # MkDocs builds a page in a dirty build when its output is older than its source.
        output = self._built.get(src_uri)
        if output is not None and Path(output).is_file():
            os.utime(output, (0, 0))

    def _mark_changed_pages(self, config: MkDocsConfig) -> None:
        """In `mkdocs serve --dirty`, make MkDocs build every page an edit changed."""
        for entry in self.collection:
            review = entry.validation.review
            if review is not None:
                shown = (self._review_key(review), self._way_back(review.path))
                self._expect(review.path, fingerprint(self._settings_key, shown))
        for src_uri, markers in self._marker_queries.items():
            self._expect(src_uri, fingerprint(self._settings_key, self._marker_key(markers)))
        # Pages the plugin filled in last time and no longer does (an option changed): built
        # again, without what it put there.
        for src_uri in [src_uri for src_uri in self._shown if src_uri not in self._expected]:
            self._outdate(src_uri)
            del self._shown[src_uri]
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
            stats_of(published)
            if query.stats
            else [self._review_key(review) for review in select(query, published)]
            for query in queries
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
            if self._extends.get(src_uri):
                # Merged, validated and escaped already: Material's `meta` must not merge the
                # raw files again (it skips what `__extends` lists, as for blog posts).
                page.meta["__extends"] = list(self._extends[src_uri])
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
            if "title" in page.meta:
                # The title as validated and escaped: a plugin may have re-rendered it
                # (mkdocs-macros runs `{{ ... }}` in titles as Jinja: front matter is not code).
                page.title = page.meta["title"]
            card = self._card(review, page, config, urls) if self.config.card else ""
            heading = self.renderer.heading(review.title or page.title or "")
            html = place_card(html, heading, card, self._way_back_html(src_uri, urls))
        overview = self.pages.get(src_uri)
        if overview is not None:
            # An intro page's own title wins: its front matter's, else its opening heading's.
            if "title" not in page.meta and leading_h1_end(html) is None:
                page.meta["title"] = Markup.escape(overview.title(self.labels))
            if not self.config.overviews_in_search:
                # Search should lead to the reviews, not to every listing that repeats them.
                page.meta.setdefault("search", {"exclude": True})
            if page.file.generated_by:
                # A generated page has no history: say nothing rather than "updated today"
                # (mkdocs-git-revision-date-localized-plugin dates such pages by the build).
                for key in [key for key in page.meta if key.startswith(_GIT_DATE_KEYS)]:
                    del page.meta[key]
            heading = self.renderer.heading(page.title or "")
            way_back = self._way_back_html(src_uri, urls)
            html = place_card(html, heading, "", way_back) + self._overview_listing(
                src_uri, overview, urls
            )
        if MARKER_START in html:
            html = self._expand_markers(src_uri, html, urls)
        return html

    def _card(self, review: Review, page: Page, config: MkDocsConfig, urls: _PageUrls) -> str:
        # Material's theme shows the page's tags above its title: not twice.
        tags = not theme_shows_tags(config, self.tags_plugins, page.file)
        if self.serving:  # a plain rebuild renders again only the cards that changed
            key = (self._settings_key, self._review_key(review))
            card = self.renderer.card(review, urls, tags=tags, key=key, rendered=self._cards)
        else:
            card = self.renderer.card(review, urls, tags=tags)
        if tags and review.tags and self.tags_plugins:
            # Where each tag is listed is known once every page is read: see `on_env`.
            self._unlinked_tags[review.path] = (page, card)
        return card

    def _link_tags(self) -> None:
        """Give the tags on the cards the links of Material's tags plugin to their listings."""
        for src_uri, (page, card) in self._unlinked_tags.items():
            review = self.collection.review(src_uri)
            links = tag_urls(self.tags_plugins, page)
            if review is None or not links or page.content is None:
                continue
            urls = _PageUrls(self.files_by_uri, self.overviews, page.file, links)
            linked = self.renderer.card(review, urls)
            page.content = page.content.replace(card, linked, 1)
        self._unlinked_tags = {}

    def _way_back(self, src_uri: str) -> tuple[str, str] | None:
        """Where a review or a group's page belongs: (the link's text, its source)."""
        all_reviews = f"{self.config.reviews_dir}/index.md"
        file = self.files_by_uri.get(all_reviews)
        built = file is not None and self._builds(file)
        review = self.collection.review(src_uri)
        return self.overviews.way_back(src_uri, review, self.labels, all_reviews if built else None)

    def _way_back_html(self, src_uri: str, urls: _PageUrls) -> str:
        way_back = self._way_back(src_uri)
        return self.renderer.way_back(way_back[0], urls.to(way_back[1])) if way_back else ""

    def _expand_markers(self, src_uri: str, html: str, urls: _PageUrls) -> str:
        queries: list[ListingQuery] = []

        def render(query: ListingQuery, reviews: Sequence[Review]) -> str:
            queries.append(query)
            if query.stats:
                return self.renderer.stats(stats_of(reviews))
            return self.renderer.listing(reviews, urls)

        html, problems = expand_markers(html, render, self.collection.published)
        for problem in problems:
            log.warning("%s: course-reviews listing: %s", src_uri, problem)
        self._marker_queries[src_uri] = queries
        self._built[src_uri] = self.files_by_uri[src_uri].abs_dest_path
        if self.dirty:
            self._shown[src_uri] = fingerprint(self._settings_key, self._marker_key(queries))
        return html

    def _overview_listing(
        self, src_uri: str, overview: OverviewPage | AllReviewsPage, urls: _PageUrls
    ) -> str:
        if isinstance(overview, AllReviewsPage):
            if not self.serving:  # a build renders each item once and keeps none
                return self.renderer.all_reviews(overview, urls, lambda _: "", {})
            # The settings' digest covers the language and the templates (`_renderer_key`).
            return self.renderer.all_reviews(
                overview,
                urls,
                lambda review: fingerprint(self._review_key(review), self._settings_key),
                self._all_reviews_items,
            )
        if overview.is_index:
            entries = [
                IndexEntry(*entry) for entry in self.overviews.index_entries(overview.kind.name)
            ]
            return self.renderer.overview_index(entries, urls, overview.kind.name)
        here = Here(overview.kind.name, overview.group.name) if overview.group else None
        if not self.serving:
            return self.renderer.listing(overview.reviews, urls, overview, here)
        # A plain rebuild renders again only the listings that changed.
        return self.renderer.listing(
            overview.reviews,
            urls,
            overview,
            here,
            key=(self._settings_key, self._listing_key(overview)),
            rendered=self._listings,
            name=src_uri,
        )

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Describe each published review to search engines and to sites its link is shared on."""
        entry = self.collection.entry(page.file.src_uri)
        review = entry.validation.review if entry else None
        if review is None or entry is None or entry.visibility is not Visibility.PUBLISHED:
            return output
        if self.config.structured_data:
            data = review_structured_data(
                review,
                author=self.config.author or config.site_author,
                page_url=page.canonical_url,
            )
            output = insert_into_head(output, self.renderer.structured_data(data))
        src_uri = page.file.src_uri
        if (
            self.config.sharing
            and not social_cards_on(config.plugins, src_uri, page.meta, site_url=config.site_url)
            and not has_open_graph(output)
        ):
            date = self.renderer.language.date(review.date) if review.date else ""
            share = sharing(
                review,
                summary=summary(review, date),
                url=page.canonical_url,
                site_name=config.site_name,
            )
            output = insert_into_head(output, self.renderer.sharing(share))
        return output

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Make the published reviews, newest first, available to templates, safe to print.

        Every page is read by now, so the tags on the cards can link to their listings.
        """
        self._link_tags()
        self._check_templates(env)
        make_safe(env)
        env.globals["course_reviews"] = TemplateReviews(self.collection.published)
        return env

    def _check_templates(self, env: Environment) -> None:
        """A review's `template:` that the theme does not have is a warning, not a traceback."""
        for entry in self.collection:
            file = self.files_by_uri.get(entry.source.path)
            page = file.page if file else None
            name = page.meta.get("template") if page and page.meta else None
            if page is None or name is None:
                continue
            try:
                env.get_template(str(name))
            except TemplateError:
                log.warning(
                    "%s: template %r is not a template of the theme; the page uses the "
                    "theme's own (remove the field, or add the template to your custom_dir)",
                    entry.source.path,
                    str(name),
                )
                del page.meta["template"]

    # Before MkDocs' search writes its index (`on_post_build`).
    @event_priority(10)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """MkDocs' own search shows titles as text: give it theirs unescaped.

        Material's search shows them as HTML, so it keeps them escaped. Then forget the build's
        pages.
        """
        search = config.plugins.get("search")
        if type(search).__module__.startswith("mkdocs.contrib.search"):
            entries = getattr(getattr(search, "search_index", None), "_entries", [])
            for item in entries:
                if isinstance(item.get("title"), Markup):
                    item["title"] = item["title"].unescape()
        # Let go of this build's files, and through them its pages: `mkdocs serve` keeps the
        # plugin, and would otherwise keep the whole site in memory until the next rebuild.
        self.files_by_uri = {}
        self._generated = {}
        self._unlinked_tags = {}
        self.tags_plugins = []


def _others_between(handlers: Sequence[object], plugin: object) -> bool:
    """Whether another plugin's `on_files` runs between this plugin's two (`handlers` in order)."""
    ours = [i for i, handler in enumerate(handlers) if getattr(handler, "__self__", None) is plugin]
    return ours[-1] - ours[0] != 1 if ours else True


def _same_items(these: Sequence[object], those: Sequence[object]) -> bool:
    """Whether two lists hold the very same objects, in the same order."""
    return len(these) == len(those) and all(a is b for a, b in zip(these, those, strict=True))


def _templates_key(dirs: list[str]) -> object:
    """The theme's folders, and when each of their copies of this plugin's templates changed."""
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


def _stamp(file: File) -> Stamp | None:
    """The size, times and identity of a review's file, or None if it has no file of its own.

    The change time as well as the modification time: a file rewritten in place with as many
    bytes, its modification time put back (`cp -p`, `rsync -t`, `touch -r`), is read again.
    """
    if file.abs_src_path is None:
        return None
    try:
        status = os.stat(file.abs_src_path)  # noqa: PTH116 (once a review a build: no Path)
    except (OSError, ValueError):
        return None
    return (
        file.abs_src_path,
        status.st_mtime_ns,
        status.st_ctime_ns,
        status.st_size,
        status.st_ino,
    )


# Plugins whose `on_files` shares this plugin's last priority (-100), so `plugins:` order counts:
# mkdocs-static-i18n must sort a language's files first; literate-nav must see the final files.
_BEFORE = ("i18n",)
_AFTER = ("literate-nav",)


def _check_order(names: list[str]) -> None:
    """Say how to re-order `plugins:` when a neighbour is on the wrong side.

    mkdocs-static-i18n after this plugin would hide the reviews of its folder layout from it,
    drafts included, so the build stops; literate-nav before it is only a warning.
    """
    ours = names.index(PLUGIN_NAME) if PLUGIN_NAME in names else 0
    for position, name in enumerate(names):
        base = name.split(" #")[0]
        message = "re-order `plugins` in mkdocs.yml so that '{}' appears {} '{}'"
        if base in _BEFORE and position > ours:
            raise PluginError(message.format(base, "before", PLUGIN_NAME))
        if base in _AFTER and position < ours:
            log.warning(message.format(base, "after", PLUGIN_NAME))


def _asset_path(config: MkDocsConfig, path: str, source: Path, minify_list: str) -> str:
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
    digest = hashlib.sha384(source.read_bytes()).hexdigest()[:6]
    stem, extension = posixpath.splitext(path)
    hashed = f"{stem}.{digest}{extension}"
    log.info("%s is served as %s, cache-safe; minify leaves it as it is", path, hashed)
    return hashed


def _language_folder(config: MkDocsConfig) -> str:
    """Where mkdocs-static-i18n puts the language being built: "" or "fr/"."""
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "is_default_language_build", True):
        return ""
    return f"{i18n.current_language}/"


def _cache_dir(config: MkDocsConfig) -> Path:
    """The plugin's cache folder, beside `mkdocs.yml` and so outside `docs_dir`."""
    base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
    return base / CACHE_FOLDER


class _MarkdownPage(File):
    """A Markdown file that MkDocs would not read as a page by its extension's letter case."""

    def is_documentation_page(self) -> bool:
        return True

    def is_static_page(self) -> bool:
        return False


class _PageUrls:
    """URLs relative to one page, for templates: MkDocs knows where each file is built."""

    def __init__(
        self,
        files: dict[str, File],
        overviews: Overviews,
        page_file: File,
        tags: dict[str, str] | None = None,
    ) -> None:
        self._files = files
        self._overviews = overviews
        self._page_file = page_file
        self._tags = tags or {}
        self._urls: dict[str, str] = {}

    def to(self, src_uri: str) -> str:
        url = self._urls.get(src_uri)
        if url is None:
            # A listing links to the same institutions and years again and again.
            target = self._files.get(src_uri)
            url = self._urls[src_uri] = target.url_relative_to(self._page_file) if target else ""
        return url

    def overview(self, kind: str, name: str) -> str | None:
        src_uri = self._overviews.page_for(kind, name)
        return self.to(src_uri) if src_uri else None

    def tag(self, name: str) -> str | None:
        return self._tags.get(escaped(name))
