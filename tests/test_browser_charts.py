"""The charts and the stats line as a reader sees them, in headless Chromium, light and dark."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import COLOURS, SCHEME, contrast, serve
from tests.conftest import BuildSite, review

pytest.importorskip("playwright.sync_api")  # every test here drives Chromium through it
pytestmark = [pytest.mark.slow, pytest.mark.browser]

LONG = "The University of Somewhere With A Very Long Name Indeed"
SITE = {
    "index.md": "# Home\n\n<!-- course-reviews stats -->\n",
    **{
        f"reviews/r{n}.md": review(
            f"R{n}",
            category=["Machine Learning", "Web", "Data Engineering"][n % 3],
            institution=[LONG, "MIT", "Udemy", "fast.ai"][n % 4],
            date=str(2015 + n % 11),
        )
        for n in range(14)
    },
}
PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default"},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate"},
]
THEMES = {
    "material": {"name": "material", "font": False, "palette": PALETTE},
    "mkdocs": {"name": "mkdocs", "color_mode": "auto", "highlightjs": False},
    "readthedocs": {"name": "readthedocs", "highlightjs": False},
}
TEXT = ".course-review-chart text, .course-review-chart-count, .course-review-stats-text"
BARS = ".course-review-chart-bar"
PAGES = ["categories/", "institutions/", "years/", ""]


def low_contrast(page: Any, selector: str, minimum: float) -> list[tuple[str, float]]:
    samples = page.evaluate(COLOURS, selector)
    assert samples, selector
    ratios = [(s["text"], contrast(tuple(s["fg"]), tuple(s["bg"]))) for s in samples]
    return [(text, round(ratio, 2)) for text, ratio in ratios if ratio < minimum]


@pytest.mark.parametrize(
    ("theme", "scheme"),
    [
        ("material", "light"),
        ("material", "dark"),
        ("mkdocs", "light"),
        ("mkdocs", "dark"),
        ("readthedocs", "light"),
    ],
)
def test_charts_are_legible_and_fit_a_phone(
    build_site: BuildSite, browser: Any, theme: str, scheme: str
) -> None:
    site = build_site(SITE, theme=THEMES[theme], strict=True)
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    with serve(site.site_dir) as base:
        for path in PAGES:
            page.goto(base + path)
            assert page.evaluate(SCHEME) == (None if theme == "readthedocs" else scheme), path
            # Text at least 4.5:1 against what is behind it (WCAG 1.4.3), bars 3:1 (1.4.11).
            assert low_contrast(page, TEXT, 4.5) == [], path
            assert low_contrast(page, BARS, 3) == [], path
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
            # Text keeps a readable size on a phone, and stays inside its chart.
            for svg in page.locator(".course-review-chart svg").all():
                box = svg.bounding_box()
                assert box is not None
                for text in svg.locator("text").all():
                    size = text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
                    assert size >= 12, path
                    inner = text.bounding_box()
                    assert inner is not None
                    # A pixel's leeway: a glyph may reach past its advance.
                    assert inner["x"] >= box["x"] - 1, (path, text.text_content())
                    assert inner["x"] + inner["width"] <= box["x"] + box["width"] + 1, (
                        path,
                        text.text_content(),
                    )
    context.close()
    assert errors == []
