import datetime
from pathlib import Path

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import markdown_extensions

from mkdocs_course_reviews.collection import (
    MARKDOWN_EXTENSIONS,
    Collection,
    Visibility,
    is_review_path,
)
from mkdocs_course_reviews.dates import ReviewDate
from mkdocs_course_reviews.schema import validate
from mkdocs_course_reviews.source import read_source

TODAY = datetime.date(2026, 11, 28)
GOOD = """\
---
title: "LLMs Mastery"
category: "Web"
institution: "Udemy"
date: "June 2025"
description: "A deep-dive"
url: "https://www.udemy.com/course/llms/"
draft: false
rating: 4.5
instructor: [Ann, Bob]
level: Beginner
tags: [ai, nlp]
certificate: https://example.com/cert/1
mood: happy
---

Body text.
"""


def check(text: str, **kwargs: object):
    return validate(read_source("reviews/x.md", text), today=TODAY, **kwargs)  # type: ignore[arg-type]


def messages(text: str, **kwargs: object) -> list[str]:
    return [str(p) for p in check(text, **kwargs).problems]


def test_a_complete_review() -> None:
    result = check(GOOD)
    assert result.problems == []
    assert result.publishable
    review = result.review
    assert review is not None
    assert review.title == "LLMs Mastery"
    assert review.categories == ("Web",)
    assert review.institution == "Udemy"
    assert review.date == ReviewDate(2025, 6)
    assert review.url == "https://www.udemy.com/course/llms/"
    assert review.rating == 4.5
    assert review.instructors == ("Ann", "Bob")
    assert review.tags == ("ai", "nlp")
    assert review.certificate == "https://example.com/cert/1"
    assert review.extra == {"mood": "happy"}
    assert not review.draft


def test_the_readme_example_is_valid() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    quick_start = readme[readme.index("## Quick start") :]
    example = quick_start.split("```markdown\n", 1)[1].split("```", 1)[0]
    result = check(example)
    assert result.problems == []
    assert result.review is not None
    assert result.review.title == "LLMs Mastery: Complete Guide to Transformers & Generative AI"
    assert str(result.review.date) == "June 2025"
    assert not result.review.draft


def test_categories_synonym_and_list() -> None:
    review = check(GOOD.replace('category: "Web"', "categories: [Web, AI, Web]")).review
    assert review is not None
    assert review.categories == ("Web", "AI")
    both = check(GOOD.replace('category: "Web"', "category: Web\ncategories: [AI, Web]")).review
    assert both is not None
    assert both.categories == ("Web", "AI")


def test_unparseable_date_names_file_field_value_and_fix() -> None:
    assert messages(GOOD.replace('"June 2025"', "sometime last summer")) == [
        (
            'reviews/x.md: date "sometime last summer" is not a date; '
            'write it like "June 2025" or 2025-06-14'
        )
    ]
    assert not check(GOOD.replace('"June 2025"', "sometime last summer")).publishable


@pytest.mark.parametrize("field", ["title", "category", "institution", "date"])
def test_each_missing_required_field(field: str) -> None:
    lines = [line for line in GOOD.splitlines() if not line.startswith(field + ":")]
    result = check("\n".join(lines))
    assert [str(p) for p in result.problems] == [
        f"reviews/x.md: {field} is missing; add a line '{field}: ...' to the front matter"
    ]
    assert not result.publishable


def test_required_fields_are_configurable() -> None:
    lines = [line for line in GOOD.splitlines() if not line.startswith("date:")]
    assert check("\n".join(lines), required=("title",)).publishable
    assert not check(GOOD.replace("level: Beginner\n", ""), required=("level",)).publishable


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        (
            'title: "LLMs Mastery"',
            "title: 1984",
            'title is 1984 (a number), not text; put it in quotes: title: "1984"',
        ),
        (
            'category: "Web"',
            "category: {a: b}",
            "category has a set of fields where a name belongs",
        ),
        ('institution: "Udemy"', "institution: [A, B]", "institution is a list, not text"),
        ('institution: "Udemy"', 'institution: "  "', "institution is empty"),
        ("rating: 4.5", "rating: 7", "rating 7 is out of range; write a number from 0 to 5"),
        ("rating: 4.5", "rating: great", 'rating "great" is not a number'),
        ("rating: 4.5", "rating: true", "rating true (a yes/no value) is not a number"),
        ("tags: [ai, nlp]", "tags: ai", 'tags is the text "ai", not a list; write tags: [ai]'),
    ],
)
def test_wrong_types_block_publication(replace: str, by: str, expected: str) -> None:
    result = check(GOOD.replace(replace, by))
    assert any(expected in str(p) for p in result.problems), result.problems
    assert not result.publishable


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,hi", "vbscript:x", "/relative/path", "ftp://x.org/"],
)
def test_dangerous_urls_are_dropped_with_a_warning(url: str) -> None:
    result = check(GOOD.replace('"https://www.udemy.com/course/llms/"', f'"{url}"'))
    assert result.review is not None
    assert result.review.url is None
    assert [p.field for p in result.problems] == ["url"]
    assert "so it is not linked; write it like https://example.com/course" in str(
        result.problems[0]
    )
    assert result.publishable  # the review is fine; only its link is withheld


