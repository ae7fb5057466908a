"""Shared fixtures: build a real MkDocs site from a dict of files into a temporary folder."""

from __future__ import annotations

import gzip
import logging
import os
import subprocess
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.browser import CHROMIUM_ARGS, INSTALL_HINT, chromium_path

SERVE_URL = "http://127.0.0.1:8000/"
REVIEW = """\
---
title: {title}
category: {category}
institution: {institution}
date: {date}
{extra}---

{body}
"""


def review(  # noqa: PLR0913 - a review has this many fields
    title: str = "A Course",
    *,
    category: str = "Web",
    institution: str = "Udemy",
    date: str = '"June 2025"',
    body: str = "My review of the course.",
    extra: str = "",
) -> str:
    """The text of a review file; values are YAML, so quote them as needed."""
    return REVIEW.format(
        title=title, category=category, institution=institution, date=date, body=body, extra=extra
    )


# How `draft_and_broken` breaks its broken review: what its front matter holds.
BROKEN_FRONT = {
    # No institution: the plugin withholds it, with a warning.
    "no institution": 'title: Broken {secret}\ncategory: Web\ndate: "May 2025"\n',
    # Front matter YAML cannot read: never a page, whatever else it says.
    "bad yaml": "title: [{secret}\n",
}


def draft_and_broken(
    secret: str, *, folder: str = "reviews", broken: str | None = "no institution", **draft: str
) -> dict[str, str]:
    """A draft and a broken review, for a site's files: `{folder}/draft.md`, `{folder}/broken.md`.

    Both carry `secret` in their title and body, so that `Site.leaks(secret)` finds every built
    file either reaches. `draft` are the draft's other fields, as `review` takes them (`extra`
    is added to `draft: true`). `broken` names how the broken one is broken (a key of
    BROKEN_FRONT); None leaves it out.
    """
    extra = "draft: true\n" + draft.pop("extra", "")
    files = {f"{folder}/draft.md": review(f"Draft {secret}", body=secret, extra=extra, **draft)}
    if broken is not None:
        front = BROKEN_FRONT[broken].format(secret=secret)
        files[f"{folder}/broken.md"] = f"---\n{front}---\n\n{secret}\n"
    return files


@dataclass(frozen=True)
class Link:
    """A symbolic link to `target` (relative to the link's folder), in place of a file's text."""

    target: str


Content: TypeAlias = str | bytes | Link
"""What `build_site` writes at a path: text, bytes or a symbolic link."""


@dataclass
class Site:
    """A built site: its folders and the log of its build."""

    docs_dir: Path
    site_dir: Path
    records: list[logging.LogRecord] = field(default_factory=list)

    def html(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.site_dir / path).read_text(encoding="utf-8"), "html.parser")

    def exists(self, path: str) -> bool:
        return (self.site_dir / path).exists()

    def text_of_every_file(self) -> Iterator[tuple[Path, str]]:
        """Every built file as text, `.gz` files decompressed."""
        for path in sorted(self.site_dir.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                if path.suffix == ".gz":
                    data = gzip.decompress(data)
                yield path, data.decode("utf-8", errors="replace")

    def leaks(self, *secrets: str) -> list[str]:
        """The built files (relative to the site folder) holding any of `secrets`, `.gz` read
        decompressed: a test asserts there are none."""
        return [
            path.relative_to(self.site_dir).as_posix()
            for path, text in self.text_of_every_file()
            if any(secret in text for secret in secrets)
        ]

    @property
    def warnings(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= logging.WARNING]

    @property
    def messages(self) -> list[str]:
        return [r.getMessage() for r in self.records]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


BuildSite = Callable[..., Site]
GIT_DATE = "2020-01-02T03:04:05+00:00"
"""When `build_site(..., git=True)` commits the site: a day that is never a build's."""


def commit_to_git(root: Path, paths: list[str]) -> None:
    """Make `root` a git repository and commit `paths` in it, dated GIT_DATE."""
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": GIT_DATE,
        "GIT_COMMITTER_DATE": GIT_DATE,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    for command in (
        ["git", "init", "-q", "-b", "main"],
        ["git", "add", *paths],
        ["git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "The site"],
    ):
        subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)


def build_in_process(
    config_file: Path, *, serve: bool = False, strict: bool = False, **overrides: Any
) -> list[logging.LogRecord]:
    """Build the site of `config_file` as the `mkdocs` command does; return the build's log."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    # The `mkdocs` command runs in the site's folder; some plugins (git, caches) rely on it.
    cwd = Path.cwd()
    os.chdir(config_file.parent)
    try:
        cfg = load_config(str(config_file), strict=strict, **overrides)
        # As the `mkdocs` command does around a build.
        cfg.plugins.on_startup(command="serve" if serve else "build", dirty=False)
        try:
            build(cfg, serve_url=SERVE_URL if serve else None)
        finally:
            cfg.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
        logger.setLevel(level)
        logger.removeHandler(handler)
    return handler.records


@pytest.fixture
def build_site(tmp_path: Path) -> BuildSite:
    """Return a function that writes `files` into a fresh docs folder and builds the site."""
    return site_builder(tmp_path)


@pytest.fixture(scope="module")
def build_site_module(tmp_path_factory: pytest.TempPathFactory) -> BuildSite:
    """Like `build_site`, for a site that a whole module of tests reads."""
    return site_builder(tmp_path_factory.mktemp("module"))


def site_builder(tmp_path: Path) -> BuildSite:
    """A function that writes `files` into a fresh folder under `tmp_path` and builds a site."""
    counter = iter(range(1000))

    def _build(  # noqa: PLR0913 - the knobs of a site, each a keyword
        files: Mapping[str, Content],
        *,
        serve: bool = False,
        strict: bool = False,
        theme: str | dict[str, Any] = "mkdocs",
        root_files: Mapping[str, str | bytes] | None = None,
        git: bool = False,
        **options: Any,
    ) -> Site:
        """Build `files` (under docs/) with mkdocs.yml keys `options`.

        `root_files` go beside mkdocs.yml (scripts of other plugins); `git` commits the docs
        and mkdocs.yml into a new repository first, on GIT_DATE, as a site kept in git is.
        """
        root = tmp_path / f"site{next(counter)}"
        docs_dir = root / "docs"
        for folder, written in ((docs_dir, files), (root, root_files or {})):
            for name, content in written.items():
                path = folder / name
                path.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(content, Link):
                    path.symlink_to(content.target)
                elif isinstance(content, bytes):
                    path.write_bytes(content)
                else:
                    path.write_text(content, encoding="utf-8")
        docs_dir.mkdir(parents=True, exist_ok=True)
        plugin_options = options.pop("plugin", {})
        config: dict[str, Any] = {
            "site_name": "Test log",
            "site_url": "https://example.org/log/",
            "theme": theme if isinstance(theme, dict) else {"name": theme},
            "plugins": ["search", {"course-reviews": plugin_options}],
            **options,
        }
        config_file = root / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
        if git:
            commit_to_git(root, ["docs", "mkdocs.yml"])
        site = Site(docs_dir, root / "site")
        site.records = build_in_process(config_file, serve=serve, strict=strict)
        return site

    return _build


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, one for each test module (skipped without Chromium or Playwright)."""
    executable = chromium_path()
    if executable is None:
        pytest.skip(INSTALL_HINT)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
