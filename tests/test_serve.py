"""A real `mkdocs serve` process: edits to reviews show up after the rebuild."""

from __future__ import annotations

import os
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
