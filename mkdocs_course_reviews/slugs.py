"""URL-safe names for overview pages: ASCII, readable, never empty, never a path."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable

from anyascii import anyascii

# Symbols that carry meaning in course names: C++, C#, F#.
_SYMBOLS = (
    (re.compile(r"(?<=[A-Za-z0-9+])\+"), " plus "),
    (re.compile(r"(?<=[A-Za-z])#"), " sharp "),
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# File systems allow 255 bytes a name; leave room for suffixes and ".html".
MAX_SLUG_LENGTH = 80


def slugify(name: str) -> str:
    """A slug for `name`: "Données & IA" → "donnees-ia", "C++" → "c-plus-plus".

    Only ASCII letters, digits and single hyphens, at most `MAX_SLUG_LENGTH` characters; a name
    with nothing to transliterate, or a very long one, gets a short stable hash.
    """
    text = name
    for pattern, word in _SYMBOLS:
        text = pattern.sub(word, text)
    slug = _NOT_SLUG.sub("-", anyascii(text).lower()).strip("-")
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    if not slug:
        return "n-" + digest
    if len(slug) > MAX_SLUG_LENGTH:
        return slug[: MAX_SLUG_LENGTH - len(digest) - 1].rstrip("-") + "-" + digest
    return slug


def unique_slugs(
    names: Iterable[str], reserved: Collection[str] = ()
) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Give each distinct name its own slug, the same in every build whatever the input order.

    Names whose slugs collide are taken in sorted order: the first keeps the slug, the others
    get "-2", "-3", ... A name whose slug is in `reserved` (taken by a page of another sort)
    gets a suffix too. Returns the slugs by name and the renames as (name, wanted, given).
    """
    wanted = {name: slugify(name) for name in sorted(set(names))}
    slugs: dict[str, str] = {}
    taken: set[str] = set(reserved)
    later: list[str] = []
    for name, slug in wanted.items():
        if slug in taken:
            later.append(name)
        else:
            slugs[name] = slug
            taken.add(slug)
    # A suffixed slug must not take the natural slug of another name, e.g. "Web 2" → "web-2".
    natural = set(wanted.values())
    renames = []
    for name in later:
        number = 2
        while f"{wanted[name]}-{number}" in taken or f"{wanted[name]}-{number}" in natural:
            number += 1
        slug = f"{wanted[name]}-{number}"
        slugs[name] = slug
        taken.add(slug)
        renames.append((name, wanted[name], slug))
    return slugs, renames
