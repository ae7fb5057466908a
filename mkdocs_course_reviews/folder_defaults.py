"""Front-matter defaults that apply to every page of a folder (Material's `meta` plugin).

Material's `meta` plugin reads `.meta.yml` files and merges each into the front matter of the
pages below it, after this plugin has read them. A review's own front matter is only half of
what it says: `draft: true` in a `.meta.yml` makes every review below it a draft. So the
defaults are merged here first, the way Material merges them, and validated with the rest.

A `.meta.yml` is untrusted YAML too: it is read here with the front matter's loader and limits
(an alias bomb there would hang the build as surely as in a review). One that is refused is one
problem, shared by every review below it, which are withheld: it may be the file that says
`draft: true`. Material's plugin is kept from reading it, since it would stop the build on it
(or hang a theme on it).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TypeVar

from mkdocs_course_reviews.problems import Problem
from mkdocs_course_reviews.source import load_front_matter

MetaFiles = Mapping[str, "dict[str, Any] | Problem"]
"""Each meta file's docs-relative path (`reviews/.meta.yml`): its fields, or why it is refused."""


class MetaSource(Protocol):
    """A file of the site as MkDocs lists it (`mkdocs.structure.files.File`)."""

    src_uri: str
    src_path: str

    @property
    def content_string(self) -> str:
        """The file's text; may raise `OSError` or `UnicodeDecodeError`."""


_File = TypeVar("_File", bound=MetaSource)


def defaults_for(
    meta_files: MetaFiles, src_path: str
) -> tuple[dict[str, Any] | Problem, list[str]]:
    """The defaults that apply to the page `src_path`, and the meta files they come from.

    Files are applied in order, as Material applies them, the nearest last. When one of them
    was refused, its problem is what applies: the page must not be published without it.
    """
    merged: dict[str, Any] = {}
    applied = []
    for path, defaults in meta_files.items():
        if not src_path.startswith(posixpath.dirname(path)):
            continue
        if isinstance(defaults, Problem):
            return defaults, [path]
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


def read_meta_files(
    plugins: Mapping[str, object],
    files: Iterable[_File],
    is_review: Callable[[_File], bool],
    *,
    hide: Callable[[_File], None] | None = None,
) -> dict[str, dict[str, Any] | Problem]:
    """The meta files Material's `meta` plugin would merge into the reviews among `files`.

    Each is read with the front matter's limits; a refused one is a `Problem` that names it.
    `hide` is given each refused one, before Material's plugin reads the files, to take it out
    of them. Meta files that reach no review are left to Material.
    """
    plugin = _material_meta(plugins)
    if plugin is None:
        return {}
    name = getattr(getattr(plugin, "config", None), "meta_file", ".meta.yml")
    files = list(files)
    meta = [file for file in files if posixpath.basename(file.src_uri) == name]
    if not meta:
        return {}
    reviews = [file.src_path for file in files if is_review(file)]
    loaded: dict[str, dict[str, Any] | Problem] = {}
    for file in meta:
        folder = posixpath.dirname(file.src_path)
        if not any(path.startswith(folder) for path in reviews):
            continue
        loaded[file.src_path] = fields = _read(file, folder)
        if isinstance(fields, Problem) and hide is not None:
            hide(file)
    return loaded


def _read(file: MetaSource, folder: str) -> dict[str, Any] | Problem:
    """The fields of one meta file, or the one problem that keeps the reviews below it back."""
    withheld = (
        f"; the reviews below {folder or 'the docs folder'}/ are withheld, and its fields reach "
        "no page, until it is fixed"
    )
    try:
        text = file.content_string
    except (OSError, UnicodeError) as error:
        return Problem(file.src_uri, f"cannot be read ({error}){withheld}")
    loaded = load_front_matter(file.src_uri, text)
    if loaded.problem is not None:
        problem = loaded.problem
        return Problem(problem.path, problem.message + withheld, problem.field, problem.line)
    return loaded.metadata or {}
