"""Grouping reviews by a name they carry (a category, an institution), one group per name."""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

from mkdocs_course_reviews.schema import Review
from mkdocs_course_reviews.slugs import unique_slugs

NamesOf = Callable[[Review], Sequence[str]]


@functools.lru_cache(maxsize=4096)  # a log has few names, each on many reviews
def name_key(name: str) -> str:
    """What makes two names one: "Web", "web " and "WEB" share the key "web".

    Names that differ only in Unicode normalisation are one too: "Café" typed with "é" or
    with "e" and a combining accent (Unicode's canonical caseless match).
    """
    text = unicodedata.normalize("NFD", " ".join(name.split()))
    return unicodedata.normalize("NFC", text.casefold())


@functools.lru_cache(maxsize=4096)
def _spelling(name: str) -> str:
    """A name as shown: spaces collapsed, composed characters ("é", not "e" and an accent)."""
    return unicodedata.normalize("NFC", " ".join(name.split()))


@dataclass
class Group:
    """The reviews that carry one name, newest first, and the slug of their page."""

    name: str
    slug: str
    reviews: list[Review] = field(default_factory=list)


@dataclass
class Grouping:
    """All groups of one kind, by name key, in alphabetical order."""

    groups: dict[str, Group]
    renames: list[tuple[str, str, str]]
    """Names whose slug was taken: (name, wanted slug, slug given)."""

    def group_of(self, name: str) -> Group | None:
        """The group a name belongs to, whatever its case or spacing."""
        return self.groups.get(name_key(name))


def group_reviews(
    reviews: Iterable[Review], names_of: NamesOf, reserved: Collection[str] = ()
) -> Grouping:
    """Group `reviews` (kept in their order) by the names `names_of` gives each one.

    Names differing only in case, spacing or Unicode normalisation are one group, shown with
    the spelling most reviews use (ties go to the alphabetically first spelling). No group
    gets a slug in `reserved`.
    """
    members: dict[str, list[Review]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for review in reviews:
        seen: set[str] = set()
        for name in names_of(review):
            key = name_key(name)
            if key and key not in seen:
                seen.add(key)
                members[key].append(review)
                spellings[key][_spelling(name)] += 1
    names = {
        key: min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
        for key, counts in spellings.items()
    }
    slugs, renames = unique_slugs(names.values(), reserved)
    groups = {
        key: Group(names[key], slugs[names[key]], members[key])
        for key in sorted(names, key=lambda k: (names[k].casefold(), names[k]))
    }
    return Grouping(groups, renames)
