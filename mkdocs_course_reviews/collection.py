"""The collection: every review page of a site, what it says, and whether it may be published."""

from __future__ import annotations

import datetime
import enum
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Collection as AbstractCollection
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

from mkdocs_course_reviews.fields import DEFAULT_REQUIRED_FIELDS
from mkdocs_course_reviews.folder_defaults import merge
from mkdocs_course_reviews.problems import Problem
from mkdocs_course_reviews.schema import Review, Validation, validate
from mkdocs_course_reviews.source import ReviewSource, read_source

# MkDocs' own list (`mkdocs.utils.markdown_extensions`; a test checks they agree).
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# The stems MkDocs makes a folder's index page of (`File._get_stem`), in this case only.
INDEX_STEMS = frozenset({"index", "README"})


class Visibility(enum.Enum):
    """What becomes of a review page."""

    PUBLISHED = "published"
    """Valid and not a draft: built everywhere."""
    DRAFT = "draft"
    """A draft: left out of `mkdocs build`; shown in `mkdocs serve` if the site wants that."""
    WITHHELD = "withheld"
    """Front matter that cannot be trusted: never built, in any mode."""


def is_review_path(src_uri: str, reviews_dir: str) -> bool:
    """Whether the file at `src_uri` (docs-relative, '/'-separated) is a review.

    Every file under `reviews_dir`, nested folders included, with one of MkDocs' Markdown
    extensions in any letter case (`x.md`, `x.MD`, `x.Markdown`) is a review, except a
    folder's index page as MkDocs sees it: the stem `index` or `README`, exactly in that case.
    So `reviews/index.md`, `reviews/sub/README.md` and `reviews/index.markdown` stay ordinary
    pages, while `reviews/readme.md` and `reviews/Index.md` are reviews. An index stem with an
    extension MkDocs does not read in that case (`reviews/index.MD`) is a review too: MkDocs
    would copy it to the site as it is, so it is judged (and withheld, see `misnamed_index`).
    """
    if not src_uri.startswith(reviews_dir + "/"):
        return False
    stem, extension = posixpath.splitext(posixpath.basename(src_uri))
    return extension.lower() in MARKDOWN_EXTENSIONS and (
        stem not in INDEX_STEMS or extension not in MARKDOWN_EXTENSIONS
    )


def misnamed_index(path: str) -> Problem | None:
    """A problem for a file named as a folder's index page in letters MkDocs does not read.

    `reviews/index.MD` is neither MkDocs' index page (it would be copied as it is) nor a name
    a review can be built under without taking the folder's address: it is never published.
    """
    folder, name = posixpath.split(path)
    stem, extension = posixpath.splitext(name)
    if stem not in INDEX_STEMS or extension in MARKDOWN_EXTENSIONS:
        return None
    return Problem(
        path,
        f"is named as the folder's index page, but MkDocs reads '{extension}' only as "
        f"'{extension.lower()}' and would copy this file to the site as it is; rename it to "
        f"{stem}{extension.lower()} for the folder's own page, or give the review a name of "
        f"its own, like {folder}/{stem.lower()}-review.md",
    )


class SourceFile(Protocol):
    """A file of the site as MkDocs lists it (`mkdocs.structure.files.File`)."""

    src_uri: str

    @property
    def content_string(self) -> str:
        """The file's text; may raise `OSError` or `UnicodeDecodeError`."""


def site_path(file: SourceFile) -> str:
    """A file's path in the site, as `reviews_dir` is matched against it.

    mkdocs-static-i18n's folder layout names `fr/reviews/x.md` as `reviews/x.md` in French
    (`norm_src_uri`); its path there is the one that counts.
    """
    return getattr(file, "norm_src_uri", None) or file.src_uri


def is_review_file(file: SourceFile, reviews_dir: str) -> bool:
    """Whether a file of the site is a review: the one rule of the plugin and `check`."""
    return is_review_path(site_path(file), reviews_dir)


