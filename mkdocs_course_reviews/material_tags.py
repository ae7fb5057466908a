"""Material's tags plugin, as the card sees it: who shows a review's tags, and where they lead.

Material's theme prints the tags its plugin gives a page above the page's title
(`partials/content.html` includes `partials/tags.html`), each linked to the listing of the
tag, the `<!-- material/tags -->` marker of a tags index. On that theme the card leaves its
own tags out, rather than show the same chips twice. Where the card does show them (the
plugin's `tags: false`, or another theme), each links where Material would link it: the
listing the plugin's `ListingManager` picks for it (Material 9.6+), relative to the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.utils import normalize_url

from mkdocs_course_reviews.escaping import theme_tag

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page


_PLUGIN = "material/tags"


def tags_plugins(config: MkDocsConfig) -> list[Any]:
    """Every enabled instance of Material's tags plugin in the site, in the order of `plugins`.

    MkDocs names them `material/tags`, then `material/tags #2` and so on, however `plugins`
    spells them (`tags` or `material/tags`). Found by name: Material is not a dependency.
    """
    return [
        plugin
        for name, plugin in config.plugins.items()
        if (name == _PLUGIN or name.startswith(f"{_PLUGIN} #"))
        and plugin.config.get("enabled", True)
    ]


def _considers(plugin: Any, file: File) -> bool:  # noqa: ANN401 - Material's plugin is untyped
    """Whether an instance of the plugin handles this page (its `filters` option, 9.6+)."""
    accepts = getattr(plugin, "filter", None)
    return accepts is None or bool(accepts(file))


def theme_shows_tags(config: MkDocsConfig, plugins: list[Any], file: File) -> bool:
    """Whether the theme prints the page's tags itself: Material's, with the plugin's `tags` on.

    `hide: [tags]` in a page hides them there; the card does not show them either, as the
    author asked for no tags on that page.
    """
    return config.theme.name == "material" and any(
        plugin.config.get("tags", True) and _considers(plugin, file) for plugin in plugins
    )


def tag_urls(plugins: list[Any], page: Page) -> dict[str, str]:
    """The URL of each of the page's tags, relative to the page, by its name as HTML-escaped text.

    The same URL Material's theme links the tag to: the first link of the `TagReference` its
    `ListingManager` makes for the page's `Mapping` (what its `on_page_context` hands to
    `partials/tags.html`), made relative to the page as that template's `url` filter does.
    Material reads `page.meta`, where the plugin put each tag as `theme_tag` names it.
    Needs every page read (all listings known): call it from `on_env` or later.
    """
    urls: dict[str, str] = {}
    for plugin in plugins:
        mappings = getattr(plugin, "mappings", None)
        listings = getattr(plugin, "listings", None)
        if not _considers(plugin, page.file) or mappings is None or listings is None:
            continue
        mapping = mappings.get(page)
        if mapping is None:
            continue
        for reference in listings & mapping:
            if reference.url:
                urls.setdefault(str(reference.name), normalize_url(reference.url, page))
    return urls


def escaped(name: str) -> str:
    """A tag's name as Material knows it: as the plugin handed it on in `page.meta`."""
    return str(theme_tag(name))
