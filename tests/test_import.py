"""`mkdocs-course-reviews import`: CSV, TSV and JSON rows into reviews the build takes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_course_reviews.cli import main
from mkdocs_course_reviews.importing import SYNONYMS, TEXT
from tests.project import docs_page

HEADER = "Course,Provider,Topic,Finished,Stars,Notes\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Log\nplugins:\n  - course-reviews\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    loaded = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert isinstance(loaded, dict)
    return loaded


def reviews(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "docs/reviews").glob("*.md"))


def check_is_clean(capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    status = main(["check"])
    out = capsys.readouterr().out
    assert status == 0, out
    return out


def build_site(site: Path) -> Path:
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(site / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site / "site"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"], ids=str)
def test_every_encoding_spreadsheets_save_in(
    site: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    text = HEADER + "Données & IA,École polytechnique,Data,2024-02-15,4,très bien\n"
    (site / "list.csv").write_bytes(text.encode(encoding))
    assert main(["import", "list.csv"]) == 0
    (name,) = reviews(site)
    assert front_matter(site / "docs/reviews" / name) == {
        "title": "Données & IA",
        "institution": "École polytechnique",
        "category": "Data",
        "date": "February 15, 2024",
        "rating": 4,
        "draft": True,
    }
    assert (site / "docs/reviews" / name).read_text(encoding="utf-8").endswith("très bien\n")
    check_is_clean(capsys)


@pytest.mark.parametrize(
    ("delimiter", "suffix"), [(",", "csv"), (";", "csv"), ("\t", "tsv"), ("|", "txt")]
)
def test_delimiters_are_sniffed(site: Path, delimiter: str, suffix: str) -> None:
    rows = [
        ["Title", "Institution", "Category", "Date"],
        ["A, the first", "MIT", "Web", "June 2025"],
        ["B", "MIT", "Web", "2025"],
    ]
    lines = [delimiter.join(f'"{c}"' if "," in c else c for c in row) for row in rows]
    (site / f"list.{suffix}").write_text("\n".join(lines) + "\n")
    assert main(["import", f"list.{suffix}"]) == 0
    assert reviews(site) == ["a-the-first.md", "b.md"]


@pytest.mark.parametrize(
    ("cell", "flags", "expected"),
    [
        ("02/2024", [], "February 2024"),
        ("2/2024", [], "February 2024"),
        ("2/15/2024", [], "February 15, 2024"),
        ("15/02/2024", [], "February 15, 2024"),
        ("15.02.2024", [], "February 15, 2024"),
        ("3/4/2024", ["--day-first"], "April 3, 2024"),
        ("3/4/2024", ["--month-first"], "March 4, 2024"),
        ("2/15/24", [], "February 15, 2024"),
        ("2024-02-15", [], "February 15, 2024"),
        ("2024/02/15", [], "February 15, 2024"),
        ("2024-02-15 14:32 UTC", [], "February 15, 2024"),
        ("2024-02-15T14:32:00Z", [], "February 15, 2024"),
        ("2/15/2024, 2:32 PM", [], "February 15, 2024"),
        ("Feb 2024", [], "February 2024"),
        ("February 15, 2024", [], "February 15, 2024"),
        ("45337", [], "February 15, 2024"),
        ("45337.75", [], "February 15, 2024"),
        ("2024", [], "2024"),
    ],
)
def test_dates_as_spreadsheets_write_them(
    site: Path, capsys: pytest.CaptureFixture[str], cell: str, flags: list[str], expected: str
) -> None:
    (site / "list.csv").write_text(HEADER + f'X,MIT,Web,"{cell}",,\n')
    assert main(["import", "list.csv", *flags]) == 0, capsys.readouterr().err
    assert front_matter(site / "docs/reviews/x.md")["date"] == expected
    check_is_clean(capsys)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (
            "3/4/2024",
            (
                'row 2: date "3/4/2024" could be April 3, 2024 or March 4, 2024; say which '
                "with --day-first (15/02/2024) or --month-first (2/15/2024)"
            ),
        ),
        ("June 31, 2025", 'row 2: date "June 31, 2025" is not a date: June 2025 has 30 days'),
        ("13/13/2024", 'row 2: date "13/13/2024" is not a date: there is no month 13'),
        ("someday", 'row 2: date "someday" is not a date; write it like'),
        ("999", 'row 2: date "999" is not a date'),
    ],
)
def test_a_date_it_cannot_read_is_the_row_reported(
    site: Path, capsys: pytest.CaptureFixture[str], cell: str, message: str
) -> None:
    (site / "list.csv").write_text(HEADER + f'X,MIT,Web,"{cell}",,\nY,MIT,Web,2024,,\n')
    assert main(["import", "list.csv"]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert err.endswith("1 written, 1 skipped: 1 with problems (listed above)\n")
    assert reviews(site) == ["y.md"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("4", 4), ("4.5", 4.5), ("4,5", 4.5), ("4/5", 4), ("8/10", 4), ("80%", 4), ("★★★★", 4)],
)
def test_ratings(site: Path, cell: str, expected: float) -> None:
    (site / "list.csv").write_text(HEADER + f'X,MIT,Web,2024,"{cell}",\n')
    assert main(["import", "list.csv"]) == 0
    assert front_matter(site / "docs/reviews/x.md")["rating"] == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("8", "is more than 5, and the scale is unclear; write 8/10 if it is out of 10"),
        ("75", "is more than 5, and the scale is unclear; write 75% if it is a percentage"),
        ("6/5", "is not a rating out of 5"),
        ("great", "is not a rating"),
    ],
)
def test_a_rating_whose_scale_is_unclear(
    site: Path, capsys: pytest.CaptureFixture[str], cell: str, message: str
) -> None:
    (site / "list.csv").write_text(HEADER + f"X,MIT,Web,2024,{cell},\n")
    assert main(["import", "list.csv"]) == 1
    assert f'row 2: rating "{cell}" {message}' in capsys.readouterr().err
    assert not (site / "docs/reviews").exists() or reviews(site) == []


def test_a_second_run_writes_nothing_and_says_what_exists(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "list.csv").write_text(HEADER + "A,MIT,Web,2024,,\nB,MIT,Web,2024,,\n")
    assert main(["import", "list.csv"]) == 0
    before = {p: p.read_bytes() for p in (site / "docs/reviews").iterdir()}
    (site / "docs/reviews/a.md").write_text((site / "docs/reviews/a.md").read_text() + "Mine.\n")
    capsys.readouterr()
    assert main(["import", "list.csv"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "row 2: docs/reviews/a.md exists; left as it is" in err
    assert err.endswith("0 written, 2 skipped: 2 already exist\n")
    assert (site / "docs/reviews/a.md").read_text().endswith("Mine.\n")
    assert (site / "docs/reviews/b.md").read_bytes() == before[site / "docs/reviews/b.md"]


def test_dry_run_writes_nothing(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "list.csv").write_text(HEADER + "A,MIT,Web,2024,,\n")
    assert main(["import", "list.csv", "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert out == "docs/reviews/a.md: would write\n"
    assert err.endswith("1 to write, 0 skipped\n")
    assert not (site / "docs/reviews").exists()


def test_publish_and_the_build(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "list.csv").write_text(HEADER + "A,MIT,Web,2024,,\nB,MIT,Web,2024,,\n")
    assert main(["import", "list.csv", "--publish"]) == 0
    assert front_matter(site / "docs/reviews/a.md")["draft"] is False
    assert "2 reviews: 2 published" in check_is_clean(capsys)
    built = build_site(site)
    assert (built / "reviews/a/index.html").exists()
    assert (built / "reviews/b/index.html").exists()


def test_a_published_duplicate_is_refused(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "https://example.org/c"
    (site / "list.csv").write_text(
        f"Title,Institution,Category,Date,URL\nA,MIT,Web,2024,{url}\nB,MIT,Web,2024,{url}\n"
    )
    assert main(["import", "list.csv", "--publish"]) == 1
    assert (
        f'row 3: url "{url}" is also the url of reviews/a.md, a published review'
        in capsys.readouterr().err
    )
    check_is_clean(capsys)


HOSTILE = [
    "<script>alert(1)</script>",
    "a\nb\r\nc",
    '=HYPERLINK("https://evil.example","click")',
    "---",
    "...",
    "a: b # c",
    "x\x00y",
    "{{ config.site_name }} {% raw %}",
    "[link](javascript:alert(1)) ![img](x) <!-- c -->",
    '--8<-- "mkdocs.yml"',
    "\\[escaped\\] &amp; &lt;b&gt;",
    "'\"` *bold* _it_",
    "\u2028\u2029\x85 separators",
    "\ufeff bom",
    "!!python/object:os.system",
    "&a: *a",
]


def test_hostile_cells_stay_text(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        {
            "title": f"T{number} {cell}",
            "institution": cell,
            "category": "Web",
            "date": "2024",
            "description": cell,
            "notes": cell,
            "extra": cell,
        }
        for number, cell in enumerate(HOSTILE)
    ]
    (site / "list.json").write_text(json.dumps(rows))
    assert main(["import", "list.json", "--publish", "--keep"]) == 0, capsys.readouterr().err
    paths = sorted((site / "docs/reviews").glob("*.md"))
    assert len(paths) == len(HOSTILE)
    check_is_clean(capsys)
    built = build_site(site)
    for path in paths:
        meta = front_matter(path)
        number = int(str(meta["title"]).split(" ", 1)[0].removeprefix("T"))
        cell = HOSTILE[number]
        shown = " ".join(cell.replace("\x00", "").split())
        assert meta["institution"] == shown
        assert meta["description"] == shown
        assert meta["imported"] == {"extra": shown}
        html = (built / "reviews" / path.stem / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.select("article script, .md-content script, [onclick]")
        assert not soup.select('a[href^="javascript"]')
        text = " ".join(soup.get_text(" ").split())
        # Every line of the cell is on the page as it was written: text, never markup.
        for line in cell.replace("\x00", "").splitlines():
            if line.strip():
                assert " ".join(line.split()) in text, (cell, line)
        assert "site_name: Log" not in html  # no snippet included


def test_long_cells(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long_text = "word " * 20_000  # 100 KB
    (site / "list.csv").write_text(
        HEADER + f'X,MIT,Web,2024,,"{long_text}"\n' + f'"{long_text}",MIT,Web,2024,,\n'
    )
    assert main(["import", "list.csv"]) == 0
    assert len((site / "docs/reviews/x.md").read_text()) > 100_000
    check_is_clean(capsys)


def test_columns_by_synonym_map_and_unused(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "list.csv").write_text(
        "Name,Platform,Subject,Completed On,Score,Link,Comments,Cost,Mood\n"
        "A,Coursera,Web,2024,4,https://x.org/a,good,10,happy\n"
    )
    assert main(["import", "list.csv", "--map", "mood=level"]) == 0
    err = capsys.readouterr().err
    assert "  not used: 'Cost' (--keep keeps them" in err
    meta = front_matter(site / "docs/reviews/a.md")
    assert meta == {
        "title": "A",
        "institution": "Coursera",
        "category": "Web",
        "date": "2024",
        "rating": 4,
        "level": "happy",
        "url": "https://x.org/a",
        "draft": True,
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--map", "Nope=title"], "--map Nope=title: there is no column 'Nope'"),
        (["--map", "Title=nope"], "--map Title=nope: there is no field 'nope'"),
        (["--set", "nope=1"], "--set 'nope=1': write it as FIELD=VALUE"),
        (["--set", "rating=9"], "--set 'rating=9': rating is more than 5"),
    ],
)
def test_mistakes_on_the_command_line(
    site: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    (site / "list.csv").write_text("Title,Institution,Category,Date\nA,MIT,Web,2024\n")
    assert main(["import", "list.csv", *arguments]) == 1
    assert message in capsys.readouterr().err


LINKEDIN = (
    "Content Title,Content Description,Content Type,Content Last Watched Date (if viewed),"
    "Content Completed At (if completed),Content Saved,Notes taken on videos (if taken),\n"
    'Learning Python,"Learn Python, from the start.",Course,2024-03-02 10:11 UTC,'
    "2024-03-05 18:20 UTC,false,My notes,\n"
    "Git Essentials,Git.,Course,2024-04-01 09:00 UTC,N/A,true,N/A,\n"
    "Excel Tips,Excel.,Video,N/A,N/A,false,,\n"
)


def test_linkedin_learning_export_is_recognised(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "Learning.csv").write_text(LINKEDIN)
    assert main(["import", "Learning.csv"]) == 1
    err = capsys.readouterr().err
    assert "recognised as LinkedIn Learning" in err
    assert "without category (--set category=VALUE" in err
    assert main(["import", "Learning.csv", "--set", "category=Programming"]) == 1
    err = capsys.readouterr().err
    assert "row 4: date is missing" in err
    assert front_matter(site / "docs/reviews/learning-python.md") == {
        "title": "Learning Python",
        "description": "Learn Python, from the start.",
        "institution": "LinkedIn Learning",
        "category": "Programming",
        "date": "March 5, 2024",
        "draft": True,
    }
    assert front_matter(site / "docs/reviews/git-essentials.md")["status"] == "in-progress"
    assert (site / "docs/reviews/learning-python.md").read_text().endswith("My notes\n")
    check_is_clean(capsys)


def test_files_it_cannot_read(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "bad.json").write_text('{"title": "x"}')
    assert main(["import", "bad.json"]) == 1
    assert "bad.json is not a list of objects" in capsys.readouterr().err
    (site / "broken.json").write_text("[{")
    assert main(["import", "broken.json"]) == 1
    assert "broken.json:1: is not JSON" in capsys.readouterr().err
    assert main(["import", "missing.csv"]) == 1
    assert "missing.csv: No such file or directory" in capsys.readouterr().err
    (site / "empty.csv").write_text("")
    assert main(["import", "empty.csv"]) == 1
    assert "empty.csv is empty" in capsys.readouterr().err


@pytest.mark.slow
def test_ten_thousand_rows(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [HEADER] + [f"Course {n},MIT,Web,2024-02-15,4,Notes {n}\n" for n in range(10_000)]
    (site / "list.csv").write_text("".join(lines))
    assert main(["import", "list.csv", "--publish"]) == 0
    assert len(reviews(site)) == 10_000
    assert capsys.readouterr().err.endswith("10,000 written, 0 skipped\n")


def test_rows_of_the_same_title_and_rows_of_too_many_cells(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "list.csv").write_text(
        "Title,Institution,Category,Date,Title\n"
        "A,MIT,Web,2024,again\n"
        "a,MIT,Web,2024,\n"
        "B,MIT,Web,2024,,extra cell\n"
    )
    assert main(["import", "list.csv"]) == 1
    err = capsys.readouterr().err
    assert "  not used: 'Title' (--keep" in err
    assert "row 3: would be docs/reviews/a.md, as row 2 is (the same title)" in err
    assert "row 4: has 6 cells where the first line names 5 columns" in err
    assert err.endswith("1 written, 2 skipped: 2 with problems (listed above)\n")
    assert reviews(site) == ["a.md"]


def test_the_docs_list_every_synonym() -> None:
    cli = docs_page("cli.md")
    section = cli[cli.index("| Field | Also read from |") :]
    rows = {}
    for line in section.splitlines()[2:]:
        if not line.startswith("|"):
            break
        field, names = (cell.strip() for cell in line.strip("|").split("|"))
        rows[field.strip("`")] = names.split(", ")
    expected = {("the review's text" if f == TEXT else f): list(s) for f, s in SYNONYMS.items()}
    expected["the review's text"].append(TEXT)
    assert rows == expected


@pytest.mark.slow
def test_imported_reviews_build_strict_on_material(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "mkdocs.yml").write_text(
        "site_name: Log\ntheme:\n  name: material\nplugins:\n  - search\n  - course-reviews\n"
        "markdown_extensions:\n  - attr_list\n  - pymdownx.snippets\n  - admonition\n"
    )
    (site / "Learning.csv").write_text(LINKEDIN)
    rows = [
        {"title": f"H{n}", "institution": c, "category": "Web", "date": "2024", "notes": c}
        for n, c in enumerate(HOSTILE)
    ]
    (site / "list.json").write_text(json.dumps(rows))
    assert main(["import", "Learning.csv", "--set", "category=Programming", "--publish"]) == 1
    assert main(["import", "list.json", "--publish"]) == 0
    capsys.readouterr()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (site / "site/reviews/learning-python/index.html").exists()
