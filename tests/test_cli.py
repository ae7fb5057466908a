"""The `mkdocs-course-reviews` command: `check` and `new`."""

from __future__ import annotations

import datetime
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_course_reviews.cli import main
from mkdocs_course_reviews.collection import is_review_path
from mkdocs_course_reviews.dates import MONTH_NAMES
from tests.conftest import SERVE_URL, BuildSite, review


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "docs/courses").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(
        yaml.safe_dump(
            {
                "site_name": "Log",
                "plugins": [
                    {
                        "course-reviews": {
                            "reviews_dir": "courses",
                            "required_fields": ["title", "date"],
                        }
                    }
                ],
            }
        )
    )
    (tmp_path / "docs/courses/good.md").write_text(
        review("Good", category="null", institution="null")
    )
    (tmp_path / "docs/courses/bad.md").write_text(review("Bad", date="someday"))
    (tmp_path / "docs/courses/draft.md").write_text(review("Draft", extra="draft: true\n"))
    (tmp_path / "docs/reviews").mkdir()
    (tmp_path / "docs/reviews/not-a-review.md").write_text("# Not in reviews_dir\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.usefixtures("site")
def test_check_reports_problems_like_a_compiler(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        (
            'docs/courses/bad.md:5: date: "someday" is not a date; '
            'write it like "June 2025" or 2025-06-14'
        ),
        "3 reviews: 1 published, 1 draft, 1 withheld; 1 problem in 1 file",
    ]


def test_check_json(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", "-f", str(site / "mkdocs.yml")]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["reviews"] == 3
    assert report["published"] == 1
    assert report["problems"] == [
        {
            "path": "docs/courses/bad.md",
            "line": 5,
            "field": "date",
            "message": '"someday" is not a date; write it like "June 2025" or 2025-06-14',
            "severity": "error",
        }
    ]


def test_check_passes_on_a_clean_site(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "docs/courses/bad.md").unlink()
    assert main(["check"]) == 0
    assert capsys.readouterr().out.endswith("0 problems in 0 files\n")


NEW = ["new", "X", "--category", "Web", "--institution", "MIT"]
PLUGIN = {"plugins": [{"course-reviews": {"reviews_dir": "courses"}}]}
FIX_YAML = "check the quotes, colons and indentation on that line"


def write_config(root: Path, config: object) -> None:
    (root / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "Log", **config}))  # type: ignore[dict-item]


def reviews_dir_is_a_file(root: Path) -> None:
    for review_file in (root / "docs/courses").iterdir():
        review_file.unlink()
    (root / "docs/courses").rmdir()
    (root / "docs/courses").write_text("not a folder")


def no_config(root: Path) -> None:
    (root / "mkdocs.yml").unlink()


def invalid_yaml(root: Path) -> None:
    (root / "mkdocs.yml").write_text("site_name: Log\nplugins: [course-reviews\n")


def unknown_option(root: Path) -> None:
    write_config(root, {"plugins": [{"course-reviews": {"review_dir": "courses"}}]})


def bad_option_value(root: Path) -> None:
    write_config(root, {"plugins": [{"course-reviews": {"per_page": 0}}]})


def config_is_a_folder(root: Path) -> None:
    (root / "mkdocs.yml").unlink()
    (root / "mkdocs.yml").mkdir()


def config_is_not_utf8(root: Path) -> None:
    (root / "mkdocs.yml").write_bytes(b"site_name: Caf\xe9\n")


def no_docs_dir(root: Path) -> None:
    write_config(root, {"docs_dir": "nowhere", **PLUGIN})


def plugin_not_installed(root: Path) -> None:
    write_config(root, {"plugins": ["no-such-plugin"]})


