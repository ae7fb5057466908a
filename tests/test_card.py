"""The metadata card, the title and the structured data of review pages, in real builds."""

from __future__ import annotations

import json
from typing import Any

import pytest
from bs4 import BeautifulSoup

from mkdocs_course_reviews.page_content import place_card
from tests.conftest import BuildSite, review

FULL = review(
    "LLMs Mastery",
    category="[Web, AI]",
    institution="Udemy",
    date='"June 2025"',
    extra=(
        'description: "A deep-dive into generative AI"\n'
        "url: https://www.udemy.com/course/llms-mastery/\n"
        "rating: 4.5\n"
        "instructor: [Ann Lee, Bo Chen]\n"
        "platform: Udemy Business\n"
        "duration: 40 hours\n"
        "level: Intermediate\n"
        "language: English\n"
        "certificate: https://example.com/cert/42\n"
    ),
)
XSS_TITLE = "<script>alert(1)</script></title></script>"
XSS_DESCRIPTION = '"><img src=x onerror=alert(1)>'


def card_of(soup: BeautifulSoup) -> Any:
    cards = soup.select(".course-review-card")
    assert len(cards) == 1
    return cards[0]


def facts(card: Any) -> dict[str, str]:
    return {
        div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True)
        for div in card.select(".course-review-fact")
    }


def json_ld(soup: BeautifulSoup) -> list[dict[str, object]]:
    return [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]


@pytest.mark.parametrize("theme", ["mkdocs", "material", "readthedocs"])
def test_card_shows_every_field(build_site: BuildSite, theme: str) -> None:
    site = build_site({"index.md": "# Home\n", "reviews/llms.md": FULL}, theme=theme)
    soup = site.html("reviews/llms/index.html")
    card = card_of(soup)
    assert facts(card) == {
        "Institution": "Udemy",
        "Categories": "Web AI",
        "Taken": "June 2025",
        "Rating": "4.5",
        "Instructors": "Ann Lee, Bo Chen",
        "Platform": "Udemy Business",
        "Duration": "40 hours",
        "Level": "Intermediate",
        "Language": "English",
        "Certificate": "View certificate (opens in a new tab)",
    }
    assert card.select_one("time")["datetime"] == "2025-06"
    stars = card.select_one(".course-review-stars")
    assert stars["role"] == "img"
    assert stars["aria-label"] == "4.5 out of 5"
    # The stylesheet draws the stars, filled to this share: the page holds one element.
    assert stars["style"] == "--course-review-stars: 90.0%"
    assert stars.contents == []
    assert card.select_one(".course-review-description").get_text() == (
        "A deep-dive into generative AI"
    )
    link = card.select_one("a.course-review-link")
    assert link["href"] == "https://www.udemy.com/course/llms-mastery/"
    assert link["rel"] == ["noopener"]
    assert link["target"] == "_blank"
    assert link.get_text(" ", strip=True).startswith("Go to course · udemy.com ↗")
    certificate = card.select_one(".course-review-certificate a")
    assert certificate["href"] == "https://example.com/cert/42"
    assert site.warnings == []


def test_title_is_the_only_h1_and_the_card_follows_it(build_site: BuildSite) -> None:
    site = build_site(
        {
            "index.md": "# Home\n",
            "reviews/plain.md": review("From front matter", body="Text.\n\n## Part"),
            "reviews/headed.md": review("Front title", body="# My own heading\n\nText."),
        },
        theme="material",
    )
    plain = site.html("reviews/plain/index.html")
    (h1,) = plain.select("article h1, .md-content h1")
    assert h1.get_text(strip=True) == "From front matter"
    assert h1.find_next_sibling().get("class") == ["course-review-card"]
    headed = site.html("reviews/headed/index.html")
    (h1,) = headed.select(".md-content h1")
    assert h1.get_text(strip=True).startswith("My own heading")
    assert h1.find_next_sibling().get("class") == ["course-review-card"]


