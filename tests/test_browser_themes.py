"""Every theme of the README's "Works with", as a reader sees it, in headless Chromium: the card,
a listing and the filter of all reviews at 375 px and 1280 px, light and dark where the theme has
both. Text and form controls have a contrast of at least 4.5:1 against what is really behind
them, the card is as wide as the page's text, and nothing is wider than the screen.

With COURSE_REVIEWS_SHOTS=DIR set, each page measured is also saved there as a PNG, and the
lowest contrast of each case is written to DIR/contrast.json, to be looked at.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import COLOURS, SCHEME, contrast, serve
from tests.conftest import BuildSite, review

pytest.importorskip("playwright.sync_api")  # every test here drives Chromium through it
pytestmark = [pytest.mark.slow, pytest.mark.browser]

BODY = "What the course taught me, in the review's own words."
LINK = "its own site"
SITE = {
    "index.md": "# Home\n\n<!-- course-reviews limit=3 -->\n",
    "reviews/full.md": review(
        "Machine Learning Foundations",
        category="[Web, Data Science]",
        institution="The University of Somewhere",
        date='"March 2025"',
        body=f"{BODY} See [{LINK}](https://example.org/).",
        extra=(
            "description: A long lead that wraps on a phone, to see how the card holds it.\n"
            "rating: 4.5\nstatus: in-progress\ntags: [python, statistics]\n"
            "instructor: Ada Lovelace\nurl: https://example.com/course\n"
        ),
    ),
    "reviews/dropped.md": review(
        "Rust Deep Dive", category="Web", date="2024", extra="rating: 2\nstatus: dropped\n"
    ),
    "reviews/plain.md": review("Plain Course", category="Web", date="2023"),
}
PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default"},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate"},
]
# Each theme as its documentation sets it up, without what would be fetched from a CDN.
THEMES: dict[str, dict[str, Any]] = {
    "material": {"name": "material", "font": False},
    "material-palette": {"name": "material", "font": False, "palette": PALETTE},
    "mkdocs": {"name": "mkdocs", "highlightjs": False, "color_mode": "auto"},
    "readthedocs": {"name": "readthedocs", "highlightjs": False},
    "dracula": {"name": "dracula", "highlightjs": False},
    "ivory": {"name": "ivory", "highlightjs": False},
    "windmill": {"name": "windmill"},
}
# The scheme each case's pages say they show (`SCHEME`): checked, so that "dark" is never a
# light page. Material without `palette:`, Read the Docs, ivory and windmill say none.
SHOWN_SCHEME = {
    ("material-palette", "light"): "light",
    ("material-palette", "dark"): "dark",
    ("mkdocs", "light"): "light",
    ("mkdocs", "dark"): "dark",
    ("dracula", "dark"): "dark",
}
CASES = [
    ("material", "light"),
    ("material-palette", "light"),
    ("material-palette", "dark"),
    ("mkdocs", "light"),
    ("mkdocs", "dark"),
    ("readthedocs", "light"),
    ("dracula", "dark"),
    ("ivory", "light"),
    ("windmill", "light"),
]
TEXT = {
    "reviews/full/": (
        ".course-review-card dt, .course-review-card dd, .course-review-card a, "
        ".course-review-description, .course-review-rating-value, .course-review-category, "
        ".course-review-status-badge, .course-review-tag, .course-review-way-back a"
    ),
    "categories/web/": (
        ".course-review-item-title, .course-review-item-meta > *, .course-review-category, "
        ".course-review-rating-value, .course-review-status-badge"
    ),
    "reviews/": (
        ".course-review-filter label, .course-review-filter select, "
        ".course-review-filter input, .course-review-filter button, "
        ".course-review-filter-count, .course-review-list-all .course-review-item-title, "
        ".course-review-list-all .course-review-item-meta > *"
    ),
}
# What must be found and measured on each page, not skipped.
EXPECTED = {
    "reviews/full/": ("Institution", "4.5", "In progress", "python", "Go to course"),
    "categories/web/": ("Rust Deep Dive", "Dropped", "2"),
    "reviews/": ("Category", "Clear filters", "3 of 3 reviews", "Plain Course"),
}
LAYOUT = """() => {
  const box = (e) => e && e.getBoundingClientRect();
  const card = box(document.querySelector(".course-review-card"));
  const body = [...document.querySelectorAll("p")].find(p => p.textContent.includes(BODY));
  const controls = [...document.querySelectorAll(
    ".course-review-filter select, .course-review-filter input, .course-review-filter button")];
  return {
    width: window.innerWidth,
    scroll: document.documentElement.scrollWidth,
    card: card && [card.left, card.right, card.width, card.height],
    cardShown: !!document.querySelector(".course-review-card")?.checkVisibility(),
    text: body ? box(body).width : null,
    controls: controls.filter(c => c.checkVisibility()).map(c => [box(c).left, box(c).right]),
  };
}""".replace("BODY", json.dumps(BODY))


def content(page: Any, theme: str, path: str) -> Any:
    """The frame that holds the page at `path`, loaded: windmill's iframe, or the page itself."""
    if theme != "windmill":
        return page.main_frame
    page.locator("iframe.wm-article").wait_for()
    (frame,) = [f for f in page.frames if f.parent_frame is not None]
    # Windmill loads the page into its iframe after the top page's hash changes.
    expected = page.url.split("#")[0] + path
    frame.wait_for_url(lambda url: url.split("?")[0] == expected)
    frame.wait_for_load_state()
    return frame