@pytest.mark.parametrize(
    ("break_site", "message"),
    [
        (
            reviews_dir_is_a_file,
            (
                "docs/courses is a file, not a folder; move it away, or set reviews_dir in "
                "mkdocs.yml to the folder of your reviews"
            ),
        ),
        (
            no_config,
            (
                "there is no mkdocs.yml here; run the command in your site's folder, or name its "
                "config file with -f"
            ),
        ),
        (
            invalid_yaml,
            f"mkdocs.yml:3: invalid YAML: expected ',' or ']', but got '<stream end>'; {FIX_YAML}",
        ),
        (
            unknown_option,
            (
                "mkdocs.yml: plugins: Plugin 'course-reviews' option 'review_dir': Unrecognised "
                "configuration name: review_dir; install the plugin, or correct its options in "
                "mkdocs.yml"
            ),
        ),
        (
            bad_option_value,
            (
                "mkdocs.yml: plugins: Plugin 'course-reviews' option 'per_page': 0 must be a whole "
                "number from 1 up; install the plugin, or correct its options in mkdocs.yml"
            ),
        ),
        (config_is_a_folder, "mkdocs.yml: Is a directory; name a file, not a folder"),
        (
            config_is_not_utf8,
            (
                "mkdocs.yml: is not UTF-8 text (byte 0xe9 at offset 14); "
                "re-save the file with UTF-8 encoding"
            ),
        ),
        (
            plugin_not_installed,
            (
                'mkdocs.yml: plugins: The "no-such-plugin" plugin is not installed; install the '
                "plugin, or correct its options in mkdocs.yml"
            ),
        ),
    ],
    ids=lambda value: getattr(value, "__name__", "message"),
)
@pytest.mark.parametrize("command", [["check"], NEW], ids=["check", "new"])
def test_a_broken_site_gets_one_line_and_no_traceback(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    break_site: Callable[[Path], None],
    message: str,
    command: list[str],
) -> None:
    break_site(site)
    status = main(command)
    out, err = capsys.readouterr()
    assert status == (2 if command == ["check"] else 1)
    assert err == f"mkdocs-course-reviews: {message}\n"
    assert out == ""
    assert not (site / "docs/courses/x.md").exists()


