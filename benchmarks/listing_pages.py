"""The same-pages floor's listing pages, written by hand as an author without the plugin would.

This is the benchmark's own reimplementation of what the plugin generates (one page per
category, per institution and per year, as the plugin has them switched on, newest first,
`per_page` reviews a page, an index of each kind, and the page of all reviews with the form
that filters it),
so that the floor it builds has as many pages, of about the same size, as the plugin's site.
It shares no code with the plugin: it need not be byte-identical, only list the same reviews
on the same number of pages.
"""

from __future__ import annotations

import datetime
import html
import json
import math
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

FOLDERS = {"category": "categories", "institution": "institutions", "year": "years"}
TITLES = {"category": "Categories", "institution": "Institutions", "year": "Years"}
ALL_REVIEWS = "reviews/index.md"
"""The page that lists every review on one page, where the plugin puts it by default."""
# How the corpus writes dates; a date with no day (or month) counts from the start of its period.
DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%d %B %Y", "%B %Y", "%b %Y", "%Y-%m", "%Y")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Listed:
    """A published review as a listing shows it."""

    path: str
    """Docs-relative source, e.g. `reviews/course-00001.md`."""
    title: str
    categories: tuple[str, ...]
    institution: str
    shown_date: str
    sort_date: datetime.date
    description: str
    rating: float | None


@dataclass
class Group:
    """The reviews of one category or institution, newest first, and the slug of its pages."""

    name: str
    slug: str = ""
    reviews: list[Listed] = field(default_factory=list)


def parse_date(value: object) -> tuple[datetime.date, str]:
    """The date a listing sorts by and the text it shows, from a front-matter `date`."""
    if isinstance(value, datetime.date):
        return value, value.isoformat()
    text = str(value).strip()
    for form in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, form).date(), text  # noqa: DTZ007 - a calendar date
        except ValueError:  # noqa: PERF203 - the next form may fit
            pass
    msg = f"the benchmark's corpus has no date written as {text!r}"
    raise ValueError(msg)


def listed(path: str, front: Mapping[str, object]) -> Listed:
    """A review's listing entry from its front matter."""
    sort_date, shown = parse_date(front["date"])
    category = front["category"]
    categories = tuple(category) if isinstance(category, list) else (str(category),)
    rating = front.get("rating")
    return Listed(
        path,
        str(front["title"]),
        categories,
        str(front["institution"]),
        shown,
        sort_date,
        str(front.get("description") or ""),
        float(rating) if isinstance(rating, int | float) else None,
    )


def slug(name: str) -> str:
    """Lowercase ASCII letters and digits joined by hyphens."""
    return _NOT_SLUG.sub("-", name.lower()).strip("-") or "group"


def names_of(review: Listed, kind: str) -> tuple[str, ...]:
    """The names a review is listed under, for one kind of listing."""
    if kind == "category":
        return review.categories
    if kind == "institution":
        return (review.institution,)
    return (f"{review.sort_date.year:04d}",)  # whatever the precision of its date


def _newest_first(reviews: Iterable[Listed]) -> list[Listed]:
    return sorted(reviews, key=lambda r: (-r.sort_date.toordinal(), r.title, r.path))


def group(reviews: Iterable[Listed], kind: str) -> list[Group]:
    """The groups of `kind` ("category", "institution", "year"), each newest first.

    Names are in alphabetical order, years newest first.
    """
    groups: dict[str, Group] = {}
    for review in _newest_first(reviews):
        for name in dict.fromkeys(" ".join(n.split()) for n in names_of(review, kind)):
            groups.setdefault(name.casefold(), Group(name)).reviews.append(review)
    result = sorted(groups.values(), key=lambda g: g.name.casefold(), reverse=kind == "year")
    taken: set[str] = set()
    for item in result:
        wanted, number = slug(item.name), 2
        item.slug = wanted
        while item.slug in taken:  # "C++" and "C#" would both be "c"
            item.slug, number = f"{wanted}-{number}", number + 1
        taken.add(item.slug)
    return result


@dataclass(frozen=True)
class ListingPage:
    """One hand-written listing page: where it is, its title, and its reviews or groups."""

    src_uri: str
    title: str
    kind: str
    reviews: Sequence[Listed] = ()
    groups: Sequence[Group] = ()
    number: int = 1
    count: int = 1
    group_slug: str = ""
    """The slug of its group, for the links between its pages."""