def test_a_url_is_written_as_a_browser_writes_it() -> None:
    result = check(GOOD.replace("https://www.udemy.com/course/llms/", "https://bücher.de/a b"))
    assert result.problems == []
    assert result.review is not None
    assert result.review.url == "https://xn--bcher-kva.de/a%20b"


def test_a_refused_url_is_shown_whole_with_the_reason() -> None:
    url = "https://" + "a" * 100 + " b.example.com/course"
    (problem,) = check(GOOD.replace("https://www.udemy.com/course/llms/", url)).problems
    assert str(problem) == (
        f'reviews/x.md: url "{url}" has a space in its host, so it is not linked; '
        "write it like https://example.com/course"
    )


@pytest.mark.parametrize(
    ("value", "draft", "warned"),
    [
        ("true", True, False),
        ("false", False, False),
        ("yes", True, False),
        ('"No"', False, False),
        ('"ON"', True, False),
        ('"off"', False, False),
        ('"maybe"', True, True),
        ("1", True, True),
        # Empty: the author meant something; kept as a draft until they say which.
        ("", True, True),
        ("~", True, True),
    ],
)
def test_draft_values(value: str, draft: bool, warned: bool) -> None:
    result = check(GOOD.replace("draft: false", f"draft: {value}"))
    assert result.review is not None
    assert result.review.draft is draft
    assert bool(result.problems) is warned


@pytest.mark.parametrize("key", ["Draft", "DRAFT"])
def test_a_draft_in_other_letters_is_kept_a_draft(key: str) -> None:
    result = check(GOOD.replace("draft: false", f"{key}: true"))
    assert result.review is not None
    assert result.review.draft is True
    assert [p.field for p in result.problems] == [key]


def test_another_field_in_other_letters_is_a_warning() -> None:
    result = check(GOOD.replace("title:", "Title:"))
    messages = [str(p) for p in result.problems]
    assert "reviews/x.md: Title is not a field; write it in lower case: title" in messages


def test_future_date_is_a_warning_but_published() -> None:
    result = check(GOOD.replace('"June 2025"', '"June 2031"'))
    assert [str(p) for p in result.problems] == [
        'reviews/x.md: date "June 2031" is in the future; check the year'
    ]
    assert result.publishable


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "reviews/x.md: is empty"),
        ("   \n\n", "reviews/x.md: is empty"),
        ("Just a body.\n", "reviews/x.md: has no front matter"),
        ("---\ntitle: x\n", "reviews/x.md: has front matter that is never closed"),
        ("---\n- a\n- b\n---\nbody", "reviews/x.md: has front matter that is a list"),
        ("---\njust words\n---\nbody", "reviews/x.md: has front matter that is plain text"),
        (
            "---\ntitle: x\ndate: [\n---\nbody",
            "reviews/x.md: has invalid YAML front matter at line",
        ),
        (
            "---\ntitle: !!python/object/apply:os.system [echo hacked]\n---\n",
            "reviews/x.md: title has the YAML tag !!python/object/apply:os.system",
        ),
    ],
)
def test_unreadable_front_matter(text: str, expected: str) -> None:
    result = check(text)
    assert result.review is None
    assert not result.publishable
    assert len(result.problems) == 1
    assert str(result.problems[0]).startswith(expected), result.problems


def test_yaml_error_gives_the_line_in_the_file() -> None:
    text = '---\ntitle: "ok"\ncategory: Web\ninstitution: "Udemy\ndate: 2025\n---\n'
    (problem,) = check(text).problems
    assert problem.line is not None
    assert 4 <= problem.line <= 6
    assert f"at line {problem.line}" in problem.message


def test_field_problems_know_their_line() -> None:
    (problem,) = check(GOOD.replace('"June 2025"', "someday")).problems
    assert problem.line == 5
    assert problem.for_editors().startswith("reviews/x.md:5: date: ")


