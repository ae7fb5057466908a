"""The documentation site: its pages, the README that leads to them, the workflow that publishes
them, and the link check that keeps them whole (scripts/check_links.py, run on a small site)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.project import ROOT

DOCS_URL = "https://mkdocs-course-reviews.github.io/mkdocs-course-reviews/"
CHECK_LINKS = ROOT / "scripts" / "check_links.py"


def _nav_files(nav: list[object]) -> list[str]:
    files: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            files += _nav_files(value)
        elif isinstance(value, str) and value.endswith(".md"):
            files.append(value)
    return files


def _config() -> dict[str, object]:
    # mkdocs.yml holds no !ENV or !relative tags, so a plain YAML reader reads all of it.
    config: dict[str, object] = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return config


def test_every_page_is_in_the_navigation_once() -> None:
    nav = _config()["nav"]
    assert isinstance(nav, list)
    pages = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
    assert sorted(_nav_files(nav)) == pages
    assert {"Live demo": "demo/"} in nav


def test_the_site_url_is_where_the_readme_says_the_docs_are() -> None:
    assert _config()["site_url"] == DOCS_URL
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"({DOCS_URL}demo/)" in readme
    assert "(demo/)" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")


def test_each_docs_link_of_the_readme_names_a_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(re.escape(DOCS_URL) + r"([\w-]+)/", readme)) - {"demo"}
    pages = {p.stem for p in (ROOT / "docs").glob("*.md")} - {"index"}
    assert linked == pages


def test_the_readme_is_short_and_each_section_fits_a_screen() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.split()) <= 2500
    for section in re.split(r"(?m)^## ", readme):
        # A screen: 50 lines; a table of pictures or of pages counts as what it shows.
        assert len(section.splitlines()) <= 50, section.splitlines()[0]


def test_the_readme_pictures_are_in_the_repository() -> None:
    # Absolute, so that PyPI shows them too; each names a file of docs/images/.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    raw = "https://raw.githubusercontent.com/mkdocs-course-reviews/mkdocs-course-reviews/main/"
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    assert len(pictures) == 10
    for picture in pictures:
        assert picture.startswith(raw + "docs/images/"), picture
        assert (ROOT / picture.removeprefix(raw)).is_file(), picture


def test_every_install_snippet_works_before_the_first_release() -> None:
    # Nothing is on PyPI yet: a snippet to copy installs from the repository.
    texts = [(ROOT / "README.md").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))]
    for text in texts:
        for line in re.findall(r"^\s*(?:- run: )?pip install .*$", text, flags=re.MULTILINE):
            assert "mkdocs-course-reviews" not in line or "@ git+https://" in line, line
        assert not re.search(r"^\s+rev: v", text, flags=re.MULTILINE)


def test_the_workflow_publishes_the_folder_ci_builds() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "docs.yml").read_text())
    build = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    command = "scripts/build_docs.py public"
    assert any(command in run for run in build)
    assert any(command in line for line in (ROOT / ".ci" / "run").read_text().splitlines())
    (upload,) = (
        s
        for s in workflow["jobs"]["build"]["steps"]
        if "upload-pages-artifact" in s.get("uses", "")
    )
    assert upload["with"]["path"] == "public"
    deploy = workflow["jobs"]["deploy"]
    assert [s["uses"] for s in deploy["steps"]] == ["actions/deploy-pages@v4"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"]
    # PyYAML reads the key `on` as True.
    assert workflow[True]["push"]["branches"] == ["main"]


def test_the_release_tag_is_the_version_in_the_changelog() -> None:
    from mkdocs_course_reviews import __version__  # noqa: PLC0415

    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\](.*)$", changelog, flags=re.MULTILINE)
    assert headings[0] == ("Unreleased", "")
    assert headings[1][0] == __version__
    assert re.fullmatch(r" - \d{4}-\d{2}-\d{2}", headings[1][1])
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    assert ci[True]["push"]["tags"] == ["v*"]
    development = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    assert f"git tag v{__version__}" in development


def _site(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, html in files.items():
        path = tmp_path / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return tmp_path / "site"


def _check(site: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK_LINKS), str(site), *arguments],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_link_check_passes_a_whole_site(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="a/">a</a><a href="a/#part">part</a><img src="img/x%20y.png">'
            '<a href="https://example.com/nowhere">out</a><a href="mailto:a@b.c">mail</a>'
            '<a href="/docs/a/index.html">absolute</a><a href="#top" id="top">top</a>'
            '<img srcset="img/x%20y.png 1x, img/x%20y.png 2x">',
            "a/index.html": '<h2 id="part">Part</h2><a href="../">up</a>'
            '<a href="../demo/">demo</a>',
            "img/x y.png": "",
            "demo/index.html": '<a href="../a/?q=1">back</a>',
        },
    )
    result = _check(site, "--base", "/docs/")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == f"0 broken internal links in 3 pages of {site}"


def test_the_link_check_finds_every_kind_of_broken_link(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="b/">no page</a><a href="a/#nothing">no anchor</a>'
            '<img src="missing.png"><a href="../../outside.html">outside</a>'
            '<a href="/elsewhere/">another base</a><link href="style.css" rel="stylesheet">',
            "a/index.html": "<p>A</p>",
        },
    )
    result = _check(site, "--base", "/docs/")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:-1] == [
        "/docs/index.html: b/ leads to no file",
        "/docs/index.html: a/#nothing names no element of index.html",
        "/docs/index.html: missing.png leads to no file",
        "/docs/index.html: ../../outside.html leads to no file",
        "/docs/index.html: /elsewhere/ leads to no file",
        "/docs/index.html: style.css leads to no file",
    ]
    assert lines[-1] == f"6 broken internal links in 2 pages of {site}"
