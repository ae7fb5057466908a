"""`mkdocs serve --dirty`, in process: after each kind of edit, every page that shows it is right.

MkDocs builds only pages whose source is newer than their output in a dirty build. These tests
run the builds as `mkdocs serve --dirty` does (one plugin instance, `on_startup` once, then
`build(..., dirty=True)` after each edit) and read every page that should show the edit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from tests.conftest import SERVE_URL, review


def titles(html: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in html.select(".course-review-item-title")]


class DirtyServe:
    """A site built again and again in one process, as `mkdocs serve --dirty` does.

    With `dirty=False`, as a plain `mkdocs serve` does: every page is built each time.
    """

    def __init__(
        self, root: Path, files: dict[str, str], *, dirty: bool = True, **plugin: object
    ) -> None:
        self.root = root
        self.dirty = dirty
        self.docs = root / "docs"
        self.site = root / "site"
        for name, text in files.items():
            self.write(name, text)
            earlier = time.time() - 100
            os.utime(self.docs / name, (earlier, earlier))
        self.configure({"name": "mkdocs"}, site={}, **plugin)
        self.built: list[str] = []
        config_object = self._config()
        config_object.plugins.on_startup(command="serve", dirty=dirty)
        self.rebuild()

    def configure(
        self, theme: dict[str, object], *, site: Mapping[str, object] = {}, **plugin: object
    ) -> None:
        """Write `mkdocs.yml`: `theme`, `site`'s settings, the plugin with `plugin` as options."""
        config = {
            "site_name": "Dirty",
            "site_url": "https://example.org/",
            **site,
            "theme": theme,
            "plugins": [{"course-reviews": {"per_page": 2, **plugin}}],
        }
        (self.root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")

    def _config(self) -> MkDocsConfig:
        return load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))

    def write(self, name: str, text: str) -> None:
        path = self.docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def remove(self, name: str) -> None:
        (self.docs / name).unlink()

    def rebuild(self) -> None:
        before = {p: p.stat().st_mtime_ns for p in self.site.rglob("*.html")}
        build(self._config(), serve_url=SERVE_URL, dirty=self.dirty)
        self.built = sorted(
            str(p.relative_to(self.site))
            for p in self.site.rglob("*.html")
            if before.get(p) != p.stat().st_mtime_ns
        )

    def html(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / path).read_text(encoding="utf-8"), "html.parser")

    def exists(self, path: str) -> bool:
        return (self.site / path).exists()


FILES = {
    "index.md": "# Home\n\n<!-- course-reviews limit=2 -->\n",
    "about.md": "# About\n\nNo listing here.\n",
    "numbers.md": "# Numbers\n\n<!-- course-reviews stats -->\n",
    "reviews/a.md": review("Alpha", category="Web", institution="MIT", date='"2021"'),
    "reviews/b.md": review("Beta", category="Web", institution="MIT", date='"2022"'),
    "reviews/c.md": review("Gamma", category="Web", institution="Yale", date='"2023"'),
    "reviews/d.md": review("Delta", category="Data", institution="Yale", date='"2020"'),
}


@pytest.fixture
def served(tmp_path: Path) -> DirtyServe:
    return DirtyServe(tmp_path, FILES)


def test_first_build_is_complete(served: DirtyServe) -> None:
    assert titles(served.html("index.html")) == ["Gamma", "Beta"]
    assert titles(served.html("categories/web/index.html")) == ["Gamma", "Beta"]
    assert titles(served.html("categories/web/page/2/index.html")) == ["Alpha"]


def test_editing_a_title_and_date(served: DirtyServe) -> None:
    served.write(
        "reviews/a.md", review("Alpha Renamed", category="Web", institution="MIT", date='"2024"')
    )
    served.rebuild()
    assert served.html("reviews/a/index.html").h1.get_text(strip=True) == "Alpha Renamed"
    # It moved from page 2 of Web to page 1, and to the top of the home page's listing.
    assert titles(served.html("categories/web/index.html")) == ["Alpha Renamed", "Gamma"]
    assert titles(served.html("categories/web/page/2/index.html")) == ["Beta"]
    assert titles(served.html("institutions/mit/index.html")) == ["Alpha Renamed", "Beta"]
    assert titles(served.html("index.html")) == ["Alpha Renamed", "Gamma"]
    # Pages that do not show it are not built again.
    assert "about/index.html" not in served.built
    assert "reviews/d/index.html" not in served.built
    assert "categories/data/index.html" not in served.built


