"""Each plugin people combine with MkDocs, in its documented default configuration, beside ours.

One real build per neighbour. Every site holds a draft and a broken review, both carrying a
secret, and no file of any output (pages, search index, sitemap, feeds) may contain it. Each
test names the neighbour's documented default it uses.
"""

from __future__ import annotations

import datetime
import email.utils
import html
import importlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from mkdocs_course_reviews.cli import main
from tests.browser import COLOURS, MARK, MARKED, contrast, local_server, serve
from tests.conftest import GIT_DATE, BuildSite, Site, draft_and_broken, review

UTC = datetime.timezone.utc
SITE_URL = "https://example.org/log/"  # the fixture's site_url
SECRET = "QX-NEIGHBOUR-UNPUBLISHED-7731"  # noqa: S105 - a marker, not a password
UNPUBLISHED = draft_and_broken(SECRET)
DRAFT = UNPUBLISHED["reviews/draft.md"]
SITE = {
    "index.md": "# Home\n\nThe newest:\n\n<!-- course-reviews limit=5 -->\n",
    "reviews/python.md": review(
        "Python Basics", institution="Udemy", extra="description: Lists and loops.\n"
    ),
    "reviews/rust.md": review(
        "Rust Deep Dive", date='"May 2025"', institution="Coursera", category="Systems"
    ),
    **UNPUBLISHED,
}
MATERIAL = {"name": "material", "font": False}  # no Google Fonts: there is no network here


def foreign_warnings(site: Site) -> list[str]:
    """Warnings and errors logged by anything but our plugin (which warns of the broken review)."""
    return [
        record.getMessage()
        for record in site.records
        if record.levelname in {"WARNING", "ERROR"}
        and not record.name.startswith("mkdocs.plugins.mkdocs_course_reviews")
    ]


def internal_links(site_dir: Path) -> Iterator[tuple[str, str, Path]]:
    """(page, href, the file it leads to) for every link of every built page within the site."""
    site_path = urlsplit(SITE_URL).path
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a\b[^>]*?\shref="([^"]*)"', text):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, mailto:, or a link within the page
            path = unquote(parts.path)
            if path.startswith("/"):
                target = site_dir / path.removeprefix(site_path).removeprefix("/")
            else:
                target = (page.parent / path).resolve()
            if target.is_dir() or path.endswith("/"):
                target = target / "index.html"
            yield str(page.relative_to(site_dir)), href, target


def broken_links(site: Site) -> list[str]:
    links = list(internal_links(site.site_dir))
    assert links, "the site has no internal link: the check would prove nothing"
    return [f"{page} -> {href}" for page, href, target in links if not target.exists()]


def titles_listed(site: Site, path: str) -> list[str]:
    return [
        item.get_text(" ", strip=True)
        for item in site.html(path).select(".course-review-item-title")
    ]


# 1. mkdocs-rss-plugin -------------------------------------------------------------------------

DATED = {
    "reviews/month.md": review("Month Course", date='"June 2025"'),
    "reviews/year.md": review("Year Course", date="2023"),
    "reviews/quoted-iso.md": review("Quoted ISO Course", date='"2024-03-05"'),
    "reviews/unquoted-iso.md": review("Unquoted ISO Course", date="2024-03-05"),
}
# A review's date is the start of the period it names, at midnight UTC (the plugin's documented
# `date_from_meta.default_time: "00:00"` and `default_timezone: UTC`).
FEED_DATES = {
    f"{SITE_URL}reviews/month/": datetime.datetime(2025, 6, 1, tzinfo=UTC),
    f"{SITE_URL}reviews/year/": datetime.datetime(2023, 1, 1, tzinfo=UTC),
    f"{SITE_URL}reviews/quoted-iso/": datetime.datetime(2024, 3, 5, tzinfo=UTC),
    f"{SITE_URL}reviews/unquoted-iso/": datetime.datetime(2024, 3, 5, tzinfo=UTC),
}


def rss_items(site: Site, name: str = "feed_rss_created.xml") -> list[dict[str, str]]:
    """The items of an RSS feed the build wrote; parsing fails on XML that is not well formed."""
    channel = ET.fromstring((site.site_dir / name).read_bytes()).find("channel")  # noqa: S314 - our own build's output
    assert channel is not None
    return [{child.tag: child.text or "" for child in item} for item in channel.iter("item")]


def json_items(site: Site, name: str = "feed_json_created.json") -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads((site.site_dir / name).read_text())["items"]
    return items


# Records, after every plugin's `on_page_content`, whether a page's meta still says `draft`.
META_SPY = """\
from mkdocs.plugins import event_priority


@event_priority(-100)
def on_page_content(html, page, config, files):
    return html + f"<p class='meta-spy'>draft={page.meta.get('draft')!r}</p>"
"""
PUBLISHED_LINKS = {
    f"{SITE_URL}reviews/{name}/"
    for name in ("python", "rust", "month", "year", "quoted-iso", "unquoted-iso")
}


