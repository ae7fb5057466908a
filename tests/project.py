"""The project's own declarations: pyproject.toml (the packaging tests' oracle), the docs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[1]


def pyproject() -> dict[str, Any]:
    """pyproject.toml, parsed (skips the test on Python 3.10, which has no `tomllib`)."""
    tomllib = pytest.importorskip("tomllib")
    parsed: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return parsed


def distribution_name(requirement: str) -> str:
    """The normalised (PEP 503) distribution name of a requirement like `PyYAML>=5.1`."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
    assert match is not None, requirement
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def docs_page(name: str) -> str:
    """The Markdown of the documentation's page `docs/<name>` (the text users read)."""
    return (ROOT / "docs" / name).read_text(encoding="utf-8")
