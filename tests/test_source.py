"""Loading front matter: every mistake is one message with its line, never a traceback."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from mkdocs.utils.meta import get_data

from mkdocs_course_reviews import source
from mkdocs_course_reviews.cli import main
from mkdocs_course_reviews.collection import Collection, Visibility
from mkdocs_course_reviews.source import read_source
from tests.bad_inputs import ALIAS_BOMB
from tests.conftest import BuildSite, Content, Link, review

FIELDS = "title: A Course\ncategory: Web\ninstitution: Udemy\n"  # lines 2 to 4 of the file


@dataclass(frozen=True)
class Bad:
    """Front matter that must be refused with one message, on the line that holds `at`."""

    what: str
    front_matter: str
    field: str | None
    says: str
    at: str

    @property
    def text(self) -> str:
        return f"---\n{self.front_matter}---\n\nBODY-{self.slug}-END\n"

    @property
    def slug(self) -> str:
        return "".join(c if c.isalnum() else "-" for c in self.what.lower())

    @property
    def line(self) -> int:
        """The line of the file that holds `at`, as an editor numbers it (line 1 is '---')."""
        lines = self.text.split("\n")
        return next(n for n, line in enumerate(lines, 1) if n > 1 and self.at in line)


BAD = (
    Bad(
        "an impossible date",
        FIELDS + "date: 2025-02-30\n",
        "date",
        "has 2025-02-30, which is not a date: day is out of range for month; "
        "write a real date, like 2025-06-14, or put it in quotes to keep it as text",
        "2025-02-30",
    ),
    Bad(
        "year 0000",
        FIELDS + "date: 0000-06-14\n",
        "date",
        "has 0000-06-14, which is not a date: year 0 is out of range",
        "0000",
    ),
    Bad(
        "hour 25",
        FIELDS + "date: 2025-01-01 25:00:00\n",
        "date",
        "has 2025-01-01 25:00:00, which is not a date: hour must be in 0..23",
        "25:00",
    ),
    Bad(
        "an offset of 25 hours",
        FIELDS + "date: 2025\nstarted: 2025-01-01 10:00:00+25:00\n",
        "started",
        "which is not a date: a time zone offset must be less than 24 hours",
        "+25:00",
    ),
    Bad(
        "a 5,000-digit number",
        FIELDS + "date: 2025\nrating: " + "9" * 5000 + "\n",
        "rating",
        "a number of 5,000 digits, too long to read; put it in quotes to keep it as text",
        "rating:",
    ),
    Bad(
        "!!int on text",
        FIELDS + 'date: 2025\nrating: !!int "abc"\n',
        "rating",
        'has !!int "abc", which is not a whole number; remove the tag !!int, or write a whole '
        "number, like 42",
        "!!int",
    ),
    Bad(
        "!!float on text",
        FIELDS + 'date: 2025\nrating: !!float "abc"\n',
        "rating",
        'has !!float "abc", which is not a number; remove the tag !!float',
        "!!float",
    ),
    Bad(
        "!!timestamp on text",
        FIELDS + 'date: !!timestamp "abc"\n',
        "date",
        'has !!timestamp "abc", which is not a date; remove the tag !!timestamp',
        "!!timestamp",
    ),
    Bad(
        "!!bool on maybe",
        FIELDS + 'date: 2025\ndraft: !!bool "maybe"\n',
        "draft",
        'has !!bool "maybe", which is not true or false; remove the tag !!bool, or write true '
        "or false",
        "!!bool",
    ),
    Bad(
        "a list that contains itself",
        FIELDS + "date: 2025\nloop: &x [*x]\n",
        "loop",
        "contains itself: the alias *x is inside the value of its own anchor, on line 6, so it "
        "has no end; write the values out instead",
        "loop:",
    ),
    Bad(
        "fields that contain themselves",
        FIELDS + "date: 2025\ntree: &t\n  child:\n    back: *t\n",
        "tree",
        "contains itself: the alias *t is inside the value of its own anchor, on line 6",
        "back: *t",
    ),
    Bad(
        "an alias bomb",
        FIELDS + "date: 2025\n" + ALIAS_BOMB,
        "e",
        "grows to more than 100,000 values through aliases (*name) repeating anchors (&name); "
        "write the values out instead of repeating aliases",
        "e: &e",
    ),
    Bad(
        "lists nested 60 deep",
        FIELDS + "date: 2025\ndeep: " + "[" * 60 + "]" * 60 + "\n",
        "deep",
        "nests lists or fields more than 50 levels deep; write it with fewer levels",
        "deep:",
    ),
    Bad(
        "an alias nesting lists 51 deep",
        FIELDS + "date: 2025\na: &a " + "[" * 45 + "]" * 45 + "\nb: [[[[[*a]]]]]\n",
        "b",
        "nests lists or fields more than 50 levels deep; write it with fewer levels",
        "b:",
    ),
    Bad(
        "a Python tag",
        FIELDS + "date: 2025\nevil: !!python/object/apply:os.system ['touch PWNED']\n",
        "evil",
        "has the YAML tag !!python/object/apply:os.system, which is not allowed; remove the tag",
        "evil:",
    ),
    Bad(
        "a tag of the author's own",
        FIELDS + "date: 2025\nodd: !thing value\n",
        "odd",
        "has the YAML tag !thing, which is not allowed",
        "odd:",
    ),
    Bad(
        "draft written twice",
        FIELDS + "draft: true\ndate: 2025\ndraft: false\n",
        "draft",
        "is written twice, on lines 5 and 7; keep the one you mean and delete the other",
        "draft: false",
    ),
    Bad(
        "a key written twice, once in quotes",
        FIELDS + 'date: 2025\n"draft": true\ndraft: false\n',
        "draft",
        "is written twice, on lines 6 and 7",
        "draft: false",
    ),
    Bad(
        "a key written twice inside a field",
        FIELDS + "date: 2025\ncard:\n  a: 1\n  a: 2\n",
        "card",
        'has the key "a" twice, on lines 7 and 8',
        "a: 2",
    ),
    Bad(
        "an impossible date inside a list",
        FIELDS + "date: 2025\ndates: [2024-01-01, 2025-02-30]\n",
        "dates",
        "has 2025-02-30, which is not a date: day is out of range for month",
        "dates:",
    ),
    Bad(
        "a list as a field name",
        FIELDS + "date: 2025\n? [a, b]\n: x\n",
        "a field",
        "is a list or a set of fields used as a field name; write a name before the colon",
        "? [a, b]",
    ),
    Bad(
        "a quote never closed",
        FIELDS + 'date: 2025\ndescription: "unclosed\n',
        None,
        "has invalid YAML front matter at line 7: found unexpected end of stream (while "
        "scanning a quoted scalar from line 6); check the quotes, colons and indentation",
        "---",
    ),
    Bad(
        "a colon too many",
        FIELDS + "date: 2025\nlevel: a: b\n",
        None,
        "mapping values are not allowed",
        "level:",
    ),
    Bad(
        "an alias to nothing",
        FIELDS + "date: 2025\nlevel: *nothing\n",
        "level",
        "uses the alias *nothing, but no anchor &nothing comes before it; "
        "write the value out instead",
        "level:",
    ),
    Bad(
        "an anchor named twice",
        FIELDS + "date: 2025\nfirst: &a x\nsecond: &a y\n",
        "second",
        "has the anchor &a a second time (first on line 6); give each anchor its own name",
        "second:",
    ),
    Bad(
        "a merge of something that is not fields",
        FIELDS + "date: 2025\n<<: 3\n",
        None,
        "expected a mapping or list of mappings for merging",
        "<<:",
    ),
    Bad(
        "a NUL character",
        FIELDS + "date: 2025\nlevel: a\x00b\n",
        None,
        "has a character YAML does not allow in its front matter, U+0000, at line 6; delete it",
        "level:",
    ),
    Bad(
        "a list",
        "- title\n- category\n",
        None,
        "has front matter that is a list, not a set of fields",
        "- title",
    ),
)


@pytest.fixture(params=["default", "pure Python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both YAML loaders: libyaml's where PyYAML has it, and the pure-Python fallback."""
    if request.param == "pure Python":
        monkeypatch.setattr(source, "LOADER", source.PurePythonLoader)
    return str(request.param)


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize("bad", BAD, ids=[bad.what for bad in BAD])
def test_one_message_on_the_right_line(bad: Bad) -> None:
    result = read_source("reviews/x.md", bad.text)
    assert result.metadata is None
    (problem,) = result.problems
    assert problem.field == bad.field
    assert bad.says in problem.message
    assert problem.line == bad.line, problem
    assert problem.blocks_publication