def page_uri(folder: str, group_slug: str, number: int) -> str:
    """Page `number` of a group: `categories/web.md`, `categories/web/page/2.md`."""
    return f"{folder}/{group_slug}.md" if number == 1 else f"{folder}/{group_slug}/page/{number}.md"


def listing_pages(
    reviews: Sequence[Listed],
    per_page: int,
    kinds: Iterable[str] = ("category", "institution"),
    *,
    all_reviews: bool = False,
) -> list[ListingPage]:
    """Every listing page of the site: an index and the group pages of each kind.

    With `all_reviews`, the page of all reviews, newest first, comes first.
    """
    pages = []
    if all_reviews:
        pages.append(ListingPage(ALL_REVIEWS, "All reviews", "all", _newest_first(reviews)))
    for kind in kinds:
        folder, groups = FOLDERS[kind], group(reviews, kind)
        pages.append(ListingPage(f"{folder}/index.md", TITLES[kind], kind, groups=groups))
        for item in groups:
            count = max(1, math.ceil(len(item.reviews) / per_page))
            for number in range(1, count + 1):
                title = item.name if number == 1 else f"{item.name}, page {number}"
                pages.append(
                    ListingPage(
                        page_uri(folder, item.slug, number),
                        title,
                        kind,
                        item.reviews[(number - 1) * per_page : number * per_page],
                        number=number,
                        count=count,
                        group_slug=item.slug,
                    )
                )
    return pages


