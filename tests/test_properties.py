"""Properties that hold for any front matter, checked on real builds of generated sites."""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError

from mkdocs_course_reviews.collection import Collection, Visibility
from mkdocs_course_reviews.fields import KNOWN_FIELDS
from mkdocs_course_reviews.grouping import name_key
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


def document(front_matter: dict[str, Any] | str, index: int) -> str:
    marker = f"BODYMARK{index:03d}X"
    if isinstance(front_matter, str):
        return front_matter + f"\n{marker}\n"
    return "---\n" + yaml.safe_dump(front_matter, allow_unicode=True) + f"---\n\n{marker}\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(st.one_of(front_matters, raw_texts), min_size=1, max_size=6), st.booleans())
def test_any_front_matter(documents: list[dict[str, Any] | str], serve: bool) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        files = {f"reviews/r{i}.md": document(fm, i) for i, fm in enumerate(documents)}
        files["index.md"] = "# Home\n\n<!-- course-reviews -->\n"
        build = site_builder(root)
        docs_before: dict[str, bytes] | None = None
        try:
            site = build(files, serve=serve, plugin={"per_page": 2})
        except PluginError:
            return  # a clear stop is allowed; any other exception fails the test
        docs_before = {k: v.encode("utf-8") for k, v in files.items()}
        # Nothing written into docs_dir, nothing outside site_dir.
        assert snapshot(site.docs_dir) == {k: docs_before[k] for k in sorted(docs_before)}
        assert sorted(p.name for p in site.docs_dir.parent.iterdir()) == [
            ".cache",
            "docs",
            "mkdocs.yml",
            "site",
        ]
        assert sorted(p.name for p in root.iterdir()) == ["site0"]

        collection = Collection()
        for path, content in files.items():
            if path.startswith("reviews/"):
                collection.add(path, content)
        built = "\n".join(text for _, text in site.text_of_every_file())
        for index, front_matter in enumerate(documents):
            entry = collection.entry(f"reviews/r{index}.md")
            assert entry is not None
            hidden = entry.visibility is Visibility.WITHHELD or (
                entry.visibility is Visibility.DRAFT and not serve
            )
            if hidden or (
                isinstance(front_matter, dict) and front_matter.get("draft") is True and not serve
            ):
                assert f"BODYMARK{index:03d}X" not in built, entry.source.path

        # Every published review is in every listing it belongs to.
        home = site.html("index.html").select(".course-review-item")
        assert len(home) == len(collection.published)
        listed = category_listings(site.site_dir)
        for review in collection.published:
            for name in review.categories:
                assert review.path.removesuffix(".md") in listed[name_key(name)], (
                    review.path,
                    name,
                )


def category_listings(site_dir: Path) -> dict[str, set[str]]:
    """For each category page (by name key), the reviews its pages link to (as `reviews/rN`)."""
    listed: dict[str, set[str]] = {}
    categories = site_dir / "categories"
    for folder in (p for p in categories.iterdir() if p.is_dir()) if categories.exists() else ():
        first = BeautifulSoup((folder / "index.html").read_text(), "html.parser")
        name = first.select_one("h1").get_text()
        links: set[str] = set()
        for page in [folder / "index.html", *folder.glob("page/*/index.html")]:
            soup = BeautifulSoup(page.read_text(), "html.parser")
            for a in soup.select("a.course-review-item-title"):
                target = (page.parent / a["href"]).resolve()
                links.add(str(target.relative_to(site_dir.resolve())))
        listed[name_key(name)] = links
    return listed
