"""Properties that hold for any front matter, checked on real builds of generated sites.

What each document becomes (published, a draft, withheld) and which listings a published one
belongs in is decided by the test's own construction of it, never by the plugin's code.
"""

from __future__ import annotations

import collections
import datetime
import logging
import os
import posixpath
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from mkdocs_course_reviews.fields import KNOWN_FIELDS
from tests.bad_inputs import ALIAS_BOMB
from tests.conftest import site_builder

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
names = st.one_of(
    text,
    st.sampled_from(
        ["Web", "web ", "WEB", "C++", "C", "../../etc", "Données & IA", "<b>x</b>", ""]
    ),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(datetime.date(1, 1, 1), datetime.date(2100, 1, 1)),
    names,
    st.sampled_from(
        ["June 2025", "2025-06", "Jun 2025", "14 June 2025", "someday", "2025", "yes", "maybe"]
    ),
    st.sampled_from(["https://example.com/c", "javascript:alert(1)", "data:x", "//x", "http://"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=6,
)
fields = st.sampled_from(KNOWN_FIELDS)
front_matters = st.dictionaries(st.one_of(fields, text), values, max_size=10)
raw_texts = st.one_of(
    st.just("---\n: : :\n---\n"),
    st.just("---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n"),
    st.just("---\n- a\n---\n"),
    st.just("---\ntitle: x\n"),
    st.text(max_size=40),
)

MARK = "@@BODY@@"
"""Stands for the document's body marker until the document gets its place in the site."""


@dataclass(frozen=True)
class Document:
    """A review file, and what becomes of it as this test's own construction decides it.

    `fate` is "published", "draft" or "withheld"; None when the construction cannot tell.
    `hidden_in_build` is True when the fate of a random document is not known but it is known
    not to be published by `mkdocs build`: it says `draft: true`.
    """

    content: str | bytes
    fate: str | None
    hidden_in_build: bool = False
    categories: tuple[str, ...] = ()
    """The categories its front matter names, when the construction knows them."""

    def file(self, marker: str) -> str | bytes:
        if isinstance(self.content, bytes):
            return self.content.replace(MARK.encode(), marker.encode())
        return self.content.replace(MARK, marker)


# Plainly valid values: text that is not blank, dates in the forms the README lists.
plain_names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20
).filter(lambda name: name.strip() != "")
plain_dates = st.one_of(
    st.sampled_from(["June 2025", "2025-06", "Jun 2025", "14 June 2025", "2024", "June 14, 2025"]),
    st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)),
    st.integers(1, 9999),
)
plain_extras = st.dictionaries(
    st.text(max_size=8).map(lambda key: "x_" + key),  # never one of the schema's fields
    st.one_of(st.none(), st.booleans(), st.integers(-1000, 1000), text, st.lists(text, max_size=3)),
    max_size=3,
)
# Well-formed YAML that reads as plain values: anchors and aliases, a merge, explicit tags.
BENIGN_YAML = (
    "x_anchored: &shared [one, two]\nx_alias: *shared\n",
    "x_base: &base {x_merged: 1}\n<<: *base\n",
    'x_tagged: !!str 123\nx_quoted: !!int "42"\n',
    "x_nested: {a: [1, {b: &deep [2]}], c: *deep}\n",
)
# Front matter lines YAML cannot read, or that are refused (README, "Troubleshooting").
FAULTY_YAML = (
    "x_f: 2025-02-30\n",
    "x_f: 0000-01-01\n",
    "x_f: 2025-01-01 25:00:00\n",
    "x_f: 2025-01-01 10:00:00+25:00\n",
    f"x_f: {'9' * 5000}\n",
    'x_f: !!int "abc"\n',
    'x_f: !!float "abc"\n',
    'x_f: !!timestamp "abc"\n',
    'x_f: !!bool "maybe"\n',
    "x_f: &loop [*loop]\n",
    ALIAS_BOMB,
    f"x_f: {'[' * 60}{']' * 60}\n",
    f"x_f: {'[' * 3000}{']' * 3000}\n",
    "x_f: !!python/object/apply:os.system ['touch PWNED-by-fuzz']\n",
    "x_f: !custom value\n",
    "title: Written twice\n",
    "draft: false\ndraft: false\n",
    'x_f: "never closed\n',
    "x_f: *nothing\n",
    "x_f: one: two\n",
    "x_f: a\x00b\n",
    "x_f: [\n",
)


# (opening, closing) pairs a writer means as front-matter fences and MkDocs does not strip.
LOOSE_FENCES = (
    ("---\n", "---"),
    ("---\n", "..."),
    ("----\n", "----\n"),
    ("---\n", "----\n"),
    ("---\u00a0\n", "---\n"),
    ("---\n", "---\u00a0\n"),
    ("--- #\n", "---\n"),
    ("\n---\n", "---\n"),
)


