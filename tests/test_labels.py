"""Labels: filling their placeholders once, in Python and in templates."""

from __future__ import annotations

import pytest

from mkdocs_course_reviews.labels import DEFAULT_LABELS, fill
from mkdocs_course_reviews.rendering import Renderer


@pytest.mark.parametrize(
    ("label", "values", "filled"),
    [
        ("Page {number} of {count}", {"number": 2, "count": 3}, "Page 2 of 3"),
        ("{rating} out of 5", {"rating": "4.5"}, "4.5 out of 5"),
        (
            "{name}, page {number}",
            {"name": "Top {count} tips", "number": 2},
            "Top {count} tips, page 2",
        ),
        ("{name}, page {number}", {"name": "{number} ways", "number": 2}, "{number} ways, page 2"),
        ("{name}, page {number}", {"name": "{name}", "number": 3}, "{name}, page 3"),
        ("{count} reviews", {"count": "{count}"}, "{count} reviews"),
        ("{name}{name}", {"name": "{name}"}, "{name}{name}"),
        ("{unknown} and {count}", {"count": 1}, "{unknown} and 1"),
        ("{ count } {count", {"count": 1}, "{ count } {count"),
        ("No placeholders", {"count": 1}, "No placeholders"),
        ("", {}, ""),
    ],
)
def test_fill(label: str, values: dict[str, object], filled: str) -> None:
    assert fill(label, **values) == filled


def test_fill_is_a_template_filter_and_its_result_is_escaped() -> None:
    env = Renderer().env
    template = env.from_string("{{ labels.page_title | fill(name=name, number=2) }}")
    assert template.render(name="<b>{number}</b>") == "&lt;b&gt;{number}&lt;/b&gt;, page 2"
    assert DEFAULT_LABELS["page_title"] == "{name}, page {number}"
