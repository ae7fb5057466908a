"""The benchmark runs, small, so that it never rots. No timing is asserted."""

from __future__ import annotations

import datetime
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from mkdocs.config.config_options import PathSpec

from tests.conftest import build_in_process

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
samepages = load_module("samepages")
edit_loop = load_module("edit_loop")
FORMS = {
    "year": r"\d{4}",
    "year-month": r"\d{4}-\d{2}",
    "month year": r"[A-Z][a-z]+ \d{4}",
    "day month year": r"\d{1,2} [A-Z][a-z]+ \d{4}",
    "month day, year": r"[A-Z][a-z]+ \d{1,2}, \d{4}",
}


@pytest.fixture(scope="module")
def corpus_200(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of 200 reviews, ours built once, and the same-pages floor derived from it."""
    root: Path = corpus.write(200, tmp_path_factory.mktemp("corpus"))
    return root


@pytest.fixture(scope="module")
def floor_200(corpus_200: Path) -> Path:
    """The same-pages floor of `corpus_200`, built; its site folder."""
    build_in_process(corpus_200 / "samepages/mkdocs.yml")
    return corpus_200 / "samepages/site"


def test_corpus_is_what_the_benchmark_promises(corpus_200: Path) -> None:
    root = corpus_200
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
            assert date <= corpus.LAST_DATE
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
    assert len(set(re.findall(r'href="(course-\d{5})/"', everything))) == 200 - drafts


def test_same_pages_floor_builds_ours_pages_with_ours_articles(
    corpus_200: Path, floor_200: Path
) -> None:
    ours = corpus_200 / "ours/site"
    assert samepages.mismatches(ours, corpus_200 / "docs", floor_200) == []
    generated = [
        page for page in samepages.built_pages(ours) if page.source_in(corpus_200 / "docs") is None
    ]
    # Every kind of page the plugin generates by default is there: overviews, their indexes,
    # year pages, the page of all reviews; and a group's later pages.
    urls = {page.url for page in generated}
    for url in ("reviews/", "categories/", "institutions/", "years/", "categories/design/"):
        assert url in urls
    assert any("/page/2/" in url for url in urls)
    # Of about the same size: only what ours puts around the article (its stylesheet, the site
    # name) differs.
    for page in generated:
        floor_page = floor_200 / page.path.relative_to(ours)
        assert abs(floor_page.stat().st_size - page.path.stat().st_size) < 200, page.url
    # Kept out of search, as ours keeps them.
    index = json.loads((floor_200 / "search/search_index.json").read_text())
    assert not urls & {document["location"].split("#")[0] for document in index["docs"]}


def test_same_pages_floor_check_fails_when_the_floor_stops_matching(
    corpus_200: Path, floor_200: Path, tmp_path: Path
) -> None:
    ours = corpus_200 / "ours/site"
    floor = tmp_path / "site"
    shutil.copytree(floor_200, floor)
    listing = floor / "categories/design/index.html"
    before, article = listing.read_text().split("md-content__inner", 1)
    listing.write_text(before + "md-content__inner" + article.replace("Course ", "Curse ", 1))
    shutil.rmtree(floor / "years" / min(p.name for p in (floor / "years").iterdir()))
    home = floor / "index.html"
    home.write_text(home.read_text().replace("    Institutions\n", "    Schools\n", 1))
    found = samepages.mismatches(ours, corpus_200 / "docs", floor)
    assert "categories/design/: the floor's article differs from ours" in found
    assert any(line.startswith("only ours built years/") for line in found)
    assert any(line.startswith("the navigation differs") for line in found)


def test_article_blocks_give_the_same_html_through_markdown() -> None:
    article = (
        '<nav class="way"><a href="../">&#8592; Back</a></nav><h1 class="t">Web &amp; C++</h1>'
        "<!-- generated --><ul>\n  <li><a href='x/'>X</a></li>\n\n  <li>Y</li>\n</ul>\n"
        '<div><svg><rect x="0"/></svg></div><hr><form hidden><input name="q"></form>'
    )
    page = f'<html><body><article class="md-content__inner md-typeset">{article}</article></body>'
    blocks = samepages.article_blocks(page)
    assert blocks[:3] == [
        '<nav class="way"><a href="../">&#8592; Back</a></nav>',
        '<h1 class="t">Web &amp; C++</h1>',
        "<!-- generated -->",
    ]
    assert len(blocks) == 7
    html = markdown.markdown(samepages.article_markdown(blocks))
    rendered = f'<article class="md-content__inner">{html}</article>'
    assert samepages.article_blocks(rendered) == blocks
    with pytest.raises(ValueError, match="text directly inside"):
        samepages.article_blocks('<article class="md-content__inner">loose <b>text</b></article>')


@pytest.mark.parametrize(
    ("sources", "in_nav"),
    [
        (
            [
                "index.md",
                "reviews/index.md",
                "reviews/a.md",
                "categories/index.md",
                "categories/web/index.md",
                "categories/web/page/2/index.md",
            ],
            {"index.md", "reviews/index.md", "categories/index.md"},
        ),
        (
            ["index.md", "about.md", "a/b/index.md", "a/c.md", "d/e.md"],
            {"index.md", "a/b/index.md"},
        ),
        (["index.md", "x/y/z.md"], set()),
    ],
)
def test_same_pages_floor_keeps_out_of_the_nav_all_but_its_pages(
    sources: list[str], in_nav: set[str]
) -> None:
    lines = samepages.not_in_nav_lines(sources, in_nav)
    spec = PathSpec().validate("".join(f"{line}\n" for line in lines))
    assert {source for source in sources if not spec.match_file(source)} == in_nav
    assert len(lines) <= 2 * len(in_nav) + 3  # a few patterns, not one a page


def test_edits_are_chosen_from_what_ours_lists(corpus_200: Path) -> None:
    categories = edit_loop.read_categories(corpus_200 / "ours/site", corpus_200 / "docs")
    assert len(categories) == len(corpus.CATEGORIES)
    by_name = {category.name: category for category in categories}
    design = by_name["Design"]
    assert design.url == "categories/design/"
    listed = [review for page in design.pages for review in page]
    assert all("Design" in review.categories for review in listed)
    assert len(listed) == len(set(listed))
    assert all(len(page) == 20 for page in design.pages[:-1])  # the plugin's `per_page`
    # Each published review is listed under each of its categories, once.
    published = [
        yaml.safe_load(path.read_text().split("---\n", 2)[1])
        for path in (corpus_200 / "docs/reviews").glob("*.md")
    ]
    assert sum(len(page) for category in categories for page in category.pages) == sum(
        len(front["category"]) if isinstance(front["category"], list) else 1
        for front in published
        if not front["draft"]
    )
    for session in range(3):
        targets = edit_loop.choose_targets(categories, session)
        edited, deleted, drafted = targets.edit[0], targets.delete[0], targets.draft[0]
        assert len({edited, deleted, drafted}) == 3
        assert edited == targets.edit[1].pages[-1][-1]  # the oldest: the edit moves it up
        assert deleted in targets.delete[1].pages[0]
        assert drafted in targets.draft[1].pages[0]
        assert targets.newest > corpus.LAST_DATE


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
    assert pages["samepages"]["pages"] == pages["ours"]["pages"]
    assert measured["floor_mismatches"] == []
    # The floor lacks only what ours adds to each review's page (its card, structured data).
    assert 0.8 * pages["ours"]["mib"] < pages["samepages"]["mib"] <= pages["ours"]["mib"]
    assert pages["floor"]["pages"] < pages["ours"]["pages"]
    assert "built ours' pages, articles and nav" in result.stdout
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
