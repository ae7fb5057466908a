"""Slugs, grouping, overview pages and listing markers: the pure core."""

from __future__ import annotations

import itertools

import pytest

from mkdocs_course_reviews.dates import parse_review_date
from mkdocs_course_reviews.grouping import group_reviews, name_key
from mkdocs_course_reviews.listings import ListingQuery, parse_marker, select
from mkdocs_course_reviews.overviews import KINDS, Overviews
from mkdocs_course_reviews.schema import Review
from mkdocs_course_reviews.slugs import slugify, unique_slugs


def make(title: str, *categories: str, institution: str = "Uni", date: str = "2024") -> Review:
    return Review(
        f"reviews/{slugify(title)}.md", title, categories, institution, parse_review_date(date)
    )


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Machine Learning", "machine-learning"),
        ("Données & IA", "donnees-ia"),
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("F#", "f-sharp"),
        ("Node.js", "node-js"),
        ("Straße", "strasse"),
        ("日本語", "ribenyu"),
        ("../../etc", "etc"),
        ("a/b\\c", "a-b-c"),
        ("  Web  ", "web"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize("name", ["***", "..", "/", "", "—"])
def test_slug_is_never_empty_nor_a_path(name: str) -> None:
    slug = slugify(name)
    assert slug
    assert "/" not in slug
    assert "\\" not in slug
    assert ".." not in slug


def test_colliding_slugs_are_distinct_and_independent_of_order() -> None:
    names = ["C", "c!", "C--", "Web 2", "web!", "Web"]
    results = {
        tuple(sorted(unique_slugs(order)[0].items())) for order in itertools.permutations(names)
    }
    assert len(results) == 1
    slugs, renames = unique_slugs(names)
    assert len(set(slugs.values())) == len(names)
    assert slugs["C"] == "c"
    assert slugs["Web"] == "web"
    assert slugs["Web 2"] == "web-2"  # its natural slug, not taken by a renamed "web!"
    assert {name for name, _, _ in renames} == {"c!", "C--", "web!"}


def test_names_differing_in_case_or_spaces_are_one_group() -> None:
    reviews = [
        make("a", "Web"),
        make("b", "web "),
        make("c", "WEB"),
        make("d", "Web"),
        make("e", "AI"),
    ]
    grouping = group_reviews(reviews, KINDS["category"].names_of)
    assert [g.name for g in grouping.groups.values()] == ["AI", "Web"]
    web = grouping.group_of("  wEb ")
    assert web is not None
    assert web.slug == "web"
    assert [r.title for r in web.reviews] == ["a", "b", "c", "d"]
    assert name_key(" Machine   Learning ") == "machine learning"


def test_names_differing_in_unicode_normalisation_are_one_group() -> None:
    composed, decomposed = "Caf\u00e9", "Cafe\u0301"
    assert composed != decomposed
    assert name_key(composed) == name_key(decomposed) == name_key("CAF\u00c9")
    assert name_key("Stra\u00dfe") == name_key("STRASSE")
    assert name_key("Caf\u00e9") != name_key("Cafe")
    reviews = [make("a", decomposed), make("b", decomposed), make("c", "CAFE\u0301")]
    grouping = group_reviews(reviews, KINDS["category"].names_of)
    (group,) = grouping.groups.values()
    assert group.name == composed  # shown composed, whichever way most reviews typed it
    assert group.slug == "cafe"
    assert [r.title for r in group.reviews] == ["a", "b", "c"]
    assert grouping.group_of(composed) is group
    query = ListingQuery((("category", composed),))
    assert [r.title for r in select(query, reviews)] == ["a", "b", "c"]
    reviews = [make("d", composed), make("e", decomposed)]
    query = ListingQuery((("category", decomposed.upper()),))
    assert [r.title for r in select(query, reviews)] == ["d", "e"]


def test_reserved_slugs_are_never_given() -> None:
    slugs, renames = unique_slugs(["Index", "Web"], reserved={"index"})
    assert slugs == {"Index": "index-2", "Web": "web"}
    assert renames == [("Index", "index", "index-2")]
    slugs, renames = unique_slugs(["Index", "Index 2", "index!"], reserved={"index"})
    assert slugs == {"Index 2": "index-2", "Index": "index-3", "index!": "index-4"}
    assert unique_slugs(["Index"])[0] == {"Index": "index"}


@pytest.mark.parametrize("kind", ["category", "institution"])
def test_a_group_named_index_gets_a_page_of_its_own(kind: str) -> None:
    reviews = [make("a", "Index", institution="Index"), make("b", "Web", institution="Uni")]
    folders = {"category": "categories", "institution": "institutions"}
    overviews = Overviews(reviews, folders, per_page=20)
    folder = folders[kind]
    assert overviews.pages[f"{folder}/index.md"].is_index
    assert [r.title for r in overviews.pages[f"{folder}/index-2.md"].reviews] == ["a"]
    assert overviews.page_for(kind, "INDEX") == f"{folder}/index-2.md"
    assert (kind, "Index", "index", "index-2") in list(overviews.renames())
    assert ("Index", f"{folder}/index-2.md", 1) in overviews.index_entries(kind)


def test_a_review_counts_once_per_group() -> None:
    grouping = group_reviews([make("a", "Web", "web")], KINDS["category"].names_of)
    assert [len(g.reviews) for g in grouping.groups.values()] == [1]


def test_overview_pages_and_pagination() -> None:
    reviews = [make(f"r{i}", "Web", institution="Udemy") for i in range(5)]
    overviews = Overviews(reviews, {"category": "categories", "institution": "inst"}, per_page=2)
    assert sorted(overviews.pages) == [
        "categories/index.md",
        "categories/web.md",
        "categories/web/page/2.md",
        "categories/web/page/3.md",
        "inst/index.md",
        "inst/udemy.md",
        "inst/udemy/page/2.md",
        "inst/udemy/page/3.md",
    ]
    second = overviews.pages["categories/web/page/2.md"]
    assert [r.title for r in second.reviews] == ["r2", "r3"]
    assert second.previous_uri == "categories/web.md"
    assert second.next_uri == "categories/web/page/3.md"
    assert overviews.pages["categories/web.md"].previous_uri is None
    assert overviews.pages["categories/web/page/3.md"].next_uri is None
    assert overviews.page_for("category", "WEB") == "categories/web.md"
    assert overviews.page_for("category", "Nope") is None
    assert overviews.index_entries("category") == [("Web", "categories/web.md", 5)]
    labels = {"categories": "Categories", "page_title": "{name}, page {number}"}
    assert second.title(labels) == "Web, page 2"
    assert overviews.pages["categories/index.md"].title(labels) == "Categories"


def test_kinds_can_be_switched_off() -> None:
    overviews = Overviews([make("a", "Web")], {"institution": "institutions"}, per_page=20)
    assert sorted(overviews.pages) == ["institutions/index.md", "institutions/uni.md"]
    assert overviews.page_for("category", "Web") is None


@pytest.mark.parametrize(
    ("arguments", "query", "problems"),
    [
        ("", ListingQuery(), []),
        (" limit=5 ", ListingQuery(limit=5), []),
        (
            ' category="Machine Learning" limit=3',
            ListingQuery((("category", "Machine Learning"),), 3),
            [],
        ),
        (" institution='MIT'", ListingQuery((("institution", "MIT"),)), []),
        (" limit=0", ListingQuery(), ["limit '0' is not a positive whole number"]),
        (
            " colour=red",
            ListingQuery(),
            ["unknown filter 'colour'; the filters are category, institution, year, status, limit"],
        ),
        (
            " oops",
            ListingQuery(),
            ["cannot read 'oops'; write filters as key=value or key=\"a value\""],
        ),
    ],
)
def test_parse_marker(arguments: str, query: ListingQuery, problems: list[str]) -> None:
    assert parse_marker(arguments) == (query, problems)


def test_select() -> None:
    reviews = [
        make("new", "Web", institution="MIT"),
        make("mid", "AI", institution="MIT"),
        make("old", "web", institution="Udemy"),
    ]
    assert [r.title for r in select(ListingQuery(limit=2), reviews)] == ["new", "mid"]
    query = ListingQuery((("category", "WEB"),))
    assert [r.title for r in select(query, reviews)] == ["new", "old"]
    both = ListingQuery((("category", "web"), ("institution", "mit")))
    assert [r.title for r in select(both, reviews)] == ["new"]