def test_moving_a_review_to_another_category_and_institution(served: DirtyServe) -> None:
    served.write("reviews/d.md", review("Delta", category="Web", institution="MIT", date='"2020"'))
    served.rebuild()
    # "Data" and "Yale"'s counts change; "Data" has no review left, so its page goes.
    assert not served.exists("categories/data/index.html")
    index = served.html("categories/index.html").get_text(" ", strip=True)
    assert "Data" not in index
    assert "4 reviews" in index
    assert titles(served.html("categories/web/page/2/index.html")) == ["Alpha", "Delta"]
    assert titles(served.html("institutions/yale/index.html")) == ["Gamma"]
    card = served.html("reviews/d/index.html").select_one(".course-review-card")
    assert card is not None
    assert "MIT" in card.get_text()


def test_adding_a_review(served: DirtyServe) -> None:
    served.write("reviews/e.md", review("Epsilon", category="Art", institution="RISD", date="2025"))
    served.rebuild()
    assert served.exists("reviews/e/index.html")
    assert titles(served.html("categories/art/index.html")) == ["Epsilon"]
    assert titles(served.html("index.html")) == ["Epsilon", "Gamma"]
    assert "Art" in served.html("categories/index.html").get_text()
    assert "RISD" in served.html("institutions/index.html").get_text()


def test_deleting_a_review(served: DirtyServe) -> None:
    served.remove("reviews/c.md")
    served.rebuild()
    assert not served.exists("reviews/c/index.html")
    assert titles(served.html("index.html")) == ["Beta", "Alpha"]
    assert titles(served.html("categories/web/index.html")) == ["Beta", "Alpha"]
    assert not served.exists("categories/web/page/2/index.html")
    assert titles(served.html("institutions/yale/index.html")) == ["Delta"]


def test_drafting_and_undrafting_a_review(served: DirtyServe) -> None:
    draft = review(
        "Gamma", category="Web", institution="Yale", date='"2023"', extra="draft: true\n"
    )
    served.write("reviews/c.md", draft)
    served.rebuild()
    # Previewed as a draft, listed nowhere.
    assert served.html("reviews/c/index.html").select_one(".mkdocs-draft-marker") is not None
    assert titles(served.html("index.html")) == ["Beta", "Alpha"]
    assert titles(served.html("categories/web/index.html")) == ["Beta", "Alpha"]
    assert titles(served.html("institutions/yale/index.html")) == ["Delta"]

    served.write("reviews/c.md", review("Gamma", category="Web", institution="Yale", date="2023"))
    served.rebuild()
    assert served.html("reviews/c/index.html").select_one(".mkdocs-draft-marker") is None
    assert titles(served.html("index.html")) == ["Gamma", "Beta"]
    assert titles(served.html("institutions/yale/index.html")) == ["Gamma", "Delta"]


def test_a_draft_is_removed_when_drafts_are_not_previewed(tmp_path: Path) -> None:
    served = DirtyServe(tmp_path, FILES, draft_on_serve=False)
    served.write("reviews/c.md", review("Gamma", category="Web", extra="draft: true\n"))
    served.rebuild()
    assert not served.exists("reviews/c/index.html")
    assert "Gamma" not in served.html("categories/web/index.html").get_text()


def test_an_edit_that_breaks_the_front_matter(served: DirtyServe) -> None:
    served.write("reviews/b.md", "---\ntitle: [unclosed\n---\n\nBody\n")
    served.rebuild()
    assert not served.exists("reviews/b/index.html")
    assert titles(served.html("index.html")) == ["Gamma", "Alpha"]


def stats_line(served: DirtyServe) -> str:
    stats = served.html("numbers/index.html").select_one(".course-review-stats")
    assert stats is not None
    return " ".join(stats.get_text(" ", strip=True).split())


def test_a_stats_marker_follows_the_numbers(served: DirtyServe) -> None:
    assert stats_line(served) == "4 courses from 2 institutions in 2 categories since 2020"
    # A new title changes no number: the page is not built again.
    served.write("reviews/a.md", review("Alpha 2", category="Web", institution="MIT", date="2021"))
    served.rebuild()
    assert "reviews/a/index.html" in served.built
    assert "numbers/index.html" not in served.built

    served.write("reviews/e.md", review("Epsilon", category="Art", institution="RISD", date="2025"))
    served.rebuild()
    assert "numbers/index.html" in served.built
    assert stats_line(served) == "5 courses from 3 institutions in 3 categories since 2020"

    served.write(
        "reviews/d.md",
        review("Delta", category="Data", institution="Yale", date="2020", extra="draft: true\n"),
    )
    served.rebuild()
    assert stats_line(served) == "4 courses from 3 institutions in 2 categories since 2021"


