"""Gathering: which files of a site are reviews, and what MkDocs may build of them.

The decisions take plain values and are shared with other engines: `is_review_path`
(`collection.py`) says which files are reviews, `Entry.visibility` whether one is published, a
draft or withheld, and `inclusion_for` what that means for a page in MkDocs. `gather` applies
them to MkDocs' files: every review read once (and, under `mkdocs serve`, again only when its
file changed), each file's inclusion set, and reviews that are not built taken out of the files.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import markdown_extensions

from mkdocs_course_reviews import dirty, generated_pages, neighbours
from mkdocs_course_reviews.collection import (
    Collection,
    Entry,
    Visibility,
    is_review_file,
    is_review_path,
    reviews_dir_problem,
    site_path,
)
from mkdocs_course_reviews.digest import digest
from mkdocs_course_reviews.folder_defaults import MetaFiles, defaults_for, read_meta_files
from mkdocs_course_reviews.navigation import remove_pages, unwrap_indexes
from mkdocs_course_reviews.overviews import Overviews
from mkdocs_course_reviews.page_content import PageContent
from mkdocs_course_reviews.session import Read, ReadWith, Session, Stamp

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation

    from mkdocs_course_reviews.build import Build
    from mkdocs_course_reviews.config import CourseReviewsConfig

log = get_plugin_logger(__name__)


def read_reviews(
    files: Iterable[tuple[str, Callable[[], str]]],
    options: CourseReviewsConfig,
    defaults_of: Callable[[str], Mapping[str, Any] | None] = lambda _: None,
) -> Collection:
    """The reviews of a site, from plain values: for any engine, without MkDocs' files.

    `files` are each Markdown file's docs-relative path (`reviews/x.md`) with a function that
    reads its text; `defaults_of(path)` gives the front matter its folder gives it (Material's
    `.meta.yml`), if any. Only the files `is_review_path` calls reviews are read; each entry's
    `visibility` says whether it is published, a draft or withheld, and `published` lists the
    published ones, newest first. Problems are in the collection's `problems`, not logged.
    """
    collection = Collection(required=options.required_fields)
    for path, read_text in files:
        if is_review_path(path, options.reviews_dir):
            collection.read(path, read_text, defaults_of(path))
    return collection


def inclusion_for(
    visibility: Visibility, *, reviews_in_nav: bool, draft_on_serve: bool
) -> InclusionLevel:
    """How MkDocs includes a review page of `visibility`, given the plugin's two options.

    Published: built (in the nav only with `reviews_in_nav`). A draft: built by `mkdocs serve`
    only, with MkDocs' DRAFT marker, if `draft_on_serve`. Withheld: never built.
    """
    if visibility is Visibility.PUBLISHED:
        return InclusionLevel.INCLUDED if reviews_in_nav else InclusionLevel.NOT_IN_NAV
    if visibility is Visibility.DRAFT and draft_on_serve:
        return InclusionLevel.DRAFT
    return InclusionLevel.EXCLUDED


def file_stamp(abs_src_path: str | None) -> Stamp | None:
    """The size, times and identity of a review's file, or None if it has no file of its own.

    The change time as well as the modification time: a file rewritten in place with as many
    bytes, its modification time put back (`cp -p`, `rsync -t`, `touch -r`), is read again.
    """
    if abs_src_path is None:
        return None
    try:
        status = os.stat(abs_src_path)  # noqa: PTH116 (once a review a build: no Path)
    except (OSError, ValueError):
        return None
    return (
        abs_src_path,
        status.st_mtime_ns,
        status.st_ctime_ns,
        status.st_size,
        status.st_ino,
    )


def others_between(handlers: Sequence[object], plugin: object) -> bool:
    """Whether another plugin's `on_files` runs between this plugin's two (`handlers` in order)."""
    ours = [i for i, handler in enumerate(handlers) if getattr(handler, "__self__", None) is plugin]
    return ours[-1] - ours[0] != 1 if ours else True


def gather_files(  # noqa: PLR0913, PLR0917 - MkDocs' files, the plugin's state, its neighbours
    files: Files,
    config: MkDocsConfig,
    options: CourseReviewsConfig,
    session: Session,
    build: Build,
    assets: tuple[str, str | None],
    tags_plugins: Sequence[Any],
    *,
    final: bool,
) -> None:
    """One `on_files` pass: gather the reviews, bring the generated pages up to date.

    In the final pass, also report problems and make the build's pages ready. Runs twice (see
    the plugin's `on_files`) when another plugin's `on_files` runs between the two, each time
    on the files as they are then; problems are reported once, the last time.
    `assets` are where the stylesheet and the script (if any) are served.
    """
    build.collection = Collection(required=options.required_fields)
    gather(files, config, options, session, build)
    if final:
        report(build, files, options.reviews_dir)
    generated_pages.add_assets(files, config, *assets)
    published = build.collection.published
    if build.overviews_of is None or not _same_items(published, build.overviews_of):
        # The second pass usually finds the same reviews: their pages are known already.
        build.overviews = Overviews(published, options.overview_folders(), options.per_page)
        build.overviews_of = published
    settings = dirty.settings_of(options, config, tags_plugins, session.renderer_made_of)
    build.digests = dirty.Digests(settings, build.overviews, session)
    build.pages = generated_pages.pages_to_generate(files, options, build)
    if final or not neighbours.adds_pages_late(config):
        generated_pages.add_pages(
            files,
            config,
            session,
            build,
            build.digests if final and session.dirty else None,
            language_folder=neighbours.language_folder(config),
            final=final,
        )
    if final:
        _finish(files, options, session, build, config.site_dir)


def _finish(
    files: Files, options: CourseReviewsConfig, session: Session, build: Build, site_dir: str
) -> None:
    """Once every file is known: the build's last decisions, and the session pruned.

    Under `--dirty`, every page whose digest changed is marked to be built again.
    """
    for kind, name, wanted, given in build.overviews.renames():
        log.info("%s %r gets the page '%s': '%s' is another's", kind, name, given, wanted)
    generated_pages.hide_unused_intro_pages(files, options, build)
    files_by_uri = build.files_by_uri = {file.src_uri: file for file in files}
    gone = session.prune(
        build.collection,
        build.pages,
        files_by_uri,
        lambda src_uri: src_uri in files_by_uri and build.builds(files_by_uri[src_uri]),
    )
    labels = session.renderer.labels
    if session.dirty:
        dirty.rebuild_what_changed(
            session,
            build,
            labels=labels,
            reviews_dir=options.reviews_dir,
            site_dir=site_dir,
            gone=gone,
        )
    kept = session if session.serving else None  # a build keeps no render
    published = build.collection.published
    build.content = PageContent(
        session.renderer, build.overviews, published, session=kept, digests=build.digests
    )


def _same_items(these: Sequence[object], those: Sequence[object]) -> bool:
    """Whether two lists hold the very same objects, in the same order."""
    return len(these) == len(those) and all(a is b for a, b in zip(these, those, strict=True))


def gather(
    files: Files,
    config: MkDocsConfig,
    options: CourseReviewsConfig,
    session: Session,
    build: Build,
) -> None:
    """Read every review among `files` into `build.collection` and decide what MkDocs builds.

    Runs in each `on_files` pass, on the files as they are then; each file's inclusion is
    judged from what other plugins left it, not from this plugin's own earlier decision.
    """
    if build.meta_files is None:
        # Once a build, before Material's `meta` plugin reads them: a refused one is taken out.
        build.meta_files = read_meta_files(
            config.plugins,
            files,
            lambda file: is_review_file(file, options.reviews_dir),
            hide=files.remove,
        )
    meta_files = build.meta_files
    for file in list(files):
        # As the file was before this plugin decided on it (`on_files` runs twice).
        inclusion = build.inclusions.get(file.src_uri, file.inclusion)
        if inclusion.is_excluded() or not is_review_file(file, options.reviews_dir):
            continue
        page = file if file.is_documentation_page() else _as_page(file, files, config)
        if page is None:
            continue
        entry = _entry_of(page, options, session, build, meta_files)
        given = build.inclusions.setdefault(page.src_uri, page.inclusion)
        decided = inclusion_for(
            entry.visibility,
            reviews_in_nav=options.reviews_in_nav,
            draft_on_serve=options.draft_on_serve,
        )
        page.inclusion = min(given, decided, key=lambda level: level.value)
        if not build.builds(page) and config.nav is None:
            # Not built: out of the files, so no plugin lists it (literate-nav's wildcards).
            # An explicit `nav:` keeps it, for the warning `on_nav` gives about it.
            files.remove(page)
            build.unlisted_reviews[page.src_uri] = entry


def _entry_of(
    file: File,
    options: CourseReviewsConfig,
    session: Session,
    build: Build,
    meta_files: MetaFiles,
) -> Entry:
    """The review in `file`, read again only if it changed since it was last read."""
    defaults, extends = defaults_for(meta_files, file.src_path)
    if extends:
        session.meta_files[file.src_uri] = extends
    else:
        session.meta_files.pop(file.src_uri, None)
    read_with: ReadWith = (tuple(options.required_fields), digest(defaults) if defaults else "")
    seen = build.first_reads.get(file.src_uri)
    if seen is not None and seen[0] is file and seen[1] == read_with:
        # Read in this build's first pass: the same file, moments ago.
        return build.collection.adopt(seen[2])
    # Only `mkdocs serve` builds again in the same process: a build keeps nothing.
    stamp = file_stamp(file.abs_src_path) if session.serving else None
    known = session.reads.get(file.src_uri)
    if (
        stamp is not None
        and known is not None
        and (known.stamp, known.read_with)
        == (
            stamp,
            read_with,
        )
    ):
        entry = build.collection.adopt(known.entry)
    else:
        entry = build.collection.read_file(file, defaults)
        if stamp is not None:
            session.reads[file.src_uri] = Read(stamp, read_with, entry)
    if build.early:
        build.first_reads[file.src_uri] = (file, read_with, entry)
    return entry


class _MarkdownPage(File):
    """A Markdown file that MkDocs would not read as a page by its extension's letter case."""

    def is_documentation_page(self) -> bool:
        return True

    def is_static_page(self) -> bool:
        return False


