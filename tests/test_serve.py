"""A real `mkdocs serve` process: edits to reviews show up after the rebuild."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import review

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own server
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    docs = tmp_path / "docs"
    (docs / "reviews").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n")
    (docs / "reviews/a.md").write_text(review("Course A", category="Web"))
    (docs / "reviews/b.md").write_text(review("Course B", category="Web"))
    (docs / "reviews/c.md").write_text(review("Course C", category="Data", date="someday"))
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "Served", "plugins": ["course-reviews"]}))
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: _up(base), "mkdocs serve to start")
        yield base, docs
    finally:
        process.terminate()
        process.wait(timeout=20)


def _up(base: str) -> bool:
    try:
        return fetch(base) is not None
    except OSError:
        return False


def _has(url: str, text: str) -> bool:
    page = fetch(url)
    return page is not None and text in page


def test_serve_reflects_edits(served: tuple[str, Path]) -> None:
    base, docs = served
    assert _has(base + "categories/web/", "Course B")
    assert fetch(base + "reviews/c/") is None  # broken date: withheld

    # Move B to another category.
    (docs / "reviews/b.md").write_text(review("Course B", category="Data"))
    wait_for(lambda: _has(base + "categories/data/", "Course B"), "B on the Data page")
    assert not _has(base + "categories/web/", "Course B")

    # Fix C's broken date.
    (docs / "reviews/c.md").write_text(review("Course C", category="Data", date='"June 2024"'))
    wait_for(lambda: _has(base + "reviews/c/", "June 2024"), "C to be published")
    assert _has(base + "categories/data/", "Course C")

    # Make A a draft: previewed with a DRAFT marker, but gone from every listing.
    (docs / "reviews/a.md").write_text(review("Course A", category="Web", extra="draft: true\n"))
    wait_for(lambda: _has(base + "reviews/a/", "mkdocs-draft-marker"), "A to be a draft")
    assert fetch(base + "categories/web/") is None  # its only category is now draft-only
    assert "Course A" not in (fetch(base + "categories/") or "")


def _serve(
    tmp_path: Path, files: dict[str, str], *flags: str
) -> tuple[subprocess.Popen[bytes], str]:
    docs = tmp_path / "docs"
    for name, text in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text)
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        yaml.safe_dump({"site_name": "Dirty", "plugins": [{"course-reviews": {"per_page": 2}}]})
    )
    port = free_port()
    address = f"127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *flags, "-f", str(config), "-a", address],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return process, f"http://127.0.0.1:{port}/"


def _titles(url: str) -> list[str]:
    page = fetch(url) or ""
    return re.findall(r'class="course-review-item-title"[^>]*>([^<]*)<', page)


@pytest.mark.slow
def test_serve_dirty_over_http_after_each_kind_of_edit(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n\n<!-- course-reviews limit=2 -->\n",
        "reviews/a.md": review("Alpha", category="Web", institution="MIT", date='"2021"'),
        "reviews/b.md": review("Beta", category="Web", institution="MIT", date='"2022"'),
        "reviews/c.md": review("Gamma", category="Data", institution="Yale", date='"2023"'),
    }
    process, base = _serve(tmp_path, files, "--dirty")
    docs = tmp_path / "docs"
    try:
        wait_for(lambda: _up(base), "mkdocs serve --dirty to start")
        assert _titles(base) == ["Gamma", "Beta"]

        # Edit: a new title and the newest date; home, category, institution and year follow.
        (docs / "reviews/a.md").write_text(
            review("Alpha Two", category="Web", institution="MIT", date='"2024"')
        )
        wait_for(lambda: _titles(base) == ["Alpha Two", "Gamma"], "the home page's listing")
        assert _titles(base + "categories/web/") == ["Alpha Two", "Beta"]
        assert _titles(base + "institutions/mit/") == ["Alpha Two", "Beta"]
        assert _titles(base + "years/2024/") == ["Alpha Two"]
        assert "Alpha Two" in (fetch(base + "reviews/a/") or "")

        # Add a review in a new category.
        (docs / "reviews/d.md").write_text(review("Delta", category="Art", date='"2025"'))
        wait_for(lambda: _titles(base + "categories/art/") == ["Delta"], "the new category page")
        assert _titles(base) == ["Delta", "Alpha Two"]
        assert "Art" in (fetch(base + "categories/") or "")

        # Draft it: previewed as a draft, listed nowhere.
        (docs / "reviews/d.md").write_text(
            review("Delta", category="Art", date='"2025"', extra="draft: true\n")
        )
        wait_for(lambda: _titles(base) == ["Alpha Two", "Gamma"], "the draft out of listings")
        assert "mkdocs-draft-marker" in (fetch(base + "reviews/d/") or "")
        assert fetch(base + "categories/art/") is None

        # Un-draft it.
        (docs / "reviews/d.md").write_text(review("Delta", category="Art", date='"2025"'))
        wait_for(lambda: _titles(base) == ["Delta", "Alpha Two"], "the review listed again")
        assert _titles(base + "categories/art/") == ["Delta"]

        # Delete one: its page and its listings go.
        (docs / "reviews/c.md").unlink()
        wait_for(lambda: fetch(base + "reviews/c/") is None, "the deleted review's page to go")
        assert fetch(base + "institutions/yale/") is None
        assert "Gamma" not in (fetch(base + "reviews/") or "")
    finally:
        process.terminate()
        process.wait(timeout=20)
