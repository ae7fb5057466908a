"""Problems found in a review's source, each one something its author can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one file, e.g. a date that is not a date.

    `message` is a sentence that follows the field's name: "is missing; add ...".
    `blocks_publication` is true when the page must not be published because of it.
    """

    path: str
    message: str
    field: str | None = None
    line: int | None = None
    blocks_publication: bool = True

    def __str__(self) -> str:
        """The log line: `reviews/foo.md: date "someday" is not a date; ...`."""
        if self.field is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}: {self.field} {self.message}"

    def for_editors(self) -> str:
        """The `path:line: field: message` form that editors and CI annotate files with."""
        return f"{self.path}:{self.line or 1}: {self.field or 'file'}: {self.message}"
