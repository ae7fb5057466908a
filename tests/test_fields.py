"""The table of fields is the one place a field is declared: everything else agrees with it."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from mkdocs_course_reviews.fields import FACTS, FIELDS, KNOWN_FIELDS, Shape
from mkdocs_course_reviews.labels import DEFAULT_LABELS
from mkdocs_course_reviews.schema import Review
from tests.conftest import BuildSite, review
from tests.project import docs_page

ROOT = Path(__file__).parents[1]
EVERY_FIELD = review(
    "Every Field",
    category="[Web, AI]",
    institution="Udemy",
    extra=(
        'description: "The lead"\n'
        "url: https://example.com/course\n"
        "rating: 4\n"
        "status: in-progress\n"
        "instructor: [Ann, Bo]\n"
        "platform: P\n"
        "duration: D\n"
        "level: L\n"
        "language: G\n"
        "tags: [t1, t2]\n"
        "certificate: https://example.com/cert\n"
    ),
)


def test_the_review_holds_exactly_the_fields_of_the_table() -> None:
    attributes = {f.name for f in dataclasses.fields(Review)} - {"path", "extra"}
    assert attributes == {field.name for field in FIELDS}
    assert len(KNOWN_FIELDS) == len(set(KNOWN_FIELDS))


def test_every_label_the_card_uses_has_an_english_default() -> None:
    for field in FACTS:
        assert field.label in DEFAULT_LABELS
        if field.plural_label:
            assert field.plural_label in DEFAULT_LABELS
        for choice in field.choices:
            assert f"status_{choice}" in DEFAULT_LABELS
        if field.shape is Shape.URL:
            assert f"view_{field.key}" in DEFAULT_LABELS


def test_the_card_shows_the_facts_in_the_order_of_the_table(build_site: BuildSite) -> None:
    site = build_site({"reviews/x.md": EVERY_FIELD})
    card = site.html("reviews/x/index.html").select_one(".course-review-card")
    assert card is not None
    shown = [
        next(c.removeprefix("course-review-") for c in fact["class"] if c != "course-review-fact")
        for fact in card.select(".course-review-fact")
    ]
    # The fact of the categories is `course-review-categories`: each chip in it is a
    # `course-review-category`.
    assert shown == [field.attribute if field.key == "category" else field.key for field in FACTS]
    # The description leads the card; the link to the course closes it.
    children = [child for child in card.children if getattr(child, "name", None)]
    assert "course-review-description" in children[0]["class"]
    assert children[-1].select_one(".course-review-link") is not None


def test_structured_data_carries_every_field_the_table_sends_there(build_site: BuildSite) -> None:
    site = build_site({"reviews/x.md": EVERY_FIELD})
    script = site.html("reviews/x/index.html").select_one('script[type="application/ld+json"]')
    assert script is not None
    text = script.get_text()
    for value in ("Every Field", "The lead", "Udemy", "2025-06", "https://example.com/course"):
        assert value in text
    assert '"ratingValue": 4' in text
    assert '"educationalLevel": "L"' in text
    assert '"inLanguage": "G"' in text


def test_the_docs_table_of_fields_is_the_table() -> None:
    printed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "fields_table.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert printed.strip() in docs_page("writing-reviews.md")


def test_the_docs_table_names_every_field_once() -> None:
    section = docs_page("writing-reviews.md").split("## Front matter", 1)[1].split("\n\n", 2)[1]
    keys = re.findall(r"^\| `(\w+)`", section, flags=re.MULTILINE)
    assert keys == [field.key for field in FIELDS]


def test_a_status_outside_the_choices_is_a_warning(build_site: BuildSite) -> None:
    site = build_site({"reviews/x.md": review("X", extra="status: paused\n")})
    assert any("status" in w and "paused" in w for w in site.warnings)
    page = site.html("reviews/x/index.html")
    assert isinstance(page, BeautifulSoup)
    assert page.select_one(".course-review-status") is None