def test_structured_data(build_site: BuildSite) -> None:
    site = build_site(
        {
            "index.md": "# Home\n",
            "reviews/llms.md": FULL,
            "reviews/bare.md": review("Bare", date="2024"),
        },
        site_author="Site Author",
    )
    (data,) = json_ld(site.html("reviews/llms/index.html"))
    assert data == {
        "@context": "https://schema.org",
        "@type": "Review",
        "name": "LLMs Mastery",
        "url": "https://example.org/log/reviews/llms/",
        "itemReviewed": {
            "@type": "Course",
            "name": "LLMs Mastery",
            "description": "A deep-dive into generative AI",
            "url": "https://www.udemy.com/course/llms-mastery/",
            "provider": {"@type": "Organization", "name": "Udemy"},
            "educationalLevel": "Intermediate",
            "inLanguage": "English",
        },
        "datePublished": "2025-06",
        "author": {"@type": "Person", "name": "Site Author"},
        "reviewRating": {"@type": "Rating", "ratingValue": 4.5, "bestRating": 5, "worstRating": 0},
    }
    (bare,) = json_ld(site.html("reviews/bare/index.html"))
    assert bare["datePublished"] == "2024"
    assert "reviewRating" not in bare
    assert json_ld(site.html("index.html")) == []


def test_author_option_and_switches(build_site: BuildSite) -> None:
    site = build_site(
        {"index.md": "# Home\n", "reviews/llms.md": FULL},
        site_author="Site Author",
        plugin={"author": "Reviewer", "labels": {"go_to_course": "Zum Kurs", "date": "Belegt"}},
    )
    soup = site.html("reviews/llms/index.html")
    (data,) = json_ld(soup)
    assert data["author"] == {"@type": "Person", "name": "Reviewer"}
    assert soup.select_one(".course-review-link").get_text(strip=True).startswith("Zum Kurs")
    assert "Belegt" in facts(card_of(soup))
    off = build_site(
        {"index.md": "# Home\n", "reviews/llms.md": FULL},
        plugin={"card": False, "structured_data": False},
    )
    soup = off.html("reviews/llms/index.html")
    assert soup.select(".course-review-card") == []
    assert json_ld(soup) == []
    assert [h.get_text(strip=True) for h in soup.select("h1")] == ["LLMs Mastery"]


def test_unknown_label_is_a_config_error(build_site: BuildSite) -> None:
    from mkdocs.exceptions import Abort  # noqa: PLC0415

    with pytest.raises(Abort):
        build_site({"index.md": "# Home\n"}, plugin={"labels": {"go_to_cours": "x"}})


def test_card_template_override(build_site: BuildSite) -> None:
    site = build_site(
        {
            "../overrides/course-reviews/card.html": (
                '<div class="my-card">{{ review.title }} @ {{ review.institution }}</div>'
            ),
            "index.md": "# Home\n",
            "reviews/llms.md": FULL.replace("LLMs Mastery", "<b>bold</b>"),
        },
        theme={"name": "mkdocs", "custom_dir": "overrides"},
    )
    soup = site.html("reviews/llms/index.html")
    assert soup.select(".course-review-card") == []
    (mine,) = soup.select(".my-card")
    assert mine.get_text() == "<b>bold</b> @ Udemy"  # still escaped: autoescape is on


