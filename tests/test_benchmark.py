"""The benchmark runs, small, so that it never rots. No timing is asserted."""

from __future__ import annotations

import datetime
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"
# The benchmark's modules import each other by name, as when run as scripts.
sys.path.insert(0, str(BENCHMARKS))


def load_module(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # as `import` does: dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


corpus = load_module("corpus")
listing_pages = load_module("listing_pages")
FORMS = {
    "year": r"\d{4}",
    "year-month": r"\d{4}-\d{2}",
    "month year": r"[A-Z][a-z]+ \d{4}",
    "day month year": r"\d{1,2} [A-Z][a-z]+ \d{4}",
    "month day, year": r"[A-Z][a-z]+ \d{1,2}, \d{4}",
}


def test_corpus_is_what_the_benchmark_promises(tmp_path: Path) -> None:
    root = corpus.write(200, tmp_path)
    reviews = sorted((root / "docs/reviews").glob("*.md"))
    assert len(reviews) == 200
    assert len(corpus.CATEGORIES) == 25
    assert len(corpus.INSTITUTIONS) == 60
    drafts = 0
    forms = set()
    for path in reviews:
        front, body = path.read_text().split("---\n", 2)[1:]
        meta = yaml.safe_load(front)
        drafts += meta["draft"]
        date = meta["date"]
        if isinstance(date, datetime.date):
            forms.add("yaml date")
        else:
            forms.update(name for name, form in FORMS.items() if re.fullmatch(form, date))
        assert 300 <= len(body.split()) <= 700  # 300-600 words of prose, plus Markdown
        categories = meta["category"] if isinstance(meta["category"], list) else [meta["category"]]
        assert 1 <= len(categories) <= 2
    assert 1 <= drafts <= 10
    assert len(forms) == 6  # dates written in every form
    posts = list((root / "peer/docs/blog/posts").glob("*.md"))
    assert len(posts) == 200
    # The same-pages floor has the published reviews, and no draft.
    same = sorted((root / "samepages/docs/reviews").glob("*.md"))
    assert len(same) == 200 - drafts + 1  # and the page of all reviews
    assert all("draft: false" in path.read_text() for path in same if path.name != "index.md")
    everything = (root / "samepages/docs/reviews/index.md").read_text()
    assert everything.count('<li class="review"') == 200 - drafts


def test_same_pages_floor_reads_every_date_form() -> None:
    parse = listing_pages.parse_date
    assert parse("June 2025") == (datetime.date(2025, 6, 1), "June 2025")
    assert parse("Jun 2025")[0] == datetime.date(2025, 6, 1)
    assert parse("2025")[0] == datetime.date(2025, 1, 1)
    assert parse("2025-06")[0] == datetime.date(2025, 6, 1)
    assert parse("14 June 2025")[0] == datetime.date(2025, 6, 14)
    assert parse("June 14, 2025")[0] == datetime.date(2025, 6, 14)
    assert parse(datetime.date(2025, 6, 14)) == (datetime.date(2025, 6, 14), "2025-06-14")
    with pytest.raises(ValueError, match="someday"):
        parse("someday")


def listed(number: int, date: str, categories: list[str], institution: str = "MIT") -> Any:
    front = {"title": f"Course {number}", "category": categories, "institution": institution}
    return listing_pages.listed(f"reviews/c{number}.md", {**front, "date": date})


def test_same_pages_floor_groups_newest_first_with_a_page_per_twenty() -> None:
    reviews = [listed(n, f"{2000 + n}", ["C++", "Web"]) for n in range(21)]
    reviews.append(listed(99, "2024", ["C#"], institution="edX"))
    pages = {page.src_uri: page for page in listing_pages.listing_pages(reviews, 20)}
    assert sorted(pages) == [
        "categories/c-2.md",  # "C++" sorts after "C#", whose slug it would take
        "categories/c-2/page/2.md",
        "categories/c.md",
        "categories/index.md",
        "categories/web.md",
        "categories/web/page/2.md",
        "institutions/edx.md",
        "institutions/index.md",
        "institutions/mit.md",
        "institutions/mit/page/2.md",
    ]
    assert [r.title for r in pages["categories/web.md"].reviews][:2] == ["Course 20", "Course 19"]
    assert [r.title for r in pages["categories/web/page/2.md"].reviews] == ["Course 0"]
    assert pages["categories/web/page/2.md"].title == "Web, page 2"


def test_same_pages_floor_files_reviews_under_their_year_newest_first() -> None:
    reviews = [listed(1, "March 2021", ["Web"]), listed(2, "2023", ["Web"])]
    reviews += [listed(3, "5 May 2023", ["Web"])]
    pages = listing_pages.listing_pages(reviews, 20, ["year"])
    assert [page.src_uri for page in pages] == ["years/index.md", "years/2023.md", "years/2021.md"]
    assert [r.title for r in pages[1].reviews] == ["Course 3", "Course 2"]


def test_same_pages_floor_has_the_page_of_all_reviews_newest_first() -> None:
    reviews = [listed(1, "March 2021", ["Web"]), listed(2, "2023", ["C++", "Web"])]
    reviews.append(listed(3, "5 May 2023", ["Art"], institution="edX"))
    pages = listing_pages.listing_pages(reviews, 1, ["category"], all_reviews=True)
    first = pages[0]
    assert (first.src_uri, first.title) == ("reviews/index.md", "All reviews")
    assert [r.title for r in first.reviews] == ["Course 3", "Course 2", "Course 1"]
    # Every review on one page, whatever `per_page` says; the groups' pages as before.
    assert [page.src_uri for page in pages[1:]][:2] == ["categories/index.md", "categories/art.md"]
    slugs = {("category", "web"): "web", ("category", "c++"): "c", ("category", "art"): "art"}
    markdown = listing_pages.page_markdown(first, slugs)
    assert "search:\n  exclude: true" in markdown
    assert '<option value="C++" data-key="c++">C++</option>' in markdown
    assert '<option value="2023" data-key="2023">2023</option>' in markdown
    # A review's categories link to their pages; its institution has none here.
    assert '<li class="category"><a href="../categories/c/">C++</a></li>' in markdown
    assert '<span class="institution">MIT</span>' in markdown
    assert 'data-category="[&quot;c++&quot;, &quot;web&quot;]"' in markdown
    assert markdown.count('<li class="review"') == 3
    assert "\n\n" not in markdown.split("# All reviews\n\n", 1)[1]  # one HTML block


def test_same_pages_floor_keeps_what_the_plugin_keeps_in_the_nav() -> None:
    # gitignore-style: a file inside an excluded folder can be put back, the folder cannot.
    lines = corpus.SAMEPAGES_NOT_IN_NAV.splitlines()
    for folder in ("reviews", "categories", "institutions", "years"):
        assert lines[lines.index(f"/{folder}/*") + 1] == f"!/{folder}/index.md"
    defaults = corpus.overview_defaults()
    assert defaults.all_reviews
    assert defaults.per_page == 20


def test_same_pages_floor_links_as_mkdocs_serves_pages() -> None:
    href = listing_pages.href
    assert href("categories/web.md", "reviews/c1.md") == "../../reviews/c1/"
    assert href("categories/web/page/2.md", "categories/web.md") == "../../"
    assert href("categories/index.md", "categories/web.md") == "web/"
    assert href("categories/web.md", "categories/web.md") == "./"


@pytest.mark.slow
def test_runner_builds_serves_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            *("--sizes", "30", "--repeats", "1", "--edit-repeats", "1"),
            *("--measure", "cold", "peer", "check", "dirty"),
            *("--workdir", str(tmp_path), "--json", str(out), "--timeout", "120"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    (measured,) = json.loads(out.read_text())
    for site in ("floor", "samepages", "ours", "peer"):
        (run,) = measured["cold"][site]
        assert run["wall"] > 0
        assert run["peak_mib"] > 0
        assert (tmp_path / "30" / site / "site" / "index.html").exists()
    pages = measured["pages"]
    assert (
        abs(pages["samepages"]["pages"] - pages["ours"]["pages"]) <= 0.02 * pages["ours"]["pages"]
    )
    assert pages["floor"]["pages"] < pages["ours"]["pages"]
    (check,) = measured["check"]
    assert check > 0
    sessions = {session["site"]: session for session in measured["dirty"]}
    assert set(sessions) == {"floor", "ours"}
    for site, session in sessions.items():
        assert [edit["kind"] for edit in session["edits"]] == ["edit", "add", "delete", "draft"]
        edit, add, delete, draft = session["edits"]
        assert edit["http"] > 0
        assert add["http"] > 0
        # MkDocs' dirty build leaves a deleted page in place; the plugin removes its reviews'.
        assert delete["stale_page"] is (site == "floor")
        assert (draft["http"] is None) == (site == "floor")  # the floor has no drafts
        assert all(e["log_build"] > 0 for e in session["edits"])
        assert any("Reloading browsers" in line for _, line in edit["log"])
        assert all(
            isinstance(e["listing_fresh"], bool) == (site == "ours") for e in session["edits"]
        )
    # Every file the edits touched is back as it was.
    fresh = corpus.write(30, tmp_path / "fresh") / "docs/reviews"
    served = tmp_path / "30/docs/reviews"
    assert sorted(p.name for p in served.iterdir()) == sorted(p.name for p in fresh.iterdir())
    assert all((served / p.name).read_text() == p.read_text() for p in fresh.iterdir())
    assert "### Targets" in result.stdout
    assert "| 30 | edit | ours |" in result.stdout