def test_rss_default_feeds_list_the_reviews_never_a_generated_page(build_site: BuildSite) -> None:
    # Documented default (mkdocs-rss-plugin docs, "Configuration"): a bare `- rss`, which takes
    # every page (match_path: ".*") and dates items from git (use_git: true, as_creation: git).
    # The site's own intro above the categories index is a listing too: never news.
    intro = {"categories/index.md": "# Categories\n\nWhat I study.\n"}
    site = build_site(
        {**SITE, **DATED, **intro},
        plugins=["search", "course-reviews", "rss"],
        git=True,
        hooks=["spy.py"],
        root_files={"spy.py": META_SPY},
    )
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        links = {item["link"] for item in rss_items(site, name)}
        # Every published review and the site's home page: no category, institution or year
        # page, no page of all reviews, nothing unpublished.
        assert links == {*PUBLISHED_LINKS, SITE_URL}, name
    assert {item["url"] for item in json_items(site)} == {*PUBLISHED_LINKS, SITE_URL}
    # The generated pages were built, and what marked them for the feed is gone afterwards.
    for path in ("categories/index.html", "categories/web/index.html", "reviews/index.html",
                 "institutions/udemy/index.html", "years/2025/index.html"):  # fmt: skip
        spy = site.html(path).select_one(".meta-spy")
        assert spy is not None, path
        assert spy.get_text() == "draft=None", path
    assert "What I study." in site.html("categories/index.html").get_text()
    assert site.leaks(SECRET) == []
    assert foreign_warnings(site) == []


def test_rss_match_path_on_the_reviews_folder_lists_no_page_of_all_reviews(
    build_site: BuildSite,
) -> None:
    # Documented option (mkdocs-rss-plugin docs, "match_path"): a regular expression on each
    # page's source path. `reviews/.*` matches the page of all reviews (`reviews/index.md`) too.
    site = build_site(
        {**SITE, **DATED},
        plugins=["search", "course-reviews", {"rss": {"match_path": "reviews/.*"}}],
        git=True,
    )
    assert site.exists("reviews/index.html")
    links = [item["link"] for item in rss_items(site)]
    assert sorted(links) == sorted(PUBLISHED_LINKS)
    assert site.leaks(SECRET) == []


def test_rss_item_dates_are_the_reviews_dates(build_site: BuildSite) -> None:
    # Documented option (mkdocs-rss-plugin docs, "date_from_meta"): `as_creation: date` reads
    # page.meta["date"]; a date without a time gets default_time "00:00" in default_timezone UTC.
    site = build_site(
        {"index.md": "# Home\n", "reviews/draft.md": DRAFT, **DATED},
        plugins=[
            "search",
            "course-reviews",
            {"rss": {"date_from_meta": {"as_creation": "date"}}},
        ],
        git=True,
        strict=True,
    )
    published = {
        item["link"]: email.utils.parsedate_to_datetime(item["pubDate"])
        for item in rss_items(site)
        if item["link"] in FEED_DATES
    }
    assert published == FEED_DATES
    in_json = {
        item["url"]: datetime.datetime.fromisoformat(item["date_published"])
        for item in json_items(site)
        if item["url"] in FEED_DATES
    }
    assert in_json == FEED_DATES
    assert site.leaks(SECRET) == []


def test_rss_feeds_keep_front_matter_text_as_text(build_site: BuildSite) -> None:
    title = "AT&T <Intro> to C++"
    description = "<img src=x onerror=alert(1)> & more"
    site = build_site(
        {
            "index.md": "# Home\n",
            "reviews/att.md": review(f'"{title}"', extra=f'description: "{description}"\n'),
        },
        plugins=["search", "course-reviews", {"rss": {"use_git": False}}],
    )
    link = f"{SITE_URL}reviews/att/"
    (item,) = [item for item in rss_items(site) if item["link"] == link]
    # RSS titles are text; descriptions are HTML (in XML): as HTML, the text as written.
    assert item["title"] == title
    described = BeautifulSoup(item["description"], "html.parser")
    assert described.find("img") is None
    assert described.get_text() == description
    # The JSON feed holds the title as HTML-escaped text (README, "Works with": a known limit,
    # because page.meta holds escaped text for the themes that print it raw).
    (feed,) = [item for item in json_items(site) if item["url"] == link]
    assert html.unescape(feed["title"]) == title
    assert "<Intro>" not in feed["title"]


# 2. mkdocs-static-i18n ------------------------------------------------------------------------

# Documented minimal configuration (mkdocs-static-i18n docs, "Setup"): `languages` with one
# `default: true`; docs_structure "suffix" by default, fallback_to_default: true.
LANGUAGES = [
    {"locale": "en", "default": True, "name": "English"},
    {"locale": "fr", "name": "Français"},
]
I18N_SUFFIX = {"i18n": {"languages": LANGUAGES}}
I18N_FOLDER = {"i18n": {"docs_structure": "folder", "languages": LANGUAGES}}


def bilingual(review_path: str, home_path: str) -> dict[str, str]:
    """One course reviewed in English and in French, with a draft and a broken review in each."""
    files = {
        home_path.format(lang="en"): "# Home\n",
        home_path.format(lang="fr"): "# Accueil\n",
        review_path.format(name="ml", lang="en"): review(
            "Machine Learning EN", category="AI", extra="description: Taught in English.\n"
        ),
        review_path.format(name="ml", lang="fr"): review(
            "Apprentissage FR", category="AI", extra="description: Enseigné en français.\n"
        ),
    }
    for lang in ("en", "fr"):
        for name in ("draft", "broken"):
            files[review_path.format(name=name, lang=lang)] = UNPUBLISHED[f"reviews/{name}.md"]
    return files


