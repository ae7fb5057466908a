"""Front-matter defaults that apply to every page of a folder (Material's `meta` plugin).

Material's `meta` plugin reads `.meta.yml` files and merges each into the front matter of the
pages below it, after this plugin has read them. A review's own front matter is only half of
what it says: `draft: true` in a `.meta.yml` makes every review below it a draft. So the
defaults are merged here first, the way Material merges them, and validated with the rest.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import yaml


def defaults_for(meta_files: Mapping[str, Any], src_path: str) -> tuple[dict[str, Any], list[str]]:
    """The defaults that apply to the page `src_path`, and the meta files they come from.

    `meta_files` maps each meta file's docs-relative path (`reviews/.meta.yml`) to its loaded
    content; files are applied in order, as Material applies them, the nearest last.
    """
    merged: dict[str, Any] = {}
    applied = []
    for path, defaults in meta_files.items():
        if not src_path.startswith(posixpath.dirname(path)) or not isinstance(defaults, Mapping):
            continue
        merged = merge(merged, defaults)
        applied.append(path)
    return merged, applied


def merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """`over` on top of `base`, as Material merges them: lists add up, mappings merge."""
    result = dict(base)
    for key, value in over.items():
        before = result.get(key)
        if isinstance(before, Mapping) and isinstance(value, Mapping):
            result[key] = merge(before, value)
        elif isinstance(before, list) and isinstance(value, list):
            result[key] = [*before, *value]
        else:
            result[key] = value
    return result


def _material_meta(plugins: Mapping[str, object]) -> object | None:
    """Material's `meta` plugin, if it is listed and enabled."""
    for name, plugin in plugins.items():
        if name.split(" #")[0] == "material/meta":
            options = getattr(plugin, "config", None)
            return plugin if options is None or getattr(options, "enabled", True) else None
    return None


def material_meta_files(plugins: Mapping[str, object]) -> Mapping[str, Any]:
    """The meta files Material's `meta` plugin has loaded, if it is on."""
    meta = getattr(_material_meta(plugins), "meta", None)
    return meta if isinstance(meta, Mapping) else {}


def read_meta_files(
    plugins: Mapping[str, object], files: Iterable[tuple[str, str, Callable[[], str]]]
) -> dict[str, Any]:
    """The meta files Material's `meta` plugin would load, read here (for `check`).

    `files` gives each file's docs-relative path, its `src_path` and a way to read it. A meta
    file that YAML cannot read is left out: the build stops on it with Material's own message.
    """
    plugin = _material_meta(plugins)
    if plugin is None:
        return {}
    name = getattr(getattr(plugin, "config", None), "meta_file", ".meta.yml")
    loaded = {}
    for src_uri, src_path, read in files:
        if posixpath.basename(src_uri) != name:
            continue
        try:
            loaded[src_path] = yaml.safe_load(read())
        except (yaml.YAMLError, OSError, UnicodeError):
            continue
    return loaded
