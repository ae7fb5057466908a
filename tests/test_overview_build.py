"""Overview pages and listing markers in real builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BuildSite, Site, review


def items(soup: BeautifulSoup) -> list[str]:
    return [
        li.select_one(".course-review-item-title").get_text()
        for li in soup.select(".course-review-item")
    ]


def index_entries(soup: BeautifulSoup) -> dict[str, str]:
    return {
        li.a.get_text(): li.select_one(".course-review-count").get_text()
        for li in soup.select(".course-review-overview-entry")
    }


def resolve(site: Site, page: str, href: str) -> Path:
    """The built file an `href` found on `page` (a folder URL like `categories/`) points to."""
    target = (site.site_dir / page / href).resolve()
    return target / "index.html" if target.is_dir() else target


SITE = {
    "index.md": "# Home\n",
    "reviews/june.md": review("June course", category="Web", date='"June 2025"', institution="MIT"),
    "reviews/may.md": review("May course", category="web ", date='"May 2025"', institution="MIT"),
    "reviews/old.md": review("Old course", category="WEB", date="2022-11-30", institution="Udemy"),
    "reviews/ai.md": review(
        "AI course",
        category="[AI, Web]",
        date="2024",
        institution="Stanford",
        extra="rating: 4\ndescription: Learning machines\n",
    ),
    "reviews/draft.md": review(
        "Draft course", category="[Drafts Only, Web]", institution="Secret U", extra="draft: true\n"
    ),
    "reviews/broken.md": review("Broken course", category="Broken Only", date="someday"),
}


@pytest.mark.parametrize("serve", [False, True])
def test_counts_order_and_merging(build_site: BuildSite, serve: bool) -> None:
    site = build_site(SITE, serve=serve)
    assert index_entries(site.html("categories/index.html")) == {
        "AI": "1 review",
        "Web": "4 reviews",
    }
    assert index_entries(site.html("institutions/index.html")) == {
        "MIT": "2 reviews",
        "Stanford": "1 review",
        "Udemy": "1 review",
    }
    web = site.html("categories/web/index.html")
    assert items(web) == ["June course", "May course", "AI course", "Old course"]
    assert [h.get_text() for h in web.select("h1")] == ["Web"]
    assert web.title is not None
    assert web.title.get_text().startswith("Web")
    # Drafts and broken reviews have no pages and are counted nowhere.
    for missing in ("drafts-only", "broken-only"):
        assert not site.exists(f"categories/{missing}/index.html")
    assert not site.exists("institutions/secret-u/index.html")
    assert site.leaks("Broken course", *([] if serve else ["Draft course"])) == []


def test_listing_items_hold_every_fact_and_link(build_site: BuildSite) -> None:
    site = build_site(SITE)
    web = site.html("categories/web/index.html")
    (ai,) = [li for li in web.select(".course-review-item") if "AI course" in li.get_text()]
    title = ai.select_one("a.course-review-item-title")
    assert (
        resolve(site, "categories/web/", title["href"]) == site.site_dir / "reviews/ai/index.html"
    )
    assert ai.select_one(".course-review-item-institution").get_text() == "Stanford"
    assert ai.select_one("time")["datetime"] == "2024"
    # On the page of Web, its items do not repeat the chip of Web, which would lead here.
    assert [c.get_text() for c in ai.select(".course-review-category")] == ["AI"]
    assert ai.select_one(".course-review-stars")["aria-label"] == "4 out of 5"
    assert ai.select_one(".course-review-item-description").get_text() == "Learning machines"
    for a in ai.select("a"):
        assert resolve(site, "categories/web/", a["href"]).exists(), a["href"]


def test_card_links_to_overview_pages(build_site: BuildSite) -> None:
    site = build_site(SITE)
    card = site.html("reviews/ai/index.html").select_one(".course-review-card")
    links = {
        a.get_text(): a["href"]
        for a in card.select("a")
        if "course-review-link" not in a.get("class", [])
    }
    assert resolve(site, "reviews/ai/", links["AI"]) == site.site_dir / "categories/ai/index.html"
    assert resolve(site, "reviews/ai/", links["Stanford"]) == (
        site.site_dir / "institutions/stanford/index.html"
    )


def test_pagination(build_site: BuildSite) -> None:
    files = {"index.md": "# Home\n"}
    for month in range(1, 6):
        files[f"reviews/r{month}.md"] = review(f"Course {month}", date=f"2024-{month:02d}")
    site = build_site(files, plugin={"per_page": 2})
    pages = [
        site.html("categories/web/index.html"),
        site.html("categories/web/page/2/index.html"),
        site.html("categories/web/page/3/index.html"),
    ]
    assert [items(p) for p in pages] == [
        ["Course 5", "Course 4"],
        ["Course 3", "Course 2"],
        ["Course 1"],
    ]
    assert pages[0].select('a[rel="prev"]') == []
    assert pages[2].select('a[rel="next"]') == []
    (prev,) = pages[1].select('a[rel="prev"]')
    (nxt,) = pages[1].select('a[rel="next"]')
    page2 = "categories/web/page/2/"
    assert resolve(site, page2, prev["href"]) == site.site_dir / "categories/web/index.html"
    assert resolve(site, page2, nxt["href"]) == site.site_dir / "categories/web/page/3/index.html"
    assert "Page 2 of 3" in pages[1].select_one(".course-review-pagination").get_text()
    assert pages[1].title.get_text().startswith("Web, page 2")
    assert index_entries(site.html("categories/index.html")) == {"Web": "5 reviews"}


def test_intro_pages(build_site: BuildSite) -> None:
    site = build_site(
        {
            **SITE,
            "categories/web.md": "# All things web\n\nMy intro to the web courses.\n",
            "categories/index.md": "---\ntitle: Topics\n---\n\nEvery topic I studied.\n",
        }
    )
    web = site.html("categories/web/index.html")
    text = web.get_text()
    assert text.index("My intro to the web courses.") < text.index("June course")
    assert [h.get_text() for h in web.select("h1")] == ["All things web"]
    assert web.title.get_text().startswith("All things web")
    index = site.html("categories/index.html")
    assert index.title.get_text().startswith("Topics")
    assert [h.get_text() for h in index.select("h1")] == ["Topics"]
    assert "Every topic I studied." in index.get_text()
    assert len(site.warnings) == 1  # only the broken review's


def test_slug_collisions_paths_and_symbols(build_site: BuildSite) -> None:
    site = build_site(
        {
            "index.md": "# Home\n",
            "reviews/a.md": review("A", category='"C++"'),
            "reviews/b.md": review("B", category='"C"'),
            "reviews/c.md": review("C", category='"C!"'),
            "reviews/d.md": review("D", category='"../../etc"'),
            "reviews/e.md": review("E", category='"Données & IA"'),
        }
    )
    assert items(site.html("categories/c-plus-plus/index.html")) == ["A"]
    assert items(site.html("categories/c/index.html")) == ["B"]
    assert items(site.html("categories/c-2/index.html")) == ["C"]
    assert items(site.html("categories/etc/index.html")) == ["D"]
    assert items(site.html("categories/donnees-ia/index.html")) == ["E"]
    assert any("'C!' gets the page 'c-2'" in m for m in site.messages)
    root = site.site_dir.parent
    assert sorted(p.name for p in root.iterdir()) == [".cache", "docs", "mkdocs.yml", "site"]
    # Outside the site, the build writes only the generated pages' sources in its cache folder.
    cache = root / ".cache"
    outside = {p.relative_to(cache).parts[:2] for p in cache.rglob("*") if p.is_file()}
    assert outside == {("plugin", "course-reviews")}


def test_nav_entries_with_an_automatic_nav(build_site: BuildSite) -> None:
    site = build_site(SITE)
    nav = [
        a.get_text(strip=True)
        for a in site.html("index.html").select(".navbar-nav:not(.ms-md-auto) > li > a")
    ]
    assert nav == ["Home", "Categories", "Institutions", "All reviews", "Years"]


def test_explicit_nav_references_generated_pages(build_site: BuildSite) -> None:
    site = build_site(
        SITE,
        nav=[
            {"Home": "index.md"},
            {"Topics": "categories/index.md"},
            {"Web courses": "categories/web.md"},
        ],
        plugin={"institution_pages": False},
    )
    nav = [
        a.get_text(strip=True)
        for a in site.html("index.html").select(".navbar-nav:not(.ms-md-auto) > li > a")
    ]
    assert nav == ["Home", "Topics", "Web courses"]
    assert len(site.warnings) == 1  # the broken review's, not the nav's
    assert not site.exists("institutions/index.html")


def test_folder_options(build_site: BuildSite) -> None:
    site = build_site(SITE, plugin={"categories_dir": "topics", "institutions_dir": "schools"})
    assert items(site.html("topics/web/index.html"))[0] == "June course"
    assert site.exists("schools/mit/index.html")
    assert not site.exists("categories")


def test_use_directory_urls_false(build_site: BuildSite) -> None:
    site = build_site(SITE, use_directory_urls=False, plugin={"per_page": 2})
    web = site.html("categories/web.html")
    (nxt,) = web.select('a[rel="next"]')
    assert nxt["href"] == "web/page/2.html"
    title = web.select_one(".course-review-item-title")
    assert title["href"] == "../reviews/june.html"


def test_marker_listings(build_site: BuildSite) -> None:
    site = build_site(
        {
            **SITE,
            "index.md": "# Home\n\n<!-- course-reviews limit=2 -->\n\nAfter.\n",
            "ai.md": '# AI\n\n<!-- course-reviews category="ai" -->\n',
            "mit.md": "# MIT\n\n<!-- course-reviews institution=MIT limit=1 -->\n",
            "bad.md": '# Bad\n\n<!-- course-reviews category="Nope" colour=red -->\n',
        }
    )
    home = site.html("index.html")
    assert items(home) == ["June course", "May course"]
    assert "After." in home.get_text()
    assert items(site.html("ai/index.html")) == ["AI course"]
    assert items(site.html("mit/index.html")) == ["June course"]
    assert sorted(site.warnings) == [
        (
            "mkdocs_course_reviews: bad.md: course-reviews listing: no published review has "
            "category 'Nope'"
        ),
        (
            "mkdocs_course_reviews: bad.md: course-reviews listing: unknown filter 'colour'; "
            "the filters are category, institution, year, status, limit"
        ),
        (
            'mkdocs_course_reviews: reviews/broken.md: date "someday" is not a date; write it like '
            '"June 2025" or 2025-06-14'
        ),
    ]
    assert site.html("bad/index.html").select_one(".course-review-empty") is not None


@pytest.mark.parametrize(
    ("option", "value"),
    [("per_page", 0), ("categories_dir", "reviews"), ("categories_dir", "../out")],
)
def test_bad_options_stop_the_build_with_a_message(
    build_site: BuildSite, option: str, value: object
) -> None:
    from mkdocs.exceptions import Abort  # noqa: PLC0415

    with pytest.raises(Abort):
        build_site({"index.md": "# Home\n"}, plugin={option: value})


def test_marker_filters_do_not_depend_on_overview_pages(build_site: BuildSite) -> None:
    site = build_site(
        {**SITE, "ai.md": '# AI\n\n<!-- course-reviews category="ai" -->\n'},
        plugin={"category_pages": False},
    )
    assert items(site.html("ai/index.html")) == ["AI course"]
    assert not any("course-reviews listing" in w for w in site.warnings)


def test_names_with_placeholders_are_shown_as_written(build_site: BuildSite) -> None:
    names = {
        "{number} ways to {count}": "number-ways-to-count",
        "{name}": "name",
        "Rated {rating}": "rated-rating",
    }
    files = {"index.md": "# Home\n"}
    for i, name in enumerate(names):
        for month in (1, 2):
            files[f"reviews/r{i}{month}.md"] = review(
                f"Course {i}{month}",
                category=json.dumps(name),
                institution=json.dumps(name),
                date=f"2024-{month:02d}",
                extra="rating: 4\n",
            )
    site = build_site(files, plugin={"per_page": 1})
    for name, slug in names.items():
        for kind in ("categories", "institutions"):
            first = site.html(f"{kind}/{slug}/index.html")
            second = site.html(f"{kind}/{slug}/page/2/index.html")
            assert [h.get_text() for h in first.select("h1")] == [name]
            assert [h.get_text() for h in second.select("h1")] == [f"{name}, page 2"]
            assert second.title.get_text().startswith(f"{name}, page 2 - ")
            position = second.select_one(".course-review-pagination-position").get_text()
            assert position == "Page 2 of 2"
            stars = first.select_one(".course-review-stars")
            assert stars["aria-label"] == "4 out of 5"
    for kind in ("categories", "institutions"):
        assert index_entries(site.html(f"{kind}/index.html")) == dict.fromkeys(names, "2 reviews")


def test_a_category_named_index_gets_a_page_of_its_own(build_site: BuildSite) -> None:
    site = build_site(
        {
            "index.md": "# Home\n",
            "reviews/a.md": review("A", category="Index", institution="Index"),
            "reviews/b.md": review("B", category="Web", institution="MIT"),
        }
    )
    for kind, other in (("categories", "Web"), ("institutions", "MIT")):
        index = site.html(f"{kind}/index.html")
        assert index_entries(index) == {"Index": "1 review", other: "1 review"}
        link = next(
            a for a in index.select(".course-review-overview-entry a") if a.get_text() == "Index"
        )
        assert (
            resolve(site, f"{kind}/", link["href"]) == site.site_dir / f"{kind}/index-2/index.html"
        )
        assert items(site.html(f"{kind}/index-2/index.html")) == ["A"]
    card = site.html("reviews/a/index.html").select_one(".course-review-card")
    hrefs = [a["href"] for a in card.select("a") if a.get_text() == "Index"]
    assert [resolve(site, "reviews/a/", href) for href in hrefs] == [
        site.site_dir / "institutions/index-2/index.html",
        site.site_dir / "categories/index-2/index.html",
    ]
    for kind in ("category", "institution"):
        message = f"{kind} 'Index' gets the page 'index-2': 'index' is another's"
        assert f"mkdocs_course_reviews: {message}" in site.messages


def test_names_differing_in_unicode_normalisation_are_one_category(build_site: BuildSite) -> None:
    site = build_site(
        {
            "index.md": '# Home\n\n<!-- course-reviews category="CAFE\u0301" -->\n',
            "reviews/a.md": review("A", category='"Caf\u00e9"', date="2024-01"),
            "reviews/b.md": review("B", category='"Cafe\u0301"', date="2024-02"),
        }
    )
    assert index_entries(site.html("categories/index.html")) == {"Caf\u00e9": "2 reviews"}
    assert items(site.html("categories/cafe/index.html")) == ["B", "A"]
    assert items(site.html("index.html")) == ["B", "A"]
    assert site.warnings == []


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"reviews_dir": "rev\x00iews"}, "reviews_dir': 'rev\\x00iews' holds a control character"),
        ({"categories_dir": "sitemap.xml"}, "is named like a file ('sitemap.xml')"),
        ({"years_dir": "archive/feed_rss_created.xml"}, "named like a file"),
        (
            {"institutions_dir": "categories/web"},
            "institutions_dir ('categories/web') is inside categories_dir ('categories')",
        ),
        (
            {"categories_dir": "reviews/topics"},
            "categories_dir ('reviews/topics') is inside reviews_dir ('reviews')",
        ),
        ({"years_dir": "institutions"}, "institutions_dir and years_dir are both 'institutions'"),
    ],
)
def test_folders_that_would_collide_are_one_message(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, options: dict[str, str], words: str
) -> None:
    from mkdocs.exceptions import Abort  # noqa: PLC0415

    site = {"index.md": "# Home\n", "reviews/a.md": review("A")}
    with pytest.raises(Abort, match="configuration error"):
        build_site(site, plugin=options)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1, errors
    assert words in errors[0]
    assert not any(r.exc_info for r in caplog.records)
