"""The same-pages floor, derived from the plugin's own build: its pages as an author writes them.

The plugin's site is built once; every page it built from a file of its docs is copied as that
file (the home page, each published review: a draft, which it never builds, is left out), and
every page it generated (overviews, year pages, their indexes, the page of all reviews) is
written as a hand-made page whose Markdown is its article's HTML, as raw HTML blocks, with its
title, kept out of search where the plugin keeps it out. The floor's `nav` is the plugin's
site's, and every other page is kept out of it, as the plugin keeps its pages. Nothing here
knows how the plugin groups, sorts or paginates reviews: `mismatches` checks, from both built
sites, that the floor built the same pages with the same articles and the same navigation.

Only Material's layout (`article.md-content__inner`, `nav.md-nav--primary`) and directory URLs
(`a/b/index.html`) are assumed, as the benchmark's sites use them.
"""

from __future__ import annotations

import itertools
import json
import posixpath
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from bs4 import BeautifulSoup

# Elements with no end tag: they open nothing to close.
_VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)


class _Article(HTMLParser):
    """Where a built page's article holds its content: its span and each top-level node's start."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0]
        for line in text.splitlines(keepends=True):
            self._line_starts.append(self._line_starts[-1] + len(line))
        self.start: int | None = None
        self.end: int | None = None
        self.cuts: list[int] = []
        """Where each node directly inside the article starts."""
        self._depth = 0
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _inside(self) -> bool:
        return self.start is not None and self.end is None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._inside():
            classes = (dict(attrs).get("class") or "").split()
            if tag == "article" and "md-content__inner" in classes and self.start is None:
                self.start = self._offset() + len(self.get_starttag_text() or "")
            return
        if self._depth == 0:
            self.cuts.append(self._offset())
        if tag not in _VOID:
            self._depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._inside() and self._depth == 0:
            self.cuts.append(self._offset())

    def handle_endtag(self, tag: str) -> None:
        if not self._inside():
            return
        if self._depth == 0:
            if tag != "article":
                raise ValueError(f"</{tag}> closes what the article never opened")
            self.end = self._offset()
            return
        self._depth -= 1

    def handle_comment(self, data: str) -> None:
        if self._inside() and self._depth == 0:
            self.cuts.append(self._offset())

    def handle_data(self, data: str) -> None:
        if self._inside() and self._depth == 0 and data.strip():
            raise ValueError(f"text directly inside the article: {data.strip()[:60]!r}")


def article_blocks(html: str) -> list[str]:
    """The nodes directly inside a built page's article, each as it is written in the page."""
    article = _Article(html)
    if article.start is None or article.end is None:
        raise ValueError("no <article class=md-content__inner> in the page")
    bounds = [*article.cuts, article.end]
    return [html[start:end].strip() for start, end in itertools.pairwise(bounds)]


def article_markdown(blocks: Sequence[str]) -> str:
    """Markdown that renders to `blocks`: each a raw HTML block, blank lines between them.

    Python-Markdown reads a block-level element or a comment that starts a line as raw HTML, up
    to its end tag; one that follows another on the same line it would not.
    """
    return "\n\n".join(blocks) + "\n"


@dataclass(frozen=True)
class BuiltPage:
    """A page of a built site with directory URLs."""

    url: str
    """Its address below the site, `""` for the home page, else `categories/web/`."""
    path: Path
    """Its `index.html`."""

    def source_in(self, docs: Path) -> str | None:
        """The file of `docs` MkDocs builds this page from, docs-relative; None if none is."""
        stem = self.url.removesuffix("/")
        names = (
            (f"{stem}/index.md", f"{stem}/README.md", f"{stem}.md")
            if stem
            else ("index.md", "README.md")
        )
        return next((name for name in names if (docs / name).is_file()), None)


def built_pages(site: Path) -> list[BuiltPage]:
    """Every HTML page of a built site (404.html aside), in a stable order."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        if path.name != "index.html":
            raise ValueError(f"{relative}: the benchmark's sites use directory URLs")
        folder = posixpath.dirname(relative)
        pages.append(BuiltPage(f"{folder}/" if folder else "", path))
    return pages


def _soup(page: BuiltPage) -> BeautifulSoup:
    return BeautifulSoup(page.path.read_text(encoding="utf-8"), "html.parser")


def page_title(soup: BeautifulSoup, site_name: str) -> str:
    """The page's title, as Material writes it into `<title>`: "Title - Site name"."""
    title = soup.title.get_text() if soup.title else ""
    return title.removesuffix(f" - {site_name}")


def nav_links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """The links of Material's primary navigation, as (address below the site, text).

    Only a navigation of pages is read (what the plugin's site has): a section stops it.
    """
    nav = soup.select_one("nav.md-nav--primary")
    if nav is None:
        raise ValueError("no primary navigation in the page")
    if nav.select(".md-nav__item--nested"):
        raise ValueError("the navigation has sections; the floor copies a list of pages only")
    return [
        (str(link.get("href")), link.get_text(" ", strip=True))
        for link in nav.select("a.md-nav__link")
    ]


