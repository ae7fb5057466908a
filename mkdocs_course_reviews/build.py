"""What one build holds: made in the first `on_files` pass, dropped in `on_post_build`.

Everything here belongs to the files of one build (and through them to its pages): `mkdocs
serve` would otherwise keep the whole site in memory until the next rebuild. What outlives a
build is in `session.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mkdocs_course_reviews.collection import Collection, Entry
from mkdocs_course_reviews.material_tags import escaped
from mkdocs_course_reviews.overviews import Overviews

if TYPE_CHECKING:
    from mkdocs.structure.files import File, InclusionLevel
    from mkdocs.structure.pages import Page

    from mkdocs_course_reviews.all_reviews import AllReviewsPage
    from mkdocs_course_reviews.dirty import Digests
    from mkdocs_course_reviews.folder_defaults import MetaFiles
    from mkdocs_course_reviews.overviews import OverviewPage
    from mkdocs_course_reviews.page_content import PageContent
    from mkdocs_course_reviews.schema import Review
    from mkdocs_course_reviews.session import ReadWith


@dataclass
class Build:
    """One build's reviews, overview pages and files."""

    serving: bool
    """`mkdocs serve`: drafts are built (with MkDocs' DRAFT marker) if the site wants that."""
    early: bool
    """Whether this build gathers twice: another plugin's `on_files` runs in between."""
    collection: Collection = field(default_factory=Collection)
    overviews: Overviews = field(default_factory=lambda: Overviews((), {}, 1))
    overviews_of: list[Review] | None = None
    """The published reviews `overviews` was made of."""
    pages: dict[str, OverviewPage | AllReviewsPage] = field(default_factory=dict)
    """Every page the plugin generates (or fills in, below a page of the site's own)."""
    generated_files: dict[str, File] = field(default_factory=dict)
    """The generated pages the plugin added to this build's files."""
    unlisted_reviews: dict[str, Entry] = field(default_factory=dict)
    """Reviews taken out of this build's files, as they are not built."""
    inclusions: dict[str, InclusionLevel] = field(default_factory=dict)
    """Each review's inclusion as other plugins left it, before this plugin's decision."""
    first_reads: dict[str, tuple[File, ReadWith, Entry]] = field(default_factory=dict)
    """Each review file read in this build's first pass, and what it was read with."""
    meta_files: MetaFiles | None = None
    """Material's meta files that reach the reviews, read in the first pass (see
    `folder_defaults.read_meta_files`)."""
    hidden_intros: set[str] = field(default_factory=set)
    """Intro pages of groups no published review has: not built."""
    files_by_uri: dict[str, File] = field(default_factory=dict)
    """Every file of the build, by source, once the last `on_files` pass is done."""
    digests: Digests | None = None
    """The digests of what this build shows, in `mkdocs serve` (see `dirty.py`)."""
    base_digests: dict[str, str] = field(default_factory=dict)
    """Under `--dirty`: what the plugin puts into each review and intro page, besides markers."""
    content: PageContent | None = None
    """What the plugin puts into the pages of this build, made once its files are final."""
    unlinked_tags: dict[str, tuple[Page, str]] = field(default_factory=dict)
    """Cards whose tags get their links once every page is read: the page, the card."""

    def builds(self, file: File) -> bool:
        """Whether `file` is built in this build: drafts only in `mkdocs serve`."""
        inclusion = file.inclusion
        return bool(inclusion.is_in_serve() if self.serving else inclusion.is_included())

    def all_reviews_built(self, reviews_dir: str) -> str | None:
        """The source of the page of all reviews (`reviews/index.md`), if this build builds it."""
        src_uri = f"{reviews_dir}/index.md"
        file = self.files_by_uri.get(src_uri)
        return src_uri if file is not None and self.builds(file) else None

    def way_back(
        self, src_uri: str, labels: Mapping[str, str], reviews_dir: str
    ) -> tuple[str, str] | None:
        """Where a review or a group's page belongs: (the link's text, its source)."""
        review = self.collection.review(src_uri)
        all_reviews = self.all_reviews_built(reviews_dir)
        return self.overviews.way_back(src_uri, review, labels, all_reviews)

    def not_built(self, src_uri: str) -> bool:
        """Whether the nav names a review or intro page that this build does not build."""
        if src_uri in self.unlisted_reviews:
            return True
        file = self.files_by_uri.get(src_uri)
        if file is None or (src_uri not in self.collection and src_uri not in self.hidden_intros):
            return False
        return not self.builds(file)

    def urls(self, page_file: File, tags: dict[str, str] | None = None) -> FileUrls:
        """URLs relative to the page built from `page_file`, for its card and listings."""
        return FileUrls(self.files_by_uri, self.overviews, page_file, tags)


class FileUrls:
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
        """The URL of the page built from `src_uri`, relative to this page; "" if none."""
        url = self._urls.get(src_uri)
        if url is None:
            # A listing links to the same institutions and years again and again.
            target = self._files.get(src_uri)
            url = self._urls[src_uri] = target.url_relative_to(self._page_file) if target else ""
        return url

    def overview(self, kind: str, name: str) -> str | None:
        """The URL of the first page of a group of `kind`, if it has one."""
        src_uri = self._overviews.page_for(kind, name)
        return self.to(src_uri) if src_uri else None

    def tag(self, name: str) -> str | None:
        """The URL of the listing of a tag, as Material's tags plugin links it."""
        return self._tags.get(escaped(name))