def _as_page(file: File, files: Files, config: MkDocsConfig) -> File | None:
    """A review whose extension MkDocs does not read in this letter case (`x.MD`).

    MkDocs would copy it to the site as it is, draft or not; it is built as a page instead,
    under its own name, unless a page of the same name (`x.md`) is there too.
    """
    stem = posixpath.splitext(file.src_uri)[0]
    files.remove(file)
    twin = next(
        (other for ext in markdown_extensions if (other := files.get_file_from_path(stem + ext))),
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


def report(build: Build, files: Files, reviews_dir: str) -> None:
    """Say every problem once, when every review of the build is known."""
    for entry in build.unlisted_reviews.values():
        build.collection.adopt(entry)
    for problem in build.collection.problems:
        log.warning(str(problem))
    paths = [
        *(site_path(file) for file in files if file.src_uri not in build.generated_files),
        *build.unlisted_reviews,
    ]
    missing = reviews_dir_problem(paths, reviews_dir)
    if missing is not None:
        log.warning(str(missing))


def check_templates(build: Build, env: Environment) -> None:
    """A review's `template:` that the theme does not have is a warning, not a traceback."""
    for entry in build.collection:
        file = build.files_by_uri.get(entry.source.path)
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


def tidy_nav(nav: Navigation, config: MkDocsConfig, build: Build) -> Navigation:
    """The nav without the reviews that are not built; each overview index one entry.

    Entries another plugin made (mkdocs-monorepo-plugin's) follow the plugin's own rules
    silently; only an entry the user wrote gets a warning.
    """
    made = neighbours.folders_monorepo_lists(config)
    if made:
        remove_pages(nav, lambda uri: uri.startswith(made) and build.kept_out_of_nav(uri))
    for src_uri in remove_pages(nav, build.not_built):
        log.warning(
            "%s: is named in the navigation but is not published (a draft, or a review "
            "with problems), so it is left out of it",
            src_uri,
        )
    if config.nav is None:
        nav.items[:] = unwrap_indexes(nav.items, build.pages)
    return nav
