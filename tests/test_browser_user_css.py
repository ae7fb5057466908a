"""A site's own `extra_css` wins over the plugin's stylesheet, and the plugin's wins over the
theme's typography, in headless Chromium: the README's "your rules win".
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import serve
from tests.conftest import BuildSite, review

pytest.importorskip("playwright.sync_api")  # every test here drives Chromium through it
pytestmark = [pytest.mark.slow, pytest.mark.browser]

SITE = {
    "index.md": "# Home\n\n<!-- course-reviews limit=3 -->\n",
    **{
        f"reviews/r{n}.md": review(
            f"Course {n}",
            category="[Web, Data, Art]",
            date=f"2024-{n:02d}",
            extra="description: What it taught.\nstatus: in-progress\nrating: 4\n",
        )
        for n in range(1, 4)
    },
}
# Each rule with the selector the plugin's stylesheet uses (as the README says to write them).
USER_CSS = """
:root .course-review-list > .course-review-item { margin: 24px 16px 40px; }
.course-review-card { color: rgb(200, 0, 0); --course-review-accent: rgb(0, 128, 0); }
:root .course-review-card .course-review-category-list { gap: 13px; }
:root .course-review-card > .course-review-description { margin: 0 0 30px; }
:root .course-review-category-list > .course-review-category { margin: 0 6px 0 0; }
:root .course-review-pagination > .course-review-pagination-pages { justify-content: flex-end; }
.course-review-status-badge { border-radius: 0px; }
"""
THEMES = {
    "material": {"name": "material", "font": False},
    "mkdocs": {"name": "mkdocs", "highlightjs": False},
    "readthedocs": {"name": "readthedocs", "highlightjs": False},
}
STYLE = """([selector, properties]) => {
  const element = document.querySelector(selector);
  if (element === null) return null;
  const style = getComputedStyle(element);
  return Object.fromEntries(properties.map((name) => [name, style.getPropertyValue(name)]));
}"""


def styles(page: Any, selector: str, *properties: str) -> dict[str, str]:
    found = page.evaluate(STYLE, [selector, list(properties)])
    assert found is not None, selector
    return dict(found)


@pytest.mark.parametrize("theme", list(THEMES))
def test_the_sites_own_rules_win(build_site: BuildSite, browser: Any, theme: str) -> None:
    site = build_site(
        {**SITE, "stylesheets/extra.css": USER_CSS},
        theme=THEMES[theme],
        extra_css=["stylesheets/extra.css"],
        plugin={"per_page": 1},
    )
    page = browser.new_page()
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort()
        ),
    )
    with serve(site.site_dir) as base:
        page.goto(base)
        item = styles(page, ".course-review-item", "margin-top", "margin-left", "margin-bottom")
        assert item == {"margin-top": "24px", "margin-left": "16px", "margin-bottom": "40px"}
        chip = styles(page, ".course-review-item .course-review-category", "margin-right")
        assert chip == {"margin-right": "6px"}
        badge = styles(page, ".course-review-status-badge", "border-top-left-radius")
        assert badge == {"border-top-left-radius": "0px"}

        page.goto(base + "reviews/r1/")
        card = styles(page, ".course-review-card", "color", "border-left-color")
        assert card == {"color": "rgb(200, 0, 0)", "border-left-color": "rgb(0, 128, 0)"}
        chips = styles(page, ".course-review-card .course-review-category-list", "gap", "display")
        assert chips == {"gap": "13px", "display": "flex"}
        lead = styles(page, ".course-review-description", "margin-bottom")
        assert lead == {"margin-bottom": "30px"}

        page.goto(base + "categories/web/page/2/")
        pages = styles(page, ".course-review-pagination-pages", "justify-content", "display")
        assert pages == {"justify-content": "flex-end", "display": "flex"}
    page.close()


@pytest.mark.parametrize("theme", list(THEMES))
def test_the_plugins_rules_win_over_the_themes_lists(
    build_site: BuildSite, browser: Any, theme: str
) -> None:
    site = build_site(SITE, theme=THEMES[theme], plugin={"per_page": 1})
    page = browser.new_page()
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort()
        ),
    )
    flat_list = {"display": "flex", "list-style-type": "none", "padding-left": "0px"}
    with serve(site.site_dir) as base:
        for path in ("", "reviews/", "categories/web/page/2/", "reviews/r1/"):
            page.goto(base + path)
            if path != "reviews/r1/":
                item = styles(page, ".course-review-item", "margin-left", "list-style-type")
                assert item == {"margin-left": "0px", "list-style-type": "none"}, path
                listed = ".course-review-item .course-review-category-list"
            else:
                listed = ".course-review-card .course-review-category-list"
            assert styles(page, listed, *flat_list) == flat_list, path
            chip = styles(page, ".course-review-category", "margin-left", "margin-bottom")
            assert chip == {"margin-left": "0px", "margin-bottom": "0px"}, path
        page.goto(base + "categories/web/page/2/")
        pages = styles(page, ".course-review-pagination-pages", *flat_list)
        assert pages == flat_list
        number = styles(page, ".course-review-pagination-pages > li", "margin-left")
        assert number == {"margin-left": "0px"}
    page.close()
