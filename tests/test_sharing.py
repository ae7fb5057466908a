"""Open Graph and Twitter Card tags on review pages: previews of shared links."""

from __future__ import annotations

import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from bs4 import BeautifulSoup

from mkdocs_course_reviews.sharing import has_open_graph, social_cards_on
from tests.conftest import BuildSite, review

TITLE = 'AT&T "<Intro>" to C++ <script>alert(1)</script>'
SITE = {
    "index.md": "# Home\n",
    "reviews/x.md": review(
        "'AT&T \"<Intro>\" to C++ <script>alert(1)</script>'",
        extra="description: 'Fast & <b>loud</b>'\n",
    ),
    "reviews/plain.md": review("Plain", category="[Web, AI]", institution="MIT"),
    "reviews/draft.md": review("Draft", extra="draft: true\ndescription: Secret\n"),
}
PROPERTIES = ["og:type", "og:title", "og:description", "og:url", "og:site_name"]
NAMES = ["twitter:card", "twitter:title", "twitter:description"]


def tags(soup: BeautifulSoup) -> dict[str, list[str]]:
    """Every og: and twitter: tag of the page's head: name -> contents."""
    found: dict[str, list[str]] = {}
    assert soup.head is not None
    for meta in soup.head.find_all("meta"):
        key = meta.get("property") or meta.get("name") or ""
        if key.startswith(("og:", "twitter:")):
            found.setdefault(key, []).append(meta["content"])
    return found


def test_a_review_page_describes_itself_once(build_site: BuildSite) -> None:
    site = build_site(SITE, strict=True)
    assert tags(site.html("reviews/x/index.html")) == {
        "og:type": ["article"],
        "og:title": [TITLE],
        "og:description": ["Fast & <b>loud</b>"],
        "og:url": ["https://example.org/log/reviews/x/"],
        "og:site_name": ["Test log"],
        "twitter:card": ["summary"],
        "twitter:title": [TITLE],
        "twitter:description": ["Fast & <b>loud</b>"],
    }
    raw = (site.site_dir / "reviews/x/index.html").read_text(encoding="utf-8")
    head = raw[: raw.index("</head>")]
    assert head.count("<script>alert(1)") == 0
    assert 'content="AT&amp;T &#34;&lt;Intro&gt;&#34; to C++' in head


def test_without_a_description_the_facts_describe_it(build_site: BuildSite) -> None:
    site = build_site(SITE)
    found = tags(site.html("reviews/plain/index.html"))
    assert found["og:description"] == ["MIT · Web, AI · June 2025"]
    assert found["twitter:description"] == ["MIT · Web, AI · June 2025"]


def test_in_the_sites_language(build_site: BuildSite) -> None:
    site = build_site(SITE, plugin={"locale": "de"})
    assert tags(site.html("reviews/plain/index.html"))["og:description"] == [
        "MIT · Web, AI · Juni 2025"
    ]


@pytest.mark.parametrize("serve", [False, True])
def test_drafts_and_other_pages_get_none(build_site: BuildSite, serve: bool) -> None:
    site = build_site(SITE, serve=serve)
    assert tags(site.html("index.html")) == {}
    assert tags(site.html("categories/index.html")) == {}
    if serve:
        assert tags(site.html("reviews/draft/index.html")) == {}
    else:
        assert not site.exists("reviews/draft/index.html")
    for path, text in site.text_of_every_file():
        assert "og:description" not in text or "Secret" not in text, path


def test_without_site_url_there_is_no_og_url(build_site: BuildSite) -> None:
    site = build_site(SITE, site_url=None)
    found = tags(site.html("reviews/x/index.html"))
    assert "og:url" not in found
    assert found["og:title"] == [TITLE]


def test_they_can_be_switched_off(build_site: BuildSite) -> None:
    site = build_site(SITE, plugin={"sharing": False})
    assert tags(site.html("reviews/x/index.html")) == {}
    assert site.html("reviews/x/index.html").select('script[type="application/ld+json"]')