@pytest.mark.parametrize("command", [["check"], NEW], ids=["check", "new"])
def test_a_missing_docs_dir_gets_one_line(
    site: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    no_docs_dir(site)
    assert main(command) != 0
    err = capsys.readouterr().err
    assert err == (
        f"mkdocs-course-reviews: mkdocs.yml: docs_dir: The path '{site / 'nowhere'}' isn't an "
        "existing directory; create that folder, or set docs_dir to the folder of your pages in "
        "mkdocs.yml\n"
    )


def test_a_missing_config_file_given_with_f(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-f", "elsewhere/mkdocs.yml"]) == 2
    assert capsys.readouterr().err == (
        "mkdocs-course-reviews: elsewhere/mkdocs.yml does not exist; check the path given to -f\n"
    )
    assert (site / "mkdocs.yml").exists()


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
@pytest.mark.parametrize("command", [["check"], NEW], ids=["check", "new"])
def test_an_unreadable_config(
    site: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    (site / "mkdocs.yml").chmod(0)
    try:
        assert main(command) != 0
    finally:
        (site / "mkdocs.yml").chmod(0o644)
    assert capsys.readouterr().err == (
        "mkdocs-course-reviews: mkdocs.yml: Permission denied; check its permissions\n"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["new", "Caf\udce9", "--category", "Web", "--institution", "MIT"],
            (
                "the title 'Caf\ufffd' is not UTF-8 text (byte 0xe9); set your terminal to UTF-8 "
                "and type it again"
            ),
        ),
        (
            ["new", "X", "--category", "Web", "--category", "Donn\udce9es", "--institution", "MIT"],
            (
                "--category 'Donn\ufffdes' is not UTF-8 text (byte 0xe9); "
                "set your terminal to UTF-8 and type it again"
            ),
        ),
    ],
)
def test_arguments_that_are_not_utf8(
    site: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    assert main(arguments) == 1
    out, err = capsys.readouterr()
    assert err == f"mkdocs-course-reviews: {message}\n"
    assert out == ""
    assert sorted(p.name for p in (site / "docs/courses").iterdir()) == [
        "bad.md",
        "draft.md",
        "good.md",
    ]


def test_new_writes_a_valid_draft_and_never_overwrites(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "new",
        "Données & IA: l'essentiel",
        "--category",
        "Data",
        "--category",
        "AI",
        "--institution",
        "Inria",
    ]
    assert main([*args, "--url", "https://inria.fr/cours", "--date", "14 June 2025"]) == 0
    path = site / "docs/courses/donnees-ia-l-essentiel.md"
    assert (
        capsys.readouterr().out
        == f"{path.relative_to(site)}: new draft; set draft: false to publish it\n"
    )
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front == {
        "title": "Données & IA: l'essentiel",
        "category": ["Data", "AI"],
        "institution": "Inria",
        "date": "June 14, 2025",
        "url": "https://inria.fr/cours",
        "draft": True,
    }
    assert main(args) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == text
    assert main(["check"]) == 1  # only the old bad review
    assert "donnees" not in capsys.readouterr().out


def build_here(root: Path, *, serve: bool) -> Path:
    """Build the site at `root` as `mkdocs build` (or `mkdocs serve`) does; return its folder."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
    try:
        build(config, serve_url=SERVE_URL if serve else None)
    finally:
        config.plugins.on_shutdown()
    return root / "site"


@pytest.mark.parametrize(
    ("title", "file_name"),
    [
        ("Index", "index-review.md"),
        ("index", "index-review.md"),
        ("INDEX", "index-review.md"),
        ("README", "readme.md"),
        ("Plain", "plain.md"),
    ],
)
def test_new_writes_a_draft_review_whatever_the_title(
    site: Path, capsys: pytest.CaptureFixture[str], title: str, file_name: str
) -> None:
    assert main(["new", title, "--category", "Web", "--institution", "MIT"]) == 0
    src_uri = f"courses/{file_name}"
    assert capsys.readouterr().out == f"docs/{src_uri}: new draft; set draft: false to publish it\n"
    assert is_review_path(src_uri, "courses")
    assert main(["check"]) == 1
    assert capsys.readouterr().out.endswith(
        "4 reviews: 1 published, 2 drafts, 1 withheld; 1 problem in 1 file\n"
    )
    built = build_here(site, serve=False)
    pages = sorted(p.relative_to(built).as_posix() for p in (built / "courses").rglob("*.html"))
    # The published review, and the page of all reviews: no draft, nothing withheld.
    assert pages == ["courses/good/index.html", "courses/index.html"]
    served = build_here(site, serve=True)
    draft = served / "courses" / file_name.removesuffix(".md") / "index.html"
    soup = BeautifulSoup(draft.read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("h1.course-review-title").get_text() == title
    assert soup.select_one(".course-review-card") is not None
    assert soup.select_one(".mkdocs-draft-marker") is not None


def test_new_defaults_to_this_month(site: Path) -> None:
    assert main(["new", "Plain", "--category", "Web", "--institution", "MIT"]) == 0
    front = yaml.safe_load((site / "docs/courses/plain.md").read_text().split("---")[1])
    today = datetime.date.today()  # noqa: DTZ011
    assert front["date"] == f"{MONTH_NAMES[today.month - 1]} {today.year}"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--url", "javascript:alert(1)"], "'javascript:alert(1)' uses the javascript: scheme"),
        (["--url", "https:/x.org"], '\'https:/x.org\' has no "//" after "https:"'),
        (["--date", "someday"], "is not a date"),
    ],
)
def test_new_refuses_bad_values(
    site: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert main(["new", "X", "--category", "Web", "--institution", "MIT", *extra]) == 1
    assert message in capsys.readouterr().err
    assert not (site / "docs/courses/x.md").exists()


@pytest.mark.usefixtures("site")
def test_python_dash_m_and_the_console_script() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "mkdocs_course_reviews", "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert module.returncode == 1
    assert module.stdout.startswith("docs/courses/bad.md:5: date: ")
    script = Path(sys.executable).parent / "mkdocs-course-reviews"
    if script.exists():
        result = subprocess.run([str(script), "check"], capture_output=True, text=True, check=False)
        assert result.stdout == module.stdout


def test_pre_commit_hook_is_declared() -> None:
    hooks = yaml.safe_load((Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "course-reviews-check"
    assert hook["entry"] == "mkdocs-course-reviews check"
    assert hook["pass_filenames"] is False


def test_check_and_the_build_agree_on_which_files_are_reviews(
    build_site: BuildSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        "index.md": "# Home\n",
        "reviews/index.md": "# All of them\n",
        "reviews/sub/README.md": "# A folder's page\n",
        "reviews/readme.md": "No front matter: a review, withheld.\n",
        "reviews/a.markdown": "---\ntitle: A\n---\n",
        "reviews/b.MD": "---\ntitle: B\n---\n",
        "reviews/c.mkd": "---\ntitle: C\n---\n",
        "reviews/notes.txt": "not a page\n",
    }
    site = build_site(files)
    built = {w.split(": ")[1] for w in site.warnings if w.startswith("mkdocs_course_reviews")}
    monkeypatch.chdir(site.docs_dir.parent)
    capsys.readouterr()
    assert main(["check", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    checked = {problem["path"].removeprefix("docs/") for problem in report["problems"]}
    expected = {"reviews/readme.md", "reviews/a.markdown", "reviews/b.MD", "reviews/c.mkd"}
    assert report["reviews"] == len(expected)
    assert checked == expected
    assert built == expected


def test_new_takes_every_field_and_the_text(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b"# My take\n\nIt was *good*.\n"))
    )
    arguments = [
        *NEW,
        "--rating",
        "9/10",
        "--status",
        "In progress",
        "--tags",
        "python, web",
        "--tags",
        "ai",
        "--instructor",
        "Ada",
        "--instructor",
        "Grace",
        "--date",
        "02/2024",
        "--body",
        "-",
        "--publish",
    ]
    assert main(arguments) == 0
    assert capsys.readouterr().out == "docs/courses/x.md: new review, published\n"
    text = (site / "docs/courses/x.md").read_text(encoding="utf-8")
    assert yaml.safe_load(text.split("---")[1]) == {
        "title": "X",
        "institution": "MIT",
        "category": "Web",
        "date": "February 2024",
        "status": "in-progress",
        "rating": 4.5,
        "instructor": ["Ada", "Grace"],
        "tags": ["python", "web", "ai"],
        "draft": False,
    }
    assert text.endswith("---\n\n# My take\n\nIt was *good*.\n")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", "0999"], None),
        (["--date", "3/4/2024"], "--date '3/4/2024' could be April 3, 2024 or March 4, 2024"),
        (["--date", "June 31, 2025"], "is not a date: June 2025 has 30 days"),
        (["--rating", "8"], "--rating '8' is more than 5, and the scale is unclear"),
        (["--status", "paused"], "--status 'paused' is not one of completed, in-progress"),
        (["--category", " "], None),
    ],
)
def test_new_writes_only_what_check_accepts(
    site: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str | None
) -> None:
    (site / "docs/courses/bad.md").unlink()
    status = main(
        [
            "new",
            "Y",
            "--institution",
            "MIT",
            *(["--category", "Web"] if "--category" not in extra else []),
            *extra,
        ]
    )
    err = capsys.readouterr().err
    if status == 0:
        assert message is None
        assert main(["check"]) == 0, capsys.readouterr().out
    else:
        assert message is None or message in err, err
        assert not (site / "docs/courses/y.md").exists()


def test_check_names_a_folder_without_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n")
    write_config(tmp_path, {"plugins": ["course-reviews"]})
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        (
            "docs/reviews/: holds no file, so no review is gathered; put your reviews there, "
            "or set reviews_dir to the folder they are in"
        ),
        "0 reviews: 0 published, 0 drafts, 0 withheld; 1 problem in 1 file",
    ]
    assert main(["check", "--format", "json"]) == 1
    (problem,) = json.loads(capsys.readouterr().out)["problems"]
    assert problem["path"] == "docs/reviews/"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["new", "--category", "Web", "--institution", "MIT"], "give the title: every review"),
        (["new", "X", "--institution", "MIT"], "give --category: every review"),
        ([*NEW, "--from-url", "file:///etc/passwd"], "--from-url 'file:///etc/passwd' uses the"),
        ([*NEW, "--date", "2999"], 'the review would not be valid: date "2999" is in the future'),
    ],
)
def test_new_says_what_is_missing(
    site: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    (site / "mkdocs.yml").write_text(
        yaml.safe_dump(
            {"site_name": "Log", "plugins": [{"course-reviews": {"reviews_dir": "courses"}}]}
        )
    )
    assert main(arguments) == 1
    assert message in capsys.readouterr().err
    assert not (site / "docs/courses/x.md").exists()
