"""Keeping pages that are not built out of MkDocs' navigation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from mkdocs.structure.nav import Navigation


def remove_pages(nav: Navigation, unwanted: Callable[[Page], bool]) -> list[Page]:
    """Take every page for which `unwanted` is true out of `nav`, with sections left empty.

    The previous/next links and parents of the remaining pages are set again, so no page links
    to a removed one. Returns the removed pages.
    """
    removed: list[Page] = []

    def keep(items: list[StructureItem]) -> list[StructureItem]:
        kept: list[StructureItem] = []
        for item in items:
            if isinstance(item, Page) and unwanted(item):
                removed.append(item)
                continue
            if isinstance(item, Section):
                item.children = keep(item.children)
                if not item.children:
                    continue
            kept.append(item)
        return kept

    nav.items = keep(nav.items)
    if not removed:
        return removed
    gone = {id(page) for page in removed}
    nav.pages = [page for page in nav.pages if id(page) not in gone]
    pages: list[Page | None] = [None, *nav.pages, None]
    for before, page, after in zip(pages, pages[1:], pages[2:], strict=False):
        assert page is not None  # noqa: S101 - only the two ends are None
        page.previous_page, page.next_page = before, after
    for page in removed:
        page.previous_page = page.next_page = None
    _set_parents(nav.items, None)
    return removed


def _set_parents(items: list[StructureItem], parent: Section | None) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _set_parents(item.children, item)
