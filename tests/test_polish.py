"""The card and listings as the example site's screenshots asked: the rating's number, chips,
tags, the lead, status badges and filter, numbered pagination and the way back, in real builds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from mkdocs_course_reviews.labels import DEFAULT_LABELS
from mkdocs_course_reviews.listings import ListingQuery, parse_marker
from mkdocs_course_reviews.overviews import Overviews, page_numbers
from mkdocs_course_reviews.schema import Review
from tests.conftest import BuildSite, Site, draft_and_broken, review

SECRET = "QX-POLISH-DRAFT-2291"  # noqa: S105 - a marker, not a password
XSS = "<b>bold</b> & <i>"
SITE = {
    "index.md": "# Home\n\n<!-- course-reviews status=in-progress -->\n",
    "reviews/web.md": review(
        "Web only", category="Web", institution="MIT", date='"May 2025"', extra="rating: 4.5\n"
    ),
    "reviews/both.md": review(
        "Both",
        category="[AI, web]",
        institution="Stanford",
        date='"April 2025"',
        extra="status: in-progress\ndescription: The lead line.\n",
    ),
    "reviews/dropped.md": review(
        "Dropped one",
        category=f'["{XSS}", Web]',
        institution=f'"{XSS}"',
        date='"March 2024"',
        extra="status: Dropped\nrating: 2\n",
    ),
    **draft_and_broken(SECRET, broken=None, category="Web", extra="status: in-progress\n"),
}


def resolve(site: Site, page: str, href: str) -> Path:
    """The built file an `href` found on `page` (a folder URL like `categories/`) points to."""
    target = (site.site_dir / page / urlsplit(href).path).resolve()
    return target / "index.html" if target.is_dir() else target


def item(soup: BeautifulSoup, title: str) -> Any:
    (found,) = [
        li
        for li in soup.select(".course-review-item")
        if li.select_one(".course-review-item-title").get_text() == title
    ]
    return found


def chips(element: Any) -> list[str]:
    return [chip.get_text(strip=True) for chip in element.select(".course-review-category")]


def shown_numbers(row: list[int | None]) -> str:
    return " ".join("…" if number is None else str(number) for number in row)


@pytest.fixture(scope="module")
def site(build_site_module: BuildSite) -> Site:
    return build_site_module(SITE, strict=True)


# The rating's number --------------------------------------------------------------------------


def test_the_ratings_number_is_beside_the_stars_in_the_card_and_in_listings(site: Site) -> None:
    card = site.html("reviews/web/index.html").select_one(".course-review-card")
    assert card.select_one(".course-review-rating-value").get_text() == "4.5"
    listing = item(site.html("categories/web/index.html"), "Web only")
    rating = listing.select_one(".course-review-item-rating")
    assert rating.select_one(".course-review-stars")["aria-label"] == "4.5 out of 5"
    # Screen readers hear the stars' label; the number is for the eye.
    assert rating.select_one(".course-review-rating-value")["aria-hidden"] == "true"
    assert rating.select_one(".course-review-rating-value").get_text() == "4.5"
    assert (
        item(site.html("categories/web/index.html"), "Both").select_one(
            ".course-review-rating-value"
        )
        is None
    )


# Categories: one chip, and not the page's own --------------------------------------------------


def test_categories_are_the_same_chips_in_the_card_and_in_listings(site: Site) -> None:
    card = site.html("reviews/both/index.html").select_one(".course-review-card")
    fact = card.select_one(".course-review-categories")
    assert fact.select("ul.course-review-category-list > li.course-review-category")
    assert chips(fact) == ["AI", "web"]
    ai = site.html("categories/ai/index.html")
    listed = item(ai, "Both").select_one(".course-review-item-categories")
    assert listed.select("ul.course-review-category-list > li.course-review-category")
    # The chip of the page's own category is left out.
    assert chips(listed) == ["web"]
    (link,) = listed.select("a")
    assert resolve(site, "categories/ai/", link["href"]) == (
        site.site_dir / "categories/web/index.html"
    )


def test_a_group_page_leaves_its_own_chip_and_institution_out(site: Site) -> None:
    web = site.html("categories/web/index.html")
    # Only Web: no list of categories at all.
    assert item(web, "Web only").select_one(".course-review-item-categories") is None
    assert chips(item(web, "Both")) == ["AI"]
    assert chips(item(web, "Dropped one")) == [XSS]
    for li in web.select(".course-review-item"):
        for a in li.select(".course-review-category a"):
            assert resolve(site, "categories/web/", a["href"]) != (
                site.site_dir / "categories/web/index.html"
            )
    mit = site.html("institutions/mit/index.html")
    assert item(mit, "Web only").select_one(".course-review-item-institution") is None
    assert chips(item(mit, "Web only")) == ["Web"]
    # Elsewhere the institution is shown, linked to its page.
    year = site.html("years/2025/index.html")
    institution = item(year, "Web only").select_one(".course-review-item-institution a")
    assert institution.get_text() == "MIT"
    assert resolve(site, "years/2025/", institution["href"]) == (
        site.site_dir / "institutions/mit/index.html"
    )
    assert chips(item(year, "Web only")) == ["Web"]


# Status ----------------------------------------------------------------------------------------


def test_the_status_badge_in_the_card_and_in_listings(site: Site) -> None:
    card = site.html("reviews/both/index.html").select_one(".course-review-card")
    badge = card.select_one(".course-review-status .course-review-status-badge")
    assert badge["class"] == ["course-review-status-badge", "course-review-status-in-progress"]
    assert badge.get_text() == "In progress"
    web = site.html("categories/web/index.html")
    listed = item(web, "Both").select_one(".course-review-item-status .course-review-status-badge")
    assert listed.get_text() == "In progress"
    dropped = item(web, "Dropped one").select_one(".course-review-status-badge")
    assert dropped["class"] == ["course-review-status-badge", "course-review-status-dropped"]
    assert dropped.get_text() == "Dropped"
    # Completed, the default, needs no badge.
    assert item(web, "Web only").select_one(".course-review-status-badge") is None
    assert site.html("reviews/web/index.html").select_one(".course-review-status-badge") is None


def test_a_marker_filters_by_status_and_never_lists_drafts(site: Site) -> None:
    home = site.html("index.html")
    assert [a.get_text() for a in home.select(".course-review-item-title")] == ["Both"]
    assert site.leaks(SECRET) == []


@pytest.mark.parametrize(
    ("arguments", "query", "problems"),
    [
        (" status=in-progress", ListingQuery(status="in-progress"), []),
        (' status="In progress" limit=2', ListingQuery(limit=2, status="in-progress"), []),
        (" status=DROPPED", ListingQuery(status="dropped"), []),
        (" status=completed", ListingQuery(status="completed"), []),
        (
            " status=paused",
            ListingQuery(),
            ["unknown status 'paused'; the statuses are completed, in-progress, dropped"],
        ),
    ],
)
def test_parse_the_status_filter(arguments: str, query: ListingQuery, problems: list[str]) -> None:
    assert parse_marker(arguments) == (query, problems)


def test_an_unknown_status_in_a_marker_is_a_warning(build_site: BuildSite) -> None:
    site = build_site(
        {
            "index.md": "# Home\n\n<!-- course-reviews status=paused -->\n",
            "reviews/a.md": review("A", extra="status: dropped\n"),
            "reviews/b.md": review("B"),
        }
    )
    assert site.warnings == [
        (
            "mkdocs_course_reviews: index.md: course-reviews listing: unknown status 'paused'; "
            "the statuses are completed, in-progress, dropped"
        )
    ]
    # The filter it could not read is left out: the listing has every review.
    titles = [a.get_text() for a in site.html("index.html").select(".course-review-item-title")]
    assert titles == ["A", "B"]


# The lead --------------------------------------------------------------------------------------


def test_the_description_leads_the_card_without_a_label(site: Site) -> None:
    card = site.html("reviews/both/index.html").select_one(".course-review-card")
    first = next(child for child in card.children if getattr(child, "name", None))
    assert first["class"] == ["course-review-description"]
    assert first.get_text() == "The lead line."
    assert "description" not in " ".join(dt.get_text() for dt in card.select("dt")).lower()


# Pagination ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "count", "row"),
    [
        (1, 1, "1"),
        (2, 3, "1 2 3"),
        (4, 7, "1 2 3 4 5 6 7"),
        (1, 9, "1 2 3 4 5 … 9"),
        (4, 9, "1 2 3 4 5 … 9"),
        (5, 9, "1 … 4 5 6 … 9"),
        (6, 9, "1 … 5 6 7 8 9"),
        (9, 9, "1 … 5 6 7 8 9"),
        (10, 20, "1 … 9 10 11 … 20"),
    ],
)
def test_page_numbers(number: int, count: int, row: str) -> None:
    assert shown_numbers(page_numbers(number, count)) == row


def test_page_numbers_always_show_the_ends_and_the_neighbours_in_a_row_of_one_width() -> None:
    for count in range(1, 40):
        for number in range(1, count + 1):
            row = page_numbers(number, count)
            numbers = [n for n in row if n is not None]
            assert numbers == sorted(set(numbers))
            wanted = {1, count, number, max(1, number - 1), min(count, number + 1)}
            assert wanted <= set(numbers)
            assert len(row) == min(count, 7)
            for before, gap, after in zip(row, row[1:], row[2:], strict=False):
                if gap is None:
                    # An ellipsis stands for at least one page, never for nothing.
                    assert before is not None
                    assert after is not None
                    assert after - before >= 2


def pagination_of(site: Site, page: str) -> Any:
    (nav,) = site.html(page + "index.html").select("nav.course-review-pagination")
    return nav


def test_numbered_pagination_with_rel_links_and_the_current_page(build_site: BuildSite) -> None:
    files = {"index.md": "# Home\n"}
    for month in range(1, 10):
        files[f"reviews/r{month}.md"] = review(f"Course {month}", date=f"2024-{month:02d}")
    files["reviews/solo.md"] = review("Solo", category="Solo", date="2023")
    site = build_site(files, plugin={"per_page": 1}, strict=True)
    pages = ["categories/web/", *(f"categories/web/page/{n}/" for n in range(2, 10))]
    for number, page in enumerate(pages, start=1):
        nav = pagination_of(site, page)
        assert nav["aria-label"] == "Pages"
        row = [
            "…" if "course-review-pagination-gap" in (li.get("class") or []) else li.get_text()
            for li in nav.select(".course-review-pagination-pages > li")
        ]
        assert " ".join(row) == shown_numbers(page_numbers(number, 9))
        (current,) = nav.select('[aria-current="page"]')
        assert current.get_text() == str(number)
        assert current.name != "a"
        for link in nav.select("a.course-review-pagination-page"):
            target = pages[int(link.get_text()) - 1]
            assert resolve(site, page, link["href"]) == site.site_dir / target / "index.html"
            assert link["aria-label"] == f"Page {link.get_text()}"
        assert nav.select_one(".course-review-pagination-position").get_text() == (
            f"Page {number} of 9"
        )
        newer = nav.select('a[rel="prev"]')
        older = nav.select('a[rel="next"]')
        assert len(newer) == (number > 1)
        assert len(older) == (number < 9)
        if newer:
            assert resolve(site, page, newer[0]["href"]) == (
                site.site_dir / pages[number - 2] / "index.html"
            )
        if older:
            assert resolve(site, page, older[0]["href"]) == (
                site.site_dir / pages[number] / "index.html"
            )
    # One page needs no pagination.
    assert site.html("categories/solo/index.html").select(".course-review-pagination") == []
    assert site.html("categories/index.html").select(".course-review-pagination") == []


# The way back ----------------------------------------------------------------------------------


def way_back(site: Site, page: str) -> tuple[str, Path] | None:
    navs = site.html(page + "index.html").select("nav.course-review-way-back")
    if not navs:
        return None
    (nav,) = navs
    assert nav["aria-label"] == "Breadcrumb"
    (link,) = nav.select("a")
    return " ".join(link.get_text().split()), resolve(site, page, link["href"])


def test_way_back_of_each_kind_of_page() -> None:
    def make(path: str, *categories: str) -> Review:
        return Review(path, path, categories, "Uni", None)

    spelled = make("reviews/b.md", "web ", "AI")
    reviews = [make("reviews/a.md", "Web"), make("reviews/c.md", "Web"), spelled]
    folders = {"category": "topics", "year": "years", "institution": "schools"}
    overviews = Overviews(reviews, folders, per_page=1)
    labels = DEFAULT_LABELS
    # A review: its first category, named as its page is.
    assert overviews.way_back(spelled.path, spelled, labels) == ("Web", "topics/web.md")
    # Every page of a group: the index of its kind.
    for page in ("topics/web.md", "topics/web/page/3.md"):
        assert overviews.way_back(page, None, labels) == ("All categories", "topics/index.md")
    assert overviews.way_back("schools/uni.md", None, labels) == (
        "All institutions",
        "schools/index.md",
    )
    for page in ("topics/index.md", "index.md", "about.md"):
        assert overviews.way_back(page, None, labels) is None
    # No category pages: the page of all reviews, if there is one.
    no_categories = Overviews(reviews, {"year": "years"}, per_page=20)
    assert no_categories.way_back(spelled.path, spelled, labels) is None
    assert no_categories.way_back(spelled.path, spelled, labels, "reviews/index.md") == (
        "All reviews",
        "reviews/index.md",
    )
    uncategorised = make("reviews/d.md")
    assert overviews.way_back(uncategorised.path, uncategorised, labels, "all.md") == (
        "All reviews",
        "all.md",
    )


def test_a_review_leads_back_to_its_first_categorys_page(site: Site) -> None:
    root = site.site_dir
    assert way_back(site, "reviews/web/") == ("← Web", root / "categories/web/index.html")
    # "AI" first.
    assert way_back(site, "reviews/both/") == ("← AI", root / "categories/ai/index.html")
    dropped = way_back(site, "reviews/dropped/")
    assert dropped is not None
    assert dropped[0] == f"← {XSS}"
    assert dropped[1].parent.parent == root / "categories"
    # The way back comes before the title.
    page = site.html("reviews/web/index.html")
    assert page.select_one("nav.course-review-way-back").find_next_sibling().name == "h1"


def test_overview_pages_lead_back_to_their_index(site: Site) -> None:
    root = site.site_dir
    assert way_back(site, "categories/web/") == (
        "← All categories",
        root / "categories/index.html",
    )
    assert way_back(site, "institutions/mit/") == (
        "← All institutions",
        root / "institutions/index.html",
    )
    assert way_back(site, "years/2025/") == ("← All years", root / "years/index.html")
    for index in ("categories/", "institutions/", "years/", ""):
        assert way_back(site, index) is None


def test_without_category_pages_a_review_leads_to_the_page_of_all_reviews(
    build_site: BuildSite,
) -> None:
    files = {"index.md": "# Home\n", "reviews/a.md": review("A")}
    options = {"category_pages": False, "all_reviews_page": False}
    without = build_site(files, plugin=options)
    assert way_back(without, "reviews/a/") is None
    generated = build_site(files, plugin={"category_pages": False})
    assert way_back(generated, "reviews/a/") == (
        "← All reviews",
        generated.site_dir / "reviews/index.html",
    )
    with_page = build_site({**files, "reviews/index.md": "# Every review\n"}, plugin=options)
    assert way_back(with_page, "reviews/a/") == (
        "← All reviews",
        with_page.site_dir / "reviews/index.html",
    )
    # A page of all reviews that is not built is not linked.
    unbuilt = build_site(
        {**files, "reviews/index.md": "# Every review\n"},
        plugin=options,
        draft_docs="reviews/index.md\n",
    )
    assert way_back(unbuilt, "reviews/a/") is None


def test_the_way_back_and_the_badge_take_labels_as_text(build_site: BuildSite) -> None:
    site = build_site(
        {"reviews/a.md": review("A", extra="status: in-progress\n")},
        plugin={
            "category_pages": False,
            "institution_pages": False,
            "labels": {"all_years": "<i>Years</i>", "status_in-progress": "<b>Doing</b>"},
        },
    )
    assert way_back(site, "years/2025/") == ("← <i>Years</i>", site.site_dir / "years/index.html")
    badge = site.html("reviews/a/index.html").select_one(".course-review-status-badge")
    assert badge.get_text() == "<b>Doing</b>"
    assert badge.select("b") == []


# Tags and Material's tags plugin ---------------------------------------------------------------

TAGGED = {
    "index.md": "# Home\n",
    "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    "reviews/a.md": review("A", extra=f'tags: [python, "{XSS}", "C & D"]\n'),
    "reviews/b.md": review("B", extra="tags: [python]\n"),
}
MATERIAL = {"name": "material", "font": False}


def card_tags(site: Site, page: str) -> list[tuple[str, str | None]]:
    card = site.html(page + "index.html").select_one(".course-review-card")
    return [
        (chip.get_text(), chip.a["href"] if chip.a else None)
        for chip in card.select(".course-review-tags .course-review-tag")
    ]


def test_without_the_tags_plugin_tags_are_plain_chips(build_site: BuildSite) -> None:
    site = build_site(TAGGED, theme=MATERIAL)
    assert card_tags(site, "reviews/a/") == [("python", None), (XSS, None), ("C & D", None)]
    assert site.html("reviews/a/index.html").select(".md-tag") == []


def test_on_material_with_the_tags_plugin_the_theme_shows_the_tags_once(
    build_site: BuildSite,
) -> None:
    site = build_site(TAGGED, theme=MATERIAL, plugins=["search", "tags", "course-reviews"])
    page = site.html("reviews/a/index.html")
    assert page.select(".course-review-tags") == []
    assert sorted(tag.get_text(strip=True) for tag in page.select(".md-tag")) == sorted(
        ["python", XSS, "C & D"]
    )
    assert site.warnings == []


def test_where_the_card_shows_tags_they_lead_where_material_leads_them(
    build_site: BuildSite,
) -> None:
    # The oracle: the links Material's own theme gives the same tags, with its `tags` on.
    material = build_site(TAGGED, theme=MATERIAL, plugins=["search", "tags", "course-reviews"])
    expected = {
        tag.get_text(strip=True): tag["href"]
        for tag in material.html("reviews/a/index.html").select("a.md-tag")
    }
    assert len(expected) == 3
    site = build_site(
        TAGGED,
        theme=MATERIAL,
        plugins=["search", {"tags": {"tags": False}}, "course-reviews"],
        strict=True,
    )
    shown = card_tags(site, "reviews/a/")
    assert shown == [(name, expected[name]) for name in ("python", XSS, "C & D")]
    listing = site.html("tags/index.html")
    for _, href in shown:
        assert href is not None
        assert resolve(site, "reviews/a/", href) == site.site_dir / "tags/index.html"
        assert listing.find(id=urlsplit(href).fragment) is not None
    assert card_tags(site, "reviews/b/") == [("python", expected["python"])]


def test_tags_the_plugin_does_not_list_stay_plain_chips(build_site: BuildSite) -> None:
    # No listing anywhere: Material's references have no link, nor do the card's chips.
    unlisted = {key: value for key, value in TAGGED.items() if key != "tags.md"}
    site = build_site(
        unlisted, theme=MATERIAL, plugins=["search", {"tags": {"tags": False}}, "course-reviews"]
    )
    assert card_tags(site, "reviews/a/") == [("python", None), (XSS, None), ("C & D", None)]
    # Reviews the plugin's `filters` leave out: the theme shows no tags there, the card does.
    excluded = build_site(
        TAGGED,
        theme=MATERIAL,
        plugins=["search", {"tags": {"filters": {"exclude": ["reviews/*"]}}}, "course-reviews"],
    )
    assert excluded.html("reviews/a/index.html").select(".md-tag") == []
    assert card_tags(excluded, "reviews/a/") == [("python", None), (XSS, None), ("C & D", None)]