def test_a_page_that_lost_its_marker_is_not_built_again_for_later_edits(
    served: DirtyServe,
) -> None:
    served.write("numbers.md", "# Numbers\n\nNo numbers any more.\n")
    served.rebuild()
    assert "numbers/index.html" in served.built
    assert served.html("numbers/index.html").select_one(".course-review-stats") is None
    # A new review changes every number the marker showed; the page has no marker now.
    served.write("reviews/e.md", review("Epsilon", category="Art", institution="RISD", date="2025"))
    served.rebuild()
    assert "reviews/e/index.html" in served.built
    assert "numbers/index.html" not in served.built
    served.write("reviews/f.md", review("Zeta", category="Sea", institution="WHOI", date="2026"))
    served.rebuild()
    assert "numbers/index.html" not in served.built


def way_back(served: DirtyServe, page: str) -> str | None:
    nav = served.html(page).select_one(".course-review-way-back")
    return " ".join(nav.get_text().split()) if nav else None


def test_the_way_back_names_the_category_as_its_page_does(served: DirtyServe) -> None:
    assert way_back(served, "reviews/a/index.html") == "← Web"
    # Two of the three reviews of Web now spell it "WEB": the page, and every way back to it,
    # take the spelling most reviews use. Alpha's own file did not change.
    for name, title, institution, date in (
        ("b", "Beta", "MIT", "2022"),
        ("c", "Gamma", "Yale", "2023"),
    ):
        served.write(
            f"reviews/{name}.md",
            review(title, category="WEB", institution=institution, date=f'"{date}"'),
        )
    served.rebuild()
    assert way_back(served, "reviews/a/index.html") == "← WEB"
    assert "reviews/d/index.html" not in served.built
    # Page 2 lists only Alpha, whose file did not change: its title follows the new spelling.
    page_2 = served.html("categories/web/page/2/index.html")
    assert page_2.h1 is not None
    assert page_2.h1.get_text(strip=True) == "WEB, page 2"


def test_the_way_back_follows_the_page_of_all_reviews(tmp_path: Path) -> None:
    served = DirtyServe(tmp_path, FILES, category_pages=False, all_reviews_page=False)
    assert way_back(served, "reviews/a/index.html") is None
    served.write("reviews/index.md", "# Every review\n")
    served.rebuild()
    for name in "abcd":
        assert way_back(served, f"reviews/{name}/index.html") == "← All reviews"
    served.remove("reviews/index.md")
    served.rebuild()
    for name in "abcd":
        assert way_back(served, f"reviews/{name}/index.html") is None


def all_reviews(served: DirtyServe) -> list[str]:
    return titles(served.html("reviews/index.html"))


def test_the_page_of_all_reviews_follows_each_edit(served: DirtyServe) -> None:
    assert all_reviews(served) == ["Gamma", "Beta", "Alpha", "Delta"]
    served.write(
        "reviews/a.md",
        review(
            "Alpha Renamed", category="Web", institution="MIT", date="2024", extra="rating: 5\n"
        ),
    )
    served.rebuild()
    assert "reviews/index.html" in served.built
    assert all_reviews(served) == ["Alpha Renamed", "Gamma", "Beta", "Delta"]
    item = served.html("reviews/index.html").select_one(".course-review-item")
    assert item["data-rating"] == "5"

    served.write("reviews/c.md", review("Gamma", category="Web", extra="draft: true\n"))
    served.rebuild()
    assert all_reviews(served) == ["Alpha Renamed", "Beta", "Delta"]

    # An edit of a review's text alone changes nothing the page shows: it is not built again.
    served.write("reviews/d.md", FILES["reviews/d.md"].replace("My review", "My new review"))
    served.rebuild()
    assert "reviews/d/index.html" in served.built
    assert "reviews/index.html" not in served.built


def cache_of(served: DirtyServe) -> Path:
    return served.root / ".cache" / "plugin" / "course-reviews"


def test_a_cache_file_changed_between_rebuilds_is_written_again(served: DirtyServe) -> None:
    source = cache_of(served) / "categories" / "web.md"
    written = source.read_text(encoding="utf-8")
    source.write_text("# Not what the plugin wrote\n", encoding="utf-8")
    served.rebuild()
    assert source.read_text(encoding="utf-8") == written
    assert titles(served.html("categories/web/index.html")) == ["Gamma", "Beta"]