def reviews_dir_problem(paths: Iterable[str], reviews_dir: str) -> Problem | None:
    """A problem when no file lies under `reviews_dir`: a typo, or a folder in other letters.

    Without it, a mistyped folder would leave every review an ordinary page, drafts included.
    """
    prefix = reviews_dir + "/"
    folders: set[str] = set()
    for path in paths:
        if path.startswith(prefix):
            return None
        parts = path.split("/")[:-1]
        folders.update("/".join(parts[: depth + 1]) for depth in range(len(parts)))
    similar = sorted(f for f in folders if f.casefold() == reviews_dir.casefold())
    if similar:
        fix = f"the reviews seem to be in '{similar[0]}/': set reviews_dir: {similar[0]}"
    else:
        fix = "put your reviews there, or set reviews_dir to the folder they are in"
    return Problem(prefix, f"holds no file, so no review is gathered; {fix}", field=None)


@dataclass(slots=True)
class Entry:
    """One review file: its source, the outcome of validating it, and its fate."""

    source: ReviewSource
    validation: Validation

    @property
    def visibility(self) -> Visibility:
        """Published only when valid and explicitly not a draft; fail-safe otherwise."""
        review = self.validation.review
        if review is None or not self.validation.publishable:
            return Visibility.WITHHELD
        return Visibility.DRAFT if review.draft else Visibility.PUBLISHED


