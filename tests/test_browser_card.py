"""The card as a reader sees it, in headless Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import SCHEME, serve
from tests.conftest import BuildSite, review

pytest.importorskip("playwright.sync_api")  # every test here drives Chromium through it
pytestmark = [pytest.mark.slow, pytest.mark.browser]


LONG = review(
    "A course with an extraordinarily long title that keeps going to test wrapping on phones",
    category="[Machine Learning, Data Engineering, Distributed-Systems-Without-Spaces-Anywhere]",
    institution="The University of Somewhere With A Very Long Name",
    extra=(
        "description: A description long enough to wrap several times on a narrow phone screen.\n"
        "url: https://www.example-learning-platform.com/courses/a-very-long-slug-for-a-course\n"
        "rating: 3.5\n"
    ),
)


PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default"},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate"},
]
# No Google Fonts or highlight.js from a CDN: CI runners may have no internet. Each theme with
# a dark scheme follows the reader's preference.
THEMES = {
    "material": {"name": "material", "font": False, "palette": PALETTE},
    "mkdocs": {"name": "mkdocs", "highlightjs": False, "color_mode": "auto"},
    "readthedocs": {"name": "readthedocs", "highlightjs": False},
}


@pytest.mark.parametrize(
    ("theme", "width", "scheme"),
    [
        *((theme, width, "light") for theme in THEMES for width in (1280, 375)),
        ("material", 375, "dark"),
        ("mkdocs", 375, "dark"),
    ],
)
def test_card_and_link_are_visible_within_the_viewport(
    build_site: BuildSite, browser: Any, theme: str, width: int, scheme: str
) -> None:
    site = build_site({"index.md": "# Home\n", "reviews/long.md": LONG}, theme=THEMES[theme])
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    with serve(site.site_dir) as base:
        page.goto(base + "reviews/long/")
        # Read the Docs has one scheme and says none.
        assert page.evaluate(SCHEME) == (None if theme == "readthedocs" else scheme)
        card = page.locator(".course-review-card")
        link = page.locator("a.course-review-link")
        assert card.is_visible()
        assert link.is_visible()
        for box in (card.bounding_box(), link.bounding_box()):
            assert box is not None
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= width + 0.5
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width
        assert link.get_attribute("href") == (
            "https://www.example-learning-platform.com/courses/a-very-long-slug-for-a-course"
        )
    context.close()
    assert errors == []
