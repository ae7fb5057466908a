"""The plain entry points another engine calls: which files are reviews, what a page shows."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from bs4 import BeautifulSoup
from mkdocs.structure.files import InclusionLevel

from mkdocs_course_reviews.collection import Visibility
from mkdocs_course_reviews.config import CourseReviewsConfig
from mkdocs_course_reviews.gathering import inclusion_for, read_reviews
from mkdocs_course_reviews.overviews import Overviews
from mkdocs_course_reviews.page_content import PageContent, head_tags
from mkdocs_course_reviews.rendering import Renderer
from tests.conftest import review

SITE = {
    "index.md": "# Home\n",
    "reviews/index.md": "# All of them\n",
    "reviews/web.md": review("Web Basics", category="Web", institution="MIT", date='"2024"'),
    "reviews/data.md": review("Data", category="Data", institution="Yale", date='"2023"'),
    "reviews/draft.md": review("Secret Draft", extra="draft: true\n"),
    "reviews/broken.md": "---\ntitle: [unclosed\n---\n\nText.\n",
}


def texts() -> list[tuple[str, Callable[[], str]]]:
    return [(path, partial(str, text)) for path, text in SITE.items()]


def options(**values: object) -> CourseReviewsConfig:
    config = CourseReviewsConfig()
    config.load_dict(dict(values))
    errors, warnings = config.validate()
    assert not errors
    assert not warnings
    return config


class Urls:
    """URLs as another engine might make them: from the source path, by hand."""

    def to(self, src_uri: str) -> str:
        return "/" + src_uri.removesuffix(".md") + "/"

    def overview(self, kind: str, name: str) -> str | None:
        return f"/{kind}/{name.lower()}/"

    def tag(self, name: str) -> str | None:
        return None


def test_read_reviews_decides_from_paths_and_texts_alone() -> None:
    collection = read_reviews(texts(), options())
    visibility = {entry.source.path: entry.visibility for entry in collection}
    assert visibility == {
        "reviews/web.md": Visibility.PUBLISHED,
        "reviews/data.md": Visibility.PUBLISHED,
        "reviews/draft.md": Visibility.DRAFT,
        "reviews/broken.md": Visibility.WITHHELD,
    }
    assert [found.title for found in collection.published] == ["Web Basics", "Data"]
    assert [problem.path for problem in collection.problems] == ["reviews/broken.md"]


def test_read_reviews_reads_only_the_reviews_of_its_folder() -> None:
    read: list[str] = []

    def reader(path: str) -> tuple[str, Callable[[], str]]:
        def read_text() -> str:
            read.append(path)
            return SITE[path]

        return path, read_text

    read_reviews([reader(path) for path in SITE], options(reviews_dir="elsewhere"))
    assert read == []


def test_inclusion_follows_the_options() -> None:
    assert inclusion_for(Visibility.PUBLISHED, reviews_in_nav=False, draft_on_serve=True) is (
        InclusionLevel.NOT_IN_NAV
    )
    assert inclusion_for(Visibility.PUBLISHED, reviews_in_nav=True, draft_on_serve=True) is (
        InclusionLevel.INCLUDED
    )
    assert inclusion_for(Visibility.DRAFT, reviews_in_nav=True, draft_on_serve=True) is (
        InclusionLevel.DRAFT
    )
    assert inclusion_for(Visibility.DRAFT, reviews_in_nav=True, draft_on_serve=False) is (
        InclusionLevel.EXCLUDED
    )
    assert inclusion_for(Visibility.WITHHELD, reviews_in_nav=True, draft_on_serve=True) is (
        InclusionLevel.EXCLUDED
    )


def test_a_page_is_made_from_plain_values() -> None:
    settings = options()
    collection = read_reviews(texts(), settings)
    published = collection.published
    overviews = Overviews(published, settings.overview_folders(), settings.per_page)
    renderer = Renderer()
    content = PageContent(renderer, overviews, published)
    web = collection.review("reviews/web.md")
    assert web is not None

    card = content.card(web, Urls())
    html = content.review_page("<p>My review.</p>", "Web Basics", card, "")
    page = BeautifulSoup(html, "html.parser")
    heading = page.select_one("h1")
    assert heading is not None
    assert heading.get_text(strip=True) == "Web Basics"
    assert page.select_one("h1 + aside.course-review-card") is not None
    links = {a.get_text(strip=True): a["href"] for a in page.select(".course-review-card a")}
    assert links["MIT"] == "/institution/mit/"
    assert links["Web"] == "/category/web/"

    listed, queries = content.markers("index.md", "<!-- course-reviews limit=1 -->", Urls())
    titles = [
        a.get_text(strip=True)
        for a in BeautifulSoup(listed, "html.parser").select(".course-review-item-title")
    ]
    assert titles == ["Web Basics"]
    assert len(queries) == 1

    head = head_tags(
        "<html><head></head><body></body></html>",
        web,
        renderer,
        page_url="https://example.org/reviews/web/",
        structured_data=True,
        author="Ada",
        share=True,
        site_name="Log",
    )
    parsed = BeautifulSoup(head, "html.parser")
    assert parsed.select_one('head script[type="application/ld+json"]') is not None
    og_title = parsed.select_one('head meta[property="og:title"]')
    assert og_title is not None
    assert og_title["content"] == "Web Basics"
