"""Front-matter values made safe for code that prints them without escaping.

MkDocs' Jinja environment does not autoescape, and themes print `page.meta` values (titles,
descriptions, tags, subtitles) and template globals as they are. Every text value the plugin
hands on therefore goes through `as_markup`: HTML-escaped, as `markupsafe.Markup`, so a theme
printing it raw shows the text, and an autoescaping template does not escape it a second time.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

from jinja2 import Environment
from jinja2.filters import do_striptags
from markupsafe import Markup, escape

from mkdocs_course_reviews.schema import Review

_UNSAFE_IN_TAGS = frozenset("<>\"'`&")


def text_without_tags(value: object) -> Markup:
    """Jinja's `striptags` for an environment that does not autoescape: its text, escaped.

    Jinja's filter returns the text of the HTML it is given, tags stripped and entities
    decoded, as a plain string, which MkDocs' environment then prints as HTML: a title the
    plugin escaped (`Tricky &lt;/title&gt;&lt;script&gt;`) came out as markup, and
    `{{ page.title|striptags }}` in a theme's `<title>` ran the script. So did any value that
    another filter had made a plain string first (`categories|join|striptags`). The text is
    escaped again, as `Markup`: a browser shows the same text, and no tag is left to run.
    """
    return escape(do_striptags(value))  # type: ignore[arg-type]


def make_safe(env: Environment) -> None:
    """Make the theme's filters keep the plugin's escaped values safe to print."""
    env.filters["striptags"] = text_without_tags


def theme_tag(name: str) -> str:
    """A tag's name as the plugin hands it to the theme and Material's tags plugin.

    Material keys a tag by its name: an escaped `Q&amp;A` and another page's `Q&A` would be
    two tags with one label, each with half the pages. A name that prints the same escaped or
    not, and that no filter can turn into markup (no `<`, `>`, quotes, and `&` only where it
    starts no character reference), is handed on as the plain text; any other as `Markup`.
    """
    if _UNSAFE_IN_TAGS.isdisjoint(name) or (
        not _UNSAFE_IN_TAGS.difference("&").intersection(name) and html.unescape(name) == name
    ):
        return name
    return escape(name)


def as_markup(value: Any) -> Any:  # noqa: ANN401 - front matter holds any YAML value
    """`value` with every string in it, at any depth, escaped as `Markup`.

    Mapping keys are escaped too; numbers, booleans, dates and None pass unchanged. Front matter
    is a tree (the loader refuses cycles), so the recursion ends.
    """
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, Mapping):
        return {as_markup(key): as_markup(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(as_markup(item) for item in value)
    if value is None or isinstance(value, bool | int | float | datetime.date):
        return value
    # Anything else a YAML loader can build (bytes, sets) is shown as text.
    return escape(str(value))


def page_meta(metadata: Mapping[str, Any], review: Review) -> dict[str, Any]:
    """What a review page hands to the theme and other plugins as `page.meta`.

    The front matter with every text escaped; the fields the plugin understands take their
    validated values: `date` a real `datetime.date` (the first day of the period written, so
    feeds and other plugins can sort by it; the card still shows "June 2025"), `draft` a bool,
    `rating` a number, `title` and `description` trimmed. A field that failed validation is left
    out rather than handed on unchecked.

    `description` is the one exception to `Markup`: it is handed on as a plain `str` of HTML
    (its text escaped), because feeds put it in an HTML field of an XML file
    and escape it for XML, as they must; a `Markup` would skip that escaping and a reader would
    see markup.
    """
    meta: dict[str, Any] = as_markup(dict(metadata))
    validated: dict[str, Any] = {
        "title": review.title,
        "description": review.description,
        "date": review.date.start if review.date else None,
        "rating": review.rating,
        "url": review.url,
        "certificate": review.certificate,
        "draft": review.draft,
    }
    for key, value in validated.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = as_markup(value)
    if "description" in meta:
        meta["description"] = str(meta["description"])
    if review.tags:
        meta["tags"] = [theme_tag(tag) for tag in review.tags]
    return meta


def template_review(review: Review) -> Review:
    """A copy of `review` whose text fields print safely in templates that do not autoescape."""
    changes = {
        item.name: as_markup(getattr(review, item.name))
        for item in dataclasses.fields(review)
        if item.name not in {"date", "rating", "draft"}
    }
    return dataclasses.replace(review, **changes)


class TemplateReviews(Sequence[Review]):
    """The published reviews as templates read them: each made safe to print when it is read.

    Copies are made on reading, not kept: most themes never read them, and 2,000 kept copies
    would cost megabytes.
    """

    def __init__(self, reviews: Sequence[Review]) -> None:
        self._reviews = reviews

    def __len__(self) -> int:
        return len(self._reviews)

    @overload
    def __getitem__(self, index: int) -> Review: ...

    @overload
    def __getitem__(self, index: slice) -> list[Review]: ...

    def __getitem__(self, index: int | slice) -> Review | list[Review]:
        if isinstance(index, slice):
            return [template_review(review) for review in self._reviews[index]]
        return template_review(self._reviews[index])

    def __iter__(self) -> Iterator[Review]:
        return (template_review(review) for review in self._reviews)

    def __repr__(self) -> str:
        return f"<{len(self)} published reviews>"


__all__ = [
    "Markup",
    "TemplateReviews",
    "as_markup",
    "make_safe",
    "page_meta",
    "template_review",
    "text_without_tags",
    "theme_tag",
]