@st.composite
def plain_reviews(draw: st.DrawFn) -> tuple[dict[str, Any], bool]:
    """A front matter valid by construction, and whether it is a draft."""
    front_matter: dict[str, Any] = {
        "title": draw(plain_names),
        "category": draw(st.one_of(plain_names, st.lists(plain_names, min_size=1, max_size=3))),
        "institution": draw(plain_names),
        "date": draw(plain_dates),
    }
    draft = draw(st.sampled_from([None, False, True]))
    if draft is not None:
        front_matter["draft"] = draft
    front_matter.update(draw(plain_extras))
    return front_matter, draft is True


@st.composite
def constructed_documents(draw: st.DrawFn) -> Document:
    """A valid review, maybe with benign YAML and file-level variations, maybe with one fault."""
    front_matter, draft = draw(plain_reviews())
    fate = "draft" if draft else "published"
    yaml_text = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)
    yaml_text += "".join(draw(st.lists(st.sampled_from(BENIGN_YAML), max_size=2, unique=True)))
    fault = draw(
        st.sampled_from([None, "yaml", "required", "unclosed", "fence", "not UTF-8"]),
    )
    if fault == "yaml":
        yaml_text += draw(st.sampled_from(FAULTY_YAML))
    if fault == "required":
        missing = draw(st.sampled_from(["title", "category", "institution", "date"]))
        yaml_text = "".join(
            line for line in yaml_text.splitlines(keepends=True) if not line.startswith(missing)
        )
    closing = "" if fault == "unclosed" else "---\n"
    blank_lines = "\n" * draw(st.integers(0, 2))
    content = f"---\n{blank_lines}{yaml_text}{closing}\n{MARK}\n"
    if fault == "fence":
        # Fences a writer means, that MkDocs does not strip (it would print the fields).
        # The body's marker is a field too: MkDocs would print it, so it must reach no file.
        opening, closing = draw(st.sampled_from(LOOSE_FENCES))
        content = f"{opening}{blank_lines}{yaml_text}x_text: '{MARK}'\n{closing}"
        if closing.endswith("\n"):
            content += f"\n{MARK}\n"
    if draw(st.booleans()):
        content = content.replace("\n", "\r\n")
    if draw(st.booleans()):
        content = "\ufeff" + content
    if fault is not None:
        fate = "withheld"
    category = front_matter["category"]
    categories = tuple(category) if isinstance(category, list) else (category,)
    if fault == "not UTF-8":
        data = content.encode("utf-8")
        at = data.index(b"\n") + 1
        return Document(data[:at] + b"x_f: \xff\n" + data[at:], fate, categories=categories)
    return Document(content, fate, categories=categories)


@st.composite
def published_documents(draw: st.DrawFn) -> Document:
    """A review that is plainly valid and no draft: published, in each of its categories."""
    front_matter, _ = draw(plain_reviews())
    front_matter["draft"] = False
    yaml_text = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)
    category = front_matter["category"]
    categories = tuple(category) if isinstance(category, list) else (category,)
    return Document(f"---\n{yaml_text}---\n\n{MARK}\n", "published", categories=categories)


def random_document(front_matter: dict[str, Any] | str) -> Document:
    """A document of random values: its fate is not known, but some of what it is not is."""
    if isinstance(front_matter, str):
        return Document(front_matter + f"\n{MARK}\n", None)
    content = "---\n" + yaml.safe_dump(front_matter, allow_unicode=True) + f"---\n\n{MARK}\n"
    categories = [front_matter.get("category"), front_matter.get("categories")]
    missing = any(front_matter.get(key) is None for key in ("title", "institution", "date")) or all(
        value is None for value in categories
    )
    if missing:
        return Document(content, "withheld")
    return Document(content, None, hidden_in_build=front_matter.get("draft") is True)


documents = st.one_of(
    constructed_documents(),
    st.one_of(front_matters, raw_texts).map(random_document),
)
# Every site has one review known to be published, so that its listings are always checked.
sites = st.tuples(published_documents(), st.lists(documents, max_size=5)).map(
    lambda drawn: [*drawn[1], drawn[0]]
)
CACHE = ".cache/plugin/course-reviews"
"""The plugin's cache folder, beside mkdocs.yml."""
STOPPED = "is a file where the plugin keeps a folder: delete it"
"""What the build says when a file is where the cache folder belongs (README, "Troubleshooting").

That, a link there, and mkdocs-static-i18n after this plugin are the only causes the README
gives for a stopped build; no review is one.
"""


def same_name(name: str) -> str:
    """What makes two category names one, as the README says: case, runs of spaces and Unicode
    normalisation aside (Unicode's canonical caseless match, D145)."""
    collapsed = re.sub(r"\s+", " ", name).strip()
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", collapsed).casefold())