def test_the_python_tag_is_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    read_source("reviews/x.md", "---\nx: !!python/object/apply:os.system ['touch PWNED']\n---\n")
    assert list(tmp_path.iterdir()) == []


def test_thousands_of_brackets(loader: str) -> None:
    text = "---\n" + FIELDS + "deep: " + "[" * 5000 + "]" * 5000 + "\n---\n"
    (problem,) = read_source("reviews/x.md", text).problems
    assert problem.message.endswith(
        "nests lists or fields more than 50 levels deep; write it with fewer levels"
    )
    if loader == "default":  # Python's own parser stops at its recursion limit, without a line
        assert problem.line == 5


def test_the_alias_bomb_is_counted_not_expanded() -> None:
    # Ten more levels: 10**19 values if anything expanded it; refused by counting nodes.
    bomb = ALIAS_BOMB + "".join(
        f"z{n}: &z{n} [{', '.join([f'*{previous}'] * 10)}]\n"
        for n, previous in enumerate(["i", *(f"z{n}" for n in range(9))])
    )
    (problem,) = read_source("reviews/x.md", "---\n" + bomb + "---\n").problems
    assert problem.field == "e"
    assert "grows to more than 100,000 values through aliases" in problem.message


def test_aliases_that_repeat_a_value_are_fine() -> None:
    text = "---\nshared: &s [a, b]\nagain: *s\nalso: [*s, *s]\n---\n"
    result = read_source("reviews/x.md", text)
    assert result.problems == []
    assert result.metadata == {"shared": ["a", "b"], "again": ["a", "b"], "also": [["a", "b"]] * 2}