def test_a_themes_own_open_graph_tags_are_not_repeated(build_site: BuildSite) -> None:
    override = (
        '{% extends "base.html" %}\n{% block extrahead %}'
        '<meta property="og:title" content="{{ page.title }}">{% endblock %}\n'
    )
    site = build_site(
        {**SITE, "../overrides/main.html": override},
        theme={"name": "mkdocs", "custom_dir": "overrides"},
    )
    found = tags(site.html("reviews/x/index.html"))
    assert len(found["og:title"]) == 1
    assert "twitter:card" not in found


@pytest.mark.parametrize("social", [{"enabled": False}, {"cards": False}])
def test_a_social_plugin_that_makes_no_cards_leaves_them_to_us(
    build_site: BuildSite, social: dict[str, Any]
) -> None:
    site = build_site(
        SITE,
        theme={"name": "material", "font": False},
        plugins=["search", {"social": social}, "course-reviews"],
    )
    found = tags(site.html("reviews/x/index.html"))
    assert found["og:title"] == [TITLE]
    assert found["twitter:card"] == ["summary"]


def social(**options: object) -> SimpleNamespace:
    return SimpleNamespace(config={"enabled": True, "cards": True, **options})


@pytest.mark.parametrize(
    ("plugins", "meta", "site_url", "writes"),
    [
        ({"material/social": social()}, {}, "https://x.org/", True),
        ({"social": social()}, {}, "https://x.org/", True),
        ({"social #2": social()}, {}, "https://x.org/", True),
        ({"social": social()}, {}, None, False),
        ({"social": social(enabled=False)}, {}, "https://x.org/", False),
        ({"social": social(cards=False)}, {}, "https://x.org/", False),
        ({"social": social(cards=False)}, {"social": {"cards": True}}, "https://x.org/", True),
        ({"social": social()}, {"social": {"cards": False}}, "https://x.org/", False),
        ({"social": social(cards_exclude=["reviews/*"])}, {}, "https://x.org/", False),
        ({"social": social(cards_exclude=["blog/*"])}, {}, "https://x.org/", True),
        ({"social": social(cards_include=["blog/*"])}, {}, "https://x.org/", False),
        ({"social": social(cards_include=["reviews/*"])}, {}, "https://x.org/", True),
        ({"search": social(), "socialist": social()}, {}, "https://x.org/", False),
    ],
)
def test_when_materials_social_plugin_writes_the_tags(
    plugins: dict[str, object], meta: dict[str, object], site_url: str | None, writes: bool
) -> None:
    assert social_cards_on(plugins, "reviews/x.md", meta, site_url=site_url) is writes


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<head><meta property="og:title" content="x"></head><body></body>', True),
        ("<head><meta property='og:title' content=x></head>", True),
        ("<head><meta name=description content=x></head>", False),
        ('<head></head><body><meta property="og:title" content="x"></body>', False),
        ("no head at all", False),
    ],
)
def test_has_open_graph(html: str, found: bool) -> None:
    assert has_open_graph(html) is found


@pytest.mark.slow  # draws an image for every page
def test_with_materials_social_cards_no_tag_is_repeated(build_site: BuildSite) -> None:
    try:
        importlib.import_module("cairosvg")  # the social plugin's; it loads libcairo
    except (ImportError, OSError) as error:
        pytest.skip(f"the social plugin needs cairosvg and libcairo: {error}")
    from tests.test_neighbours import some_font  # noqa: PLC0415 - a slow test's helper

    font = some_font()
    cache = ".cache/plugin/social/fonts/Roboto"
    site = build_site(
        SITE,
        theme={"name": "material", "font": False},
        plugins=["search", "social", "course-reviews"],
        root_files={f"{cache}/{style}.ttf": font for style in ("Regular", "Bold", "Medium")},
    )
    found = tags(site.html("reviews/x/index.html"))
    assert {key: len(values) for key, values in found.items() if len(values) > 1} == {}
    assert found["twitter:card"] == ["summary_large_image"]  # the social plugin's
    assert found["og:type"] == ["website"]