def assert_one_review_per_language(site: Site) -> None:
    for prefix, title, description in (
        ("", "Machine Learning EN", "Taught in English."),
        ("fr/", "Apprentissage FR", "Enseigné en français."),
    ):
        card = site.html(f"{prefix}reviews/ml/index.html").select_one(".course-review-card")
        assert card is not None, f"{prefix}reviews/ml/ has no card"
        assert description in card.get_text()
        # Each language's overview lists its own version of the review, once.
        assert titles_listed(site, f"{prefix}categories/ai/index.html") == [title]
        assert titles_listed(site, f"{prefix}institutions/udemy/index.html") == [title]
    assert broken_links(site) == []
    assert site.leaks(SECRET) == []


@pytest.mark.slow  # two builds, one per language
def test_i18n_suffix_layout_gives_each_language_its_cards_and_overviews(
    build_site: BuildSite,
) -> None:
    # Documented order (our README): i18n sorts a language's files before we gather them.
    plugins: list[Any] = ["search", I18N_SUFFIX, "course-reviews"]
    site = build_site(bilingual("reviews/{name}.{lang}.md", "index.{lang}.md"), plugins=plugins)
    assert_one_review_per_language(site)
    assert foreign_warnings(site) == []


def test_i18n_listed_after_us_gets_a_warning_that_says_how_to_fix_it(
    build_site: BuildSite,
) -> None:
    plugins: list[Any] = ["search", "course-reviews", I18N_FOLDER]
    # Listed after us, i18n would hide the folder layout's reviews, drafts included, from us:
    # the build stops, saying what to do.
    with pytest.raises(Abort):
        build_site(bilingual("{lang}/reviews/{name}.md", "{lang}/index.md"), plugins=plugins)


@pytest.mark.slow  # two builds, one per language
def test_i18n_folder_layout_gives_each_language_its_cards_and_overviews(
    build_site: BuildSite,
) -> None:
    site = build_site(
        bilingual("{lang}/reviews/{name}.md", "{lang}/index.md"),
        plugins=["search", I18N_FOLDER, "course-reviews"],
    )
    assert_one_review_per_language(site)
    assert foreign_warnings(site) == []


# 3. mkdocs-gen-files --------------------------------------------------------------------------

GENERATED = review("Generated Course", category="Generated Things", institution="Gen School")
GEN_DRAFT = review(
    f"Generated draft {SECRET}", category="Generated Drafts", body=SECRET,
    extra="draft: true\n",
)  # fmt: skip
GEN_SCRIPT = f"""\
import mkdocs_gen_files

REVIEWS = {{"reviews/generated.md": {GENERATED!r}, "reviews/gen-draft.md": {GEN_DRAFT!r}}}
for path, text in REVIEWS.items():
    with mkdocs_gen_files.open(path, "w") as file:
        file.write(text)
"""


@pytest.mark.parametrize("order", ["gen-files first", "gen-files last"])
def test_gen_files_reviews_are_gathered_carded_listed_and_drafts_hidden(
    build_site: BuildSite, order: str
) -> None:
    # Documented configuration (mkdocs-gen-files docs, "Usage"): `gen-files: {scripts: [...]}`.
    gen_files = {"gen-files": {"scripts": ["gen.py"]}}
    plugins: list[Any] = ["search", gen_files, "course-reviews"]
    if order == "gen-files last":
        plugins = ["search", "course-reviews", gen_files]
    site = build_site(SITE, plugins=plugins, root_files={"gen.py": GEN_SCRIPT})
    card = site.html("reviews/generated/index.html").select_one(".course-review-card")
    assert card is not None
    assert "Gen School" in card.get_text()
    assert titles_listed(site, "categories/generated-things/index.html") == ["Generated Course"]
    assert "Generated Course" in titles_listed(site, "index.html")
    assert not site.exists("reviews/gen-draft/index.html")
    assert not site.exists("categories/generated-drafts/index.html")
    assert broken_links(site) == []
    assert site.leaks(SECRET) == []


# 4. mkdocs-exclude ----------------------------------------------------------------------------


def test_an_excluded_review_is_not_listed_linked_or_counted(build_site: BuildSite) -> None:
    # Documented configuration (mkdocs-exclude README): `exclude: {glob: [...]}`.
    excluded = review("Excluded Course", institution="Only Here University")
    site = build_site(
        {**SITE, "reviews/excluded.md": excluded},
        plugins=["search", "course-reviews", {"exclude": {"glob": ["reviews/excluded.md"]}}],
    )
    assert not site.exists("reviews/excluded/index.html")
    assert not site.exists("institutions/only-here-university/index.html")
    assert site.leaks("Excluded Course", "Only Here University") == []
    assert titles_listed(site, "categories/web/index.html") == ["Python Basics"]
    counts = {
        entry.a.get_text(strip=True): entry.select_one(".course-review-count").get_text(strip=True)
        for entry in site.html("categories/index.html").select(".course-review-overview-entry")
    }
    assert counts == {"Systems": "1 review", "Web": "1 review"}
    assert broken_links(site) == []
    assert site.leaks(SECRET) == []


# 5. mkdocs-minify-plugin ----------------------------------------------------------------------

STYLESHEET = "assets/course-reviews/course-reviews.css"


