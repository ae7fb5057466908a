"""Side by side with the plugins and tools people combine it with."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BuildSite, draft_and_broken, review

EXAMPLE = Path(__file__).parents[1] / "example_site"
SECRET = "QX-DRAFT-SECRET-5521"  # noqa: S105 - a marker, not a password
SITE = {
    "index.md": "# Home\n",
    "reviews/python.md": review("Python Basics", extra="tags: [python, beginner]\n"),
    "reviews/rust.md": review("Rust Deep Dive", date='"May 2025"', extra="tags: [rust]\n"),
    **draft_and_broken(SECRET, broken=None, extra="tags: [secret-tag]\n"),
}


def test_mkdocs_search_indexes_reviews_not_drafts(build_site: BuildSite) -> None:
    site = build_site(SITE)
    index = json.loads((site.site_dir / "search/search_index.json").read_text())
    titles = {doc["title"] for doc in index["docs"]}
    assert {"Python Basics", "Rust Deep Dive"} <= titles
    assert SECRET not in json.dumps(index)


def test_material_tags_plugin(build_site: BuildSite) -> None:
    site = build_site(
        {**SITE, "tags.md": "# Tags\n\n<!-- material/tags -->\n"},
        theme={"name": "material", "font": False},
        plugins=["search", "tags", "course-reviews"],
    )
    tags = site.html("tags/index.html").get_text()
    assert "python" in tags
    assert "Python Basics" in tags
    assert "rust" in tags
    assert "secret-tag" not in tags
    assert site.leaks(SECRET) == []


def test_material_blog_plugin_beside_a_review_collection(build_site: BuildSite) -> None:
    site = build_site(
        {
            **SITE,
            "blog/index.md": "# Blog\n",
            "blog/posts/hello.md": (
                "---\ndate: 2025-01-02\ncategories: [News]\n---\n\n# Hello blog\n\nText.\n"
            ),
        },
        theme={"name": "material", "font": False},
        plugins=["search", {"blog": {"categories": True}}, "course-reviews"],
    )
    assert site.exists("blog/2025/01/02/hello-blog/index.html")
    assert site.exists("blog/category/news/index.html")
    assert site.exists("reviews/python/index.html")
    assert "Python Basics" in site.html("categories/web/index.html").get_text()
    assert "Hello blog" not in site.html("categories/web/index.html").get_text()
    assert site.warnings == []


def test_rss_plugin_feed_has_no_drafts(build_site: BuildSite) -> None:
    pytest.importorskip("mkdocs_rss_plugin")
    site = build_site(
        SITE,
        plugins=[
            "search",
            "course-reviews",
            {
                "rss": {
                    "use_git": False,
                    "match_path": "reviews/.*",
                    "date_from_meta": {"as_creation": "date"},
                }
            },
        ],
    )
    feed = (site.site_dir / "feed_rss_created.xml").read_text()
    assert "Python Basics" in feed
    assert "Rust Deep Dive" in feed
    assert SECRET not in feed


def _build_with(command: list[str], config: Path, site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [*command, "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr


def _pages(site_dir: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site_dir)): p.read_text(encoding="utf-8")
        for p in sorted(site_dir.rglob("*.html"))
    }


@pytest.mark.slow
def test_properdocs_builds_the_example_site_like_mkdocs(tmp_path: Path) -> None:
    properdocs = shutil.which("properdocs", path=str(Path(sys.executable).parent))
    if properdocs is None:
        pytest.skip("properdocs is not installed")
    _build_with([sys.executable, "-m", "mkdocs"], EXAMPLE / "mkdocs.yml", tmp_path / "mkdocs")
    _build_with([properdocs], EXAMPLE / "mkdocs.yml", tmp_path / "properdocs")
    ours, theirs = _pages(tmp_path / "mkdocs"), _pages(tmp_path / "properdocs")
    assert ours.keys() == theirs.keys()
    assert "categories/machine-learning/page/2/index.html" in theirs
    for name in ("reviews/full-stack-open/index.html", "categories/machine-learning/index.html"):
        # The generator tag names the tool; everything the plugin made is the same.
        assert _without_generator(ours[name]) == _without_generator(theirs[name])


def _without_generator(html: str) -> str:
    return "\n".join(line for line in html.splitlines() if "generator" not in line)
