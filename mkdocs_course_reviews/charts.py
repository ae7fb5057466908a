"""The geometry of the charts: where each bar goes, computed once, drawn by templates as SVG.

Lengths across the chart are percentages of its width, so a chart fills any screen, and
lengths down it are `em`s of its text, so its text keeps the page's size on a phone and on a
desktop alike (a scaled `viewBox` would shrink the text with the screen). Templates add the
units: `x="{{ bar.x }}%"`, `y="{{ bar.y }}em"`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mkdocs_course_reviews.dates import EARLIEST_YEAR

MAX_BARS = 15
"""Bars in a chart of categories or institutions; the rest are counted as "and 12 more"."""
MAX_NAME_LENGTH = 36
"""Characters of a name drawn beside its bar (about a phone's width); longer ones are cut.
The full names are in the chart's description and in the list under it."""
MAX_COLUMN_LABELS = 8
"""Years labelled under a timeline: about what fits a phone's width."""

# Bars: a row is the name and count on one line, the bar under it (in em).
_ROW = 2.7
_NAME_BASELINE = 1.1
_BAR_TOP = 1.45
_BAR_HEIGHT = 0.85
# Columns: counts above the plot, the plot, the years under it (in em).
_TOP = 1.4
_PLOT = 6.0
_YEAR_BASELINE = 1.3
_BOTTOM = 1.9
_COUNT_GAP = 0.35
_COLUMN_SHARE = 0.6
"""Of its slot, the width a column takes; the rest is the gap between columns."""
_MAX_COLUMN_WIDTH = 12.0
"""In percent: one or two years make narrow columns, not slabs."""
_SIDE = 5.0
"""In percent, left and right of the columns: room for half a year's label on a phone."""
# Sparkline: columns of one unit with a gap, in a viewBox stretched to its box (no text).
_SPARK_SLOT = 3
_SPARK_COLUMN = 2
_SPARK_HEIGHT = 10
_SPARK_EM_PER_YEAR = 0.45
_SPARK_MIN_EM = 2.5
_SPARK_MAX_EM = 8.0


@dataclass(frozen=True)
class Bar:
    """One name's bar in a horizontal bar chart: the name and count, then the bar."""

    name: str
    """The name as drawn: cut to `MAX_NAME_LENGTH` characters."""
    full_name: str
    count: int
    x: float
    """Left edge, in percent of the chart's width."""
    y: float
    """Top edge, in em."""
    width: float
    """In percent of the chart's width: the largest count fills it."""
    height: float
    """In em."""
    text_y: float
    """The baseline of the name and count, in em."""


@dataclass(frozen=True)
class BarChart:
    """Names by their number of reviews, largest first, as horizontal bars."""

    bars: tuple[Bar, ...]
    more: int
    """Names left out after `MAX_BARS`."""
    more_y: float
    """The baseline of the line saying how many were left out, in em."""
    height: float
    """In em."""

    @property
    def spoken(self) -> list[tuple[str, int]]:
        """(name, count) of every bar, for the chart's description."""
        return [(bar.full_name, bar.count) for bar in self.bars]


@dataclass(frozen=True)
class Column:
    """One year's column in a timeline."""

    name: str
    count: int
    x: float
    """Left edge, in percent of the chart's width."""
    y: float
    """Top edge, in em (the plot's bottom for a year without reviews)."""
    width: float
    """In percent of the chart's width."""
    height: float
    """In em; 0 for a year without reviews."""
    middle: float
    """The column's centre, in percent: where its count and year are written."""
    count_y: float
    """The baseline of its count, just above it, in em."""
    labelled: bool
    """Whether its year and count are written: on a crowded timeline, every few years."""


@dataclass(frozen=True)
class Timeline:
    """Reviews per year, oldest to newest, a column per year, years without reviews at 0."""

    columns: tuple[Column, ...]
    baseline: float
    """The plot's bottom, in em."""
    year_y: float
    """The baseline of the years, in em."""
    height: float
    """In em."""

    @property
    def spoken(self) -> list[tuple[str, int]]:
        """(year, count) of every column, for the chart's description."""
        return [(column.name, column.count) for column in self.columns]


@dataclass(frozen=True)
class Spark:
    """One year's column in a sparkline, in its viewBox's units."""

    name: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Sparkline:
    """A small timeline with no text, to sit in a line of text: reviews per year."""

    columns: tuple[Spark, ...]
    view_width: float
    view_height: float
    width: float
    """The width it is drawn at, in em."""

    @property
    def spoken(self) -> list[tuple[str, int]]:
        """(year, count) of every column, for the chart's description."""
        return [(column.name, column.count) for column in self.columns]


def _cut(name: str) -> str:
    if len(name) <= MAX_NAME_LENGTH:
        return name
    return name[: MAX_NAME_LENGTH - 1].rstrip() + "…"


def bar_chart(counts: Iterable[tuple[str, int]]) -> BarChart:
    """Bars of (name, count), largest first (ties by name), at most `MAX_BARS` of them."""
    ordered = sorted(counts, key=lambda item: (-item[1], item[0].casefold(), item[0]))
    shown = ordered[:MAX_BARS]
    largest = max((count for _, count in shown), default=0)
    bars = tuple(
        Bar(
            name=_cut(name),
            full_name=name,
            count=count,
            x=0.0,
            y=round(row * _ROW + _BAR_TOP, 3),
            width=round(count / largest * 100, 3) if largest else 0.0,
            height=_BAR_HEIGHT,
            text_y=round(row * _ROW + _NAME_BASELINE, 3),
        )
        for row, (name, count) in enumerate(shown)
    )
    more = len(ordered) - len(shown)
    rows = len(bars) + (1 if more else 0)
    more_y = round(len(bars) * _ROW + _NAME_BASELINE, 3)
    return BarChart(bars, more, more_y, round(rows * _ROW, 3))


def years_with_gaps(counts: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """(year, count) for every year from the oldest to the newest given, 0 for the gaps.

    Years before `EARLIEST_YEAR` (typos, warned of) are left out: not thousands of empty years.
    """
    by_year: dict[int, int] = {}
    for year, count in counts:
        if year >= EARLIEST_YEAR:
            by_year[year] = by_year.get(year, 0) + count
    if not by_year:
        return []
    return [(year, by_year.get(year, 0)) for year in range(min(by_year), max(by_year) + 1)]


def _labelled(index: int, total: int) -> bool:
    """Every few columns on a crowded timeline, counted back from the newest (always shown)."""
    step = math.ceil(total / MAX_COLUMN_LABELS)
    return (total - 1 - index) % step == 0


def timeline(counts: Iterable[tuple[int, int]]) -> Timeline:
    """A column per year from the oldest to the newest of (year, count), gaps at 0."""
    years = years_with_gaps(counts)
    largest = max((count for _, count in years), default=0)
    slot = (100 - 2 * _SIDE) / max(len(years), 1)
    width = min(slot * _COLUMN_SHARE, _MAX_COLUMN_WIDTH)
    baseline = _TOP + _PLOT
    columns = []
    for index, (year, count) in enumerate(years):
        height = round(count / largest * _PLOT, 3) if largest else 0.0
        left = _SIDE + index * slot + (slot - width) / 2
        columns.append(
            Column(
                name=f"{year:04d}",
                count=count,
                x=round(left, 3),
                y=round(baseline - height, 3),
                width=round(width, 3),
                height=height,
                middle=round(left + width / 2, 3),
                count_y=round(baseline - height - _COUNT_GAP, 3),
                labelled=_labelled(index, len(years)),
            )
        )
    return Timeline(
        tuple(columns),
        baseline=baseline,
        year_y=round(baseline + _YEAR_BASELINE, 3),
        height=round(baseline + _BOTTOM, 3),
    )


def sparkline(counts: Iterable[tuple[int, int]]) -> Sparkline:
    """A small column per year from the oldest to the newest of (year, count), gaps at 0."""
    years = years_with_gaps(counts)
    largest = max((count for _, count in years), default=0)
    columns = []
    for index, (year, count) in enumerate(years):
        # A year with reviews is never drawn flat: at least a tenth of the height.
        height = max(count / largest * _SPARK_HEIGHT, 1.0) if count else 0.0
        columns.append(
            Spark(
                name=f"{year:04d}",
                count=count,
                x=index * _SPARK_SLOT,
                y=round(_SPARK_HEIGHT - height, 3),
                width=_SPARK_COLUMN,
                height=round(height, 3),
            )
        )
    view_width = max(len(years) * _SPARK_SLOT - (_SPARK_SLOT - _SPARK_COLUMN), 1)
    width = min(max(len(years) * _SPARK_EM_PER_YEAR, _SPARK_MIN_EM), _SPARK_MAX_EM)
    return Sparkline(tuple(columns), view_width, _SPARK_HEIGHT, round(width, 3))


def describe(title: str, spoken: Sequence[tuple[str, str]], more: str | None = None) -> str:
    """What a chart shows, in words: "Reviews per category: Machine Learning 5, Web 3"."""
    parts = [f"{name} {count}" for name, count in spoken]
    if more:
        parts.append(more)
    return f"{title}: {', '.join(parts)}" if parts else title
