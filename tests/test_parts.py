"""parts.html: the pieces the card, listings and the page of all reviews share, overridable."""

from __future__ import annotations

from tests.conftest import BuildSite, review

PARTS = (
    "{% macro name_link(link) %}<b class='mine'>{{ link.name }}</b>{% endmacro %}"
    "{% macro review_date(date, class='') %}<i class='when'>{{ date.year }}</i>{% endmacro %}"
    "{% macro status_badge(status) %}<u class='state'>{{ status }}</u>{% endmacro %}"
    "{% macro categories(view, class='') %}<s class='cats'>{{ view.categories | length }}"
    "+{{ view.more_categories }}</s>{% endmacro %}"
)
SITE = {
    "index.md": "# Home\n\n<!-- course-reviews -->\n",
    "reviews/a.md": review("A", category="[A1, A2, A3, A4, A5, A6, A7]", extra="status: dropped\n"),
}


def test_one_copy_of_parts_changes_the_card_and_every_listing(build_site: BuildSite) -> None:
    site = build_site(
        {**SITE, "../overrides/course-reviews/parts.html": PARTS},
        theme={"name": "mkdocs", "custom_dir": "overrides"},
    )
    card = site.html("reviews/a/index.html").select_one(".course-review-card")
    assert [b.get_text() for b in card.select("b.mine")] == ["Udemy"]
    assert [i.get_text() for i in card.select("i.when")] == ["2025"]
    assert [u.get_text() for u in card.select("u.state")] == ["dropped"]
    assert [s.get_text() for s in card.select("s.cats")] == ["7+0"]
    # The marker's listing, a category's page (which leaves its own category out), all reviews.
    for path, shown in (
        ("index.html", "5+2"),
        ("categories/a1/index.html", "5+1"),
        ("reviews/index.html", "5+2"),
    ):
        (item,) = site.html(path).select(".course-review-item")
        assert [s.get_text() for s in item.select("s.cats")] == [shown], path
        assert [u.get_text() for u in item.select("u.state")] == ["dropped"], path
        assert [i.get_text() for i in item.select("i.when")] == ["2025"], path
        assert item.select(".course-review-category") == [], path


def test_the_shipped_parts_write_the_documented_classes(build_site: BuildSite) -> None:
    site = build_site(SITE)
    card = site.html("reviews/a/index.html").select_one(".course-review-card")
    chips = card.select("ul.course-review-category-list > li.course-review-category")
    assert [chip.get_text() for chip in chips] == [f"A{n}" for n in range(1, 8)]
    assert card.select_one(".course-review-status-badge.course-review-status-dropped")
    assert card.select_one("time")["datetime"] == "2025-06"
    (item,) = site.html("index.html").select(".course-review-item")
    listed = item.select_one("ul.course-review-category-list.course-review-item-categories")
    assert [li.get_text() for li in listed.select("li")] == [
        "A1",
        "A2",
        "A3",
        "A4",
        "A5",
        "+2 more",
    ]
    assert item.select_one("time.course-review-item-date")["datetime"] == "2025-06"
    assert item.select_one(".course-review-item-status .course-review-status-badge")