def test_bom_and_crlf_in_a_file(tmp_path: Path) -> None:
    # MkDocs reads a file with its BOM dropped and its line endings made '\n' (text mode).
    path = tmp_path / "x.md"
    path.write_bytes(("\ufeff" + GOOD.replace("\n", "\r\n")).encode())
    file = File("x.md", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
    result = check(file.content_string)
    assert result.problems == []
    assert result.review is not None
    assert result.review.title == "LLMs Mastery"


def test_crlf_that_mkdocs_does_not_strip_is_refused() -> None:
    # A plugin's generated page given as bytes keeps its '\r\n'; MkDocs renders it whole.
    (problem,) = check(GOOD.replace("\n", "\r\n")).problems
    assert "which MkDocs does not read as the start of front matter" in problem.message


@pytest.mark.parametrize(
    ("src_uri", "is_review"),
    [
        ("reviews/a.md", True),
        ("reviews/2024/b.md", True),
        ("reviews/x.markdown", True),
        ("reviews/x.mdown", True),
        ("reviews/x.mkdn", True),
        ("reviews/x.mkd", True),
        ("reviews/x.MD", True),
        ("reviews/x.Markdown", True),
        ("reviews/x.MKD", True),
        ("reviews/readme.md", True),
        ("reviews/Readme.md", True),
        ("reviews/Index.md", True),
        ("reviews/INDEX.MD", True),
        ("reviews/index-review.md", True),
        ("reviews/my index.md", True),
        ("reviews/index.md", False),
        ("reviews/index.markdown", False),
        ("reviews/index.MD", True),
        ("reviews/sub/README.Markdown", True),
        ("reviews/README.md", False),
        ("reviews/sub/README.md", False),
        ("reviews/sub/index.mdown", False),
        ("reviews/a.png", False),
        ("reviews/a.md.bak", False),
        ("reviews/a.txt", False),
        ("reviews/md", False),
        ("reviewsx/a.md", False),
        ("about.md", False),
        ("reviews.md", False),
    ],
)
def test_is_review_path(src_uri: str, is_review: bool) -> None:
    assert is_review_path(src_uri, "reviews") is is_review


def test_review_extensions_are_mkdocs_markdown_extensions() -> None:
    assert sorted(MARKDOWN_EXTENSIONS) == sorted(markdown_extensions)


@pytest.mark.parametrize("extension", markdown_extensions)
@pytest.mark.parametrize("stem", ["index", "README", "readme", "Index", "x"])
def test_a_markdown_page_is_a_review_unless_mkdocs_makes_it_an_index(
    stem: str, extension: str
) -> None:
    # MkDocs itself says which pages are a folder's index: `File.name` is "index" for them.
    file = File(f"reviews/{stem}{extension}", "/docs", "/site", use_directory_urls=True)
    assert file.is_documentation_page()
    assert is_review_path(file.src_uri, "reviews") is (file.name != "index")


def test_collection_visibility_and_order() -> None:
    collection = Collection(today=TODAY)
    collection.add(
        "reviews/old.md", GOOD.replace('"June 2025"', "2022-11-30").replace("LLMs Mastery", "Old")
    )
    collection.add(
        "reviews/may.md", GOOD.replace('"June 2025"', '"May 2025"').replace("LLMs Mastery", "May")
    )
    collection.add("reviews/june.md", GOOD.replace("LLMs Mastery", "June"))
    draft = collection.add("reviews/draft.md", GOOD.replace("draft: false", "draft: true"))
    broken = collection.add("reviews/broken.md", GOOD.replace('"June 2025"', "someday"))
    undecodable = collection.add_undecodable(
        "reviews/latin1.md", UnicodeDecodeError("utf-8", b"caf\xe9", 3, 4, "invalid")
    )
    assert draft.visibility is Visibility.DRAFT
    assert broken.visibility is Visibility.WITHHELD
    assert undecodable.visibility is Visibility.WITHHELD
    assert "is not UTF-8 text (byte 0xe9 at offset 3)" in str(undecodable.validation.problems[0])
    assert [r.title for r in collection.published] == ["June", "May", "Old"]
    assert len(collection) == 6


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ('"June 0025"', '"June 0025"'),
        ('"0999"', '"0999"'),
        ("999", '"999"'),
        ("1899-12-31", '"1899-12-31"'),
    ],
)
def test_a_year_before_any_course_is_a_warning(written: str, shown: str) -> None:
    text = GOOD.replace('date: "June 2025"', f"date: {written}")
    result = check(text)
    assert [str(p) for p in result.problems] == [
        f"reviews/x.md: date {shown} is before 1900; check the year"
    ]
    assert result.problems[0].line == 5
    assert result.publishable


def test_the_earliest_plausible_year_is_fine() -> None:
    assert messages(GOOD.replace('"June 2025"', '"January 1900"')) == []


@pytest.mark.parametrize("key", ["category", "categories", "instructor"])
def test_a_comma_in_one_name_is_a_warning(key: str) -> None:
    text = GOOD.replace('category: "Web"', f"{key}: Web, Machine Learning,")
    if key == "instructor":
        text = text.replace("instructor: [Ann, Bob]\n", "")
        text = text.replace("institution:", 'category: "Web"\ninstitution:')
    result = check(text)
    (problem,) = result.problems
    assert str(problem) == (
        f'reviews/x.md: {key} "Web, Machine Learning," is one name, with a comma in it; for '
        f"several, write a list: {key}: [Web, Machine Learning] (for one name with a comma, a "
        f'list of one: {key}: ["Web, Machine Learning,"])'
    )
    assert not problem.blocks_publication
    assert result.publishable


def test_a_list_of_one_name_with_a_comma_is_not_a_warning() -> None:
    result = check(GOOD.replace('category: "Web"', 'category: ["Arts, Culture"]'))
    assert result.problems == []
    assert result.review.categories == ("Arts, Culture",)
