"""The plugin's options, as written under `- course-reviews:` in `mkdocs.yml`."""

from __future__ import annotations

import posixpath

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_course_reviews.fields import DEFAULT_REQUIRED_FIELDS, REQUIRABLE_FIELDS
from mkdocs_course_reviews.labels import COUNTED, DEFAULT_LABELS, KNOWN_LABELS
from mkdocs_course_reviews.overviews import KINDS
from mkdocs_course_reviews.rendering import LISTED_CATEGORIES


class _FolderInDocs(c.Type[str]):
    """A folder inside `docs_dir`, written relative to it with '/' separators."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).replace("\\", "/").strip().strip("/")
        normal = posixpath.normpath(text) if text else ""
        if not normal or normal == "." or normal.startswith("../") or normal == "..":
            msg = f"{value!r} must name a folder inside docs_dir, such as 'reviews'"
            raise base.ValidationError(msg)
        if posixpath.isabs(text) or ":" in text:
            msg = f"{value!r} must be relative to docs_dir, such as 'reviews'"
            raise base.ValidationError(msg)
        if not text.isprintable():
            msg = f"{value!r} holds a control character; name the folder in letters, like 'reviews'"
            raise base.ValidationError(msg)
        file_like = next(
            (part for part in normal.split("/") if part.lower().endswith(_FILE_ENDINGS)), None
        )
        if file_like is not None:
            msg = (
                f"{value!r} is named like a file ({file_like!r}), where the site has or may have "
                "a file of that name (a sitemap, a feed, a page); name the folder without a file "
                "ending, such as 'reviews'"
            )
            raise base.ValidationError(msg)
        return normal


# Endings of the files MkDocs and its plugins write into a site (sitemap.xml, 404.html,
# search_index.json, feeds, scripts): a folder of ours named so would collide with one.
_FILE_ENDINGS = (".xml", ".html", ".htm", ".json", ".gz", ".txt", ".js", ".css", ".md")


class _PositiveInt(c.Type[int]):
    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            msg = f"{value!r} must be a whole number from 1 up"
            raise base.ValidationError(msg)
        return number


class _Labels(c.DictOfItems[str]):
    """Words shown to readers, by name; only names the plugin knows are accepted."""

    def __init__(self) -> None:
        super().__init__(c.Type(str), default={})

    def run_validation(self, value: object) -> dict[str, str]:
        labels = super().run_validation(value)
        unknown = sorted(set(labels) - KNOWN_LABELS)
        if unknown:
            known = ", ".join(DEFAULT_LABELS)
            counted = ", ".join(COUNTED)
            msg = (
                f"unknown label {unknown[0]!r}; the labels are: {known}; and for each of "
                f"{counted}, a form per plural category (_zero, _one, _two, _few, _many, _other)"
            )
            raise base.ValidationError(msg)
        return labels


class CourseReviewsConfig(base.Config):
    """Options of the `course-reviews` plugin; each is documented in the README."""

    reviews_dir = _FolderInDocs("reviews")
    """The folder, relative to `docs_dir`, whose Markdown pages are reviews."""
    required_fields = c.ListOfItems(
        c.Choice(REQUIRABLE_FIELDS), default=list(DEFAULT_REQUIRED_FIELDS)
    )
    """Front-matter fields a review must have to be published."""
    draft_on_serve = c.Type(bool, default=True)
    """Show drafts (with a DRAFT marker) in `mkdocs serve`; they never reach `mkdocs build`."""
    reviews_in_nav = c.Type(bool, default=False)
    """Put review pages in the sidebar navigation."""
    card = c.Type(bool, default=True)
    """Show the metadata card under each review's title."""
    structured_data = c.Type(bool, default=True)
    """Add schema.org `Review` data (JSON-LD) to each review page."""
    author = c.Optional(c.Type(str))
    """The reviews' author in structured data; defaults to the site's `site_author`."""
    labels = _Labels()
    """Words shown to readers, e.g. `go_to_course: Zum Kurs` for a German site."""
    locale = c.Optional(c.Type(str))
    """The language of dates and words (`de`, `pt_BR`); defaults to the theme's language."""
    sharing = c.Type(bool, default=True)
    """Add Open Graph and Twitter Card tags to each review page, for previews of shared links."""
    per_page = _PositiveInt(20)
    """Reviews on one page of a category's or institution's overview; more go to `page/2/`."""
    listed_categories = _PositiveInt(LISTED_CATEGORIES)
    """Categories a listing item shows of its review; a last chip "+3 more" counts the rest."""
    category_pages = c.Type(bool, default=True)
    """Generate a page per category, and an index of them."""
    categories_dir = _FolderInDocs("categories")
    """Where the category pages go, relative to the site root."""
    overviews_in_search = c.Type(bool, default=False)
    """Index the generated listing pages in Material's search, beside the reviews they list."""
    institution_pages = c.Type(bool, default=True)
    """Generate a page per institution, and an index of them."""
    institutions_dir = _FolderInDocs("institutions")
    """Where the institution pages go, relative to the site root."""
    year_pages = c.Type(bool, default=True)
    """Generate a page per year that has reviews, and an index of them: the archive."""
    years_dir = _FolderInDocs("years")
    """Where the year pages go, relative to the site root."""
    all_reviews_page = c.Type(bool, default=True)
    """Generate the page of all reviews, with a filter, at the index of `reviews_dir`."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """Check the options together, once each has been checked on its own."""
        failed, warnings = super().validate()
        if failed:
            return failed, warnings
        folders = {"reviews_dir": self.reviews_dir}
        folders.update(
            (KINDS[name].folder_option, folder) for name, folder in self.overview_folders().items()
        )
        clash = _nested(folders)
        if clash is not None:
            failed.append(clash)
        return failed, warnings

    def overview_folders(self) -> dict[str, str]:
        """The folder of each kind of overview page that is switched on, by kind."""
        return {
            name: getattr(self, kind.folder_option)
            for name, kind in KINDS.items()
            if getattr(self, kind.pages_option)
        }


def _nested(folders: dict[str, str]) -> tuple[str, base.ValidationError] | None:
    """An error for two of the plugin's folders that are one, or one inside the other.

    Pages generated inside another kind's folder would take the address of its pages
    (`institutions_dir: categories/web` replaces the category Web's page), and inside
    `reviews_dir` they would be read as reviews.
    """
    names = list(folders)
    for index, outer in enumerate(names):
        for inner in names[index + 1 :]:
            a, b = folders[outer], folders[inner]
            if a == b:
                message = f"{outer} and {inner} are both {a!r}; give each its own folder"
                return inner, base.ValidationError(message)
            if b.startswith(a + "/") or a.startswith(b + "/"):
                inside, around = (inner, outer) if b.startswith(a + "/") else (outer, inner)
                message = (
                    f"{inside} ({folders[inside]!r}) is inside {around} ({folders[around]!r}), "
                    "where its pages would take the place of the plugin's own; give each its "
                    "own folder, side by side"
                )
                return inside, base.ValidationError(message)
    return None
