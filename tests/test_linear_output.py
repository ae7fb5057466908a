"""What one review puts into the site grows with its front matter, not with its square.

A review is listed on the page of each of its categories: if each item showed all of them, one
review of N categories would write N pages of N chips. Built as an attacker would write it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BuildSite, review

N = 1600
LONG = 4000
NAMES = [f"topic-{number:04d}" for number in range(N)]


def attack(count: int) -> dict[str, str]:
    """One review with `count` categories and a title, lead and institution `LONG` long."""
    return {
        "index.md": "# Home\n\n<!-- course-reviews -->\n",
        "reviews/huge.md": review(
            "T" * LONG,
            category="[" + ", ".join(NAMES[:count]) + "]",
            institution="I" * LONG,
            extra=f"description: {'D' * LONG}\n",
        ),
    }


def output_bytes(site_dir: Path) -> int:
    return sum(path.stat().st_size for path in site_dir.rglob("*") if path.is_file())


def category_pages(site_dir: Path) -> list[Path]:
    return list((site_dir / "categories").glob("topic-*/**/*.html"))


@pytest.mark.slow
def test_one_review_of_many_categories_writes_a_site_linear_in_its_front_matter(
    build_site: BuildSite,
) -> None:
    quarter, whole = build_site(attack(N // 4)), build_site(attack(N))
    assert quarter.warnings == whole.warnings == []
    # A page per category, each written; quadratic, the site was 304 MB here.
    assert len(category_pages(whole.site_dir)) == N
    assert output_bytes(whole.site_dir) < 4.4 * output_bytes(quarter.site_dir)
    # Each page of a category is as large with 1,600 categories as with 400: its item shows a
    # bounded part of the review.
    largest = max(path.stat().st_size for path in category_pages(quarter.site_dir))
    assert all(path.stat().st_size <= largest + 50 for path in category_pages(whole.site_dir))
    # The review's own page and the page of all reviews show all of it, once each.
    assert len(whole.html("reviews/huge/index.html").select(".course-review-card li")) == N
    assert len(json.loads(item_of(whole.html("reviews/index.html"))["data-category"])) == N


def item_of(soup: BeautifulSoup) -> BeautifulSoup:
    items = soup.select(".course-review-item")
    assert len(items) == 1
    return items[0]


def test_an_item_shows_a_few_categories_and_counts_the_rest(build_site: BuildSite) -> None:
    count = 40
    site = build_site(attack(count))
    shown_limit = 5
    for path, here in (("categories/topic-0007/index.html", "topic-0007"), ("index.html", None)):
        item = item_of(site.html(path))
        chips = [li.get_text() for li in item.select(".course-review-category")]
        others = [name for name in NAMES[:count] if name != here]
        assert chips[:-1] == others[:shown_limit], path
        assert chips[-1] == f"+{len(others) - shown_limit} more", path
        more = item.select_one(".course-review-category-more a")
        assert more is not None
        assert more["href"].rstrip("/").endswith("reviews/huge"), path
        title = item.select_one(".course-review-item-title").get_text()
        assert title == "T" * 299 + "…", path
        assert item.select_one(".course-review-item-description").get_text() == "D" * 299 + "…"
        assert item.select_one(".course-review-item-institution").get_text() == "I" * 299 + "…"
    # The review's own page shows all of it.
    page = site.html("reviews/huge/index.html")
    card = page.select_one(".course-review-card")
    assert [li.get_text() for li in card.select(".course-review-category")] == NAMES[:count]
    assert page.select_one("h1").get_text() == "T" * LONG
    assert card.select_one(".course-review-description").get_text() == "D" * LONG
    # The page of all reviews shows as much as any listing, and filters on every category.
    everything = item_of(site.html("reviews/index.html"))
    chips = [li.get_text() for li in everything.select(".course-review-category")]
    assert chips == [*NAMES[:shown_limit], f"+{count - shown_limit} more"]
    assert json.loads(everything["data-category"]) == NAMES[:count]
    assert all(name in everything["data-text"].split() for name in NAMES[:count])


def test_listed_categories_is_an_option(build_site: BuildSite) -> None:
    site = build_site(attack(12), plugin={"listed_categories": 10})
    chips = [li.get_text() for li in item_of(site.html("index.html")).select("li")]
    assert chips == [*NAMES[:10], "+2 more"]
    # As many as it has: no "+0 more".
    site = build_site(attack(3), plugin={"listed_categories": 3})
    chips = [li.get_text() for li in item_of(site.html("index.html")).select("li")]
    assert chips == NAMES[:3]
