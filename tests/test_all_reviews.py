"""The page of all reviews in real builds: what it lists, its filter's data, intro and option."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mkdocs_course_reviews.all_reviews import all_reviews_uri
from mkdocs_course_reviews.config import CourseReviewsConfig
from mkdocs_course_reviews.labels import DEFAULT_LABELS
from tests.conftest import BuildSite, Site, draft_and_broken, review
from tests.project import docs_page

ROOT = Path(__file__).parents[1]
SECRET = "QX-ALL-REVIEWS-UNPUBLISHED-5521"  # noqa: S105 - a marker, not a password
SCRIPT = "assets/course-reviews/course-reviews.js"
# 24 published reviews: more than a page of an overview (per_page 20), all on one page here.
MONTHLY = {
    f"reviews/m{number:02d}.md": review(
        f"Monthly {number:02d}", category="Web", date=f'"2023-{number:02d}"'
    )
    for number in range(1, 13)
}
YEARLY = {
    f"reviews/y{year}.md": review(f"Yearly {year}", category="Data", date=str(year))
    for year in range(2008, 2020)
}
SITE = {
    "index.md": "# Home\n",
    **MONTHLY,
    **YEARLY,
    "reviews/nested/deep.md": review(
        "Deep Nested",
        category="[Web, Data]",
        institution="MIT",
        date="2025-06-14",
        extra="rating: 4.5\nstatus: in-progress\ndescription: Only in the description\n",
    ),
    **draft_and_broken(SECRET),
}
NEWEST_FIRST = [
    "Deep Nested",
    *[f"Monthly {number:02d}" for number in range(12, 0, -1)],
    *[f"Yearly {year}" for year in range(2019, 2007, -1)],
]


def listed(soup: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in soup.select(".course-review-list-all .course-review-item-title")]


def target(site: Site, page: str, href: str) -> Path:
    """The built file an `href` on `page` (a folder URL such as `reviews/`) leads to."""
    path = (site.site_dir / page / href).resolve()
    return path / "index.html" if path.is_dir() else path


@pytest.fixture(scope="module")
def built(build_site_module: BuildSite) -> Site:
    return build_site_module(SITE)


def test_every_published_review_newest_first_on_one_page(built: Site) -> None:
    page = built.html("reviews/index.html")
    assert listed(page) == NEWEST_FIRST
    assert page.select(".course-review-pagination") == []
    assert not built.exists("reviews/page/2/index.html")
    assert page.title is not None
    assert page.title.get_text().startswith("All reviews")
    assert [h.get_text() for h in page.select("h1")] == ["All reviews"]


def test_each_item_links_to_its_review_and_its_overview_pages(built: Site) -> None:
    page = built.html("reviews/index.html")
    items = page.select(".course-review-list-all > .course-review-item")
    assert len(items) == len(NEWEST_FIRST)
    for item in items:
        for link in item.select("a"):
            assert target(built, "reviews", link["href"]).is_file(), link["href"]
    (deep,) = (item for item in items if "Deep Nested" in item.get_text())
    title = deep.select_one(".course-review-item-title")
    assert (
        target(built, "reviews", title["href"]) == built.site_dir / "reviews/nested/deep/index.html"
    )
    assert deep.select_one(".course-review-item-institution").get_text() == "MIT"
    assert deep.select_one(".course-review-item-date")["datetime"] == "2025-06-14"
    assert [c.get_text() for c in deep.select(".course-review-category")] == ["Web", "Data"]
    assert deep.select_one(".course-review-stars")["aria-label"] == "4.5 out of 5"
    # Compact: the description stays on the review's page.
    assert "Only in the description" not in deep.get_text()


def test_a_status_badge_only_when_not_completed(built: Site) -> None:
    items = built.html("reviews/index.html").select(".course-review-list-all > .course-review-item")
    badges = {
        item.select_one(".course-review-item-title").get_text(): badge.get_text()
        for item in items
        for badge in item.select(".course-review-status-badge")
    }
    assert badges == {"Deep Nested": "In progress"}


def test_drafts_and_withheld_reviews_appear_nowhere(built: Site) -> None:
    assert built.leaks(SECRET) == []
    assert len(built.warnings) == 1  # the broken review's


def test_drafts_are_not_listed_in_serve_either(build_site: BuildSite) -> None:
    site = build_site(SITE, serve=True)
    assert site.exists("reviews/draft/index.html")  # previewed
    assert listed(site.html("reviews/index.html")) == NEWEST_FIRST


def test_each_item_carries_the_keys_the_filter_compares(build_site: BuildSite) -> None:
    site = build_site(
        {
            "index.md": "# Home\n",
            # "Café" with a combining accent, odd spaces, and text that must stay text.
            "reviews/x.md": review(
                '"<script>alert(1)</script> \\"Q\\" & A"',
                category='["  Web   Dev ", "Cafe\\u0301", "WEB dev"]',
                institution='"Ecole \\"Polytechnique\\""',
                date="2024-03-05",
                extra="rating: 3.5\nstatus: dropped\ntags: [Tag One]\ndescription: Some Words\n",
            ),
        }
    )
    html = (site.site_dir / "reviews/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    item = BeautifulSoup(html, "html.parser").select_one(".course-review-list-all > li")
    assert json.loads(item["data-category"]) == ["web dev", "café", "web dev"]
    assert json.loads(item["data-institution"]) == ['ecole "polytechnique"']
    assert json.loads(item["data-year"]) == ["2024"]
    assert item["data-rating"] == "3.5"
    assert item["data-status"] == "dropped"
    assert item["data-text"] == (
        '<script>alert(1)</script> "q" & a some words ecole "polytechnique" web dev café web dev '
        "tag one"
    )


def test_the_filter_offers_each_name_once_with_its_key(build_site: BuildSite) -> None:
    site = build_site(
        {
            "index.md": "# Home\n",
            "reviews/a.md": review("A", category='"Web Dev"', institution="MIT", date="2022"),
            "reviews/b.md": review("B", category='"web  dev"', institution="Yale", date="2024"),
            "reviews/c.md": review("C", category="Zoology", institution="Yale", date="2024"),
            "reviews/d.md": review("D", category='"Web Dev"', institution="MIT", date="2023"),
        }
    )
    form = site.html("reviews/index.html").select_one("form.course-review-filter")
    assert form.has_attr("hidden")  # until the script runs

    def options(name: str) -> list[tuple[str, str | None, str]]:
        select = form.select_one(f'select[name="{name}"]')
        label = form.select_one(f'label[for="{select["id"]}"]')
        assert label.get_text().strip()
        return [(o["value"], o.get("data-key"), o.get_text()) for o in select.select("option")]

    assert options("category") == [
        ("", None, "All"),
        ("Web Dev", "web dev", "Web Dev"),
        ("Zoology", "zoology", "Zoology"),
    ]
    assert options("institution") == [
        ("", None, "All"),
        ("MIT", "mit", "MIT"),
        ("Yale", "yale", "Yale"),
    ]
    assert [value for value, _, _ in options("year")] == ["", "2024", "2023", "2022"]
    assert [value for value, _, _ in options("status")] == [
        "",
        "completed",
        "in-progress",
        "dropped",
    ]
    assert [value for value, _, _ in options("sort")] == ["date", "rating", "title"]
    assert options("rating")[1] == ("4.5", None, "4.5 or more")
    text = form.select_one('input[name="text"]')
    assert form.select_one(f'label[for="{text["id"]}"]').get_text() == "Keywords"
    assert form.select_one("[role=status]").get_text() == "4 of 4 reviews"


def test_intro_page_above_the_listing(build_site: BuildSite) -> None:
    site = build_site(
        {
            **SITE,
            "reviews/index.md": "---\ntitle: Every course\n---\n\nMy whole learning log.\n",
        }
    )
    page = site.html("reviews/index.html")
    text = page.get_text()
    assert [h.get_text() for h in page.select("h1")] == ["Every course"]
    assert page.title.get_text().startswith("Every course")
    assert text.index("My whole learning log.") < text.index("Monthly 12")
    assert listed(page) == NEWEST_FIRST
    assert len(site.warnings) == 1  # the broken review's


def test_a_readme_of_the_folder_is_the_intro_too(build_site: BuildSite) -> None:
    site = build_site({**SITE, "reviews/README.md": "# Courses\n\nFrom the README.\n"})
    page = site.html("reviews/index.html")
    assert [h.get_text() for h in page.select("h1")] == ["Courses"]
    assert "From the README." in page.get_text()
    assert listed(page) == NEWEST_FIRST


def test_the_option_off(build_site: BuildSite) -> None:
    files = {**SITE, "other.md": "# Other\n"}
    off = build_site(files, plugin={"all_reviews_page": False})
    assert not off.exists("reviews/index.html")
    assert not off.exists(SCRIPT)
    scripts = [s.get("src", "") for s in off.html("other/index.html").select("script")]
    assert not any("course-reviews" in src for src in scripts)
    on = build_site(files)
    scripts = [s.get("src", "") for s in on.html("other/index.html").select("script")]
    assert "../assets/course-reviews/course-reviews.js" in scripts
    assert "document$" in (on.site_dir / SCRIPT).read_text(encoding="utf-8")
    # With the option off, a page of the site's own there is just that page.
    mine = build_site(
        {**files, "reviews/index.md": "# Mine\n\nMy page.\n"}, plugin={"all_reviews_page": False}
    )
    page = mine.html("reviews/index.html")
    assert "My page." in page.get_text()
    assert page.select(".course-review-list") == []


def test_title_from_its_label_and_one_entry_in_an_automatic_nav(build_site: BuildSite) -> None:
    site = build_site(SITE, plugin={"labels": {"all_reviews": "Alle Kurse"}})
    page = site.html("reviews/index.html")
    assert [h.get_text() for h in page.select("h1")] == ["Alle Kurse"]
    top = site.html("index.html").select(".navbar-nav:not(.ms-md-auto) > li > a")
    entries = {a.get_text(strip=True): a["href"] for a in top}
    assert entries["Alle Kurse"] == "reviews/"
    assert "Reviews" not in entries  # not a section holding it


def test_explicit_nav_references_it_by_its_source_path(build_site: BuildSite) -> None:
    site = build_site(SITE, nav=[{"Home": "index.md"}, {"Everything": "reviews/index.md"}])
    top = site.html("index.html").select(".navbar-nav:not(.ms-md-auto) > li > a")
    assert [(a.get_text(strip=True), a["href"]) for a in top] == [
        ("Home", "."),
        ("Everything", "reviews/"),
    ]
    assert len(site.warnings) == 1  # the broken review's, not the nav's


def test_other_folders_and_directory_urls_off(build_site: BuildSite) -> None:
    site = build_site(
        {"index.md": "# Home\n", "courses/a.md": review("A Course")},
        plugin={"reviews_dir": "courses"},
        use_directory_urls=False,
    )
    page = site.html("courses/index.html")
    assert listed(page) == ["A Course"]
    assert page.select_one(".course-review-item-title")["href"] == "a.html"


@pytest.mark.parametrize("in_search", [False, True])
def test_kept_out_of_search_like_the_other_generated_pages(
    build_site: BuildSite, in_search: bool
) -> None:
    site = build_site(
        SITE,
        theme={"name": "material", "font": False},
        plugin={"overviews_in_search": in_search},
    )
    index = json.loads((site.site_dir / "search/search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert ("reviews/" in locations) is in_search
    assert ("categories/" in locations) is in_search
    assert "reviews/m01/" in locations


def test_with_no_review_yet(build_site: BuildSite) -> None:
    site = build_site({"index.md": "# Home\n"})
    page = site.html("reviews/index.html")
    assert page.select_one(".course-review-empty").get_text() == "No reviews yet."
    assert page.select("form.course-review-filter") == []


def test_the_page_is_where_the_folder_index_is() -> None:
    assert all_reviews_uri("reviews") == "reviews/index.md"
    assert all_reviews_uri("a/b", {"a/b/README.md"}.__contains__) == "a/b/README.md"
    both = {"a/index.markdown", "a/README.md"}
    assert all_reviews_uri("a", both.__contains__) == "a/index.markdown"
    assert all_reviews_uri("a", {"a/readme.md"}.__contains__) == "a/index.md"


FILTER_LABELS = (
    "all_reviews",
    "year",
    "filter_reviews",
    "filter_any",
    "filter_rating",
    "rating_or_more",
    "filter_text",
    "sort_by",
    "sort_date",
    "sort_rating",
    "sort_title",
    "clear_filters",
    "shown_of_one",
    "shown_of_other",
    "no_matches",
)


def test_every_option_and_the_filters_labels_are_in_the_docs() -> None:
    options = docs_page("options.md")
    options_block = re.search(r"# Options\n\n```yaml\n(.*?)```", options, re.DOTALL)
    assert options_block is not None
    for option in CourseReviewsConfig():
        assert re.search(rf"^\s+{option}:", options_block.group(1), re.MULTILINE), option
        assert f"| `{option}` |" in options, option
    prose = " ".join(docs_page("all-reviews.md").split())
    for label in FILTER_LABELS:
        assert f"`{label}` ({DEFAULT_LABELS[label]})" in prose, label
