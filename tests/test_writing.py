"""The one writer of review files: what it writes is what MkDocs strips and the build takes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from mkdocs_course_reviews.collection import Collection
from mkdocs_course_reviews.writing import ReviewWriter, WriteRefused, review_path, review_text

texts = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(title=texts, extra=st.dictionaries(texts, texts, max_size=3), body=texts)
# A last value of white space that python-frontmatter's strip would take (found by hypothesis).
@example(title="", extra={"": "\xa0"}, body="")
@example(title="x ", extra={"k": "\u2028"}, body="")
def test_mkdocs_strips_exactly_the_front_matter(
    title: str, extra: dict[str, str], body: str
) -> None:
    front_matter = {"title": title, "draft": True, "imported": extra}
    text = review_text(front_matter, body)
    # MkDocs' own reader, the oracle: it must find every field, and the body after them.
    body_seen, meta = get_data(text)
    assert meta == front_matter
    assert body_seen.strip() == body.strip()
    assert text.endswith("\n")


def test_an_empty_body_still_ends_its_front_matter() -> None:
    text = review_text({"title": "X"}, "")
    assert text == "---\ntitle: X\n---\n"
    assert get_data(text) == ("", {"title": "X"})


def writer(tmp_path: Path) -> ReviewWriter:
    return ReviewWriter(tmp_path, "reviews", Collection(), lambda _src_uri: {})


FULL = {"title": "A", "category": "Web", "institution": "MIT", "date": "2024", "draft": True}


def test_the_writer_refuses_what_check_would_report(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused) as refused:
        writer(tmp_path).plan({**FULL, "date": "999"}, "")
    assert refused.value.reasons == [
        'date "999" is not a date; write it like "June 2025" or 2025-06-14'
    ]
    with pytest.raises(WriteRefused) as refused:
        writer(tmp_path).plan({**FULL, "url": "javascript:x"}, "")
    assert "url" in refused.value.reasons[0]
    with pytest.raises(WriteRefused) as refused:
        writer(tmp_path).plan({"title": "A", "draft": True}, "")
    assert refused.value.missing == ("institution", "category", "date")
    assert not (tmp_path / "reviews").exists()


def test_the_writer_never_overwrites(tmp_path: Path) -> None:
    first = writer(tmp_path)
    path = first.write(first.plan(FULL, "Mine.\n"))
    with pytest.raises(FileExistsError):
        writer(tmp_path).plan(FULL, "")
    planned = writer(tmp_path / "other").plan(FULL, "")
    path.write_text("changed")
    with pytest.raises(FileExistsError):
        ReviewWriter(path.parents[1], "reviews", Collection(), lambda _s: {}).write(planned)
    assert path.read_text() == "changed"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Index", "reviews/index-review.md"),
        ("README", "reviews/readme.md"),
        ("", "reviews/n-e3b0c442.md"),
    ],
)
def test_review_path(title: str, expected: str) -> None:
    assert review_path(title, "reviews") == expected
