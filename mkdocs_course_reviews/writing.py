"""Writing new review files: the one writer of `new` and `import`.

A review is written only when the build would take it as written: its text is read back by
the collection, as `check` and the build read it (`Collection.read`: MkDocs' front-matter
split, the same YAML loader, `validate` with the site's required fields and folder
defaults), and refused when anything is found, a warning included, or when a value does not
come back as it went in. A file is never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from mkdocs_course_reviews.collection import (
    Collection,
    Visibility,
    duplicate_keys,
    is_review_path,
)
from mkdocs_course_reviews.fields import FIELDS, FIELDS_BY_KEY
from mkdocs_course_reviews.problems import Problem
from mkdocs_course_reviews.schema import Review
from mkdocs_course_reviews.slugs import slugify

# libyaml's emitter where PyYAML has it, as the loader (`source.LOADER`): several times faster.
_BASE_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BASE_DUMPER):  # type: ignore[misc, valid-type]
    """PyYAML's safe dumper, quoting a string that starts or ends with white space.

    python-frontmatter strips the text it writes, Unicode white space included: a last value of
    a no-break space, written plain, would be read back as nothing.
    """


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if value != value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _string)
_DUMPER = _Dumper
_ORDER = {field.key: index for index, field in enumerate(FIELDS)}
"""Fields are written in the order of the table, `draft` last but for columns kept."""


class WriteRefused(Exception):  # noqa: N818 - a review refused, with its reasons, not a crash
    """A review the build would not take as it is; `reasons` say why, one sentence each."""

    def __init__(self, reasons: list[str], missing: Sequence[str] = ()) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons
        self.missing = tuple(missing)
        """Required fields that have no value: the caller says how to give one."""


def review_text(front_matter: Mapping[str, Any], body: str) -> str:
    """The text of a review file: front matter as MkDocs splits it, then `body`.

    python-frontmatter's `dumps` writes the fences and the YAML (PyYAML's safe dumper, which
    quotes and escapes whatever needs it); it strips the end of the text, so the line break
    MkDocs needs after the closing `---` is added back.
    """
    post = frontmatter.Post(body)
    post.metadata.update(front_matter)
    return frontmatter.dumps(post, Dumper=_DUMPER, sort_keys=False, allow_unicode=True) + "\n"


def ordered(front_matter: Mapping[str, Any]) -> dict[str, Any]:
    """The fields in the table's order; others (kept columns) after them."""
    return dict(sorted(front_matter.items(), key=lambda item: _ORDER.get(item[0], len(_ORDER))))


def review_path(title: str, reviews_dir: str) -> str:
    """Where the review titled `title` is written, docs-relative: a file the build reviews.

    "index" would make a folder's index page, no review: that one gets `index-review.md`.
    """
    src_uri = f"{reviews_dir}/{slugify(title)}.md"
    if is_review_path(src_uri, reviews_dir):
        return src_uri
    return f"{reviews_dir}/{slugify(title)}-review.md"


@dataclass(frozen=True)
class PlannedReview:
    """A review ready to be written: where, its text, and what the build will make of it."""

    src_uri: str
    text: str
    review: Review


class ReviewWriter:
    """Writes reviews into one site's `reviews_dir`, each checked as the build will read it.

    `existing` holds the site's reviews (read as `check` reads them); `defaults` gives the
    folder defaults (`.meta.yml`) that apply to a docs-relative path.
    """

    def __init__(
        self,
        docs_dir: Path,
        reviews_dir: str,
        existing: Collection,
        defaults: Callable[[str], Mapping[str, Any] | Problem],
    ) -> None:
        self.docs_dir = docs_dir
        self.reviews_dir = reviews_dir
        self.collection = existing
        self.defaults = defaults
        self._taken: dict[tuple[str, str], str] = {}
        for entry in existing:
            if entry.visibility is Visibility.PUBLISHED and entry.validation.review is not None:
                self._claim(entry.validation.review)

    def exists(self, src_uri: str) -> bool:
        """Whether a file is there already (or was planned in this run)."""
        return src_uri in self.collection or (self.docs_dir / src_uri).exists()

    def plan(self, front_matter: Mapping[str, Any], body: str) -> PlannedReview:
        """The review with `front_matter` and `body`, checked as the build will read it.

        Raises `FileExistsError` when its file exists, `WriteRefused` when the build would
        not take it as it is.
        """
        title = front_matter.get("title")
        if not isinstance(title, str) or not title.strip():
            raise WriteRefused(["title is missing"], missing=["title"])
        src_uri = review_path(title, self.reviews_dir)
        defaults = self.defaults(src_uri)
        if isinstance(defaults, Problem):  # its folder's `.meta.yml` was refused
            raise WriteRefused([str(defaults)])
        missing = [
            key
            for key in self.collection.required
            if all(
                front_matter.get(name) is None and defaults.get(name) is None
                for name in (key, *FIELDS_BY_KEY[key].aliases)
            )
        ]
        if missing:
            raise WriteRefused([f"{key} is missing" for key in missing], missing=missing)
        if self.exists(src_uri):
            raise FileExistsError(src_uri)
        wanted = ordered(front_matter)
        text = review_text(wanted, body)
        entry = self.collection.read(src_uri, lambda: text, defaults)
        metadata = entry.source.metadata or {}
        reasons = [
            f"{problem.field} {problem.message}" if problem.field else problem.message
            for problem in entry.validation.problems
        ]
        changed = [key for key, value in wanted.items() if metadata.get(key) != value]
        if changed and not reasons:
            reasons.append(f"{changed[0]} would not read back as it is written")
        review = entry.validation.review
        if not reasons and review is not None and entry.visibility is Visibility.PUBLISHED:
            reasons.extend(self._claim(review))
        if reasons or review is None:
            self.collection.forget(src_uri)
            raise WriteRefused(reasons or ["the build would not take it"])
        return PlannedReview(src_uri, text, review)

    def _claim(self, review: Review) -> list[str]:
        """Take the title and URL of a published review; say which another review has."""
        reasons = []
        for field, key in duplicate_keys(review):
            first = self._taken.setdefault((field, key), review.path)
            if first != review.path:
                value = review.title if field == "title" else review.url
                reasons.append(
                    f'{field} "{value}" is also the {field} of {first}, a published review; '
                    "probably a duplicate"
                )
        return reasons

    def write(self, planned: PlannedReview) -> Path:
        """Write a planned review; never over a file. Returns its path."""
        path = self.docs_dir / planned.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(planned.text)
        return path
