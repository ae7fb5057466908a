"""What the plugin hands to a theme stays text through the filters themes apply to it.

MkDocs' Jinja environment does not autoescape, and themes pass `page.title`, `page.meta` and
the `course_reviews` global through filters before they print them (ivory prints
`page.title|striptags` into `<title>`; SEO snippets print a description stripped and
truncated into an attribute). Jinja's `striptags` unescapes, so each filter is applied here,
in `<title>`, in attributes and in the body, to every value, on review and generated pages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BuildSite, Site, review

TRICKY = "Tricky </title><script>alert('t')</script> & <img src=x onerror=alert(1)>"
TRICKY_YAML = "\"Tricky </title><script>alert('t')</script> & <img src=x onerror=alert(1)>\""
FILTERS = [
    "striptags",
    "truncate(40)",
    "title",
    "lower",
    "upper",
    "capitalize",
    "trim",
    "replace('Tricky', 'Sly')",
    "striptags|truncate(160)",
    "striptags|title",
    "string",
    "wordwrap(10)",
    "center(90)",
]
VALUES = [
    "(page.title or '')",
    "(page.meta.title or '')",
    "(page.meta.description or '')",
    "(page.meta.subtitle or '')",
]


def _theme() -> str:
    applied = "".join(
        f'<p class="f" data-value="{{{{ {value}|{flt} }}}}">{{{{ {value}|{flt} }}}}</p>\n'
        for value in VALUES
        for flt in FILTERS
    )
    return (
        '{% extends "base.html" %}\n'
        "{%- block htmltitle %}<title>{{ page.title|striptags }}</title>"
        '<meta name="description" content="{{ page.meta.description|striptags|truncate(160) }}">'
        "{% endblock %}\n"
        "{% block content %}\n"
        f"{applied}"
        '<p class="tags">{{ (page.meta.tags or [])|join(", ") }} '
        "{{ (page.meta.tags or [])|first }} {{ (page.meta.tags or [])|map('striptags')|join }}"
        "</p>\n"
        '<ul class="global">{% for r in course_reviews %}'
        "<li>{{ r.title|striptags }} {{ r.institution|striptags|title }} "
        "{{ r.categories|join(', ')|striptags }} {{ r.description|striptags }}</li>"
        "{% endfor %}</ul>\n"
        "{{ super() }}\n"
        "{% endblock %}\n"
    )


@pytest.fixture(scope="module")
def site(build_site_module: BuildSite, tmp_path_factory: pytest.TempPathFactory) -> Site:
    overrides = tmp_path_factory.mktemp("overrides")
    (overrides / "main.html").write_text(_theme(), encoding="utf-8")
    return build_site_module(
        {
            "index.md": "# Home\n",
            "reviews/x.md": review(
                TRICKY_YAML,
                category=TRICKY_YAML,
                institution=TRICKY_YAML,
                extra=(
                    f"description: {TRICKY_YAML}\nsubtitle: {TRICKY_YAML}\n"
                    f'tags: [{TRICKY_YAML}, "Q&A", "&lt;b&gt;"]\n'
                ),
            ),
        },
        theme={"name": "mkdocs", "custom_dir": str(overrides)},
    )


def _pages(site: Site) -> list[Path]:
    return sorted(site.site_dir.rglob("*.html"))


def test_no_filter_turns_a_value_into_markup(site: Site) -> None:
    pages = _pages(site)
    assert len(pages) > 5
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert not soup.select("[onerror]"), path
        assert not soup.select("img[src=x]"), path
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.get_text())  # data, whole: the title did not end it
            else:
                assert "alert" not in script.get_text(), path
        assert len(soup.find_all("title")) == 1, path
        for element in soup.select("p.f"):
            # An attribute that ended early would leave the rest as attributes of its own.
            assert set(element.attrs) == {"class", "data-value"}, (path, element)


def test_the_reader_sees_the_text_as_written(site: Site) -> None:
    page = site.html("reviews/x/index.html")
    assert page.title is not None
    assert page.title.get_text() == TRICKY
    description = page.select_one('meta[name="description"]')
    assert description is not None
    assert description["content"] == TRICKY
    stripped = [p.get_text() for p in page.select("p.f")][:: len(FILTERS)]
    # `striptags` keeps the text (the tags in it are text, not tags) and escapes it once.
    assert stripped == [TRICKY] * len(VALUES)


def test_generated_pages_named_by_front_matter(site: Site) -> None:
    institutions = [
        p for p in (site.site_dir / "institutions").iterdir() if p.is_dir() and p.name != "page"
    ]
    assert institutions
    for folder in institutions:
        page = site.html(str((folder / "index.html").relative_to(site.site_dir)))
        assert page.title is not None
        assert page.title.get_text() == TRICKY


def test_tags_stay_text_through_join_and_first(site: Site) -> None:
    tags = site.html("reviews/x/index.html").select_one("p.tags")
    assert tags is not None
    text = tags.get_text()
    assert text.startswith(f"{TRICKY}, Q&A, &lt;b&gt; {TRICKY} ")


# Material's tags plugin: a review's tag and another page's are one tag --------------------------

AMPERSAND_TAGS = {
    "index.md": "# Home\n",
    "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    "notes.md": "---\ntags: [Q&A, R&D, AT&T]\n---\n\n# Notes\n",
    "reviews/a.md": review("A", extra='tags: ["Q&A", "R&D", "AT&T"]\n'),
}


def test_a_tag_with_an_ampersand_is_one_tag_with_one_anchor(build_site: BuildSite) -> None:
    site = build_site(
        AMPERSAND_TAGS,
        theme={"name": "material", "font": False},
        plugins=["search", "tags", "course-reviews"],
    )
    index = site.html("tags/index.html")
    article = index.select_one("article")
    assert article is not None
    headings = [h for h in article.find_all(["h2", "h3"]) if h.get("id")]
    names = [h.get_text(strip=True).rstrip("¶") for h in headings]
    assert sorted(names) == ["AT&T", "Q&A", "R&D"], names
    for heading in headings:
        listed = heading.find_next("ul")
        assert listed is not None
        assert sorted(a.get_text(strip=True) for a in listed.select("a")) == ["A", "Notes"]
    ids = {h["id"] for h in headings}
    for page in ("reviews/a/index.html", "notes/index.html"):
        links = [a["href"] for a in site.html(page).select("a.md-tag")]
        assert len(links) == 3, page
        assert {href.split("#", 1)[1] for href in links} == ids, page