def _resolve(from_url: str, href: str) -> str:
    """The site address a relative link on the page at `from_url` leads to."""
    target = posixpath.normpath(posixpath.join(from_url or ".", href))
    return "" if target == "." else target + "/"


def _search_locations(site: Path) -> set[str] | None:
    """The pages in MkDocs' search index (None without one)."""
    index = site / "search" / "search_index.json"
    if not index.exists():
        return None
    documents = json.loads(index.read_text(encoding="utf-8"))["docs"]
    return {str(document["location"]).split("#", 1)[0] for document in documents}


def not_in_nav_lines(sources: Iterable[str], in_nav: set[str]) -> list[str]:
    """The lines of a `not_in_nav` (gitignore style) matching every one of `sources` but `in_nav`.

    A folder with nothing in the nav is one line; one whose pages in the nav are all directly in
    it is `/folder/*` and the pages put back; any other is looked into. Few lines, so that
    MkDocs matches each file against few patterns, as the plugin needs none.
    """
    lines: list[str] = []

    def walk(folder: str, below: list[str]) -> None:
        kept = [name for name in below if f"{folder}{name}" in in_nav]
        if not kept and folder:
            lines.append(f"/{folder}")
            return
        if all("/" not in name for name in kept):
            lines.append(f"/{folder}*")
            lines.extend(f"!/{folder}{name}" for name in kept)
            return
        folders: dict[str, list[str]] = {}
        for name in below:
            head, slash, rest = name.partition("/")
            if slash:
                folders.setdefault(head, []).append(rest)
            elif f"{folder}{name}" not in in_nav:
                lines.append(f"/{folder}{name}")
        for head, names in folders.items():
            walk(f"{folder}{head}/", names)

    walk("", sorted(sources))
    return lines


@dataclass(frozen=True)
class Floor:
    """What the floor's `mkdocs.yml` needs beyond its docs."""

    nav: list[dict[str, str]]
    not_in_nav: str


def write_floor(ours_site: Path, ours_docs: Path, site_name: str, floor_docs: Path) -> Floor:
    """Write the floor's docs into `floor_docs` from the plugin's site built at `ours_site`.

    `ours_docs` is the plugin's site's docs folder, `site_name` its site name.
    """
    in_search = _search_locations(ours_site)
    sources: dict[str, str] = {}
    """Each page's docs-relative source in the floor, by its address."""
    for page in built_pages(ours_site):
        found = page.source_in(ours_docs)
        if found is not None:
            target = floor_docs / found
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ours_docs / found, target)
            sources[page.url] = found
            continue
        html = page.path.read_text(encoding="utf-8")
        front: dict[str, object] = {
            "title": page_title(BeautifulSoup(html, "html.parser"), site_name)
        }
        if in_search is not None and page.url not in in_search:
            front["search"] = {"exclude": True}
        name = f"{page.url}index.md"
        target = floor_docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        # JSON is YAML: the front matter needs no YAML writer's quoting rules.
        head = "".join(f"{key}: {json.dumps(value)}\n" for key, value in front.items())
        target.write_text(
            f"---\n{head}---\n\n{article_markdown(article_blocks(html))}", encoding="utf-8"
        )
        sources[page.url] = name
    home = next(page for page in built_pages(ours_site) if not page.url)
    nav = [{text: sources[_resolve("", href)]} for href, text in nav_links(_soup(home))]
    in_nav = {source for entry in nav for source in entry.values()}
    lines = not_in_nav_lines(sources.values(), in_nav)
    return Floor(nav, "".join(f"{line}\n" for line in lines))


def mismatches(ours_site: Path, ours_docs: Path, floor_site: Path) -> list[str]:
    """How the floor's built site differs from ours in what it should share; empty if in nothing.

    The same pages; the same article on each page ours generated (built from no file of
    `ours_docs`); the same navigation.
    """
    ours = {page.url: page for page in built_pages(ours_site)}
    generated = [url for url, page in ours.items() if page.source_in(ours_docs) is None]
    floor = {page.url: page for page in built_pages(floor_site)}
    found = [f"only ours built {url or 'the home page'}" for url in sorted(ours.keys() - floor)]
    found += [
        f"only the floor built {url or 'the home page'}" for url in sorted(floor.keys() - ours)
    ]
    for url in generated:
        if url in ours and url in floor:
            mine = article_blocks(ours[url].path.read_text(encoding="utf-8"))
            theirs = article_blocks(floor[url].path.read_text(encoding="utf-8"))
            if mine != theirs:
                found.append(f"{url}: the floor's article differs from ours")
    if "" in ours and "" in floor:
        mine_nav, floor_nav = nav_links(_soup(ours[""])), nav_links(_soup(floor[""]))
        if mine_nav != floor_nav:
            found.append(f"the navigation differs: ours {mine_nav}, the floor's {floor_nav}")
    return found
