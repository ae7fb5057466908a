"""Other plugins' quirks, each in one place: plugin order, minify, i18n, search, git dates.

Each function names the plugin it is for and the version its behaviour was read from. Material's
tags plugin has a module of its own (`material_tags.py`), its social plugin and `meta` files
theirs (`sharing.py`, `folder_defaults.py`).
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)

PLUGIN_NAME = "course-reviews"

# Plugins whose `on_files` shares this plugin's last priority (-100), so `plugins:` order counts:
# mkdocs-static-i18n must sort a language's files first; literate-nav must see the final files.
_BEFORE = ("i18n",)
_AFTER = ("literate-nav",)
_GIT_DATE_KEYS = ("git_revision_date_localized", "git_creation_date_localized")


def check_order(names: list[str]) -> None:
    """Say how to re-order `plugins:` when a neighbour is on the wrong side.

    mkdocs-static-i18n (1.3.1) after this plugin would hide the reviews of its folder layout from
    it, drafts included, so the build stops; mkdocs-literate-nav (0.6.3) before it is only a
    warning.
    """
    ours = names.index(PLUGIN_NAME) if PLUGIN_NAME in names else 0
    for position, name in enumerate(names):
        base = name.split(" #")[0]
        message = "re-order `plugins` in mkdocs.yml so that '{}' appears {} '{}'"
        if base in _BEFORE and position > ours:
            raise PluginError(message.format(base, "before", PLUGIN_NAME))
        if base in _AFTER and position < ours:
            log.warning(message.format(base, "after", PLUGIN_NAME))


def asset_path(config: MkDocsConfig, path: str, source: Path, minify_list: str) -> str:
    """Where an asset (the stylesheet, the script) is served: its path, or a cache-safe one.

    mkdocs-minify-plugin's (0.8.0) `cache_safe` hashes the files in its `css_files` and
    `js_files` (`minify_list`) by reading them from `docs_dir`, where our assets never are.
    Listed there, the asset is served under a name with a hash of its content instead, as
    minify would name it, and left out of minify's list.
    """
    minify = config.plugins.get("minify")
    options = getattr(minify, "config", None)
    if not options or not options.get("cache_safe"):
        return path
    listed = options.get(minify_list) or []
    listed = [listed] if isinstance(listed, str) else list(listed)
    if path not in listed:
        return path
    options[minify_list] = [name for name in listed if name != path]
    content_hash = hashlib.sha384(source.read_bytes()).hexdigest()[:6]
    stem, extension = posixpath.splitext(path)
    hashed = f"{stem}.{content_hash}{extension}"
    log.info("%s is served as %s, cache-safe; minify leaves it as it is", path, hashed)
    return hashed


def has_i18n(config: MkDocsConfig) -> bool:
    """Whether mkdocs-static-i18n (1.3.1) builds the site, one build per language."""
    return "i18n" in config.plugins


def adds_pages_late(config: MkDocsConfig) -> bool:
    """Whether the generated pages wait for the last `on_files` pass.

    mkdocs-static-i18n (1.3.1) drops (with a warning) pages that are not in `docs_dir`: with it,
    the overview pages are added after it has sorted the files of the language being built.
    """
    return has_i18n(config)


def language_folder(config: MkDocsConfig) -> str:
    """Where mkdocs-static-i18n (1.3.1) puts the language being built: "" or "fr/"."""
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "is_default_language_build", True):
        return ""
    return f"{i18n.current_language}/"


def unescape_search_titles(config: MkDocsConfig) -> None:
    """MkDocs' own search (1.6.1) shows titles as text: give it theirs unescaped.

    Material's search shows them as HTML, so it keeps them escaped. Call it before the search
    plugin writes its index (its `on_post_build`).
    """
    search = config.plugins.get("search")
    if type(search).__module__.startswith("mkdocs.contrib.search"):
        entries = getattr(getattr(search, "search_index", None), "_entries", [])
        for item in entries:
            if isinstance(item.get("title"), Markup):
                item["title"] = item["title"].unescape()


def drop_git_dates(meta: MutableMapping[str, Any]) -> None:
    """A generated page has no history: say nothing rather than "updated today".

    mkdocs-git-revision-date-localized-plugin (1.6) dates such pages by the build.
    """
    for key in [key for key in meta if key.startswith(_GIT_DATE_KEYS)]:
        del meta[key]
