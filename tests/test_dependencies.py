"""What the package imports is what it declares; CI's lowest-versions job pins what it declares."""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import re
import sys
from collections.abc import Mapping

from tests.project import ROOT, distribution_name, pyproject

PACKAGE = ROOT / "mkdocs_course_reviews"


def third_party_imports() -> dict[str, str]:
    """Each top-level module the package imports, but the standard library and itself, by file."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):  # every import, in functions and `if TYPE_CHECKING:` too
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.partition(".")[0]
                if top not in sys.stdlib_module_names and top != PACKAGE.name:
                    found.setdefault(top, path.relative_to(ROOT).as_posix())
    return found


@functools.cache
def installed() -> Mapping[str, list[str]]:
    """Each installed top-level module and the distributions that provide it (a slow scan)."""
    return importlib.metadata.packages_distributions()


def providers(module: str) -> set[str]:
    """The installed distributions that provide a top-level module, by normalised name."""
    return {distribution_name(name) for name in installed().get(module, [])}


def declared() -> set[str]:
    return {distribution_name(r) for r in pyproject()["project"]["dependencies"]}


def test_every_imported_module_is_a_declared_dependency() -> None:
    runtime = declared()
    undeclared = {
        module: (where, sorted(providers(module)))
        for module, where in third_party_imports().items()
        if not providers(module) & runtime
    }
    assert undeclared == {}


def test_every_declared_dependency_is_imported() -> None:
    imported = set().union(*(providers(module) for module in third_party_imports()))
    assert declared() - imported == set()


def test_lowest_versions_job_pins_the_declared_lower_bounds() -> None:
    workflow = (ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    job = workflow[workflow.index("  lowest-direct:") :]
    pins = set(re.findall(r'"([\w.-]+)==([\d.]+)"', job))
    lower_bounds = set()
    for requirement in pyproject()["project"]["dependencies"]:
        match = re.match(r"([\w.-]+)>=([\d.]+)", requirement)
        assert match is not None, f"{requirement} has no lower bound"
        lower_bounds.add(match.groups())
    assert pins == lower_bounds


def test_ci_runs_the_readme_commands_exactly() -> None:
    root = ROOT
    readme = (root / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(python3 -m venv .*?)\n```", readme)
    assert len(commands) >= 2
    serve, test = commands[:2]
    assert "mkdocs serve" in serve
    assert "pytest" in test
    assert test in (root / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_the_stylesheet_is_well_formed() -> None:
    # A merge that drops one closing brace silently unstyles everything after it.
    css = (ROOT / "mkdocs_course_reviews" / "assets" / "course-reviews.css").read_text()
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    depth = 0
    for character in css:
        depth += {"{": 1, "}": -1}.get(character, 0)
        assert depth >= 0
    assert depth == 0


def test_templates_write_symbols_beyond_latin_1_as_references() -> None:
    # Python keeps a string at one byte a character only while every character is Latin-1: a
    # single "★" in a card would double the memory of each page's whole content.
    for path in sorted((ROOT / "mkdocs_course_reviews" / "templates").rglob("*.html")):
        wide = sorted({c for c in path.read_text(encoding="utf-8") if ord(c) > 0xFF})
        assert wide == [], path.name
