"""Every piece of HTML the plugin writes, rendered from Jinja templates with autoescape on."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

from mkdocs_course_reviews.labels import DEFAULT_LABELS
from mkdocs_course_reviews.schema import MAX_RATING, Review
from mkdocs_course_reviews.urls import url_host

TEMPLATE_FOLDER = "course-reviews"
_FIRST_H1_END = re.compile(r"</h1\s*>", re.IGNORECASE)
_HAS_H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)

OverviewLink = Callable[[str, str], "str | None"]
"""Given a kind ("category", "institution") and a name, the URL of its overview page, if any."""


def _no_link(_kind: str, _name: str) -> str | None:
    return None


class Renderer:
    """Renders the plugin's templates; a site overrides any of them from its theme folders.

    `template_dirs` are searched first (the theme's `custom_dir` among them), then the
    templates shipped in the package.
    """

    def __init__(
        self, template_dirs: Sequence[str] = (), labels: Mapping[str, str] | None = None
    ) -> None:
        self.env = Environment(
            loader=ChoiceLoader(
                [
                    FileSystemLoader(list(template_dirs)),
                    PackageLoader("mkdocs_course_reviews", "templates"),
                ]
            ),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals["labels"] = dict(labels or DEFAULT_LABELS)
        self.env.globals["max_rating"] = MAX_RATING
        self.env.filters["host"] = url_host

    def render(self, name: str, **context: object) -> str:
        """Render the template `course-reviews/<name>`."""
        return self.env.get_template(f"{TEMPLATE_FOLDER}/{name}").render(**context)

    def heading(self, review: Review) -> str:
        """The page's `h1`: the review's title."""
        return self.render("heading.html", review=review)

    def card(self, review: Review, link: OverviewLink = _no_link) -> str:
        """The metadata card shown under a review's title."""
        return self.render("card.html", review=review, link=link)

    def structured_data(self, data: Mapping[str, Any]) -> str:
        """A `<script type="application/ld+json">` element that stays inert whatever it holds."""
        return self.render("structured-data.html", data=data)


def place_card(content: str, heading: str, card: str) -> str:
    """Put the card under the page's first `h1`, supplying `heading` when there is none."""
    if _HAS_H1.search(content):
        end = _FIRST_H1_END.search(content)
        if end is not None:
            return content[: end.end()] + card + content[end.end() :]
    return heading + card + content


def insert_into_head(page_html: str, fragment: str) -> str:
    """Add `fragment` at the end of the page's `<head>`, or leave the page as it is."""
    index = page_html.find("</head>")
    if index < 0:
        return page_html
    return page_html[:index] + fragment + page_html[index:]
