"""MkDocs' navigation: pages that are not built kept out of it, each overview index one entry."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from mkdocs.structure.nav import Navigation


class Index(Protocol):
    """A generated page that may be the index of its kind."""

    @property
    def is_index(self) -> bool:
        """Whether it is the way into its kind of pages: one entry in the nav."""


def remove_pages(nav: Navigation, unwanted: Callable[[str], bool]) -> list[str]:
    """Take every page or link to a page for which `unwanted(src_uri)` is true out of `nav`.

    Sections left empty go too. The previous/next links and parents of the remaining pages are
    set again, so no page links to a removed one. Returns the `src_uri` of each removed entry.
    """
    removed: list[StructureItem] = []
    names: list[str] = []

    def keep(items: list[StructureItem]) -> list[StructureItem]:
        kept: list[StructureItem] = []
        for item in items:
            src_uri = _src_uri(item)
            if src_uri is not None and unwanted(src_uri):
                removed.append(item)
                names.append(src_uri)
                continue
            if isinstance(item, Section):
                item.children = keep(item.children)
                if not item.children:
                    continue
            kept.append(item)
        return kept

    nav.items = keep(nav.items)
    if not removed:
        return names
    gone = {id(page) for page in removed}
    nav.pages = [page for page in nav.pages if id(page) not in gone]
    pages: list[Page | None] = [None, *nav.pages, None]
    for before, page, after in zip(pages, pages[1:], pages[2:], strict=False):
        assert page is not None  # noqa: S101 - only the two ends are None
        page.previous_page, page.next_page = before, after
    for item in removed:
        if isinstance(item, Page):
            item.previous_page = item.next_page = None
    _set_parents(nav.items, None)
    return names


def unwrap_indexes(items: list[StructureItem], pages: Mapping[str, Index]) -> list[StructureItem]:
    """`items` with each section that holds only an index of `pages` as that page.

    The index of a kind of overview (or the page of all reviews) is the way in: one entry.
    """
    unwrapped: list[StructureItem] = []
    for item in items:
        if isinstance(item, Section) and len(item.children) == 1:
            (child,) = item.children
            page = pages.get(child.file.src_uri) if isinstance(child, Page) else None
            if page is not None and page.is_index:
                child.parent = item.parent
                item = child  # noqa: PLW2901 - the section, replaced by its page
        unwrapped.append(item)
    return unwrapped


def _src_uri(item: StructureItem) -> str | None:
    """The source a nav entry leads to: a page's, or a link's that names a source file."""
    if isinstance(item, Page):
        return item.file.src_uri
    if isinstance(item, Link):
        return item.url.lstrip("/")
    return None


def _set_parents(items: list[StructureItem], parent: Section | None) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _set_parents(item.children, item)
