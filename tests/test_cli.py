"""The `mkdocs-course-reviews` command: `check` and `new`."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mkdocs_course_reviews.cli import main
from mkdocs_course_reviews.dates import MONTH_NAMES
from tests.conftest import review


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
        "3 reviews: 1 published, 1 drafts, 1 withheld; 1 problems in 1 files",
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


def test_check_without_a_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert (
        "mkdocs-course-reviews: Config file 'mkdocs.yml' does not exist." in capsys.readouterr().err
    )


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
        "date": "14 June 2025",
        "url": "https://inria.fr/cours",
        "draft": True,
    }
    assert main(args) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == text
    assert main(["check"]) == 1  # only the old bad review
    assert "donnees" not in capsys.readouterr().out


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
