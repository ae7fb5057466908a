"""The charts of the index pages, in real builds: what they draw and what they say."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import BuildSite, review

SECRET = "QX-CHART-DRAFT-7731"  # noqa: S105 - a marker, not a password
XSS = "<script>alert(1)</script>"
SITE = {
    "index.md": "# Home\n",
    "reviews/a.md": review("A", category="Machine Learning", institution="MIT", date="2019"),
    "reviews/b.md": review("B", category="Machine Learning", institution="MIT", date="2022"),
    "reviews/c.md": review("C", category="[Machine Learning, Web]", institution="Udemy"),
    "reviews/d.md": review("D", category="Web", institution=f'"{XSS}"', date="2022"),
    "reviews/e.md": review("E", category='"Art & <Design>"', institution="Udemy", date="2022"),
    "reviews/f.md": review(
        f"F {SECRET}",
        category=f'"{SECRET}"',
        institution=f'"{SECRET} U"',
        date="2010",
        extra="draft: true\n",
    ),
    "reviews/g.md": review("G", category="Web", institution="MIT", date="sometime"),
}


def chart_of(soup: BeautifulSoup) -> Tag:
    chart = soup.select_one(".course-review-chart svg")
    assert chart is not None
    return chart


def drawn(chart: Tag) -> list[tuple[str, str]]:
    """The (name, count) written in a bar chart, row by row."""
    rows = []
    for label in chart.select("text.course-review-chart-label"):
        count = label.select_one(".course-review-chart-count")
        assert count is not None
        rows.append((label.contents[0].get_text(), count.get_text()))
    return rows


def widths(chart: Tag) -> list[float]:
    return [float(rect["width"].removesuffix("%")) for rect in chart.select("rect")]


@pytest.fixture(scope="module")
def site(build_site_module: BuildSite) -> object:
    return build_site_module(SITE)


def test_categories_as_bars_largest_first(site: object) -> None:
    soup = site.html("categories/index.html")  # type: ignore[attr-defined]
    chart = chart_of(soup)
    assert chart["role"] == "img"
    assert chart["aria-label"] == (
        "Reviews per category: Machine Learning 3, Web 2, Art & <Design> 1"
    )
    assert drawn(chart) == [("Machine Learning", "3"), ("Web", "2"), ("Art & <Design>", "1")]
    assert widths(chart) == pytest.approx([100, 66.667, 33.333], abs=0.01)
    # The numbers are text too, in the list of categories that links to each.
    entries = [
        " ".join(li.get_text(" ", strip=True).split())
        for li in soup.select(".course-review-overview-entry")
    ]
    assert entries == ["Art & <Design> 1 review", "Machine Learning 3 reviews", "Web 2 reviews"]


def test_names_are_text_in_the_svg_never_markup(site: object) -> None:
    raw = (site.site_dir / "institutions/index.html").read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert XSS not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    chart = chart_of(site.html("institutions/index.html"))  # type: ignore[attr-defined]
    assert chart["aria-label"] == f"Reviews per institution: MIT 2, Udemy 2, {XSS} 1"
    assert not chart.select("script")


def test_years_as_a_timeline_with_the_gaps_at_zero(site: object) -> None:
    chart = chart_of(site.html("years/index.html"))  # type: ignore[attr-defined]
    assert chart["aria-label"] == (
        "Reviews per year: 2019 1, 2020 0, 2021 0, 2022 3, 2023 0, 2024 0, 2025 1"
    )
    years = [t.get_text() for t in chart.select("text.course-review-chart-label")]
    assert years == ["2019", "2020", "2021", "2022", "2023", "2024", "2025"]
    counts = [t.get_text() for t in chart.select("text.course-review-chart-count")]
    assert counts == ["1", "0", "0", "3", "0", "0", "1"]
    # A column for each year with reviews; the tallest is the year with the most.
    heights = [float(rect["height"].removesuffix("em")) for rect in chart.select("rect")]
    assert len(heights) == 3
    assert heights[1] == max(heights)
    assert heights[0] == pytest.approx(heights[1] / 3)


def test_drafts_and_withheld_reviews_are_in_no_chart(site: object) -> None:
    for path in ("categories/index.html", "institutions/index.html", "years/index.html"):
        text = (site.site_dir / path).read_text(encoding="utf-8")  # type: ignore[attr-defined]
        assert SECRET not in text
        assert "2010" not in text
        assert "sometime" not in text


def test_an_index_with_more_names_than_bars(build_site: BuildSite) -> None:
    files = {f"reviews/r{n}.md": review(f"R{n}", institution=f"School {n:02d}") for n in range(18)}
    chart = chart_of(build_site(files).html("institutions/index.html"))
    assert len(chart.select("rect")) == 15
    assert chart["aria-label"].endswith(", School 14 1, and 3 more")
    more = chart.select_one(".course-review-chart-more")
    assert more is not None
    assert more.get_text() == "and 3 more"


@pytest.mark.parametrize(
    "theme", ["mkdocs", "readthedocs", {"name": "material", "font": False}], ids=str
)
def test_every_theme_draws_the_charts_with_units(build_site: BuildSite, theme: object) -> None:
    site = build_site(SITE, theme=theme)
    for path in ("categories/index.html", "institutions/index.html", "years/index.html"):
        chart = chart_of(site.html(path))
        assert chart["width"] == "100%"
        assert re.fullmatch(r"\d+(\.\d+)?em", chart["height"])
        for rect in chart.select("rect"):
            assert rect["width"].endswith("%")
            assert rect["height"].endswith("em")
    css = next(site.site_dir.rglob("course-reviews*.css")).read_text(encoding="utf-8")
    assert ".course-review-chart-bar" in css


def test_no_chart_without_reviews(build_site: BuildSite) -> None:
    site = build_site({"index.md": "# Home\n", "categories/index.md": "# Topics\n"})
    soup = site.html("categories/index.html")
    assert soup.select_one(".course-review-chart") is None
    assert soup.select_one(".course-review-empty") is not None


def test_drafts_are_in_no_chart_in_serve_either(build_site: BuildSite) -> None:
    site = build_site(SITE, serve=True)
    assert site.exists("reviews/f/index.html")  # previewed, with its DRAFT marker
    for path in ("categories/index.html", "institutions/index.html", "years/index.html"):
        chart = chart_of(site.html(path))
        assert SECRET not in chart["aria-label"]
        assert SECRET not in chart.get_text()
    years = chart_of(site.html("years/index.html"))
    assert years["aria-label"].startswith("Reviews per year: 2019 1, ")
