"""What one `mkdocs` command keeps between its builds, so that an edit costs only what it changed.

`mkdocs serve` keeps the plugin between rebuilds; a `Session` is made in `on_startup` (a new
command may be another site) and holds every cache the builds of that command share. `prune`,
once a build, forgets all it holds of reviews and pages that are gone; what it holds of a page
that is still there changes only when the page is read or built again. A `mkdocs build` has
one too, for its one build: it reads no file stamp and keeps no render.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from mkdocs_course_reviews.digest import digest
from mkdocs_course_reviews.rendering import Renderer, templates_stamp

if TYPE_CHECKING:
    from mkdocs_course_reviews.cache_folder import GeneratedSources
    from mkdocs_course_reviews.collection import Entry
    from mkdocs_course_reviews.language import SiteLanguage
    from mkdocs_course_reviews.listings import ListingQuery
    from mkdocs_course_reviews.schema import Review

Stamp = tuple[str, int, int, int, int]
"""A file's path, modification and change times, size and inode: when any changes, it is read
again."""
ReadWith = tuple[tuple[str, ...], str]
"""What else a review is read with: the required fields, and a digest of its folder's defaults."""


@dataclass
class Read:
    """A review as last read from its file."""

    stamp: Stamp
    read_with: ReadWith
    entry: Entry


@dataclass
class ReviewDigest:
    """The digest of what a card or listing shows of a review, with what it was made of."""

    review: Review
    links: list[str | None]
    digest: str


@dataclass
class Session:
    """The caches of one `mkdocs` command: made in `on_startup`, pruned once a build."""

    serving: bool = False
    """`mkdocs serve`: the only command that builds more than once in one process."""
    dirty: bool = False
    """`mkdocs serve --dirty`: MkDocs builds only pages whose source is newer than their output."""
    renderer: Renderer = field(default_factory=Renderer)
    renderer_made_of: object = None
    """The language and the theme's templates the renderer was made with."""
    reads: dict[str, Read] = field(default_factory=dict)
    """Each review as last read, by its path: read again only when its file's stamp changes."""
    meta_files: dict[str, list[str]] = field(default_factory=dict)
    """The meta files (Material's `.meta.yml`) merged into each review's front matter."""
    review_digests: dict[str, ReviewDigest] = field(default_factory=dict)
    """Each review's digest as last made (see `digests.Digests.review`)."""
    cards: dict[str, tuple[object, str]] = field(default_factory=dict)
    """Each review's card as last rendered, with what it was made of."""
    listings: dict[str, tuple[object, str]] = field(default_factory=dict)
    """Each overview page's listing as last rendered, with what it was made of."""
    all_reviews_items: dict[str, tuple[object, Markup]] = field(default_factory=dict)
    """Each review's item on the page of all reviews as last rendered, with what it was made of."""
    page_digests: dict[str, str] = field(default_factory=dict)
    """A digest of what the plugin put into each page in the last build (`--dirty`)."""
    marker_queries: dict[str, list[ListingQuery]] = field(default_factory=dict)
    """The listing markers of each page, as last rendered (`--dirty`)."""
    outputs: dict[str, str] = field(default_factory=dict)
    """The output file of each page the plugin wrote into, by source."""
    sources: GeneratedSources | None = None
    """The sources of the generated pages, in the cache folder."""

    def use_renderer(self, template_dirs: Sequence[str], language: SiteLanguage) -> None:
        """Render with the templates of `template_dirs` (then the package's) in `language`.

        The same templates and words as the last build (`mkdocs serve`): the renderer and its
        compiled templates are kept, unless a template of the site's own changed.
        """
        made_of = (digest(language), templates_stamp(template_dirs))
        if made_of != self.renderer_made_of:
            self.renderer = Renderer(template_dirs, language)
            self.renderer_made_of = made_of

    def prune(
        self,
        reviews: Container[str],
        pages: Container[str],
        site_files: Container[str],
        builds: Callable[[str], bool],
    ) -> list[str]:
        """Forget what is kept of reviews, generated pages and pages of the site that are gone.

        `reviews` are the reviews of this build, `pages` the pages it generates, `site_files`
        every file it has; `builds(src_uri)` tells whether this build builds a page. Returns
        the output files of pages no longer built, forgotten here, for a dirty build to delete.
        """
        for kept in (self.reads, self.meta_files, self.review_digests, self.cards):
            for path in [path for path in kept if path not in reviews]:
                del kept[path]
        for path in [path for path in self.all_reviews_items if path not in reviews]:
            del self.all_reviews_items[path]
        for src_uri in [src_uri for src_uri in self.listings if src_uri not in pages]:
            del self.listings[src_uri]
        for src_uri in [src_uri for src_uri in self.marker_queries if src_uri not in site_files]:
            del self.marker_queries[src_uri]
        gone = [src_uri for src_uri in self.outputs if not builds(src_uri)]
        return [self.outputs.pop(src_uri) for src_uri in gone]