@pytest.mark.parametrize("theme", ["mkdocs", "material", "readthedocs"])
def test_front_matter_is_text_never_markup(build_site: BuildSite, theme: str) -> None:
    fields = {
        "title": XSS_TITLE,
        "category": "<i>cat</i>",
        "institution": "<img src=x onerror=alert(2)>",
        "description": XSS_DESCRIPTION,
        "platform": "<script>alert(3)</script>",
    }
    text = "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in fields.items())
    text += "date: June 2025\nrating: 3\n---\n\nBody.\n"
    site = build_site({"index.md": "# Home\n", "reviews/xss.md": text}, theme=theme)
    raw = (site.site_dir / "reviews/xss/index.html").read_text()
    soup = BeautifulSoup(raw, "html.parser")
    assert soup.select("img[onerror]") == []
    assert soup.select("i") == [] or all(i.get_text() != "cat" for i in soup.select("i"))
    # No element was made by the payloads: no script that runs them, no tag they opened.
    assert all((s.string or "").strip() not in {"alert(1)", "alert(3)"} for s in soup("script"))
    card = card_of(soup)
    assert card.select_one(".course-review-description").get_text() == XSS_DESCRIPTION
    assert facts(card)["Institution"] == fields["institution"]
    assert facts(card)["Platform"] == fields["platform"]
    assert soup.title is not None
    assert soup.title.get_text().startswith(XSS_TITLE)
    assert soup.select("h1")[0].get_text(strip=True).startswith(XSS_TITLE)
    (data,) = json_ld(soup)
    assert data["name"] == XSS_TITLE
    assert data["itemReviewed"]["description"] == XSS_DESCRIPTION  # type: ignore[index]
    if theme == "material":
        meta = soup.select_one('meta[name="description"]')
        assert meta is not None
        assert meta["content"] == XSS_DESCRIPTION


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox",
        "/relative/page",
        "//x.org",
    ],
)
def test_dangerous_urls_are_not_linked(build_site: BuildSite, url: str) -> None:
    site = build_site(
        {
            "index.md": "# Home\n",
            "reviews/x.md": review(
                extra=f"url: {json.dumps(url)}\ncertificate: {json.dumps(url)}\n"
            ),
        }
    )
    soup = site.html("reviews/x/index.html")
    assert soup.select(".course-review-link") == []
    assert soup.select(".course-review-certificate") == []
    assert all(url not in (a.get("href") or "") for a in soup.select("a"))
    assert sorted(w.split(" ")[2] for w in site.warnings) == ["certificate", "url"]
    assert all("reviews/x.md" in w and "so it is not linked" in w for w in site.warnings)


def test_a_url_is_linked_as_a_browser_writes_it(build_site: BuildSite) -> None:
    url = "https://en.wikipedia.org/wiki/Hilbert's_problems"
    site = build_site(
        {
            "index.md": "# Home\n",
            "reviews/x.md": review(
                extra=f"url: {json.dumps(url)}\ncertificate: https://example.com/?a=1&b=<2>\n"
            ),
        },
        strict=True,
    )
    soup = site.html("reviews/x/index.html")
    link = soup.select_one(".course-review-card a.course-review-link")
    assert link["href"] == "https://en.wikipedia.org/wiki/Hilbert's_problems"
    assert "en.wikipedia.org" in link.get_text()
    certificate = soup.select_one(".course-review-certificate a")
    assert certificate["href"] == "https://example.com/?a=1&b=%3C2%3E"
    assert site.warnings == []


def test_stylesheet_is_shipped_and_loaded_before_the_sites_own(build_site: BuildSite) -> None:
    site = build_site(
        {"index.md": "# Home\n", "extra.css": "p {}", "reviews/x.md": review()},
        theme="material",
        extra_css=["extra.css"],
    )
    css = (site.site_dir / "assets/course-reviews/course-reviews.css").read_text()
    assert ".course-review-card" in css
    assert "@import" not in css
    assert "url(" not in css  # no web fonts, no CDN
    hrefs = [
        link["href"] for link in site.html("reviews/x/index.html").select("link[rel=stylesheet]")
    ]
    ours = next(i for i, h in enumerate(hrefs) if h.endswith("course-reviews.css"))
    theirs = next(i for i, h in enumerate(hrefs) if h.endswith("extra.css"))
    assert ours < theirs


def test_place_card() -> None:
    assert place_card("<p>x</p>", "<h1>T</h1>", "<aside/>") == "<h1>T</h1><aside/><p>x</p>"
    assert place_card('<h1 id="a">Mine</h1><p>x</p>', "<h1>T</h1>", "<aside/>") == (
        '<h1 id="a">Mine</h1><aside/><p>x</p>'
    )
    assert place_card("<h2>Sub</h2>", "<h1>T</h1>", "") == "<h1>T</h1><h2>Sub</h2>"


def test_a_rating_of_zero_is_shown(build_site: BuildSite) -> None:
    site = build_site({"reviews/zero.md": review("Zero", extra="rating: 0\n")})
    stars = site.html("reviews/zero/index.html").select_one(
        ".course-review-card .course-review-stars"
    )
    assert stars is not None
    assert stars["aria-label"] == "0 out of 5"
    assert stars["style"] == "--course-review-stars: 0.0%"
