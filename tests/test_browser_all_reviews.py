"""The filter of the page of all reviews, as a reader uses it, in headless Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.browser import MARK, MARKED, SCHEME, local_server, serve
from tests.conftest import BuildSite, review

pytest.importorskip("playwright.sync_api")  # every test here drives Chromium through it
pytestmark = [pytest.mark.slow, pytest.mark.browser]

SECRET = "QX-FILTER-DRAFT-3307"  # noqa: S105 - a marker, not a password
SITE = {
    "index.md": "# Home\n\n[Every review](reviews/index.md) and [about](about.md).\n",
    "about.md": "# About\n\nBack [to all reviews](reviews/index.md).\n",
    "reviews/alpha.md": review(
        "Alpha Web", category="Web", institution="MIT", date="2024-05-02", extra="rating: 4.5\n"
    ),
    "reviews/beta.md": review(
        "Beta Data",
        category='"Data Science"',
        institution="Stanford",
        date='"February 2024"',
        extra="rating: 3\nstatus: in-progress\n",
    ),
    "reviews/gamma.md": review(
        "Gamma Café",
        category="[Café, Web]",
        institution='"École Polytechnique"',
        date='"November 2023"',
        extra="rating: 5\n",
    ),
    "reviews/delta.md": review(
        "Delta Straße", category="Straße", institution="MIT", date="2023", extra="status: dropped\n"
    ),
    "reviews/epsilon.md": review(
        "Epsilon Deep Learning",
        category='"Data Science"',
        institution="deeplearning.ai",
        date='"August 2022"',
        extra="rating: 4\ndescription: Neural networks from scratch\n",
    ),
    "reviews/zeta.md": review(
        "zeta lowercase", category="web", institution="Stanford", date="2021", extra="rating: 2\n"
    ),
    "reviews/eta.md": review(
        # "ΟΔΟΣ" in capitals, written with YAML escapes.
        "Ψ Greek",
        category='"\\u039f\\u0394\\u039f\\u03a3"',
        institution="MIT",
        date="2020",
        extra="rating: 1\n",
    ),
    "reviews/draft.md": review(
        f"Draft {SECRET}", category="Web", date="2025", extra="draft: true\n", body=SECRET
    ),
}
ALPHA, BETA, GAMMA, DELTA = "Alpha Web", "Beta Data", "Gamma Café", "Delta Straße"
EPSILON, ZETA, ETA = "Epsilon Deep Learning", "zeta lowercase", "Ψ Greek"
NEWEST_FIRST = [ALPHA, BETA, GAMMA, DELTA, EPSILON, ZETA, ETA]
MATERIAL = {"name": "material", "font": False}
ITEMS = ".course-review-list-all > .course-review-item"


@pytest.fixture(scope="module")
def base(build_site_module: BuildSite) -> Iterator[str]:
    # No highlight.js from a CDN: there may be no network.
    site = build_site_module(SITE, theme={"name": "mkdocs", "highlightjs": False})
    with serve(site.site_dir) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert errors == []


def visible_titles(page: Any) -> list[str]:
    titles: list[str] = page.locator(f"{ITEMS}:visible .course-review-item-title").all_inner_texts()
    return titles


def query(page: Any) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(page.url).query)


def open_filtered(page: Any, url: str) -> None:
    page.goto(url)
    # The script shows the form once it has read the URL and filtered the list.
    page.locator("form.course-review-filter").wait_for(state="visible")


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("", NEWEST_FIRST),
        ("category=Web", [ALPHA, GAMMA, ZETA]),
        ("category=wEB", [ALPHA, GAMMA, ZETA]),
        ("category=%20%20WEB%20", [ALPHA, GAMMA, ZETA]),
        ("category=CAFE%CC%81", [GAMMA]),  # "E" and a combining accent
        ("category=STRASSE", [DELTA]),  # "ß" folds to "ss"
        ("category=stra%C3%9Fe", [DELTA]),  # and so does the reader's
        ("category=%CE%BF%CE%B4%CE%BF%CF%82", [ETA]),  # "οδος", with a final sigma
        ("category=data+science", [BETA, EPSILON]),
        ("institution=mit", [ALPHA, DELTA, ETA]),
        ("institution=%C3%A9cole%20polytechnique", [GAMMA]),
        ("year=2023", [GAMMA, DELTA]),
        ("status=in-progress", [BETA]),
        ("status=Dropped", [DELTA]),
        ("rating=4", [ALPHA, GAMMA, EPSILON]),
        ("rating=4.5", [ALPHA, GAMMA]),
        ("text=neural", [EPSILON]),  # in the description
        ("text=DEEP%20%20learning", [EPSILON]),
        ("text=mit+web", [ALPHA]),  # every word, in any field
        ("category=web&year=2024&status=completed", [ALPHA]),
        ("category=Web&rating=4.5", [ALPHA, GAMMA]),
        ("institution=Stanford&text=zeta", [ZETA]),
        ("sort=rating", [GAMMA, ALPHA, EPSILON, BETA, ZETA, ETA, DELTA]),
        ("sort=title", [ALPHA, BETA, DELTA, EPSILON, GAMMA, ZETA, ETA]),
        ("sort=title&category=web", [ALPHA, GAMMA, ZETA]),
        ("sort=nonsense", NEWEST_FIRST),
        ("unknown=1&rating=many", NEWEST_FIRST),
    ],
)
def test_the_url_query_in_the_visible_reviews_out(
    page: Any, base: str, search: str, expected: list[str]
) -> None:
    open_filtered(page, f"{base}reviews/?{search}")
    assert visible_titles(page) == expected
    total = len(NEWEST_FIRST)
    status = page.get_by_role("status")
    assert status.inner_text() == f"{len(expected)} of {total} reviews"
    assert page.locator("[data-course-review-no-match]").is_hidden()
    # Reading the URL does not rewrite it.
    assert urlsplit(page.url).query == search


def test_a_name_no_review_carries_shows_an_empty_list_saying_so(page: Any, base: str) -> None:
    open_filtered(page, f"{base}reviews/?category=Nope")
    assert visible_titles(page) == []
    assert page.get_by_label("Category").input_value() == "Nope"
    assert page.locator("[data-course-review-no-match]").is_visible()
    assert page.get_by_role("status").inner_text() == "0 of 7 reviews"


def test_choosing_and_typing_update_the_url(page: Any, base: str) -> None:
    open_filtered(page, f"{base}reviews/")
    page.get_by_label("Category").select_option("Data Science")
    assert query(page) == [("category", "Data Science")]
    assert visible_titles(page) == [BETA, EPSILON]
    page.get_by_label("Keywords").press_sequentially("neur")
    assert query(page) == [("category", "Data Science"), ("text", "neur")]
    assert visible_titles(page) == [EPSILON]
    page.get_by_label("Sort by").select_option("title")
    assert ("sort", "title") in query(page)
    page.get_by_role("button", name="Clear filters").click()
    # Clearing keeps the order the reader chose.
    assert query(page) == [("sort", "title")]
    assert visible_titles(page) == [ALPHA, BETA, DELTA, EPSILON, GAMMA, ZETA, ETA]
    page.get_by_label("Sort by").select_option("date")
    assert urlsplit(page.url).query == ""
    assert visible_titles(page) == NEWEST_FIRST
    # What the URL now says is what a reader opening it sees.
    page.get_by_label("Year").select_option("2024")
    shared = page.url
    open_filtered(page, shared)
    assert visible_titles(page) == [ALPHA, BETA]


def test_keyboard_only(page: Any, base: str) -> None:
    open_filtered(page, f"{base}reviews/")

    def tab_to(element_id: str) -> None:
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == element_id:
                return
        pytest.fail(f"Tab never reaches #{element_id}")

    tab_to("course-review-filter-category")
    page.keyboard.press("ArrowDown")  # the first category: "Café"
    assert query(page) == [("category", "Café")]
    assert visible_titles(page) == [GAMMA]
    tab_to("course-review-filter-sort")
    page.keyboard.press("End")  # the last order: by title
    assert ("sort", "title") in query(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "course-review-filter-text"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.type("zzz")
    assert visible_titles(page) == []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Clear filters"
    page.keyboard.press("Enter")
    assert visible_titles(page) == [ALPHA, BETA, DELTA, EPSILON, GAMMA, ZETA, ETA]
    assert query(page) == [("sort", "title")]


def test_the_live_region_tells_how_many_are_shown(page: Any, base: str) -> None:
    open_filtered(page, f"{base}reviews/")
    status = page.get_by_role("status")
    assert status.get_attribute("aria-live") in {None, "polite"}  # role=status is polite
    page.get_by_label("Minimum rating").select_option("4.5")
    assert status.inner_text() == "2 of 7 reviews"


def test_without_javascript_the_whole_list_and_no_form(browser: Any, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}reviews/?category=Web")
    assert visible_titles(page) == NEWEST_FIRST
    assert page.locator("form.course-review-filter").is_hidden()
    context.close()


def test_no_draft_anywhere_on_the_page(page: Any, base: str) -> None:
    open_filtered(page, f"{base}reviews/?category=Web")
    assert SECRET not in page.content()


@pytest.mark.parametrize(
    ("theme", "scheme"),
    [("mkdocs", "light"), ("readthedocs", "light"), ("material", "light"), ("material", "dark")],
)
def test_no_serious_accessibility_violation_and_it_fits_a_phone(
    build_site: BuildSite, browser: Any, theme: str, scheme: str
) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    offline: dict[str, Any] = {"font": False} if theme == "material" else {"highlightjs": False}
    if theme == "material" and scheme == "dark":
        offline["palette"] = {"scheme": "slate"}
    site = build_site(SITE, theme={"name": theme, **offline})
    with serve(site.site_dir) as url:
        for width in (1280, 375):
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            # Unfiltered, so that every badge and star is checked.
            open_filtered(page, f"{url}reviews/")
            # Read the Docs has one scheme, Material's light one here is its default (no
            # `palette:`): neither says which.
            says = theme == "mkdocs" or (theme, scheme) == ("material", "dark")
            assert page.evaluate(SCHEME) == (scheme if says else None)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            results = axe_module.Axe().run(
                page, context={"include": [[".course-review-filter"], [".course-review-list-all"]]}
            )
            serious = [
                (v["id"], [n["target"] for n in v["nodes"]])
                for v in results.response["violations"]
                if v["impact"] in {"serious", "critical"}
            ]
            assert serious == [], (width, serious)
            context.close()


def test_material_instant_navigation(build_site: BuildSite, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Material navigates instantly only to the pages of its sitemap, which is made from
    # site_url: the site is built for the address it is served at.
    with local_server() as server:
        url = server.url
        site = build_site(
            SITE, theme={**MATERIAL, "features": ["navigation.instant"]}, site_url=url
        )
        server.directory = site.site_dir
        page.goto(url)
        page.evaluate(MARK)
        page.locator("article a", has_text="Every review").click()
        page.wait_for_url(f"{url}reviews/")
        page.locator("form.course-review-filter").wait_for(state="visible")
        assert page.evaluate(MARKED), "not an instant navigation: the page was loaded again"
        page.get_by_label("Category").select_option("Web")
        assert visible_titles(page) == [ALPHA, GAMMA, ZETA]
        assert query(page) == [("category", "Web")]
        # Away and back, still by instant navigation: the new page's filter works, once.
        page.locator("nav a", has_text="About").first.click()
        page.wait_for_url(f"{url}about/")
        page.locator("article a", has_text="to all reviews").click()
        page.wait_for_url(f"{url}reviews/")
        page.locator("form.course-review-filter").wait_for(state="visible")
        assert page.evaluate(MARKED), "not an instant navigation: the page was loaded again"
        page.get_by_label("Keywords").press_sequentially("gamma")
        assert visible_titles(page) == [GAMMA]
        assert query(page) == [("text", "gamma")]
        assert page.get_by_role("status").inner_text() == "1 of 7 reviews"
        # Material opens its search dialog for `?q=`; the filter's text is `?text=`.
        open_filtered(page, f"{url}reviews/?text=straße")
        assert visible_titles(page) == [DELTA]
        assert page.evaluate("document.getElementById('__search').checked") is False
    context.close()
    assert errors == []


@pytest.mark.parametrize("cache_safe", [False, True])
def test_the_filter_works_minified(build_site: BuildSite, page: Any, cache_safe: bool) -> None:
    # Documented options (mkdocs-minify-plugin README): `minify_js` minifies the `js_files`.
    script = "assets/course-reviews/course-reviews.js"
    options = {"minify_js": True, "js_files": [script], "cache_safe": cache_safe}
    site = build_site(
        SITE,
        theme={"name": "mkdocs", "highlightjs": False},
        plugins=["search", "course-reviews", {"minify": options}],
    )
    (built,) = (site.site_dir / "assets/course-reviews").glob("*.js")
    # Cache-safe, it is served as it is under a hashed name (minify cannot hash it).
    expected = r"course-reviews\.[0-9a-f]{6}\.js" if cache_safe else r"course-reviews\.min\.js"
    assert re.fullmatch(expected, built.name)
    with serve(site.site_dir) as url:
        open_filtered(page, f"{url}reviews/?category=web&sort=title")
        assert visible_titles(page) == [ALPHA, GAMMA, ZETA]


def test_a_german_page_writes_the_scripts_numbers_in_german(
    build_site: BuildSite, browser: Any
) -> None:
    site = build_site(SITE, theme={**MATERIAL, "language": "de"})
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    with serve(site.site_dir) as url:
        # A minimum rating no option offers is added, written as the page's language writes it.
        open_filtered(page, f"{url}reviews/?rating=3.25")
        rating = page.get_by_label("Mindestwertung")
        assert rating.input_value() == "3.25"
        assert rating.locator("option:checked").inner_text() == "3,25 oder mehr"
        assert page.get_by_role("status").inner_text() == "3 von 7 Bewertungen"
        assert visible_titles(page) == [ALPHA, GAMMA, EPSILON]
        rating.select_option("4.5")
        assert page.get_by_role("status").inner_text() == "2 von 7 Bewertungen"
        assert query(page) == [("rating", "4.5")]
    context.close()
