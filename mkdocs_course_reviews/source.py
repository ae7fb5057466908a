"""Reading a review's source: its YAML front matter and its Markdown body, once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from mkdocs_course_reviews.problems import Problem

_HANDLER = YAMLHandler()
_KEY_LINE = re.compile(r"^(?P<key>[^\s#:][^:]*?)\s*:", re.MULTILINE)


@dataclass
class ReviewSource:
    """A review file split into its front matter and body.

    `metadata` is None when the front matter could not be read; `problems` then says why.
    """

    path: str
    metadata: dict[str, Any] | None
    body: str
    key_lines: dict[str, int] = field(default_factory=dict)
    """The line in the file of each top-level front-matter key, for messages."""
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, key: str) -> int | None:
        """The line in the file where a top-level front-matter key is written, if any."""
        return self.key_lines.get(key)


def _key_lines(front_matter: str, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    for match in _KEY_LINE.finditer(front_matter):
        key = match.group("key").strip("'\"")
        lines.setdefault(key, first_line + front_matter.count("\n", 0, match.start()))
    return lines


def _unreadable(path: str, message: str, line: int | None = None) -> ReviewSource:
    return ReviewSource(path, None, "", problems=[Problem(path, message, line=line)])


def read_source(path: str, text: str) -> ReviewSource:
    """Split `text` (the content of the file at `path`) into front matter and body.

    Never raises for bad input: every problem is described in the result.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return _unreadable(
            path, "is empty; start it with front matter (title, category, institution, date)"
        )
    if not _HANDLER.detect(text):
        return _unreadable(
            path,
            "has no front matter; start the file with a line '---', the fields "
            "(title, category, institution, date), then another line '---'",
            line=1,
        )
    try:
        front_matter, body = _HANDLER.split(text)
    except ValueError:
        return _unreadable(
            path, "has front matter that is never closed; add a line '---' after the fields", 1
        )
    # The front matter's text starts at the end of the opening '---' line (line 1).
    first_line = 1
    try:
        metadata = _HANDLER.load(front_matter)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark is not None else None
        reason = error.problem or "invalid YAML"
        return _unreadable(
            path,
            f"has invalid YAML front matter at line {line}: {reason}; "
            "check the quotes, colons and indentation on that line",
            line,
        )
    except yaml.YAMLError as error:
        return _unreadable(path, f"has invalid YAML front matter: {error}", 1)
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        return _unreadable(
            path,
            f"has front matter that is a {_yaml_kind(metadata)}, not a set of fields; "
            "write one 'field: value' per line",
            2,
        )
    return ReviewSource(path, metadata, body.lstrip("\n"), _key_lines(front_matter, first_line))


def _yaml_kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "plain text"
    return type(value).__name__