@pytest.mark.parametrize("minify_css", [False, True])
def test_minify_cache_safe_links_an_existing_hashed_stylesheet(
    build_site: BuildSite, minify_css: bool
) -> None:
    # Documented options (mkdocs-minify-plugin README): `cache_safe: true` adds a hash of the
    # content to the file names listed in `css_files`; `minify_css` minifies them too.
    options = {"cache_safe": True, "css_files": [STYLESHEET], "minify_css": minify_css}
    site = build_site(SITE, plugins=["search", "course-reviews", {"minify": options}])
    page = site.html("reviews/python/index.html")
    stylesheets = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    linked = [href for href in stylesheets if "course-reviews" in href]
    assert len(linked) == 1
    assert re.fullmatch(r"\.\./\.\./assets/course-reviews/course-reviews\.[0-9a-f]{6}(\.min)?\.css",
                        linked[0])  # fmt: skip
    built = site.site_dir / "assets/course-reviews" / Path(linked[0]).name
    assert ".course-review-card" in built.read_text(encoding="utf-8")
    assert page.select_one(".course-review-card") is not None
    assert site.leaks(SECRET) == []


@pytest.mark.parametrize("minify_js", [False, True])
def test_minify_cache_safe_links_an_existing_hashed_script(
    build_site: BuildSite, minify_js: bool
) -> None:
    # Documented options (mkdocs-minify-plugin README): `js_files` and `minify_js`, as for CSS.
    script = "assets/course-reviews/course-reviews.js"
    options = {"cache_safe": True, "js_files": [script], "minify_js": minify_js}
    site = build_site(SITE, plugins=["search", "course-reviews", {"minify": options}])
    page = site.html("reviews/index.html")
    linked = [s["src"] for s in page.select("script[src]") if "course-reviews" in s["src"]]
    assert len(linked) == 1
    assert re.fullmatch(r"\.\./assets/course-reviews/course-reviews\.[0-9a-f]{6}(\.min)?\.js",
                        linked[0])  # fmt: skip
    built = site.site_dir / "assets/course-reviews" / Path(linked[0]).name
    assert "course-review-filter" in built.read_text(encoding="utf-8")
    assert site.leaks(SECRET) == []


# 6. mkdocs-git-revision-date-localized-plugin -------------------------------------------------


def long_date(day: datetime.date) -> str:
    """A day as the plugin's default `type: date` prints it in English: "January 2, 2020"."""
    return f"{day:%B} {day.day}, {day.year}"


def test_git_revision_date_claims_no_build_day_for_generated_pages(build_site: BuildSite) -> None:
    # Documented default (plugin docs, "Options"): type "date", locale from the theme (en),
    # fallback_to_build_date: false, strict: true. Material prints page.meta
    # git_revision_date_localized in its "source-file" footer.
    site = build_site(
        SITE,
        theme=MATERIAL,
        plugins=["search", "course-reviews", "git-revision-date-localized"],
        git=True,
    )
    committed = long_date(datetime.datetime.fromisoformat(GIT_DATE).date())
    review_footer = site.html("reviews/python/index.html").select_one(".md-source-file")
    assert review_footer is not None
    assert committed in review_footer.get_text()  # the plugin read git: the check can fail
    today = datetime.datetime.now(UTC).date()
    build_days = {long_date(today + datetime.timedelta(days)) for days in (-1, 0)}
    # True claims: the newest listed review's commit, or its date.
    true_dates = {committed, "June 1, 2025", "June 2025"}
    for path in ("categories/index.html", "categories/web/index.html", "institutions/index.html",
                 "institutions/udemy/index.html"):  # fmt: skip
        page = site.html(path)
        footer = page.select_one(".md-source-file")
        shown = set() if footer is None else {footer.get_text(" ", strip=True)}
        assert shown <= true_dates, path
        assert not any(day in page.get_text() for day in build_days), path
    assert foreign_warnings(site) == []
    assert site.leaks(SECRET) == []


# 7. A dark third-party theme, and the other themes outside Material --------------------------


OWN_TEXT = ", ".join(
    f"{own} {part}"
    for own in (".course-review-card", ".course-review-list", ".course-review-overview-index")
    for part in ("dt", "dd", "a", "p", "time", ".course-review-item-meta", ".course-review-count")
)
RATED = review(
    "Rated Course",
    extra="description: A course to rate.\nurl: https://example.com/course\nrating: 3.5\n"
    "instructor: Ada\nlevel: Beginner\n",
)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("theme", ["dracula", "mkdocs", "readthedocs"])
def test_card_and_listings_take_the_theme_colours_with_enough_contrast(
    build_site: BuildSite, browser: Any, theme: str
) -> None:
    # `theme: dracula` is the documented way to use mkdocs-dracula-theme; highlight.js off,
    # as it comes from a CDN and there is no network here.
    site = build_site(
        {**SITE, "reviews/rated.md": RATED}, theme={"name": theme, "highlightjs": False}
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # The themes load icon fonts from CDNs: refuse those requests rather than wait on them.
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort()
        ),
    )
    low: list[tuple[str, str, float]] = []
    measured = 0
    with serve(site.site_dir) as base:
        for path in ("reviews/rated/", "categories/web/", "categories/", ""):
            page.goto(base + path)
            samples = page.evaluate(COLOURS, OWN_TEXT)
            measured += len(samples)
            low += [
                (path, s["text"], round(contrast(tuple(s["fg"]), tuple(s["bg"])), 2))
                for s in samples
                if contrast(tuple(s["fg"]), tuple(s["bg"])) < 4.5
            ]
        page.goto(base + "reviews/rated/")
        # The card sits on the page's own background, in the page's own text colour.
        (card,) = page.evaluate(COLOURS, ".course-review-card")
        (text,) = page.evaluate(COLOURS, ".course-review-card + p, .course-review-card ~ p")[:1]
    context.close()
    assert measured > 20
    assert low == []
    assert contrast(tuple(card["bg"]), tuple(text["bg"])) < 1.2
    assert card["fg"] == text["fg"]