def test_too_many_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_VALUES", 100)
    (problem,) = read_source("reviews/x.md", "---\ntags:\n" + "- x\n" * 150 + "---\n").problems
    assert problem.field == "tags"
    assert problem.message.startswith("holds more than 100 values; keep the front matter short")


def test_a_long_list_is_read_whole() -> None:
    # The 64 KB review of issue 11, which took 14 s when key lines were searched line by line.
    text = "---\n" + FIELDS + "tags:\n" + "- x\n" * 16_000 + "date: 2025\n---\nBody\n"
    result = read_source("reviews/x.md", text)
    assert result.problems == []
    assert result.metadata is not None
    assert len(result.metadata["tags"]) == 16_000
    assert result.line_of("date") == 16_006


def test_front_matter_over_a_megabyte() -> None:
    text = "---\n" + FIELDS + "description: " + "x" * 10_200_000 + "\n---\n"
    (problem,) = read_source("reviews/x.md", text).problems
    assert problem.message == (
        "has front matter of 10.2 MB; keep it under 1 MB, and move long text into the review body"
    )
    assert problem.line == 2


def test_lines_are_counted_as_editors_count_them() -> None:
    # Blank lines after '---', and a carriage return and a line separator inside quotes, which
    # YAML counts as line breaks and editors do not (MkDocs reads a file's own line endings as
    # '\n'; a lone '\r' reaches it only in a page another plugin generates).
    text = (
        "---\n\n\n"
        'title: "one\u2028two"\n'
        'category: "one\rtwo"\n'
        "institution: Udemy\n"
        "date: 2025-02-30\n"
        "---\n\nBody\n"
    )
    lines = text.split("\n")

    def line_of(start: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if line.startswith(start))

    (problem,) = read_source("reviews/x.md", text).problems
    assert problem.line == line_of("date:") == 7
    fine = read_source("reviews/x.md", text.replace("2025-02-30", "2025-02-28"))
    assert fine.problems == []
    for key in ("title", "category", "institution", "date"):
        assert fine.line_of(key) == line_of(key + ":"), key


def test_every_key_has_its_line() -> None:
    text = review(extra="description: >\n  folded\n  text\nrating: 4\n'quoted key': 1\n")
    result = read_source("reviews/x.md", text)
    assert result.problems == []
    lines = text.split("\n")
    for key in ("title", "category", "institution", "date", "description", "rating"):
        assert lines[result.line_of(key) - 1].startswith(key + ":"), key  # type: ignore[operator]
    assert lines[result.line_of("quoted key") - 1].startswith("'quoted key'")  # type: ignore[operator]


def test_merge_keys() -> None:
    text = "---\nbase: &b {category: Web, institution: Udemy}\n<<: *b\ncategory: AI\n---\n"
    result = read_source("reviews/x.md", text)
    assert result.problems == []
    assert result.metadata is not None
    assert result.metadata["category"] == "AI"  # written out, it wins over the merged value
    assert result.metadata["institution"] == "Udemy"
    assert result.line_of("category") == 4
    assert result.line_of("institution") == 2


def test_plain_values_keep_their_types() -> None:
    text = review(date="2025-06-14", extra="rating: 4.5\ndraft: false\ncount: 0x1F\nnone: ~\n")
    metadata = read_source("reviews/x.md", text).metadata
    assert metadata is not None
    assert str(metadata["date"]) == "2025-06-14"
    assert (metadata["rating"], metadata["draft"], metadata["count"]) == (4.5, False, 31)
    assert metadata["none"] is None


def test_an_empty_front_matter_is_refused() -> None:
    # MkDocs strips front matter only when it holds fields: this one it would print as text.
    text = "---\n# just a comment\n---\nBody\n"
    assert get_data(text) == (text, {})
    result = read_source("reviews/x.md", text)
    assert result.metadata is None
    (problem,) = result.problems
    assert problem.message.startswith("has front matter with no fields, which MkDocs would print")


