"""The same-pages floor's listing pages, written by hand as an author without the plugin would.

This is the benchmark's own reimplementation of what the plugin generates (one page per
category, per institution and per year, as the plugin has them switched on, newest first,
`per_page` reviews a page, an index of each kind),
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


def group(reviews: Iterable[Listed], kind: str) -> list[Group]:
    """The groups of `kind` ("category", "institution", "year"), each newest first.

    Names are in alphabetical order, years newest first.
    """
    ordered = sorted(reviews, key=lambda r: (-r.sort_date.toordinal(), r.title, r.path))
    groups: dict[str, Group] = {}
    for review in ordered:
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
    reviews: Sequence[Listed], per_page: int, kinds: Iterable[str] = ("category", "institution")
) -> list[ListingPage]:
    """Every listing page of the site: an index and the group pages of each kind."""
    pages = []
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
        target = page_uri(FOLDERS[kind], slugs[kind, name.casefold()], 1)
        return f'<a href="{href(page.src_uri, target)}">{html.escape(name)}</a>'

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
    if page.groups:
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
    reviews: Sequence[Listed], docs: Path, per_page: int, kinds: Iterable[str]
) -> int:
    """Write every listing page of `kinds` into `docs`; return how many."""
    pages = listing_pages(reviews, per_page, kinds)
    slugs = {(page.kind, item.name.casefold()): item.slug for page in pages for item in page.groups}
    for page in pages:
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_markdown(page, slugs), encoding="utf-8")
    return len(pages)