# 8. The other plugins people combine with MkDocs ----------------------------------------------
# Material's tags and blog plugins, mkdocs search and ProperDocs are in tests/test_compat.py.


def test_material_meta_plugin_gives_reviews_the_folder_defaults(build_site: BuildSite) -> None:
    # Documented default (Material docs, "Built-in meta plugin"): `- meta` reads `.meta.yml`
    # files and merges them into the page.meta of every page below them.
    site = build_site(
        {
            **SITE,
            "reviews/.meta.yml": "tags:\n  - course\n",
            "tags.md": "# Tags\n\n<!-- material/tags -->\n",
        },
        theme=MATERIAL,
        plugins=["search", "meta", "tags", "course-reviews"],
    )
    tags = site.html("tags/index.html").get_text()
    assert "course" in tags
    assert "Python Basics" in tags
    assert "Rust Deep Dive" in tags
    assert site.html("reviews/python/index.html").select_one(".course-review-card") is not None
    assert not site.exists("reviews/.meta.yml")
    assert site.leaks(SECRET) == []


def test_material_privacy_plugin_keeps_the_card_and_its_course_link(build_site: BuildSite) -> None:
    # Documented default (Material docs, "Built-in privacy plugin"): `- privacy` downloads
    # external assets and marks external links. The only external asset (font: false) is
    # Material's own mermaid.js, left out as there is no network here.
    privacy = {"privacy": {"assets_exclude": ["unpkg.com/*"]}}
    site = build_site(
        {**SITE, "reviews/rated.md": RATED},
        theme=MATERIAL,
        plugins=["search", privacy, "course-reviews"],
    )
    link = site.html("reviews/rated/index.html").select_one(
        ".course-review-card a.course-review-link"
    )
    assert link is not None
    assert link["href"] == "https://example.com/course"
    assert foreign_warnings(site) == []
    assert broken_links(site) == []
    assert site.leaks(SECRET) == []


def test_material_offline_plugin_links_resolve_as_files(build_site: BuildSite) -> None:
    # Documented setup (Material docs, "Building for offline usage"): `- offline` with
    # `use_directory_urls: false`, so that every link names an .html file.
    site = build_site(
        SITE,
        theme=MATERIAL,
        plugins=["search", "offline", "course-reviews"],
        use_directory_urls=False,
    )
    card = site.html("reviews/python.html").select_one(".course-review-card")
    assert card is not None
    hrefs = [a["href"] for a in site.html("categories/web.html").select(".course-review-list a")]
    assert "../reviews/python.html" in hrefs
    assert broken_links(site) == []
    assert site.leaks(SECRET) == []


@pytest.mark.slow
@pytest.mark.browser
def test_material_instant_navigation_shows_the_card_styled(
    build_site: BuildSite, browser: Any
) -> None:
    # Documented setting (Material docs, "Setting up navigation"): `features: [navigation.instant]`
    # swaps each page's content in place; our stylesheet must already apply to the new content.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Material navigates instantly only to the pages of its sitemap, which is made from
    # site_url: the site is built for the address it is served at.
    with local_server() as server:
        base = server.url
        site = build_site(
            {**SITE, "reviews/rated.md": RATED},
            theme={**MATERIAL, "features": ["navigation.instant"]},
            site_url=base,
        )
        server.directory = site.site_dir
        page.goto(base)
        page.evaluate(MARK)
        page.locator("a.course-review-item-title", has_text="Rated Course").click()
        page.wait_for_url(base + "reviews/rated/")
        card = page.locator(".course-review-card")
        assert card.is_visible()
        assert page.evaluate(MARKED), "not an instant navigation: the page was loaded again"
        # Our stylesheet applies: the card's accent line is thicker than its border.
        left, top = card.evaluate(
            "e => [getComputedStyle(e).borderLeftWidth, getComputedStyle(e).borderTopWidth]"
        )
        assert float(left.removesuffix("px")) > float(top.removesuffix("px")) > 0
        page.locator(".course-review-card .course-review-category a", has_text="Web").click()
        page.wait_for_url(base + "categories/web/")
        assert "Rated Course" in page.locator(".course-review-list").inner_text()
        assert page.evaluate(MARKED), "not an instant navigation: the page was loaded again"
    context.close()
    assert errors == []


def test_awesome_nav_keeps_reviews_and_drafts_out_of_the_nav(build_site: BuildSite) -> None:
    # Documented default (mkdocs-awesome-nav docs): a bare `- awesome-nav`, no `.nav.yml`:
    # the nav is made from the files, as MkDocs' own.
    site = build_site(SITE, plugins=["search", "course-reviews", "awesome-nav"])
    nav = site.html("index.html").select_one(".navbar")
    assert nav is not None
    assert "Categories" in nav.get_text()
    assert "Institutions" in nav.get_text()
    assert "Python Basics" not in nav.get_text()
    assert site.html("reviews/python/index.html").select_one(".course-review-card") is not None
    assert broken_links(site) == []
    assert site.leaks(SECRET) == []


