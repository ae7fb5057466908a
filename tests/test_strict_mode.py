"""`--strict` fails on the plugin's warnings under `-q` and `-v` too (real `mkdocs` and
`properdocs` commands)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import draft_and_broken

pytestmark = pytest.mark.slow  # real `mkdocs` and `properdocs` processes

MARK = "QuietStrictSecret"


def site(root: Path) -> Path:
    """A site whose only review is broken (no institution), and a draft."""
    docs = root / "docs"
    for path, text in {"index.md": "# Home\n", **draft_and_broken(MARK)}.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Strict\ntheme: material\nplugins:\n  - course-reviews\n", encoding="utf-8"
    )
    return config


def mkdocs(config: Path, *flags: str, engine: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    site_dir = config.parent / "site"
    command = [sys.executable, "-m", engine, "build", "-f", str(config), "-d", str(site_dir)]
    return subprocess.run(
        [*command, *flags], capture_output=True, text=True, check=False, cwd=config.parent
    )


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
@pytest.mark.parametrize("flags", [("-q", "--strict"), ("--strict", "-q"), ("-v", "--strict")])
def test_strict_fails_on_our_warning_whatever_the_verbosity(
    tmp_path: Path, flags: tuple[str, ...], engine: str
) -> None:
    done = mkdocs(site(tmp_path), *flags, engine=engine)
    assert done.returncode == 1, done.stderr
    assert "reviews/broken.md" in done.stderr
    assert "institution" in done.stderr
    assert "Aborted with 1 warnings in strict mode" in done.stdout + done.stderr


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_quiet_without_strict_stays_quiet_and_builds(tmp_path: Path, engine: str) -> None:
    config = site(tmp_path)
    done = mkdocs(config, "-q", engine=engine)
    assert done.returncode == 0, done.stderr
    assert "broken.md" not in done.stderr
    built = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert built
    assert not [p for p in built if MARK in p.read_text(encoding="utf-8", errors="replace")]


def test_mkdocs_own_warnings_are_left_to_mkdocs_under_quiet(tmp_path: Path) -> None:
    """A broken link is MkDocs' warning: `-q --strict` keeps MkDocs' behaviour for it."""
    config = site(tmp_path)
    (tmp_path / "docs" / "reviews" / "broken.md").unlink()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[x](missing.md)\n", encoding="utf-8")
    loud = mkdocs(config, "--strict")
    quiet = mkdocs(config, "-q", "--strict")
    assert loud.returncode == 1, loud.stderr
    assert "missing.md" in loud.stderr
    assert quiet.returncode == 0, quiet.stderr
