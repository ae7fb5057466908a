"""The archive by year: a page per year with published reviews, and an index of them."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.conftest import BuildSite, draft_and_broken, review

SECRET = "QX-YEAR-DRAFT-4410"  # noqa: S105 - a marker, not a password
SITE = {
    "index.md": "# Home\n\n<!-- course-reviews year=2024 -->\n",
    "reviews/a.md": review("Year Precision", date="2024"),
    "reviews/b.md": review("Month Precision", date='"March 2024"'),
    "reviews/c.md": review("Day Precision", date="2024-11-05"),
    "reviews/d.md": review("Older", date='"June 2019"'),
    **draft_and_broken(SECRET, date="2021"),
    "years/2019.md": "# The year I started\n\nIt began here.\n",
}


def titles(soup: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(".course-review-item-title")]


def test_a_page_per_year_newest_first_whatever_the_precision(build_site: BuildSite) -> None:
    site = build_site(SITE, plugin={"per_page": 2})
    assert titles(site.html("years/2024/index.html")) == ["Day Precision", "Month Precision"]
    assert titles(site.html("years/2024/page/2/index.html")) == ["Year Precision"]
    older = site.html("years/2019/index.html")
    assert titles(older) == ["Older"]
    assert "It began here." in older.get_text()
    assert older.h1 is not None
    assert older.h1.get_text(strip=True) == "The year I started"


def test_the_index_of_years_counts_newest_first(build_site: BuildSite) -> None:
    site = build_site(SITE)
    index = site.html("years/index.html")
    entries = [
        " ".join(li.get_text(" ", strip=True).split())
        for li in index.select(".course-review-overview-entry")
    ]
    assert entries == ["2024 3 reviews", "2019 1 review"]


def test_drafts_make_no_year(build_site: BuildSite) -> None:
    site = build_site(SITE)
    assert not site.exists("years/2021/index.html")
    assert site.leaks(SECRET, "years/2021") == []


def test_the_card_date_links_to_its_year(build_site: BuildSite) -> None:
    site = build_site(SITE)
    date = site.html("reviews/b/index.html").select_one(".course-review-date a")
    assert date is not None
    assert date["href"] == "../../years/2024/"
    assert date.get_text(strip=True) == "March 2024"


def test_a_marker_filters_by_year(build_site: BuildSite) -> None:
    site = build_site(SITE)
    assert titles(site.html("index.html")) == ["Day Precision", "Month Precision", "Year Precision"]


def test_year_pages_can_be_switched_off_or_moved(build_site: BuildSite) -> None:
    off = build_site(SITE, plugin={"year_pages": False})
    assert not off.exists("years/index.html")
    assert off.html("reviews/b/index.html").select_one(".course-review-date a") is None
    moved = build_site(SITE, plugin={"years_dir": "archive"})
    assert titles(moved.html("archive/2019/index.html")) == ["Older"]
