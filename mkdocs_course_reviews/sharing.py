"""Open Graph and Twitter Card data of a review page: its preview when the link is shared.

Material's `social` plugin writes its own `og:` and `twitter:` tags (with a card image) on
every page it makes a card for; on those pages the plugin writes none, so that no tag appears
twice. Which pages those are is read from the social plugin's own options, as it reads them
(`material/plugins/social/plugin.py`: `enabled`, `cards`, `cards_include`, `cards_exclude`,
a page's `social: {cards: ...}`, and no tags at all without `site_url`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatch
from typing import Any

from mkdocs_course_reviews.schema import Review

SOCIAL_PLUGINS = frozenset({"material/social", "social"})
"""The names Material's social plugin goes by in `plugins:`."""
_OPEN_GRAPH_TITLE = re.compile(r"""<meta\s[^>]*property\s*=\s*["']?og:title""", re.IGNORECASE)


@dataclass(frozen=True)
class Sharing:
    """What a shared link's preview shows."""

    title: str
    description: str
    url: str | None
    """The page's canonical URL; None when the site has no `site_url`."""
    site_name: str


def sharing(review: Review, *, summary: str, url: str | None, site_name: str) -> Sharing:
    """The preview of a review page: its title, and its description or else `summary`."""
    return Sharing(
        title=review.title or "",
        description=review.description or summary,
        url=url or None,
        site_name=site_name,
    )


def summary(review: Review, date: str) -> str:
    """A review's facts in a line, for a preview when it has no description.

    "Udemy · Machine Learning, Web · June 2025"; `date` is the date as the site writes it.
    """
    parts = [review.institution or "", ", ".join(review.categories), date]
    return " · ".join(part for part in parts if part)


def social_cards_on(
    plugins: Mapping[str, Any], src_uri: str, meta: Mapping[str, Any], *, site_url: str | None
) -> bool:
    """Whether one of Material's social plugins writes its `og:` tags on the page `src_uri`."""
    if not site_url:
        return False
    for name, plugin in plugins.items():
        # A second instance is named "social #2".
        if name.partition(" #")[0] not in SOCIAL_PLUGINS:
            continue
        options = getattr(plugin, "config", None) or {}
        if options.get("enabled", True) and _makes_card(options, src_uri, meta):
            return True
    return False


def _makes_card(options: Mapping[str, Any], src_uri: str, meta: Mapping[str, Any]) -> bool:
    page = meta.get("social")
    cards = options.get("cards", True)
    if isinstance(page, Mapping) and "cards" in page:
        cards = page["cards"]
    if not cards:
        return False
    include = options.get("cards_include") or []
    if include:
        return any(fnmatch(src_uri, pattern) for pattern in include)
    return not any(fnmatch(src_uri, pattern) for pattern in options.get("cards_exclude") or [])


def has_open_graph(page_html: str) -> bool:
    """Whether the page's `<head>` already has an `og:title` (a theme's own, another plugin's)."""
    head_end = page_html.find("</head>")
    return bool(_OPEN_GRAPH_TITLE.search(page_html, 0, max(head_end, 0)))


def others_share(
    plugins: Mapping[str, Any],
    src_uri: str,
    meta: Mapping[str, Any],
    page_html: str,
    *,
    site_url: str | None,
) -> bool:
    """Whether the page's Open Graph tags are another's: Material's social cards, or a theme's."""
    return social_cards_on(plugins, src_uri, meta, site_url=site_url) or has_open_graph(page_html)