@pytest.mark.parametrize("order", ["awesome-pages first", "awesome-pages last"])
def test_awesome_pages_orders_the_nav_in_either_order(build_site: BuildSite, order: str) -> None:
    # Documented usage (mkdocs-awesome-pages-plugin README, "Customize Navigation"): a bare
    # `- awesome-pages` and a `.pages` file whose `nav:` orders the folder's entries, `...` for
    # the rest. Listed after us, its own warning about our `on_nav` would be wrong: none.
    pages = "nav:\n  - about.md\n  - categories\n  - index.md\n  - ...\n"
    plugins = ["search", "awesome-pages", "course-reviews"]
    if order == "awesome-pages last":
        plugins = ["search", "course-reviews", "awesome-pages"]
    site = build_site({**SITE, "about.md": "# About\n", ".pages": pages}, plugins=plugins)
    nav = site.html("index.html").select_one(".navbar-nav")
    assert nav is not None
    entries = [a.get_text(strip=True) for a in nav.find_all("a", recursive=True)]
    assert entries[:3] == ["About", "Categories", "Home"]
    assert {"Institutions", "All reviews", "Years"} <= set(entries[3:])
    assert "Python Basics" not in entries
    assert site.html("reviews/python/index.html").select_one(".course-review-card") is not None
    assert broken_links(site) == []
    assert foreign_warnings(site) == []
    assert site.leaks(SECRET) == []


MONOREPO_CLEAN_UP = """\
from mkdocs.plugins import event_priority


@event_priority(-200)
def on_post_build(config):
    config.plugins["monorepo"].post_build(config)
"""


def monorepo_site(build_site: BuildSite, sub_site: str) -> Site:
    """A site whose learning log is a sub-site `log/` included by mkdocs-monorepo-plugin."""
    log_files = {"index.md": "# My log\n", "reviews/python.md": SITE["reviews/python.md"]}
    log_files |= draft_and_broken(SECRET)
    # monorepo 1.1.2 names its clean-up `post_build`, which MkDocs never calls: its merged docs
    # folder would go only when collected, with a ResourceWarning. A hook calls it.
    return build_site(
        {"index.md": "# Home\n\n<!-- course-reviews -->\n"},
        root_files={"log/mkdocs.yml": sub_site, "clean_up.py": MONOREPO_CLEAN_UP}
        | {f"log/docs/{path}": text for path, text in log_files.items()},
        nav=[{"Home": "index.md"}, {"Log": "!include ./log/mkdocs.yml"}],
        plugins=["search", "monorepo", {"course-reviews": {"reviews_dir": "log/reviews"}}],
        hooks=["clean_up.py"],
    )


def test_monorepo_nav_made_from_a_folder_keeps_reviews_out_and_says_nothing(
    build_site: BuildSite,
) -> None:
    # Documented usage (mkdocs-monorepo-plugin docs, "Usage"): `- monorepo`, a `nav:` entry
    # `!include ./log/mkdocs.yml`; a sub-site with `docs_dir` and no `nav:` gets one made
    # from its folder, every page of it an entry.
    site = monorepo_site(build_site, "site_name: log\ndocs_dir: docs\n")
    nav = site.html("index.html").select_one(".navbar-nav")
    assert nav is not None
    entries = [a.get_text(strip=True) for a in nav.find_all("a")]
    assert "My log" in entries or "Log" in entries
    assert "Python Basics" not in entries
    card = site.html("log/reviews/python/index.html").select_one(".course-review-card")
    assert card is not None
    assert titles_listed(site, "index.html") == ["Python Basics"]
    assert titles_listed(site, "categories/web/index.html") == ["Python Basics"]
    # The only warning is the broken review's own: no "is named in the navigation".
    assert site.warnings
    assert all("log/reviews/broken.md: institution is missing" in w for w in site.warnings)
    assert broken_links(site) == []
    assert site.leaks(SECRET) == []


def test_monorepo_nav_the_user_wrote_still_warns_of_a_draft(build_site: BuildSite) -> None:
    # The sub-site's own `nav:` is the user's: a draft named there is worth a warning.
    nav = "nav:\n  - index.md\n  - Python: reviews/python.md\n  - Draft: reviews/draft.md\n"
    site = monorepo_site(build_site, f"site_name: log\n{nav}")
    named = [w for w in site.warnings if "is named in the navigation" in w]
    (warning,) = named
    assert warning.startswith("mkdocs_course_reviews: log/reviews/draft.md: is named in")
    entries = [a.get_text(strip=True) for a in site.html("index.html").select(".navbar-nav a")]
    assert "Python Basics" in entries  # written by the user: kept, under the review's title
    assert "Draft" not in entries
    assert site.leaks(SECRET) == []


def test_material_blog_views_show_a_listing_in_a_post_excerpt(build_site: BuildSite) -> None:
    # Documented default (Material docs, "Built-in blog plugin"): a bare `- blog`, posts in
    # blog/posts/, the excerpt up to `<!-- more -->`, shown on the blog index, the archive
    # and the category pages.
    post = (
        "---\ndate: 2025-01-02\ncategories: [News]\n---\n\n# What I learnt\n\n"
        "My two newest:\n\n<!-- course-reviews limit=2 -->\n\n<!-- more -->\n\nThe rest.\n"
    )
    site = build_site(
        {**SITE, "blog/index.md": "# Blog\n", "blog/posts/learnt.md": post},
        theme=MATERIAL,
        plugins=["search", "blog", "course-reviews"],
    )
    for path in ("blog/2025/01/02/what-i-learnt/index.html", "blog/index.html",
                 "blog/archive/2025/index.html", "blog/category/news/index.html"):  # fmt: skip
        assert site.exists(path), path
        assert titles_listed(site, path) == ["Python Basics", "Rust Deep Dive"], path
        page = site.html(path)
        assert page.select_one(".course-review-list a[href]") is not None, path
        assert "course-reviews limit" not in page.decode(), path
    assert broken_links(site) == []
    assert foreign_warnings(site) == []
    assert site.leaks(SECRET) == []