# Reading the file: `Collection.read` turns a file that cannot be read into one warning.


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "cannot be read: permission denied"),
        (
            FileNotFoundError(errno.ENOENT, "No such file"),
            "cannot be read: it does not exist, or is a link",
        ),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "cannot be read: it is a folder"),
        (OSError(errno.EIO, "Input/output error"), "cannot be read: Input/output error"),
    ],
)
def test_a_file_that_cannot_be_read(error: OSError, says: str) -> None:
    def read_text() -> str:
        raise error

    entry = Collection().read("reviews/x.md", read_text)
    (problem,) = entry.validation.problems
    assert str(problem).startswith(f"reviews/x.md: {says}")
    assert "; " in problem.message  # and what to do
    assert entry.visibility is Visibility.WITHHELD


def test_a_folder_named_like_a_review(tmp_path: Path) -> None:
    (tmp_path / "x.md").mkdir()
    entry = Collection().read("reviews/x.md", (tmp_path / "x.md").read_text)
    assert [str(p) for p in entry.validation.problems] == [
        (
            "reviews/x.md: cannot be read: it is a folder; "
            "rename the folder so that its name does not end in .md"
        )
    ]


def test_a_file_that_is_not_utf8_still_says_so() -> None:
    entry = Collection().read("reviews/x.md", b"---\ncaf\xe9\n".decode)
    assert "is not UTF-8 text (byte 0xe9 at offset 7)" in str(entry.validation.problems[0])


# All of it in one real build.

GOOD = review("Good one", body="BODY-good-END")
FILE_FAULTS: dict[str, Content] = {
    "reviews/link-to-nothing.md": Link("nowhere.md"),
    "reviews/latin1.md": review("Café", body="BODY-latin1-END").encode("latin-1"),
    "reviews/huge.md": review(extra=f"description: {'x' * 1_100_000}\n", body="BODY-huge-END"),
    "reviews/never-closed.md": "---\ntitle: Open\n\nBODY-never-closed-END\n",
}


def _site_files() -> dict[str, Content]:
    files: dict[str, Content] = {"index.md": "# Home\n", "reviews/good.md": GOOD}
    files.update({f"reviews/{bad.slug}.md": bad.text for bad in BAD})
    files.update(FILE_FAULTS)
    return files


def test_a_site_with_all_of_them_builds(build_site: BuildSite) -> None:
    site = build_site(_site_files())
    prefix = "mkdocs_course_reviews: "
    for path in [f"reviews/{bad.slug}.md" for bad in BAD] + list(FILE_FAULTS):
        said = [w for w in site.warnings if w.startswith(f"{prefix}{path}: ")]
        assert len(said) == 1, (path, said)
    assert len(site.warnings) == len(BAD) + len(FILE_FAULTS)
    built = "\n".join(text for _, text in site.text_of_every_file())
    assert set(re.findall(r"BODY-[\w-]*?-END", built)) == {"BODY-good-END"}


def test_the_strict_build_fails_on_them(build_site: BuildSite) -> None:
    with pytest.raises(Abort, match=r"Aborted with \d+ warnings in strict mode"):
        build_site(_site_files(), strict=True)


def test_the_check_command_says_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs/reviews").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: Log\nplugins: [course-reviews]\n")
    (tmp_path / "docs/reviews/link-to-nothing.md").symlink_to("nowhere.md")
    (tmp_path / "docs/reviews/twice.md").write_text(review(extra="draft: true\ndraft: false\n"))
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        (
            "docs/reviews/link-to-nothing.md:1: file: cannot be read: it does not exist, or is a "
            "link to a file that does not; point the link at an existing file, or delete it"
        ),
        (
            "docs/reviews/twice.md:7: draft: is written twice, on lines 6 and 7; "
            "keep the one you mean and delete the other"
        ),
        "2 reviews: 0 published, 0 drafts, 2 withheld; 2 problems in 2 files",
    ]


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("line", "fix"),
    [
        ("title: LLMs Mastery: Complete Guide", 'title: "LLMs Mastery: Complete Guide"'),
        ("  title:   A: B  ", 'title: "A: B"'),
        ('title: Say "hi": now', "title: 'Say \"hi\": now'"),
        ("title: It's: fine", 'title: "It\'s: fine"'),
    ],
)
def test_a_colon_in_a_value_says_to_quote_it(line: str, fix: str) -> None:
    text = f"---\ncategory: Web\n{line}\n---\n"
    (problem,) = read_source("reviews/x.md", text).problems
    assert problem.line == 3
    assert problem.message.endswith(
        f"; the value has ': ' in it, so put the value in quotes: {fix}"
    ), problem.message
    corrected = text.replace(line, fix)
    assert read_source("reviews/x.md", corrected).problems == []
