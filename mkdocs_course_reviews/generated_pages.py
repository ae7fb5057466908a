"""The pages the plugin adds to a build: overview pages, the page of all reviews, its assets.

Each generated page is a `File` backed by a small source in the plugin's cache folder
(`cache_folder.py`), named in the first `on_files` pass (so plugins between the two passes see
it) and written in the last, once every review is known. A page of the site's own at the same
place is kept: its text is the intro above the listing.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import markdown_extensions

from mkdocs_course_reviews.all_reviews import AllReviewsPage, all_reviews_uri
from mkdocs_course_reviews.cache_folder import CacheError, GeneratedSources, cache_folder
from mkdocs_course_reviews.neighbours import asset_path, has_i18n
from mkdocs_course_reviews.overviews import OverviewPage

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_course_reviews.build import Build
    from mkdocs_course_reviews.config import CourseReviewsConfig
    from mkdocs_course_reviews.dirty import Digests
    from mkdocs_course_reviews.session import Session

log = get_plugin_logger(__name__)

STYLESHEET = "assets/course-reviews/course-reviews.css"
STYLESHEET_SOURCE = Path(__file__).parent / "assets" / "course-reviews.css"
SCRIPT = "assets/course-reviews/course-reviews.js"
SCRIPT_SOURCE = Path(__file__).parent / "assets" / "course-reviews.js"


def link_assets(config: MkDocsConfig, *, script: bool) -> tuple[str, str | None]:
    """Link the stylesheet (and, with `script`, the script of the filter) into every page.

    Returns where each is served (see `neighbours.asset_path`). The stylesheet comes first in
    `extra_css`, so that the site's own overrides it; without the page of all reviews, no
    script at all.
    """
    stylesheet = asset_path(config, STYLESHEET, STYLESHEET_SOURCE, "css_files")
    if stylesheet not in config.extra_css:
        config.extra_css.insert(0, stylesheet)
    if not script:
        return stylesheet, None
    served = asset_path(config, SCRIPT, SCRIPT_SOURCE, "js_files")
    if served not in [str(item) for item in config.extra_javascript]:
        config.extra_javascript.append(served)
    return stylesheet, served


def add_assets(files: Files, config: MkDocsConfig, stylesheet: str, script: str | None) -> None:
    """The stylesheet, and the script of the filter if the site has the page of all reviews.

    Each is backed by the package's own file: plugins that expect every file to have one
    (mkdocs-static-i18n) find it, and a dirty build copies it only when it changed.
    """
    assets = [(stylesheet, STYLESHEET_SOURCE)]
    if script:
        assets.append((script, SCRIPT_SOURCE))
    for path, source in assets:
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, abs_src_path=str(source)))


def pages_to_generate(
    files: Files, options: CourseReviewsConfig, build: Build
) -> dict[str, OverviewPage | AllReviewsPage]:
    """The overview pages, and the page of all reviews if the site wants it."""
    pages: dict[str, OverviewPage | AllReviewsPage] = dict(build.overviews.pages)
    if options.all_reviews_page:
        src_uri = all_reviews_uri(options.reviews_dir, lambda uri: _is_own(files, uri, build))
        pages[src_uri] = AllReviewsPage(src_uri, build.collection.published)
    return pages


def _is_own(files: Files, src_uri: str, build: Build) -> bool:
    """Whether the site has a page of its own at `src_uri`, not one this plugin generated."""
    file = files.get_file_from_path(src_uri)
    ours = build.generated_files.get(src_uri)
    return file is not None and file is not ours and file.is_documentation_page()


def add_pages(  # noqa: PLR0913 - the files, and what decides each page
    files: Files,
    config: MkDocsConfig,
    session: Session,
    build: Build,
    digests: Digests | None,
    *,
    language_folder: str,
    final: bool,
) -> None:
    """Add the generated pages to `files`; in the final pass, write what each shows.

    The first pass only names them: what a page shows is known for sure, and its source
    written, once every review is gathered. With `digests` (`mkdocs serve --dirty`), each
    source holds the digest of what its page shows, so MkDocs builds it again when that
    changes; a page of the site's own in its place gets its digest in `build.base_digests`.
    `language_folder` is where mkdocs-static-i18n puts the language being built ("fr/").
    """
    try:
        sources = _sources(session, config)
        for src_uri in list(build.generated_files):
            if src_uri not in build.pages:  # a group that no longer has a published review
                files.remove(build.generated_files.pop(src_uri))
        for src_uri, overview in build.pages.items():
            # What it shows, for `mkdocs serve --dirty` to tell whether to build it again.
            shows = digests.overview(overview) if final and digests else None
            ours = _ours_in(files, src_uri, build)
            existing = files.get_file_from_path(src_uri)
            if existing is not None and ours is None:
                # A page of the site's own: the intro text above the listing.
                if not overview.is_index and existing.inclusion.is_in_nav():
                    existing.inclusion = InclusionLevel.NOT_IN_NAV
                if shows is not None:
                    build.base_digests[src_uri] = shows
                continue
            source = language_folder + src_uri
            path = sources.write(source, shows) if final else str(sources.path_of(source))
            if ours is None:
                ours = _generated_file(config, src_uri, path, overview, language_folder)
                build.generated_files[src_uri] = ours
                files.append(ours)
        if final and not has_i18n(config):
            # With languages, each language's build keeps its own pages (under "fr/", ...).
            sources.prune(build.generated_files)
    except CacheError as error:
        raise PluginError(str(error)) from None


def _sources(session: Session, config: MkDocsConfig) -> GeneratedSources:
    """The session's sources of generated pages, in this site's cache folder, checked afresh."""
    cache = cache_folder(config.config_file_path)
    sources = session.sources
    if sources is None or sources.root != cache:
        sources = session.sources = GeneratedSources(cache)
    sources.begin()
    return sources


def _generated_file(
    config: MkDocsConfig,
    src_uri: str,
    path: str,
    overview: OverviewPage | AllReviewsPage,
    language_folder: str,
) -> File:
    # Group pages stay out of the sidebar; the index of each kind is the way in.
    inclusion = InclusionLevel.UNDEFINED if overview.is_index else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, src_uri, abs_src_path=path, inclusion=inclusion)
    if language_folder:
        file.dest_uri = language_folder + file.dest_uri
    return file


def _ours_in(files: Files, src_uri: str, build: Build) -> File | None:
    """The page this plugin generated at `src_uri`, if it is still in `files` as ours.

    Another plugin may have taken it out, or put a page of its own there: then it is
    forgotten, to be added afresh (or left to that page).
    """
    ours = build.generated_files.get(src_uri)
    existing = files.get_file_from_path(src_uri)
    if ours is not None and existing is not ours:
        if existing is not None:
            files.remove(ours)
        del build.generated_files[src_uri]
        return None
    return ours


def hide_unused_intro_pages(files: Files, options: CourseReviewsConfig, build: Build) -> None:
    """Intro pages of groups that no published review has are not built, nor in the nav."""
    folders = options.overview_folders()
    build.hidden_intros = set()
    for file in list(files):
        folder, _, name = file.src_uri.rpartition("/")
        stem, extension = posixpath.splitext(name)
        if (
            folder in folders.values()
            and extension in markdown_extensions
            and stem not in {"index", "README"}
            and file.src_uri not in build.pages
            and not file.inclusion.is_excluded()
        ):
            kind = next(kind for kind, where in folders.items() if where == folder)
            log.info(
                "%s: no published review has the %s this page introduces, so it is not built",
                file.src_uri,
                kind,
            )
            file.inclusion = InclusionLevel.EXCLUDED
            build.hidden_intros.add(file.src_uri)
