"""Real builds of small sites, in build and serve mode, asserted on the files they produce."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from tests.conftest import BuildSite, Site, review

MARKER = "ZX-DRAFT-MARKER-7741"


def nav_links(soup: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(".navbar-nav a, .bs-sidebar a")]


def test_reviews_are_built_and_kept_out_of_the_nav(build_site: BuildSite) -> None:
    site = build_site(
        {
            "index.md": "# Home\n",
            "reviews/llms.md": review("LLMs Mastery", body="Note: keep this line.\n\nText."),
            "reviews/2024/nested.md": review("Nested One"),
        }
    )
    page = site.html("reviews/llms/index.html")
    assert page.title is not None
    assert page.title.get_text().startswith("LLMs Mastery")
    assert "Note: keep this line." in page.get_text()  # not swallowed as MultiMarkdown meta
    assert site.exists("reviews/2024/nested/index.html")
    assert "LLMs Mastery" not in nav_links(site.html("index.html"))
    assert site.warnings == []


def test_reviews_in_nav_option(build_site: BuildSite) -> None:
    site = build_site(
        {"index.md": "# Home\n", "reviews/llms.md": review("LLMs Mastery")},
        plugin={"reviews_in_nav": True},
    )
    assert "LLMs Mastery" in nav_links(site.html("index.html"))


def test_index_and_readme_stay_ordinary_pages(build_site: BuildSite) -> None:
    site = build_site(
        {"index.md": "# Home\n", "reviews/index.md": "# All my courses\n\nNo front matter."}
    )
    assert site.warnings == []
    assert "All my courses" in site.html("reviews/index.html").get_text()


def _draft_site(build_site: BuildSite, **kwargs: object) -> Site:
    return build_site(
        {
            "index.md": "# Home\n\n[the draft](reviews/secret.md)\n",
            "reviews/public.md": review("Public Course"),
            "reviews/secret.md": review(
                f"Secret {MARKER}",
                body=f"Unfinished {MARKER} thoughts.",
                extra=f"draft: true\ndescription: {MARKER}\n",
            ),
        },
        theme="material",
        **kwargs,
    )


def test_a_draft_reaches_no_built_file(build_site: BuildSite) -> None:
    site = _draft_site(build_site, plugins=["search", "course-reviews"])
    assert not site.exists("reviews/secret/index.html")
    assert site.exists("reviews/public/index.html")
    assert site.leaks(MARKER) == []
    assert len(list(site.text_of_every_file())) > 20  # every file was read: there are many
    index = json.loads((site.site_dir / "search/search_index.json").read_text())
    assert any("Public Course" in doc["title"] for doc in index["docs"])
    assert "reviews/public/" in (site.site_dir / "sitemap.xml").read_text()


def test_a_draft_is_previewed_in_serve_with_a_marker(build_site: BuildSite) -> None:
    site = _draft_site(build_site, serve=True)
    page = site.html("reviews/secret/index.html")
    marker = page.select_one(".mkdocs-draft-marker")
    assert marker is not None
    assert marker.get_text() == "DRAFT"
    assert MARKER in page.get_text()
    assert "reviews/secret/" not in (site.site_dir / "sitemap.xml").read_text()


def test_draft_on_serve_false_hides_drafts_in_serve_too(build_site: BuildSite) -> None:
    site = _draft_site(build_site, serve=True, plugin={"draft_on_serve": False})
    assert not site.exists("reviews/secret/index.html")
    assert site.exists("reviews/public/index.html")


@pytest.mark.parametrize("serve", [False, True])
def test_a_broken_review_is_never_published(build_site: BuildSite, serve: bool) -> None:
    site = build_site(
        {
            "index.md": "# Home\n",
            "reviews/good.md": review("Good"),
            "reviews/bad-date.md": review("Bad date", date="sometime last summer"),
            "reviews/bad-yaml.md": "---\ntitle: [unclosed\ndraft: true\n---\nsecret\n",
            "reviews/latin1.md": "---\ntitle: Café\n---\n".encode("latin-1"),
        },
        serve=serve,
    )
    assert site.exists("reviews/good/index.html")
    for name in ("bad-date", "bad-yaml", "latin1"):
        assert not site.exists(f"reviews/{name}/index.html")
    warnings = site.warnings
    assert (
        'mkdocs_course_reviews: reviews/bad-date.md: date "sometime last summer" is not a date; '
        'write it like "June 2025" or 2025-06-14'
    ) in warnings
    assert any(
        w.startswith(
            "mkdocs_course_reviews: reviews/bad-yaml.md: has invalid YAML front matter at line "
        )
        for w in warnings
    )
    assert any("reviews/latin1.md: is not UTF-8 text" in w for w in warnings)


def test_strict_mode_fails_on_our_warnings(build_site: BuildSite) -> None:
    with pytest.raises(Abort, match="strict mode"):
        build_site({"index.md": "# Home\n", "reviews/x.md": review(date="someday")}, strict=True)


def test_strict_mode_passes_on_a_clean_site(build_site: BuildSite) -> None:
    site = build_site({"index.md": "# Home\n", "reviews/x.md": review()}, strict=True)
    assert site.exists("reviews/x/index.html")


def test_reviews_dir_option(build_site: BuildSite) -> None:
    site = build_site(
        {
            "index.md": "# Home\n",
            "courses/a.md": review("In courses"),
            "reviews/b.md": "# Just a page\n",
        },
        plugin={"reviews_dir": "courses/"},
    )
    assert site.warnings == []
    assert site.exists("courses/a/index.html")


def test_draft_docs_of_the_site_still_win(build_site: BuildSite) -> None:
    site = build_site(
        {"index.md": "# Home\n", "reviews/a.md": review("Not ready")}, draft_docs="reviews/a.md\n"
    )
    assert not site.exists("reviews/a/index.html")


TEMPLATE = """\
{% extends "base.html" %}
{% block content %}{{ super() }}
<ul id="all-reviews">{% for r in course_reviews %}
<li data-path="{{ r.path }}">{{ r.title }}|{{ r.date }}|{{ r.date.isoformat() }}|\
{{- r.categories | join(",") }}|{{ r.extra.mood }}</li>
{% endfor %}</ul>
{% endblock %}
"""


@pytest.mark.parametrize("serve", [False, True])
def test_course_reviews_template_global(build_site: BuildSite, serve: bool) -> None:
    site = build_site(
        {
            "../overrides/main.html": TEMPLATE,
            "index.md": "# Home\n",
            "reviews/old.md": review("Old", date="2022-11-30", extra="mood: calm\n"),
            "reviews/new.md": review("New", category="[Web, AI]"),
            "reviews/draft.md": review("Draft", extra="draft: true\n"),
        },
        theme={"name": "mkdocs", "custom_dir": "overrides"},
        serve=serve,
    )
    items = [li.get_text() for li in site.html("index.html").select("#all-reviews li")]
    assert items == ["New|June 2025|2025-06|Web,AI|", "Old|November 30, 2022|2022-11-30|Web|calm"]