def url_dir(src_uri: str) -> str:
    """The folder a page is served from, with `use_directory_urls`: `categories/web/`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def href(from_uri: str, to_uri: str) -> str:
    """A relative link from the page built from `from_uri` to the one built from `to_uri`."""
    return posixpath.relpath(url_dir(to_uri) or ".", url_dir(from_uri) or ".") + "/"


def _stars(rating: float) -> str:
    text = f"Rated {rating:g} out of 5"
    return (
        f'<span class="stars" role="img" aria-label="{text}" title="{text}">'
        '<span class="stars-empty" aria-hidden="true">★★★★★</span>'
        f'<span class="stars-full" aria-hidden="true" style="width: {rating / 5 * 100:.1f}%">'
        "★★★★★</span></span>"
    )


def _item(page: ListingPage, review: Listed, slugs: Mapping[tuple[str, str], str]) -> str:
    def link(kind: str, name: str) -> str:
        return _link(page, kind, name, slugs)

    categories = "".join(
        f'<li class="category">{link("category", name)}</li>' for name in review.categories
    )
    stars = _stars(review.rating) if review.rating is not None else ""
    return (
        '<li class="review">\n'
        f'<a class="review-title" href="{href(page.src_uri, review.path)}">'
        f"{html.escape(review.title)}</a>\n"
        f'<div class="review-meta"><span class="institution">'
        f"{link('institution', review.institution)}</span>\n"
        f'<time datetime="{review.sort_date.isoformat()}">{html.escape(review.shown_date)}</time>'
        f"\n{stars}</div>\n"
        f'<ul class="categories">{categories}</ul>\n'
        f'<p class="description">{html.escape(review.description)}</p>\n'
        "</li>"
    )


def _link(page: ListingPage, kind: str, name: str, slugs: Mapping[tuple[str, str], str]) -> str:
    """A link to the first page of the group `name`, or the name alone if it has no page."""
    group_slug = slugs.get((kind, name.casefold()))
    if group_slug is None:
        return html.escape(name)
    target = page_uri(FOLDERS[kind], group_slug, 1)
    return f'<a href="{href(page.src_uri, target)}">{html.escape(name)}</a>'


def _data(values: Iterable[str]) -> str:
    return html.escape(json.dumps([value.casefold() for value in values]))


def _all_item(page: ListingPage, review: Listed, slugs: Mapping[tuple[str, str], str]) -> str:
    """A review on the page of all reviews: what a script needs to filter it, and its facts."""
    words = " ".join((review.title, review.description, review.institution, *review.categories))
    rating = "" if review.rating is None else f' data-rating="{review.rating:g}"'
    categories = "".join(
        f'<li class="category">{_link(page, "category", name, slugs)}</li>'
        for name in review.categories
    )
    stars = _stars(review.rating) if review.rating is not None else ""
    return (
        f'<li class="review" data-category="{_data(review.categories)}"'
        f' data-institution="{_data([review.institution])}"'
        f' data-year="{_data([str(review.sort_date.year)])}"{rating}'
        f' data-text="{html.escape(words.casefold())}">\n'
        '<div class="review-heading">'
        f'<a class="review-title" href="{href(page.src_uri, review.path)}">'
        f"{html.escape(review.title)}</a>\n{stars}</div>\n"
        f'<div class="review-meta"><span class="institution">'
        f"{_link(page, 'institution', review.institution, slugs)}</span>\n"
        f'<time datetime="{review.sort_date.isoformat()}">{html.escape(review.shown_date)}</time>\n'
        f'<ul class="categories">{categories}</ul></div>\n'
        "</li>"
    )


def _filter_form(reviews: Sequence[Listed]) -> list[str]:
    """The form a script filters the page of all reviews with: a list of choices per fact."""
    choices = {
        "category": sorted({name for r in reviews for name in r.categories}, key=str.casefold),
        "institution": sorted({r.institution for r in reviews}, key=str.casefold),
        "year": sorted({str(r.sort_date.year) for r in reviews}, reverse=True),
        "rating": ["4.5", "4", "3.5", "3", "2", "1"],
    }
    lines = ['<form class="review-filter" role="search" aria-label="Filter reviews" hidden>']
    for name, values in choices.items():
        lines += [
            f'<label for="filter-{name}">{name.title()}</label>',
            f'<select id="filter-{name}" name="{name}">',
            '<option value="">All</option>',
            *(
                f'<option value="{html.escape(value)}" data-key="{html.escape(value.casefold())}">'
                f"{html.escape(value)}</option>"
                for value in values
            ),
            "</select>",
        ]
    lines += [
        '<label for="filter-text">Keywords</label>',
        '<input id="filter-text" name="text" type="search" autocomplete="off">',
        f'<p class="review-filter-count" role="status">{len(reviews)} reviews</p>',
        "</form>",
    ]
    return lines


def page_markdown(page: ListingPage, slugs: Mapping[tuple[str, str], str]) -> str:
    """The page's Markdown: front matter kept out of search, its title, its listing as HTML."""
    lines = [
        "---",
        f"title: {json.dumps(page.title)}",  # JSON is YAML
        "search:",
        "  exclude: true",
        "---",
        "",
        f"# {html.escape(page.title)}",
        "",
    ]
    if page.kind == "all":
        lines += _filter_form(page.reviews)
        lines.append('<ul class="review-list">')
        lines.extend(_all_item(page, review, slugs) for review in page.reviews)
        lines.append("</ul>")
    elif page.groups:
        lines.append('<ul class="overview-index">')
        for item in page.groups:
            target = page_uri(FOLDERS[page.kind], item.slug, 1)
            count = len(item.reviews)
            lines.append(
                f'<li><a href="{href(page.src_uri, target)}">{html.escape(item.name)}</a> '
                f'<span class="count">{count} review{"" if count == 1 else "s"}</span></li>'
            )
        lines.append("</ul>")
    else:
        lines.append('<ul class="review-list">')
        lines.extend(_item(page, review, slugs) for review in page.reviews)
        lines.append("</ul>")
    if page.count > 1:
        folder, group_slug = FOLDERS[page.kind], page.group_slug
        links = []
        if page.number > 1:
            newer = page_uri(folder, group_slug, page.number - 1)
            links.append(f'<a rel="prev" href="{href(page.src_uri, newer)}">← Newer</a>')
        links.append(f"<span>Page {page.number} of {page.count}</span>")
        if page.number < page.count:
            older = page_uri(folder, group_slug, page.number + 1)
            links.append(f'<a rel="next" href="{href(page.src_uri, older)}">Older →</a>')
        lines += ["", '<nav class="pagination" aria-label="Pages">', *links, "</nav>"]
    return "\n".join(lines) + "\n"


def write_listing_pages(
    reviews: Sequence[Listed],
    docs: Path,
    per_page: int,
    kinds: Iterable[str],
    *,
    all_reviews: bool = False,
) -> int:
    """Write every listing page of `kinds` (and the page of all reviews) into `docs`.

    Return how many pages it wrote.
    """
    pages = listing_pages(reviews, per_page, kinds, all_reviews=all_reviews)
    slugs = {(page.kind, item.name.casefold()): item.slug for page in pages for item in page.groups}
    for page in pages:
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_markdown(page, slugs), encoding="utf-8")
    return len(pages)