class Collection:
    """All review pages of one build, keyed by their docs-relative path."""

    def __init__(
        self,
        *,
        required: AbstractCollection[str] = DEFAULT_REQUIRED_FIELDS,
        today: datetime.date | None = None,
    ) -> None:
        self.required = tuple(dict.fromkeys(required))
        self.today = today
        self._entries: dict[str, Entry] = {}

    def add(self, path: str, text: str) -> Entry:
        """Read and validate the review at `path` whose file holds `text`."""
        return self._store(read_source(path, text))

    def read_file(
        self, file: SourceFile, defaults: Mapping[str, Any] | Problem | None = None
    ) -> Entry:
        """Read and validate a review file of the site: the one way the plugin and `check` do.

        `defaults` are front-matter fields its folder gives it (Material's `.meta.yml`); its
        own front matter is merged on top of them. A `Problem` instead says that its folder's
        defaults were refused: the review is withheld for it.
        """
        return self.read(file.src_uri, lambda: file.content_string, defaults)

    def read(
        self,
        path: str,
        read_text: Callable[[], str],
        defaults: Mapping[str, Any] | Problem | None = None,
    ) -> Entry:
        """Read the review at `path` with `read_text`, which may fail.

        A file that is not UTF-8, or cannot be read at all (a link to nothing, no permission),
        is a review with one problem, never an error that stops the build.
        """
        misnamed = misnamed_index(path)
        if misnamed is not None:
            return self._store(ReviewSource(path, None, problems=[misnamed]))
        if isinstance(defaults, Problem):
            return self._store(ReviewSource(path, None, problems=[defaults]))
        try:
            text = read_text()
        except UnicodeDecodeError as error:
            return self.add_undecodable(path, error)
        except OSError as error:
            return self.add_unreadable(path, error)
        source = read_source(path, text)
        if defaults and source.metadata is not None:
            source.metadata = merge(defaults, source.metadata)
        return self._store(source)

    def add_undecodable(self, path: str, error: UnicodeDecodeError) -> Entry:
        """Record a review file that is not UTF-8 text."""
        byte = error.object[error.start : error.start + 1].hex()
        problem = Problem(
            path,
            f"is not UTF-8 text (byte 0x{byte} at offset {error.start}); "
            "re-save the file with UTF-8 encoding",
        )
        return self._store(ReviewSource(path, None, problems=[problem]))

    def adopt(self, entry: Entry) -> Entry:
        """Keep an entry read in an earlier build, whose file has not changed since."""
        self._entries[entry.source.path] = entry
        self.__dict__.pop("published", None)
        return entry

    def add_unreadable(self, path: str, error: OSError) -> Entry:
        """Record a review file that could not be read."""
        if isinstance(error, FileNotFoundError):
            reason = "it does not exist, or is a link to a file that does not"
            fix = "point the link at an existing file, or delete it"
        elif isinstance(error, PermissionError):
            reason = "permission denied"
            fix = "let the user who builds the site read it (chmod a+r)"
        elif isinstance(error, IsADirectoryError):
            reason = "it is a folder"
            fix = "rename the folder so that its name does not end in .md"
        else:
            reason = error.strerror or str(error)
            fix = "check that it is a readable file"
        problem = Problem(path, f"cannot be read: {reason}; {fix}")
        return self._store(ReviewSource(path, None, problems=[problem]))

    def _store(self, source: ReviewSource) -> Entry:
        validation = validate(source, required=self.required, today=self.today)
        entry = Entry(source, validation)
        self._entries[source.path] = entry
        self.__dict__.pop("published", None)
        return entry

    def __contains__(self, path: object) -> bool:
        return path in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def entry(self, path: str) -> Entry | None:
        """The entry of the review at `path`, or None if that page is not a review."""
        return self._entries.get(path)

    def review(self, path: str) -> Review | None:
        """The validated review at `path`, draft or not; None if not a valid review."""
        entry = self._entries.get(path)
        return entry.validation.review if entry else None

    def metadata(self, path: str) -> dict[str, Any]:
        """The front matter of the review at `path`, empty if there is none to trust."""
        entry = self._entries.get(path)
        return (entry.source.metadata or {}) if entry else {}

    @cached_property
    def published(self) -> list[Review]:
        """The published reviews, newest first (ties by title)."""
        reviews = [
            entry.validation.review
            for entry in self._entries.values()
            if entry.visibility is Visibility.PUBLISHED and entry.validation.review is not None
        ]
        reviews.sort(key=_newest_first)
        return reviews

    def duplicates(self) -> list[Problem]:
        """A warning for each published review with the title or course URL of an earlier one.

        "Earlier" is by path, so the same file is named in every build.
        """
        first_by: dict[tuple[str, str], str] = {}
        problems = []
        for review in sorted(self.published, key=lambda r: r.path):
            for field, key in duplicate_keys(review):
                first = first_by.setdefault((field, key), review.path)
                if first != review.path:
                    value = review.title if field == "title" else review.url
                    problems.append(
                        Problem(
                            review.path,
                            f'"{value}" is also the {field} of {first}; '
                            "probably a duplicate: remove one, or tell them apart",
                            field=field,
                            line=self._entries[review.path].source.line_of(field),
                            blocks_publication=False,
                        )
                    )
        return problems

    def forget(self, path: str) -> None:
        """Leave out the review at `path`, e.g. one tried and not written."""
        if self._entries.pop(path, None) is not None:
            self.__dict__.pop("published", None)

    @property
    def problems(self) -> list[Problem]:
        """Every problem found, file by file, then the likely duplicates.

        Each once: a refused `.meta.yml` is the one problem of every review below it.
        """
        found = (p for entry in self._entries.values() for p in entry.validation.problems)
        return list(dict.fromkeys(found)) + self.duplicates()


def duplicate_keys(review: Review) -> list[tuple[str, str]]:
    """What two published reviews share when they are likely duplicates: title, or course URL."""
    keys = []
    title = " ".join((review.title or "").split()).casefold()
    if title:
        keys.append(("title", title))
    if review.url:
        keys.append(("url", review.url.rstrip("/").casefold()))
    return keys


def _newest_first(review: Review) -> tuple[tuple[int, int, int], str, str]:
    (year, month, day), title, path = review.sort_key
    return ((-year, -month, -day), title, path)
