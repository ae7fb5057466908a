"""Print the table of fields of docs/writing-reviews.md from the plugin's table of fields.

python scripts/fields_table.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from mkdocs_course_reviews.fields import FIELDS, Shape


def main() -> None:
    """Print the table as Markdown."""
    print("| field | type | required by default | notes |")
    print("|---|---|---|---|")
    for field in FIELDS:
        shape = field.shape.value
        if field.shape is Shape.CHOICE:
            shape = "one of " + ", ".join(f"`{choice}`" for choice in field.choices)
        required = "yes" if field.required else "no"
        if field.default is not None:
            required += f" (default `{field.default}`)"
        notes = field.notes
        if field.aliases:
            also = ", ".join(f"`{alias}`" for alias in field.aliases)
            notes = notes or f"{also} is accepted too"
        print(f"| `{field.key}` | {shape} | {required} | {notes} |")


if __name__ == "__main__":
    main()
