"""The way back, chips, badges, the rating's number and numbered pagination as a reader sees
them, in headless Chromium: enough contrast in every theme, and nothing wider than a phone.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import COLOURS, SCHEME, contrast, serve
from tests.conftest import BuildSite, review

pytest.importorskip("playwright.sync_api")  # every test here drives Chromium through it
pytestmark = [pytest.mark.slow, pytest.mark.browser]

LONG_NAME = "Distributed-Systems-Without-Spaces-Anywhere-In-Its-Very-Long-Name"
SITE = {
    "index.md": "# Home\n\n<!-- course-reviews limit=3 -->\n",
    "reviews/a.md": review(
        "The course with <b>markup</b> in its name",
        category=f"[Web, {LONG_NAME}, '<i>AI</i>']",
        institution="The University of Somewhere With A Very Long Name",
        extra=(
            "description: A lead long enough to wrap on a narrow phone screen, twice at least.\n"
            "rating: 3.5\nstatus: in-progress\ntags: [python, a-rather-long-tag-name, c++]\n"
        ),
    ),
    **{
        f"reviews/r{n}.md": review(
            f"Course {n}",
            date=f"2024-{n:02d}",
            extra=f"rating: {n % 5}\nstatus: {('dropped', 'completed', 'in-progress')[n % 3]}\n",
        )
        for n in range(1, 10)
    },
}
# What this part of the plugin adds; every element of these is measured.
NEW_TEXT = (
    ".course-review-way-back a, .course-review-description, .course-review-rating-value, "
    ".course-review-status-badge, .course-review-category, .course-review-category a, "
    ".course-review-tag, .course-review-pagination a, .course-review-pagination-page, "
    ".course-review-pagination-gap"
)
NEW_BOXES = (
    ".course-review-way-back, .course-review-status-badge, .course-review-category, "
    ".course-review-tag, .course-review-item-meta, .course-review-pagination, "
    ".course-review-pagination-page"
)
PAGES = ("reviews/a/", "categories/web/page/5/", "categories/web/page/2/", "")
PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default"},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate"},
]
THEMES = {
    "material": {"name": "material", "font": False, "palette": PALETTE},
    "mkdocs": {"name": "mkdocs", "highlightjs": False, "color_mode": "auto"},
    "readthedocs": {"name": "readthedocs", "highlightjs": False},
    "dracula": {"name": "dracula", "highlightjs": False},
}


@pytest.mark.parametrize(
    ("theme", "scheme"),
    [
        ("material", "light"),
        ("material", "dark"),
        ("mkdocs", "light"),
        ("mkdocs", "dark"),
        ("readthedocs", "light"),
        ("dracula", "dark"),
    ],
)
@pytest.mark.parametrize("width", [1280, 375])
def test_new_elements_have_enough_contrast_and_fit_a_phone(
    build_site: BuildSite, browser: Any, theme: str, scheme: str, width: int
) -> None:
    site = build_site(SITE, theme=THEMES[theme], plugin={"per_page": 1})
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    # Themes load fonts and icons from CDNs: refuse those requests rather than wait on them.
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort()
        ),
    )
    low: list[tuple[str, str, float]] = []
    outside: list[tuple[str, str]] = []
    measured: set[str] = set()
    with serve(site.site_dir) as base:
        for path in PAGES:
            page.goto(base + path)
            # Read the Docs has one scheme and says none.
            expected = None if theme == "readthedocs" else scheme
            assert page.evaluate(SCHEME) == expected, path
            for sample in page.evaluate(COLOURS, NEW_TEXT):
                measured.add(sample["text"])
                ratio = contrast(tuple(sample["fg"]), tuple(sample["bg"]))
                if ratio < 4.5:
                    low.append((path, sample["text"], round(ratio, 2)))
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            for box in page.evaluate(
                """(selector) => [...document.querySelectorAll(selector)]
                    .filter(e => e.offsetParent !== null)
                    .map(e => [e.className, e.getBoundingClientRect().left,
                               e.getBoundingClientRect().right])""",
                NEW_BOXES,
            ):
                name, left, right = box
                if left < -0.5 or right > width + 0.5:
                    outside.append((path, name))
    context.close()
    # Each kind of new text was found and measured, not skipped.
    for expected in ("← Web", "← All categories", "3.5", "In progress", "Dropped", "python", "…"):
        assert any(text.startswith(expected) for text in measured), expected
    assert low == []
    assert outside == []
