"""The plugin's promises on the side paths: what we hand to themes, navigation, the card's place.

Written as an attacker would: real builds, and assertions on every file the build writes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from tests.conftest import (
    BuildSite,
    Site,
    build_in_process,
    draft_and_broken,
    review,
    site_builder,
)

SECRET = "QX-DRAFT-SECRET-7731"  # noqa: S105 - a marker, not a password
XSS = "<img src=x onerror=alert(1)>"
XSS_YAML = '"<img src=x onerror=alert(1)>"'


def html_files(site: Site) -> list[Path]:
    return sorted(site.site_dir.rglob("*.html"))


def assert_no_injected_markup(site: Site) -> None:
    """No element that front matter could have smuggled in, in any HTML file of the site."""
    for path in html_files(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert not soup.select("[onerror]"), path
        assert not soup.select("img[src=x]"), path
        assert not soup.find_all("b", string="bold"), path
        # Escaped once: the reader sees "<img ...>", never "&lt;img" or "&amp;lt;".
        assert "&amp;lt;" not in path.read_text(encoding="utf-8"), path


# Prints every value the plugin hands on, raw, as many themes do (MkDocs' Jinja environment does
# not autoescape).
RAW_THEME = """\
{% extends "base.html" %}
{% block content %}
<div id="meta">
<p class="t">{{ page.meta.title }}</p>
<p class="d">{{ page.meta.description }}</p>
<p class="s">{{ page.meta.subtitle }}</p>
<p class="n">{% if page.meta.nested %}{{ page.meta.nested.deep[0] }}{% endif %}</p>
<p class="date">{{ page.meta.date.isoformat() if page.meta.date else "" }}</p>
<ul class="tags">{% for tag in page.meta.tags or [] %}<li>{{ tag }}</li>{% endfor %}</ul>
</div>
<ul id="global">
{% for review in course_reviews %}
<li>{{ review.title }} ({{ review.institution }}, {{ review.date }}) {{ review.description }}
{{ review.categories | join(", ") }} {{ review.extra.subtitle }} {{ review.tags | join(", ") }}</li>
{% endfor %}
</ul>
{{ super() }}
{% endblock %}
"""

HOSTILE = review(
    '"<b>bold</b> & <script>alert(1)</script>"',
    category=XSS_YAML,
    institution=XSS_YAML,
    extra=(
        f"description: {XSS_YAML}\n"
        f"subtitle: {XSS_YAML}\n"
        f"tags: [{XSS_YAML}, plain]\n"
        f"nested: {{deep: [{XSS_YAML}]}}\n"
        f'instructor: ["<b>bold</b>"]\n'
    ),
)


def test_values_handed_to_a_theme_that_does_not_autoescape(
    build_site: BuildSite, tmp_path: Path
) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(RAW_THEME)
    site = build_site(
        {"index.md": "# Home\n", "reviews/x.md": HOSTILE},
        theme={"name": "mkdocs", "custom_dir": str(overrides)},
    )
    assert_no_injected_markup(site)
    page = site.html("reviews/x/index.html")
    meta = page.select_one("#meta")
    assert meta is not None
    # The reader sees the text as it was written, escaped once.
    assert meta.select_one(".t").get_text() == "<b>bold</b> & <script>alert(1)</script>"
    assert meta.select_one(".d").get_text() == XSS
    assert meta.select_one(".s").get_text() == XSS
    assert meta.select_one(".n").get_text() == XSS
    assert [li.get_text() for li in meta.select(".tags li")] == [XSS, "plain"]
    assert meta.select_one(".date").get_text() == "2025-06-01"
    listed = page.select_one("#global").get_text(" ", strip=True)
    assert "<b>bold</b> & <script>alert(1)</script>" in listed
    assert f"({XSS}, June 2025)" in listed
    # Every page prints the global, so check one that is not a review too.
    home = site.html("index.html").select_one("#global").get_text(" ", strip=True)
    assert XSS in home


def test_material_with_tags_and_nav_subtitles(build_site: BuildSite) -> None:
    site = build_site(
        {
            "index.md": "# Home\n",
            "tags.md": "# Tags\n\n<!-- material/tags -->\n",
            "reviews/x.md": HOSTILE,
        },
        theme={"name": "material", "font": False},
        plugins=["search", "tags", {"course-reviews": {"reviews_in_nav": True}}],
    )
    assert_no_injected_markup(site)
    tags = site.html("tags/index.html").get_text(" ", strip=True)
    assert XSS in tags
    index = json.loads((site.site_dir / "search/search_index.json").read_text())
    review_doc = next(d for d in index["docs"] if d["location"] == "reviews/x/")
    # Search results are HTML: the text is there, escaped.
    assert "&lt;img src=x onerror=alert(1)&gt;" in json.dumps(review_doc)


def test_explicit_nav_naming_drafts_and_broken_reviews(build_site: BuildSite) -> None:
    files = {
        "index.md": "# Home\n",
        "about.md": "# About\n",
        "reviews/ok.md": review("Published One"),
        **draft_and_broken(SECRET, broken="bad yaml"),
    }
    nav = [
        {"Home": "index.md"},
        {"Reviews": ["reviews/ok.md", "reviews/draft.md", {"Broken": "reviews/broken.md"}]},
        {"Only drafts": ["reviews/draft.md"]},
        {"About": "about.md"},
    ]
    site = build_site(files, nav=nav)
    for name in ("reviews/draft.md", "reviews/broken.md"):
        assert any(name in w and "nav" in w for w in site.warnings), name
    assert site.leaks(SECRET) == []
    built = {str(p.relative_to(site.site_dir)) for p in site.site_dir.rglob("*") if p.is_file()}
    for path in html_files(site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert "Only drafts" not in page.get_text(), path
        assert "Broken" not in page.get_text(), path
        for link in page.select("a[href]"):
            href = link["href"].split("#")[0]
            if not href or href.startswith("/") or re.match(r"^[a-z]+:", href):
                continue
            target = (path.parent / href).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert str(target.relative_to(site.site_dir.resolve())) in built, (path, href)
    # prev/next of the published review skip the draft.
    ok = site.html("reviews/ok/index.html")
    assert ok.select_one('link[rel="next"]') is None or "draft" not in str(
        ok.select_one('link[rel="next"]')
    )


def test_explicit_nav_fails_strict_on_a_draft(build_site: BuildSite) -> None:
    files = {
        "index.md": "# Home\n",
        "reviews/draft.md": review("Draft", extra="draft: true\n"),
    }
    with pytest.raises(Exception, match="warning"):
        build_site(files, nav=["index.md", "reviews/draft.md"], strict=True)


def test_intro_page_of_a_category_only_drafts_have(build_site: BuildSite) -> None:
    site = build_site(
        {
            "index.md": "# Home\n",
            "reviews/ok.md": review("Shown", category="Web"),
            "reviews/draft.md": review(
                "Hidden", category=f"Secret {SECRET}", extra="draft: true\n"
            ),
            "categories/secret-qx-draft-secret-7731.md": f"# Secret {SECRET}\n\nIntro.\n",
            "categories/web.md": "# Web things\n\nAn intro of my own.\n",
        }
    )
    assert site.leaks(SECRET) == []
    assert "An intro of my own." in site.html("categories/web/index.html").get_text()
    assert any("secret-qx-draft-secret-7731.md" in m for m in site.messages)


@pytest.mark.parametrize(
    ("body", "first_h1"),
    [
        ("Some text.\n\n# A heading further down\n\nMore.\n", "Front Title"),
        ("<!-- <h1>commented</h1> -->\n\nText.\n", "Front Title"),
        ("Text with an inline <h1>raw</h1> heading.\n", "Front Title"),
        ("# My Own Heading\n\nText.\n", "My Own Heading"),
        ("\n\n# Heading After Blank Lines\n\nText.\n", "Heading After Blank Lines"),
    ],
)
def test_the_card_goes_under_the_opening_heading_only(
    build_site: BuildSite, body: str, first_h1: str
) -> None:
    site = build_site({"reviews/x.md": review("Front Title", body=body)})
    page = site.html("reviews/x/index.html")
    content = page.select_one('[role="main"]') or page.body
    assert content is not None
    h1s = content.find_all("h1")
    assert h1s[0].get_text(strip=True) == first_h1
    card = content.select_one(".course-review-card")
    assert card is not None
    # The card comes right after the first h1, and is not inside a comment.
    following = h1s[0].find_next_sibling()
    assert following is card
    assert page.title is not None
    assert "Front Title" in page.title.get_text()


def test_pages_other_plugins_see_hold_the_card_and_listings(build_site: BuildSite) -> None:
    site = build_site(
        {
            "index.md": "# Home\n\n<!-- course-reviews limit=3 -->\n",
            "reviews/x.md": review(
                "Findable",
                institution="Coursera",
                extra='instructor: "Andrew Ng"\nplatform: edX\nlevel: Beginner\n'
                'description: "A phrase only the description holds"\n',
            ),
        }
    )
    index = json.loads((site.site_dir / "search/search_index.json").read_text())
    docs = {d["location"]: d for d in index["docs"]}
    text = json.dumps(docs["reviews/x/"])
    for word in ("Coursera", "Andrew Ng", "edX", "Beginner", "only the description holds", "Web"):
        assert word in text, word
    assert "Findable" in json.dumps(docs[""])


@pytest.mark.parametrize("name", ["x.MD", "x.Markdown", "x.mkdn", "x.MKD", "x.mdown"])
def test_a_draft_with_any_markdown_extension_stays_unpublished(
    build_site: BuildSite, name: str
) -> None:
    site = build_site(
        {
            "index.md": "# Home\n\n<!-- course-reviews -->\n",
            f"reviews/{name}": review(f"Draft {SECRET}", extra="draft: true\n", body=SECRET),
            "reviews/ok.md": review("Published"),
        }
    )
    assert site.leaks(SECRET) == []
    assert not site.exists(f"reviews/{name}")


def test_a_review_in_capitals_is_a_page_with_its_card(build_site: BuildSite) -> None:
    site = build_site({"reviews/Big.MD": review("Shouted Title")})
    page = site.html("reviews/Big/index.html")
    assert page.select_one(".course-review-card") is not None
    assert not site.exists("reviews/Big.MD")
    clash = build_site({"reviews/y.MD": review("One"), "reviews/y.md": review("Two")})
    assert any("reviews/y.MD" in w and "reviews/y.md" in w for w in clash.warnings)
    assert not clash.exists("reviews/y.MD")


def test_a_link_in_place_of_the_cache_folder_stops_the_build_and_deletes_nothing(
    tmp_path: Path,
) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.md").write_text("# Keep me\n")
    root_files: dict[str, str | bytes] = {}
    build = site_builder(tmp_path / "sites")
    (tmp_path / "sites" / "site0" / ".cache" / "plugin").mkdir(parents=True)
    (tmp_path / "sites" / "site0" / ".cache" / "plugin" / "course-reviews").symlink_to(victim)
    with pytest.raises(Abort):
        build({"reviews/x.md": review("X")}, root_files=root_files)
    assert sorted(p.name for p in victim.iterdir()) == ["precious.md"]


def test_a_file_in_place_of_the_cache_folder_is_a_message(tmp_path: Path) -> None:
    build = site_builder(tmp_path / "sites")
    (tmp_path / "sites" / "site0" / ".cache" / "plugin").mkdir(parents=True)
    (tmp_path / "sites" / "site0" / ".cache" / "plugin" / "course-reviews").write_text("x")
    with pytest.raises(Abort):
        build({"reviews/x.md": review("X")})


def test_a_folder_in_place_of_a_pages_source_is_a_message(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    site = build_site({"reviews/x.md": review("X", category="Web")})
    source = site.docs_dir.parent / ".cache" / "plugin" / "course-reviews" / "categories" / "web.md"
    source.unlink()
    source.mkdir()
    (source / "mine.txt").write_text("kept")
    with pytest.raises(Abort):
        build_in_process(site.docs_dir.parent / "mkdocs.yml")
    assert any("web.md is a folder where the plugin keeps a file" in m for m in caplog.messages)
    assert (source / "mine.txt").read_text() == "kept"


def test_pruning_deletes_only_what_the_plugin_wrote(build_site: BuildSite) -> None:
    site = build_site({"reviews/x.md": review("X", category="Old")})
    cache = site.docs_dir.parent / ".cache" / "plugin" / "course-reviews"
    mine = cache / "categories" / "notes.md"
    mine.write_text("# A file of my own\n")
    (site.docs_dir / "reviews" / "x.md").write_text(review("X", category="New"))
    build_in_process(site.docs_dir.parent / "mkdocs.yml")
    assert mine.exists()
    assert not (cache / "categories" / "old.md").exists()
    assert (cache / "categories" / "new.md").exists()


@pytest.mark.parametrize(
    ("folder", "option", "hint"),
    [
        ("Reviews", {}, "set reviews_dir: Reviews"),
        ("reviews", {"reviews_dir": "review"}, "put your reviews there"),
    ],
)
def test_a_reviews_dir_that_holds_nothing_is_a_warning(
    build_site: BuildSite, folder: str, option: dict[str, str], hint: str
) -> None:
    files = {
        "index.md": "# Home\n",
        f"{folder}/draft.md": review("Draft", extra="draft: true\n", body=SECRET),
    }
    site = build_site(files, plugin=option)
    assert any("holds no file" in w and hint in w for w in site.warnings)
    with pytest.raises(Abort):
        build_site(files, plugin=option, strict=True)


def test_mkdocs_search_gets_titles_as_text(build_site: BuildSite) -> None:
    title = "AT&T <b>bold</b> & Hilbert's"
    site = build_site({"reviews/x.md": review(f'"{title}"')})
    index = json.loads((site.site_dir / "search/search_index.json").read_text())
    titles = [doc["title"] for doc in index["docs"] if doc["location"] == "reviews/x/"]
    # MkDocs' search script escapes titles itself: they must be text, escaped by nobody else.
    assert titles == [title]


def test_a_template_the_theme_lacks_is_a_warning(build_site: BuildSite) -> None:
    site = build_site({"reviews/x.md": review("X", extra="template: nowhere.html\n")})
    assert any("nowhere.html" in w and "reviews/x.md" in w for w in site.warnings)
    assert site.html("reviews/x/index.html").select_one(".course-review-card") is not None