@pytest.mark.slow
def test_a_build_beside_the_server_leaves_its_cache_alone(served: DirtyServe) -> None:
    # `mkdocs build` in the same project while `mkdocs serve --dirty` runs: the server's next
    # rebuild still builds only what an edit changed, not every generated page.
    sources = {p: (p.read_text(), p.stat().st_mtime_ns) for p in cache_of(served).rglob("*.md")}
    config, built = served.root / "mkdocs.yml", served.root / "built"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(built)]
    subprocess.run(command, check=True, capture_output=True)  # a process of its own
    assert (built / "categories" / "web" / "index.html").is_file()
    assert {p: (p.read_text(), p.stat().st_mtime_ns) for p in sources} == sources
    served.write(
        "reviews/d.md", review("Delta", category="Data", institution="Yale", date='"2019"')
    )
    served.rebuild()
    assert "categories/data/index.html" in served.built
    assert "categories/web/index.html" not in served.built
    assert "institutions/mit/index.html" not in served.built


def test_a_build_writes_the_sources_it_finds_in_another_shape_again(tmp_path: Path) -> None:
    built = tmp_path / "site"
    for name, text in FILES.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    config = {"site_name": "Built", "plugins": ["course-reviews"]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(built)))
    source = tmp_path / ".cache" / "plugin" / "course-reviews" / "categories" / "web.md"
    written = source.read_text(encoding="utf-8")
    # The header the plugin writes, and more: never kept, whatever a build compares.
    source.write_text(written + "<script>alert(1)</script>\n", encoding="utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(built)))
    assert source.read_text(encoding="utf-8") == written
    assert "alert(1)" not in (built / "categories" / "web" / "index.html").read_text()


def test_a_link_put_into_the_cache_between_rebuilds_stops_the_rebuild(
    served: DirtyServe, tmp_path: Path
) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.md").write_text("# Keep me\n", encoding="utf-8")
    folder = cache_of(served) / "institutions"
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.symlink_to(victim)
    with pytest.raises(Abort):
        served.rebuild()
    assert sorted(p.name for p in victim.iterdir()) == ["precious.md"]


def card_date(served: DirtyServe, name: str) -> str:
    time_ = served.html(f"reviews/{name}/index.html").select_one(".course-review-card time")
    assert time_ is not None
    return str(time_.get_text(strip=True))


def test_the_sites_language_changes_every_page_the_plugin_wrote(served: DirtyServe) -> None:
    served.write("reviews/e.md", review("Epsilon", date="2024-06-14"))
    served.rebuild()
    assert card_date(served, "e") == "June 14, 2024"
    served.configure({"name": "mkdocs", "locale": "de"})
    served.rebuild()
    assert card_date(served, "e") == "14. Juni 2024"
    assert "Juni" in served.html("reviews/index.html").get_text()


def test_a_template_of_the_sites_own_changes_every_page_that_uses_it(
    served: DirtyServe,
) -> None:
    card = served.root / "overrides" / "course-reviews" / "card.html"
    card.parent.mkdir(parents=True)
    card.write_text('<aside class="mine">{{ review.title }}</aside>\n', encoding="utf-8")
    served.configure({"name": "mkdocs", "custom_dir": "overrides"})
    served.rebuild()
    assert served.html("reviews/d/index.html").select_one("aside.mine") is not None
    card.write_text('<aside class="mine again">{{ review.title }}</aside>\n', encoding="utf-8")
    served.rebuild()
    assert served.html("reviews/d/index.html").select_one("aside.again") is not None


def test_pages_the_plugin_no_longer_fills_in_are_built_again(served: DirtyServe) -> None:
    served.write("categories/web.md", "# Webbery\n\nMy web courses.\n")
    served.rebuild()
    assert titles(served.html("categories/web/index.html")) == ["Gamma", "Beta"]
    served.configure({"name": "mkdocs"}, category_pages=False, reviews_dir="reviews/sub")
    served.rebuild()
    intro = served.html("categories/web/index.html")
    assert titles(intro) == []
    assert intro.select_one(".course-review-way-back") is None
    # The reviews are not reviews any more: plain pages, with no card.
    page = served.html("reviews/a/index.html")
    assert page.select_one(".course-review-card") is None
    assert page.select_one('script[type="application/ld+json"]') is None


def card(served: DirtyServe, name: str) -> str:
    aside = served.html(f"reviews/{name}/index.html").select_one("aside.course-review-card")
    assert aside is not None
    return str(aside)


def test_a_plain_serve_rebuild_shows_every_change_in_the_cards(tmp_path: Path) -> None:
    # A plain `mkdocs serve` keeps each card between rebuilds, and renders again only those
    # whose review, links or settings changed.
    served = DirtyServe(tmp_path, FILES, dirty=False)
    before = {name: card(served, name) for name in "abcd"}
    served.write(
        "reviews/a.md", review("Alpha Renamed", category="Data", institution="Yale", date='"2024"')
    )
    served.rebuild()
    assert sorted(served.built) == sorted(
        str(p.relative_to(served.site)) for p in served.site.rglob("*.html")
    )  # every page built
    after = served.html("reviews/a/index.html").select_one("aside.course-review-card")
    assert after is not None
    assert after["aria-label"] == "Alpha Renamed"
    links = {a.get_text(): a["href"] for a in after.select("a")}
    assert links["Data"] == "../../categories/data/"
    assert links["Yale"] == "../../institutions/yale/"
    assert "2024" in after.get_text()
    assert {name: card(served, name) for name in "bcd"} == {n: before[n] for n in "bcd"}
    # And each listing the review moved to or from, kept as well.
    assert titles(served.html("categories/data/index.html")) == ["Alpha Renamed", "Delta"]
    assert titles(served.html("categories/web/index.html")) == ["Gamma", "Beta"]
    assert not served.exists("categories/web/page/2/index.html")
    assert titles(served.html("institutions/yale/index.html"))[0] == "Alpha Renamed"
    served.write(
        "reviews/b.md", review("Beta Renamed", category="Web", institution="MIT", date='"2022"')
    )
    served.write("reviews/e.md", review("Epsilon", category="Data", date="2019-06-14"))
    served.rebuild()
    assert titles(served.html("categories/web/index.html")) == ["Gamma", "Beta Renamed"]
    assert "June 14, 2019" in served.html("categories/data/page/2/index.html").get_text()
    # The site's language and its own templates reach every card.
    served.configure({"name": "mkdocs", "locale": "de"})
    served.rebuild()
    assert all("Kategorie" in card(served, name) for name in "abcde")
    assert "14. Juni 2019" in served.html("categories/data/page/2/index.html").get_text()
    overrides = served.root / "overrides" / "course-reviews"
    overrides.mkdir(parents=True)
    (overrides / "card.html").write_text('<aside class="mine">{{ review.title }}</aside>\n')
    (overrides / "listing.html").write_text('<p class="mine">{{ views | length }}</p>\n')
    served.configure({"name": "mkdocs", "custom_dir": "overrides"})
    served.rebuild()
    assert served.html("reviews/d/index.html").select_one("aside.mine") is not None
    assert served.html("categories/web/index.html").select_one("p.mine") is not None
    # A deleted review's card is not kept.
    served.remove("reviews/d.md")
    served.rebuild()
    assert not served.exists("reviews/d/index.html")


@pytest.mark.parametrize("dirty", [True, False], ids=["dirty", "plain"])
def test_a_review_rewritten_with_its_size_and_time_is_read_again(
    tmp_path: Path, *, dirty: bool
) -> None:
    # `cp -p`, `rsync -t` or `touch -r` put the old modification time back; the bytes differ.
    served = DirtyServe(tmp_path, FILES, dirty=dirty)
    path = served.docs / "reviews/d.md"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Delta", "Omega"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    served.write("about.md", "# About\n\nAnother edit, so that the server builds.\n")
    served.rebuild()
    assert card(served, "d").count("Omega") == 1  # the card's label
    assert "Omega" in titles(served.html("categories/data/index.html"))
    assert "Delta" not in served.html("reviews/index.html").get_text()


def structured_author(served: DirtyServe, name: str) -> object:
    script = served.html(f"reviews/{name}/index.html").select_one(
        'script[type="application/ld+json"]'
    )
    assert script is not None
    return json.loads(script.get_text()).get("author")


def test_the_sites_author_name_and_nav_reach_the_pages_that_show_them(
    served: DirtyServe,
) -> None:
    assert structured_author(served, "a") is None
    served.configure({"name": "mkdocs"}, site={"site_author": "Bob", "site_name": "Log"})
    served.rebuild()
    assert structured_author(served, "a") == {"@type": "Person", "name": "Bob"}
    shared = served.html("reviews/a/index.html").select_one('meta[property="og:site_name"]')
    assert shared is not None
    assert shared["content"] == "Log"
    nav = ["index.md", {"Topics": "categories/index.md"}]
    site = {"site_author": "Bob", "site_name": "Log", "nav": nav}
    served.configure({"name": "mkdocs"}, site=site)
    served.rebuild()
    heading = served.html("categories/index.html").h1
    assert heading is not None
    assert heading.get_text(strip=True) == "Topics"
