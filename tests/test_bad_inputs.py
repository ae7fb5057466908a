"""Each row of the Troubleshooting table of the docs, in one real build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.bad_inputs import CASES, PWNED, SUPPORT, Case
from tests.conftest import BuildSite, Content, Site
from tests.project import docs_page

PREFIX = "mkdocs_course_reviews: "


@pytest.fixture(scope="module")
def site(build_site_module: BuildSite) -> Site:
    files: dict[str, Content] = {"index.md": "# Home\n", **SUPPORT}
    files.update({case.path: case.content for case in CASES})
    return build_site_module(files)


def built_page(site: Site, path: str) -> Path:
    return site.site_dir / path.removesuffix(".md") / "index.html"


@pytest.mark.parametrize("case", CASES, ids=[case.what for case in CASES])
def test_message_and_fate(site: Site, case: Case) -> None:
    said = [w.removeprefix(PREFIX) for w in site.warnings if w.startswith(PREFIX + case.path + ":")]
    assert said == [f"{case.path}: {message}" for message in case.messages]
    assert built_page(site, case.path).exists() is (case.fate == "published")


@pytest.mark.parametrize("case", CASES, ids=[case.what for case in CASES])
def test_the_docs_list_it(case: Case) -> None:
    section = docs_page("troubleshooting.md")
    row = next((line for line in section.splitlines() if line.startswith(f"| {case.what} |")), None)
    assert row is not None, f"docs/troubleshooting.md has no row for {case.what!r}"
    for message in case.messages:
        assert f"`reviews/x.md: {message}`" in row
    assert row.rstrip().endswith(f"| {case.fate} |")


def test_yaml_tags_never_run(site: Site) -> None:
    assert not (Path.cwd() / PWNED).exists()
    assert not (site.docs_dir.parent / PWNED).exists()


def test_html_in_fields_is_text(site: Site) -> None:
    soup = site.html("reviews/html/index.html")
    assert soup.select("img[onerror]") == []
    assert soup.select(".course-review-card b, .course-review-card i") == []
    assert soup.select_one(".course-review-description").get_text() == '"><b>bold</b>'


def test_long_values_and_odd_file_names_build(site: Site) -> None:
    category_pages = [p.name for p in (site.site_dir / "categories").iterdir()]
    assert any(name.startswith("category-category-") and len(name) <= 80 for name in category_pages)
    assert (site.site_dir / "reviews/Mon cours préféré/index.html").exists()
    web = site.html("categories/web/index.html").get_text()
    assert "Mon cours préféré" in web
    assert "Nested" in web
    assert site.exists("categories/etc/index.html")


def test_the_strict_build_fails_on_them(build_site: BuildSite) -> None:
    from mkdocs.exceptions import Abort  # noqa: PLC0415

    with pytest.raises(Abort, match=r"Aborted with \d+ warnings in strict mode"):
        build_site({"index.md": "# Home\n", **{c.path: c.content for c in CASES}}, strict=True)


def test_no_traceback_in_the_log(site: Site) -> None:
    # A logged exception keeps its traceback in `exc_info`, not in the message.
    assert [r.getMessage() for r in site.records if r.exc_info is not None] == []
    assert [m for m in site.messages if re.search(r"Traceback|\w+Error\b", m)] == []
