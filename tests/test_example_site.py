"""The example site: built strict, its links checked, and looked at in headless Chromium."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.browser import COLOURS, contrast, serve
from tests.conftest import build_in_process

EXAMPLE = Path(__file__).parents[1] / "example_site"
PAGES = [
    "",
    "reviews/",
    "reviews/full-stack-open/",
    "categories/machine-learning/",
    "categories/machine-learning/page/2/",
    "categories/",
    "institutions/",
    "years/",
    "about/",
]
SITE_PATH = "/learning-log/"  # the path of site_url in example_site/mkdocs.yml
OWN_ELEMENTS = [
    ".course-review-way-back",
    ".course-review-filter",
    ".course-review-card",
    ".course-review-list",
    ".course-review-pagination",
    ".course-review-overview-index",
    ".course-review-chart",
    ".course-review-stats",
]


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site built strict, in this process (the slow tier builds it with `mkdocs`)."""
    site = tmp_path_factory.mktemp("example") / "site"
    records = build_in_process(EXAMPLE / "mkdocs.yml", strict=True, site_dir=str(site))
    assert [r.getMessage() for r in records if r.levelno >= logging.WARNING] == []
    return site


def test_the_example_builds_strict_and_shows_what_the_issue_asks(site_dir: Path) -> None:
    reviews = list((EXAMPLE / "docs/reviews").glob("*.md"))
    assert len(reviews) >= 12
    categories = BeautifulSoup((site_dir / "categories/index.html").read_text(), "html.parser")
    assert len(categories.select(".course-review-overview-entry")) >= 5
    institutions = BeautifulSoup((site_dir / "institutions/index.html").read_text(), "html.parser")
    assert len(institutions.select(".course-review-overview-entry")) >= 6
    assert (site_dir / "categories/machine-learning/page/2/index.html").exists()
    assert not (site_dir / "reviews/rust-draft").exists()
    home = BeautifulSoup((site_dir / "index.html").read_text(), "html.parser")
    assert len(home.select(".course-review-item")) == 5
    assert home.select_one(".course-review-stats svg[role=img]") is not None
    for index in (categories, institutions):
        assert index.select_one(".course-review-chart svg[role=img]") is not None


def internal_targets(site_dir: Path) -> Iterator[tuple[Path, str, Path]]:
    """Every internal link, stylesheet, script and image: (page, reference, file it needs)."""
    for page in site_dir.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                reference = element.get(attribute)
                if not reference or re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", reference):
                    continue
                path = unquote(urlsplit(reference).path)
                if path.startswith(SITE_PATH):  # absolute, as in 404.html
                    target = site_dir / path.removeprefix(SITE_PATH)
                else:
                    target = (page.parent / path).resolve() if path else page
                if target.is_dir() or reference.endswith("/"):
                    target = target / "index.html"
                yield page, reference, target


def test_no_broken_internal_link(site_dir: Path) -> None:
    checked = 0
    broken = []
    for page, reference, target in internal_targets(site_dir):
        checked += 1
        if not target.exists():
            broken.append(f"{page.relative_to(site_dir)} -> {reference}")
    assert broken == []
    assert checked > 500


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


def open_page(
    browser: Any, url: str, *, width: int = 1280, scheme: str = "light"
) -> tuple[Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, errors


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (375, "dark")])
def test_pages_load_cleanly_and_fit_a_phone(
    browser: Any, base_url: str, path: str, width: int, scheme: str
) -> None:
    page, errors = open_page(browser, base_url + path, width=width, scheme=scheme)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert errors == []
    page.context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_review_card_and_category_click(browser: Any, base_url: str) -> None:
    page, errors = open_page(browser, base_url + "reviews/full-stack-open/")
    card = page.locator(".course-review-card")
    assert card.is_visible()
    link = page.locator("a.course-review-link")
    assert link.is_visible()
    assert link.get_attribute("href") == "https://fullstackopen.com/en/"
    assert "fullstackopen.com" in link.inner_text()
    page.locator(
        ".course-review-card .course-review-category a", has_text="Web Development"
    ).click()
    page.wait_for_load_state("networkidle")
    assert page.url == base_url + "categories/web-development/"
    titles = page.locator(".course-review-item-title").all_inner_texts()
    assert "Full Stack Open" in titles
    assert errors == []
    page.context.close()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["dark", "light"])
@pytest.mark.parametrize(
    "path", ["reviews/", "reviews/full-stack-open/", "categories/machine-learning/"]
)
def test_text_contrast_of_our_elements(browser: Any, base_url: str, scheme: str, path: str) -> None:
    page, _ = open_page(browser, base_url + path, scheme=scheme)
    selector = ", ".join(
        f"{own} {part}"
        for own in (".course-review-card", ".course-review-list", ".course-review-filter")
        for part in (
            "dt",
            "dd",
            "a",
            "p",
            "time",
            ".course-review-item-meta",
            ".course-review-category",
            "label",
            "select",
            "button",
        )
    )
    # The way back, the badges and the page numbers sit outside the card and the list.
    selector += ", .course-review-way-back a, .course-review-pagination a"
    selector += ", .course-review-pagination-page, .course-review-status-badge"
    samples = page.evaluate(COLOURS, selector)
    assert len(samples) > 5
    low = [
        (s["text"], round(contrast(tuple(s["fg"]), tuple(s["bg"])), 2))
        for s in samples
        if contrast(tuple(s["fg"]), tuple(s["bg"])) < 4.5
    ]
    assert low == []
    page.context.close()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "",
        "reviews/",
        "reviews/full-stack-open/",
        "categories/machine-learning/",
        "categories/",
        "years/",
    ],
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation_in_our_elements(
    browser: Any, base_url: str, path: str, scheme: str
) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    page, _ = open_page(browser, base_url + path, scheme=scheme)
    present = [s for s in OWN_ELEMENTS if page.locator(s).count()]
    assert present
    results = axe_module.Axe().run(page, context={"include": [[s] for s in present]})
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []
    page.context.close()


def _search(page: Any, query: str) -> list[tuple[str, str]]:
    """Type `query` into Material's search; return (title, href) of each result, in order."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)  # Material searches on key events
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    # Material searches again on every key, replacing the list: read it once it has settled,
    # in one step, so that a list being replaced is never read half old and half new.
    read = """() => [...document.querySelectorAll(
        ".md-search-result__item > a.md-search-result__link")].map(a => [
        (a.querySelector("h1, h2") || {innerText: ""}).innerText, a.getAttribute("href") || ""])"""
    results: list[tuple[str, str]] = []
    for _ in range(50):
        page.wait_for_timeout(200)
        now = [(title, href) for title, href in page.evaluate(read)]
        if now and now == results:
            break
        results = now
    return results


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Udemy", {"reviews/transformers-from-scratch"}),
        ("Harvard", {"reviews/cs50"}),
        ("Andrew Ng", {"reviews/deep-learning-specialization"}),
        ("MinnaLearn", {"reviews/elements-of-ai"}),
    ],
)
def test_material_search_finds_reviews_by_what_their_card_says(
    browser: Any, base_url: str, query: str, expected: set[str]
) -> None:
    page, errors = open_page(browser, base_url)
    results = _search(page, query)
    assert results, f"no result for {query!r}"
    first = urlsplit(results[0][1]).path.rstrip("/")
    assert any(first.endswith(path) for path in expected), (query, results[:3])
    assert not any("draft" in href for _, href in results)
    assert errors == []
    page.context.close()
