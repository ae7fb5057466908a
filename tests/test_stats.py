"""The stats marker: a learning log's numbers in one line, with a small timeline."""

from __future__ import annotations

from bs4 import BeautifulSoup

from mkdocs_course_reviews.dates import ReviewDate
from mkdocs_course_reviews.schema import Review
from mkdocs_course_reviews.stats import Stats, stats_of
from tests.conftest import BuildSite, review

SECRET = "QX-STATS-DRAFT-5521"  # noqa: S105 - a marker, not a password
SITE = {
    "index.md": "# Home\n\nIntro.\n\n<!-- course-reviews stats -->\n\nMore text.\n",
    "reviews/a.md": review("A", category="Web", institution="MIT", date="2019"),
    "reviews/b.md": review("B", category="web ", institution="mit", date="2021-05-02"),
    "reviews/c.md": review("C", category="[Data, AI]", institution="Udemy"),
    "reviews/d.md": review("D", category="AI", institution="Yale", date='"March 2025"'),
    "reviews/e.md": review(
        f"E {SECRET}",
        category=f'"{SECRET}"',
        institution=f'"{SECRET}"',
        date="2012",
        extra="draft: true\n",
    ),
    "reviews/f.md": review("F", category="Broken", institution="Nowhere", date="someday"),
}


def line(soup: BeautifulSoup) -> str:
    stats = soup.select_one(".course-review-stats")
    assert stats is not None
    return " ".join(stats.get_text(" ", strip=True).split())


def plain(title: str, categories: tuple[str, ...], institution: str, year: int | None) -> Review:
    date = ReviewDate(year) if year else None
    return Review(f"reviews/{title}.md", title, categories, institution, date)


def test_stats_of_counts_names_as_overview_pages_do() -> None:
    reviews = [
        plain("a", ("Web",), "MIT", 2019),
        plain("b", ("WEB", "Data"), "mit ", 2021),
        plain("c", ("Data",), "Yale", 2021),
        plain("d", ("Café",), "Yale", None),
        plain("e", ("Cafe\u0301",), "Yale", None),  # "Café" with a combining accent
    ]
    assert stats_of(reviews) == Stats(
        courses=5, institutions=2, categories=3, per_year=((2019, 1), (2021, 2))
    )
    assert stats_of(reviews).since == 2019
    assert stats_of([]) == Stats(0, 0, 0, ())
    assert stats_of([]).since is None


def test_the_marker_shows_the_numbers_of_published_reviews(build_site: BuildSite) -> None:
    site = build_site(SITE)
    home = site.html("index.html")
    assert line(home) == "4 courses from 3 institutions in 3 categories since 2019"
    spark = home.select_one(".course-review-stats svg")
    assert spark is not None
    assert spark["role"] == "img"
    assert spark["aria-label"] == (
        "Reviews per year: 2019 1, 2020 0, 2021 1, 2022 0, 2023 0, 2024 0, 2025 2"
    )
    assert len(spark.select("rect")) == 3
    # Where the marker was, between the page's own paragraphs.
    texts = [p.get_text(" ", strip=True) for p in home.select("article p, div[role=main] p")]
    assert texts.index("Intro.") < texts.index(line(home)) < texts.index("More text.")
    assert SECRET not in home.get_text()
    assert "2012" not in str(home)


def test_one_of_each_is_singular(build_site: BuildSite) -> None:
    site = build_site({"about.md": "<!-- course-reviews stats -->\n", "reviews/a.md": review()})
    assert line(site.html("about/index.html")) == (
        "1 course from 1 institution in 1 category since 2025"
    )


def test_in_german(build_site: BuildSite) -> None:
    site = build_site(SITE, plugin={"locale": "de"})
    assert line(site.html("index.html")) == "4 Kurse von 3 Einrichtungen in 3 Kategorien seit 2019"


def test_without_dates_or_reviews(build_site: BuildSite) -> None:
    undated = build_site(
        {"index.md": "<!-- course-reviews stats -->\n", "reviews/a.md": "---\ntitle: A\n---\n"},
        plugin={"required_fields": ["title"]},
    )
    home = undated.html("index.html")
    assert line(home) == "1 course from 0 institutions in 0 categories"
    assert home.select_one(".course-review-stats svg") is None
    empty = build_site({"index.md": "<!-- course-reviews stats -->\n"})
    assert line(empty.html("index.html")) == "No reviews yet."


def test_arguments_after_stats_get_a_warning(build_site: BuildSite) -> None:
    site = build_site(
        {"index.md": "<!-- course-reviews stats limit=3 -->\n", "reviews/a.md": review()}
    )
    assert site.warnings == [
        (
            "mkdocs_course_reviews: index.md: course-reviews listing: stats counts every "
            "published review; remove 'limit=3'"
        )
    ]
    assert line(site.html("index.html")).startswith("1 course")


def test_drafts_count_nowhere_in_serve_either(build_site: BuildSite) -> None:
    site = build_site(SITE, serve=True)
    assert site.exists("reviews/e/index.html")  # previewed, with its DRAFT marker
    home = site.html("index.html")
    assert line(home) == "4 courses from 3 institutions in 3 categories since 2019"
    assert SECRET not in str(home)


def test_a_year_typo_is_not_since_when() -> None:
    stats = stats_of([plain("a", ("Web",), "MIT", 25), plain("b", ("Web",), "MIT", 2021)])
    assert stats.courses == 2
    assert stats.since == 2021
    assert stats.per_year == ((2021, 1),)
