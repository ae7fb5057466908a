"""The package as PyPI users get it: sdist and wheel, installed into a fresh environment."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.project import ROOT, distribution_name, pyproject

pytestmark = pytest.mark.slow  # builds the package, and installs it into a fresh venv


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


def test_sdist_and_wheel_pass_twine_check(dist: Path) -> None:
    files = sorted(p.name for p in dist.iterdir())
    assert len(files) == 2
    assert any(name.endswith(".tar.gz") for name in files)
    assert any(name.endswith("-py3-none-any.whl") for name in files)
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_wheel_ships_templates_stylesheet_and_types(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (
        "card.html",
        "heading.html",
        "listing.html",
        "overview-index.html",
        "structured-data.html",
        "way-back.html",
        "all-reviews.html",
    ):
        assert f"mkdocs_course_reviews/templates/course-reviews/{template}" in names
    assert "mkdocs_course_reviews/assets/course-reviews.css" in names
    assert "mkdocs_course_reviews/assets/course-reviews.js" in names
    assert "mkdocs_course_reviews/py.typed" in names
    metadata = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Classifier: Framework :: MkDocs" in text
    assert "Classifier: Typing :: Typed" in text
    assert "Requires-Dist: mkdocs<2,>=1.6.0" in text
    entry_points = (
        zipfile.ZipFile(wheel).read(metadata.replace("METADATA", "entry_points.txt")).decode()
    )
    assert "course-reviews = mkdocs_course_reviews.plugin:CourseReviewsPlugin" in entry_points
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert any(m.endswith("/CHANGELOG.md") for m in members)
    assert any(m.endswith("/LICENSE") for m in members)


def test_wheel_installs_and_builds_the_example_site(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", f"{wheel}[example]"],
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [
            str(python),
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(ROOT / "example_site/mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/categories/machine-learning/index.html").exists()
    assert (tmp_path / "site/assets/course-reviews/course-reviews.css").exists()


def test_wheel_requires_what_users_need_and_no_development_tool(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(next(n for n in archive.namelist() if n.endswith("METADATA")))
    lines = metadata.decode().splitlines()
    prefix = "Requires-Dist: "
    requires = [line.removeprefix(prefix) for line in lines if line.startswith(prefix)]
    project = pyproject()
    assert sorted(distribution_name(r) for r in requires if "extra ==" not in r) == sorted(
        distribution_name(r) for r in project["project"]["dependencies"]
    )
    example = project["project"]["optional-dependencies"]["example"]
    for_example = re.compile(r";.*extra\s*==\s*[\"']example[\"']")
    assert sorted(distribution_name(r) for r in requires if for_example.search(r)) == sorted(
        distribution_name(r) for r in example
    )
    assert [line for line in lines if line.startswith("Provides-Extra:")] == [
        "Provides-Extra: example"
    ]
    tools = {distribution_name(r) for r in project["dependency-groups"]["dev"]}
    tools -= {distribution_name(r) for r in example}  # the example site's theme, in both
    assert tools & {distribution_name(r) for r in requires} == set()
    assert {"pytest", "ruff", "mypy", "playwright"} <= tools


def test_version_is_defined_once_and_in_the_changelog(dist: Path) -> None:
    from mkdocs_course_reviews import __version__  # noqa: PLC0415

    (wheel,) = dist.glob("*.whl")
    assert f"-{__version__}-" in wheel.name
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert f"## [{__version__}]" in changelog