PRINTED = "print_page/index.html"


def test_print_site_prints_every_review_with_its_card_and_links_inside_the_page(
    build_site: BuildSite,
) -> None:
    # Documented default (mkdocs-print-site-plugin docs, "Setup"): `- print-site`, listed last,
    # writes the pages of the nav into print_page/; `reviews_in_nav: true` puts reviews there.
    site = build_site(
        {**SITE, "categories/web.md": "# Web\n\nWhat I build.\n"},
        theme=MATERIAL,
        plugins=["search", {"course-reviews": {"reviews_in_nav": True}}, "print-site"],
    )
    page = site.html(PRINTED)
    cards = page.select(".course-review-card")
    assert len(cards) == 2
    text = page.get_text(" ", strip=True)
    for expected in ("Python Basics", "Rust Deep Dive", "Lists and loops.", "Coursera",
                     "What I build."):  # fmt: skip
        assert expected in text
    ids = {tag["id"] for tag in page.select("[id]")}
    listed = [a["href"] for a in page.select(".course-review-list a[href], .course-review-card a")]
    assert len(listed) > 10
    # Every link of a card or a listing leads to a place in the print page (a category's, an
    # institution's, a review's), or to the course's own site.
    assert [href for href in listed if href[1:] not in ids and "://" not in href] == []
    assert "#reviews-python" in listed
    assert "#categories-web" in listed
    every = [a["href"] for a in page.select("a[href^='#']") if a["href"] != "#"]
    assert [href for href in every if href[1:] not in ids] == []
    assert foreign_warnings(site) == []
    assert site.leaks(SECRET) == []


def test_print_site_without_reviews_in_nav_warns_with_the_fix(build_site: BuildSite) -> None:
    site = build_site(SITE, theme=MATERIAL, plugins=["search", "course-reviews", "print-site"])
    assert "'print-site' prints the pages of the navigation" in "\n".join(site.warnings)
    assert "`reviews_in_nav: true`" in "\n".join(site.warnings)
    assert site.html(PRINTED).select(".course-review-card") == []
    assert site.leaks(SECRET) == []


@pytest.mark.slow  # WeasyPrint lays out the whole site: seconds
@pytest.mark.parametrize("plugin", ["with-pdf", "to-pdf"])
def test_pdf_holds_every_review_with_its_card_and_strict_passes(
    build_site: BuildSite, plugin: str
) -> None:
    # Documented default (mkdocs-with-pdf README, "Usage"; mkdocs-to-pdf, its fork, the same):
    # a bare `- with-pdf` writes pdf/document.pdf of the pages of the nav; under `--strict` a
    # link to no place in the document is an error. `reviews_in_nav: true` puts reviews there.
    pypdf = pytest.importorskip("pypdf")
    try:
        importlib.import_module("weasyprint")  # both plugins'; it loads the system's Pango
    except (ImportError, OSError) as error:
        pytest.skip(f"{plugin} needs WeasyPrint and Pango: {error}")
    published_and_draft = {path: text for path, text in SITE.items() if path != "reviews/broken.md"}
    site = build_site(
        published_and_draft,
        theme=MATERIAL,
        plugins=["search", {"course-reviews": {"reviews_in_nav": True}}, plugin],
        strict=True,
    )
    reader = pypdf.PdfReader(site.site_dir / "pdf/document.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Python Basics", "Rust Deep Dive", "Lists and loops.", "Coursera",
                     "INSTITUTION", "All reviews", "Systems"):  # fmt: skip
        assert expected in text
    assert SECRET not in text
    assert foreign_warnings(site) == []
    assert site.leaks(SECRET) == []


def test_literate_nav_wildcard_lists_published_reviews_only(build_site: BuildSite) -> None:
    # Documented usage (mkdocs-literate-nav docs): a SUMMARY.md whose `reviews/` entry is a
    # directory wildcard, filled with the folder's pages.
    summary = "* [Home](index.md)\n* [Reviews](reviews/)\n* [Categories](categories/index.md)\n"
    site = build_site(
        {**SITE, "SUMMARY.md": summary}, plugins=["search", "course-reviews", "literate-nav"]
    )
    nav = site.html("index.html").select_one(".navbar")
    assert nav is not None
    entries = {a.get_text(strip=True): a.get("href") for a in nav.select("a")}
    assert "Python Basics" in entries
    assert "None" not in entries
    # The folder's index is the page of all reviews.
    assert entries["All reviews"] == "reviews/"
    assert site.html("reviews/index.html").select_one(".course-review-list-all") is not None
    # SUMMARY.md is built as a page too (literate-nav leaves it in the site, out of the nav), and
    # its `reviews/` is relative to the docs root, not to /SUMMARY/: broken in any site.
    assert broken_links(site) == ["SUMMARY/index.html -> reviews/"]
    assert site.leaks(SECRET) == []


def test_redirects_lead_to_reviews_and_overview_pages(build_site: BuildSite) -> None:
    # Documented configuration (mkdocs-redirects README): `redirects: {redirect_maps: {...}}`.
    maps = {"old/python.md": "reviews/python.md", "topics.md": "categories/web.md"}
    site = build_site(
        SITE, plugins=["search", "course-reviews", {"redirects": {"redirect_maps": maps}}]
    )
    for old, new in (
        ("old/python/index.html", "reviews/python/"),
        ("topics/index.html", "categories/web/"),
    ):
        refresh = site.html(old).select_one('meta[http-equiv="refresh"]')
        assert refresh is not None, old
        target = refresh["content"].split("url=", 1)[1]
        assert (site.site_dir / Path(old).parent / target).resolve() == (
            site.site_dir / new
        ).resolve()
        assert site.exists(new + "index.html")
    assert foreign_warnings(site) == []
    assert site.leaks(SECRET) == []


PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000000000200010ab52d2d0000000049454e44ae426082"
)


def test_glightbox_wraps_review_images_and_leaves_the_card_alone(build_site: BuildSite) -> None:
    # Documented default (mkdocs-glightbox README): a bare `- glightbox` wraps every image.
    site = build_site(
        {
            **SITE,
            "reviews/pictured.md": review("Pictured Course", body="![A slide](slide.png)"),
            "reviews/slide.png": PIXEL,
        },
        theme=MATERIAL,
        plugins=["search", "course-reviews", "glightbox"],
    )
    page = site.html("reviews/pictured/index.html")
    assert page.select_one("a.glightbox img") is not None
    card = page.select_one(".course-review-card")
    assert card is not None
    assert card.select(".glightbox") == []
    assert "Pictured Course" in titles_listed(site, "categories/web/index.html")
    assert site.leaks(SECRET) == []


def test_macros_render_the_body_but_not_the_front_matter(build_site: BuildSite) -> None:
    # Documented default (mkdocs-macros-plugin docs): a bare `- macros` renders Jinja in each
    # page's Markdown. Front matter is the author's text, shown as written.
    title = "Jinja {{ 7*7 }} for beginners"
    site = build_site(
        {**SITE, "reviews/jinja.md": review(f'"{title}"', body="Six times seven: {{ 6*7 }}.")},
        plugins=["search", "macros", "course-reviews"],
    )
    page = site.html("reviews/jinja/index.html")
    assert "Six times seven: 42." in page.get_text()
    heading = page.select_one("h1")
    assert heading is not None
    assert heading.get_text(strip=True) == title
    assert page.title is not None
    assert title in page.title.get_text()  # never run as a template: front matter is not code
    assert title in titles_listed(site, "categories/web/index.html")
    assert site.leaks(SECRET) == []


def some_font() -> bytes:
    """A TrueType font of the machine's (Debian's fonts-dejavu), for the social plugin."""
    for folder in (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts")):
        fonts = sorted(folder.rglob("*.ttf")) if folder.is_dir() else []
        if fonts:
            return fonts[0].read_bytes()
    pytest.skip("no TrueType font on this machine for the social plugin")


@pytest.mark.slow  # draws an image for every page
def test_material_social_cards_for_reviews_and_overviews_not_drafts(build_site: BuildSite) -> None:
    try:
        importlib.import_module("cairosvg")  # the social plugin's; it loads libcairo
    except (ImportError, OSError) as error:
        pytest.skip(f"the social plugin needs cairosvg and libcairo: {error}")
    # Documented default (Material docs, "Built-in social plugin"): `- social`. It downloads
    # its font from Google Fonts into .cache/plugin/social/fonts; there is no network here, so
    # that cache is filled beforehand with a local font under the default family's name.
    font = some_font()
    cache = ".cache/plugin/social/fonts/Roboto"
    title = "AT&T <Intro> to C++"
    site = build_site(
        {**SITE, "reviews/att.md": review(f'"{title}"')},
        theme=MATERIAL,
        plugins=["search", "social", "course-reviews"],
        root_files={f"{cache}/{style}.ttf": font for style in ("Regular", "Bold", "Medium")},
    )
    cards = site.site_dir / "assets/images/social"
    for name in ("reviews/att", "reviews/python", "categories/web", "institutions/udemy"):
        assert (cards / f"{name}.png").exists(), name
    assert not (cards / "reviews/draft.png").exists()
    assert not (cards / "reviews/broken.png").exists()
    og_title = site.html("reviews/att/index.html").select_one('meta[property="og:title"]')
    assert og_title is not None
    assert og_title["content"] == f"{title} - Test log"
    assert site.leaks(SECRET) == []


def test_material_meta_files_make_drafts_and_are_escaped(
    build_site: BuildSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Documented usage (Material's docs, "Built-in meta plugin"): a `.meta.yml` in a folder
    # gives its pages front matter. Its `draft: true` makes every review below it a draft.
    meta = f'draft: true\ndescription: "\\"><xss id=metaxss></xss>"\ntags: [{SECRET}]\n'
    site = build_site(
        {
            **SITE,
            "reviews/sub/.meta.yml": meta,
            "reviews/sub/m.md": review(f"Meta draft {SECRET}", body=SECRET),
            "reviews/plain/.meta.yml": 'description: "<b>from meta</b>"\n',
            "reviews/plain/p.md": review("Plain Meta"),
        },
        theme=MATERIAL,
        plugins=["search", "meta", "tags", "course-reviews"],
    )
    assert site.leaks(SECRET) == []
    page = site.html("reviews/plain/p/index.html")
    assert page.select_one("xss") is None
    assert page.select_one("b", string="from meta") is None
    description = page.select_one('meta[name="description"]')
    assert description is not None
    assert description["content"] == "<b>from meta</b>"
    monkeypatch.chdir(site.docs_dir.parent)
    capsys.readouterr()
    main(["check"])
    # `check` reads the meta files too: SITE's draft and this one.
    assert "3 published, 2 drafts" in capsys.readouterr().out
