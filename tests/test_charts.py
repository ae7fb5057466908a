"""The charts' geometry, without MkDocs: widths in percent of the chart, heights in em."""

from __future__ import annotations

import itertools

import pytest

from mkdocs_course_reviews.charts import (
    MAX_BARS,
    MAX_COLUMN_LABELS,
    MAX_NAME_LENGTH,
    bar_chart,
    describe,
    sparkline,
    timeline,
    years_with_gaps,
)


def test_bars_largest_first_ties_by_name_and_proportional() -> None:
    chart = bar_chart([("Web", 3), ("art", 1), ("Machine Learning", 6), ("Data", 3)])
    assert [(bar.name, bar.count) for bar in chart.bars] == [
        ("Machine Learning", 6),
        ("Data", 3),
        ("Web", 3),
        ("art", 1),
    ]
    # The largest fills the width; the others in proportion (3/6, 1/6).
    assert [bar.width for bar in chart.bars] == [100.0, 50.0, 50.0, pytest.approx(16.667)]
    assert all(bar.x == 0 for bar in chart.bars)
    assert chart.more == 0


def test_bars_are_stacked_rows_that_never_overlap() -> None:
    chart = bar_chart([(f"Name {n}", n) for n in range(1, 6)])
    rows = list(chart.bars)
    for bar in rows:
        assert bar.text_y < bar.y  # the name and count above the bar
        assert bar.height > 0
    for upper, lower in itertools.pairwise(rows):
        assert upper.y + upper.height < lower.text_y - 0.5  # a gap of half a line, at least
    assert rows[-1].y + rows[-1].height <= chart.height


def test_too_many_bars_are_counted_not_drawn() -> None:
    counts = [(f"Institution {n:02d}", 100 - n) for n in range(MAX_BARS + 7)]
    chart = bar_chart(counts)
    assert len(chart.bars) == MAX_BARS
    assert chart.more == 7
    assert chart.bars[-1].full_name == f"Institution {MAX_BARS - 1:02d}"
    # The line saying "and 7 more" has a row of its own, below the last bar.
    assert chart.more_y > chart.bars[-1].y + chart.bars[-1].height
    assert chart.more_y < chart.height


def test_long_names_are_cut_and_kept_whole_for_the_description() -> None:
    name = "The University of Somewhere With A Very Long Name Indeed"
    (bar,) = bar_chart([(name, 2)]).bars
    # Cut at the limit, without the space the cut would leave before the ellipsis.
    assert bar.name == "The University of Somewhere With A…"
    assert len(name[: MAX_NAME_LENGTH - 1]) == len("The University of Somewhere With A ")
    assert bar.full_name == name
    (short,) = bar_chart([("x" * MAX_NAME_LENGTH, 1)]).bars
    assert short.name == "x" * MAX_NAME_LENGTH


def test_an_empty_chart() -> None:
    chart = bar_chart([])
    assert chart.bars == ()
    assert chart.height == 0
    assert timeline([]).columns == ()
    assert sparkline([]).columns == ()


def test_years_with_gaps_run_from_oldest_to_newest() -> None:
    assert years_with_gaps([(2024, 2), (2019, 1), (2021, 3)]) == [
        (2019, 1),
        (2020, 0),
        (2021, 3),
        (2022, 0),
        (2023, 0),
        (2024, 2),
    ]
    assert years_with_gaps([(2020, 1), (2020, 2)]) == [(2020, 3)]
    assert years_with_gaps([]) == []


def test_timeline_columns_oldest_to_newest_heights_in_proportion() -> None:
    chart = timeline([(2023, 4), (2021, 2)])
    assert [(c.name, c.count) for c in chart.columns] == [("2021", 2), ("2022", 0), ("2023", 4)]
    first, gap, last = chart.columns
    assert last.height == pytest.approx(2 * first.height)
    assert gap.height == 0
    # Every column stands on the baseline, and they go left to right without overlapping.
    for column in chart.columns:
        assert column.y + column.height == pytest.approx(chart.baseline)
        assert column.x <= column.middle <= column.x + column.width
        assert column.count_y < column.y
    assert first.x + first.width < gap.x < gap.x + gap.width < last.x
    assert last.x + last.width <= 100
    assert chart.baseline < chart.year_y < chart.height


def test_a_single_year_is_a_narrow_column_in_the_middle() -> None:
    (column,) = timeline([(2025, 3)]).columns
    assert column.width <= 12
    assert column.middle == pytest.approx(50)


def test_a_long_timeline_labels_every_few_years_always_the_newest() -> None:
    chart = timeline([(1995, 1), (2024, 1)])
    labelled = [c.name for c in chart.columns if c.labelled]
    assert len(chart.columns) == 30
    assert len(labelled) <= MAX_COLUMN_LABELS
    assert labelled[-1] == "2024"
    assert labelled == ["1996", "2000", "2004", "2008", "2012", "2016", "2020", "2024"]
    short = timeline([(2020, 1), (2024, 1)])
    assert all(c.labelled for c in short.columns)


def test_sparkline_columns_within_the_view_and_never_flat_when_counted() -> None:
    spark = sparkline([(2019, 1), (2021, 40)])
    assert [(c.name, c.count) for c in spark.columns] == [("2019", 1), ("2020", 0), ("2021", 40)]
    small, gap, large = spark.columns
    assert large.height == spark.view_height
    assert large.y == 0
    assert small.height > 0  # 1 of 40 would be a sliver; it still shows
    assert gap.height == 0
    for column in spark.columns:
        assert 0 <= column.x < column.x + column.width <= spark.view_width
        assert column.y + column.height == pytest.approx(spark.view_height)
    assert spark.width > 0


def test_describe() -> None:
    spoken = [("Machine Learning", "5"), ("Web", "3")]
    assert describe("Reviews per category", spoken) == (
        "Reviews per category: Machine Learning 5, Web 3"
    )
    assert describe("Reviews per category", spoken, "and 2 more") == (
        "Reviews per category: Machine Learning 5, Web 3, and 2 more"
    )
    assert describe("Reviews per year", []) == "Reviews per year"


def test_years_before_1900_are_left_out_of_timelines() -> None:
    # "June 0025" is a typo, warned of: not 2,000 empty columns.
    assert years_with_gaps([(25, 1), (2024, 1), (2025, 2)]) == [(2024, 1), (2025, 2)]
    assert years_with_gaps([(1899, 1)]) == []