def url_of(base: str, theme: str, path: str) -> str:
    """Where a reader opens `path`: windmill shows every page through its top page's hash."""
    return f"{base}#{path}" if theme == "windmill" else base + path


@pytest.fixture(scope="module")
def sites(build_site_module: BuildSite) -> Iterator[dict[str, str]]:
    """Each theme's site, built once and served: its base URL."""
    with contextlib.ExitStack() as stack:
        yield {
            theme: stack.enter_context(serve(build_site_module(SITE, theme=options).site_dir))
            for theme, options in THEMES.items()
        }


def shots_dir() -> Path | None:
    """Where to save screenshots (COURSE_REVIEWS_SHOTS), if anywhere."""
    folder = os.environ.get("COURSE_REVIEWS_SHOTS")
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder)


def offline_page(browser: Any, base: str, **options: Any) -> tuple[Any, Any]:
    """A new context and page (`options` are the context's) that loads nothing but `base`'s:
    themes load fonts and scripts from CDNs; those requests are refused rather than waited on."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(base) else route.abort(),
    )
    return context, page


def layout_problems(path: str, layout: dict[str, Any]) -> list[str]:
    """What is wrong with the layout `LAYOUT` measured on the page at `path`."""
    width = layout["width"]
    problems = [f"{path}: {layout['scroll']} px wide in {width} px"] * (layout["scroll"] > width)
    problems += [
        f"{path}: a filter control at {left}..{right}"
        for left, right in layout["controls"]
        if left < -0.5 or right > width + 0.5
    ]
    if path != "reviews/full/":
        return problems
    assert layout["text"], "the review's text was not found"
    left, right, card_width, height = layout["card"]
    if not layout["cardShown"] or height == 0:
        problems.append("the card is hidden")
    elif left < -0.5 or right > width + 0.5:
        problems.append(f"the card is outside the screen: {left}..{right}")
    elif card_width < 0.95 * layout["text"]:
        problems.append(f"the card is {card_width} px wide, the text {layout['text']} px")
    return problems


@pytest.mark.parametrize(("theme", "scheme"), CASES)
@pytest.mark.parametrize("width", [375, 1280])
def test_text_and_controls_have_contrast_and_the_layout_holds(
    sites: dict[str, str], browser: Any, theme: str, scheme: str, width: int
) -> None:
    context, page = offline_page(
        browser, sites[theme], viewport={"width": width, "height": 900}, color_scheme=scheme
    )
    ratios: list[tuple[str, str, float]] = []
    problems: list[str] = []
    folder = shots_dir()
    for path, selector in TEXT.items():
        page.goto(url_of(sites[theme], theme, path))
        frame = content(page, theme, path)
        if path == "reviews/":
            frame.locator("form.course-review-filter").wait_for(state="visible")
        assert frame.evaluate(SCHEME) == SHOWN_SCHEME.get((theme, scheme)), path
        samples = frame.evaluate(COLOURS, selector)
        for expected in EXPECTED[path]:
            assert any(sample["text"].startswith(expected) for sample in samples), (path, expected)
        ratios += [
            (path, sample["text"], round(contrast(tuple(sample["fg"]), tuple(sample["bg"])), 2))
            for sample in samples
        ]
        problems += layout_problems(path, frame.evaluate(LAYOUT))
        if folder is not None:
            name = path.strip("/").replace("/", "-")
            page.screenshot(path=str(folder / f"{theme}-{scheme}-{width}-{name}.png"))
    context.close()
    if folder is not None:
        report = folder / "contrast.json"
        numbers = json.loads(report.read_text()) if report.exists() else {}
        numbers[f"{theme} {scheme} {width}"] = min(ratio for _, _, ratio in ratios)
        report.write_text(json.dumps(numbers, indent=1, sort_keys=True))
    assert [sample for sample in ratios if sample[2] < 4.5] == []
    assert problems == []


def test_windmill_shows_the_filter_in_the_address_bar(sites: dict[str, str], browser: Any) -> None:
    # Windmill keeps the page in an iframe and its address in the top window's hash; the
    # address a reader copies is the top window's.
    base = sites["windmill"]
    context, page = offline_page(browser, base)
    page.goto(f"{base}#reviews/")
    frame = content(page, "windmill", "reviews/")
    frame.locator("form.course-review-filter").wait_for(state="visible")
    frame.get_by_label("Minimum rating").select_option("4")
    assert page.url == f"{base}#reviews/?rating=4"
    assert frame.url == f"{base}reviews/?rating=4"
    copied = page.url
    context.close()
    # A reader opening the copied address sees the same filtered list.
    context, page = offline_page(browser, base)
    page.goto(copied)
    frame = content(page, "windmill", "reviews/")
    frame.locator("form.course-review-filter").wait_for(state="visible")
    titles = frame.locator(".course-review-list-all > .course-review-item:visible")
    assert titles.locator(".course-review-item-title").all_inner_texts() == [
        "Machine Learning Foundations"
    ]
    assert frame.get_by_label("Minimum rating").input_value() == "4"
    context.close()


MATERIAL_COLOURS = """(link) => {
  const colour = (selector) => {
    const element = document.querySelector(selector);
    return element && getComputedStyle(element).color;
  };
  const own = [...document.querySelectorAll(".md-content p a")].find(a => a.textContent === link);
  const card = document.querySelector(".course-review-card");
  return {
    own: own && getComputedStyle(own).color,
    card: colour(".course-review-card .course-review-institution a"),
    way: colour(".course-review-way-back a"),
    panel: card && getComputedStyle(card).backgroundColor,
    page: getComputedStyle(document.querySelector(".md-main")).backgroundColor,
  };
}"""


@pytest.mark.parametrize("theme", ["material", "material-palette"])
def test_material_colours_with_or_without_a_palette(
    sites: dict[str, str], browser: Any, theme: str
) -> None:
    # Material's default is no `palette:` at all: then it sets no colour scheme on the page.
    base = sites[theme]
    context, page = offline_page(browser, base)
    page.goto(f"{base}reviews/full/")
    colours = page.evaluate(MATERIAL_COLOURS, LINK)
    # Links in Material's link colour (not the text's black), the card on Material's panel.
    assert colours["own"] not in {None, "rgb(0, 0, 0)", "rgba(0, 0, 0, 0.87)"}, colours
    assert colours["card"] == colours["own"], colours
    assert colours["way"] == colours["own"], colours
    assert colours["panel"] not in {"rgba(0, 0, 0, 0)", colours["page"]}, colours
    page.goto(f"{base}categories/")
    bars = page.evaluate(
        "[...document.querySelectorAll('.course-review-chart-bar')]"
        ".map(e => getComputedStyle(e).color)"
    )
    assert bars, "no chart bar"
    assert set(bars) == {colours["own"]}
    context.close()