def reviews_linked(page: Path, site_dir: Path) -> set[int]:
    """The reviews (by index N of `reviews/rN.md`) the main content of a built page links to."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one('[role="main"]')
    assert main is not None, page
    url = page.parent.relative_to(site_dir).as_posix()
    linked = set()
    for link in main.select("a[href]"):
        target = posixpath.normpath(posixpath.join(url, str(link["href"]).split("#")[0]))
        found = re.fullmatch(r"reviews/r(\d+)", target)
        if found:
            linked.add(int(found[1]))
    return linked


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def logged() -> Iterator[list[logging.LogRecord]]:
    """The records MkDocs' loggers emit meanwhile, even from a build that stops."""
    handler = _Records()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_any_front_matter() -> None:
    examples: collections.Counter[str] = collections.Counter()

    @settings(
        max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "25")),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(sites, st.booleans(), st.sampled_from([False] * 9 + [True]))
    def check(generated: list[Document], serve: bool, obstacle: bool) -> None:
        examples["run"] += 1
        built = check_site(generated, serve=serve, obstacle=obstacle)
        examples["built"] += built
        examples["stopped"] += not built

    check()
    # Only the sites given the obstacle stopped (`check_site` asserts it); most examples built,
    # each with a review known to be published: none passed without its listings checked.
    assert examples["built"] + examples["stopped"] == examples["run"]
    assert examples["built"] > examples["run"] / 2, examples


def check_site(generated: list[Document], *, serve: bool, obstacle: bool) -> bool:
    """Build a site of `generated` and check every property; whether the build went through.

    With `obstacle`, a file is where the plugin's cache folder belongs: the build must stop
    there, saying what to do, and for nothing else.
    """
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        markers = [f"BODYMARK{index:03d}X" for index in range(len(generated))]
        files: dict[str, str | bytes] = {
            f"reviews/r{i}.md": doc.file(markers[i]) for i, doc in enumerate(generated)
        }
        files["index.md"] = "# Home\n\n<!-- course-reviews -->\n"
        build = site_builder(root)
        with logged() as records:
            try:
                site = build(
                    files,
                    serve=serve,
                    plugin={"per_page": 2},
                    root_files={CACHE: "in the way\n"} if obstacle else None,
                )
            except Abort:
                errors = [r.getMessage() for r in records if r.levelno >= logging.ERROR]
                assert obstacle, errors  # a review never stops the build
                assert any(STOPPED in error for error in errors), errors
                assert not any(root.rglob("PWNED-by-fuzz"))
                return False
        assert not obstacle, "a file where the cache folder belongs did not stop the build"
        docs_before = {
            k: v if isinstance(v, bytes) else v.encode("utf-8") for k, v in files.items()
        }
        # Nothing written into docs_dir, nothing outside site_dir.
        assert snapshot(site.docs_dir) == {k: docs_before[k] for k in sorted(docs_before)}
        assert sorted(p.name for p in site.docs_dir.parent.iterdir()) == [
            ".cache",
            "docs",
            "mkdocs.yml",
            "site",
        ]
        assert sorted(p.name for p in root.iterdir()) == ["site0"]
        assert not any(root.rglob("PWNED-by-fuzz"))

        # The fate of each document, as the test built it: no body reaches the site unless the
        # document is plainly valid (and not a draft, in `mkdocs build`).
        for index, doc in enumerate(generated):
            page = site.site_dir / f"reviews/r{index}/index.html"
            shown = doc.fate == "published" or (doc.fate == "draft" and serve)
            if doc.fate is not None and not shown:
                assert site.leaks(markers[index]) == [], (index, doc)
            if doc.hidden_in_build and not serve:
                assert site.leaks(markers[index]) == [], (index, doc)
            if shown:
                assert markers[index] in page.read_text(encoding="utf-8"), (index, doc)
        check_listings(site.site_dir, generated)
        return True


def check_listings(site_dir: Path, generated: list[Document]) -> None:
    """Every published review is in every listing it belongs to, and no other review is.

    Which documents are published is the construction's knowledge; where it has none (random
    values), the build's: a page of the review, with no draft marker.
    """

    def published_by_build(index: int) -> bool:
        page = site_dir / f"reviews/r{index}/index.html"
        return page.exists() and "mkdocs-draft-marker" not in page.read_text(encoding="utf-8")

    published = {
        index
        for index, doc in enumerate(generated)
        if doc.fate == "published" or (doc.fate is None and published_by_build(index))
    }
    assert reviews_linked(site_dir / "index.html", site_dir) == published
    known = {index: doc for index, doc in enumerate(generated) if doc.fate == "published"}
    unknown = published - known.keys()
    belongs: dict[str, set[int]] = collections.defaultdict(set)
    for index, doc in known.items():
        for name in doc.categories:
            belongs[same_name(name)].add(index)
    listed = category_listings(site_dir)
    for key, members in belongs.items():
        assert key in listed, (key, sorted(listed))
        assert members <= listed[key] <= members | unknown, (key, members, listed[key])


def category_listings(site_dir: Path) -> dict[str, set[int]]:
    """For each category page (by `same_name` of its heading), the reviews its pages list."""
    listed: dict[str, set[int]] = {}
    categories = site_dir / "categories"
    for folder in (p for p in categories.iterdir() if p.is_dir()) if categories.exists() else ():
        first = BeautifulSoup((folder / "index.html").read_text(), "html.parser")
        heading = first.select_one('[role="main"] h1')
        assert heading is not None, folder
        pages = [folder / "index.html", *folder.glob("page/*/index.html")]
        key = same_name(heading.get_text())
        assert key not in listed, (key, folder)  # one page for each name
        listed[key] = set().union(*(reviews_linked(page, site_dir) for page in pages))
    return listed
